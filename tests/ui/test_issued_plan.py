"""An issued plan is read-only until the clerk chooses «Sửa kế hoạch đã ban hành…» (asked once,
recorded in the plan); the grid says why it does not take typing."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
from test_grid import double_click

from khdesk.ui import plan_dialogs
from khdesk.ui.main_window import MainWindow
from khdesk.ui.task_model import CONTENT


def tasks_of(window):
    return window.session.store.tasks.of_plan(window.plan_id)


def test_an_issued_plan_cannot_be_changed_by_accident(issued_window, qtbot):
    w = issued_window
    before = tasks_of(w)
    assert w.lock_bar.isVisible() and "4969/KH-UBND ngày 13/05/2024 đã ban hành" in w.lock_text.text()
    w.select_row(3)
    w.table.setFocus()
    qtbot.keyClicks(w.table, "abc")                             # typing over the selected task
    assert QApplication.focusWidget() is w.table and not w.table.isPersistentEditorOpen(w.table.currentIndex())
    assert "đã ban hành: nội dung, cơ quan và thời hạn không sửa" in w.statusBar().currentMessage()
    w.statusBar().clearMessage()
    double_click(qtbot, w.table.viewport(), w.table.visualRect(w.proxy.index(3, CONTENT)).center())
    assert not isinstance(QApplication.focusWidget(), (QLineEdit, QPlainTextEdit))
    assert "Sửa kế hoạch đã ban hành" in w.statusBar().currentMessage()
    for key in (Qt.Key.Key_Delete, Qt.Key.Key_Insert):
        qtbot.keyClick(w.table, key)
    qtbot.keyClick(w.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert tasks_of(w) == before
    assert w.detail.content.isReadOnly() and not w.detail.lead.isEnabled()


def test_the_clerk_chooses_to_edit_once_and_it_is_recorded(issued_window, qtbot, monkeypatch, settings):

    w = issued_window
    asked = []
    monkeypatch.setattr("khdesk.ui.plans_area.confirm", lambda parent, message, **kw: asked.append(message) or True)
    qtbot.mouseClick(w.unlock_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "đã ban hành" in asked[0]
    plan = w.session.store.plans.get(w.plan_id)
    assert plan.reopened_at is not None and not plan.locked
    assert not w.lock_bar.isVisible()
    w.select_row(3)
    w.table.setFocus()
    qtbot.keyClick(w.table, Qt.Key.Key_F2)                       # editing works now
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    # the next start does not ask again
    again = MainWindow(w.session.store, settings)
    qtbot.addWidget(again)
    assert not again.lock_bar.isVisibleTo(again) and again.read_only_why == ""
    # Ctrl+Z: read-only again
    w.undo_action.trigger()
    assert w.session.store.plans.get(w.plan_id).locked and w.lock_bar.isVisible()


def test_saying_no_keeps_it_read_only(issued_window, qtbot, monkeypatch):

    w = issued_window
    monkeypatch.setattr("khdesk.ui.plans_area.confirm", lambda *a, **kw: False)
    w.unlock_action.trigger()
    assert w.session.store.plans.get(w.plan_id).locked and w.lock_bar.isVisible()


def test_the_header_of_an_issued_plan_is_shown_not_edited(issued_window, monkeypatch):

    seen = {}

    def look(dialog):
        seen["read_only"] = dialog.number.isReadOnly() and dialog.grounds.isReadOnly()
        seen["ok"] = dialog.buttons.button(dialog.buttons.StandardButton.Ok).isVisibleTo(dialog)
        dialog.number.setText("9999")            # even if something changed the text, nothing is saved
        return True

    monkeypatch.setattr(plan_dialogs.PlanHeaderDialog, "exec", look)
    issued_window.edit_plan_header()
    assert seen == {"read_only": True, "ok": False}
    assert issued_window.session.store.plans.get(issued_window.plan_id).number == "4969"


def test_issuing_again_locks_the_plan(window, monkeypatch):

    def issue(dialog):
        dialog.status.setCurrentIndex(dialog.status.findData("issued"))
        dialog.number.setText("5001")
        return True

    plan = window.session.store.plans.get(window.plan_id)
    window.session.store.plans.update(plan.id, status="draft")
    monkeypatch.setattr(plan_dialogs.PlanHeaderDialog, "exec", issue)
    window.edit_plan_header()
    plan = window.session.store.plans.get(window.plan_id)
    assert plan.status == "issued" and plan.locked and window.lock_bar.isVisible()


def test_pasting_into_an_issued_plan_says_why_and_writes_nothing(issued_window, qtbot):
    from PySide6.QtCore import QMimeData

    mime = QMimeData()
    mime.setText("1\tViệc mới\tSở Y tế\r\n")
    QApplication.clipboard().setMimeData(mime)
    before = tasks_of(issued_window)
    issued_window.table.setFocus()
    qtbot.keyClick(issued_window.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # no preview opens
    assert "đã ban hành" in issued_window.statusBar().currentMessage() and tasks_of(issued_window) == before
