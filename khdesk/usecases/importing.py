"""Importing tasks: an imported table's agencies matched to the catalogue, and the table written into a
plan (all rows or none, in one transaction); a plan read from a Word document written as a month's plan,
one file or a whole folder in date order. The readers are in ``khdesk.formats``."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..db import Store
from ..db.failures import database_failure
from ..domain.agency_names import (
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
from ..domain.legacy_text import TCVN3, VNI, convert, is_unicode_vietnamese
from ..domain.models import Agency
from ..errors import InvalidInput, KhdeskError, Refused
from ..formats.tables import ImportTable
from ..formats.word.importing import WordPlan, read_word_plan

__all__ = ["AgencyMatch", "ImportResult", "Outcome", "UNSORTED_GROUP", "apply_import", "apply_word_plan", "import_files",
           "loose_matches", "match_agencies"]

UNSORTED_GROUP = "Chưa phân loại"


def _candidates(agencies: list[Agency]) -> list[Candidate]:
    return [Candidate(a.id, a.active, (a.name, a.print_name, *a.aliases)) for a in agencies
            if not (a.kind == "group" and a.name == UNSORTED_GROUP)]


def match_agencies(store: Store, table: ImportTable) -> dict[str, AgencyMatch]:
    """Each agency name of the table → what it matches in the catalogue (see ``khdesk.domain.agency_names``).
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


# ----- a plan read from a Word document -------------------------------------------------------------------------------------
FOLLOW_UP = ("status", "result_note", "completed_on", "reported_on", "status_reason", "followed_up_on")


def _followed_up(task) -> bool:
    return task.status != "todo" or any(getattr(task, name) for name in FOLLOW_UP[1:])


def apply_word_plan(store, plan: WordPlan, choices: dict[str, int | None], replace: bool = False,
                    drop_results: bool = False):
    """Write the plan and its tasks, all or nothing (one transaction); returns the import's result
    (the plan, its tasks, the agencies created). An existing month is replaced only when ``replace``
    (asked for); the follow-up recorded on its tasks (status, result, days, reason) goes to the new task that
    reads the same (text and leads), and a replace that would lose any is refused, naming the tasks, unless
    ``drop_results``."""
    plan.refuse_without_tasks()
    plan.table.refuse_problems()
    fields = dict(plan.fields)
    if plan.report_via:
        found = store.agencies.typed(plan.report_via)
        if len(found) == 1:
            fields["report_via_agency_id"] = found[0].id
    issued = bool(fields.get("number") and fields.get("issued_on"))
    fields.pop("status", None)             # (issued once its tasks are in: an issued plan takes no new task)
    with store.transaction():
        existing = next((s.plan for s in store.plans.summaries() if s.plan.month == plan.month), None)
        if existing is not None:
            if not replace:
                raise Refused(f"Đã có kế hoạch tháng {int(plan.month[5:])}/{plan.month[:4]} (số "
                              f"{existing.number_symbol}); không ghi đè. Nếu thật muốn thay bằng tệp này, chạy lại với "
                              "--replace.")
            followed = [t for t in store.tasks.of_plan(existing.id) if _followed_up(t)]
            store.plans.delete(existing.id)
        else:
            followed = []
        store.plans.create(plan.month, **fields)
        result = apply_import(store, plan.table, plan.month, choices)
        if followed:
            new_tasks = [store.tasks.get(t) for t in result.task_ids]
            kept = set()
            for old in followed:
                same = next((t for t in new_tasks if t.id not in kept and t.content == old.content
                             and t.lead_agency_ids == old.lead_agency_ids), None)
                if same is not None:
                    store.tasks.update(same.id, **{name: getattr(old, name) for name in FOLLOW_UP})
                    kept.add(same.id)
            lost = [old for old in followed if not any(
                t.content == old.content and t.lead_agency_ids == old.lead_agency_ids for t in new_tasks)]
            if lost and not drop_results:
                raise InvalidInput(f"Thay kế hoạch tháng {int(plan.month[5:])}/{plan.month[:4]} sẽ mất kết quả đã ghi của "
                              f"{len(lost)} nhiệm vụ không còn trong tệp (nhiệm vụ số "
                              f"{', '.join(str(t.position) for t in lost[:10])}{' …' if len(lost) > 10 else ''}); "
                              "không thay. Nếu thật muốn bỏ các kết quả đó, chạy lại với --replace --drop-results.")
            result.kept_results = len(kept)
        if issued:
            store.plans.update(store.plans.by_month(plan.month).id, status="issued")
    result.plan_created = True              # (apply_import found the plan made just above)
    return result


