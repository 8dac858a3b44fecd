"""Writing an output file (PDF, Excel, Word) so that it appears only when it is complete."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import KhdeskError, os_reason


def write_atomically(path: str | Path, kind: str, save: Callable[[str], None]) -> None:
    """``save(temporary path)`` writes the file beside ``path``; it is then renamed to ``path``.
    On any failure nothing is left behind and the clerk reads what went wrong. ``kind`` names the
    file in messages ("tệp PDF")."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise KhdeskError(f"Không có thư mục «{folder}» để ghi {kind}.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".khdesk-", suffix=path.suffix + ".tmp", dir=folder)
        os.close(fd)
    except OSError as err:
        raise KhdeskError(f"Không ghi được vào thư mục «{folder}»: {os_reason(err)}.") from err
    try:
        save(tmp)
        os.replace(tmp, path)
    except OSError as err:
        raise KhdeskError(f"Không ghi được tệp «{path}»: {os_reason(err)}.") from err
    finally:
        Path(tmp).unlink(missing_ok=True)
