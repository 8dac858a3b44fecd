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

import re
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


# ----- Word's automatic numbering («1.», «a)», «1.1.» that is not typed) ---------------------------------
_ROMAN_DIGITS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
MAX_LIST_LEVELS = 9


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN_DIGITS:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _formatted(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).lower() if fmt == "lowerRoman" else _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _int(element, default: int = 0) -> int:
    try:
        return int(element.get(_w("val"))) if element is not None else default
    except (TypeError, ValueError):
        return default


class Numbering:
    """The labels Word draws before numbered paragraphs, counted in document order: what a reader sees
    («1.», «a)», «1.1.», «-» for a bullet) though the text does not hold it. Built from numbering.xml and
    the styles (a heading style may carry the numbering); an unknown list or level gives no label."""

    def __init__(self, numbering=None, styles=None):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}     # numId → ilvl → (format, text, start)
        self.style_numbers: dict[str, tuple[str, int]] = {}              # style id → (numId, ilvl)
        self.counters: dict[str, list[int]] = {}
        if numbering is not None:
            abstract = {}
            for item in numbering.iter(_w("abstractNum")):
                levels = {}
                for lvl in item.iter(_w("lvl")):
                    ilvl = _int_attr(lvl, "ilvl")
                    fmt = lvl.find(_w("numFmt"))
                    text = lvl.find(_w("lvlText"))
                    levels[ilvl] = (fmt.get(_w("val"), "decimal") if fmt is not None else "decimal",
                                    text.get(_w("val"), "") if text is not None else "", _int(lvl.find(_w("start")), 1))
                abstract[item.get(_w("abstractNumId"))] = levels
            for num in numbering.iter(_w("num")):
                ref = num.find(_w("abstractNumId"))
                levels = dict(abstract.get(ref.get(_w("val")) if ref is not None else None, {}))
                for override in num.iter(_w("lvlOverride")):
                    start = override.find(_w("startOverride"))
                    ilvl = _int_attr(override, "ilvl")
                    if start is not None and ilvl in levels:
                        fmt, text, _ = levels[ilvl]
                        levels[ilvl] = (fmt, text, _int(start, 1))
                self.levels[num.get(_w("numId"))] = levels
        if styles is not None:
            for style in styles.iter(_w("style")):
                ppr = style.find(_w("pPr"))
                num = ppr.find(_w("numPr")) if ppr is not None else None
                if num is not None and num.find(_w("numId")) is not None:
                    self.style_numbers[style.get(_w("styleId"))] = (num.find(_w("numId")).get(_w("val")),
                                                                    _int(num.find(_w("ilvl"))))

    def label(self, paragraph) -> str:
        """The label of this paragraph («2.», «b)», «-»), or "" (counting it: call once per paragraph, in order)."""
        ppr = paragraph.find(_w("pPr"))
        if ppr is None:
            return ""
        num = ppr.find(_w("numPr"))
        if num is not None and num.find(_w("numId")) is not None:
            num_id, ilvl = num.find(_w("numId")).get(_w("val")), _int(num.find(_w("ilvl")))
        else:
            style = ppr.find(_w("pStyle"))
            found = self.style_numbers.get(style.get(_w("val"))) if style is not None else None
            if found is None:
                return ""
            num_id, ilvl = found
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or not 0 <= ilvl < MAX_LIST_LEVELS:
            return ""                                  # numId 0: numbering switched off
        counters = self.counters.setdefault(num_id, [0] * MAX_LIST_LEVELS)
        fmt, text, start = levels[ilvl]
        counters[ilvl] = start if counters[ilvl] == 0 else counters[ilvl] + 1
        for deeper in range(ilvl + 1, MAX_LIST_LEVELS):
            counters[deeper] = 0
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""

        def value(match) -> str:
            level = int(match.group(1)) - 1
            fmt_of = levels.get(level, ("decimal", "", 1))[0]
            count = counters[level] if counters[level] else levels.get(level, ("", "", 1))[2]
            return _formatted(count, fmt_of)

        return re.sub(r"%([1-9])", value, text).strip()


def _int_attr(element, name: str) -> int:
    try:
        return int(element.get(_w(name)))
    except (TypeError, ValueError):
        return 0
