"""The plan checker: what a careful văn thư looks for before the plan goes to be signed. One finding
per line; an error stops nothing by itself but makes ``khdesk check`` exit non-zero; warnings never
block printing. Plain values in, findings out (no Qt, no SQL).

Errors: a task without content or lead agency (it cannot be printed).
Warnings: tasks that repeat or nearly repeat each other; the same item of a document added twice; a retired
lead agency; a month or a deadline
in the body or the appendix's lines that is not this plan's month (nor, in the grounds and general
tasks — the conclusions of last month's meeting — the month before); an appendix title of another month; a number, symbol or date not in the
decree's form; a task copied unchanged from last month although last month marked it done.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..domain.models import Agency, Plan, Task
from ..domain.months import last_months_words, month_mentions, month_shift
from ..domain.text import fold
from .appendix_rows import task_problems

ERROR, WARNING = "lỗi", "cảnh báo"
SHINGLE = 3                     # words per shingle
NEAR = 0.6                      # share of the shorter task's shingles found in the other one

_DEADLINE = re.compile(r"(?:trước|đến|tới|chậm nhất)\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", re.I)
_SHORT_DATE = re.compile(r"\bngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", re.I)
_SYMBOL = re.compile(r"^[A-ZĐ]{1,10}(-[A-ZĐ0-9]{1,10}){1,3}$")


@dataclass(frozen=True)
class Finding:
    level: str                  # ERROR or WARNING
    where: str                  # "Nhiệm vụ 16, 17", "Căn cứ", "Số, ký hiệu"
    message: str

    def line(self) -> str:
        """«Cảnh báo: Nhiệm vụ 16, 17: …», a line that starts as a sentence does."""
        return f"{self.level.capitalize()}: {self.where}: {self.message}"


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", fold(text))
    return {tuple(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))} if words else set()


def near_repeats(tasks: list[Task]) -> list[tuple[Task, Task, float]]:
    """Pairs of tasks where most of the shorter one is found in the other (same words in the same
    order, ignoring case, diacritics and punctuation), found through the shingles they share."""
    shingles = [_shingles(t.content) for t in tasks]
    holders: dict[tuple, list[int]] = {}
    for i, s in enumerate(shingles):
        for sh in s:
            holders.setdefault(sh, []).append(i)
    shared: dict[tuple[int, int], int] = {}
    for where in holders.values():
        if len(where) > 50:                 # a phrase every task uses ("trên địa bàn tỉnh") says nothing
            continue
        for a in range(len(where)):
            for b in range(a + 1, len(where)):
                shared[(where[a], where[b])] = shared.get((where[a], where[b]), 0) + 1
    pairs = []
    for (a, b), n in shared.items():
        smaller = min(len(shingles[a]), len(shingles[b]))
        if smaller >= 3 and n / smaller >= NEAR:
            pairs.append((tasks[a], tasks[b], n / smaller))
    return sorted(pairs, key=lambda p: (p[0].position, p[1].position))


def _split_blocks(tasks: list[Task], name: dict[int, str]) -> list[Finding]:
    """A lead agency whose tasks are not next to each other: the appendix names it once per block, so
    it prints twice (a task whose lead was changed stays where it was)."""
    blocks: dict[int, list[list[Task]]] = {}
    previous = None
    for task in sorted(tasks, key=lambda t: t.position):
        lead = task.lead_agency_ids[0] if task.lead_agency_ids else None
        if lead is not None:
            if lead != previous:
                blocks.setdefault(lead, []).append([])
            blocks[lead][-1].append(task)
        previous = lead
    found = []
    for lead, runs in blocks.items():
        if len(runs) > 1:
            stray = ", ".join(str(t.position) for run in runs[1:] for t in run)
            found.append(Finding(WARNING, f"Nhiệm vụ {stray}",
                                 f"«{name.get(lead, '')}» chủ trì nhưng không nằm cạnh các nhiệm vụ khác của cơ quan "
                                 f"này (nhiệm vụ {runs[0][0].position}…): phụ lục sẽ in tên cơ quan {len(runs)} lần. "
                                 "Sửa › Sắp xếp theo thứ tự cơ quan để gom lại."))
    return found


def _given_twice(tasks: list[Task]) -> list[Finding]:
    """The same item of the same document added twice (a notice imported twice)."""
    by_item: dict[str, list[Task]] = {}
    for task in tasks:
        if task.given_in:
            by_item.setdefault(task.given_in, []).append(task)
    return [Finding(WARNING, f"Nhiệm vụ {', '.join(str(t.position) for t in same)}",
                    f"cùng giao tại «{item}»: văn bản đã được nhập hai lần? Xóa nhiệm vụ thừa.")
            for item, same in by_item.items() if len(same) > 1]


def _likeness(a: Task, b: Task, share: float) -> str:
    """How alike two tasks are, in words that are true: «100 % giống nhau» was said of task 17 that is
    one part of task 16."""
    if re.findall(r"\w+", fold(a.content)) == re.findall(r"\w+", fold(b.content)):
        return "giống hệt nhau"                 # (the same words; spaces, case, punctuation aside)
    if share >= 0.995:
        shorter, longer = (a, b) if len(a.content) <= len(b.content) else (b, a)
        return f"nội dung nhiệm vụ {shorter.position} nằm trọn trong nhiệm vụ {longer.position}"
    return f"{min(99, round(share * 100))} % giống nhau"


def check_plan(plan: Plan, tasks: list[Task], agencies: dict[int, Agency], previous: tuple[Plan, list[Task]] | None
               = None) -> list[Finding]:
    findings: list[Finding] = []
    name = {a.id: a.print_name for a in agencies.values()}

    for task in tasks:
        for problem in task_problems(task):
            findings.append(Finding(ERROR, f"Nhiệm vụ {task.position}", f"{problem}; chưa in được."))
        for agency_id in task.lead_agency_ids:
            agency = agencies.get(agency_id)
            if agency is not None and not agency.active:
                successor = agencies.get(agency.replaced_by_id) if agency.replaced_by_id else None
                findings.append(Finding(WARNING, f"Nhiệm vụ {task.position}",
                                        f"cơ quan chủ trì «{agency.print_name}» đã ngừng sử dụng"
                                        + (f"; nay là «{successor.print_name}»." if successor else ".")))

    findings += _split_blocks(tasks, name)
    findings += _given_twice(tasks)
    year, number = month_shift(plan.month, -1)
    for task in tasks:
        words = last_months_words(task.content, plan.month)
        if words:
            findings.append(Finding(WARNING, f"Nhiệm vụ {task.position}",
                                    f"{', '.join(f'«{w}»' for w in words)} là ngày tháng của tháng {number}/{year}, "
                                    "tháng trước kế hoạch (chép từ kế hoạch cũ?): hãy sửa cho tháng này."))

    for a, b, share in near_repeats(tasks):
        common = [name.get(x, "") for x in a.lead_agency_ids if x in b.lead_agency_ids]
        whom = f", cùng giao {', '.join(common)}" if common else ""
        findings.append(Finding(WARNING, f"Nhiệm vụ {a.position}, {b.position}",
                                f"trùng hoặc gần trùng nội dung ({_likeness(a, b, share)}{whom})."))

    findings += _dates(plan)
    findings += _form(plan)
    if previous is not None:
        findings += _copied_done(tasks, *previous)
    return sorted(findings, key=lambda f: (f.level != ERROR,))


def _dates(plan: Plan) -> list[Finding]:
    """Months and deadlines in the wording that are not this plan's."""
    year, month = int(plan.month[:4]), int(plan.month[5:7])
    before = month_shift(plan.month, -1)
    texts = {"Trích yếu": plan.subject, "Căn cứ": plan.grounds, "I. Nhiệm vụ chung": "\n".join(plan.general_tasks),
             "II. Nhiệm vụ cụ thể": plan.specific_tasks_text, "III. Tổ chức thực hiện": plan.implementation,
             "Dòng dưới tên phụ lục": plan.appendix_reference}
    found = []
    strict = {"Trích yếu", "Dòng dưới tên phụ lục"}          # the plan's own month only
    for where, text in texts.items():
        for m in month_mentions(text):
            seen = (int(m.group(3)), int(m.group(1)))
            if seen != (year, month) and (where in strict or seen != before):
                found.append(Finding(WARNING, where, f"«{m.group(0)}» không phải tháng {month}/{year} của kế hoạch "
                                                     "(chép từ tháng khác?)."))
        for m in _DEADLINE.finditer(text):
            day, mon, yr = (int(g) for g in m.groups())
            if (yr, mon) != (year, month):
                found.append(Finding(WARNING, where, f"hạn «{m.group(0)}» không thuộc tháng {month}/{year}."))
    title = plan.appendix_title
    found_title = re.search(r"THÁNG\s+(\d{1,2})\s*/\s*(\d{4})", title, re.I)
    if found_title and (int(found_title.group(2)), int(found_title.group(1))) != (year, month):
        found.append(Finding(WARNING, "Tên phụ lục", f"«{title}» không phải tháng {month}/{year}."))
    if plan.report_deadline is not None and plan.report_deadline.strftime("%Y-%m") not in (
            plan.month, "{:04d}-{:02d}".format(*month_shift(plan.month, 1))):
        found.append(Finding(WARNING, "Hạn báo cáo", f"{plan.report_deadline:%d/%m/%Y} không thuộc tháng của kế "
                                                     "hoạch hay tháng sau."))
    return found


