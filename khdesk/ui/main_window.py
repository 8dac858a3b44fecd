"""The main window: agency tree | task grid | detail pane, the plan bar, search, menus. The actions of
each area live in their own module, mixed in (as calibre's GUI is made): plans_area (the month's plan, its
header, a new month, the issued plan's lock), tasks_area (add, delete, move, sort), search_area (filters,
search), files_area (open, copy, backup, restore), import_export_area (Excel, Word, paste, export),
results_area (agencies' result sheets), printing_area (print, report, check)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStyle,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..db import Store
from .agency_tree import AgencyTree
from .detail_pane import DetailPane
from .files_area import FilesArea
from .import_export_area import ImportExportArea
from .messages import fit_to_screen, show_error
from .plans_area import PlansArea
from .printing_area import PrintingArea
from .results_area import ResultsArea
from .search_area import SearchArea
from .search_results import SearchResultsModel
from .session import Session
from .signing_area import SigningArea
from .task_grid import TaskGrid
from .task_model import KIND_LABELS, TaskFilter, TaskTableModel
from .tasks_area import TasksArea

CARRIED_APART_KEY = "print/carried_apart"


class MainWindow(PlansArea, TasksArea, SearchArea, FilesArea, ImportExportArea, ResultsArea, PrintingArea,
                 SigningArea, QMainWindow):
    def __init__(self, store: Store, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings or QSettings("khdesk", "khdesk")
        self.session = Session(store, self)
        self.session.errorRaised.connect(lambda message: show_error(self, message))
        self.plan_id: int | None = None
        self._build_grid()
        self.tree = AgencyTree(self.session, self)
        self.detail = DetailPane(self.session, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self._grid_with_lock_bar())
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.setCentralWidget(self.splitter)
        self._build_plan_bar()
        self._build_search_results()
        self._build_progress_panel()
        self._build_actions()
        self.tree.filterChanged.connect(self._agency_filter)
        self.session.changed.connect(self._on_change)
        self._restore_settings()
        self._reload_plans()
        self._set_title()

    # ----- construction --------------------------------------------------------------------
    def _build_grid(self) -> None:
        self.model = TaskTableModel(self.session, self)
        self.proxy = TaskFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = TaskGrid(self.session, self)
        self.table.setModel(self.proxy)
        self.table.selectionModel().currentRowChanged.connect(self._current_task_changed)

    LOCK_BAR_NARROW = 700     # px: below it the button goes under the text, which keeps the whole width

    def _place_unlock_button(self, below: bool) -> None:
        """Beside the text on a wide screen; under it on a narrow one (at 1024×768 the text beside the button
        took five lines, eight with Windows' wider fonts)."""
        if below == self._lock_button_below:
            return
        self._lock_button_below = below
        grid = self.lock_bar.layout()
        grid.removeWidget(self.unlock_button)
        if below:
            grid.addWidget(self.unlock_button, 1, 1, Qt.AlignmentFlag.AlignRight)
        else:
            grid.addWidget(self.unlock_button, 0, 2, Qt.AlignmentFlag.AlignVCenter)

    def _grid_with_lock_bar(self) -> QWidget:
        """The grid under a bar that says when the plan is issued and read-only, with the way out."""
        self.lock_bar = QFrame(self)
        self.lock_bar.setObjectName("lock-bar")
        self.lock_bar.setStyleSheet("#lock-bar { background: #fff4c2; border: 1px solid #c9a800; }")
        self.lock_text = QLabel("")
        self.lock_text.setWordWrap(True)
        self.unlock_button = QPushButton("Sửa kế hoạch đã ban hành…")
        self.unlock_button.clicked.connect(self.edit_issued_plan)
        grid = QGridLayout(self.lock_bar)
        grid.setContentsMargins(6, 3, 6, 3)
        grid.setVerticalSpacing(2)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(18, 18))
        grid.addWidget(icon, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.lock_text, 0, 1)
        grid.setColumnStretch(1, 1)
        self._lock_button_below: bool | None = None
        self._place_unlock_button(False)
        self.lock_bar.installEventFilter(self)            # its width decides where the button goes
        self.lock_bar.hide()
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.lock_bar)
        column.addWidget(self.table, 1)
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        return box

    def eventFilter(self, obj, event):
        """Typing or double-clicking in a read-only grid (or, in an issued plan, in a column other
        than Trạng thái) says why nothing happens; the issued plan's bar places its button by its width."""
        if obj is getattr(self, "lock_bar", None) and event.type() == QEvent.Type.Resize:
            self._place_unlock_button(event.size().width() < self.LOCK_BAR_NARROW)
            return False
        if obj in (self.table, self.table.viewport()) and getattr(self, "read_only_why", ""):
            typed = event.type() == QEvent.Type.KeyPress and event.text().strip() \
                and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            clicked = event.type() == QEvent.Type.MouseButtonDblClick
            if typed or clicked or (event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_F2):
                index = self.table.indexAt(event.position().toPoint()) if clicked else self.table.currentIndex()
                if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
                    return super().eventFilter(obj, event)        # Trạng thái of an issued plan
                self.statusBar().showMessage(self.read_only_why, 10000)
                return event.type() == QEvent.Type.KeyPress
        return super().eventFilter(obj, event)

    def _build_plan_bar(self) -> None:
        bar = QToolBar("Kế hoạch", self)
        bar.setObjectName("plan-bar")
        bar.setMovable(False)
        bar.addWidget(QLabel(" Kế hoạch tháng: "))
        self.plan_box = QComboBox(self)
        self.plan_box.setMinimumWidth(150)
        self.plan_box.currentIndexChanged.connect(self._plan_chosen)
        bar.addWidget(self.plan_box)
        self.header_action = QAction("Thông tin kế hoạch…", self)
        self.header_action.triggered.connect(self.edit_plan_header)
        bar.addAction(self.header_action)
        bar.addSeparator()
        bar.addWidget(QLabel(" Tìm: "))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("gõ không dấu cũng được, ví dụ «so y te»")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)                    # (the whole bar fits a 1024-pixel screen)
        self.search.textChanged.connect(self._search_changed)
        bar.addWidget(self.search)
        self.all_months = QCheckBox("Mọi tháng", self)
        self.all_months.setToolTip("Tìm trong kế hoạch của mọi tháng")
        self.all_months.toggled.connect(lambda _on: self._search_changed(self.search.text()))
        bar.addWidget(self.all_months)
        bar.addSeparator()
        bar.addWidget(QLabel(" Hiện: "))
        self.kind_box = QComboBox(self)
        for kind in ("total", "overdue", "no_report", "todo", "doing", "done", "done_on_time", "done_late", "dropped"):
            self.kind_box.addItem(KIND_LABELS[kind], kind)
        self.kind_box.setToolTip("Lọc nhiệm vụ theo trạng thái; «Quá hạn»: chưa hoàn thành mà đã qua hạn")
        self.kind_box.currentIndexChanged.connect(lambda _i: self.show_kind(self.kind_box.currentData()))
        bar.addWidget(self.kind_box)
        self.addToolBar(bar)

    def _build_search_results(self) -> None:
        self.results_model = SearchResultsModel(self.session, self)
        self.results = QTreeView(self)
        self.results.setModel(self.results_model)
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setColumnWidth(0, 70)
        self.results.setColumnWidth(1, 40)
        self.results.setColumnWidth(2, 200)
        self.results.activated.connect(self._open_result)
        self.results_dock = QDockWidget("Kết quả tìm trong mọi tháng", self)
        self.results_dock.setObjectName("search-results")
        self.results_dock.setWidget(self.results)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.results_dock)
        self.results_dock.hide()

    def _build_progress_panel(self) -> None:
        from .progress_panel import ProgressPanel

        self.progress = ProgressPanel(self.session, lambda: self.model.today(), self)
        self.progress.kindChosen.connect(self._figure_chosen)
        self.progress.comparison.exportAsked.connect(lambda: self.export_comparison())
        self.progress_dock = QDockWidget("Tình hình thực hiện", self)
        self.progress_dock.setObjectName("progress")
        self.progress_dock.setWidget(self.progress)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.progress_dock)
        self.progress_dock.hide()
        self.progress_action = self.progress_dock.toggleViewAction()
        self.progress_action.setText("Tình hình thực hiện tháng")
        self.progress_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.addAction(self.progress_action)

    def _figure_chosen(self, kind: str, agency_ids, counting) -> None:
        if agency_ids is None:
            self.tree.select(-1)                # the whole plan
        self.show_kind(kind, agency_ids, counting)

    def appendix_options(self, **columns):
        """How the appendix is laid out for printing and export: the columns asked, and the carried tasks as
        their own part when the clerk chose it (Kế hoạch › In nhiệm vụ chuyển tiếp thành phần riêng)."""
        from ..document.model import AppendixOptions

        return AppendixOptions(carried_apart=self.carried_apart_action.isChecked(), **columns)

    def _action(self, menu, text, slot, shortcut=None, tip=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda: (self.session.flush_pending(), slot()))   # typed text is saved first
        menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&Tệp")
        self.new_plan_action = self._action(file_menu, "Kế hoạch tháng mới…", self.new_plan, "Ctrl+Shift+N")
        self._action(file_menu, "Mở tệp dữ liệu…", self.open_file, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Tệp gần đây")
        self._action(file_menu, "Lưu bản sao…", self.save_copy)
        self.backup_action = self._action(file_menu, "Sao lưu ngay", self.backup_now)
        self.restore_action = self._action(file_menu, "Khôi phục từ bản sao lưu…", self.restore_backup)
        file_menu.addSeparator()
        self.import_action = self._action(file_menu, "Nhập nhiệm vụ từ Excel…", self.import_excel, "Ctrl+Shift+I")
        self.import_word_action = self._action(file_menu, "Nhập kế hoạch từ Word…", self.import_word)
        self.import_document_action = self._action(
            file_menu, "Nhập nhiệm vụ từ văn bản Word…", self.import_document_tasks,
            tip="Các nhiệm vụ một văn bản giao (thông báo kết luận, kế hoạch, chỉ thị: bảng hoặc lời văn «Giao Sở X "
                "…») thêm vào kế hoạch một tháng")
        self._action(file_menu, "Xuất ra Excel…", self.export_excel, "Ctrl+Shift+E")
        self._action(file_menu, "Xuất ra Word…", self.export_word)
        file_menu.addSeparator()
        self.print_action = self._action(file_menu, "In kế hoạch và phụ lục…", self.print_plan,
                                         QKeySequence.StandardKey.Print)
        file_menu.addSeparator()
        self._action(file_menu, "Thoát", self.close, "Ctrl+Q")     # (Windows has no standard Quit key: spelled out)

        edit = bar.addMenu("&Sửa")
        self.undo_action = self.session.undo_stack.createUndoAction(self, "Hoàn tác")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.session.undo_stack.createRedoAction(self, "Làm lại")
        # Ctrl+Y as in Office, and the platform's own keys (Ctrl+Shift+Z), each once: the same key twice in
        # one action is an «ambiguous shortcut» Qt ignores, and Ctrl+Y redid nothing
        redo_keys = [QKeySequence("Ctrl+Y"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        self.redo_action.setShortcuts(list({k.toString(): k for k in redo_keys}.values()))
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        self.add_action = self._action(edit, "Thêm nhiệm vụ", self.add_task, Qt.Key.Key_Insert)
        self.delete_action = self._action(edit, "Xóa nhiệm vụ", self.delete_tasks, QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.delete_action)
        edit.addSeparator()
        self.copy_action = self._action(edit, "Chép nhiệm vụ đang chọn", self.copy_rows, QKeySequence.StandardKey.Copy)
        self.paste_action = self._action(edit, "Dán nhiệm vụ từ Excel, Word…", self.paste_rows,
                                         QKeySequence.StandardKey.Paste)
        for action in (self.copy_action, self.paste_action):        # in a text box Ctrl+C/V stay the box's own
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.table.addAction(action)
        edit.addSeparator()
        self.up_action = self._action(edit, "Chuyển lên", lambda: self.move_task(-1), "Alt+Up")
        self.down_action = self._action(edit, "Chuyển xuống", lambda: self.move_task(+1), "Alt+Down")
        self.sort_action = self._action(edit, "Sắp xếp theo thứ tự cơ quan", self.sort_by_agency)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.detail, self.table.setFocus)   # Esc: back to the grid
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for key, step in (("F6", 1), ("Shift+F6", -1)):                  # F6: tree → grid → task, as in Office
            QShortcut(QKeySequence(key), self, lambda s=step: self._next_pane(s))
        edit.addSeparator()
        self._action(edit, "Tìm…", self.focus_search, QKeySequence.StandardKey.Find)

        view = bar.addMenu("&Xem")
        view.aboutToShow.connect(lambda: self._fill_view_menu(view))
        self._fill_view_menu(view)

        plan_menu = bar.addMenu("&Kế hoạch")
        plan_menu.addAction(self.header_action)
        self.unlock_action = self._action(plan_menu, "Sửa kế hoạch đã ban hành…", self.edit_issued_plan)
        plan_menu.addAction(self.new_plan_action)
        plan_menu.addAction(self.print_action)
        self.carried_apart_action = QAction("In nhiệm vụ chuyển tiếp thành phần riêng", self)
        self.carried_apart_action.setCheckable(True)
        self.carried_apart_action.setChecked(self.settings.value(CARRIED_APART_KEY, False, bool))
        self.carried_apart_action.setStatusTip("Phụ lục in «I. Nhiệm vụ tháng trước chuyển sang» và «II. Nhiệm vụ mới "
                                               "trong tháng» thành hai phần (in, Word, Excel)")
        self.carried_apart_action.toggled.connect(lambda on: self.settings.setValue(CARRIED_APART_KEY, on))
        plan_menu.addAction(self.carried_apart_action)
        plan_menu.addSeparator()
        self.check_action = self._action(plan_menu, "Kiểm tra kế hoạch…", self.check_plan, "Ctrl+Shift+K")
        self.report_action = self._action(plan_menu, "Báo cáo kết quả…", self.print_report, "Ctrl+Shift+R")
        period_menu = plan_menu.addMenu("Báo cáo theo kỳ")
        self.period_report_actions = {
            kind: self._action(period_menu, label, lambda kind=kind: self.print_report(kind))
            for kind, label in (("quarter", "Báo cáo quý…"), ("half", "Báo cáo 6 tháng…"), ("nine", "Báo cáo 9 tháng…"),
                                ("year", "Báo cáo năm…"))}
        self.export_results_action = self._action(plan_menu, "Xuất bảng kết quả cho cơ quan…", self.export_results)
        self.import_results_action = self._action(plan_menu, "Nhập bảng kết quả cơ quan gửi lại…", self.import_results)
        plan_menu.addAction(self.progress_action)
        self.reporting_action = self._action(plan_menu, "Kỳ báo cáo và ngày nghỉ…", self.edit_reporting)
        plan_menu.addSeparator()
        issuing_menu = plan_menu.addMenu("Mẫu ban hành để ký số")
        self.issuing_form_actions = {
            part: self._action(issuing_menu, label, lambda part=part: self.print_issuing_form(part))
            for part, label in (("all", "Kế hoạch kèm phụ lục…"), ("plan", "Kế hoạch (không phụ lục)…"),
                                ("appendix", "Phụ lục ban hành thành tệp riêng…"), ("report", "Báo cáo kết quả…"))}
        self.sign_action = self._action(plan_menu, "Ký số…", self.sign_plan)
        self.verify_action = self._action(plan_menu, "Kiểm tra chữ ký số…", self.verify_signed_file)
        self._rebuild_recent()

    def _next_pane(self, step: int) -> None:
        panes = [self.tree.view, self.table, self.detail.content]
        focus = self.focusWidget()
        here = next((i for i, p in enumerate(panes) if focus is p or (focus and p.isAncestorOf(focus))), 1)
        if focus is not None and self.detail.isAncestorOf(focus):
            here = 2
        panes[(here + step) % len(panes)].setFocus()

    def _fill_view_menu(self, menu) -> None:
        """The grid's column choices (the same as the header's context menu), fresh each time."""
        if self.progress_action not in menu.actions():
            menu.addAction(self.progress_action)
            menu.addSeparator()
        self.table.fill_column_menu(menu)

    def _on_change(self, change) -> None:
        if change.plans or change.everything:
            self._reload_plans()
        elif change.touches(self.plan_id):
            self._update_status()

    # ----- the areas' actions: plans_area, tasks_area, search_area, files_area, import_export_area,
    # ----- results_area, printing_area (mixed in above) -----------------------------------------

    # ----- settings ------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            fit_to_screen(self, self.width(), self.height())       # saved on a larger screen: still fits
        else:
            fit_to_screen(self, 1366, 800)                          # the status bar stays on a 768-pixel screen
        self._share_out = self.settings.value("splitter") is None
        state = self.settings.value("splitter")
        if state is not None:
            self.splitter.restoreState(state)
        self.table.set_whole_text(self.settings.value("whole_text", True, bool))
        self.table.restore_layout(self.settings.value("columns"))
        self._remember(self.session.store.path)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._share_out:                  # the first start: the grid gets most of any screen
            self._share_out = False
            width = self.splitter.width()
            tree, detail = int(width * 0.18), int(width * 0.24)
            self.splitter.setSizes([tree, width - tree - detail, detail])

    def closeEvent(self, event) -> None:
        self.session.flush_pending()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.setValue("columns", self.table.horizontalHeader().saveState())
        self.settings.setValue("whole_text", self.table.whole_text)
        super().closeEvent(event)


