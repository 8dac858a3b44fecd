"""Each database file its own identity.

The key that signs result sheets (table ``secret``) travels in every copy of a file: a backup, «Lưu bản
sao…», a file copied in Explorer or onto a USB stick. So that a sheet exported from a copy is not taken
by the original (nor the original's by a copy), every file records where it was made: its path and its
file number on its disk (``file_identity``). Opened where it was made, or renamed on the same disk (the
file number is the same), it is that database. Found anywhere else it is either the same database moved
or a copy, which only the clerk knows: until the clerk says which (``confirm``), the file signs no sheet
and takes none (``Store.sign`` refuses with ``CopiedDatabase``). Saying «a new database» gives the file a
new key, so that no sheet of the other file is taken by it any more, nor its own by the other. A file
whose original is still where it was made, with the same key, can only be a copy.

«Lưu bản sao…» makes a new database at once (``Store.copy_to``); a backup restored over the file it was
taken from, or put back by ``Store.recover``, is at the path it was made for and stays that database.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ..errors import DatabaseError

MAX_PATH_CHARS = 4096                 # a longer ``made_for`` is a damaged value (``value_check``)


class CopiedDatabase(DatabaseError):
    """The file is not where it was made and the clerk has not said whether it is a copy."""

    def __init__(self, path: Path, found: Identity):
        self.path = path
        self.found = found
        if found.original_there:
            what = (f"Tệp «{path.name}» là bản sao của «{found.made_for}» (tệp đó vẫn còn). Bảng kết quả chỉ "
                    "xuất và nhập với tệp gốc, hoặc với bản sao này sau khi xác nhận nó là một tệp dữ liệu mới")
        else:
            what = (f"Tệp «{path.name}» được tạo ở «{found.made_for}» và đã được chép hoặc chuyển sang đây. Trước "
                    "khi xuất hay nhập bảng kết quả, hãy cho biết đây vẫn là tệp đó (đã chuyển chỗ) hay một bản "
                    "sao (tệp dữ liệu mới)")
        answers = "--new" if found.original_there else "--new hoặc --moved"
        super().__init__(f"{what} (dòng lệnh: main.py identity --db «{path}» {answers}).")


@dataclass(frozen=True)
class Identity:
    made_for: str             # the path the file was made for ('' when not yet recorded)
    here: str                 # the path it is opened at now
    settled: bool             # where it was made, or renamed on the same disk: the same database
    original_there: bool      # a file with the same key is still where this one was made

    @property
    def moved_from(self) -> str | None:
        return None if self.settled else self.made_for


def place(path: Path) -> tuple[str, str]:
    """The path as recorded (absolute, links resolved; compared with ``_same_path``) and the file's number
    on its disk («volume:file»; NTFS's file index on Windows)."""
    where = str(Path(path).resolve())
    try:
        info = os.stat(path)
        key = f"{info.st_dev}:{info.st_ino}"
    except OSError:
        key = ""
    return where, key


def _same_path(a: str, b: str) -> bool:
    """Windows' paths are the same whatever the case of their letters («C:\\Users» is «c:\\users»)."""
    return os.path.normcase(a) == os.path.normcase(b)


def _row(conn: sqlite3.Connection) -> tuple[str, str] | None:
    row = conn.execute("SELECT made_for, file_key FROM file_identity WHERE id = 1").fetchone()
    return (row[0], row[1]) if row else None


def record(conn: sqlite3.Connection, path: Path, key: str | None = None) -> None:
    """Record ``path`` as where the file is made (``key``: its file number, when known better than
    from ``path``, as for a copy written under a temporary name)."""
    where, found_key = place(path)
    conn.execute("INSERT INTO file_identity (id, made_for, file_key) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE "
                 "SET made_for = excluded.made_for, file_key = excluded.file_key", (where, key or found_key))


def new_key(conn: sqlite3.Connection) -> None:
    """A new signing key: no sheet signed before is taken any more."""
    conn.execute("UPDATE secret SET key = randomblob(32) WHERE id = 1")


def find(conn: sqlite3.Connection, path: Path) -> Identity:
    where, key = place(path)
    row = _row(conn)
    if row is None or not row[0]:
        return Identity("", where, True, False)
    made_for, made_key = row
    if _same_path(made_for, where) or (key and key == made_key):
        return Identity(made_for, where, True, False)
    return Identity(made_for, where, False, _same_key_at(conn, Path(made_for)))


def settle(conn: sqlite3.Connection, path: Path) -> None:
    """At an opening for writing: record where the file is when nothing was recorded (a file made by
    an older khdesk), or when it is still the same database (renamed on its disk, or a backup put back at
    its path). A file elsewhere keeps its record until the clerk says what it is."""
    found = find(conn, path)
    if found.settled and place(path) != _row(conn):
        with conn:
            record(conn, path)


def confirm(conn: sqlite3.Connection, path: Path, *, new_database: bool) -> None:
    """The clerk's answer for a file found away from where it was made."""
    found = find(conn, path)
    if not new_database and found.original_there:
        raise DatabaseError(f"Tệp gốc vẫn còn ở «{found.made_for}» với cùng khóa ký; hai tệp không thể cùng là một "
                            "tệp dữ liệu. Hãy xác nhận tệp này là tệp dữ liệu mới, hoặc xóa hay đổi tên tệp gốc trước.")
    with conn:
        if new_database:
            new_key(conn)
        record(conn, path)


def _same_key_at(conn: sqlite3.Connection, original: Path) -> bool:
    """Whether the file where this one was made is a khdesk database with the same signing key. Only a
    regular file on a local disk is looked at: the recorded path comes from the file itself, and a
    crafted one must not make khdesk wait on a pipe or reach out to a server (\\\\server\\share)."""
    from .location import is_network_path

    text = str(original)
    if text.startswith(("\\\\", "//")) or len(text) > MAX_PATH_CHARS:
        return False
    try:
        if not original.is_file() or is_network_path(original):
            return False
        with original.open("rb") as f:
            from ..system.files import SQLITE_MAGIC

            if not f.read(16).startswith(SQLITE_MAGIC):
                return False
        other = sqlite3.connect(f"{original.resolve().as_uri()}?mode=ro", uri=True)
        try:
            other.execute("PRAGMA trusted_schema = OFF")
            from .schema import APPLICATION_ID

            if other.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID or other.execute(
                    "SELECT type FROM sqlite_master WHERE name = 'secret'").fetchone() != ("table",):
                return False            # (a view named «secret» would run its own SQL)
            theirs = other.execute("SELECT key FROM secret WHERE id = 1").fetchone()
        finally:
            other.close()
        ours = conn.execute("SELECT key FROM secret WHERE id = 1").fetchone()
        return bool(theirs and ours and theirs[0] == ours[0])
    except (OSError, sqlite3.Error, ValueError):
        return False
