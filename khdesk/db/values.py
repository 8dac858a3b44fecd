"""Checking and converting values on their way into and out of the database."""
from __future__ import annotations

import json
from datetime import date

from ..document.charset import describe, unsupported
from ..domain.limits import FIELD_CHARS, too_long
from ..domain.text import nfc
from ..errors import InvalidInput


def text(value: str | None, what: str = "văn bản", limit: int = FIELD_CHARS) -> str:
    """Any stored text: NFC, line breaks as "\n", otherwise exactly as given. ``None`` becomes "".
    Characters that cannot be printed or exported are refused (see ``khdesk.document.charset``)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(f"Giá trị của {what} phải là chữ.")
    value = nfc(value.replace("\r\n", "\n").replace("\r", "\n"))
    overlong = too_long(what.capitalize(), value, limit)
    if overlong:
        raise InvalidInput(f"{overlong}; không lưu.")
    bad = unsupported(value)
    if bad:
        raise InvalidInput(f"{what.capitalize()} có ký tự không in và không xuất ra Excel/Word được "
                           f"({describe(bad)}). Hãy xóa hoặc thay ký tự đó.")
    return value


def optional_text(value: str | None, what: str = "văn bản", limit: int = FIELD_CHARS) -> str | None:
    value = text(value, what, limit)
    return value if value.strip() else None


def required_text(value: str | None, what: str, limit: int = FIELD_CHARS) -> str:
    value = text(value, what, limit)
    if not value.strip():
        raise InvalidInput(f"Chưa nhập {what}.")
    return value


def iso_date(value: date | str | None, what: str = "ngày") -> str | None:
    """A date as stored ("YYYY-MM-DD"), from a ``date`` or an ISO string."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise InvalidInput(f"{what.capitalize()} không hợp lệ: «{value}».") from None


def to_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def text_list(values) -> str:
    """A list of texts, stored as JSON."""
    if isinstance(values, str):
        raise InvalidInput("Danh sách phải gồm nhiều dòng chữ, không phải một chuỗi.")
    return json.dumps([text(v) for v in values or ()], ensure_ascii=False)


def from_text_list(stored: str) -> tuple[str, ...]:
    return tuple(json.loads(stored or "[]"))


def choice(value: str, allowed: dict[str, str], what: str) -> str:
    if value not in allowed:
        names = ", ".join(allowed.values())
        raise InvalidInput(f"{what.capitalize()} không hợp lệ: «{value}». Chọn một trong: {names}.")
    return value
