"""The official document as data, built once from a plan and rendered by every writer (PDF, Word, Excel).

A ``PlanDocument`` holds what Nghị định 30/2020/NĐ-CP puts on the page, already worded as printed: the head
(issuing body | national title and motto; number | place and date; type and subject), the body in parts
(grounds; I. general tasks numbered; II. specific tasks; III. implementation), the signature block with
«Nơi nhận:», the appendix (label, title, reference line, columns with their widths, rows grouped by lead
agency) and the page set-up. The writers add only what their format needs (fonts, styles, XML); the Word
reader's ``WordPlan.document()`` gives the same model back, so a round trip is one equality.
Lengths are in points (1/72 inch) unless named ``_mm``. No format library here.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field

from ..domain.models import Plan, Task
from ..domain.typed_dates import decree_date
from ..errors import InvalidInput
from . import wording
from .appendix_rows import AppendixRow, appendix_rows, carried_parts

MM = 72 / 25.4
A4_MM = (210, 297)
A4 = (A4_MM[0] * MM, A4_MM[1] * MM)

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SECTION_TITLES = ("I. NHIỆM VỤ CHUNG", "II. CÁC NHIỆM VỤ CỤ THỂ", "III. TỔ CHỨC THỰC HIỆN")
RECIPIENTS_LABEL = "Nơi nhận:"
APPENDIX_LABEL = "Phụ lục"
NO_TASKS = "(Kế hoạch chưa có nhiệm vụ nào.)"
PARTS = ("appendix", "plan", "all")            # what can be printed or exported of a plan

# Measurements both writers keep (Mẫu 1.4 and 2.1 of the decree)
LEFT_COLUMN_MM = 65                 # the head's left column: the issuing body, the number
SIGNATURE_SPACE_MM = 28             # room for the signature and the seal (on paper)
ISSUING_SIGNATURE_SPACE_MM = 38     # the issuing form for ký số: room for a real seal image (36–40 mm)
AGENCY_RULE = 0.4                   # rule under the issuing body: 40 % of its longest line
SUBJECT_RULE = 0.4                  # rule under the subject: 40 % of its longest line
REFERENCE_RULE = 1 / 3              # rule under the appendix's reference line: a third of it
OPTIONAL_COLUMN_PADDING_MM = 1      # the narrow optional columns of the appendix

COLUMN_TITLES = {"tt": "TT", "content": "Nội dung", "lead": "Cơ quan chủ trì thực hiện",
                 "coordinators": "Cơ quan phối hợp", "deadline": "Thời hạn hoàn thành", "given_in": "Giao tại"}


@dataclass(frozen=True)
class PageSetup:
    """A4 portrait; margins in millimetres, each inside the range the decree allows."""
    top: float = 20
    bottom: float = 20
    left: float = 30
    right: float = 15

    LIMITS = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}

    def __post_init__(self):
        names = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
        for side, (low, high) in self.LIMITS.items():
            value = getattr(self, side)
            if not low <= value <= high:
                raise InvalidInput(f"Lề {names[side]} {value} mm nằm ngoài khoảng Nghị định 30 cho phép "
                                   f"({low}–{high} mm).")

    @property
    def frame_width_mm(self) -> float:
        return A4_MM[0] - self.left - self.right

    @property
    def frame_width(self) -> float:
        return A4[0] - (self.left + self.right) * MM

    @property
    def frame_height(self) -> float:
        return A4[1] - (self.top + self.bottom) * MM


@dataclass(frozen=True)
class AppendixOptions:
    """The columns the appendix may add to TT | Nội dung | Cơ quan chủ trì, and its type size."""
    with_coordinators: bool = False
    with_deadline: bool = False
    table_size: float = 13           # 12–14 pt
    with_given_in: bool = False      # «Giao tại»: a column of the Excel file only (a printed page has no room)
    carried_apart: bool = False      # the carried tasks as their own part («Nhiệm vụ tháng trước chuyển sang»)

    def __post_init__(self):
        if not 12 <= self.table_size <= 14:
            raise InvalidInput("Cỡ chữ của bảng phải từ 12 đến 14.")


def column_widths(frame_width: float, options: AppendixOptions) -> tuple[list[str], list[float]]:
    """The appendix's column titles and widths in points; «Nội dung» takes what the others leave."""
    titles = [COLUMN_TITLES[k] for k in ("tt", "content", "lead")]
    fixed: list[float | None]
    if options.with_coordinators and options.with_deadline:
        fixed = [10 * MM, None, 35 * MM, 33 * MM, 24 * MM]
        titles += [COLUMN_TITLES["coordinators"], COLUMN_TITLES["deadline"]]
    elif options.with_coordinators:
        fixed = [11 * MM, None, 40 * MM, 36 * MM]
        titles += [COLUMN_TITLES["coordinators"]]
    elif options.with_deadline:
        fixed = [12 * MM, None, 42 * MM, 26 * MM]
        titles += [COLUMN_TITLES["deadline"]]
    else:
        fixed = [12 * MM, None, 47 * MM]
    content = frame_width - sum(w for w in fixed if w)
    return titles, [content if w is None else w for w in fixed]


