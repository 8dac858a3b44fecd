"""Text typed in the old Vietnamese font encodings, turned back into Unicode.

Before Unicode (TCVN 6909:2001) offices typed in TCVN3/ABC fonts (.VnTime, .VnTimeH …) or VNI fonts
(VNI-Times …). Excel stores such text as Windows-1252 characters, so it arrives as "Së Y tÕ" (TCVN3)
or "Sôû Y teá" (VNI). The encoding is recognised from the characters themselves (a legacy font
name alone proves nothing: old templates keep the font names long after the text became Unicode);
the font name only tells TCVN3 capitals, which live in the ``…H`` fonts (".VnTimeH"). The
characters of one cell are weak evidence too ("KÈ SÔNG CÁI" is Unicode, not TCVN3 "Kẩ SÔNG CÁI"),
so a file is converted only where a legacy font is on the cell or ``Evidence`` about the whole
column or sheet says so.

The tables are data (``resources/data/legacy-encodings.json``) and are checked against a second,
independent source in the tests.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache

from ..system.resources import resource

TCVN3, VNI = "tcvn3", "vni"

# Characters that Vietnamese Unicode text never contains but TCVN3 text is full of.
_TCVN3_MARKS = set("¸µ¶·¹¨©ª«¬®¡¢£¤¥¦§¾»¼½×÷ÐßÇÈËÆÎÏÖäåæçëîïñöøÜÞþûü")
# A VNI letter is a base letter followed by a mark byte.
_VNI_PAIR = re.compile(r"[aeiouyAEIOUYôöÔÖ][ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]")
_VNI_SINGLE = set("ñÑ")
_CP1252_EXTRAS = set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")


@lru_cache(maxsize=1)
def tables() -> dict[str, dict[str, str]]:
    data = json.loads(resource("data", "legacy-encodings.json").read_text(encoding="utf-8"))
    return {TCVN3: data["tcvn3"], VNI: data["vni"]}


def is_legacy_font(font_name: str | None) -> str | None:
    name = (font_name or "").strip().lower()
    if name.startswith(".vn"):
        return TCVN3
    if name.startswith("vni"):
        return VNI
    return None


def is_unicode_vietnamese(text: str) -> bool:
    """Whether ``text`` holds a letter only Unicode Vietnamese has (ạ, ơ, ư, đ …): such text
    cannot have been typed in a legacy font."""
    return any(ord(c) > 0xFF and c not in _CP1252_EXTRAS for c in text)


def _marks(text: str) -> tuple[int, int]:
    """How many VNI letters and how many TCVN3 marks the text has."""
    vni = len(_VNI_PAIR.findall(text)) + sum(text.count(c) for c in _VNI_SINGLE)
    tcvn = sum(1 for c in _VNI_PAIR.sub("", text) if c in _TCVN3_MARKS)
    return vni, tcvn


def detect(text: str, font_name: str | None = None) -> str | None:
    """TCVN3, VNI or None (Unicode or plain ASCII), judged from the characters of one text.
    This alone is weak evidence ("KÈ SÔNG CÁI", "10×20" read as TCVN3): an importer asks
    ``Evidence`` about the whole column or sheet before converting (see ``khdesk.formats.excel.reading``)."""
    if not text or text.isascii() or is_unicode_vietnamese(text):
        return None
    vni, tcvn = _marks(text)
    if vni == 0 and tcvn == 0:
        return None
    if vni == tcvn:
        return is_legacy_font(font_name)
    return VNI if vni > tcvn else TCVN3


class Evidence:
    """What a set of texts (a column, a sheet) says about their encoding. Legacy text is full of
    marks in every cell and never holds a Unicode-only letter; Unicode text may have a few Latin-1
    letters (È, ×, ü) but then its neighbours have ạ, ơ, ư, đ."""

    MIN_CELLS, MIN_MARKS = 2, 8

    def __init__(self):
        self.legacy_cells = 0       # texts that read as TCVN3 or VNI on their own
        self.unicode_cells = 0      # texts with a Unicode-only Vietnamese letter
        self.marks = 0

    def add(self, text: str) -> None:
        if not text or text.isascii():
            return
        if is_unicode_vietnamese(text):
            self.unicode_cells += 1
        elif detect(text) is not None:
            self.legacy_cells += 1
            self.marks += max(_marks(text))

    def reads_legacy(self) -> bool:
        """Many legacy-looking texts, with many marks, and Unicode Vietnamese in hardly any text
        (one, such as a header typed later in Unicode, and one more for every ten legacy ones)."""
        return (self.legacy_cells >= self.MIN_CELLS and self.marks >= self.MIN_MARKS
                and self.unicode_cells <= 1 + self.legacy_cells // 10)


def convert(text: str, encoding: str, font_name: str | None = None) -> str:
    """The Unicode (NFC) form of ``text`` typed in ``encoding``."""
    table = tables()[encoding]
    if encoding == TCVN3:
        out = "".join(table.get(c, c) for c in text)
        if (font_name or "").strip().lower().endswith("h"):      # .VnTimeH: the capitals font
            out = out.upper()
    else:
        parts, i = [], 0
        while i < len(text):
            pair = text[i:i + 2]
            if len(pair) == 2 and pair in table:
                parts.append(table[pair])
                i += 2
            else:
                parts.append(table.get(text[i], text[i]))
                i += 1
        out = "".join(parts)
    return unicodedata.normalize("NFC", out)


def to_unicode(text: str, font_name: str | None = None) -> tuple[str, str | None]:
    """(Unicode text, the encoding it was converted from or None). A text in a TCVN3 or VNI font is
    converted by its font, however few marks it holds: a short name has one ("Thanh tra tØnh"), and
    some marks (Ø, Ò …) are ordinary Latin-1 letters elsewhere, so the text alone cannot tell."""
    by_font = is_legacy_font(font_name)
    if by_font and text and not text.isascii() and not is_unicode_vietnamese(text):
        return convert(text, by_font, font_name), by_font
    encoding = detect(text, font_name)
    return (convert(text, encoding, font_name), encoding) if encoding else (text, None)
