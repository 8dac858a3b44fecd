from datetime import date

import pytest
from PySide6.QtCore import QSettings

from khdesk.ui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "khdesk.ini"), QSettings.Format.IniFormat)


def _window(qtbot, store, settings):
    w = MainWindow(store, settings)
    # the sample plan's own month: a May 2024 task with no due date is due on 31/5 (khdesk.domain.progress),
    # so what is overdue never depends on the day the tests run; a test that needs another day sets it
    w.model.today = lambda: date(2024, 5, 20)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def window(qtbot, sample_store, settings):
    """The sample plan (issued in May 2024) after the clerk chose «Sửa kế hoạch đã ban hành…»."""
    plan = sample_store.plans.by_month("2024-05")
    sample_store.plans.update(plan.id, reopened_at="2024-05-14 08:00")
    return _window(qtbot, sample_store, settings)


@pytest.fixture
def issued_window(qtbot, sample_store, settings):
    """The sample plan as issued: read-only until the clerk chooses to edit it."""
    return _window(qtbot, sample_store, settings)


@pytest.fixture(autouse=True)
def _no_unexpected_modal_dialogs(monkeypatch):
    """A modal dialog nobody answers would hang the suite: fail at once instead, saying which."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(dialog, *args):
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        raise AssertionError(f"unexpected modal dialog «{dialog.windowTitle()}»: {text}")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)


@pytest.fixture(autouse=True)
def _empty_clipboard_after_each_test(qapp):
    """The offscreen platform's clipboard crashes at exit when it still holds a QMimeData (the xcb
    and Windows clipboards do not); every test leaves it empty."""
    yield
    qapp.clipboard().clear()
