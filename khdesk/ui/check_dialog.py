"""«Kiểm tra kế hoạch»: the checker's findings, errors first; a finding about a task takes the clerk
to it. Warnings never block printing."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from ..document.plan_check import ERROR, Finding, summary
from ..domain.months import month_label
from .messages import fit_to_screen, vietnamese_buttons

ERROR_BRUSH = QBrush(QColor(255, 228, 225))


class CheckDialog(QDialog):
    taskChosen = Signal(int)            # the task's position (TT)

    def __init__(self, parent, plan, findings: list[Finding]):
        super().__init__(parent)
        self.setWindowTitle(f"Kiểm tra kế hoạch tháng {month_label(plan.month)}")
        self.summary = QLabel(summary(findings) + ("" if not findings else
                                                   " Bấm đúp (hoặc Enter) vào một dòng để xem nhiệm vụ."))
        self.list = QListWidget()
        self.list.setWordWrap(True)
        for finding in findings:
            item = QListWidgetItem(finding.line())
            if finding.level == ERROR:
                item.setBackground(ERROR_BRUSH)
            match = re.match(r"Nhiệm vụ (\d+)", finding.where)
            item.setData(Qt.ItemDataRole.UserRole, int(match.group(1)) if match else None)
            self.list.addItem(item)
        self.list.itemActivated.connect(self._activated)
        buttons = vietnamese_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Close))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 760, 420)

    def _activated(self, item) -> None:
        position = item.data(Qt.ItemDataRole.UserRole)
        if position is not None:
            self.taskChosen.emit(position)
            self.accept()
