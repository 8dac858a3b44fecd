"""Starting the window: the application object, the database to open, and errors shown as
Vietnamese messages rather than tracebacks."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ..db import Store
from ..db.lock import FileLocked, LockRefused, ReadOnlyLocation
from ..db.store import CorruptDatabase
from ..errors import KhdeskError, os_reason
from ..system.error_log import enable_crash_log
from ..system.paths import default_database_path
from ..system.resources import resource
from ..usecases.sample_data import new_database
from .opening import open_with_questions
from .translations import vietnamese_qt_translator


def open_database(path: str | None, last_file: str | None = None) -> Store:
    """The store the window works on: ``path``; else the file used last time, if it is still
    there; else the default database, which the first start creates with the catalogue and the
    sample plan."""
    if path:
        return Store.open(path)
    if last_file and Path(last_file).is_file():
        try:
            return Store.open(last_file)
        except (FileLocked, ReadOnlyLocation, CorruptDatabase, LockRefused):
            raise       # the clerk is asked (read-only? restore the backup?) or told (a planted lock)
        except KhdeskError:
            pass        # fall back to the default database; the clerk can open the file by hand
    default = default_database_path()
    if default.exists():
        return Store.open(default)
    try:
        default.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise KhdeskError(f"Không tạo được thư mục dữ liệu «{default.parent}»: {os_reason(err)}.") from err
    return new_database(default, sample=True)


def show_error(message: str, title: str = "khdesk — Lỗi") -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, message)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def _excepthook(kind, err, tb) -> None:
    """An unexpected error in the window: log it, tell the clerk in Vietnamese, keep running."""
    from ..system.error_log import write_error_log

    if isinstance(err, KhdeskError):
        show_error(str(err))
        return
    log = write_error_log(err.with_traceback(tb))
    show_error(f"Đã xảy ra lỗi không mong đợi ({kind.__name__}). Dữ liệu đã lưu không bị ảnh hưởng.\n"
               f"Chi tiết đã ghi vào «{log}»; hãy gửi tệp này cho bộ phận kỹ thuật.")


def application() -> QApplication:
    """The application as the clerk gets it: name, icon, Vietnamese locale and Qt's words in Vietnamese."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("khdesk")
    app.setWindowIcon(QIcon(str(resource("icons", "khdesk.png"))))
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    if not app.property("khdesk_translated"):
        app.installTranslator(vietnamese_qt_translator(app))
        app.setProperty("khdesk_translated", True)
    return app


def run(path: str | None = None) -> int:
    from .main_window import MainWindow

    app = application()
    settings = QSettings("khdesk", "khdesk")
    store = open_with_questions(None, lambda: open_database(path, settings.value("last_file")))
    if store is None:
        return 1
    sys.excepthook = _excepthook
    enable_crash_log()
    window = MainWindow(store, settings)
    if store.warning:
        QTimer.singleShot(0, lambda: show_error(store.warning, "khdesk — Lưu ý"))
    window.show()
    try:
        return app.exec()
    finally:
        store.close()