@dataclass(frozen=True)
class Head:
    """The top of a document with a type name (Mẫu 1.4), every line as printed."""
    parent_body: str                 # «UBND TỈNH …» above the issuing body, or ""
    issuing_body: str                # «ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA»
    number_line: str                 # «Số: 4969/KH-UBND»
    place_date: str                  # «Khánh Hòa, ngày 13 tháng 5 năm 2024»
    doc_type: str                    # «KẾ HOẠCH»
    subject: str
    national_title: str = NATIONAL_TITLE
    motto: str = MOTTO


@dataclass(frozen=True)
class Part:
    """A heading of the body («I. NHIỆM VỤ CHUNG»; "" for the grounds before the first) and its paragraphs."""
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Signature:
    recipients: tuple[str, ...]      # each printed «- …» under «Nơi nhận:»
    authority: str                   # «TM. ỦY BAN NHÂN DÂN»
    title: str                       # «KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH»
    name: str
    recipients_label: str = RECIPIENTS_LABEL
    space_mm: float = SIGNATURE_SPACE_MM     # between the title and the name


@dataclass(frozen=True)
class Appendix:
    """«Phụ lục», its title and reference line, and the table: a row per task, the lead cell merged over
    each group of rows with the same leads (``lead_cells[row.group]``)."""
    title: str
    reference: str
    columns: tuple[str, ...]                     # the keys of ``COLUMN_TITLES`` shown, in order
    widths: tuple[float, ...]                    # in points, the frame's width shared
    rows: tuple[AppendixRow, ...]
    lead_cells: tuple[str, ...]
    table_size: float = 13
    label: str = APPENDIX_LABEL
    parts: tuple[tuple[int, str], ...] = ()      # (the row a part starts at, its heading): carried tasks apart

    def sections(self) -> list[tuple[str, tuple[AppendixRow, ...]]]:
        """The table in its parts: (heading, rows); one part without a heading when the rows are not split."""
        if not self.parts:
            return [("", self.rows)]
        bounds = [start for start, _ in self.parts] + [len(self.rows)]
        return [(heading, self.rows[start:bounds[i + 1]]) for i, (start, heading) in enumerate(self.parts)]

    def refuse_unprintable_columns(self) -> None:
        """A page has room for the columns ``column_widths`` gives, not for «Giao tại» (the Excel file's)."""
        if len(self.columns) != len(self.widths):
            raise InvalidInput("Cột «Giao tại» chỉ có trong tệp Excel; bản in và tệp Word không có chỗ cho cột này.")

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(COLUMN_TITLES[c] for c in self.columns)

    def cells(self, row: AppendixRow) -> list[str]:
        """The row's text in each column, the lead as its group's cell."""
        values = {"tt": str(row.position), "content": row.content, "lead": self.lead_cells[row.group],
                  "coordinators": row.coordinators, "deadline": row.deadline, "given_in": row.given_in}
        return [values[c] for c in self.columns]


@dataclass(frozen=True)
class PlanDocument:
    """The plan (``head``, ``body``, ``signature``) and/or its appendix, on ``setup``'s pages."""
    head: Head | None
    body: tuple[Part, ...]
    signature: Signature | None
    appendix: Appendix | None
    setup: PageSetup = field(default_factory=PageSetup)
    title: str = ""                              # the file's title (PDF metadata, Word's core properties)
    author: str = ""
    issuing: bool = False                        # the issuing form for ký số: signature fields where NĐ 30 puts them

    def digest(self) -> str:
        """What the document says, digested (SHA-256): every text in order and how the rows group — not the page
        set-up nor whether it is the issuing form. A plan whose digest changed says something else."""
        groups = [r.group for r in self.appendix.rows] if self.appendix else []
        data = json.dumps([self.texts(), groups], ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def texts(self) -> list[tuple[str, str]]:
        """Every text of the document with where it stands, in words: what the writers check they can show."""
        found: list[tuple[str, str]] = []
        if self.head:
            h = self.head
            found += [("cơ quan ban hành", f"{h.parent_body}\n{h.issuing_body}"), ("số, ký hiệu", h.number_line),
                      ("địa danh, ngày tháng", h.place_date), ("tên loại văn bản", h.doc_type),
                      ("trích yếu", h.subject)]
        for part in self.body:
            found += [(f"mục «{part.title or 'Căn cứ'}»", p) for p in part.paragraphs]
        if self.signature:
            s = self.signature
            found += [("phần ký", f"{s.authority}\n{s.title}\n{s.name}"), *(("nơi nhận", r) for r in s.recipients)]
        if self.appendix:
            a = self.appendix
            found += [("tiêu đề phụ lục", a.title), ("dòng trích dẫn", a.reference)]
            found += [("phần của phụ lục", heading) for _, heading in a.parts]
            found += [(f"nhiệm vụ số {r.position}", f"{r.content}\n{r.deadline}") for r in a.rows]
            found += [(f"tên cơ quan «{name}»", name) for name in dict.fromkeys(a.lead_cells)]
            found += [(f"nhiệm vụ số {r.position}", r.coordinators) for r in a.rows if r.coordinators]
        return found


# ----- building it from a plan -------------------------------------------------------------------------
def date_line(plan: Plan) -> str:
    """«Khánh Hòa, ngày 13 tháng 5 năm 2024»; a draft leaves the day and month blank to be written in."""
    when = decree_date(plan.issued_on) if plan.issued_on else \
        f"ngày{wording.BLANK_DAY}tháng{wording.BLANK_DAY}năm {plan.year}"
    return f"{plan.place or '…'}, {when}"


def head_of(plan: Plan) -> Head:
    return Head(parent_body=plan.parent_body.upper() if plan.parent_body.strip() else "",
                issuing_body=plan.issuing_body.upper(), number_line=f"Số: {wording.number_symbol(plan)}",
                place_date=date_line(plan), doc_type=plan.doc_type.upper(), subject=plan.subject)


def _paragraphs(text: str, first_prefix: str = "") -> list[str]:
    return [(first_prefix if i == 0 else "") + part for i, part in enumerate(p for p in text.split("\n") if p.strip())]


def body_of(plan: Plan) -> tuple[Part, ...]:
    general = [p for n, item in enumerate(plan.general_tasks, 1) for p in _paragraphs(item, f"{n}. ")]
    return (Part("", tuple(_paragraphs(plan.grounds))), Part(SECTION_TITLES[0], tuple(general)),
            Part(SECTION_TITLES[1], tuple(_paragraphs(plan.specific_tasks_text))),
            Part(SECTION_TITLES[2], tuple(_paragraphs(plan.implementation))))


def signature_of(plan: Plan, issuing: bool = False) -> Signature:
    return Signature(recipients=tuple(plan.recipients), authority=plan.signer_authority.upper(),
                     title=plan.signer_title.upper(), name=plan.signer_name,
                     space_mm=ISSUING_SIGNATURE_SPACE_MM if issuing else SIGNATURE_SPACE_MM)


def appendix_of(plan: Plan, tasks: list[Task], names: dict[int, str], options: AppendixOptions,
                frame_width: float) -> Appendix:
    columns = ["tt", "content", "lead"] + (["coordinators"] if options.with_coordinators else []) + \
              (["deadline"] if options.with_deadline else []) + (["given_in"] if options.with_given_in else [])
    _, widths = column_widths(frame_width, options)
    rows: list[AppendixRow] = []
    lead_cells: list[str] = []
    parts: list[tuple[int, str]] = []
    for heading, block in (carried_parts(tasks) if options.carried_apart else [("", tasks)]):
        block_rows, block_cells = appendix_rows(block, names)        # a lead cell never spans two parts
        if heading:
            parts.append((len(rows), heading))
        rows += [dataclasses.replace(r, group=r.group + len(lead_cells)) for r in block_rows]
        lead_cells += block_cells
    # the document holds what it shows: a column left out leaves nothing behind in the rows
    rows = [dataclasses.replace(r, coordinators=r.coordinators if options.with_coordinators else "",
                                deadline=r.deadline if options.with_deadline else "",
                                given_in=r.given_in if options.with_given_in else "") for r in rows]
    return Appendix(wording.appendix_title(plan), wording.appendix_reference(plan), tuple(columns), tuple(widths),
                    tuple(rows), tuple(lead_cells), options.table_size, parts=tuple(parts))


def plan_document(plan: Plan, tasks: list[Task], names: dict[int, str], part: str = "all", *,
                  options: AppendixOptions = AppendixOptions(), setup: PageSetup = PageSetup(),
                  issuing: bool = False) -> PlanDocument:
    """``part`` of the plan as a document: "plan" (the plan itself), "appendix", or "all" (both); ``issuing``:
    its issuing form for ký số (a seal's room in the signature block, the signature fields)."""
    if part not in PARTS:
        raise InvalidInput(f"Phần không hợp lệ: «{part}».")
    whole = part in ("plan", "all")
    appendix = appendix_of(plan, tasks, names, options, setup.frame_width) if part != "plan" else None
    return PlanDocument(head_of(plan) if whole else None, body_of(plan) if whole else (),
                        signature_of(plan, issuing) if whole else None, appendix, setup,
                        title=plan.subject if part != "appendix" else wording.appendix_title(plan),
                        author=plan.issuer_name, issuing=issuing)
