"""Text rules shared by every part of khdesk.

* ``nfc``: what is stored. Every character a clerk typed is kept; only the Unicode form is
  normalised (NFC), so decomposed input (Unikey "Unicode tổ hợp", macOS, PDFs) prints correctly.
* ``office_text``: text as it comes from Word and Excel — their manual line breaks become line
  breaks, their invisible marks (soft hyphens, zero-width characters) go.
* ``fold``: what is searched. Diacritics are removed, đ/Đ becomes d, case is folded, so
  "so y te" finds "Sở Y tế" and "da nang" finds "Đà Nẵng".
"""
from __future__ import annotations

import unicodedata


def _fold_table() -> dict[int, str | None]:
    """Each Latin letter with diacritics → its base letter; combining marks → nothing."""
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "D"}
    for start, end in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            base = "".join(c for c in unicodedata.normalize("NFD", chr(code)) if unicodedata.category(c) != "Mn")
            if base and base != chr(code):
                table[code] = base
    for code in range(0x0300, 0x0370):
        table[code] = None
    return table


_FOLD = _fold_table()


def nfc(text: str | None) -> str | None:
    """The stored form of a text: Unicode NFC, otherwise unchanged. ``None`` stays ``None``."""
    if text is None:
        return None
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    return unicodedata.normalize("NFC", text)


def fold(text: str | None) -> str:
    """The search form of a text: no diacritics, đ → d, case-folded, whitespace collapsed."""
    if not text:
        return ""
    bare = text.translate(_FOLD)
    if not bare.isascii():              # letters outside the Latin ranges: the slow, general way
        bare = "".join(ch for ch in unicodedata.normalize("NFD", bare) if unicodedata.category(ch) != "Mn")
    return " ".join(bare.casefold().split())


# Word's manual line break (Shift+Enter) is U+000B in its text and in Excel cells pasted from it
# (an .xlsx writes it _x000B_); U+2028/U+2029 are the Unicode line and paragraph separators.
_OFFICE_BREAKS = "\x0b\u2028\u2029"
# soft hyphen, zero-width space / non-joiner / joiner, word joiner, byte-order mark: nothing to see,
# nothing to keep (the PDF would drop them and Excel shows them as nothing)
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def office_text(text: str) -> tuple[str, int, int]:
    """(the text with Word's line breaks as "\\n" and invisible marks removed, how many line
    breaks, how many invisible marks)."""
    breaks = sum(text.count(c) for c in _OFFICE_BREAKS)
    for c in _OFFICE_BREAKS:
        text = text.replace(c, "\n")
    cleaned = text.translate(_INVISIBLE)
    return cleaned, breaks, len(text) - len(cleaned)
