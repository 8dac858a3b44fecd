"""A plan from the office's Word file (.docx; .doc through LibreOffice): the document read back into
the fields the plan dialog has, and its task table(s) through the same reading as the Excel import
(column titles, merged lead cells, section rows, legacy fonts, joint leads).

Read in the order of the body: the header (agency, "Số: …", place and date — a table or plain
paragraphs), the type ("KẾ HOẠCH") and the subject, the grounds, "I." general tasks (numbered items
with their sub-paragraphs), "II.", "III.", "Nơi nhận:" and the signature block, then the appendix
(its title, the "(Ban hành kèm theo …)" line and the task tables, after a page or section break or
not). A paragraph khdesk does not recognise is never dropped: it stays in the part where it stood and
is listed in the preview. Nothing is written here (``apply_word_plan`` writes, all or nothing).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ...document.appendix_rows import CARRIED_PART, NEW_PART
from ...document.model import AppendixOptions, PageSetup, PlanDocument, plan_document
from ...domain.agency_names import names_an_agency
from ...domain.limits import TASKS_PER_PLAN, count, too_long
from ...domain.models import Plan, Task
from ...domain.months import checked_month
from ...domain.text import fold, nfc, office_text
from ...domain.text_tasks import TextTask, tasks_in_text
from ...errors import Cancelled, InvalidInput, KhdeskError, os_reason
from ..excel.reading import check_zip, first_bytes
from ..tables import Grid, ImportRow, ImportTable, find_header, parse_grid
from .visible_text import (
    Numbering,
    W,
    body_blocks,
    cell_lines,
    cell_paragraphs,
    cells,
    grid_span,
    paragraph_text,
    rows,
    run_text,
    tracked_changes,
    vertical_merge,
)

MAX_PARAGRAPHS = 100_000
MAX_CELLS = 200_000
MAX_TEXT_CHARS = 20_000_000
CONVERT_SECONDS = 120                       # LibreOffice converting one .doc

_NUMBER = re.compile(r"Số\s*:?\s*([0-9A-Za-z.\-]*)\s*/\s*([0-9A-ZĐa-zđ.\-]+(?:-[A-ZĐa-zđ]+)*)")
_PLACE_DATE = re.compile(r"^\s*(.+?)\s*,\s*ngày\s*(\d{1,2}|…+|\.+|_+)?\s*tháng\s*(\d{1,2}|…+|\.+|_+)?\s*năm\s*(\d{4})",
                         re.I)
_DOC_TYPES = ("KẾ HOẠCH", "CHƯƠNG TRÌNH", "QUYẾT ĐỊNH", "THÔNG BÁO", "BÁO CÁO", "CÔNG VĂN", "CHỈ THỊ")
_SECTION = re.compile(r"^\s*(I{1,3}|IV|V|VI{0,3})\s*[.\-–]\s*(.*)$")
_ITEM = re.compile(r"^\s*(\d{1,2})\s*[.)]\s+(.*)$", re.S)
_APPENDIX_TITLE = re.compile(r"NHIỆM\s+VỤ\s+TRỌNG\s+TÂM\s+THÁNG\s+(\d{1,2})\s*/\s*(\d{4})", re.I)
_MONTH_IN_SUBJECT = re.compile(r"tháng\s+(\d{1,2})\s*(?:năm|/)\s*(\d{4})", re.I)
_SIGNER = re.compile(r"^\s*(TM|KT|Q|TL|TUQ)\s*\.", re.I)
_DEADLINE = re.compile(r"trước\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", re.I)
_VIA = re.compile(r"\(\s*(?:thông\s+)?qua\s+([^)]+?)\s*\)", re.I)


class MonthUnknown(InvalidInput):
    """The document says no month (title, subject and date are silent): the clerk chooses one."""


@dataclass
class WordPlan:
    """What was understood of one document (nothing is written yet)."""
    path: Path
    month: str | None
    fields: dict = field(default_factory=dict)      # Plan fields, as the plan dialog has them
    report_via: str = ""                            # the agency named in "(thông qua …)"
    table: ImportTable | None = None                # the tasks, as the Excel import reads them
    unplaced: list[str] = field(default_factory=list)   # "where: text" of paragraphs not recognised
    notes: list[str] = field(default_factory=list)
    # the tasks its text gives (no task table): «Giao X …: a) …» (``khdesk.domain.text_tasks``)
    text_tasks: list[TextTask] = field(default_factory=list)
    issued_month: tuple[int, int] | None = None     # (year, month) of a date whose day is left blank

    @property
    def issued_on(self) -> date | None:
        return self.fields.get("issued_on")

    @property
    def kind(self) -> str:
        """What the document is, as its type line says («Thông báo», «Kế hoạch» …), or «Văn bản»."""
        doc_type = self.fields.get("doc_type", "")
        return doc_type[:1] + doc_type[1:].lower() if doc_type else "Văn bản"

    def described(self) -> str:
        """«kế hoạch năm 2026 «Cải cách hành chính …»», «thông báo «Kết luận của …»»."""
        subject = " ".join(self.fields.get("subject", "").split())
        year = re.search(r"\bnăm\s+(\d{4})\b", subject)
        annual = year and self.kind in ("Kế hoạch", "Chương trình") and "thang" not in fold(subject).split()
        what = self.kind.lower() + (f" năm {year.group(1)}" if annual else "")     # (a notice's «năm 2025» is its topic)
        return what + (f" «{subject[:90]}{'…' if len(subject) > 90 else ''}»" if subject else "")

    def document(self, part: str = "all", *, options: AppendixOptions = AppendixOptions(),
                 setup: PageSetup = PageSetup()) -> PlanDocument:
        """What was read, as the document model every writer renders (``khdesk.document.model``): the head,
        body and signature from the fields, the appendix from the task table with its leads as written.
        A .docx khdesk wrote reads back to the document it was written from."""
        plan = Plan(id=0, month=self.month or "1900-01", **{k: v for k, v in self.fields.items() if k != "status"})
        rows = self.table.rows if self.table is not None else []
        ids: dict[str, int] = {}
        for row in rows:
            for name in (*row.leads, *row.coordinators):
                ids.setdefault(name, len(ids) + 1)
        tasks = [Task(id=i, plan_id=0, position=int(row.tt) if row.tt.isdigit() else i, content=row.content,
                      lead_agency_ids=tuple(ids[n] for n in row.leads),
                      coordinator_ids=tuple(ids[n] for n in row.coordinators),
                      deadline_text=row.deadline_text, due_date=row.due_date, given_in=row.given_in)
                 for i, row in enumerate(rows, 1)]
        return plan_document(plan, tasks, {i: name for name, i in ids.items()}, part, options=options, setup=setup)

    def refuse_without_tasks(self) -> None:
        if self.table is None:
            given = (f" Lời văn giao {count(len(self.text_tasks))} nhiệm vụ: nhập chúng vào kế hoạch của một tháng "
                     "(--into NĂM-THÁNG; trong cửa sổ «Nhập nhiệm vụ từ văn bản Word…»)." if self.text_tasks
                     else " Lời văn cũng không giao nhiệm vụ nào.")
            raise InvalidInput(f"«{self.path.name}» ({self.described()}) không có bảng nhiệm vụ (cột Nội dung và Cơ "
                               f"quan chủ trì); không nhập thành kế hoạch.{given}")

    def given_in(self, label: str) -> str:
        """Where a task of this document was given: «Thông báo số 25/TB-UBND ngày 22/01/2026, mục II.1.a»."""
        number, symbol = self.fields.get("number", ""), self.fields.get("symbol", "")
        text = self.kind
        if symbol:
            text += f" số {number or '…'}/{symbol}"
        if self.issued_on:
            text += f" ngày {self.issued_on:%d/%m/%Y}"
        elif self.issued_month:
            text += f" tháng {self.issued_month[1]:02d}/{self.issued_month[0]}"
        if not symbol and not self.issued_on and not self.issued_month:
            text += f" «{self.path.name}»"
        return f"{text}, mục {label}" if label else text

    def other_province(self) -> str | None:
        """The province named by the issuing body when it is not this one («Lâm Đồng»), or None."""
        from ...domain.agency_names import HOME_PROVINCE

        body = " ".join(self.fields.get("issuing_body", "").split())
        found = re.search(r"(?:TỈNH|THÀNH PHỐ)\s+([A-ZĐÀ-Ỹ][^\n,]*)$", body.upper())
        if not found:
            return None
        name = found.group(1).strip()
        return None if fold(name) == HOME_PROVINCE else name.title()

    def refuse_other_province(self) -> None:
        """``InvalidInput`` when the document is another province's: its «Sở Tư pháp» is not this one's
        (the command line asks for --other-province; the window matches its names to nothing)."""
        province = self.other_province()
        if province:
            raise InvalidInput(f"«{self.path.name}» là văn bản của tỉnh {province}: tên cơ quan trong đó («Sở Tư pháp» "
                               f"…) là cơ quan của tỉnh {province}, không phải của tỉnh này; không nhập. Nếu vẫn muốn "
                               "ghép vào danh mục của tỉnh này, chạy lại với --other-province.")

    def tasks_table(self) -> ImportTable | None:
        """The tasks to add to a month's plan: the task table's rows, else those the text gives, each with
        where it was given."""
        if self.table is not None:
            for row in self.table.rows:
                row.given_in = self.given_in(row.tt)
            return self.table
        if not self.text_tasks:
            return None
        rows = [ImportRow(t.paragraph, t.label, t.content, t.leads, t.coordinators, t.deadline_text,
                          given_in=self.given_in(t.label)) for t in self.text_tasks]
        if len(rows) > TASKS_PER_PLAN:
            raise InvalidInput(f"Lời văn của «{self.path.name}» giao {count(len(rows))} nhiệm vụ, quá "
                               f"{count(TASKS_PER_PLAN)} nhiệm vụ một kế hoạch nhận; không nhập.")
        notes = [f"Nhiệm vụ lấy từ lời văn của {self.kind.lower()} (không có bảng): mỗi dòng ghi mục của nó."]
        problems = {row.source_row: f"Đoạn {row.source_row} (mục {row.tt or '—'}): {too_long('nhiệm vụ', row.content)}. "
                    "Hãy chia nhỏ đoạn đó trong tệp" for row in rows if too_long("", row.content)}
        return ImportTable(self.path, "lời văn", 0, {}, [], rows, 0, notes, problems)


# ----- opening ------------------------------------------------------------------------------------
def read_word_plan(path: str | Path, month: str | None = None, month_required: bool = True,
                   cancelled: Callable[[], bool] | None = None) -> WordPlan:
    """The plan in a .docx (or .doc, converted by LibreOffice). ``month`` ("YYYY-MM") when the
    document says none; without ``month_required`` a document that names no month is read all the same
    (its tasks go to a month the clerk chooses: ``WordPlan.tasks_table``). ``cancelled``, asked while
    LibreOffice converts, stops the conversion when it says so (``Cancelled``)."""
    path = Path(path)
    head = first_bytes(path, "tệp Word (.docx hoặc .doc)", "một kế hoạch")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        # (a converter stopped at the time limit may still hold a file there a moment: never an error)
        with tempfile.TemporaryDirectory(prefix="khdesk-doc-", ignore_cleanup_errors=True) as tmp:
            converted = convert_doc(path, Path(tmp), cancelled)
            plan = read_word_plan(converted, month, month_required)
            plan.path = path
            plan.notes.insert(0, "Tệp .doc đã được LibreOffice chuyển sang .docx để đọc.")
            return plan
    if not head.startswith(b"PK\x03\x04"):
        raise InvalidInput(f"Tệp «{path.name}» không phải tệp Word (.docx hoặc .doc).")
    check_zip(path, "word/document.xml", "tệp Word (.docx)")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, TypeError, SyntaxError, zipfile.BadZipFile, OSError) as err:
        raise InvalidInput(f"Không đọc được «{path.name}»: tệp Word bị hỏng.") from err
    try:
        return _Reader(path, document).read(month, month_required)
    except KhdeskError:
        raise
    except (KeyError, ValueError, TypeError, AttributeError, IndexError, SyntaxError) as err:
        raise InvalidInput(f"Không đọc được «{path.name}»: cấu trúc tệp Word bị hỏng.") from err


# ----- .doc through LibreOffice -------------------------------------------------------------------
def find_soffice() -> str | None:
    """LibreOffice's soffice: on PATH, or in its usual Windows folders."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if sys.platform == "win32":
        for base in (os.environ.get("ProgramFiles", r"C:\Program Files"),
                     os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")):
            candidate = Path(base) / "LibreOffice" / "program" / "soffice.exe"
            if candidate.is_file():
                return str(candidate)
    return None


def convert_doc(path: Path, folder: Path, cancelled: Callable[[], bool] | None = None) -> Path:
    """``path`` (.doc) as a .docx in ``folder``, by LibreOffice, within ``CONVERT_SECONDS``; stopped (with
    what LibreOffice started) as soon as ``cancelled()`` says so."""
    soffice = find_soffice()
    if soffice is None:
        raise InvalidInput(f"«{path.name}» là tệp Word cũ (.doc) và máy này không có LibreOffice để chuyển: hãy mở tệp "
                           "bằng Word, chọn Lưu thành (Save As) kiểu .docx rồi nhập tệp .docx đó.")
    profile = folder / "profile"            # its own profile: a LibreOffice already open does not block it
    command = [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
               # absolute paths: a file named «-o.doc» is never taken for an option
               "--convert-to", "docx", "--outdir", str(folder.resolve()), str(path.resolve())]
    try:
        # its own process group: soffice starts soffice.bin, which a plain kill of soffice would leave running
        converter = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, **_own_group())
    except OSError as err:
        raise InvalidInput(f"Không chạy được LibreOffice để chuyển «{path.name}»: {os_reason(err)}.") from err
    import time

    deadline = time.monotonic() + CONVERT_SECONDS
    while converter.poll() is None:
        if cancelled is not None and cancelled():
            _stop_tree(converter)
            raise Cancelled(f"Đã dừng chuyển «{path.name}»; không có gì được nhập.")
        if time.monotonic() > deadline:
            _stop_tree(converter)
            raise InvalidInput(f"LibreOffice chuyển «{path.name}» quá {CONVERT_SECONDS} giây nên đã dừng. Hãy mở tệp "
                               "bằng Word, lưu thành .docx rồi nhập tệp đó.")
        try:
            converter.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            pass
    out = folder / (path.stem + ".docx")
    if not out.is_file():
        raise InvalidInput(f"LibreOffice không chuyển được «{path.name}» sang .docx (tệp có thể hỏng hoặc có mật khẩu). "
                           "Hãy mở bằng Word, lưu thành .docx rồi nhập tệp đó.")
    return out


