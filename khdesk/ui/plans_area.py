"""The month's plan: choosing it, its header, a new month, the issued plan's lock as the window shows it
(a part of ``MainWindow``)."""
from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
)

from ..document.appendix_rows import task_problems
from ..domain.models import PLAN_STATUS_LABELS
from ..domain.months import month_label
from ..errors import NotFound
from ..usecases.new_month import carry_choices
from .commands import EditPlan, NewPlan
from .messages import confirm
from .new_plan_dialog import NewPlanDialog
from .plan_dialogs import PlanHeaderDialog
from .task_grid import EDIT_TRIGGERS


class PlansArea:
    """Mixed into ``MainWindow``: uses its session, settings, model and panes."""

    def _reload_plans(self) -> None:
        summaries = self.session.store.plans.summaries()
        keep = self.plan_id
        self.plan_box.blockSignals(True)
        self.plan_box.clear()
        for s in reversed(summaries):
            self.plan_box.addItem(f"Tháng {month_label(s.plan.month)}", s.plan.id)
        self.plan_box.blockSignals(False)
        index = self.plan_box.findData(keep) if keep is not None else -1
        self.plan_box.setCurrentIndex(index if index >= 0 else 0 if summaries else -1)
        if self.plan_box.currentData() != self.plan_id or keep is None:
            self._plan_chosen()
        self._apply_editability()
        self._update_status()

    def _plan_chosen(self, *_args) -> None:
        self.detail.show_task(None)            # (saves what was typed for the task shown)
        self.plan_id = self.plan_box.currentData()
        self.model.load_plan(self.plan_id)
        self.tree.set_plan(self.plan_id)
        self.progress.set_plan(self.plan_id)
        self._apply_editability()
        self._update_status()
        if self.proxy.rowCount():
            self.select_row(0)

    def select_plan(self, plan_id: int) -> None:
        index = self.plan_box.findData(plan_id)
        if index >= 0:
            self.plan_box.setCurrentIndex(index)

    def _update_status(self) -> None:
        if self.plan_id is None:
            self.statusBar().showMessage("Chưa có kế hoạch nào. Chọn Tệp › Kế hoạch tháng mới (Ctrl+Shift+N).")
            return
        plan = self.current_plan()
        if plan is None:                   # (the plan box is reloaded by the same change)
            return
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        problems = sum(1 for t in self.model.tasks() if task_problems(t))
        text = f"Kế hoạch số {plan.number_symbol} · {PLAN_STATUS_LABELS[plan.status]} · {total} nhiệm vụ"
        if self.proxy.is_filtering():
            text += f" · đang hiện {shown}"
        if problems:
            text += f" · {problems} nhiệm vụ cần bổ sung (tô hồng)"
        self.statusBar().showMessage(text)

    def edit_plan_header(self) -> None:
        if self.plan_id is None:
            return
        dialog = PlanHeaderDialog(self, self.session.store.plans.get(self.plan_id), self.session.store.agencies.all())
        if not self._editable():
            dialog.set_read_only(self._why_read_only())
        if dialog.exec() and self._editable():
            changes = dialog.changes()
            if changes:
                self.session.execute(EditPlan(self.session, self.plan_id, **changes))

    def current_plan(self):
        """The plan shown (None when none is, or while a plan just undone is still in the box)."""
        try:
            return self.session.store.plans.get(self.plan_id) if self.plan_id is not None else None
        except NotFound:
            return None

    def edit_issued_plan(self) -> None:
        """Asked once per plan: the answer is recorded in the plan (and undone by Ctrl+Z)."""
        plan = self.current_plan()
        if plan is None or not plan.locked:
            return
        when = f" ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else ""
        if not confirm(self, f"Kế hoạch số {plan.number_symbol}{when} đã ban hành. Sửa thì dữ liệu sẽ khác văn bản "
                             "đã ký và đã gửi; chỉ sửa khi có văn bản điều chỉnh hoặc để sửa lỗi nhập.\n\n"
                             "Vẫn mở kế hoạch này để sửa?", yes="Mở để sửa", no="Không sửa",
                       title="Sửa kế hoạch đã ban hành"):
            return
        self.session.execute(EditPlan(self.session, plan.id, reopened_at=datetime.now().strftime("%Y-%m-%d %H:%M")))

    def _editable(self) -> bool:
        plan = self.current_plan()
        return not self.session.store.read_only and plan is not None and not plan.locked

    def _why_read_only(self) -> str:
        if self.session.store.read_only:
            return "Tệp dữ liệu đang mở chỉ đọc: không sửa được."
        plan = self.current_plan()
        if plan is not None and plan.locked:
            return (f"Kế hoạch tháng {month_label(plan.month)} đã ban hành: nội dung, cơ quan và thời hạn không sửa; "
                    "trạng thái và kết quả vẫn ghi được (cột Trạng thái, khung bên phải). Muốn sửa nội dung: bấm «Sửa "
                    "kế hoạch đã ban hành…» trên bảng nhiệm vụ.")
        return ""

    def _apply_editability(self) -> None:
        """What may be changed now: the file (read-only or not) and the plan (issued or not)."""
        store = self.session.store
        editable = self._editable()
        self.read_only_why = "" if editable else self._why_read_only()
        for action in (self.add_action, self.delete_action, self.up_action, self.down_action, self.sort_action):
            action.setEnabled(editable)
        for action in (self.new_plan_action, self.import_action, self.import_word_action, self.import_document_action,
                       self.paste_action,
                       self.restore_action,
                       self.backup_action):
            action.setEnabled(not store.read_only)
        plan = self.current_plan()
        follow_up = not store.read_only and plan is not None         # status and results: also when issued
        self.model.follow_up_only = follow_up and not editable
        self.table.setEditTriggers(EDIT_TRIGGERS if follow_up else QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragEnabled(editable)
        self.detail.setReadOnly(not editable, follow_up=follow_up)
        locked = plan is not None and plan.locked and not store.read_only
        self.lock_bar.setVisible(locked)
        if locked:
            when = f" ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else ""
            # short enough for two or three lines at 1024×768; the whole of it in the tooltip
            self.lock_text.setText(f"Kế hoạch số {plan.number_symbol}{when} đã ban hành: lời văn giữ như bản đã ký. "
                                   "Trạng thái và kết quả vẫn ghi được.")
            self.lock_text.setToolTip("Nội dung, cơ quan chủ trì, phối hợp và thời hạn giữ như văn bản đã ký. Trạng thái, "
                                      "kết quả, ngày hoàn thành và ngày báo cáo vẫn ghi được, kể cả nhập bảng kết quả "
                                      "của cơ quan.")

    def new_plan(self) -> None:
        store = self.session.store
        summaries = store.plans.summaries()
        previous = summaries[-1].plan if summaries else None
        proposed, to_decide = carry_choices(store, previous, date.today())
        names = {a.id: a.print_name for a in store.agencies.all()}
        dialog = NewPlanDialog(self, previous, proposed, to_decide, lambda a: names.get(a, ""),
                               {s.plan.month for s in summaries})
        if not dialog.exec():
            return
        command = NewPlan(self.session, dialog.chosen_month(), dialog.header(), dialog.carry_ids())
        if self.session.execute(command):
            self.select_plan(command.plan.id)
