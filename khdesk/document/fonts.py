"""The one font family a khdesk PDF uses: Times New Roman when the machine has it (with every
Vietnamese letter), else the bundled Liberation Serif 2 (same widths, full Vietnamese).

``KHDESK_FONT=liberation`` forces the bundled family (reproducible output on any machine).
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ..errors import KhdeskError
from ..system.resources import resource

STYLES = ("regular", "bold", "italic", "bold_italic")


@dataclass(frozen=True)
class FontFamily:
    name: str                        # family name registered with reportlab
    files: dict[str, Path]           # style → TTF file

    def font(self, style: str = "regular") -> str:
        """The reportlab font name of one style."""
        return self.name if style == "regular" else f"{self.name}-{style}"


def _times_new_roman_candidates() -> list[dict[str, Path]]:
    windows = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    ms_core = Path("/usr/share/fonts/truetype/msttcorefonts")
    mac = Path("/Library/Fonts")
    return [
        {"regular": windows / "times.ttf", "bold": windows / "timesbd.ttf",
         "italic": windows / "timesi.ttf", "bold_italic": windows / "timesbi.ttf"},
        {"regular": ms_core / "Times_New_Roman.ttf", "bold": ms_core / "Times_New_Roman_Bold.ttf",
         "italic": ms_core / "Times_New_Roman_Italic.ttf", "bold_italic": ms_core / "Times_New_Roman_Bold_Italic.ttf"},
        {"regular": mac / "Times New Roman.ttf", "bold": mac / "Times New Roman Bold.ttf",
         "italic": mac / "Times New Roman Italic.ttf", "bold_italic": mac / "Times New Roman Bold Italic.ttf"},
    ]


def bundled_files() -> dict[str, Path]:
    folder = resource("fonts")
    return {"regular": folder / "LiberationSerif-Regular.ttf", "bold": folder / "LiberationSerif-Bold.ttf",
            "italic": folder / "LiberationSerif-Italic.ttf", "bold_italic": folder / "LiberationSerif-BoldItalic.ttf"}


def vietnamese_letters() -> str:
    """Every letter of the Vietnamese alphabet with every tone, both cases, NFC."""
    letters = set("đĐ")
    for vowel in "aăâeêioôơuưy":
        for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
            for ch in (vowel, vowel.upper()):
                letters.add(unicodedata.normalize("NFC", ch + tone))
    return "".join(sorted(letters)) + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


_registered: dict[str, FontFamily] = {}
_cmaps: dict[str, set[int]] = {}


def _load(name: str, files: dict[str, Path]) -> dict[str, TTFont]:
    """The four styles parsed, named as registered («LiberationSerif-bold» …); each file is parsed once."""
    return {style: TTFont(FontFamily(name, files).font(style), str(files[style])) for style in STYLES}


def _register(name: str, files: dict[str, Path], loaded: dict[str, TTFont] | None = None) -> FontFamily:
    if name in _registered:
        return _registered[name]
    family = FontFamily(name, files)
    if loaded is None:
        loaded = {}
        for style in STYLES:
            try:
                loaded[style] = TTFont(family.font(style), str(files[style]))
            except (OSError, TTFError) as err:
                raise KhdeskError(f"Không đọc được phông chữ «{files[style]}» ({err}). Hãy cài đặt lại khdesk.") from err
    for style, font in loaded.items():
        pdfmetrics.registerFont(font)
        _cmaps[family.font(style)] = set(font.face.charToGlyph)
    pdfmetrics.registerFontFamily(name, normal=family.font("regular"), bold=family.font("bold"),
                                  italic=family.font("italic"), boldItalic=family.font("bold_italic"))
    for bold, italic, style in ((0, 0, "regular"), (1, 0, "bold"), (0, 1, "italic"), (1, 1, "bold_italic")):
        addMapping(name, bold, italic, family.font(style))
    _registered[name] = family
    return family


def _covers_vietnamese(fonts: dict[str, TTFont]) -> bool:
    needed = {ord(c) for c in vietnamese_letters()}
    return all(needed <= set(font.face.charToGlyph) for font in fonts.values())


def choose_family() -> FontFamily:
    """Register (once) and return the family every khdesk PDF is set in."""
    if os.environ.get("KHDESK_FONT", "").lower() != "liberation":
        if "TimesNewRoman" in _registered:
            return _registered["TimesNewRoman"]
        for files in _times_new_roman_candidates():
            if not all(p.is_file() for p in files.values()):
                continue
            try:
                fonts = _load("TimesNewRoman", files)      # parsed once: to look at, then to register
            except (OSError, TTFError):
                continue
            if _covers_vietnamese(fonts):
                return _register("TimesNewRoman", files, fonts)
    files = bundled_files()
    missing = [p for p in files.values() if not p.is_file()]
    if missing:
        raise KhdeskError(f"Thiếu tệp phông chữ «{missing[0]}» đi kèm khdesk. Hãy cài đặt lại khdesk.")
    return _register("LiberationSerif", files)


def missing_characters(family: FontFamily, text: str) -> set[str]:
    """Characters of ``text`` (other than line breaks and tabs) that the family cannot draw."""
    have = set.intersection(*(_cmaps[family.font(s)] for s in STYLES))
    return {c for c in set(text) if ord(c) not in have and c not in "\n\r\t"}


def refuse_missing(family: FontFamily, texts, what: str) -> None:
    """``InvalidInput`` naming the first characters of ``texts`` the family cannot draw."""
    from ..errors import InvalidInput

    bad = sorted(set().union(*(missing_characters(family, t) for t in texts)))
    if bad:
        shown = ", ".join(f"U+{ord(c):04X}" for c in bad[:5])
        raise InvalidInput(f"Không in được {what}: có ký tự phông chữ không thể hiện ({shown}).")


