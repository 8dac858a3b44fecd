"""Writing an output file (PDF, Excel, Word, a copy) so that it appears only when it is complete,
and never in place of something that must not be replaced."""
from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import KhdeskError, os_reason

SQLITE_MAGIC = b"SQLite format 3\x00"
BACKUP_DIR_NAME = "khdesk-sao-luu"
# the companions of a database file, which an output must never replace either
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", ".khdesk-lock")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()          # read once: os.umask cannot be read without setting it


def refuse_to_replace(path: Path, kind: str) -> None:
    """An output never replaces a database (the open one, another, a backup copy) or its
    companions, nor anything that is not a plain file (a folder, a device, a pipe)."""
    name = path.name
    if path.parent.name == BACKUP_DIR_NAME or any(name.endswith(s) for s in COMPANION_SUFFIXES):
        raise KhdeskError(f"Không ghi {kind} vào «{path}»: đó là tệp dữ liệu hoặc bản sao lưu của khdesk. "
                          "Hãy chọn tên và thư mục khác.")
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except OSError as err:
        raise KhdeskError(f"Không ghi được tệp «{path}»: {os_reason(err)}.") from err
    if stat.S_ISDIR(info.st_mode):
        raise KhdeskError(f"Không ghi được {kind} vào «{path}»: đó là một thư mục. Hãy chọn tên tệp.")
    if not stat.S_ISREG(info.st_mode):
        raise KhdeskError(f"«{path}» không phải tệp thường (thiết bị hoặc đường ống); khdesk không ghi {kind} vào đó.")
    if sys.platform == "win32" and not info.st_mode & stat.S_IWRITE:
        # the read-only attribute: Windows itself refuses to replace the file, Wine and some network
        # drives do not — the clerk marked it so on purpose
        raise KhdeskError(f"Tệp «{path}» được đặt chỉ đọc (Read-only); khdesk không ghi đè. Hãy bỏ thuộc tính chỉ "
                          "đọc trong Properties của tệp, hoặc ghi ra tên khác.")
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError:
        head = b""
    if head == SQLITE_MAGIC:
        raise KhdeskError(f"Không ghi {kind} vào «{path}»: tệp đó là một cơ sở dữ liệu (tệp dữ liệu khdesk hoặc "
                          "bản sao lưu) và sẽ bị mất. Hãy chọn tên khác.")


def write_atomically(path: str | Path, kind: str, save: Callable[[str], None]) -> None:
    """``save(temporary path)`` writes the file beside ``path``; it is then renamed to ``path``.
    On any failure nothing is left behind and the clerk reads what went wrong. ``kind`` names the
    file in messages ("tệp PDF"). The new file gets the permissions the user's other files get (or
    those of the file it replaces)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise KhdeskError(f"Không có thư mục «{folder}» để ghi {kind}.")
    refuse_to_replace(path, kind)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_UMASK
    try:
        fd, tmp = tempfile.mkstemp(prefix=".khdesk-", suffix=path.suffix + ".tmp", dir=folder)
        os.close(fd)
    except OSError as err:
        raise KhdeskError(f"Không ghi được vào thư mục «{folder}»: {os_reason(err)}.") from err
    try:
        save(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as err:
        _forget_half_written(err)
        if held_by_another_program(err, path):
            raise KhdeskError(f"Không ghi được tệp «{path}»: tệp đang mở trong một chương trình khác (trình xem PDF, "
                              f"Word hoặc Excel). Hãy đóng tệp đó rồi thử lại, hoặc ghi ra tên khác.") from err
        raise KhdeskError(f"Không ghi được tệp «{path}»: {os_reason(err)}.") from err
    finally:
        Path(tmp).unlink(missing_ok=True)


def _forget_half_written(err: BaseException) -> None:
    """A writer that failed half-way (a full disk) leaves a ``ZipFile`` open; collected later, it tries to
    finish and Python prints «Exception ignored in ZipFile.__del__ … OSError: [Errno 28]» after khdesk's own
    line. It is collected here, at once, its close's error kept quiet (the clerk has the real cause)."""
    import gc
    import sys
    import traceback

    def quiet(unraisable):
        if not isinstance(unraisable.exc_value, OSError):
            previous(unraisable)

    previous, sys.unraisablehook = sys.unraisablehook, quiet
    try:
        traceback.clear_frames(err.__traceback__)      # the writer's frames hold the open ZipFile: let it go
        gc.collect()
    finally:
        sys.unraisablehook = previous


# ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION, ERROR_USER_MAPPED_FILE
_HELD_WINERRORS = {5, 32, 33, 1224}


def held_by_another_program(err: OSError, path: Path) -> bool:
    """Windows refuses to replace a file another program has open (a PDF in a viewer, a sheet in
    Excel) with «access denied» or «used by another process»; a file marked read-only gives the same
    «access denied», and is told apart by its attribute."""
    if getattr(err, "winerror", None) not in _HELD_WINERRORS or not path.exists():
        return False
    return os.access(path, os.W_OK)
