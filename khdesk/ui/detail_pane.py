"""The selected task in full. Every field saves itself (an undoable edit) when the clerk leaves it;
the grid and the pane show the same stored task."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from ..db.values import month_label
from ..errors import NotFound
from ..models import TASK_STATUS_LABELS, Task
from ..text import nfc
from .agency_picker import AgencyPicker
from .agency_tree import PickAgencyDialog
from .commands import EditTask
from .session import Session


class _FocusOut(QObject):
    """Calls back when a widget loses the keyboard focus, once the focus change is complete
    (changing models in the middle of a focus change crashes Qt)."""

    def __init__(self, widget, callback):
        super().__init__(widget)
        self.callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(0, self, self.callback)     # dropped if the pane is gone
        return False


class DetailPane(QWidget):
    taskEdited = Signal(int)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.task: Task | None = None
        self._loading = True

        self.title = QLabel("Chưa chọn nhiệm vụ")
        self.title.setStyleSheet("font-weight: bold")
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.content.setPlaceholderText("Nội dung nhiệm vụ")
        self.lead = AgencyPicker(self)
        self.coordinators = QListWidget()
        self.coordinators.setMaximumHeight(90)
        add_coordinator = QPushButton("Thêm…")
        remove_coordinator = QPushButton("Bỏ")
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText("ví dụ «Trong tháng 8/2025», «Quý II/2024»")
        self.has_due = QCheckBox("Hạn hoàn thành:")
        self.due = QDateEdit()
        self.due.setDisplayFormat("dd/MM/yyyy")
        self.due.setCalendarPopup(True)
        self.due.setDate(QDate.currentDate())
        self.status = QComboBox()
        for code, label in TASK_STATUS_LABELS.items():
            self.status.addItem(label, code)
        self.result = QPlainTextEdit()
        self.result.setTabChangesFocus(True)
        self.result.setPlaceholderText("Kết quả thực hiện")
        self.result.setMaximumHeight(100)
        self.origin = QLabel("")
        self.origin.setWordWrap(True)

        coordinator_buttons = QHBoxLayout()
        coordinator_buttons.addWidget(add_coordinator)
        coordinator_buttons.addWidget(remove_coordinator)
        coordinator_buttons.addStretch(1)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due)
        due_row.addStretch(1)

        form = QFormLayout()
        form.addRow("Cơ quan chủ trì:", self.lead)
        form.addRow("Cơ quan phối hợp:", self.coordinators)
        form.addRow("", coordinator_buttons)
        form.addRow("Thời hạn (in ra):", self.deadline)
        form.addRow("", due_row)
        form.addRow("Trạng thái:", self.status)
        form.addRow("Kết quả:", self.result)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(QLabel("Nội dung:"))
        layout.addWidget(self.content, 1)
        layout.addLayout(form)
        layout.addWidget(self.origin)

        _FocusOut(self.content, lambda: self._save("content", nfc(self.content.toPlainText())))
        _FocusOut(self.result, lambda: self._save("result_note", nfc(self.result.toPlainText())))
        self.deadline.editingFinished.connect(lambda: self._save("deadline_text", nfc(self.deadline.text())))
        self.lead.agencyChosen.connect(lambda agency_id: self._save("lead_agency_id", agency_id))
        _FocusOut(self.lead, lambda: self._save("lead_agency_id", self.lead.current_agency_id())
                  if self.lead.currentText().strip() == "" or self.lead.current_agency_id() is not None else None)
        self.status.activated.connect(lambda _i: self._save("status", self.status.currentData()))
        self.has_due.toggled.connect(self._due_changed)
        self.due.dateChanged.connect(self._due_changed)
        add_coordinator.clicked.connect(self._add_coordinator)
        remove_coordinator.clicked.connect(self._remove_coordinator)
        session.tasksChanged.connect(self._reload)
        session.agenciesChanged.connect(self._agencies_changed)
        self._agencies_changed()
        self.show_task(None)

    def setReadOnly(self, read_only: bool) -> None:
        self.read_only = read_only
        for editor in (self.content, self.result):
            editor.setReadOnly(read_only)
        self.deadline.setReadOnly(read_only)
        for widget in (self.lead, self.status, self.has_due, self.coordinators):
            widget.setEnabled(not read_only)
        self.due.setEnabled(not read_only and self.has_due.isChecked())

    # ----- showing -------------------------------------------------------------------------
    def show_task(self, task_id: int | None) -> None:
        try:
            self.task = self.session.store.tasks.get(task_id) if task_id is not None else None
        except NotFound:
            self.task = None
        self._fill(force=True)

    def _fill(self, force: bool = False) -> None:
        task = self.task
        self.setEnabled(task is not None)
        self._loading = True
        try:
            if task is None:
                self.title.setText("Chưa chọn nhiệm vụ")
                for editor in (self.content, self.result):
                    editor.setPlainText("")
                self.deadline.setText("")
                self.coordinators.clear()
                self.origin.setText("")
                return
            self.title.setText(f"Nhiệm vụ số {task.position}")
            if force or not self.content.hasFocus():
                if self.content.toPlainText() != task.content:
                    self.content.setPlainText(task.content)
            if force or not self.result.hasFocus():
                if self.result.toPlainText() != task.result_note:
                    self.result.setPlainText(task.result_note)
            if force or not self.deadline.hasFocus():
                self.deadline.setText(task.deadline_text)
            if force or not self.lead.hasFocus():
                self.lead.set_agency_id(task.lead_agency_id)
            self.status.setCurrentIndex(self.status.findData(task.status))
            self.has_due.setChecked(task.due_date is not None)
            self.due.setEnabled(task.due_date is not None)
            if task.due_date:
                self.due.setDate(QDate(task.due_date.year, task.due_date.month, task.due_date.day))
            self.coordinators.clear()
            for agency_id in task.coordinator_ids:
                item = QListWidgetItem(self.session.store.agencies.get(agency_id).print_name)
                item.setData(Qt.ItemDataRole.UserRole, agency_id)
                self.coordinators.addItem(item)
            self.origin.setText(self._origin_text(task))
        finally:
            self._loading = False

    def _origin_text(self, task: Task) -> str:
        if task.carried_from_id is None:
            return ""
        try:
            source = self.session.store.tasks.get(task.carried_from_id)
            month = self.session.store.plans.get(source.plan_id).month
            return f"Chuyển tiếp từ nhiệm vụ số {source.position}, kế hoạch tháng {month_label(month)}."
        except NotFound:
            return ""

    def _reload(self, plan_id: int) -> None:
        if self.task is not None and self.task.plan_id == plan_id:
            try:
                self.task = self.session.store.tasks.get(self.task.id)
            except NotFound:
                self.task = None
            self._fill()

    def _agencies_changed(self) -> None:
        self.lead.set_agencies(self.session.store.agencies.all())
        if self.task is not None:
            self._fill(force=True)

    # ----- saving --------------------------------------------------------------------------
    def _save(self, field: str, value) -> None:
        if self._loading or self.task is None or getattr(self, "read_only", False) \
                or getattr(self.task, field) == value:
            return
        task_id = self.task.id
        if self.session.execute(EditTask(self.session, task_id, **{field: value})):
            self.taskEdited.emit(task_id)

    def commit_pending(self) -> None:
        """Save what is typed in the text editors (before switching task, printing, closing)."""
        if self.task is None:
            return
        self._save("content", nfc(self.content.toPlainText()))
        self._save("result_note", nfc(self.result.toPlainText()))
        self._save("deadline_text", nfc(self.deadline.text()))

    def _due_changed(self, *_args) -> None:
        self.due.setEnabled(self.has_due.isChecked())
        if self._loading:
            return
        value = None
        if self.has_due.isChecked():
            d = self.due.date()
            value = date(d.year(), d.month(), d.day())
        self._save("due_date", value)

    def _add_coordinator(self) -> None:
        if self.task is None:
            return
        dialog = PickAgencyDialog(self, "Thêm cơ quan phối hợp", "Cơ quan:", self.session.store.agencies.all(),
                                  allow_none=False)
        if dialog.exec():
            agency_id = dialog.picker.current_agency_id()
            if agency_id is not None and agency_id not in self.task.coordinator_ids:
                self._save("coordinator_ids", (*self.task.coordinator_ids, agency_id))

    def _remove_coordinator(self) -> None:
        item = self.coordinators.currentItem()
        if self.task is None or item is None:
            return
        agency_id = item.data(Qt.ItemDataRole.UserRole)
        self._save("coordinator_ids", tuple(a for a in self.task.coordinator_ids if a != agency_id))
