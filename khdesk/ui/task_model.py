"""The task grid's model: the tasks of one plan, in print order, read from the store."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ..db import Store
from ..models import Task

COLUMNS = ("TT", "Nội dung", "Cơ quan chủ trì")


class TaskTableModel(QAbstractTableModel):
    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self._store = store
        self._tasks: list[Task] = []
        self._agency_names: dict[int, str] = {}

    def load_plan(self, plan_id: int | None) -> None:
        self.beginResetModel()
        self._agency_names = {a.id: a.print_name for a in self._store.agencies.all()}
        self._tasks = self._store.tasks.of_plan(plan_id) if plan_id is not None else []
        self.endResetModel()

    def task(self, row: int) -> Task:
        return self._tasks[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._tasks)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        task = self._tasks[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                return task.position
            if index.column() == 1:
                return task.content
            return self._agency_names.get(task.lead_agency_id, "")
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != 1:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
