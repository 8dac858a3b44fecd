"""Reading a task table from an Excel file (.xlsx through openpyxl, .xls through xlrd) into the format-neutral
``khdesk.formats.tables.Grid``, bounded against crafted files; ``tables.parse_grid`` then reads it the way a
clerk would.

Nothing is written to the database here (see ``khdesk.usecases.importing``).
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ...domain.limits import count
from ...errors import InvalidInput, KhdeskError, os_reason
from ..tables import (
    HEADER_SCAN_ROWS,
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_ROWS,
    MAX_TEXT_CHARS,
    Grid,
    ImportTable,
    parse_grid,
)

# A hostile file is refused before it can take the machine: every limit is checked on what the
# file really holds (bytes counted while inflating, cells and characters counted as they are read),
# never on what its headers claim.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024      # all the parts of an .xlsx, inflated
MAX_ZIP_ENTRIES = 5_000
EXPORT_CREATOR = "khdesk"          # the author khdesk writes into its own .xlsx files

def first_bytes(path: Path, kind: str, what: str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The first bytes of a file brought in from outside, after what can be said before reading it:
    a folder, missing, unreadable, not a plain file, empty, too large. ``kind``: "tệp Excel (.xlsx hoặc
    .xls)"; ``what``: "một bảng nhiệm vụ"."""
    if path.is_dir():
        raise KhdeskError(f"«{path}» là một thư mục; hãy chọn {kind} trong thư mục đó.")
    if not path.exists():
        raise KhdeskError(f"Không tìm thấy tệp «{path}».")
    if not path.is_file():              # before opening it: opening a named pipe waits forever
        raise InvalidInput(f"«{path.name}» không phải tệp thường (thiết bị hoặc đường ống), không phải {kind}.")
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as err:
        raise KhdeskError(f"Không đọc được tệp «{path.name}»: {os_reason(err)}.") from err
    if size == 0:
        raise InvalidInput(f"Tệp «{path.name}» trống.")
    if size > max_bytes:
        raise InvalidInput(f"Tệp «{path.name}» quá lớn ({size // 1_000_000} MB) cho {what}.")
    return head


