"""Small spreadsheets made to eat a machine (issue 13), built byte by byte from a normal one."""
from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

import openpyxl


def _base() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["TT", "Nội dung", "Cơ quan chủ trì"])
    ws.append([1, "Một nhiệm vụ", "Sở Y tế"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _rewrite(path: Path, change) -> Path:
    """A copy of the normal workbook with each member passed through ``change(name, data)``."""
    source = zipfile.ZipFile(io.BytesIO(_base()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, change(info.filename, source.read(info.filename)))
    return path


def _sheet(change):
    return lambda name, data: change(data) if name == "xl/worksheets/sheet1.xml" else data


def merged_to_the_end(path: Path) -> Path:
    """One merged range D1:XFD1048576."""
    return _rewrite(path, _sheet(lambda d: re.sub(rb"</sheetData>", rb'</sheetData><mergeCells count="1">'
                                                   rb'<mergeCell ref="D1:XFD1048576"/></mergeCells>', d)))


def cell_at_the_end(path: Path) -> Path:
    """One more cell, at XFD1048576, and the dimension saying so."""
    def change(d):
        d = re.sub(rb'<dimension ref="[^"]*"/>', rb'<dimension ref="A1:XFD1048576"/>', d)
        return d.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is>'
                                          b"</c></row></sheetData>")
    return _rewrite(path, _sheet(change))


def huge_shared_string(path: Path, length: int = 1_000_000, rows: int = 500) -> Path:
    """One shared string of ``length`` characters, used by ``rows`` task rows (Excel itself writes no
    cell longer than 32,767 characters; a crafted file can)."""
    def change(name, data):
        if name == "[Content_Types].xml":
            return data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", b'<Relationship Id="rIdSS" Type="http://schemas.openxmlformats'
                                b'.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                b"</Relationships>")
        if name == "xl/worksheets/sheet1.xml":
            body = [b'<row r="1"><c r="A1" t="inlineStr"><is><t>TT</t></is></c><c r="B1" t="inlineStr"><is>'
                    + "<t>Nội dung</t></is></c></row>".encode()]
            body += [f'<row r="{i}"><c r="A{i}"><v>{i - 1}</v></c><c r="B{i}" t="s"><v>0</v></c></row>'.encode()
                     for i in range(2, rows + 2)]
            data = re.sub(rb"<sheetData>.*</sheetData>", lambda m: b"<sheetData>" + b"".join(body) + b"</sheetData>",
                          data, flags=re.S)
            return re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="A1:B{rows + 1}"/>'.encode(), data)
        return data

    _rewrite(path, change)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        text = ("nhiệm vụ " * (length // 9 + 1))[:length]
        z.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   f'count="{rows}" uniqueCount="1"><si><t>{text}</t></si></sst>')
    return path


def nul_in_sheet(path: Path) -> Path:
    return _rewrite(path, _sheet(lambda d: d.replace(b"Sheet", b"She\x00et", 1) if b"Sheet" in d
                                 else d.replace(b"<sheetData>", b"<sheetData>\x00")))


def lying_sizes(path: Path, inflated: int = 400_000_000, honest_headers: bool = False) -> Path:
    """A sheet of ``inflated`` bytes of padding whose zip headers say it is small (or, with
    ``honest_headers``, tell the truth: a plain zip bomb)."""
    big = io.BytesIO()
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as out:
        source = zipfile.ZipFile(io.BytesIO(_base()))
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                pad = b" " * inflated
                data = data.replace(b"<sheetData>", b"<sheetData>" + pad[: inflated])
            out.writestr(info.filename, data)
    raw = bytearray(big.getvalue())
    if honest_headers:
        path.write_bytes(bytes(raw))
        return path
    # write 1,000 as the uncompressed size in every local header and central directory entry
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        for m in re.finditer(re.escape(signature), bytes(raw)):
            struct.pack_into("<I", raw, m.start() + offset, 1000)
    path.write_bytes(bytes(raw))
    return path
