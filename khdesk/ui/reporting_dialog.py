"""«Kỳ báo cáo và ngày nghỉ…»: the database's reporting rule (the cut-off day — 14 by Khánh Hòa's Quyết định
01/2023, «cuối tháng» for calendar months — and the working days to send the report), and a year's days off
and days worked: Vietnam's holidays from the holidays library, with the office's own edits (a day swapped by
decision) added or taken back. Nothing is written until OK, then as one undoable step."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..domain.periods import MONTH, ReportingRule, period_of, short
from ..domain.working_days import MAX_NOTE, OFF, WORK, Calendar
from .date_field import DateField
from .messages import fit_to_screen, ok_cancel_buttons, show_error

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
EDITED = QColor(255, 240, 190)


class ReportingDialog(QDialog):
    def __init__(self, parent, rule: ReportingRule, calendar: Calendar, today: date):
        super().__init__(parent)
        self.setWindowTitle("Kỳ báo cáo và ngày nghỉ")
        self.edits = dict(calendar.edits)
        self.today = today
        self.cutoff = QSpinBox()
        self.cutoff.setRange(0, 28)
        self.cutoff.setSpecialValueText("cuối tháng (tháng dương lịch)")
        self.cutoff.setValue(rule.cutoff_day)
        self.send_within = QSpinBox()
        self.send_within.setRange(0, 30)
        self.send_within.setSuffix(" ngày làm việc sau ngày chốt")
        self.send_within.setValue(rule.send_within)
        self.example = QLabel("")
        self.example.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Ngày chốt số liệu:", self.cutoff)
        form.addRow("Gửi báo cáo trong:", self.send_within)
        form.addRow("", self.example)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        form.addRow("Ngày nghỉ, ngày làm bù năm:", self.year)
        self.days = QTableWidget(0, 4)
        self.days.setHorizontalHeaderLabels(["Ngày", "Thứ", "Nghỉ / làm việc", "Ghi chú"])
        self.days.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.days.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.days.verticalHeader().setVisible(False)
        self.days.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.day = DateField(placeholder="ngày cơ quan sửa, ví dụ 02/05/2025")
        self.note = QLineEdit()
        self.note.setPlaceholderText("theo văn bản nào, ví dụ «Thông báo số 6150/TB-LĐTBXH»")
        self.add_off = QPushButton("Thêm ngày nghỉ")
        self.add_work = QPushButton("Thêm ngày làm việc")
        self.take_back = QPushButton("Bỏ sửa của ngày đang chọn")
        edit_row = QHBoxLayout()
        for widget in (self.day, self.note, self.add_off, self.add_work):
            edit_row.addWidget(widget, 1 if widget is self.note else 0)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.days, 1)
        layout.addLayout(edit_row)
        layout.addWidget(self.take_back, 0, Qt.AlignmentFlag.AlignLeft)
        note = QLabel("Ngày lễ, Tết (cả Tết Nguyên đán, Giỗ Tổ theo âm lịch) và ngày hoán đổi do Chính phủ quyết định "
                      "được tính sẵn; dòng nền vàng là ngày cơ quan tự sửa. Dùng để tính hạn gửi báo cáo, thời hạn «trong "
                      "N ngày làm việc» và số ngày quá hạn.")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.buttons = ok_cancel_buttons(self)
        layout.addWidget(self.buttons)
        self.cutoff.valueChanged.connect(self._show_example)
        self.send_within.valueChanged.connect(self._show_example)
        self.year.valueChanged.connect(self._fill_days)
        self.add_off.clicked.connect(lambda: self._add(OFF))
        self.add_work.clicked.connect(lambda: self._add(WORK))
        self.take_back.clicked.connect(self._take_back)
        self._fill_days()
        fit_to_screen(self, 760, 600)

    def rule(self) -> ReportingRule:
        return ReportingRule(self.cutoff.value(), self.send_within.value())

    def calendar(self) -> Calendar:
        return Calendar(dict(self.edits))

    def _show_example(self, *_args) -> None:
        month = f"{self.today.year}-{self.today.month:02d}"
        period = period_of(self.rule(), MONTH, month)
        send_by = period.send_by(self.rule(), self.calendar())
        self.example.setText(f"Báo cáo {period.name}: {period.words()[0].lower()}{period.words()[1:]}; gửi chậm nhất "
                             f"ngày {short(send_by)}.")

    def _fill_days(self, *_args) -> None:
        rows = self.calendar().holidays(self.year.value())
        self.days.setRowCount(len(rows))
        for r, (day, kind, note) in enumerate(rows):
            values = (f"{day:%d/%m/%Y}", WEEKDAYS[day.weekday()], "Nghỉ" if kind == OFF else "Làm việc", note)
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, day)
                if day in self.edits:
                    item.setBackground(EDITED)
                self.days.setItem(r, c, item)
        self._show_example()

    def _add(self, kind: str) -> None:
        day = self.day.date()
        if day is None:
            show_error(self, "Hãy gõ ngày cần sửa (ngày/tháng/năm).")
            return
        note = " ".join(self.note.text().split())
        if len(note) > MAX_NOTE:                 # refused, not cut: the clerk shortens it
            show_error(self, f"Ghi chú dài {len(note)} ký tự, quá {MAX_NOTE} ký tự; hãy viết ngắn lại.")
            return
        self.edits[day] = (kind, note)
        self.year.setValue(day.year)
        self._fill_days()

    def _take_back(self) -> None:
        item = self.days.item(self.days.currentRow(), 0) if self.days.currentRow() >= 0 else None
        day = item.data(Qt.ItemDataRole.UserRole) if item else None
        if day not in self.edits:
            show_error(self, "Dòng đang chọn không phải ngày cơ quan tự sửa (dòng nền vàng).")
            return
        del self.edits[day]
        self._fill_days()
