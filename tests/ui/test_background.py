"""Slow work off the window's thread (``ui/background.py``): what «Hủy» means when the work cannot stop."""
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from khdesk.errors import Cancelled
from khdesk.ui.background import run_in_background


def test_what_work_brings_back_after_cancel_is_not_used(window):
    """A .docx being read cannot stop half-way; once the clerk chose «Hủy», its plan must not be previewed."""
    def clerk_cancels():
        shown = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        if not shown:
            QTimer.singleShot(50, clerk_cancels)
            return
        shown[0].findChild(QPushButton).click()

    def read(cancelled):                          # ignores cancelled(): finishes whatever happens
        time.sleep(1.2)
        return "kế hoạch"

    QTimer.singleShot(50, clerk_cancels)
    with pytest.raises(Cancelled):
        run_in_background(window, "Đang đọc…", read)
    assert run_in_background(window, "Đang đọc…", lambda cancelled: "nhanh") == "nhanh"   # not cancelled: kept
