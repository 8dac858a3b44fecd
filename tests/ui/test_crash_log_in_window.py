"""The window's start turns the crash log on (where the window once vanished without a trace)."""
import faulthandler

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from khdesk.ui import app as app_module
from khdesk.usecases.sample_data import new_database


def test_the_window_runs_with_the_crash_log_on(tmp_path, monkeypatch):
    new_database(tmp_path / "k.db", sample=True).close()
    monkeypatch.setenv("KHDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(app_module, "QSettings", lambda *a: QSettings(str(tmp_path / "k.ini"), QSettings.Format.IniFormat))
    seen = []
    monkeypatch.setattr(QApplication, "exec", lambda *a: seen.append(faulthandler.is_enabled()) or 0)
    was = faulthandler.is_enabled()
    faulthandler.disable()                     # (pytest's own is on: only khdesk's may turn it on here)
    try:
        assert app_module.run(str(tmp_path / "k.db")) == 0
    finally:
        for window in QApplication.topLevelWidgets():
            window.close()
        faulthandler.enable() if was else faulthandler.disable()
    assert seen == [True] and (tmp_path / "data" / "khdesk-loi.log").exists()
