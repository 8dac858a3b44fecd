"""File dialogs in Vietnamese, starting in Documents, then where the clerk went last."""
import sys
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton

from khdesk.ui.translations import vietnamese_qt_translator


def test_the_dialog_speaks_vietnamese_and_starts_in_documents(window, tmp_path, monkeypatch):
    from khdesk.ui import file_dialogs

    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    app = QApplication.instance()
    translator = vietnamese_qt_translator(app)
    app.installTranslator(translator)
    seen = []

    def look(dialog):
        dialog.show()
        seen.append((Path(dialog.directory().absolutePath()), [w.text() for w in dialog.findChildren(QLabel)],
                     [b.text() for b in dialog.findChildren(QPushButton)],
                     dialog.testOption(QFileDialog.Option.DontUseNativeDialog)))
        dialog.selectFile(str(home / "ban giao" / f"ke-hoach-2024-05.{dialog.defaultSuffix()}"))
        dialog.hide()
        return 1

    (home / "ban giao").mkdir()
    monkeypatch.setattr(QFileDialog, "exec", look)
    try:
        window.export_excel()
        folder, labels, buttons, qt_own = seen[0]
        if sys.platform == "win32":
            # Windows: the system's own dialog, in the system's language, starting in the clerk's
            # Documents as Windows knows it (not $HOME)
            assert not qt_own
            assert folder == Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        else:
            assert qt_own and folder == home / "Documents"
            assert labels == ["&Tìm trong:", "&Tên tệp:", "&Loại tệp:"] and "&Lưu" in buttons and "Hủy" in buttons
        assert (home / "ban giao" / "ke-hoach-2024-05.xlsx").exists()
        window.export_word()                               # the next one starts where the last one went
        assert seen[1][0] == home / "ban giao" and (home / "ban giao" / "ke-hoach-2024-05.docx").exists()
        assert file_dialogs.start_folder(window.settings) == str(home / "ban giao")
    finally:
        app.removeTranslator(translator)
