"""One set of limits for everything that comes in — typed, pasted, read from Excel, Word or a result sheet —
and for what the store keeps. Each is far above what a real plan holds and low enough that a small crafted
file cannot fill the database or make printing run for minutes. No Qt, no SQL."""
from __future__ import annotations

FIELD_CHARS = 32_767           # a task's text, a result, a reason, a deadline: what one Excel cell holds
NAME_CHARS = 300               # an agency's name (the longest real one is about 90)
TASKS_PER_PLAN = 5_000         # a monthly plan has 30–80; the ten-year bench's largest about 1,000
MAX_IMAGE_BYTES = 2_000_000    # a signature or seal image (a scanned seal at 600 dpi is about 200 KB)
MAX_IMAGE_PIXELS = 4_000       # its width and its height


def count(n: int) -> str:
    """«32.767»: a number as Vietnamese writes it."""
    return f"{n:,}".replace(",", ".")


def too_long(what: str, text: str, limit: int = FIELD_CHARS) -> str | None:
    """«Nội dung dài 3.060.186 ký tự, quá 32.767 ký tự khdesk nhận cho một ô»; None within the limit."""
    if len(text) <= limit:
        return None
    return f"{what} dài {count(len(text))} ký tự, quá {count(limit)} ký tự khdesk nhận cho một ô"
