"""The records khdesk keeps, as plain immutable values (no SQL, no Qt).

The store (``khdesk.db``) returns these; the window, the printer and the Excel code read them.
Code values are stable English words; what the clerk sees comes from the ``*_LABELS`` tables.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

AGENCY_KIND_LABELS: dict[str, str] = {
    "department": "Sở, ban, ngành",
    "district": "Cấp huyện",
    "commune": "Cấp xã",
    "public_unit": "Đơn vị sự nghiệp",
    "enterprise": "Doanh nghiệp",
    "central": "Cơ quan trung ương",
    "other": "Cơ quan khác",
    "group": "Nhóm",
}

TASK_STATUS_LABELS: dict[str, str] = {
    "todo": "Chưa thực hiện",
    "doing": "Đang thực hiện",
    "done": "Hoàn thành",
    "dropped": "Không thực hiện",
}

PLAN_STATUS_LABELS: dict[str, str] = {
    "draft": "Dự thảo",
    "issued": "Đã ban hành",
}


@dataclass(frozen=True)
class Agency:
    id: int
    name: str                      # full official name
    short_name: str | None         # the form printed in the appendix ("BQL KKT Vân Phong")
    kind: str                      # a key of AGENCY_KIND_LABELS
    parent_id: int | None          # the group it belongs to (a tree)
    position: int                  # order among its siblings, from 1
    active: bool = True            # False: retired, kept because tasks refer to it
    replaced_by_id: int | None = None
    aliases: tuple[str, ...] = ()  # other spellings and abbreviations
    note: str = ""

    @property
    def print_name(self) -> str:
        return self.short_name or self.name


def document_number(number: str) -> str:
    """A document's number as Nghị định 30 writes it: below 10 with a leading zero («05»); anything else as typed."""
    number = number.strip()
    return f"{int(number):02d}" if number.isdigit() and int(number) < 10 else number


@dataclass(frozen=True)
class Plan:
    id: int
    month: str                     # "YYYY-MM"
    number: str = ""               # "4969"; empty while a draft has no number
    symbol: str = "KH-UBND"
    issued_on: date | None = None
    place: str = ""
    parent_body: str = ""          # cơ quan chủ quản (empty for UBND tỉnh)
    issuing_body: str = ""         # as printed top left, one line per line: "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA"
    issuer_name: str = ""          # as named in running text: "Ủy ban nhân dân tỉnh Khánh Hòa"
    doc_type: str = "KẾ HOẠCH"
    subject: str = ""              # trích yếu
    grounds: str = ""              # căn cứ, paragraphs separated by line breaks
    general_tasks: tuple[str, ...] = ()   # I. one item per task; an item may hold several paragraphs
    specific_tasks_text: str = ""  # II. the pointer to the appendix
    implementation: str = ""       # III.
    report_deadline: date | None = None
    report_via_agency_id: int | None = None
    recipients: tuple[str, ...] = ()       # nơi nhận, one per line, without the leading "- "
    signer_authority: str = ""     # "TM. ỦY BAN NHÂN DÂN"
    signer_title: str = ""         # "CHỦ TỊCH"
    signer_name: str = ""
    appendix_title: str = ""       # "NHIỆM VỤ TRỌNG TÂM THÁNG 5/2024"
    appendix_reference: str = ""   # the line under the appendix title, without its parentheses;
                                   # empty: composed from number, date and issuer when printed
    status: str = "draft"          # a key of PLAN_STATUS_LABELS
    reopened_at: str | None = None # when the clerk chose to edit the plan after it was issued

    @property
    def locked(self) -> bool:
        """What an issued plan says (wording, leads, co-ordinators, deadlines, order, header) is
        read-only until the clerk chooses "Sửa kế hoạch đã ban hành…"; its follow-up
        (``FOLLOW_UP_FIELDS``) is recorded all the same."""
        return self.status == "issued" and self.reopened_at is None

    def allows(self, fields) -> bool:
        """Whether these task fields may be changed in this plan now."""
        return not self.locked or set(fields) <= FOLLOW_UP_FIELDS

    @property
    def year(self) -> int:
        return int(self.month[:4])

    @property
    def month_number(self) -> int:
        return int(self.month[5:7])

    @property
    def number_symbol(self) -> str:
        """«05/KH-UBND» as printed (``document_number``), on the screen and the command line too."""
        return f"{document_number(self.number)}/{self.symbol}" if self.number.strip() else f"/{self.symbol}"


# How each task is going — recorded all month on the issued plan, never what the plan says.
FOLLOW_UP_FIELDS = frozenset({"status", "completed_on", "result_note", "status_reason", "reported_on",
                              "followed_up_on"})
# What an agency's result sheet fills in, in its column order (a part of the follow-up).
RESULT_FIELDS = ("status", "result_note", "completed_on", "status_reason")
assert set(RESULT_FIELDS) <= FOLLOW_UP_FIELDS           # a sheet never touches what the plan says


@dataclass(frozen=True)
class PlanSummary:
    """One line of the plan list: the plan and how many tasks it has."""
    plan: Plan
    task_count: int


@dataclass(frozen=True)
class Task:
    id: int
    plan_id: int
    position: int                  # 1-based order of the appendix (TT)
    content: str
    lead_agency_ids: tuple[int, ...] = ()   # the lead agencies, in the order they are printed
    coordinator_ids: tuple[int, ...] = ()
    deadline_text: str = ""        # as printed: "Trong tháng 8/2025", "Quý II/2023"
    due_date: date | None = None
    status: str = "todo"           # a key of TASK_STATUS_LABELS
    result_note: str = ""
    carried_from_id: int | None = None
    completed_on: date | None = None      # the day it was done (status "done")
    reported_on: date | None = None       # the day the agency reported its result
    status_reason: str = ""               # why it is not done ("Không thực hiện")
    # where the task was given, when it came from another document: «Thông báo số 25/TB-UBND ngày
    # 22/01/2026, mục II.1.a» (``khdesk.domain.text_tasks``); "" when the clerk typed it
    given_in: str = ""
    # the day a follow-up was last recorded for the task in this plan; None: nothing since it entered the
    # plan — «chưa có báo cáo» once the plan is issued (``khdesk.domain.progress``)
    followed_up_on: date | None = None


@dataclass(frozen=True)
class IssuedFile:
    """A file khdesk signed for a plan: what it was, and what the plan said when it was signed."""
    file_name: str
    sha256: str                    # of the signed file
    content: str                   # ``PlanDocument.digest()`` of the plan then
    signed_at: str                 # ISO 8601, +07:00
    signer: str


@dataclass(frozen=True)
class SearchHit:
    """A task found by a search, with where it lives."""
    task: Task
    month: str
    agency_name: str = ""          # the lead agencies' printed names, joined by "; "
