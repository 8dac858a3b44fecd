"""The month at a glance: the plan's figures and each lead agency's, as a table and a bar chart
(``khdesk.domain.progress``, the same rule as the report); a click on a number shows those tasks in the
grid. A second tab follows one agency over the last 12 plans; a third sets the month beside the one before."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.months import month_label
from ..domain.periods import short
from ..domain.progress import COLUMNS, Counting, Figures, agency_figures, percent, plan_figures
from ..domain.progress import SHORT_LABELS as SHORT
from ..usecases.loading import comparison_of, period_count
from .comparison_tab import ComparisonTab

PLAN_ROW = "Cả kế hoạch"
# (figure, colour, pattern): told apart on a grey-scale print too
SERIES = (("done_on_time", QColor(76, 153, 76), Qt.BrushStyle.SolidPattern),
          ("done_late", QColor(140, 190, 90), Qt.BrushStyle.Dense3Pattern),
          ("doing", QColor(70, 120, 200), Qt.BrushStyle.BDiagPattern),
          ("todo", QColor(200, 200, 200), Qt.BrushStyle.Dense6Pattern),
          ("no_report", QColor(235, 160, 70), Qt.BrushStyle.Dense2Pattern),
          ("dropped", QColor(120, 120, 120), Qt.BrushStyle.CrossPattern))
LABELS = dict(COLUMNS)


class BarChart(QWidget):
    """One stacked bar per agency: done on time, done late, doing, not started, dropped; the overdue
    count written at the end of the bar."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, Figures]] = []
        self.setMinimumHeight(120)

    def set_rows(self, rows: list[tuple[str, Figures]]) -> None:
        self.rows = rows
        self.setMinimumHeight(40 + 18 * len(rows))
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        metrics = self.fontMetrics()
        legend_x = 6
        for key, colour, pattern in SERIES:                 # the legend on top
            painter.fillRect(QRectF(legend_x, 6, 12, 10), QBrush(colour, pattern))
            painter.drawRect(QRectF(legend_x, 6, 12, 10))
            painter.drawText(int(legend_x + 16), 15, LABELS[key])
            legend_x += 24 + metrics.horizontalAdvance(LABELS[key])
        if not self.rows:
            return
        name_width = min(220, max(metrics.horizontalAdvance(name) for name, _ in self.rows) + 8)
        biggest = max(f.total for _, f in self.rows) or 1
        room = max(50, self.width() - name_width - 80)
        y = 26
        for name, figures in self.rows:
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(2, y, name_width - 6, 16), int(Qt.AlignmentFlag.AlignRight
                                                                   | Qt.AlignmentFlag.AlignVCenter),
                             metrics.elidedText(name, Qt.TextElideMode.ElideRight, name_width - 6))
            x = float(name_width)
            for key, colour, pattern in SERIES:
                width = room * getattr(figures, key) / biggest
                if width:
                    painter.fillRect(QRectF(x, y + 2, width, 12), QBrush(colour, pattern))
                    painter.setPen(QPen(QColor(60, 60, 60)))
                    painter.drawRect(QRectF(x, y + 2, width, 12))
                    x += width
            label = f"{figures.total}" + (f" · {figures.overdue} quá hạn" if figures.overdue else "")
            painter.setPen(self.palette().text().color())
            painter.drawText(int(x + 4), int(y + 13), label)
            y += 18
        painter.end()


