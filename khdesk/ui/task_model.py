"""The task grid's model and its filter: the current plan's tasks in print order, read from the
store; edits go back through undoable commands, never straight to the database."""
from __future__ import annotations

import dataclasses
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QStyle

from ..document.appendix_rows import deadline_text, leads_text, task_problems
from ..domain.models import FOLLOW_UP_FIELDS, TASK_STATUS_LABELS, Task
from ..domain.progress import NO_REPORT, Counting, due_by, is_overdue, kinds, no_report, status_change
from ..domain.text import fold, nfc
from ..usecases.loading import counting_of
from .commands import EditTask, MoveTask
from .session import Session

COLUMNS = ("TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Trạng thái")
TT, CONTENT, LEAD, COORDINATORS, DEADLINE, STATUS = range(len(COLUMNS))
TaskIdRole = Qt.ItemDataRole.UserRole + 1
ProblemRole = Qt.ItemDataRole.UserRole + 2
OverdueRole = Qt.ItemDataRole.UserRole + 3
MIME = "application/x-khdesk-task-ids"
PROBLEM_BRUSH = QBrush(QColor(255, 228, 225))
OVERDUE_BRUSH = QBrush(QColor(255, 236, 179))          # amber; the icon and the words carry it in grey-scale
KIND_LABELS = {"total": "Tất cả", "todo": "Chưa thực hiện", "doing": "Đang thực hiện", "done": "Hoàn thành",
               "done_on_time": "Hoàn thành đúng hạn", "done_late": "Hoàn thành quá hạn",
               "dropped": "Không thực hiện", "overdue": "Quá hạn", NO_REPORT: "Chưa có báo cáo"}


def task_problem(task: Task) -> str:
    """Why a task cannot be printed yet ("" when it can): the printer's own rule."""
    return ", ".join(task_problems(task))


