"""Slow work off the window's thread — LibreOffice converting a .doc can take many seconds — with a
progress dialog and «Hủy»: the window keeps painting, and the clerk can stop it."""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from ..errors import Cancelled

T = TypeVar("T")
SHOWN_AFTER_MS = 400            # quick work (a .docx) never flashes a dialog


def run_in_background(parent: QWidget | None, label: str, work: Callable[[Callable[[], bool]], T]) -> T:
    """``work(cancelled)`` in a thread while a window-modal dialog says ``label`` with «Hủy» (which makes
    ``cancelled()`` true; the work stops itself and raises). Returns what the work returns, or raises what
    it raised, here on the window's thread; once the clerk chose «Hủy», what the work still brought back is
    not used (``Cancelled``)."""
    stop = threading.Event()
    outcome: dict = {}
    focus = QApplication.focusWidget()

    def target() -> None:
        try:
            outcome["value"] = work(stop.is_set)
        except BaseException as err:            # handed to the window's thread below
            outcome["error"] = err

    dialog = QProgressDialog(label, "Hủy", 0, 0, parent)
    dialog.setWindowTitle("khdesk")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOWN_AFTER_MS)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.canceled.connect(stop.set)
    dialog.canceled.connect(lambda: dialog.setLabelText("Đang dừng…"))
    thread = threading.Thread(target=target, name="khdesk-background", daemon=True)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(50)
    def check() -> None:
        if dialog.wasCanceled():                 # (Esc, the window's close button, «Hủy»)
            stop.set()
        if not thread.is_alive():
            loop.quit()

    timer.timeout.connect(check)
    thread.start()
    timer.start()
    dialog.setValue(0)
    loop.exec()
    timer.stop()
    cancelled = stop.is_set() or dialog.wasCanceled()    # (read before closing: closing emits «canceled»)
    shown = dialog.isVisible()
    dialog.close()
    dialog.deleteLater()
    if shown and parent is not None:
        # the dialog took the window's activation: the window's keys (Ctrl+Z …) and the clerk's place come back
        parent.window().activateWindow()
        QApplication.processEvents()
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
    if "error" in outcome:
        raise outcome["error"]
    if cancelled:                # work that could not stop (a .docx being read) finished after «Hủy»
        raise Cancelled("Đã dừng; không có gì được nhập.")
    return outcome["value"]
