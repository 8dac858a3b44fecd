"""A date field a clerk types into as on paper (14/06/2024, 14/6/24, 14062024), with a calendar
button, that may stay empty. A text that is not a date keeps the field red with the reason; it is
never replaced in silence."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from ..domain import typed_dates
from ..errors import InvalidInput


class DateField(QWidget):
    dateEdited = Signal(object)          # the new date, or None when emptied; only for a valid text

    def __init__(self, parent=None, placeholder: str = "ngày/tháng/năm"):
        super().__init__(parent)
        self._date: date | None = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.button = QToolButton()
        self.button.setText("Lịch…")
        self.button.setToolTip("Chọn ngày trên lịch")
        self.problem = QLabel("")
        self.problem.setStyleSheet("color: #b00000")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMinimumWidth(self.button.sizeHint().width())      # the field gives way, not «Lịch…»
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)   # never taller than it needs
        self.edit.editingFinished.connect(self._typed)
        self.calendar.clicked.connect(self._picked)
        menu.aboutToShow.connect(lambda: self.calendar.setSelectedDate(_qdate(self._date or date.today())))

    # ----- the value -------------------------------------------------------------------------
    def date(self) -> date | None:
        return self._date

    def setDate(self, value) -> None:
        """Show ``value`` (a ``date``, a ``QDate`` or None) without signalling an edit."""
        if isinstance(value, QDate):
            value = date(value.year(), value.month(), value.day()) if value.isValid() else None
        self._date = value
        self.edit.setText(typed_dates.show(value))
        self._problem("")

    def is_valid(self) -> bool:
        return not self.problem.text()

    # ----- editing ---------------------------------------------------------------------------
    def _typed(self) -> None:
        try:
            value = typed_dates.parse(self.edit.text())
        except InvalidInput as err:
            self._problem(str(err))
            return
        self._problem("")
        self.edit.setText(typed_dates.show(value))
        if value != self._date:
            self._date = value
            self.dateEdited.emit(value)

    def _picked(self, q: QDate) -> None:
        self.button.menu().hide()
        self.edit.setText(typed_dates.show(date(q.year(), q.month(), q.day())))
        self._typed()

    def _problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))
        self.edit.setStyleSheet("QLineEdit { border: 2px solid #b00000; }" if message else "")


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)