def _form(plan: Plan) -> list[Finding]:
    """Number, symbol and dates as Nghị định 30/2020/NĐ-CP writes them."""
    found = []
    number = plan.number.strip()
    if number and not number.isdigit():
        found.append(Finding(WARNING, "Số, ký hiệu", f"số «{number}» chỉ được là chữ số (Nghị định 30/2020)."))
    if not _SYMBOL.match(plan.symbol.strip()):
        found.append(Finding(WARNING, "Số, ký hiệu", f"ký hiệu «{plan.symbol}» không đúng dạng «KH-UBND»."))
    if plan.issued_on is not None and plan.issued_on > date.today():
        found.append(Finding(WARNING, "Ngày ban hành", f"{plan.issued_on:%d/%m/%Y} là ngày trong tương lai."))
    if plan.status == "issued" and (not number or plan.issued_on is None):
        found.append(Finding(WARNING, "Số, ký hiệu", "kế hoạch đã ban hành nhưng chưa có số hoặc ngày ban hành."))
    for m in _SHORT_DATE.finditer(plan.appendix_reference):
        found.append(Finding(WARNING, "Dòng dưới tên phụ lục",
                             f"«{m.group(0)}» nên viết «ngày {int(m.group(1)):02d} tháng "
                             f"{int(m.group(2)) if int(m.group(2)) > 2 else f'{int(m.group(2)):02d}'} năm "
                             f"{m.group(3)}» (Nghị định 30/2020)."))
    if plan.issued_on is not None and plan.appendix_reference:
        for m in _SHORT_DATE.finditer(plan.appendix_reference):
            try:
                said = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                continue
            if said != plan.issued_on:
                found.append(Finding(WARNING, "Dòng dưới tên phụ lục",
                                     f"ngày {said:%d/%m/%Y} khác ngày ban hành {plan.issued_on:%d/%m/%Y}."))
    return found


def _copied_done(tasks: list[Task], previous_plan: Plan, previous_tasks: list[Task]) -> list[Finding]:
    done = {fold(t.content): t for t in previous_tasks if t.status == "done" and t.content.strip()}
    by_id = {t.id: t for t in previous_tasks}
    found = []
    for task in tasks:
        source = by_id.get(task.carried_from_id) if task.carried_from_id else None
        if source is None or source.status != "done" or fold(source.content) != fold(task.content):
            source = done.get(fold(task.content))
        if source is not None:
            found.append(Finding(WARNING, f"Nhiệm vụ {task.position}",
                                 f"chép nguyên từ nhiệm vụ {source.position} tháng "
                                 f"{int(previous_plan.month[5:])}/{previous_plan.month[:4]}, tháng đó đã hoàn thành."))
    return found


def summary(findings: list[Finding]) -> str:
    errors = sum(f.level == ERROR for f in findings)
    if not findings:
        return "Không thấy vấn đề gì."
    return f"{errors} lỗi, {len(findings) - errors} cảnh báo."
