"""Printing and the month's report, and the plan checker: the window's «In …» actions (a part of
``MainWindow``, as calibre's GUI is made of mixins by area)."""
from __future__ import annotations

from ..errors import KhdeskError
from .messages import show_error


class PrintingArea:
    """Mixed into ``MainWindow``: uses its session, settings, model and panes."""

    def print_plan(self):
        """Lay out the plan and its appendix and show the print preview (None if it cannot be printed)."""
        from ..usecases.printing import prepare  # reportlab and pdfium: loaded on the first print
        from .print_preview import PrintPreview

        if self.plan_id is None:
            return None
        plan = self.session.store.plans.get(self.plan_id)
        try:
            job = prepare(self.session.store, plan.month, "all", options=self.appendix_options())
        except KhdeskError as err:
            show_error(self, str(err))
            return None
        from ..document.plan_check import summary
        from ..usecases.checking import check_month

        findings = check_month(self.session.store, plan.month)
        note = (f"Kiểm tra kế hoạch: {summary(findings)} Xem Kế hoạch › Kiểm tra kế hoạch… (Ctrl+Shift+K); "
                "cảnh báo không ngăn việc in." if findings else "")
        preview = PrintPreview(self, job, f"ke-hoach-{plan.month}.pdf", self.settings, note)
        preview.setModal(True)
        preview.show()
        return preview

    def print_issuing_form(self, part: str = "all"):
        """The issuing form for ký số of ``part`` ("all", "plan", "appendix", "report") in the print preview,
        each signature's place marked (None if it cannot)."""
        from ..usecases.printing import prepare, prepare_report
        from .print_preview import PrintPreview

        plan = self.current_plan()
        if plan is None:
            return None
        try:
            job = prepare_report(self.session.store, plan.month, self.model.today(), issuing=True) \
                if part == "report" else prepare(self.session.store, plan.month, part, issuing=True,
                                                 options=self.appendix_options())
        except KhdeskError as err:
            show_error(self, str(err))
            return None
        where = ("chỗ dòng ký số của cơ quan (góc trên bên phải trang đầu)" if part == "appendix" else
                 "chỗ chữ ký của người có thẩm quyền và chỗ con dấu")
        note = f"Mẫu ban hành để ký số: khung xanh là {where} (chỉ hiện ở đây, không in ra). Ký: Kế hoạch › Ký số…."
        name = {"report": "bao-cao", "appendix": "phu-luc"}.get(part, "ke-hoach")
        preview = PrintPreview(self, job, f"{name}-{plan.month}-mau-ban-hanh.pdf", self.settings, note)
        preview.setModal(True)
        preview.show()
        return preview

    def print_report(self, kind: str = "month"):
        """The report ("BÁO CÁO Kết quả thực hiện …") of the month, or of its quarter, six or nine months,
        year (``kind``: every plan of that period), in the print preview."""
        from ..usecases.printing import prepare_report
        from .print_preview import PrintPreview

        plan = self.current_plan()
        if plan is None:
            return None
        try:
            job = prepare_report(self.session.store, plan.month, self.model.today(), kind=kind)
        except KhdeskError as err:
            show_error(self, str(err))
            return None
        name = f"bao-cao-{plan.month}.pdf" if kind == "month" else f"bao-cao-{kind}-{plan.month}.pdf"
        preview = PrintPreview(self, job, name, self.settings)
        preview.setWindowTitle("Xem trước bản in — báo cáo kết quả")
        preview.setModal(True)
        preview.show()
        return preview

    def edit_reporting(self):
        """«Kỳ báo cáo và ngày nghỉ…»: the rule and the calendar, applied on OK as one undoable step."""
        from .commands import SetReporting
        from .reporting_dialog import ReportingDialog

        reporting = self.session.store.reporting
        dialog = ReportingDialog(self, reporting.rule(), reporting.calendar(), self.model.today())
        if dialog.exec():
            self.session.execute(SetReporting(self.session, dialog.rule(), dialog.calendar().edits))
        return dialog

    def check_plan(self):
        """The plan checker's findings, one per line; a double-click (or Enter) shows the task."""
        from ..usecases.checking import check_month
        from .check_dialog import CheckDialog

        plan = self.current_plan()
        if plan is None:
            return None
        dialog = CheckDialog(self, plan, check_month(self.session.store, plan.month))
        dialog.taskChosen.connect(self._show_position)
        dialog.exec()
        return dialog

    def _show_position(self, position: int) -> None:
        task = next((t for t in self.model.tasks() if t.position == position), None)
        if task is not None:
            self.show_kind("total")
            self.select_task(task.id)
