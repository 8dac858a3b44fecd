"""The panel's «So với tháng trước» tab: a month beside the one before it (``document.comparison``) — the
agencies ranked by completion rate, then the tasks new, carried over (from when, how many times), left behind
and overdue longest; «Xuất ra Excel…» writes the same tables."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..document.comparison import ComparisonTables, Table

JUDGED = {"tốt": QBrush(QColor(210, 240, 210)), "thấp": QBrush(QColor(255, 225, 200))}


def _fill(widget: QTableWidget, table: Table) -> None:
    widget.clear()
    widget.setColumnCount(len(table.header))
    widget.setHorizontalHeaderLabels(list(table.header))
    widget.setRowCount(len(table.rows))
    for r, row in enumerate(table.rows):
        for c, value in enumerate(row):
            text = str(value)
            item = QTableWidgetItem(" ".join(text.split()) if len(text) < 300 else " ".join(text.split())[:300] + "…")
            item.setToolTip(text)
            if isinstance(value, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setItem(r, c, item)
        if table.name == "Theo cơ quan" and row[-1] in JUDGED:
            for c in range(len(row)):
                widget.item(r, c).setBackground(JUDGED[row[-1]])
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)


def _table_widget() -> QTableWidget:
    widget = QTableWidget(0, 0)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.verticalHeader().setVisible(False)
    widget.setWordWrap(False)
    return widget


class ComparisonTab(QWidget):
    exportAsked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.agencies = _table_widget()
        self.agencies.setToolTip("Nền xanh: tỷ lệ hoàn thành từ 90 % trở lên; nền cam: dưới 50 %")
        self.which = QComboBox()
        self.tasks = _table_widget()
        self.export_button = QPushButton("Xuất ra Excel…")
        self.export_button.clicked.connect(self.exportAsked)
        self.tables: ComparisonTables | None = None
        self.which.currentIndexChanged.connect(self._show_tasks)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel("Nhiệm vụ:"))
        row.addWidget(self.which, 1)
        row.addWidget(self.export_button)
        below_layout.addLayout(row)
        below_layout.addWidget(self.tasks, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.agencies)
        split.addWidget(below)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

    def show_tables(self, tables: ComparisonTables | None) -> None:
        """The comparison shown (None: no plan)."""
        self.tables = tables
        self.export_button.setEnabled(tables is not None)
        if tables is None:
            self.summary.setText("")
            self.agencies.setRowCount(0)
            self.tasks.setRowCount(0)
            return
        self.summary.setText(f"<b>{tables.title}</b><br>{tables.counted}. {tables.summary}")
        _fill(self.agencies, tables.tables[0])
        keep = self.which.currentIndex()
        self.which.blockSignals(True)
        self.which.clear()
        for table in tables.tables[1:]:
            self.which.addItem(f"{table.title[0]}{table.title[1:].lower()} ({len(table.rows)})", table.name)
        self.which.setCurrentIndex(keep if 0 <= keep < self.which.count() else 0)
        self.which.blockSignals(False)
        self._show_tasks()

    def _show_tasks(self, *_args) -> None:
        if self.tables is None:
            return
        name = self.which.currentData()
        table = next((t for t in self.tables.tables if t.name == name), None)
        if table is not None:
            _fill(self.tasks, table)
