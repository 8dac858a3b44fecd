"""The plan's header information, and a new monthly plan from the previous one."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QSpinBox, QVBoxLayout)

from ..db.values import month_label
from ..models import PLAN_STATUS_LABELS, Plan, Task
from ..text import nfc
from .messages import fit_to_screen, ok_cancel_buttons

HEADER_FIELDS = ("number", "symbol", "issued_on", "place", "parent_body", "issuing_body", "issuer_name", "doc_type",
                 "subject", "grounds", "general_tasks", "specific_tasks_text", "implementation", "report_deadline",
                 "report_via_agency_id", "recipients", "signer_authority", "signer_title", "signer_name",
                 "appendix_title", "appendix_reference", "status")
# What a new month copies from the previous plan (the month-specific parts are left empty).
COPIED_FIELDS = ("symbol", "place", "parent_body", "issuing_body", "issuer_name", "doc_type", "grounds",
                 "general_tasks", "specific_tasks_text", "implementation", "report_via_agency_id", "recipients",
                 "signer_authority", "signer_title", "signer_name")


def _qdate(d: date | None) -> QDate:
    return QDate(d.year, d.month, d.day) if d else QDate.currentDate()


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class PlanHeaderDialog(QDialog):
    """Number, date, subject, signer, reference line, recipients, general tasks …"""

    def __init__(self, parent, plan: Plan):
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(f"Thông tin kế hoạch tháng {month_label(plan.month)}")
        form = QFormLayout()
        self.number = QLineEdit(plan.number)
        self.symbol = QLineEdit(plan.symbol)
        self.has_date = QCheckBox("đã có ngày ban hành")
        self.has_date.setChecked(plan.issued_on is not None)
        self.issued_on = QDateEdit(_qdate(plan.issued_on))
        self.issued_on.setDisplayFormat("dd/MM/yyyy")
        self.issued_on.setCalendarPopup(True)
        self.place = QLineEdit(plan.place)
        self.subject = QLineEdit(plan.subject)
        self.signer_authority = QLineEdit(plan.signer_authority)
        self.signer_title = QLineEdit(plan.signer_title)
        self.signer_name = QLineEdit(plan.signer_name)
        self.appendix_title = QLineEdit(plan.appendix_title)
        self.appendix_reference = QLineEdit(plan.appendix_reference)
        self.appendix_reference.setPlaceholderText("để trống: «Kèm theo Kế hoạch số … ngày … của …»")
        self.recipients = QPlainTextEdit("\n".join(plan.recipients))
        self.recipients.setPlaceholderText("mỗi dòng một nơi nhận, không cần gạch đầu dòng")
        self.general = QPlainTextEdit("\n\n".join(plan.general_tasks))
        self.general.setPlaceholderText("mỗi nhiệm vụ chung cách nhau một dòng trống")
        self.status = QComboBox()
        for code, label in PLAN_STATUS_LABELS.items():
            self.status.addItem(label, code)
        self.status.setCurrentIndex(self.status.findData(plan.status))
        form.addRow("Số:", self.number)
        form.addRow("Ký hiệu:", self.symbol)
        form.addRow("Ngày ban hành:", self.issued_on)
        form.addRow("", self.has_date)
        form.addRow("Địa danh:", self.place)
        form.addRow("Trích yếu:", self.subject)
        form.addRow("Thẩm quyền ký:", self.signer_authority)
        form.addRow("Chức vụ:", self.signer_title)
        form.addRow("Người ký:", self.signer_name)
        form.addRow("Tên phụ lục:", self.appendix_title)
        form.addRow("Dòng dưới tên phụ lục:", self.appendix_reference)
        form.addRow("Nơi nhận:", self.recipients)
        form.addRow("Nhiệm vụ chung:", self.general)
        form.addRow("Trạng thái:", self.status)
        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 780)

    def changes(self) -> dict:
        """The fields that differ from the plan as stored."""
        values = {
            "number": nfc(self.number.text().strip()), "symbol": nfc(self.symbol.text().strip()),
            "issued_on": _pydate(self.issued_on.date()) if self.has_date.isChecked() else None,
            "place": nfc(self.place.text()), "subject": nfc(self.subject.text()),
            "signer_authority": nfc(self.signer_authority.text()), "signer_title": nfc(self.signer_title.text()),
            "signer_name": nfc(self.signer_name.text()), "appendix_title": nfc(self.appendix_title.text()),
            "appendix_reference": nfc(self.appendix_reference.text()),
            "recipients": tuple(nfc(r) for r in self.recipients.toPlainText().splitlines() if r.strip()),
            "general_tasks": tuple(nfc(p.strip("\n")) for p in self.general.toPlainText().split("\n\n") if p.strip()),
            "status": self.status.currentData(),
        }
        return {k: v for k, v in values.items() if getattr(self.plan, k) != v}


class NewPlanDialog(QDialog):
    """Pick the month; the header is copied from the previous plan; tick the unfinished tasks to
    carry over."""

    def __init__(self, parent, previous: Plan | None, unfinished: list[Task], agency_name, taken: set[str]):
        super().__init__(parent)
        self.setWindowTitle("Kế hoạch tháng mới")
        self.taken = taken
        today = date.today()
        if previous:
            year, month = previous.year + (previous.month_number == 12), previous.month_number % 12 + 1
        else:
            year, month = today.year, today.month
        self.month = QSpinBox()
        self.month.setRange(1, 12)
        self.month.setValue(month)
        self.year = QSpinBox()
        self.year.setRange(2000, 2999)
        self.year.setValue(year)
        self.warning = QLabel("")
        self.warning.setStyleSheet("color: #b00")
        self.tasks = QListWidget()
        for task in unfinished:
            item = QListWidgetItem(f"{task.position}. [{agency_name(task.lead_agency_id)}] {task.content[:160]}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, task.id)
            item.setToolTip(task.content)
            self.tasks.addItem(item)
        form = QFormLayout()
        form.addRow("Tháng:", self.month)
        form.addRow("Năm:", self.year)
        source = f"tháng {month_label(previous.month)}" if previous else "(chưa có kế hoạch trước)"
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(QLabel(f"Phần đầu kế hoạch và nhiệm vụ chung được chép từ kế hoạch {source}."))
        layout.addWidget(QLabel(f"Nhiệm vụ chưa hoàn thành sẽ chuyển sang tháng mới ({len(unfinished)}):"))
        layout.addWidget(self.tasks, 1)
        self.buttons = ok_cancel_buttons(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Tạo kế hoạch")
        layout.addWidget(self.buttons)
        self.month.valueChanged.connect(self._check)
        self.year.valueChanged.connect(self._check)
        self._check()
        fit_to_screen(self, 760, 560)

    def chosen_month(self) -> str:
        return f"{self.year.value():04d}-{self.month.value():02d}"

    def carry_ids(self) -> list[int]:
        return [self.tasks.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.tasks.count())
                if self.tasks.item(i).checkState() == Qt.CheckState.Checked]

    def _check(self) -> None:
        taken = self.chosen_month() in self.taken
        self.warning.setText(f"Đã có kế hoạch tháng {month_label(self.chosen_month())}." if taken else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not taken)
