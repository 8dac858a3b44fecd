"""Tệp › Nhập kế hoạch từ Word…: the document's header and tasks in the preview, then a new month as
one undo step; a month that has a plan is never overwritten."""
import dataclasses
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from word_fixtures import no_month_docx, seed_as_word

from khdesk.ui import import_dialog


def june_docx(store, tmp_path):
    may = store.plans.by_month("2024-05")
    june = dataclasses.replace(may, month="2024-06", number="5123", issued_on=date(2024, 6, 12),
                               subject="Triển khai thực hiện nhiệm vụ trọng tâm tháng 6 năm 2024",
                               appendix_title="NHIỆM VỤ TRỌNG TÂM THÁNG 6/2024",
                               appendix_reference="Ban hành kèm theo Kế hoạch số 5123/KH-UBND ngày 12/6/2024 của UBND tỉnh")
    return seed_as_word(tmp_path / "ke-hoach-thang-6.docx", june)


def test_a_word_plan_is_previewed_then_imported_as_one_undo_step(window, qtbot, monkeypatch, tmp_path):

    store = window.session.store
    path = june_docx(store, tmp_path)
    seen = {}

    def review(dialog):
        seen["title"] = dialog.windowTitle()
        seen["text"] = "\n".join(label.text() for label in dialog.findChildren(QLabel))
        seen["rows"] = dialog.rows.rowCount()
        seen["month"] = (dialog.chosen_month(), dialog.month_box.isEnabled())
        seen["ok"] = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text()
        return True

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", review)
    window.import_word(str(path))
    assert seen["title"] == "Nhập kế hoạch từ Word — ke-hoach-thang-6.docx" and seen["rows"] == 47
    assert "KẾ HOẠCH số 5123/KH-UBND ngày 12/06/2024 — kế hoạch tháng 6/2024 (mới)." in seen["text"]
    assert "người ký: TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Tấn Tuấn" in seen["text"]
    assert seen["month"] == ("2024-06", False) and seen["ok"] == "Nhập 47 nhiệm vụ"
    june = store.plans.by_month("2024-06")
    assert june.number == "5123" and june.signer_name == "Nguyễn Tấn Tuấn" and len(june.general_tasks) == 10
    assert len(store.tasks.of_plan(june.id)) == 47 and window.plan_id == june.id
    assert window.undo_action.text() == "Hoàn tác Nhập kế hoạch tháng 6/2024 từ Word"
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [s.plan.month for s in store.plans.summaries()] == ["2024-05"]
    window.redo_action.trigger()
    assert len(store.tasks.of_plan(store.plans.by_month("2024-06").id)) == 47


def test_a_month_that_has_a_plan_is_not_overwritten(window, monkeypatch, tmp_path):
    from khdesk.ui import import_export_area
    from khdesk.usecases.exporting import export_docx

    store = window.session.store
    export_docx(store, "2024-05", tmp_path / "thang-5.docx", "all")
    messages = []
    monkeypatch.setattr(import_export_area, "show_error", lambda parent, message, *a: messages.append(message))
    before = [t.id for t in store.tasks.of_plan(store.plans.by_month("2024-05").id)]
    assert window.import_word(str(tmp_path / "thang-5.docx")) is None
    assert messages and "Đã có kế hoạch tháng 5/2024 (số 4969/KH-UBND); khdesk không ghi đè" in messages[0]
    assert [t.id for t in store.tasks.of_plan(store.plans.by_month("2024-05").id)] == before


def test_a_document_that_says_no_month_lets_the_clerk_choose_it(window, monkeypatch, tmp_path):

    path = no_month_docx(tmp_path / "khong-thang.docx")

    def choose(dialog):
        choose.asked = dialog.month_box.isEnabled() and "hãy chọn tháng" in "\n".join(
            label.text() for label in dialog.findChildren(QLabel))
        dialog.new_year.setValue(2026)
        dialog.new_month.setValue(3)
        return True

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", choose)
    window.import_word(str(path))
    store = window.session.store
    assert choose.asked
    assert [t.content for t in store.tasks.of_plan(store.plans.by_month("2026-03").id)] == ["Việc một"]


def test_a_doc_converts_off_the_window_thread_and_cancel_stops_it(window, qtbot, monkeypatch, tmp_path):
    """LibreOffice converting a .doc ran on the window's thread: the window froze for as long as it took (up
    to the time limit). Now a dialog says so with «Hủy», the window keeps running, and «Hủy» stops it."""
    import os
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    from tests.test_word_import import fake_soffice

    doc = tmp_path / "thang-5.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    bin_dir = fake_soffice(tmp_path / "bin")                     # a converter that hangs
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    ticks, seen = [], {}
    beat = QTimer()
    beat.timeout.connect(lambda: ticks.append(1))
    beat.start(50)

    def clerk_cancels():
        dialogs = [w for w in window.findChildren(QProgressDialog) if w.isVisible()]
        if not dialogs:
            QTimer.singleShot(100, clerk_cancels)
            return
        seen["label"] = dialogs[0].labelText()
        button = dialogs[0].findChild(type(window.unlock_button))
        seen["button"] = button.text()
        button.click()                                           # as the clerk does

    QTimer.singleShot(100, clerk_cancels)
    started = time.monotonic()
    assert window.import_word(str(doc)) is None
    beat.stop()
    assert time.monotonic() - started < 15                       # stopped, not left to the time limit
    assert seen == {"label": "Đang chuyển «thang-5.doc» sang .docx bằng LibreOffice…", "button": "Hủy"}
    assert len(ticks) >= 5                                       # the window's loop ran all along
    assert "Đã dừng chuyển «thang-5.doc»" in window.statusBar().currentMessage()
    assert [s.plan.month for s in window.session.store.plans.summaries()] == ["2024-05"]
