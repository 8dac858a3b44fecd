"""Errors a clerk can meet. Each carries a Vietnamese message that says what is wrong and what to do.

The window shows ``str(error)`` in a message box; the command line prints it as one line on stderr.
Anything that is not a ``KhdeskError`` is a bug.
"""
from __future__ import annotations


class KhdeskError(Exception):
    """Base class: ``str(err)`` is the Vietnamese message for the clerk."""


class DatabaseError(KhdeskError):
    """The database file cannot be used (missing, not khdesk, newer, damaged, unwritable)."""


class NotFound(KhdeskError):
    """A plan, task or agency that does not exist (any more)."""


class InvalidInput(KhdeskError):
    """A value the clerk gave that cannot be stored (wrong month, date, kind ...)."""


class Refused(KhdeskError):
    """An action that would lose data and is therefore not done (deleting a used agency ...)."""


class Cancelled(KhdeskError):
    """The clerk stopped a slow piece of work (a .doc conversion); nothing of it is used."""


_OS_REASONS = {
    "ENOSPC": "ổ đĩa đã đầy",
    "EACCES": "không có quyền ghi hoặc đọc",
    "EPERM": "không có quyền ghi hoặc đọc",
    "EROFS": "ổ đĩa chỉ cho phép đọc",
    "EISDIR": "đó là một thư mục",
    "ENOENT": "không tìm thấy tệp hoặc thư mục",
    "ENOTDIR": "đường dẫn không phải thư mục",
    "EEXIST": "tệp đã có",
    "EIO": "lỗi đọc/ghi ổ đĩa (ổ đĩa có thể đã bị rút ra)",
    "ENAMETOOLONG": "tên tệp quá dài",
}


def os_reason(err: OSError) -> str:
    """What went wrong with a file, in Vietnamese."""
    import errno

    name = errno.errorcode.get(err.errno or 0, "")
    return _OS_REASONS.get(name) or err.strerror or str(err)
