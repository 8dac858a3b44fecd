"""The main window: the month's plan and its tasks."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QMainWindow, QTableView, QToolBar

from ..db import Store
from ..db.values import month_label
from ..models import PLAN_STATUS_LABELS
from .task_model import TaskTableModel


class MainWindow(QMainWindow):
    def __init__(self, store: Store):
        super().__init__()
        self.store = store
        self.setWindowTitle(f"khdesk — {store.path.name}")
        self.resize(1200, 760)

        bar = QToolBar("Kế hoạch", self)
        bar.setMovable(False)
        bar.addWidget(QLabel(" Kế hoạch tháng: "))
        self.plan_box = QComboBox(self)
        self.plan_box.setMinimumWidth(160)
        bar.addWidget(self.plan_box)
        self.addToolBar(bar)

        self.model = TaskTableModel(store, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # Rows as tall as their wrapped text. Fine for a month's plan; the full grid (issue 4)
        # elides long rows and sizes lazily.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(2, 260)
        self.setCentralWidget(self.table)

        self.plan_box.currentIndexChanged.connect(self._show_selected_plan)
        self._summaries = store.plans.summaries()
        for s in reversed(self._summaries):           # newest month first
            self.plan_box.addItem(f"Tháng {month_label(s.plan.month)}", s.plan.id)
        if not self._summaries:
            self.statusBar().showMessage("Chưa có kế hoạch nào trong tệp này.")

    def _show_selected_plan(self) -> None:
        plan_id = self.plan_box.currentData()
        self.model.load_plan(plan_id)
        summary = next((s for s in self._summaries if s.plan.id == plan_id), None)
        if summary:
            plan = summary.plan
            self.statusBar().showMessage(
                f"Kế hoạch số {plan.number_symbol} · {PLAN_STATUS_LABELS[plan.status]} · "
                f"{summary.task_count} nhiệm vụ"
            )