def read_table(path: str | Path) -> ImportTable:
    path = Path(path)
    head = first_bytes(path, "tệp Excel (.xlsx hoặc .xls)", "một bảng nhiệm vụ")
    if head.startswith(b"PK\x03\x04"):
        check_zip(path)
        return _read_xlsx(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _read_xls(path)
    raise InvalidInput(f"Tệp «{path.name}» không phải bảng tính Excel (.xlsx hoặc .xls).")


def check_zip(path: Path, main_part: str = "xl/workbook.xml", kind: str = "bảng tính Excel") -> None:
    """Refuse a zip bomb: every part is inflated once, as a stream, and its bytes counted (the sizes
    written in the zip's headers can lie). Also counts each sheet's rows. ``main_part`` names the
    part a file of ``kind`` must have (word/document.xml for a .docx)."""
    import zlib

    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if main_part not in {i.filename for i in infos}:
                raise InvalidInput(f"Tệp «{path.name}» là tệp nén nhưng không phải {kind}.")
            if len(infos) > MAX_ZIP_ENTRIES:
                raise InvalidInput(f"Tệp «{path.name}» có hơn {MAX_ZIP_ENTRIES} phần; khdesk không mở để tránh treo máy.")
            total = 0
            for info in infos:
                is_sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
                rows, tail = 0, b""
                with z.open(info) as member:
                    while chunk := member.read(1 << 20):
                        total += len(chunk)
                        if total > MAX_UNZIPPED_BYTES:
                            raise InvalidInput(
                                f"Tệp «{path.name}» khi giải nén lớn bất thường (hơn "
                                f"{count(MAX_UNZIPPED_BYTES // (1024 * 1024))} MB); khdesk không mở để tránh treo máy.")
                        if is_sheet:
                            rows += len(re.findall(rb"<(?:\w+:)?row[\s>]", tail + chunk)) - \
                                len(re.findall(rb"<(?:\w+:)?row[\s>]", tail))
                            tail = chunk[-16:]
                if rows > MAX_ROWS + HEADER_SCAN_ROWS:
                    raise InvalidInput(f"Bảng tính có hơn {MAX_ROWS} dòng; khdesk chỉ nhập bảng nhiệm vụ của "
                                       "một kế hoạch. Hãy tách bảng rồi nhập từng phần.")
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as err:
        raise InvalidInput(f"Tệp «{path.name}» bị hỏng (không đọc được cấu trúc tệp nén).") from err


# What openpyxl (and the XML parsers under it: expat, lxml, defusedxml) raise on a damaged or crafted
# file. SyntaxError covers xml.etree's ParseError (a NUL byte in a sheet's XML) and lxml's XMLSyntaxError.
_DAMAGED = (KeyError, ValueError, TypeError, IndexError, AttributeError, zipfile.BadZipFile, SyntaxError, OSError,
            EOFError)


def _read_xlsx(path: Path) -> ImportTable:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # read-only mode streams the cells; merged ranges are read from the sheet XML below (the
        # normal mode would restyle every merged cell, several times slower on long tables)
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except KhdeskError:
        raise
    except (InvalidFileException, *_DAMAGED) as err:
        raise InvalidInput(f"Không đọc được «{path.name}»: tệp bị hỏng hoặc không phải bảng tính Excel.") from err
    try:
        try:
            active = wb.active
            sheets = [active] + [ws for ws in wb.worksheets if ws is not active]
        except _DAMAGED as err:
            raise InvalidInput(f"Không đọc được «{path.name}»: tệp bị hỏng (cấu trúc bảng tính sai).") from err
        problems = []
        for ws in sheets:
            try:
                grid = grid_from_openpyxl(wb, ws)
            except KhdeskError:
                raise
            except _DAMAGED as err:
                # (SyntaxError: the XML parsers' errors, a NUL in the sheet's XML …)
                raise InvalidInput(f"Không đọc được «{path.name}»: trang «{ws.title}» bị hỏng.") from err
            try:
                return parse_grid(path, ws.title, grid)
            except InvalidInput as err:
                problems.append(str(err))
        raise InvalidInput(problems[0] if problems else f"Tệp «{path.name}» không có trang tính nào.")
    finally:
        wb.close()


def _read_xls(path: Path) -> ImportTable:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True)
    except xlrd.biffh.XLRDError as err:
        text = str(err).lower()
        if "encrypt" in text or "password" in text:
            raise InvalidInput(f"Tệp «{path.name}» có mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi nhập lại.") from err
        if "compdoc" in text or "expected bof" in text or "unsupported format" in text:
            if _is_encrypted_ooxml(path):
                raise InvalidInput(f"Tệp «{path.name}» có mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi nhập "
                                   "lại.") from err
            raise InvalidInput(f"Tệp «{path.name}» không phải bảng tính Excel đọc được.") from err
        raise InvalidInput(f"Không đọc được «{path.name}»: {err}.") from err
    except Exception as err:           # xlrd raises many kinds on damaged files
        if _is_encrypted_ooxml(path):
            raise InvalidInput(f"Tệp «{path.name}» có mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi nhập lại.") from err
        raise InvalidInput(f"Không đọc được «{path.name}»: tệp .xls bị hỏng.") from err
    problems = []
    for sheet in book.sheets():
        if sheet.nrows > MAX_ROWS + HEADER_SCAN_ROWS:
            raise InvalidInput(f"Bảng «{sheet.name}» có hơn {MAX_ROWS} dòng; hãy tách bảng rồi nhập từng phần.")
        try:
            return parse_grid(path, sheet.name, grid_from_xlrd(book, sheet))
        except InvalidInput as err:
            problems.append(str(err))
    raise InvalidInput(problems[0] if problems else f"Tệp «{path.name}» không có trang tính nào.")


def _is_encrypted_ooxml(path: Path) -> bool:
    """A password-protected .xlsx is an OLE container holding an "EncryptedPackage" stream."""
    try:
        data = path.read_bytes()[:2_000_000]
    except OSError:
        return False
    return "EncryptedPackage".encode("utf-16-le") in data


# ----- a sheet as a grid of (value, font name) ----------------------------------------------------


