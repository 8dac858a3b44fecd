import pytest
from PySide6.QtCore import QSettings

from khdesk.ui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "khdesk.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, sample_store, settings):
    w = MainWindow(sample_store, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture(autouse=True)
def _no_unexpected_modal_dialogs(monkeypatch):
    """A modal dialog nobody answers would hang the suite: fail at once instead, saying which."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(dialog, *args):
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        raise AssertionError(f"unexpected modal dialog «{dialog.windowTitle()}»: {text}")

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
