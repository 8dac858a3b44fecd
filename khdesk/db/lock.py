"""One writer per database file: a lock file beside it saying who holds it.

SQLite serialises writes but happily lets two khdesk windows edit the same plan in turn, each
overwriting what the other shows. khdesk therefore takes ``<file>.khdesk-lock`` when it opens a file
for writing. A second khdesk is told who holds the file (user, computer, since when) and can open it
read-only. A lock left by a process that no longer runs on this computer (a crash, a power cut) is
stale and is taken over.
"""
from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path

from ..errors import DatabaseError


class FileLocked(DatabaseError):
    """The file is open for writing in another khdesk."""

    def __init__(self, path: Path, holder: dict):
        self.path, self.holder = path, holder
        since = holder.get("since", "")[:16].replace("T", " lúc ")
        who = holder.get("user") or "một người dùng"
        where = holder.get("host") or "một máy khác"
        super().__init__(f"Tệp «{path.name}» đang được mở để sửa bởi {who} trên máy {where} (từ {since}). "
                         "Hai người sửa cùng lúc sẽ ghi đè lên nhau: hãy mở chỉ để đọc, hoặc chờ người kia đóng tệp.")


class ReadOnlyLocation(DatabaseError):
    """The file or its folder cannot be written (a CD, a read-only share, file permissions)."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(f"Tệp «{path}» hoặc thư mục của nó chỉ cho phép đọc. Có thể mở tệp chỉ để đọc, hoặc "
                         "chép tệp sang thư mục của mình rồi mở bản chép để sửa.")


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".khdesk-lock")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)   # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259                                           # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_holder(db_path: Path) -> dict | None:
    try:
        return json.loads(lock_path(db_path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}                     # unreadable: treat as held by someone unknown


def is_stale(holder: dict) -> bool:
    """Held by a process of this computer that is gone."""
    return holder.get("host") == socket.gethostname() and not _pid_alive(int(holder.get("pid", 0)))


class WriterLock:
    def __init__(self, db_path: Path):
        self.path = lock_path(db_path)
        self.db_path = db_path
        self.held = False

    def acquire(self, take_over: bool = False) -> None:
        me = {"pid": os.getpid(), "host": socket.gethostname(), "user": _user(),
              "since": datetime.now().isoformat(timespec="seconds")}
        for _ in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = read_holder(self.db_path)
                if holder is None:
                    continue                                   # released meanwhile: try again
                if take_over or (holder and is_stale(holder)):
                    self.path.unlink(missing_ok=True)
                    continue
                raise FileLocked(self.db_path, holder) from None
            except OSError:
                return                  # a folder where no lock can be written (read-only media): no lock
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(me, f, ensure_ascii=False)
            self.held = True
            return
        raise FileLocked(self.db_path, read_holder(self.db_path) or {})

    def release(self) -> None:
        if self.held:
            holder = read_holder(self.db_path)
            if holder and holder.get("pid") == os.getpid() and holder.get("host") == socket.gethostname():
                self.path.unlink(missing_ok=True)
            self.held = False


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:                    # no user name in the environment
        return ""
