"""Which characters khdesk can keep: every character that prints in the PDF and fits in Excel and
Word. Control characters (other than line breaks and tabs) and characters the bundled font cannot
draw (emoji, Chinese …) are refused when they are typed, with a message, rather than lost on export."""
from __future__ import annotations

import re
from functools import lru_cache

from ..system.resources import resource

# control characters, and invisible formatting marks the PDF would drop (soft hyphen, zero-width
# spaces and joiners, direction marks, line/paragraph separators, byte-order mark)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u200b-\u200f\u2028-\u202e\u2060-\u2064"
                      r"\ufeff\ufffe\uffff]")


@lru_cache(maxsize=1)
def _font_characters() -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFont

    faces = [TTFont(f"charset-{style}", str(resource("fonts", f"LiberationSerif-{style}.ttf"))).face
             for style in ("Regular", "Bold", "Italic", "BoldItalic")]
    return frozenset(set.intersection(*(set(face.charToGlyph) for face in faces)))


def _easy(ch: str) -> bool:
    code = ord(ch)
    return 0x20 <= code < 0x7F or 0xA0 <= code <= 0x24F and code != 0xAD or 0x1EA0 <= code <= 0x1EF9


def unsupported(text: str, fonts: bool = True) -> list[str]:
    """The characters of ``text`` khdesk cannot keep, in order of appearance, each once.
    ``fonts=False`` leaves out the characters the bundled font lacks (the PDF checks the font it
    actually prints with)."""
    bad = list(dict.fromkeys(_CONTROL.findall(text)))
    others = {c for c in text if not _easy(c) and c not in "\n\t\r" and c not in bad} if fonts else set()
    if others:
        have = _font_characters()
        bad += [c for c in dict.fromkeys(text) if c in others and ord(c) not in have]
    return bad


def describe(chars: list[str]) -> str:
    return ", ".join(f"U+{ord(c):04X}" + (f" «{c}»" if c.isprintable() else "") for c in chars[:5])


def refuse_unsupported(texts: list[tuple[str, str]], action: str, fonts: bool = True) -> None:
    """Before an output is written (``action``: "in", "xuất ra Excel" …): refuse, naming where it
    stands, a text with a character khdesk cannot keep. The store refuses such text when it is
    typed; this catches a file written by an older version or by another program."""
    from ..errors import InvalidInput

    for where, text in texts:
        bad = unsupported(text, fonts)
        if bad:
            raise InvalidInput(f"Không {action} được {where}: có ký tự không in và không xuất được ({describe(bad)}). "
                               f"Hãy sửa lại nội dung đó rồi {action} lại.")
