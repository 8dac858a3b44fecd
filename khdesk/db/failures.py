"""What went wrong with the database file, said in Vietnamese — for code outside ``db/``, which does not
import sqlite3 (an import contract keeps that): ``DatabaseFailure`` to catch, ``database_failure`` to say.
Light on purpose: the command line imports it before it knows whether a database will be opened."""
from __future__ import annotations

import sqlite3

from ..errors import os_reason

DatabaseFailure = sqlite3.Error          # a full disk, a lock by another program, a pulled drive, damage …


def is_damage(err: Exception) -> bool:
    """Whether SQLite says the file itself is damaged (not merely locked, read-only or full)."""
    text = str(err)
    return isinstance(err, sqlite3.DatabaseError) and (
        "malformed" in text or "file is not a database" in text or "database corrupt" in text)


def sqlite_reason(err: Exception) -> str:
    """What went wrong with the database file, in Vietnamese (sqlite3 and OS errors)."""
    text = str(err)
    known = {
        "database or disk is full": "ổ đĩa đã đầy",
        "attempt to write a readonly database": "tệp chỉ cho phép đọc",
        "unable to open database file": "không mở được tệp (thư mục không tồn tại hoặc không có quyền)",
        "database is locked": "tệp đang bị chương trình khác khóa (hãy đóng chương trình đó rồi thử lại)",
        "database table is locked": "tệp đang bị chương trình khác khóa (hãy đóng chương trình đó rồi thử lại)",
        "disk I/O error": "lỗi đọc/ghi ổ đĩa (ổ đĩa có thể đã bị rút ra hoặc hỏng)",
        "file is not a database": "tệp không phải cơ sở dữ liệu",
        "database disk image is malformed": "dữ liệu trong tệp bị hỏng",
    }
    for english, vietnamese in known.items():
        if english in text:
            return vietnamese
    if isinstance(err, OSError):
        return os_reason(err)
    return text


def database_failure(err: BaseException) -> str | None:
    """Why the database could not be read or written (a full disk, a lock …), in Vietnamese, when ``err`` is
    such a failure; None for anything else."""
    return sqlite_reason(err) if isinstance(err, sqlite3.Error) else None
