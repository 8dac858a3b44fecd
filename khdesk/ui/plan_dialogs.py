"""The plan's header information (number, date, issuing body, parts, signer, recipients) in one dialog."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.models import PLAN_STATUS_LABELS, Plan
from ..domain.months import (
    month_label,
)
from ..domain.text import nfc
from .agency_picker import AgencyPicker
from .date_field import DateField
from .messages import confirm, fit_to_screen, ok_cancel_buttons


def date_edit(d: date | None, placeholder: str) -> DateField:
    """A date typed as clerks type it, with a calendar; empty means "not yet"."""
    field = DateField(placeholder=placeholder)
    field.setDate(d)
    return field


def form(rows) -> QFormLayout:
    layout = QFormLayout()
    for label, widget in rows:
        layout.addRow(label, widget)
    return layout


class PlanHeaderDialog(QDialog):
    """Every part of the plan document, in three tabs: the header, the body, signature and recipients."""

    def __init__(self, parent, plan: Plan, agencies=()):
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(f"Thông tin kế hoạch tháng {month_label(plan.month)}")

        def text_box(value: str, placeholder: str = "", height: int | None = None) -> QPlainTextEdit:
            box = QPlainTextEdit(value)
            box.setPlaceholderText(placeholder)
            box.setTabChangesFocus(True)
            if height:
                box.setMaximumHeight(height)
            return box

        # --- header --------------------------------------------------------------------------
        self.number = QLineEdit(plan.number)
        self.symbol = QLineEdit(plan.symbol)
        self.issued_on = date_edit(plan.issued_on, "để trống khi chưa ban hành (in «ngày … tháng … năm …»)")
        self.place = QLineEdit(plan.place)
        self.issuing_body = text_box(plan.issuing_body, "mỗi dòng một dòng in, ví dụ «ỦY BAN NHÂN DÂN» / «TỈNH KHÁNH HÒA»",
                                     60)
        self.issuer_name = QLineEdit(plan.issuer_name)
        self.subject = QLineEdit(plan.subject)
        self.appendix_title = QLineEdit(plan.appendix_title)
        self.appendix_reference = QLineEdit(plan.appendix_reference)
        self.appendix_reference.setPlaceholderText("để trống: «Kèm theo Kế hoạch số … ngày … của …»")
        self.status = QComboBox()
        for code, label in PLAN_STATUS_LABELS.items():
            self.status.addItem(label, code)
        self.status.setCurrentIndex(self.status.findData(plan.status))
        header = form([("Số:", self.number), ("Ký hiệu:", self.symbol), ("Ngày ban hành:", self.issued_on),
                       ("Địa danh:", self.place), ("Cơ quan ban hành (in):", self.issuing_body),
                       ("Tên cơ quan (trong câu):", self.issuer_name), ("Trích yếu:", self.subject),
                       ("Tên phụ lục:", self.appendix_title), ("Dòng dưới tên phụ lục:", self.appendix_reference),
                       ("Trạng thái:", self.status)])

        # --- body ----------------------------------------------------------------------------
        self.grounds = text_box(plan.grounds, "căn cứ ban hành; mỗi dòng một đoạn", 110)
        self.general = text_box("\n\n".join(plan.general_tasks),
                                "mỗi nhiệm vụ chung cách nhau một dòng trống; các đoạn của cùng một nhiệm vụ "
                                "xuống dòng bình thường")
        self.specific = text_box(plan.specific_tasks_text, "", 70)
        self.implementation = text_box(plan.implementation, "", 110)
        self.report_deadline = date_edit(plan.report_deadline, "để trống nếu không có hạn báo cáo")
        self.report_via = AgencyPicker(self)
        self.report_via.set_agencies(list(agencies))
        self.report_via.set_agency_id(plan.report_via_agency_id)
        body = form([("Căn cứ:", self.grounds), ("I. Nhiệm vụ chung:", self.general),
                     ("II. Nhiệm vụ cụ thể:", self.specific), ("III. Tổ chức thực hiện:", self.implementation),
                     ("Hạn báo cáo:", self.report_deadline),
                     ("Báo cáo qua:", self.report_via)])

        # --- signature and recipients -------------------------------------------------------
        self.signer_authority = QLineEdit(plan.signer_authority)
        self.signer_title = QLineEdit(plan.signer_title)
        self.signer_name = QLineEdit(plan.signer_name)
        self.recipients = text_box("\n".join(plan.recipients), "mỗi dòng một nơi nhận, không cần gạch đầu dòng")
        sign = form([("Thẩm quyền ký:", self.signer_authority), ("Chức vụ:", self.signer_title),
                     ("Người ký:", self.signer_name), ("Nơi nhận:", self.recipients)])

        tabs = QTabWidget()
        for title, layout_of_tab in (("Phần đầu", header), ("Nội dung", body), ("Ký và nơi nhận", sign)):
            page = QWidget()
            page.setLayout(layout_of_tab)
            tabs.addTab(page, title)
        self.tabs = tabs
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        self.buttons = ok_cancel_buttons(self)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 760, 720)

    def set_read_only(self, why: str) -> None:
        """Show, not edit (an issued plan, a read-only file): every field read-only, one "Đóng"."""
        for widget in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            widget.setReadOnly(True)
        for widget in (self.status, self.report_via, self.issued_on, self.report_deadline):
            widget.setEnabled(False)
        note = QLabel(why)
        note.setWordWrap(True)
        note.setStyleSheet("background: #fff4c2; padding: 4px")
        self.layout().insertWidget(0, note)
        self.read_only = True
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Đóng")

    def reject(self) -> None:
        """Esc, «Hủy» or the window's ✕ with typed changes: asked first, never dropped in silence."""
        typed_dates = any(f.edit.isModified() for f in (self.issued_on, self.report_deadline))
        if not getattr(self, "read_only", False) and (self.changes() or typed_dates) and not confirm(
                self, "Những gì vừa sửa trong «Thông tin kế hoạch» chưa được lưu. Bỏ các thay đổi này?",
                yes="Bỏ thay đổi", no="Tiếp tục sửa"):
            return
        super().reject()

    def accept(self) -> None:
        """A date that is not a date keeps the dialog open, the field red with the reason."""
        for field in (self.issued_on, self.report_deadline):
            field._typed()
            if not field.is_valid():
                self.tabs.setCurrentWidget(self.tabs.widget(0 if field is self.issued_on else 1))
                field.setFocus()
                return
        super().accept()

    def changes(self) -> dict:
        """The fields that differ from the plan as stored."""
        def lines(box):
            return box.toPlainText()

        values = {
            "number": nfc(self.number.text().strip()), "symbol": nfc(self.symbol.text().strip()),
            "issued_on": self.issued_on.date(),
            "place": nfc(self.place.text()), "issuing_body": nfc(lines(self.issuing_body)),
            "issuer_name": nfc(self.issuer_name.text()), "subject": nfc(self.subject.text()),
            "appendix_title": nfc(self.appendix_title.text()),
            "appendix_reference": nfc(self.appendix_reference.text()), "status": self.status.currentData(),
            "grounds": nfc(lines(self.grounds)),
            "general_tasks": tuple(nfc(p.strip("\n")) for p in lines(self.general).split("\n\n") if p.strip()),
            "specific_tasks_text": nfc(lines(self.specific)), "implementation": nfc(lines(self.implementation)),
            "report_deadline": self.report_deadline.date(),
            "report_via_agency_id": self.report_via.current_agency_id(),
            "signer_authority": nfc(self.signer_authority.text()), "signer_title": nfc(self.signer_title.text()),
            "signer_name": nfc(self.signer_name.text()),
            "recipients": tuple(nfc(r) for r in lines(self.recipients).splitlines() if r.strip()),
        }
        changes = {k: v for k, v in values.items() if getattr(self.plan, k) != v}
        if changes.get("status") == "issued" and self.plan.reopened_at is not None:
            changes["reopened_at"] = None           # issued (again): read-only again
        return changes
