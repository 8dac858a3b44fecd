"""Text typed in the old Vietnamese font encodings, turned back into Unicode.

Before Unicode (TCVN 6909:2001) offices typed in TCVN3/ABC fonts (.VnTime, .VnTimeH …) or VNI fonts
(VNI-Times …). Excel stores such text as Windows-1252 characters, so it arrives as "Së Y tÕ" (TCVN3)
or "Sôû Y teá" (VNI). The encoding is recognised from the characters themselves (a legacy font
name alone proves nothing: old templates keep the font names long after the text became Unicode);
the font name only tells TCVN3 capitals, which live in the ``…H`` fonts (".VnTimeH").

The tables are data (``resources/data/legacy-encodings.json``) and are checked against a second,
independent source in the tests.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache

from .resources import resource

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


def detect(text: str, font_name: str | None = None) -> str | None:
    """TCVN3, VNI or None (Unicode or plain ASCII), judged from the characters."""
    if not text or text.isascii():
        return None
    if any(ord(c) > 0xFF and c not in _CP1252_EXTRAS for c in text):
        return None          # real Unicode Vietnamese (ạ, ơ, ư, đ …) cannot be legacy text
    vni = len(_VNI_PAIR.findall(text)) + sum(text.count(c) for c in _VNI_SINGLE)
    tcvn = sum(1 for c in _VNI_PAIR.sub("", text) if c in _TCVN3_MARKS)
    if vni == 0 and tcvn == 0:
        return None
    if vni == tcvn:
        return is_legacy_font(font_name)
    return VNI if vni > tcvn else TCVN3


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
    """(Unicode text, the encoding it was converted from or None)."""
    encoding = detect(text, font_name)
    return (convert(text, encoding, font_name), encoding) if encoding else (text, None)
