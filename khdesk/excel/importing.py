"""Matching an imported table's agencies to the catalogue, and writing it into a plan: all rows
or none, in one transaction."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..db import Store
from ..models import Agency
from ..text import fold
from .reading import ImportTable

UNSORTED_GROUP = "Chưa phân loại"
CLOSE_ENOUGH = 0.86
_ABBREVIATIONS = [(r"\bubnd\b", "uy ban nhan dan"), (r"\btp\b\.?", "thanh pho"), (r"\btx\b\.?", "thi xa"),
                  (r"\bh\b\.", "huyen"), (r"\bbql\b", "ban quan ly"), (r"\bkkt\b", "khu kinh te"),
                  (r"\bqlda\b", "quan ly du an"), (r"\bso\b", "so")]


@dataclass
class AgencyMatch:
    name: str                       # as written in the file
    agency_id: int | None           # None: a new agency will be created under "Chưa phân loại"
    how: str                        # "đúng tên", "gần đúng", "mới"


@dataclass
class ImportResult:
    plan_id: int
    plan_created: bool
    task_ids: list[int] = field(default_factory=list)
    created_agency_ids: list[int] = field(default_factory=list)
    converted_cells: int = 0

    def summary(self, store: Store) -> str:
        leads = {store.tasks.get(t).lead_agency_id for t in self.task_ids}
        text = (f"{len(self.task_ids)} nhiệm vụ, {len(leads)} cơ quan, "
                f"{self.converted_cells} ô chuyển mã")
        if self.created_agency_ids:
            names = ", ".join(store.agencies.get(a).name for a in self.created_agency_ids)
            text += f"; {len(self.created_agency_ids)} cơ quan mới trong «{UNSORTED_GROUP}»: {names}"
        return text


def _expanded(text: str) -> str:
    key = fold(text).replace(".", ". ")
    for pattern, full in _ABBREVIATIONS:
        key = re.sub(pattern, full, key)
    return " ".join(re.sub(r"[^\w&]+", " ", key).split())


def match_agency(name: str, agencies: list[Agency], find) -> AgencyMatch:
    found = find(name)
    if found is not None:
        return AgencyMatch(name, found.id, "đúng tên")
    wanted = _expanded(name)
    best, best_score = None, 0.0
    for agency in agencies:
        if not agency.active or agency.kind == "group" and agency.name == UNSORTED_GROUP:
            continue
        for candidate in (agency.name, agency.print_name, *agency.aliases):
            score = difflib.SequenceMatcher(None, wanted, _expanded(candidate)).ratio()
            if score > best_score:
                best, best_score = agency, score
    if best is not None and best_score >= CLOSE_ENOUGH:
        return AgencyMatch(name, best.id, "gần đúng")
    return AgencyMatch(name, None, "mới")


def match_agencies(store: Store, table: ImportTable) -> dict[str, AgencyMatch]:
    agencies = store.agencies.all()
    return {name: match_agency(name, agencies, store.agencies.find) for name in table.agency_names()}


def apply_import(store: Store, table: ImportTable, month: str, choices: dict[str, int | None]) -> ImportResult:
    """Write every row of ``table`` at the end of the plan of ``month`` (created if missing).
    ``choices`` maps each agency name of the table to an agency id, or None to create it under
    "Chưa phân loại". One transaction: all rows are stored, or none."""
    with store.transaction():
        try:
            plan, created = store.plans.by_month(month), False
        except Exception:
            plan, created = store.plans.create(month), True
        result = ImportResult(plan.id, created, converted_cells=table.converted_cells)
        ids: dict[str, int] = {}
        group = None
        for name in table.agency_names():
            agency_id = choices.get(name)
            if agency_id is None:
                if group is None:
                    group = store.agencies.find(UNSORTED_GROUP) or store.agencies.add(UNSORTED_GROUP, kind="group")
                agency_id = store.agencies.add(name, kind="other", parent_id=group.id).id
                result.created_agency_ids.append(agency_id)
            ids[name] = agency_id
        for row in table.rows:
            task = store.tasks.add(plan.id, row.content, ids.get(row.lead) if row.lead else None,
                                   coordinator_ids=[ids[c] for c in row.coordinators if c in ids],
                                   deadline_text=row.deadline_text, due_date=row.due_date)
            result.task_ids.append(task.id)
    return result
