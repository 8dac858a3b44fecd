"""Word's text as Word shows it, read from the document's XML (python-docx reads only a paragraph's
direct runs and a cell's direct paragraphs, and takes hidden text as text).

- Tracked changes: an insertion (``w:ins``, ``w:moveTo``) is text, a deletion (``w:del``, ``w:moveFrom``,
  ``w:delText``) is not; a table row deleted with tracking is no row. ``tracked_changes`` says whether
  the document still has any, for the preview to say so.
- Hidden text (a run with ``w:vanish``) is not text.
- Fields (``w:fldSimple``, and complex fields: their instruction ``w:instrText`` is not text, their
  result is), content controls (``w:sdt``, inline, around paragraphs, rows, cells or a whole table),
  smart tags, ``w:customXml`` and hyperlinks are read through to what they show.
- ``mc:AlternateContent`` is read once: its ``mc:Choice`` (or its ``mc:Fallback`` when it has no choice).
- A table nested in a cell is read as lines of that cell, row by row (its cells joined by « – »).
- Drawings, pictures and embedded objects are not text (a text box there is a stamp or a label).
No Qt and no python-docx here: plain lxml elements of ``word/document.xml``."""
from __future__ import annotations

from collections.abc import Iterator

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P, _TBL, _TR, _TC, _R = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r")
_T, _TAB, _BR, _CR = _w("t"), _w("tab"), _w("br"), _w("cr")
_NO_BREAK_HYPHEN, _SOFT_HYPHEN = _w("noBreakHyphen"), _w("softHyphen")
_DELETED = {_w("del"), _w("moveFrom")}
_CHANGES = {_w("ins"), _w("del"), _w("moveFrom"), _w("moveTo")}
# containers whose children are read as if they stood in their place
_WRAPPERS = {_w("sdt"), _w("sdtContent"), _w("customXml"), _w("smartTag"), _w("ins"), _w("moveTo"),
             _w("hyperlink"), _w("fldSimple"), _w("dir"), _w("bdo")}
_SKIPPED = {_w("sdtPr"), _w("sdtEndPr"), _w("customXmlPr"), _w("smartTagPr"), _w("pPr"), _w("rPr"),
            _w("tblPr"), _w("tblGrid"), _w("trPr"), _w("tcPr"), _w("instrText"), _w("delText"),
            _w("delInstrText"), _w("bookmarkStart"), _w("bookmarkEnd"), _w("proofErr"), _w("commentRangeStart"),
            _w("commentRangeEnd"), _w("fldChar"),
            # drawings, pictures and embedded objects: a text box there is a stamp or a label, not the text
            _w("drawing"), _w("pict"), _w("object")}
_ALTERNATE, _CHOICE, _FALLBACK = f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice", f"{{{MC}}}Fallback"
_OFF = {"0", "false", "off"}


def _on(element) -> bool:
    """A Word on/off property (``<w:vanish/>`` is on; ``w:val="0"`` is off)."""
    return element is not None and element.get(_w("val"), "true").lower() not in _OFF


def _hidden(run) -> bool:
    rpr = run.find(_w("rPr"))
    return rpr is not None and (_on(rpr.find(_w("vanish"))) or _on(rpr.find(_w("specVanish"))))


def _alternate(element):
    """The one branch of an ``mc:AlternateContent`` that is read."""
    return element.find(_CHOICE) if element.find(_CHOICE) is not None else element.find(_FALLBACK)


def children(element) -> Iterator:
    """The element's children with wrappers (content controls, tracked insertions, smart tags …) opened
    and deletions left out, in document order."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED or tag in _DELETED:
            continue
        if tag in _WRAPPERS:
            yield from children(child)
        elif tag == _ALTERNATE:
            branch = _alternate(child)
            if branch is not None:
                yield from children(branch)
        else:
            yield child


def _run_text(run, out: list[str]) -> None:
    if _hidden(run):
        return
    for child in children(run):
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag == _TAB:
            out.append("\t")
        elif tag in (_BR, _CR):
            out.append("\n" if child.get(_w("type"), "textWrapping") == "textWrapping" else "")
        elif tag == _NO_BREAK_HYPHEN:
            out.append("\u2011")
        elif tag == _SOFT_HYPHEN:
            out.append("\u00ad")


def run_text(run) -> str:
    out: list[str] = []
    _run_text(run, out)
    return "".join(out)


def paragraph_text(paragraph) -> str:
    """What Word shows of a ``w:p``: inserted text, field results, content controls; no deleted or
    hidden text, no field instruction."""
    out: list[str] = []
    for child in children(paragraph):
        if child.tag == _R:
            _run_text(child, out)
        elif len(child):                      # math, ruby …: whatever runs they hold
            for run in child.iter(_R):
                _run_text(run, out)
    return "".join(out)


def body_blocks(body) -> Iterator:
    """The paragraphs and tables of the body (or of a cell) in order, content controls opened."""
    for child in children(body):
        if child.tag in (_P, _TBL):
            yield child


def rows(table) -> Iterator:
    """The table's rows, a row deleted with tracked changes left out."""
    for row in children(table):
        if row.tag != _TR:
            continue
        trpr = row.find(_w("trPr"))
        if trpr is not None and trpr.find(_w("del")) is not None:
            continue
        yield row


def cells(row) -> Iterator:
    for cell in children(row):
        if cell.tag == _TC:
            yield cell


def cell_paragraphs(cell) -> Iterator:
    """The cell's own paragraphs (content controls opened); nested tables are left to ``cell_lines``."""
    for block in body_blocks(cell):
        if block.tag == _P:
            yield block


def cell_lines(cell) -> list[str]:
    """The cell's text as lines: its paragraphs, and a nested table row by row."""
    lines: list[str] = []
    for block in body_blocks(cell):
        if block.tag == _P:
            lines.append(paragraph_text(block))
        else:
            for row in rows(block):
                parts = [" ".join(line for line in cell_lines(c) if line.strip()) for c in cells(row)]
                lines.append(" – ".join(p for p in parts if p.strip()))
    return lines


def grid_span(cell) -> int:
    tcpr = cell.find(_w("tcPr"))
    span = tcpr.find(_w("gridSpan")) if tcpr is not None else None
    try:
        return max(1, int(span.get(_w("val")))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def vertical_merge(cell) -> str | None:
    """"restart", "continue" or None (``<w:vMerge/>`` alone continues)."""
    tcpr = cell.find(_w("tcPr"))
    merge = tcpr.find(_w("vMerge")) if tcpr is not None else None
    return None if merge is None else merge.get(_w("val"), "continue")


def tracked_changes(body) -> int:
    """How many tracked insertions, deletions and moves the document still has (not accepted)."""
    return sum(1 for element in body.iter() if element.tag in _CHANGES)