def _own_group() -> dict:
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _stop_tree(process: subprocess.Popen) -> None:
    """End a converter and what it started (POSIX: its process group; Windows: taskkill /T)."""
    try:
        if sys.platform == "win32":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30, check=False)
        else:
            import signal

            os.killpg(process.pid, signal.SIGKILL)
    except (OSError, subprocess.TimeoutExpired):
        pass
    process.kill()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


# ----- reading the body ---------------------------------------------------------------------------
@dataclass
class _Block:
    kind: str                        # "p" or "table"
    text: str = ""
    bold: bool = False
    italic: bool = False
    element: object = None


class _Reader:
    def __init__(self, path: Path, document):
        self.path, self.document = path, document
        self.fields: dict = {}
        self.unplaced: list[str] = []
        self.notes: list[str] = []
        self.breaks = self.hidden = 0
        self.paragraphs = self.cells = self.chars = 0
        self.issued_month: tuple[int, int] | None = None
        self.numbering = Numbering()

    # blocks in body order: paragraphs, and tables (header and signature tables are read as their lines)
    def _blocks(self) -> list[_Block]:
        body = self.document.element.body
        try:
            numbering = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        self.numbering = Numbering(numbering, self.document.styles.element)
        changes = tracked_changes(body)
        if changes:
            self.notes.append(f"Tệp còn {count(changes)} thay đổi chưa chấp nhận (Track Changes): đã đọc như Word "
                              "hiện — chữ thêm vào là chữ, chữ đã xóa thì không. Hãy chấp nhận hoặc từ chối các thay "
                              "đổi trong Word nếu cần.")
        return [self._paragraph(child) if child.tag.endswith("}p") else _Block("table", element=child)
                for child in body_blocks(body)]

    def _paragraph(self, element) -> _Block:
        from docx.text.paragraph import Paragraph

        self.paragraphs += 1
        if self.paragraphs > MAX_PARAGRAPHS:
            raise InvalidInput(f"Tệp «{self.path.name}» có hơn {count(MAX_PARAGRAPHS)} đoạn; không phải một kế hoạch.")
        text = self._clean(paragraph_text(element))
        label = self.numbering.label(element) if text else ""
        if label:
            text = f"{label} {text}"             # what Word shows before it («1.», «a)»), though not typed
        paragraph = Paragraph(element, self.document)
        runs = [r for r in paragraph.runs if r.text.strip()]
        bold = bool(runs) and all(r.bold or (r.bold is None and _style_bold(paragraph)) for r in runs)
        italic = bool(runs) and all(r.italic for r in runs)
        return _Block("p", text, bold, italic)

    def _clean(self, text: str) -> str:
        self.chars += len(text)
        if self.chars > MAX_TEXT_CHARS:
            raise InvalidInput(f"Tệp «{self.path.name}» có hơn {count(MAX_TEXT_CHARS)} ký tự; không phải một kế hoạch.")
        text, breaks, hidden = office_text(nfc(text))
        self.breaks += breaks
        self.hidden += hidden
        return text.strip()

    def _lines_of(self, table) -> list[_Block]:
        """A layout table (the header, the signature beside "Nơi nhận:") as its lines, cell by cell
        (each cell once: a merged cell's continuation holds nothing)."""
        lines = [self._paragraph(p) for row in rows(table) for cell in cells(row) for p in cell_paragraphs(cell)]
        return [b for b in lines if b.text]

    def read(self, month: str | None, month_required: bool = True) -> WordPlan:
        blocks = self._blocks()
        tables: list = []
        part = "head"
        current_item: list[str] | None = None
        general: list[list[str]] = []
        texts = {"grounds": [], "specific_tasks_text": [], "implementation": []}
        recipients: list[str] = []
        signature: list[_Block] = []
        head_lines: list[_Block] = []
        subject_open = False
        names = {"grounds": "Căn cứ", "general": "I. Nhiệm vụ chung", "specific_tasks_text": "II.",
                 "implementation": "III. Tổ chức thực hiện", "recipients": "Nơi nhận", "appendix": "Phụ lục"}
        queue = list(blocks)
        while queue:
            block = queue.pop(0)
            if block.kind == "table":
                table = block.element
                if self._is_task_table(table):
                    tables.append(table)
                    part = "appendix"
                    continue
                queue[0:0] = self._lines_of(table)          # a layout table: its lines, in place
                continue
            text = block.text
            if not text or set(text) <= set("-_–—=*. "):         # empty, or a drawn rule typed as a line
                continue
            upper = text.upper()
            if subject_open:
                # a subject on two lines (two bold paragraphs under KẾ HOẠCH) is one subject
                if block.bold and not _SECTION.match(text) and not texts["grounds"]:
                    self.fields["subject"] += " " + text
                    continue
                subject_open = False
            if part in ("head", "type") and not self.fields.get("subject"):
                if self._head_line(block, head_lines):
                    continue
                if upper.strip() in _DOC_TYPES and block.text == upper:
                    self.fields["doc_type"] = upper.strip()
                    part = "type"
                    continue
                if part == "type":
                    self.fields["subject"] = text
                    part = "grounds"
                    subject_open = block.bold
                    continue
            if _APPENDIX_TITLE.search(upper) and (block.bold or upper == text):
                self.fields["appendix_title"] = " ".join(upper.split())
                part = "appendix"
                continue
            if fold(text) in ("phu luc", "phu luc i"):
                part = "appendix"
                continue
            if part == "appendix":
                if text.startswith("(") and text.endswith(")") and "kèm theo" in text.lower():
                    self.fields["appendix_reference"] = text[1:-1].strip()
                elif fold(text) in _PART_HEADINGS:       # khdesk's own parts: the tables carry their tasks
                    continue
                else:
                    self.unplaced.append(f"{names['appendix']}: {text}")
                continue
            if "\t" in text and (fold(text).startswith("noi nhan") or part in ("recipients", "signature")):
                # «- Lưu: VT, NC.\t\t\tNguyễn Văn A»: recipients on the left, the signer's block on the right,
                # typed with tabs in one paragraph (no layout table)
                left, right = (piece.strip() for piece in re.split(r"\t+", text, maxsplit=1))
                if right:
                    signature.append(_Block("p", right, block.bold, block.italic))
                if not left:
                    continue
                text = left
            if fold(text).startswith("noi nhan"):
                part = "recipients"
                rest = text.split(":", 1)[1].strip() if ":" in text else ""
                if rest:
                    recipients.append(rest.lstrip("-–• ").strip())
                continue
            if part in ("recipients", "signature", "grounds", "general", "specific_tasks_text", "implementation") \
                    and _SIGNER.match(text):
                part = "signature"
                signature.append(block)
                continue
            if part == "recipients":
                if text[:1] in "-–•+":
                    recipients.append(text.lstrip("-–•+ ").strip())
                    continue
                part = "signature"
            if part == "signature":
                signature.append(block)
                continue
            section = _SECTION.match(text)
            if section and part in ("grounds", "general", "specific_tasks_text", "implementation", "type", "head"):
                number = section.group(1)
                part = {"I": "general", "II": "specific_tasks_text", "III": "implementation"}.get(number, part)
                if number not in ("I", "II", "III"):           # a part khdesk has no field for: kept in place
                    self.unplaced.append(f"{names.get(part, part)}: {text}")
                    if part in texts:
                        texts[part].append(text)
                continue
            if part == "general":
                item = _ITEM.match(text)
                if item:
                    current_item = [item.group(2).strip()]
                    general.append(current_item)
                elif current_item is not None:
                    current_item.append(text)
                else:                       # «a) Mục tiêu», «- 100% …» of another office's plan: placed in part I
                    current_item = [text]
                    general.append(current_item)
                continue
            if part in texts:
                texts[part].append(text)
                continue
            self.unplaced.append(f"Đầu văn bản: {text}")      # before the type line: kept as a note
        self._finish_head(head_lines)
        for key, parts in texts.items():
            if parts:
                self.fields[key] = "\n".join(parts)
        if general:
            self.fields["general_tasks"] = tuple("\n".join(item) for item in general)
        if recipients:
            self.fields["recipients"] = tuple(recipients)
        self._finish_signature(signature)
        report_via = self._report_facts()
        table = self._tasks(tables)
        text_tasks = [] if table is not None else tasks_in_text([b.text for b in blocks if b.kind == "p"])
        try:
            month = self._month(month)
        except MonthUnknown:
            month = None
        plan = WordPlan(self.path, month, self.fields, report_via, table, self.unplaced, self.notes, text_tasks,
                        self.issued_month)
        if month is None and month_required:
            plan.refuse_without_tasks()             # what the document is, before which month it is
            raise MonthUnknown(f"«{self.path.name}» là {plan.described()}, có {count(len(table.rows))} nhiệm vụ "
                               "nhưng không nói tháng nào. Chọn tháng để nhập thành kế hoạch tháng đó (--plan "
                               "NĂM-THÁNG), hoặc thêm các nhiệm vụ vào kế hoạch một tháng đã có (--into NĂM-THÁNG).")
        if self.breaks:
            plan.notes.append(f"{count(self.breaks)} chỗ xuống dòng của Word (Shift+Enter) thành xuống dòng.")
        if self.hidden:
            plan.notes.append(f"Đã bỏ {count(self.hidden)} ký tự ẩn (gạch nối mềm, ký tự độ rộng 0).")
        return plan

    # ----- the parts ----------------------------------------------------------------------------
    def _head_line(self, block: _Block, head_lines: list[_Block]) -> bool:
        """The lines above the document type: agency names, the national title and motto, "Số: …",
        place and date."""
        text = block.text
        number = _NUMBER.search(text)
        if number:
            self.fields["number"] = number.group(1).strip(" .")
            self.fields["symbol"] = number.group(2).strip()
            return True
        place = _PLACE_DATE.match(text)
        if place:
            self.fields["place"] = place.group(1).strip()
            day, month_, year = place.group(2), place.group(3), place.group(4)
            if month_ and month_.isdigit() and 1 <= int(month_) <= 12:
                self.issued_month = (int(year), int(month_))      # kept when the day is left blank (a draft)
            if day and month_ and day.isdigit() and month_.isdigit():
                try:
                    self.fields["issued_on"] = date(int(year), int(month_), int(day))
                except ValueError:
                    self.notes.append(f"Ngày ban hành «{text}» không phải một ngày có thật; để trống.")
            self._year = int(year)
            return True
        folded = fold(text)
        if folded.startswith("cong hoa xa hoi chu nghia") or folded.startswith("doc lap - tu do") \
                or folded.startswith("doc lap – tu do") or set(text) <= set("-_–— "):
            return True
        if text.upper() == text and text.strip().upper() not in _DOC_TYPES and not self.fields.get("doc_type"):
            head_lines.append(block)
            return True
        return False

    def _finish_head(self, head_lines: list[_Block]) -> None:
        bold = [b.text for b in head_lines if b.bold]
        plain = [b.text for b in head_lines if not b.bold]
        if bold:
            self.fields["issuing_body"] = "\n".join(bold)
            if plain:
                self.fields["parent_body"] = "\n".join(plain)
        elif plain:
            self.fields["issuing_body"] = "\n".join(plain)
        issuer = _issuer_name(self.fields.get("issuing_body", ""))
        if issuer:
            self.fields["issuer_name"] = issuer

    def _finish_signature(self, blocks: list[_Block]) -> None:
        lines = [b.text for b in blocks if b.text]
        if not lines:
            return
        authority = [line for line in lines if _SIGNER.match(line)]
        if authority:
            self.fields["signer_authority"] = authority[0]
            rest = lines[lines.index(authority[0]) + 1:]
        else:
            rest = lines
        if rest and rest[-1].upper() == rest[-1]:
            # a draft: «CHỦ TỊCH» and no name yet below it — a title, not the signer's name
            self.fields["signer_title"] = "\n".join(line for line in rest if line.upper() == line)
            rest = []
        if rest:
            self.fields["signer_name"] = rest[-1]
            titles = [line for line in rest[:-1] if line.upper() == line]
            if titles:
                self.fields["signer_title"] = "\n".join(titles)
            for line in rest[:-1]:
                if line not in titles:
                    self.unplaced.append(f"Chữ ký: {line}")

    def _report_facts(self) -> str:
        text = self.fields.get("implementation", "")
        deadline = _DEADLINE.search(text)
        if deadline:
            d, m, y = map(int, deadline.groups())
            try:
                self.fields["report_deadline"] = date(y, m, d)
            except ValueError:
                pass
        via = _VIA.search(text)
        return via.group(1) if via else ""

    def _month(self, given: str | None) -> str:
        if given:
            return checked_month(given)
        title = _APPENDIX_TITLE.search(self.fields.get("appendix_title", ""))
        if title:
            return f"{int(title.group(2)):04d}-{int(title.group(1)):02d}"
        subject = _MONTH_IN_SUBJECT.search(self.fields.get("subject", ""))
        if subject:
            return f"{int(subject.group(2)):04d}-{int(subject.group(1)):02d}"
        if re.search(r"\bnăm\s+\d{4}\b", self.fields.get("subject", "")):
            raise MonthUnknown("")                # a plan for a year: its date is no month of a monthly plan
        if self.fields.get("issued_on"):
            d = self.fields["issued_on"]
            return f"{d.year:04d}-{d.month:02d}"
        if self.issued_month:                     # «ngày ___ tháng 12 năm 2025»: a draft's month and year
            return f"{self.issued_month[0]:04d}-{self.issued_month[1]:02d}"
        raise MonthUnknown(f"Không biết «{self.path.name}» là kế hoạch tháng nào (tiêu đề, trích yếu và ngày ban hành "
                           "đều không nói). Hãy chọn tháng (--plan NĂM-THÁNG).")

    # ----- the task tables ----------------------------------------------------------------------
    def _is_task_table(self, table) -> bool:
        """A table with a task table's header whose rows name who carries them (a column or section rows
        naming agencies). A conference agenda (speakers), a score or a fee table is not one: said, not
        imported as tasks."""
        cells, merged = self._table_cells(table, 0, limit_rows=3)
        if not cells:
            return False
        try:
            header_row, columns, unplaced = find_header(Grid(cells, merged))
        except InvalidInput:
            return False
        counted = self.cells
        try:
            rows = self._tasks([table]).rows
        except InvalidInput:
            return False
        finally:
            self.cells = counted                  # (read again with the others: counted once)
        if any(names_an_agency(lead) for row in rows for lead in row.leads):
            return True
        titles = [cells.get((header_row, c), ("", None))[0] for c in sorted({c for r, c in cells if r == header_row})]
        self.notes.append(f"Bảng có các cột {' | '.join(' '.join(str(t).split()) for t in titles)} không phải bảng "
                          "nhiệm vụ: không dòng nào ghi cơ quan thực hiện"
                          + ("" if "lead" in columns else " (không có cột «Cơ quan chủ trì»)") + "; không nhập.")
        return False

    def _table_cells(self, table, row_offset: int, limit_rows: int | None = None):
        """The table as the Excel import's grid: each cell's text once, at its first row and column,
        with its horizontal (gridSpan) and vertical (vMerge) merges as merged ranges."""
        found: dict[tuple[int, int], tuple[object, str | None]] = {}
        merged: list[list[int]] = []
        open_down: dict[int, list[int]] = {}                  # column → the merge it continues
        for r, tr in enumerate(rows(table), start=row_offset + 1):
            if limit_rows is not None and r - row_offset > limit_rows:
                break
            col = 1
            for tc in cells(tr):
                span = grid_span(tc)
                vmerge = vertical_merge(tc)
                if vmerge == "continue" and col in open_down:
                    open_down[col][2] = r
                else:
                    self.cells += 1
                    if self.cells > MAX_CELLS:
                        raise InvalidInput(f"Tệp «{self.path.name}» có hơn {count(MAX_CELLS)} ô bảng; không phải một "
                                           "kế hoạch.")
                    text = "\n".join(self._clean(line) for line in cell_lines(tc)).strip("\n")
                    if text:
                        found[(r, col)] = (text, _font_of(tc))
                    box = [r, col, r, col + span - 1]
                    if span > 1 or vmerge == "restart":
                        merged.append(box)
                    if vmerge == "restart":
                        open_down[col] = box
                    else:
                        open_down.pop(col, None)
                col += span
        return found, [tuple(m) for m in merged]

    def _tasks(self, tables: list) -> ImportTable | None:
        if not tables:
            return None
        found, merged, offset = {}, [], 0
        header_texts = None
        for table in tables:
            part, spans = self._table_cells(table, offset)
            used = sorted({r for r, _ in part})
            if header_texts is None and used:
                header_texts = [part.get((used[0], c), ("", None))[0] for c in range(1, 10)]
            elif used and [part.get((used[0], c), ("", None))[0] for c in range(1, 10)] == header_texts:
                part = {k: v for k, v in part.items() if k[0] != used[0]}      # the header repeated
            found.update(part)
            merged += spans
            offset += sum(1 for _ in rows(table))
        # no Unicode guess from the letters alone: a run's font says which cells are TCVN3/VNI
        return parse_grid(self.path, "bảng phụ lục", Grid(found, merged))


