"""Where an unexpected error goes: the traceback appended to khdesk-loi.log in the data folder, so
the clerk sees one Vietnamese line and the technician gets the details (no Qt)."""
from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

from . import __version__


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
