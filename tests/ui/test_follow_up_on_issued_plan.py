"""An issued plan is followed up, not reopened: its status, results, completion and report days are
recorded in the grid and the task pane with undo, while its wording, leads and deadlines stay as signed."""
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from khdesk.ui.task_model import CONTENT, STATUS, TaskIdRole


def test_the_bar_says_what_can_still_be_done_in_at_most_three_lines_at_1024(issued_window, qtbot):
    w = issued_window
    text = w.lock_text.text()
    assert "đã ban hành" in text and "Trạng thái và kết quả vẫn ghi được" in text
    assert "ngày hoàn thành và ngày báo cáo vẫn ghi được" in w.lock_text.toolTip()       # the whole of it
    w.resize(1024, 740)
    qtbot.waitUntil(lambda: w.width() == 1024)
    QApplication.processEvents()
    lines = w.lock_text.heightForWidth(w.lock_text.width()) / w.lock_text.fontMetrics().lineSpacing()
    # it took five lines of the grid's room (eight with Windows' wider fonts): the button goes under the text
    assert w.unlock_button.geometry().top() > w.lock_text.geometry().top()
    assert lines <= 3.5, (lines, w.lock_text.width())
    w.resize(1366, 740)
    qtbot.waitUntil(lambda: w.unlock_button.geometry().top() <= w.lock_text.geometry().center().y())   # beside it


def test_status_is_chosen_in_the_grid_of_an_issued_plan_with_the_keyboard(issued_window, qtbot):
    w = issued_window
    store = w.session.store
    w.select_row(2)
    task_id = w.proxy.index(2, CONTENT).data(TaskIdRole)
    w.table.setFocus()
    w.table.setCurrentIndex(w.proxy.index(2, STATUS))
    qtbot.keyClick(w.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox), editor
    editor.setCurrentIndex(editor.findData("doing"))
    qtbot.keyClick(editor, Qt.Key.Key_Return)                       # (Qt commits it on the next turn)
    qtbot.waitUntil(lambda: store.tasks.get(task_id).status == "doing", timeout=2000)
    assert store.plans.get(w.plan_id).locked                       # still issued, not reopened
    # the wording stays as signed: F2 on Nội dung opens nothing and says why
    w.table.setCurrentIndex(w.proxy.index(2, CONTENT))
    qtbot.keyClick(w.table, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is w.table
    assert "nội dung, cơ quan và thời hạn không sửa" in w.statusBar().currentMessage()
    assert not w.proxy.setData(w.proxy.index(2, CONTENT), "đổi chữ", Qt.ItemDataRole.EditRole)
    w.undo_action.trigger()                                          # Ctrl+Z
    assert store.tasks.get(task_id).status == "todo"


def test_done_chosen_in_the_grid_records_the_day_as_in_the_pane(issued_window, qtbot):
    """«Hoàn thành» chosen in the grid's Trạng thái used to leave Ngày hoàn thành empty (the pane
    recorded today): the on-time / late split depends on that day. One Ctrl+Z takes both back."""
    w = issued_window
    store = w.session.store
    w.model.today = lambda: date(2024, 5, 20)
    task_id = w.proxy.index(3, CONTENT).data(TaskIdRole)
    w.select_row(3)
    w.table.setFocus()
    w.table.setCurrentIndex(w.proxy.index(3, STATUS))
    qtbot.keyClick(w.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox), editor
    editor.setCurrentIndex(editor.findData("done"))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.tasks.get(task_id).status == "done", timeout=2000)
    assert store.tasks.get(task_id).completed_on == date(2024, 5, 20)
    w.select_row(3)                      # (on Windows, Enter in the cell also moved to the next row, as Excel does)
    assert w.detail.completed_on.date() == date(2024, 5, 20)                 # the pane shows the day too
    w.undo_action.trigger()
    assert (store.tasks.get(task_id).status, store.tasks.get(task_id).completed_on) == ("todo", None)


def test_results_are_typed_in_the_pane_of_an_issued_plan_and_the_rest_stays(issued_window, qtbot):
    w = issued_window
    store = w.session.store
    w.select_row(5)
    pane = w.detail
    task_id = pane.task.id
    before = store.tasks.get(task_id)
    assert pane.content.isReadOnly() and not pane.lead.isEnabled() and not pane.due.isEnabled()
    assert pane.status.isEnabled() and not pane.result.isReadOnly() and pane.completed_on.isEnabled()
    pane.status.setFocus()
    pane.status.setCurrentIndex(pane.status.findData("done"))
    pane.status.activated.emit(pane.status.currentIndex())
    pane.result.setFocus()
    qtbot.keyClicks(pane.result, 'Da trinh & "So" <ky>')
    w.table.setFocus()                                               # leaving the field saves it
    w.session.flush_pending()
    task = store.tasks.get(task_id)
    assert (task.status, task.completed_on, task.result_note) == ("done", date.today(), 'Da trinh & "So" <ky>')
    assert (task.content, task.lead_agency_ids, task.deadline_text, task.due_date) == (
        before.content, before.lead_agency_ids, before.deadline_text, before.due_date)
    assert store.plans.get(w.plan_id).locked and store.plans.get(w.plan_id).reopened_at is None
    w.undo_action.trigger()
    assert store.tasks.get(task_id).result_note == ""