@dataclass
class Outcome:
    path: Path
    status: str      # "đã nhập", "đã có" (the month has a plan), "bỏ qua" (and why), "chưa nhập" (stopped)
    what: str
    lines: list[str] = field(default_factory=list)      # what a single import prints
    error: str = ""


def import_files(store, files: list[Path], month: str | None = None, replace: bool = False,
                 other_province: bool = False, drop_results: bool = False) -> list[Outcome]:
    """Each file read, then imported in the order of its date (each its own month, all or nothing);
    a file that cannot be read or whose month has a plan is skipped with the reason, and so is another
    province's plan unless ``other_province`` (its agencies are not this province's)."""
    read: list[tuple[Path, WordPlan]] = []
    outcomes: dict[Path, Outcome] = {}
    for path in files:
        try:
            plan = read_word_plan(path, month)
            plan.refuse_without_tasks()
            if not other_province:
                plan.refuse_other_province()
            read.append((path, plan))
        except KhdeskError as err:
            outcomes[path] = Outcome(path, "bỏ qua", str(err), error=str(err))
    read.sort(key=lambda item: (item[1].issued_on or date.max, item[1].month or ""))
    by_month: dict[str, list[Path]] = {}
    for path, plan in read:
        by_month.setdefault(plan.month, []).append(path)
    for month_, paths in by_month.items():                 # two files of one month: neither, and why
        if len(paths) > 1:
            names = ", ".join(f"«{p.name}»" for p in paths)
            for p in paths:
                why = (f"{names} đều là kế hoạch tháng {int(month_[5:])}/{month_[:4]}: không nhập tệp nào của tháng này; "
                       "hãy để lại một tệp rồi nhập lại")
                outcomes[p] = Outcome(p, "bỏ qua", why, error=why)
    read = [(path, plan) for path, plan in read if len(by_month[plan.month]) == 1]
    stopped = ""
    for path, plan in read:
        label = f"tháng {int(plan.month[5:])}/{plan.month[:4]}"
        if stopped:                 # (a full disk does not empty itself between two files)
            outcomes[path] = Outcome(path, "chưa nhập", f"{label}: dừng ở tệp trước ({stopped})", error=stopped)
            continue
        matches = match_agencies(store, plan.table) if plan.table is not None else {}
        try:
            result = apply_word_plan(store, plan, {name: m.agency_id for name, m in matches.items()}, replace,
                                     drop_results)
        except Refused as err:
            outcomes[path] = Outcome(path, "đã có", f"{label}: đã có kế hoạch, không ghi đè", error=str(err))
            continue
        except KhdeskError as err:
            outcomes[path] = Outcome(path, "bỏ qua", str(err), error=str(err))
            continue
        except Exception as err:    # the database could not be written (a full disk): the months before are in
            reason = database_failure(err)
            if reason is None:
                raise
            stopped = f"không ghi được tệp dữ liệu: {reason}"
            outcomes[path] = Outcome(path, "chưa nhập", f"{label}: {stopped}; kế hoạch này không được ghi",
                                     error=stopped)
            continue
        number = plan.fields.get("number", "")
        what = f"{label}, số {number or '…'}/{plan.fields.get('symbol', '')}: {len(plan.table.rows)} nhiệm vụ"
        lines = [f"Đã nhập kế hoạch {what} từ «{path.name}»."]
        if result.kept_results:
            lines.append(f"  Giữ kết quả đã ghi của {result.kept_results} nhiệm vụ vẫn như cũ (nội dung và cơ quan).")
        lines += [f"  {line}." for line in loose_matches(store, matches)]
        lines += [f"  Giữ nguyên chỗ (không nhận ra): {text}" for text in plan.unplaced[:20]]
        lines += [f"  {note}" for note in plan.notes + plan.table.notes[:5]]
        outcomes[path] = Outcome(path, "đã nhập", what, lines)
    return [outcomes[p] for p in files]
