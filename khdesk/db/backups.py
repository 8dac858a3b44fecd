"""Backup copies of a database: made with the SQLite backup API (consistent even while the file is
open), kept beside it in ``khdesk-sao-luu/``, rotated (the last 10 and one per month)."""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..system.files import BACKUP_DIR_NAME, SQLITE_MAGIC
from .connection import connect_read_only

KEEP_LAST = 10
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z0-9-]+)\.db$")
REASONS = {"hang-ngay": "tự động, lần mở đầu tiên trong ngày", "thu-cong": "sao lưu theo yêu cầu",
           "truoc-khoi-phuc": "trước khi khôi phục"}


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    reason: str

    @property
    def reason_label(self) -> str:
        if self.reason.startswith("truoc-nang-cap"):
            return "trước khi nâng cấp cấu trúc"
        return REASONS.get(self.reason, self.reason)

    def plan_count(self) -> int | None:
        """How many plans the copy holds (None if it cannot be read)."""
        try:
            conn = connect_read_only(self.path)
            try:
                return conn.execute("SELECT count(*) FROM plans").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.Error:
            return None


def folder_of(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR_NAME


def backup_path(db_path: Path, reason: str, when: datetime | None = None) -> Path:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    return folder_of(db_path) / f"{db_path.stem}-{stamp}-{reason}.db"


def list_backups(db_path: Path) -> list[Backup]:
    """The copies of this database, newest first."""
    found = []
    folder = folder_of(db_path)
    if not folder.is_dir():
        return []
    for path in folder.glob(f"{db_path.stem}-*.db"):
        match = _NAME.match(path.name)
        if match and match["stem"] == db_path.stem and _is_complete(path):
            found.append(Backup(path, datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f"), match["reason"]))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def _is_complete(path: Path) -> bool:
    """A copy that is a database with no unfinished transaction beside it (an older khdesk, killed
    while copying, could leave a file with the right name that is neither)."""
    if Path(f"{path}-journal").exists():
        return False
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def has_backup_today(db_path: Path) -> bool:
    today = datetime.now().date()
    return any(b.taken.date() == today for b in list_backups(db_path))


def rotate(db_path: Path, keep_last: int = KEEP_LAST) -> list[Path]:
    """Delete old copies, keeping the newest ``keep_last`` and the newest of every month.
    Returns what was deleted."""
    backups = list_backups(db_path)
    keep = {b.path for b in backups[:keep_last]}
    months = set()
    for b in backups:                                     # newest first: the first of a month is kept
        month = (b.taken.year, b.taken.month)
        if month not in months:
            months.add(month)
            keep.add(b.path)
    deleted = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                deleted.append(b.path)
            except OSError:
                pass
    return deleted