_PART_HEADINGS = {fold(f"{n}. {h}") for n in ("I", "II") for h in (CARRIED_PART, NEW_PART)}
_PLACE_KINDS = ("TỈNH", "THÀNH PHỐ", "THỊ XÃ", "HUYỆN", "QUẬN", "XÃ", "PHƯỜNG", "THỊ TRẤN", "ĐẶC KHU")


def _issuer_name(issuing_body: str) -> str:
    """"ỦY BAN NHÂN DÂN / TỈNH KHÁNH HÒA" → "Ủy ban nhân dân tỉnh Khánh Hòa" (as the running text names
    it); "" when the body is not a People's Committee of a named place (then it is not guessed)."""
    words = " ".join(issuing_body.split())
    match = re.fullmatch(r"(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)\s+(" + "|".join(_PLACE_KINDS) + r")\s+(.+)", words)
    if not match:
        return ""
    place = " ".join(w[:1] + w[1:].lower() for w in match.group(3).split())
    return f"Ủy ban nhân dân {match.group(2).lower()} {place}"


def _style_bold(paragraph) -> bool:
    style, seen = paragraph.style, set()
    while style is not None and style.style_id not in seen:    # a style based on itself (or a ring) ends here
        seen.add(style.style_id)
        if style.font is not None and style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _font_of(cell) -> str | None:
    """The font of the cell's first run with text (a .VnTime run is TCVN3)."""
    for paragraph in cell_paragraphs(cell):
        for run in paragraph.iter(f"{{{W}}}r"):
            if run_text(run).strip():
                rpr = run.find(f"{{{W}}}rPr")
                fonts = rpr.find(f"{{{W}}}rFonts") if rpr is not None else None
                if fonts is not None:
                    return fonts.get(f"{{{W}}}ascii") or fonts.get(f"{{{W}}}hAnsi")
                return None
    return None


# ----- one file or a whole folder -------------------------------------------------------------------
def word_files(inputs: list[Path]) -> list[Path]:
    """The files named, and the Word files of each folder named (not Word's "~$" lock files)."""
    files = []
    for path in inputs:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() in (".docx", ".doc")
                            and not p.name.startswith("~$") and p.is_file())
        else:
            files.append(path)
    if not files:
        raise InvalidInput("Không có tệp Word (.docx, .doc) nào để nhập.")
    return files
