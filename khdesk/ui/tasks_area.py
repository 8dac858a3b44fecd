"""The tasks of the plan: selecting, adding, deleting, moving, sorting by agency (a part of ``MainWindow``)."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from ..domain.months import insert_position
from .commands import AddTask, DeleteTasks, MoveTask, sort_by_agency
from .task_model import CONTENT, TT, TaskIdRole


class TasksArea:
    """Mixed into ``MainWindow``: uses its session, settings, model and panes."""

    def current_task_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(TaskIdRole) if index.isValid() else None

    def selected_task_ids(self) -> list[int]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return [self.proxy.index(r, 0).data(TaskIdRole) for r in sorted(rows)]

    def select_task(self, task_id: int) -> None:
        row = self.model.row_of(task_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():          # hidden by the filter: show everything
            self.search.clear()
            self.tree.select(-1)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.select_row(index.row())

    def select_row(self, row: int) -> None:
        index = self.proxy.index(row, CONTENT)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(self.proxy.index(row, TT))

    def _current_task_changed(self, current, previous) -> None:
        self.detail.show_task(current.data(TaskIdRole) if current.isValid() else None)

    def add_task(self) -> None:
        if self.plan_id is None:
            return
        tasks = self.model.tasks()
        # The agency chosen in the tree is the new task's lead. A selected row only says where the task
        # goes (after that row's agency's tasks): its lead is not copied — a lead the clerk forgot to
        # change silently became the row's (Sở KH&ĐT); an empty one is marked and asked for.
        tree_agency = self.tree.selected_id()
        chosen = tree_agency if tree_agency not in (None, -1) else None
        near = chosen
        if near is None and self.current_task_id() is not None:
            leads = self.session.store.tasks.get(self.current_task_id()).lead_agency_ids
            near = leads[0] if leads else None
        position = insert_position(tasks, near)
        command = AddTask(self.session, self.plan_id, position, lead_agency_ids=(chosen,) if chosen is not None else ())
        if self.session.execute(command):
            self.search.clear()
            self.select_task(command.task.id)
            self.detail.content.setFocus()
            if chosen is None:
                self.statusBar().showMessage("Nhiệm vụ mới: gõ nội dung, rồi Tab để chọn cơ quan chủ trì.", 10000)

    def delete_tasks(self) -> None:
        ids = self.selected_task_ids() or ([self.current_task_id()] if self.current_task_id() else [])
        if not ids:
            return
        row = self.table.currentIndex().row()
        if self.session.execute(DeleteTasks(self.session, ids)):
            self.statusBar().showMessage(f"Đã xóa {len(ids)} nhiệm vụ. Ctrl+Z để hoàn tác.", 5000)
            if self.proxy.rowCount():
                self.select_row(min(row, self.proxy.rowCount() - 1))

    def move_task(self, step: int) -> None:
        task_id = self.current_task_id()
        if task_id is None:
            return
        row = self.table.currentIndex().row() + step
        if not 0 <= row < self.proxy.rowCount():
            return
        target = self.session.store.tasks.get(self.proxy.index(row, 0).data(TaskIdRole)).position
        if self.session.execute(MoveTask(self.session, task_id, target)):
            self.select_task(task_id)

    def sort_by_agency(self) -> None:
        if self.plan_id is not None:
            current = self.current_task_id()
            self.session.execute(sort_by_agency(self.session, self.plan_id))
            if current is not None:
                self.select_task(current)
