"""Text rules shared by every part of khdesk.

* ``nfc``: what is stored. Every character a clerk typed is kept; only the Unicode form is
  normalised (NFC), so decomposed input (Unikey "Unicode tổ hợp", macOS, PDFs) prints correctly.
* ``fold``: what is searched. Diacritics are removed, đ/Đ becomes d, case is folded, so
  "so y te" finds "Sở Y tế" and "da nang" finds "Đà Nẵng".
"""
from __future__ import annotations

import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


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
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(bare.casefold().split())