class TaskTableModel(QAbstractTableModel):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.plan_id: int | None = None
        self._counting = Counting(date.today(), date.max)   # the plan's way of counting (``counting``)
        self._tasks: list[Task] = []
        self._names: dict[int, str] = {}
        self._folded: list[str] = []
        self.today = date.today                 # (the tests set the day)
        self.follow_up_only = False             # an issued plan: only Trạng thái can be edited in the grid
        session.changed.connect(self._on_change)

    # ----- loading -------------------------------------------------------------------------
    def load_plan(self, plan_id: int | None) -> None:
        self.beginResetModel()
        self.plan_id = plan_id
        store = self.session.store
        self._counting = counting_of(store, store.plans.get(plan_id), date.today()) if plan_id is not None else \
            Counting(date.today(), date.max)
        self._names = {a.id: a.print_name for a in self.session.store.agencies.all()}
        self._fill(self.session.store.tasks.of_plan(plan_id) if plan_id is not None else [])
        self.endResetModel()

    def counting(self) -> Counting:
        """How the grid counts the plan's tasks: today (``self.today``, which the tests set), live."""
        return dataclasses.replace(self._counting, today=self.today())

    def _fill(self, tasks: list[Task]) -> None:
        self._tasks = tasks
        self._folded = [self._fold(t) for t in tasks]

    def _fold(self, t: Task) -> str:
        """What the filter searches: content and agency names, without case and diacritics."""
        return fold(f"{t.content} {leads_text(t.lead_agency_ids, self._names, one_line=True)} "
                    f"{' '.join(self._names.get(a, '') for a in t.coordinator_ids)}")

    def reload(self) -> None:
        """Read the plan again; keep rows (and the selection) when the same tasks are still there."""
        if self.plan_id is None:
            return
        tasks = self.session.store.tasks.of_plan(self.plan_id)
        if [t.id for t in tasks] == [t.id for t in self._tasks]:
            self._fill(tasks)
            if tasks:
                self.dataChanged.emit(self.index(0, 0), self.index(len(tasks) - 1, len(COLUMNS) - 1))
        else:
            self.beginResetModel()
            self._fill(tasks)
            self.endResetModel()

    def _on_change(self, change) -> None:
        """Rows edited in place are read again one by one; anything else reads the plan again."""
        if change.agencies or change.everything:
            self._names = {a.id: a.print_name for a in self.session.store.agencies.all()}
        if not change.touches(self.plan_id):
            return
        if change.rows_changed:
            self.reload()
            return
        for task_id in change.task_ids:
            row = self.row_of(task_id)
            if row is None:
                continue
            task = self.session.store.tasks.get(task_id)
            self._tasks[row] = task
            self._folded[row] = self._fold(task)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # ----- reading -------------------------------------------------------------------------
    def task(self, row: int) -> Task:
        return self._tasks[row]

    def tasks(self) -> list[Task]:
        return list(self._tasks)

    def row_of(self, task_id: int) -> int | None:
        for row, task in enumerate(self._tasks):
            if task.id == task_id:
                return row
        return None

    def folded(self, row: int) -> str:
        return self._folded[row]

    def agency_name(self, agency_id: int | None) -> str:
        return self._names.get(agency_id, "")

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
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == TT:
                return task.position
            if col == CONTENT:
                return task.content
            if col == LEAD:
                if role == Qt.ItemDataRole.EditRole:       # the inline editor changes the first lead
                    return task.lead_agency_ids[0] if task.lead_agency_ids else None
                return leads_text(task.lead_agency_ids, self._names, one_line=True)
            if col == COORDINATORS:
                return "; ".join(self.agency_name(a) for a in task.coordinator_ids)
            if col == DEADLINE:
                return deadline_text(task) if role == Qt.ItemDataRole.DisplayRole else task.deadline_text
            if col == STATUS:
                if role == Qt.ItemDataRole.EditRole:
                    return task.status
                label = KIND_LABELS[NO_REPORT] if no_report(task, self.counting()) else TASK_STATUS_LABELS[task.status]
                return f"Quá hạn — {label.lower()}" if is_overdue(task, self.counting()) else label
        overdue = is_overdue(task, self.counting())
        if role == Qt.ItemDataRole.ToolTipRole:
            problem = task_problem(task)
            if problem:
                return f"Chưa in được: {problem}"
            if overdue:
                return f"Quá hạn: hạn hoàn thành {due_by(task, self.counting()):%d/%m/%Y}, chưa hoàn thành."
            return task.content if col == CONTENT else None
        if role == Qt.ItemDataRole.BackgroundRole and task_problem(task):
            return PROBLEM_BRUSH
        if role == Qt.ItemDataRole.BackgroundRole and overdue:
            return OVERDUE_BRUSH
        if role == Qt.ItemDataRole.DecorationRole and col == TT and overdue:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == OverdueRole:
            return overdue
        if role == ProblemRole:
            return task_problem(task)
        if role == TaskIdRole:
            return task.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (TT, LEAD, STATUS):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def flags(self, index):
        base = super().flags(index)
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        base |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() in ((STATUS,) if self.follow_up_only else (CONTENT, LEAD, DEADLINE, STATUS)):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    # ----- editing -------------------------------------------------------------------------
    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        task = self._tasks[index.row()]
        field = {CONTENT: "content", LEAD: "lead_agency_ids", DEADLINE: "deadline_text", STATUS: "status"}.get(
            index.column())
        if field is None or (self.follow_up_only and field not in FOLLOW_UP_FIELDS):
            return False
        if isinstance(value, str):
            value = nfc(value)
        if field == "lead_agency_ids":             # the chosen agency becomes the first lead
            rest = tuple(a for a in task.lead_agency_ids[1:] if a != value)
            value = ((value,) if value is not None else ()) + rest
        if getattr(task, field) == value:
            return False
        changes = status_change(task, value, self.today()) if field == "status" else {field: value}
        return self.session.execute(EditTask(self.session, task.id, **changes), source=self)

    # ----- drag and drop (reorder) -----------------------------------------------------------
    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self):
        return [MIME]

    def mimeData(self, indexes):
        rows = sorted({i.row() for i in indexes})
        data = QMimeData()
        data.setData(MIME, ",".join(str(self._tasks[r].id) for r in rows).encode())
        return data

    def dropMimeData(self, data, action, row, column, parent):
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        ids = [int(x) for x in bytes(data.data(MIME)).decode().split(",") if x]
        if len(ids) != 1:
            return False
        target = parent.row() if row < 0 and parent.isValid() else row
        if target < 0:
            target = len(self._tasks)
        task = next(t for t in self._tasks if t.id == ids[0])
        position = target + 1 if target <= task.position - 1 else target   # rows are 0-based
        if position != task.position:
            self.session.execute(MoveTask(self.session, task.id, position))
        return False     # the model reloads itself; the view must not remove the dragged row


class TaskFilter(QSortFilterProxyModel):
    """Shows the tasks of one agency (or group) and those whose content or agencies contain the
    typed text, ignoring case and diacritics (like Excel's "contains"). Print order is kept."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._agencies: set[int] | None = None
        self._needle = ""
        self._kind = "total"                    # a figure of khdesk.domain.progress: "overdue", "done_late" …
        self._as_counted: Counting | None = None  # the panel's way of counting its figure (None: the grid's)

    def set_agencies(self, agency_ids: set[int] | None) -> None:
        self.beginFilterChange()
        self._agencies = agency_ids
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_kind(self, kind: str, counting: Counting | None = None) -> None:
        """Only the tasks counted in that figure ("total": all) — as the grid counts today, or as
        ``counting`` does (the panel's figures, as of the reporting period's cut-off)."""
        self.beginFilterChange()
        self._kind, self._as_counted = kind, counting
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def kind(self) -> str:
        return self._kind

    def is_filtering(self) -> bool:
        return self._agencies is not None or bool(self._needle) or self._kind != "total"

    def filterAcceptsRow(self, source_row, source_parent):
        model: TaskTableModel = self.sourceModel()
        task = model.task(source_row)
        if self._agencies is not None and self._agencies.isdisjoint(task.lead_agency_ids):
            return False
        if self._kind != "total" and self._kind not in kinds(task, self._as_counted or model.counting()):
            return False
        return self._needle in model.folded(source_row)
