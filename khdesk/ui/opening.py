"""Opening a database from the window, with the questions a clerk must be asked: someone else has
the file open (open it read-only?), the file is damaged (restore the latest backup?)."""
from __future__ import annotations

from pathlib import Path

from ..db import Store
from ..db.lock import FileLocked, ReadOnlyLocation
from ..db.store import CorruptDatabase
from ..errors import KhdeskError
from .messages import confirm, show_error


def open_with_questions(parent, opener) -> Store | None:
    """``opener()`` opens a store; its refusals become questions or messages. None: not opened."""
    try:
        return opener()
    except (FileLocked, ReadOnlyLocation) as err:
        locked = err.path
        if confirm(parent, f"{err}\n\nMở tệp chỉ để đọc?", yes="Mở chỉ để đọc", no="Hủy"):
            return _try(parent, lambda: Store.open(locked, read_only=True))
        return None
    except CorruptDatabase as err:
        if err.latest_backup is None:
            show_error(parent, str(err))
            return None
        if not confirm(parent, f"{err}\n\nKhôi phục bản sao lưu «{Path(err.latest_backup).name}»? Tệp hỏng được "
                               "giữ lại bên cạnh, không bị xóa.", yes="Khôi phục", no="Hủy"):
            return None
        damaged = err.path
        try:
            aside = Store.recover(damaged, err.latest_backup)
        except KhdeskError as failure:
            show_error(parent, str(failure))
            return None
        store = _try(parent, lambda: Store.open(damaged))
        if store is not None:
            store.warning = (f"Đã khôi phục từ bản sao lưu; tệp hỏng được giữ lại với tên «{aside.name}». "
                             + store.warning).strip()
        return store
    except KhdeskError as err:
        show_error(parent, str(err))
        return None


def _try(parent, opener) -> Store | None:
    try:
        return opener()
    except KhdeskError as err:
        show_error(parent, str(err))
        return None
