"""The end of the month in the window: overdue rows marked and filtered, statuses with their dates."""
from datetime import date, timedelta

from PySide6.QtCore import Qt

from khdesk.ui.task_model import STATUS, TT, OverdueRole


def test_overdue_rows_are_marked_with_colour_icon_and_words_and_can_be_filtered(window, qtbot):
    store = window.session.store
    tasks = store.tasks.of_plan(window.plan_id)
    yesterday, today = date.today() - timedelta(days=1), date.today()
    store.tasks.update(tasks[0].id, due_date=yesterday)                       # overdue
    store.tasks.update(tasks[1].id, due_date=today)                           # due today: not yet
    store.tasks.update(tasks[2].id, due_date=yesterday, status="done", completed_on=today)   # done late
    window.session.refresh_all()
    index = window.proxy.index(0, TT)
    assert index.data(OverdueRole) and index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert window.proxy.index(0, STATUS).data() == "Quá hạn — chưa thực hiện"
    assert not window.proxy.index(1, TT).data(OverdueRole) and window.proxy.index(1, STATUS).data() == "Chưa thực hiện"
    box = window.kind_box
    box.setFocus()
    box.setCurrentIndex(box.findText("Quá hạn"))                               # as picked from the list
    assert window.proxy.rowCount() == 1 and window.current_task_id() in (None, tasks[0].id)
    assert "đang hiện 1" in window.statusBar().currentMessage()
    box.setCurrentIndex(box.findText("Hoàn thành quá hạn"))
    assert [window.proxy.index(r, TT).data() for r in range(window.proxy.rowCount())] == [3]
    box.setCurrentIndex(box.findText("Tất cả"))
    assert window.proxy.rowCount() == 47


def test_done_takes_today_as_the_completion_day_and_dropped_asks_the_reason(window, qtbot):
    window.select_row(4)
    pane = window.detail
    task_id = window.current_task_id()
    assert not pane.completed_on.isVisibleTo(pane) and not pane.status_reason.isVisibleTo(pane)
    pane.status.setFocus()
    pane.status.setCurrentIndex(pane.status.findData("done"))
    pane.status.activated.emit(pane.status.currentIndex())                    # chosen from the list
    task = window.session.store.tasks.get(task_id)
    assert task.status == "done" and task.completed_on == date.today()
    assert pane.completed_on.isVisibleTo(pane) and pane.completed_on.edit.text() == f"{date.today():%d/%m/%Y}"
    assert window.undo_action.text() == "Hoàn tác Sửa trạng thái, ngày hoàn thành"
    pane.completed_on.edit.setFocus()
    pane.completed_on.edit.selectAll()
    qtbot.keyClicks(pane.completed_on.edit, "03062024")
    qtbot.keyClick(pane.completed_on.edit, Qt.Key.Key_Tab)
    assert window.session.store.tasks.get(task_id).completed_on == date(2024, 6, 3)
    pane.status.setCurrentIndex(pane.status.findData("dropped"))
    pane.status.activated.emit(pane.status.currentIndex())
    assert pane.status_reason.isVisibleTo(pane)
    pane.status_reason.setFocus()
    qtbot.keyClicks(pane.status_reason, "Trung uong chua huong dan")
    qtbot.keyClick(pane.status_reason, Qt.Key.Key_Tab)
    assert window.session.store.tasks.get(task_id).status_reason == "Trung uong chua huong dan"
