"""Where an unexpected error goes: the traceback appended to khdesk-loi.log in the data folder, so
the clerk sees one Vietnamese line and the technician gets the details (no Qt)."""
from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

from .. import __version__


def write_error_log(err: BaseException) -> Path:
    """Append the traceback of ``err``; returns the log's path (even when it could not be written)."""
    from .paths import user_data_dir

    folder = user_data_dir()
    log = folder / "khdesk-loi.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as f:
            f.write(f"--- {datetime.now().isoformat(timespec='seconds')} khdesk {__version__}\n")
            f.write("".join(traceback.format_exception(err)))
    except OSError:
        pass
    return log


_crash_log = None          # kept open for the life of the process: faulthandler writes to its descriptor


def enable_crash_log() -> Path | None:
    """A hard crash (a fault inside Qt, say) ends the process before any Python handler runs: the
    window vanished once with nothing on stderr and no log. faulthandler then writes the Python stack
    of every thread to khdesk-loi.log, beside the ordinary errors. None when the log cannot be opened."""
    import faulthandler

    from .paths import user_data_dir

    global _crash_log
    log = user_data_dir() / "khdesk-loi.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        if _crash_log is None:
            _crash_log = log.open("a", encoding="utf-8")
    except OSError:
        return None
    faulthandler.enable(file=_crash_log, all_threads=True)
    return log
