"""Connections that never write: to identify a file, to read a backup copy, to open a file for reading
alone (also on read-only media)."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import DatabaseError, os_reason


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes. A WAL file on read-only media (a CD, a read-only mount)
    cannot be opened so, since SQLite cannot make its -shm beside it: there, and only when the plain
    way fails, the file is read as immutable (nothing can be writing it)."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")    # a file being identified runs nothing of its own
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except BaseException as err:
        # closed whatever the error (a damaged file too): an open connection keeps the file and its
        # -wal/-shm open, and Windows then removes none of them
        conn.close()
        if not isinstance(err, sqlite3.OperationalError) or "unable to open" not in str(err) \
                or os.access(path.parent, os.W_OK):
            raise
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        # committed changes still in the -wal beside it: «immutable» would read the file without them (stale,
        # and no warning). The file and its -wal are copied to a temporary folder and read there, whole.
        return _read_from_a_copy(path, wal)
    conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def _read_from_a_copy(path: Path, wal: Path) -> sqlite3.Connection:
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="khdesk-chi-doc-"))
    atexit.register(shutil.rmtree, folder, True)
    try:
        shutil.copyfile(path, folder / path.name)
        shutil.copyfile(wal, folder / wal.name)
    except OSError as err:
        raise DatabaseError(f"Tệp «{path}» nằm ở nơi chỉ đọc và còn thay đổi chưa gộp (tệp «{wal.name}»); không chép "
                            f"được sang thư mục tạm để đọc: {os_reason(err)}. Hãy chép cả hai tệp sang máy rồi mở.") \
            from err
    conn = sqlite3.connect(f"{(folder / path.name).resolve().as_uri()}?mode=ro", uri=True)
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn
