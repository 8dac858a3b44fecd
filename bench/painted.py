"""`main.py` as a clerk starts it, that prints «first-paint <time>» when the task grid has first painted and
then quits: what bench/first_paint.py and bench/run.py time. The hook lives here, not in the shipped app.

    .venv/bin/python bench/painted.py [--db FILE]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _watch(window) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                obj.removeEventFilter(self)
                QTimer.singleShot(0, lambda: (print(f"first-paint {time.time():.6f}", flush=True),
                                              QApplication.instance().quit()))
            return False

    viewport = window.table.viewport()
    viewport.installEventFilter(FirstPaint(viewport))


def main() -> int:
    from khdesk.cli import main as khdesk_main
    from khdesk.ui import main_window

    show = main_window.MainWindow.show

    def show_and_watch(window):
        _watch(window)
        show(window)

    main_window.MainWindow.show = show_and_watch
    return khdesk_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
