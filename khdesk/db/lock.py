"""One writer per database file: a lock file beside it, held with the operating system's lock.

SQLite serialises writes but happily lets two khdesk windows edit the same plan in turn, each
overwriting what the other shows. khdesk therefore holds ``<file>.khdesk-lock`` while a file is open
for writing. Who holds it is decided by the operating system's file lock (``flock`` on Linux and
macOS, ``msvcrt.locking`` on Windows), taken atomically and released by the system when the holder
ends, however it ends: a crash, a kill or a power cut never leaves the file locked, and two takers
never both win. The file's text (user, computer, since when) only tells a second khdesk whom to ask;
an empty or garbled text (a full disk) changes nothing.

A lock written by another computer on a network share is respected (the system's lock may not
reach across the network) until the clerk takes it over on purpose.
"""
from __future__ import annotations

import getpass
import json
import os
import socket
import sys
import time
from datetime import datetime
from pathlib import Path

from ..errors import DatabaseError

_WINDOWS_LOCK_OFFSET = 1 << 30          # Windows locks bytes: one far past the text, so it stays readable


class FileLocked(DatabaseError):
    """The file is open for writing in another khdesk."""

    def __init__(self, path: Path, holder: dict):
        self.path, self.holder = path, holder
        since = (holder.get("since") or "")[:16].replace("T", " lúc ")
        who = holder.get("user") or "một người dùng"
        where = f"trên máy {holder['host']}" if holder.get("host") else "trong một cửa sổ khdesk khác"
        super().__init__(f"Tệp «{path.name}» đang được mở để sửa bởi {who} {where}" + (f" (từ {since})" if since else "")
                         + ". Hai người sửa cùng lúc sẽ ghi đè lên nhau: hãy mở chỉ để đọc, hoặc chờ người kia đóng tệp.")


class ReadOnlyLocation(DatabaseError):
    """The file or its folder cannot be written (a CD, a read-only share, file permissions)."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(f"Tệp «{path}» hoặc thư mục của nó chỉ cho phép đọc. Có thể mở tệp chỉ để đọc, hoặc "
                         "chép tệp sang thư mục của mình rồi mở bản chép để sửa.")


class LockRefused(DatabaseError):
    """The lock's path is a link, another file's second name, or a file khdesk did not write: khdesk writes
    nothing into it (a planted ``p.db.khdesk-lock → p.db`` turned the database into 91 bytes of lock text)."""

    def __init__(self, path: Path, why: str):
        self.path = path
        super().__init__(f"«{path.name}» cạnh tệp dữ liệu {why}, không phải tệp khóa của khdesk; khdesk không ghi "
                         f"vào đó và chưa mở tệp dữ liệu. Hãy xóa hoặc đổi tên «{path.name}» (sau khi xem nó là gì) "
                         "rồi mở lại.")


MAX_LOCK_TEXT = 4096            # what khdesk writes there is about 100 bytes


def _refuse_foreign(path: Path, fd: int) -> None:
    """``LockRefused`` unless the open file is a regular file of one name whose text is khdesk's (or empty)."""
    import stat

    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        raise LockRefused(path, "không phải một tệp thường")
    if st.st_nlink > 1:
        raise LockRefused(path, "là một tên khác (hard link) của một tệp khác")
    # (a name swapped for a link after the open is not followed: O_NOFOLLOW, and the caller's inode check,
    # which also sees a lock released and removed meanwhile, and retries)
    if st.st_size > MAX_LOCK_TEXT:
        raise LockRefused(path, "là một tệp khác")
    os.lseek(fd, 0, os.SEEK_SET)
    text = os.read(fd, MAX_LOCK_TEXT + 1).lstrip()
    if text and not text.startswith(b"{"):                  # (a full disk leaves khdesk's JSON empty or cut)
        raise LockRefused(path, "là một tệp khác")


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
    """What the lock file says (None: no lock file; {}: empty or unreadable)."""
    try:
        holder = json.loads(lock_path(db_path).read_text(encoding="utf-8") or "{}")
        return holder if isinstance(holder, dict) else {}
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}


def _os_lock(fd: int) -> bool:
    """Take the system's lock on the open file, without waiting; False if another holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _elsewhere(holder: dict) -> bool:
    """Written by a khdesk on another computer, or by an older khdesk (no system lock) still running here."""
    if not holder:
        return False
    if holder.get("host") != socket.gethostname():
        return True
    pid = int(holder.get("pid") or 0)
    return pid != os.getpid() and _pid_alive(pid) and not holder.get("os_lock")


class WriterLock:
    def __init__(self, db_path: Path):
        self.path = lock_path(db_path)
        self.db_path = db_path
        self.held = False
        self._fd: int | None = None

    def acquire(self, take_over: bool = False) -> None:
        import stat

        for attempt in range(20):
            try:
                link = os.lstat(self.path)
            except OSError:
                link = None
            if link is not None and (stat.S_ISLNK(link.st_mode) or getattr(link, "st_file_attributes", 0) & 0x400):
                raise LockRefused(self.path, "là một liên kết (link)")       # (Windows: a reparse point)
            try:
                # never through a link (O_NOFOLLOW; Windows has no such flag: checked above and below)
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) |
                             getattr(os, "O_BINARY", 0), 0o644)
            except OSError as err:
                if getattr(os, "O_NOFOLLOW", 0) and err.errno == 40:          # ELOOP: a link planted meanwhile
                    raise LockRefused(self.path, "là một liên kết (link)") from err
                if os.path.lexists(self.path):    # there, and not openable as a file (Wine: a link): not ours
                    if isinstance(err, PermissionError) and attempt < 19:
                        # Windows: the file the holder removes as it releases is «delete pending» for a moment,
                        # and opening it is refused meanwhile — not a foreign file: look again
                        time.sleep(0.01)
                        continue
                    raise LockRefused(self.path, "không mở được như một tệp") from err
                return                  # a folder where no lock can be written (read-only media): no lock
            try:
                _refuse_foreign(self.path, fd)
            except BaseException:
                os.close(fd)
                raise
            if not _os_lock(fd):
                os.close(fd)
                raise FileLocked(self.db_path, read_holder(self.db_path) or {})
            try:                        # the file may have been released and removed meanwhile
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except OSError:
                same = False
            if not same:
                os.close(fd)
                continue
            holder = read_holder(self.db_path) or {}
            if _elsewhere(holder) and not take_over:
                os.close(fd)
                raise FileLocked(self.db_path, holder)
            self._fd, self.held = fd, True
            self._write_holder(fd)
            return
        raise FileLocked(self.db_path, read_holder(self.db_path) or {})

    def _write_holder(self, fd: int) -> None:
        """Say who holds the file; on a full disk the text stays empty and the lock holds all the same."""
        me = {"pid": os.getpid(), "host": socket.gethostname(), "user": _user(),
              "since": datetime.now().isoformat(timespec="seconds"), "os_lock": True}
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, json.dumps(me, ensure_ascii=False).encode("utf-8"))
            os.fsync(fd)
        except OSError:
            pass

    def release(self) -> None:
        if not self.held:
            return
        fd, self._fd, self.held = self._fd, None, False
        if sys.platform == "win32":
            os.close(fd)                # Windows removes no open file: a taker that has it open keeps it
            try:
                self.path.unlink()
            except OSError:
                pass
            return
        try:
            self.path.unlink()          # removed while still locked: a taker waiting on it sees it went and retries
        except OSError:
            pass
        os.close(fd)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:                    # no user name in the environment
        return ""
