"""The window's part of ``khdesk --self-test`` (khdesk/selftest.py): the Qt plugins and the PDF
rasteriser, tried in the frozen bundle."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ..db import Store


def show_window(store: Store, folder: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(store, QSettings(str(folder / "khdesk.ini"), QSettings.Format.IniFormat))
    window.show()
    app.processEvents()
    rows = window.proxy.rowCount()
    window.close()
    assert rows == 47, rows
    return f"cửa sổ hiện {rows} nhiệm vụ ({app.platformName()})"


def render_first_page(pdf: Path) -> str:
    import pypdfium2

    from .print_preview import render_page

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        image = render_page(document, 0, 1.0)
    finally:
        document.close()
    assert image.width() > 500
    return f"trang 1: {image.width()}×{image.height()}"
