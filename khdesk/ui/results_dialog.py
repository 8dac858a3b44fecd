"""What an agency's filled-in result sheet changes, before anything is written: one row per changed
field; a field khdesk also changed since the export is a conflict, shown and kept as khdesk has it."""
from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..formats.excel.results import FIELD_NAMES
from ..usecases.results import ResultSheet, shown
from .messages import fit_to_screen, ok_cancel_buttons

CONFLICT_BRUSH = QBrush(QColor(255, 228, 225))


class ResultsDialog(QDialog):
    def __init__(self, parent, sheet: ResultSheet):
        super().__init__(parent)
        self.setWindowTitle(f"Nhập kết quả của «{sheet.agency}»")
        changes = sum(len(c.changes) for c in sheet.changes)
        info = QLabel(f"{changes} thay đổi ở {sum(1 for c in sheet.changes if c.changes)} nhiệm vụ; "
                      f"{sheet.unchanged} nhiệm vụ không đổi"
                      + (f"; <b>{sheet.conflicts} xung đột</b> (tô hồng): khdesk đã sửa khác đi sau khi xuất bảng, "
                         "giữ giá trị của khdesk." if sheet.conflicts else ".")
                      + "".join(f"<br><b>⚠ {line}</b>" for line in sheet.refused))     # rows not taken, each named
        info.setWordWrap(True)
        rows = [(c.task.position, name, shown(name, getattr(c.task, name)), shown(name, value), False)
                for c in sheet.changes for name, value in c.changes.items()]
        rows += [(c.task.position, name, shown(name, ours), shown(name, theirs), True)
                 for c in sheet.changes for name, (ours, theirs) in c.conflicts.items()]
        rows.sort(key=lambda r: (r[0], r[4]))
        self.table = QTableWidget(len(rows), 4)
        self.table.setHorizontalHeaderLabels(["TT", "Mục", "Trong khdesk", "Cơ quan ghi"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for r, (position, name, ours, theirs, conflict) in enumerate(rows):
            for c, text in enumerate((str(position), FIELD_NAMES[name] + (" — xung đột" if conflict else ""),
                                      ours, theirs)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if conflict:
                    item.setBackground(CONFLICT_BRUSH)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 40)
        self.table.setColumnWidth(1, 200)
        self.rows = rows
        self.buttons = ok_cancel_buttons(self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(f"Nhập {changes} thay đổi")
        ok.setEnabled(changes > 0)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 900, 520)
        self.info = info