class ProgressPanel(QWidget):
    kindChosen = Signal(str, object, object)  # figure, agency ids (None: the whole plan), how it was counted

    def __init__(self, session, today, parent=None):
        super().__init__(parent)
        self.session, self.today = session, today
        self.plan_id: int | None = None
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS) + 1)
        self.table.setHorizontalHeaderLabels(["Cơ quan chủ trì"] + list(SHORT))
        for c, (_, label) in enumerate(COLUMNS, start=1):
            self.table.horizontalHeaderItem(c).setToolTip(label)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setToolTip("Bấm (hoặc Enter) vào một số để xem các nhiệm vụ đó trong bảng nhiệm vụ")
        self.table.cellClicked.connect(self._clicked)
        self.table.cellActivated.connect(self._clicked)
        self.chart = BarChart()
        split = QSplitter(Qt.Orientation.Vertical)
        chart_scroll = QScrollArea()                # many agencies: the chart scrolls, the table keeps its room
        chart_scroll.setWidgetResizable(True)
        chart_scroll.setWidget(self.chart)
        split.addWidget(self.table)
        split.addWidget(chart_scroll)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        month = QWidget()
        month_layout = QVBoxLayout(month)
        month_layout.addWidget(self.summary)
        month_layout.addWidget(split, 1)

        # --- one agency over the last 12 plans -------------------------------------------------
        self.agency_box = QComboBox()
        self.history = QTableWidget(0, len(COLUMNS) + 1)
        self.history.setHorizontalHeaderLabels(["Tháng"] + list(SHORT))
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().setVisible(False)
        self.agency_box.currentIndexChanged.connect(lambda _i: self._fill_history())
        history = QWidget()
        history_layout = QVBoxLayout(history)
        row = QHBoxLayout()
        row.addWidget(QLabel("Cơ quan:"))
        row.addWidget(self.agency_box, 1)
        history_layout.addLayout(row)
        history_layout.addWidget(self.history, 1)

        self.comparison = ComparisonTab()
        self.tabs = QTabWidget()
        self.tabs.addTab(month, "Tháng này")
        self.tabs.addTab(history, "Một cơ quan qua 12 tháng")
        self.tabs.addTab(self.comparison, "So với tháng trước")
        self.tabs.currentChanged.connect(lambda _i: (self._fill_history(), self._fill_comparison()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.rows: list[tuple[int | None, Figures]] = []
        self.counting: Counting | None = None   # the figures' counting (as of the period's cut-off)
        session.changed.connect(lambda change: self.refresh() if change.touches(self.plan_id) or change.plans
                                else None)

    def set_plan(self, plan_id: int | None) -> None:
        self.plan_id = plan_id
        self.refresh()

    def refresh(self) -> None:
        if not self.isVisible():
            self._stale = True                  # read when shown: a hidden panel costs nothing
            return
        self._stale = False
        store = self.session.store
        agencies = store.agencies.all()
        names = {a.id: a.print_name for a in agencies}
        tasks = store.tasks.of_plan(self.plan_id) if self.plan_id is not None else []
        today = self.today()
        count = period_count(store, store.plans.get(self.plan_id), today) if self.plan_id is not None else None
        self.counting = count.counting if count else Counting(today, today)
        whole = plan_figures(tasks, self.counting)
        self.rows = [(None, whole)] + agency_figures(tasks, self.counting, [a.id for a in agencies])
        self.table.setRowCount(len(self.rows))
        for r, (agency_id, figures) in enumerate(self.rows):
            name = PLAN_ROW if r == 0 else names.get(agency_id, "(chưa có cơ quan chủ trì)")
            item = QTableWidgetItem(name)
            if r == 0:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(r, 0, item)
            for c, value in enumerate(figures.as_row(), start=1):
                cell = QTableWidgetItem(str(value))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, cell)
        self.chart.set_rows([(names.get(a, "(chưa có)"), f) for a, f in self.rows[1:]])
        period = ""
        if count is not None:
            sent = "gửi" if today <= count.send_by else "hạn gửi đã qua:"
            period = (f"<br>{count.period.words()} (kỳ báo cáo {count.period.name}; tính đến "
                      f"{short(count.counting.today)}) — {sent} báo cáo chậm nhất <b>ngày {short(count.send_by)}</b> "
                      f"({count.rule.send_within} ngày làm việc sau ngày chốt số liệu).")
        self.summary.setText(
            f"{whole.total} nhiệm vụ: hoàn thành {whole.done} ({percent(whole.done, whole.total)}; "
            f"{whole.done_late} quá hạn), đang thực hiện {whole.doing}, chưa thực hiện {whole.todo}, "
            f"<b>chưa có báo cáo {whole.no_report}</b>, không thực hiện {whole.dropped}; "
            f"<b>{whole.overdue} quá hạn</b>. Nhiệm vụ nhiều cơ quan cùng chủ trì được tính cho mỗi cơ quan." + period)
        keep = self.agency_box.currentData()
        self.agency_box.blockSignals(True)
        self.agency_box.clear()
        for agency in agencies:
            if agency.kind != "group":
                self.agency_box.addItem(agency.print_name, agency.id)
        index = self.agency_box.findData(keep)
        self.agency_box.setCurrentIndex(index if index >= 0 else 0)
        self.agency_box.blockSignals(False)
        self._fill_history()
        self._fill_comparison()

    def _fill_comparison(self) -> None:
        """The month beside the one before it (read only while that tab is open: two plans and every carried
        task's history)."""
        if self.tabs.currentWidget() is not self.comparison:
            return
        plan = self.session.store.plans.get(self.plan_id) if self.plan_id is not None else None
        self.comparison.show_tables(comparison_of(self.session.store, plan.month, self.today()) if plan else None)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self.refresh()

    def _clicked(self, row: int, column: int) -> None:
        if column == 0 or row >= len(self.rows):
            return
        kind = COLUMNS[column - 1][0]
        agency_id = self.rows[row][0]
        self.kindChosen.emit(kind, None if row == 0 else {agency_id}, self.counting)

    def _fill_history(self) -> None:
        """The chosen agency's figures in each of the last 12 plans, newest first (read only while
        that tab is open: twelve plans are many rows to read after every edit)."""
        if self.tabs.currentIndex() != 1:
            return
        agency_id = self.agency_box.currentData()
        store = self.session.store
        plans = [s.plan for s in store.plans.summaries()][-12:][::-1]
        self.history.setRowCount(len(plans))
        today = self.today()
        for r, plan in enumerate(plans):
            tasks = [t for t in store.tasks.of_plan(plan.id) if agency_id in t.lead_agency_ids]
            figures = plan_figures(tasks, period_count(store, plan, today).counting)
            self.history.setItem(r, 0, QTableWidgetItem(f"Tháng {month_label(plan.month)}"))
            for c, value in enumerate(figures.as_row(), start=1):
                cell = QTableWidgetItem(str(value))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.history.setItem(r, c, cell)