def grid_from_openpyxl(wb, ws) -> Grid:
    """A read-only openpyxl sheet; its merged ranges come from the sheet's XML."""
    from openpyxl.utils.cell import range_boundaries

    ws.reset_dimensions()           # the sheet's own "dimension" may claim a million rows and columns
    cells = {}
    text_chars = 0
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None or not hasattr(cell, "column"):
                continue
            value = cell.value
            if isinstance(value, str):
                if "_x" in value:                      # the .xlsx escape of a character XML cannot hold
                    value = _XLSX_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
                text_chars += len(value)               # a shared string counts wherever it is used
                if len(value) > MAX_CELL_CHARS:
                    raise InvalidInput(f"Ô {cell.coordinate} có {count(len(value))} ký tự, nhiều hơn một ô Excel "
                                       f"chứa được ({count(MAX_CELL_CHARS)}): tệp không do Excel tạo ra hoặc đã bị "
                                       "sửa. khdesk không nhập tệp này.")
                if text_chars > MAX_TEXT_CHARS:
                    raise InvalidInput(f"Bảng có hơn {count(MAX_TEXT_CHARS)} ký tự chữ; khdesk chỉ nhập bảng nhiệm vụ "
                                       "của một kế hoạch. Hãy tách bảng rồi nhập từng phần.")
            font = cell.font.name if cell.font is not None else None
            cells[(cell.row, cell.column)] = (value, font)
            if len(cells) > MAX_CELLS:
                raise InvalidInput(f"Bảng có hơn {count(MAX_CELLS)} ô có dữ liệu; khdesk chỉ nhập bảng nhiệm vụ của "
                                   "một kế hoạch. Hãy tách bảng rồi nhập từng phần.")
    xml = wb._archive.read(ws._worksheet_path)          # (its size was checked while inflating)
    uncomputed = _uncomputed_formula_rows(xml)
    if uncomputed:
        shown = ", ".join(str(r) for r in uncomputed[:10]) + (" …" if len(uncomputed) > 10 else "")
        raise InvalidInput(f"Trang «{ws.title}» có ô công thức chưa được tính (không có giá trị lưu sẵn) ở dòng "
                           f"{shown}: tệp do một chương trình khác Excel tạo ra. Hãy mở tệp bằng Excel hoặc "
                           "LibreOffice, lưu lại rồi nhập lại; chưa có dòng nào được nhập.")
    merged = []
    for ref in re.findall(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"', xml):
        c1, r1, c2, r2 = range_boundaries(ref.decode())
        merged.append((r1, c1, r2, c2))
    # a file khdesk wrote is Unicode whatever its letters look like
    unicode_only = (getattr(wb.properties, "creator", None) or "") == EXPORT_CREATOR
    return Grid(cells, merged, unicode_only)

def grid_from_xlrd(book, sheet) -> Grid:  # (a .xls file always keeps its formulas' values)
    import xlrd

    cells = {}
    for r in range(sheet.nrows):
        for c in range(sheet.ncols):
            cell = sheet.cell(r, c)
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                continue
            value = cell.value
            if cell.ctype == xlrd.XL_CELL_DATE:
                value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
            elif cell.ctype == xlrd.XL_CELL_NUMBER and float(value).is_integer():
                value = int(value)
            font = None
            try:
                font = book.font_list[book.xf_list[cell.xf_index].font_index].name
            except (IndexError, AttributeError):
                pass
            cells[(r + 1, c + 1)] = (value, font)
    merged = [(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sheet.merged_cells]
    return Grid(cells, merged)


# "_x000B_" is how an .xlsx writes Word's line break (U+000B) and other characters XML cannot hold;
# "_x005F_" is a literal "_" before such a sequence. openpyxl's read-only cells keep them escaped.
_XLSX_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_ROW_OF = re.compile(rb'\br="[A-Z]+([0-9]+)"')


def _uncomputed_formula_rows(xml: bytes) -> list[int]:
    """The rows with a formula cell that holds no computed value (a file written by a program that
    cannot compute, such as a script): openpyxl reads such a cell as empty, and the row would vanish."""
    if b"<f" not in xml and b":f" not in xml:
        return []
    rows = set()
    for m in _CELL.finditer(xml):
        inner = m.group(2) or b""
        if not re.search(rb"<(?:\w+:)?f[\s>/]", inner):
            continue
        value = re.search(rb"<(?:\w+:)?v>([^<]*)<", inner)
        # no value, or an empty one that is not a computed empty text (Excel writes t="str" <v></v>)
        if value is None or (not value.group(1) and not re.search(rb'\bt="str"', m.group(1))):
            row = _ROW_OF.search(m.group(1))
            rows.add(int(row.group(1)) if row else 0)
    return sorted(rows)
