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
