"""The selected task in full. Every field saves itself (an undoable edit) when the clerk leaves it;
the grid and the pane show the same stored task."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..domain.models import FOLLOW_UP_FIELDS, TASK_STATUS_LABELS, Task
from ..domain.months import month_label
from ..domain.progress import due_by, is_overdue, no_report, status_change, working_days_asked
from ..domain.text import nfc
from ..errors import NotFound
from ..usecases.loading import carry_of, counting_of
from .agency_list import AgencyList, FocusOut
from .agency_picker import AgencyPicker
from .commands import EditTask
from .date_field import DateField
from .session import Session


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
        self.lead = AgencyPicker(self)              # the first lead agency, typed
        self.lead_problem = QLabel("")              # a typed name that is not one agency: said, never dropped
        self.lead_problem.setWordWrap(True)
        self.lead_problem.setStyleSheet("color: #b00000")
        self.lead_problem.hide()
        self.add_typed_agency = QPushButton("")
        self.add_typed_agency.hide()
        self._typed_new_name = ""
        self.other_leads = AgencyList(session, "cơ quan cùng chủ trì")
        self.coordinators = AgencyList(session, "cơ quan phối hợp")
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText("ví dụ «Trong tháng 8/2025», «Quý II/2024»")
        self.due = DateField(placeholder="ngày/tháng/năm, để trống nếu không có")
        self.status = QComboBox()
        for code, label in TASK_STATUS_LABELS.items():
            self.status.addItem(label, code)
        self.status_reason = QLineEdit()
        self.status_reason.setPlaceholderText("lý do không thực hiện")
        self.completed_on = DateField(placeholder="ngày hoàn thành")
        self.reported_on = DateField(placeholder="ngày cơ quan báo cáo kết quả")
        self.overdue = QLabel("")
        self.overdue.setStyleSheet("color: #8a5a00; font-weight: bold")
        self.overdue.setWordWrap(True)             # (one long line made the pane wider than its room: cut)
        self.result = QPlainTextEdit()
        self.result.setTabChangesFocus(True)
        self.result.setPlaceholderText("Kết quả thực hiện")
        self.result.setMaximumHeight(100)
        self.origin = QLabel("")
        self.origin.setWordWrap(True)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)     # (resizeEvent: all above when narrow)
        form.addRow("Cơ quan chủ trì:", self.lead)
        form.addRow(self.lead_problem)                      # a message: the whole width
        form.addRow(self.add_typed_agency)
        form.addRow("Cùng chủ trì:", self.other_leads)
        form.addRow("Cơ quan phối hợp:", self.coordinators)
        form.addRow("Thời hạn (in ra):", self.deadline)
        form.addRow("Hạn hoàn thành:", self.due)
        form.addRow("Trạng thái:", self.status)
        form.addRow(self.overdue)
        form.addRow("Lý do:", self.status_reason)
        form.addRow("Ngày hoàn thành:", self.completed_on)
        form.addRow("Kết quả:", self.result)
        form.addRow("Ngày báo cáo:", self.reported_on)
        self.form = form
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 4, 0)
        column.addWidget(QLabel("Nội dung:"))
        self.content.setMinimumHeight(5 * self.content.fontMetrics().lineSpacing())
        column.addWidget(self.content, 1)
        column.addLayout(form)
        column.addWidget(self.origin)
        self.scroll = QScrollArea()                 # a small screen scrolls the form, the window still fits
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # squeezed narrower than its form (a small screen, wide fonts), the form scrolls sideways rather
        # than being cut on the right without a sign; the grid keeps its room
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.scroll, 1)
        # Tab follows the form from top to bottom: the lead agency right after the content
        chain = [self.content, self.lead, self.add_typed_agency, self.other_leads.list, self.coordinators.list,
                 self.deadline, self.due.edit, self.status, self.status_reason, self.completed_on.edit, self.result,
                 self.reported_on.edit]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)

        FocusOut(self.content, lambda: self._save("content", nfc(self.content.toPlainText())))
        FocusOut(self.result, lambda: self._save("result_note", nfc(self.result.toPlainText())))
        self.deadline.editingFinished.connect(lambda: self._save("deadline_text", nfc(self.deadline.text())))
        self.lead.agencyChosen.connect(self._first_lead_chosen)
        # (not a FocusOut filter: while the completer's popup is open the picker gets no FocusOut)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self.lead.lineEdit().returnPressed.connect(self._lead_typed)
        self.add_typed_agency.clicked.connect(self._add_typed_agency)
        self.other_leads.changed.connect(
            lambda ids: self._save("lead_agency_ids", tuple(dict.fromkeys(self.task.lead_agency_ids[:1] + ids)))
            if self.task else None)
        self.other_leads.up_from_top.connect(self._make_first_lead)
        self.coordinators.changed.connect(lambda ids: self._save("coordinator_ids", ids))
        self.status.activated.connect(lambda _i: self._status_chosen(self.status.currentData()))
        self.status_reason.editingFinished.connect(lambda: self._save("status_reason", nfc(self.status_reason.text())))
        self.completed_on.dateEdited.connect(lambda value: self._save("completed_on", value))
        self.reported_on.dateEdited.connect(lambda value: self._save("reported_on", value))
        self.due.dateEdited.connect(lambda value: self._save("due_date", value))
        session.changed.connect(self._on_change)
        session.add_flusher(self, self.commit_pending)
        self._agencies_changed()
        self.show_task(None)

    NARROW = 330        # px: below it (1024×768, Windows' fonts) every label goes above its field

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        wrap = QFormLayout.RowWrapPolicy
        policy = wrap.WrapAllRows if self.width() < self.NARROW else wrap.WrapLongRows
        if self.form.rowWrapPolicy() != policy:     # beside a label the date fields were cut («ngày…», «Lịch…»)
            self.form.setRowWrapPolicy(policy)

    def setReadOnly(self, read_only: bool, follow_up: bool | None = None) -> None:
        """``read_only``: what the plan says (content, leads, co-ordinators, deadlines) cannot be
        changed; ``follow_up`` (default: the same as not read_only): status, result, completion and
        report days, reason can — as on an issued plan."""
        follow_up = not read_only if follow_up is None else follow_up
        self.read_only = read_only and not follow_up        # nothing at all can be saved
        self.content_read_only = read_only
        self.content.setReadOnly(read_only)
        self.deadline.setReadOnly(read_only)
        for widget in (self.lead, self.due, self.other_leads, self.coordinators):
            widget.setEnabled(not read_only)
        self.result.setReadOnly(not follow_up)
        self.status_reason.setReadOnly(not follow_up)
        for widget in (self.status, self.completed_on, self.reported_on):
            widget.setEnabled(follow_up)

    # ----- showing -------------------------------------------------------------------------
    def show_task(self, task_id: int | None) -> None:
        if self.task is not None and self.task.id != task_id:
            self.session.flush_pending()       # what was typed for the task shown so far is saved first
        try:
            self.task = self.session.store.tasks.get(task_id) if task_id is not None else None
        except NotFound:
            self.task = None
        self._fill(force=True)

    def _fill(self, force: bool = False, only: frozenset | None = None) -> None:
        task = self.task
        self.setEnabled(task is not None)
        self._loading = True
        try:
            if task is None:
                self.title.setText("Chưa chọn nhiệm vụ")
                for editor in (self.content, self.result):
                    editor.setPlainText("")
                self.deadline.setText("")
                self.lead.set_agency_id(None)          # (an empty file showed the last file's agency here)
                self._lead_problem("")
                for field in (self.due, self.completed_on, self.reported_on):
                    field.setDate(None)
                self.status_reason.setText("")
                self.other_leads.set_ids(())
                self.coordinators.set_ids(())
                self.origin.setText("")
                self.overdue.setVisible(False)
                return
            self.title.setText(f"Nhiệm vụ số {task.position}")
            self.other_leads.set_ids(task.lead_agency_ids[1:])
            self.coordinators.set_ids(task.coordinator_ids)
            self.status.setCurrentIndex(self.status.findData(task.status))
            self.origin.setText(self._origin_text(task))
            self._show_state(task)

            def shows(field, widget) -> bool:
                return (only is None or field in only) and (force or not widget.hasFocus())
            if force:
                self._lead_problem("")
            if shows("content", self.content) and self.content.toPlainText() != task.content:
                self.content.setPlainText(task.content)
            if shows("result_note", self.result) and self.result.toPlainText() != task.result_note:
                self.result.setPlainText(task.result_note)
            if shows("deadline_text", self.deadline):
                self.deadline.setText(task.deadline_text)
            if shows("lead_agency_ids", self.lead):
                self.lead.set_agency_id(task.lead_agency_ids[0] if task.lead_agency_ids else None)
            if shows("due_date", self.due.edit):
                self.due.setDate(task.due_date)
            if shows("status_reason", self.status_reason):
                self.status_reason.setText(task.status_reason)
            if shows("completed_on", self.completed_on.edit):
                self.completed_on.setDate(task.completed_on)
            if shows("reported_on", self.reported_on.edit):
                self.reported_on.setDate(task.reported_on)
        finally:
            self._loading = False

    def _origin_text(self, task: Task) -> str:
        lines = [f"Giao tại: {task.given_in}."] if task.given_in else []
        if task.carried_from_id is not None:
            try:
                source = self.session.store.tasks.get(task.carried_from_id)
                month = self.session.store.plans.get(source.plan_id).month
                carry = carry_of(self.session.store, task)
                lines.append(f"Chuyển tiếp từ nhiệm vụ số {source.position}, kế hoạch tháng {month_label(month)} "
                             f"({carry.words()}).")
            except NotFound:
                pass
        return "\n".join(lines)

    def _on_change(self, change) -> None:
        if change.agencies or change.everything:
            self._agencies_changed()
            return
        if self.task is None or not change.touches(self.task.plan_id):
            return
        if change.task_ids is not None and self.task.id not in change.task_ids:
            return
        try:
            self.task = self.session.store.tasks.get(self.task.id)
        except NotFound:
            self.task = None
        # its own edit: only what the edit changed is shown again (never the field being typed in)
        self._fill(only=change.fields if change.made_by(self) else None)

    def _agencies_changed(self) -> None:
        self.lead.set_agencies(self.session.store.agencies.all())
        if self.task is not None:
            try:
                self.task = self.session.store.tasks.get(self.task.id)
            except NotFound:
                self.task = None
            self._fill(force=True)

    # ----- saving --------------------------------------------------------------------------
    def _save(self, field: str, value) -> None:
        if self._loading or self.task is None or getattr(self, "read_only", False) \
                or getattr(self.task, field) == value:
            return
        if getattr(self, "content_read_only", False) and field not in FOLLOW_UP_FIELDS:
            return
        task_id = self.task.id
        if self.session.execute(EditTask(self.session, task_id, **{field: value}), source=self):
            self.taskEdited.emit(task_id)

    def commit_pending(self) -> None:
        """Save what is typed in the text editors; called through ``Session.flush_pending``."""
        if self.task is None:
            return
        self._save("content", nfc(self.content.toPlainText()))
        self._save("result_note", nfc(self.result.toPlainText()))
        self._save("deadline_text", nfc(self.deadline.text()))

    def _focus_changed(self, old, new) -> None:
        inside = {self.lead, self.lead.lineEdit(), self.lead.completer().popup()}
        if old in inside and new not in inside:
            QTimer.singleShot(0, self, self._lead_typed)

    def _lead_typed(self) -> None:
        """The clerk left (or pressed Enter in) the lead field: the typed name becomes the first lead
        agency when it names one; otherwise the field says why and keeps the text."""
        if self._loading or self.task is None or getattr(self, "content_read_only", False):
            return
        text = nfc(self.lead.currentText().strip())
        agency_id = self.lead.current_agency_id()
        if not text or agency_id is not None:
            self._lead_problem("")
            self._first_lead_chosen(agency_id)
            return
        found = self.session.store.agencies.typed(text)
        if len(found) == 1:
            self.lead.set_agency_id(found[0].id)
            self._lead_problem("")
            self._first_lead_chosen(found[0].id)
            return
        if found:
            names = "; ".join(a.print_name for a in found[:4]) + ("; …" if len(found) > 4 else "")
            self._lead_problem(f"«{text}» có thể là {len(found)} cơ quan: {names}. Hãy chọn một trong danh sách; "
                               "cơ quan chủ trì chưa được đổi.")
            QTimer.singleShot(0, self.lead.completer().complete)
        else:
            self._lead_problem(f"«{text}» chưa có trong danh mục; cơ quan chủ trì chưa được đổi.", add=text)

    def _lead_problem(self, message: str, add: str = "") -> None:
        """Show (or clear) why the typed lead was not taken, with the offer to add it as new."""
        self.lead_problem.setText(message)
        self.lead_problem.setVisible(bool(message))
        self.lead.setStyleSheet("QComboBox { border: 2px solid #b00000; }" if message else "")
        self._typed_new_name = add
        self.add_typed_agency.setText(f"Thêm cơ quan mới «{add}»…" if add else "")
        self.add_typed_agency.setVisible(bool(add))

    def _add_typed_agency(self) -> None:
        """The typed name as a new agency, in the group the clerk picks, and as the first lead."""
        from .agency_tree import AgencyDialog
        from .commands import AddAgency

        name = self._typed_new_name
        groups = [a for a in self.session.store.agencies.all() if a.kind == "group" and a.active]
        dialog = AgencyDialog(self, "Thêm cơ quan mới", kind="other", groups=groups)
        dialog.name.setText(name)
        if not dialog.exec():
            return
        values = dialog.values()
        command = AddAgency(self.session, values.pop("name"), values.pop("kind"), values.pop("parent_id"), **values)
        if self.session.execute(command):
            self._lead_problem("")
            self.lead.set_agency_id(command.agency.id)
            self._first_lead_chosen(command.agency.id)

    def _show_state(self, task: Task) -> None:
        """The reason only for a dropped task, the completion day only for a done one; overdue said."""
        for widget, shown in ((self.status_reason, task.status == "dropped"), (self.completed_on, task.status == "done")):
            widget.setVisible(shown)
            self.form.labelForField(widget).setVisible(shown)
        store = self.session.store
        counting = counting_of(store, store.plans.get(task.plan_id), date.today())
        late = is_overdue(task, counting)
        due = due_by(task, counting)
        said = "" if task.due_date else (" (tính theo ngày làm việc từ ngày ban hành)" if working_days_asked(
            task.deadline_text) is not None else " (không ghi hạn: tính đến cuối tháng của kế hoạch)")
        lines = [f"⚠ Quá hạn: hạn hoàn thành {due:%d/%m/%Y}{said}."] if late else []
        if no_report(task, counting):
            lines.append("Chưa có báo cáo: cơ quan chưa gửi kết quả nào từ khi nhiệm vụ vào kế hoạch này.")
        self.overdue.setText("\n".join(lines))
        self.overdue.setVisible(bool(lines))

    def _status_chosen(self, status: str) -> None:
        """"Hoàn thành" without a completion day takes today's (one step; the day can be changed)."""
        if self.task is None or self._loading or getattr(self, "read_only", False) or status == self.task.status:
            return
        changes = status_change(self.task, status, date.today())
        if self.session.execute(EditTask(self.session, self.task.id, **changes), source=self):
            self.taskEdited.emit(self.task.id)

    def _first_lead_chosen(self, agency_id: int | None) -> None:
        """The typed lead agency becomes the first; the others keep their order."""
        if self.task is None:
            return
        rest = tuple(a for a in self.task.lead_agency_ids[1:] if a != agency_id)
        self._save("lead_agency_ids", ((agency_id,) if agency_id is not None else ()) + rest)

    def _make_first_lead(self, agency_id: int) -> None:
        if self.task is not None:
            self._save("lead_agency_ids", (agency_id,) + tuple(a for a in self.task.lead_agency_ids if a != agency_id))
