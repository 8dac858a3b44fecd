"""Matching an imported table's agencies to the catalogue, and writing it into a plan: all rows
or none, in one transaction."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..agency_names import (
    ABBREVIATED,
    AMBIGUOUS,
    CLOSE,
    EXACT,
    LEGACY,
    NEW,
    NOT_AN_AGENCY,
    AgencyMatch,
    Candidate,
    match,
    names_an_agency,
)
from ..db import Store
from ..legacy_text import TCVN3, VNI, convert, is_unicode_vietnamese
from ..models import Agency
from .reading import ImportTable

__all__ = ["AgencyMatch", "ImportResult", "UNSORTED_GROUP", "apply_import", "loose_matches", "match_agencies"]

UNSORTED_GROUP = "Chưa phân loại"


def _candidates(agencies: list[Agency]) -> list[Candidate]:
    return [Candidate(a.id, a.active, (a.name, a.print_name, *a.aliases)) for a in agencies
            if not (a.kind == "group" and a.name == UNSORTED_GROUP)]


def match_agencies(store: Store, table: ImportTable) -> dict[str, AgencyMatch]:
    """Each agency name of the table → what it matches in the catalogue (see ``khdesk.agency_names``).
    A name that matches nothing as written but a catalogue agency once read as TCVN3/VNI text (a
    legacy-font cell whose font was lost) is that agency, marked as a guess — never created as new."""
    candidates = _candidates(store.agencies.all())
    found = {}
    for name in table.agency_names():
        found[name] = match(name, candidates)
        if found[name].how == NEW and not name.isascii() and not is_unicode_vietnamese(name):
            for encoding in (TCVN3, VNI):
                legacy = match(convert(name, encoding), candidates)
                if legacy.agency_id is not None and legacy.how in (EXACT, ABBREVIATED):
                    found[name] = AgencyMatch(name, legacy.agency_id, LEGACY)
                    break
        if found[name].how == NEW and not names_an_agency(name):
            found[name] = AgencyMatch(name, None, NOT_AN_AGENCY)
    return found


def loose_matches(store: Store, matches: dict[str, AgencyMatch]) -> list[str]:
    """One line per name that was not matched to the letter: close spellings, ambiguous names."""
    lines = []
    for name, m in matches.items():
        if m.how in (CLOSE, LEGACY):
            lines.append(f"«{name}» được hiểu là «{store.agencies.get(m.agency_id).name}» ({m.how})")
        elif m.how == AMBIGUOUS:
            options = " hoặc ".join(f"«{store.agencies.get(a).name}»" for a in m.candidates)
            lines.append(f"«{name}» có thể là {options}: chưa chọn, tạo cơ quan mới như trong tệp")
    return lines


@dataclass
class ImportResult:
    plan_id: int
    plan_created: bool
    task_ids: list[int] = field(default_factory=list)
    created_agency_ids: list[int] = field(default_factory=list)
    converted_cells: int = 0
    kept_results: int = 0          # a replaced plan: tasks whose recorded follow-up went to the same new task

    def summary(self, store: Store) -> str:
        leads = {a for t in self.task_ids for a in store.tasks.get(t).lead_agency_ids}
        text = (f"{len(self.task_ids)} nhiệm vụ, {len(leads)} cơ quan, "
                f"{self.converted_cells} ô chuyển mã")
        if self.created_agency_ids:
            names = ", ".join(store.agencies.get(a).name for a in self.created_agency_ids)
            text += f"; {len(self.created_agency_ids)} cơ quan mới trong «{UNSORTED_GROUP}»: {names}"
        return text


def apply_import(store: Store, table: ImportTable, month: str, choices: dict[str, int | None]) -> ImportResult:
    """Write every row of ``table`` at the end of the plan of ``month`` (created if missing).
    ``choices`` maps each agency name of the table to an agency id, or None to create it under
    "Chưa phân loại". One transaction: all rows are stored, or none — and none while a cell of the
    table holds what khdesk cannot keep (``table.problems``)."""
    table.refuse_problems()
    # a lead cell that names no body («Theo phân công tại Quyết định số …») stays text on the task, unless
    # the clerk chose an agency for it: never a new agency
    as_text = {name for name in table.agency_names() if choices.get(name) is None and not names_an_agency(name)}
    with store.transaction():
        try:
            plan, created = store.plans.by_month(month), False
        except Exception:
            plan, created = store.plans.create(month), True
        result = ImportResult(plan.id, created, converted_cells=table.converted_cells)
        ids: dict[str, int] = {}
        group = None
        for name in table.agency_names():
            if name in as_text:
                continue
            agency_id = choices.get(name)
            if agency_id is None:
                if group is None:
                    group = store.agencies.find(UNSORTED_GROUP) or store.agencies.add(UNSORTED_GROUP, kind="group")
                agency_id = store.agencies.add(name, kind="other", parent_id=group.id).id
                result.created_agency_ids.append(agency_id)
            ids[name] = agency_id
        for row in table.rows:
            content = row.content + "".join(f"\nChủ trì: {n}" for n in row.leads if n in as_text) \
                + "".join(f"\nPhối hợp: {n}" for n in row.coordinators if n in as_text)
            task = store.tasks.add(plan.id, content, [ids[n] for n in row.leads if n not in as_text],
                                   coordinator_ids=[ids[c] for c in row.coordinators if c in ids],
                                   deadline_text=row.deadline_text, due_date=row.due_date, given_in=row.given_in)
            result.task_ids.append(task.id)
    return result
