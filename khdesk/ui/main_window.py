"""The main window: agency tree | task grid | detail pane, the plan bar, search, menus. The actions of
each area live in their own module, mixed in (as calibre's GUI is made): files_area (open, copy, backup,
restore), import_export_area (Excel, Word, paste, export), results_area (agencies' result sheets),
printing_area (print, report, check)."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from ..appendix_rows import task_problems
from ..db import Store
from ..db.values import month_label
from ..errors import NotFound
from ..models import PLAN_STATUS_LABELS
from ..new_month import insert_position, unfinished
from .agency_tree import AgencyTree
from .commands import AddTask, DeleteTasks, EditPlan, MoveTask, NewPlan, sort_by_agency
from .detail_pane import DetailPane
from .files_area import FilesArea
from .import_export_area import ImportExportArea
from .messages import confirm, fit_to_screen, show_error
from .plan_dialogs import NewPlanDialog, PlanHeaderDialog
from .printing_area import PrintingArea
from .results_area import ResultsArea
from .search_results import SearchResultsModel
from .session import Session
from .task_grid import EDIT_TRIGGERS, TaskGrid
from .task_model import CONTENT, KIND_LABELS, TT, TaskFilter, TaskIdRole, TaskTableModel


class MainWindow(FilesArea, ImportExportArea, ResultsArea, PrintingArea, QMainWindow):
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
        for kind in ("total", "overdue", "todo", "doing", "done", "done_on_time", "done_late", "dropped"):
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
        self.progress_dock = QDockWidget("Tình hình thực hiện", self)
        self.progress_dock.setObjectName("progress")
        self.progress_dock.setWidget(self.progress)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.progress_dock)
        self.progress_dock.hide()
        self.progress_action = self.progress_dock.toggleViewAction()
        self.progress_action.setText("Tình hình thực hiện tháng")
        self.progress_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.addAction(self.progress_action)

    def _figure_chosen(self, kind: str, agency_ids) -> None:
        if agency_ids is None:
            self.tree.select(-1)                # the whole plan
        self.show_kind(kind, agency_ids)

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
        plan_menu.addSeparator()
        self.check_action = self._action(plan_menu, "Kiểm tra kế hoạch…", self.check_plan, "Ctrl+Shift+K")
        self.report_action = self._action(plan_menu, "Báo cáo kết quả…", self.print_report, "Ctrl+Shift+R")
        self.export_results_action = self._action(plan_menu, "Xuất bảng kết quả cho cơ quan…", self.export_results)
        self.import_results_action = self._action(plan_menu, "Nhập bảng kết quả cơ quan gửi lại…", self.import_results)
        plan_menu.addAction(self.progress_action)
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

    # ----- plans ---------------------------------------------------------------------------
    def _reload_plans(self) -> None:
        summaries = self.session.store.plans.summaries()
        keep = self.plan_id
        self.plan_box.blockSignals(True)
        self.plan_box.clear()
        for s in reversed(summaries):
            self.plan_box.addItem(f"Tháng {month_label(s.plan.month)}", s.plan.id)
        self.plan_box.blockSignals(False)
        index = self.plan_box.findData(keep) if keep is not None else -1
        self.plan_box.setCurrentIndex(index if index >= 0 else 0 if summaries else -1)
        if self.plan_box.currentData() != self.plan_id or keep is None:
            self._plan_chosen()
        self._apply_editability()
        self._update_status()

    def _plan_chosen(self, *_args) -> None:
        self.detail.show_task(None)            # (saves what was typed for the task shown)
        self.plan_id = self.plan_box.currentData()
        self.model.load_plan(self.plan_id)
        self.tree.set_plan(self.plan_id)
        self.progress.set_plan(self.plan_id)
        self._apply_editability()
        self._update_status()
        if self.proxy.rowCount():
            self.select_row(0)

    def select_plan(self, plan_id: int) -> None:
        index = self.plan_box.findData(plan_id)
        if index >= 0:
            self.plan_box.setCurrentIndex(index)

    def _update_status(self) -> None:
        if self.plan_id is None:
            self.statusBar().showMessage("Chưa có kế hoạch nào. Chọn Tệp › Kế hoạch tháng mới (Ctrl+Shift+N).")
            return
        plan = self.current_plan()
        if plan is None:                   # (the plan box is reloaded by the same change)
            return
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        problems = sum(1 for t in self.model.tasks() if task_problems(t))
        text = f"Kế hoạch số {plan.number_symbol} · {PLAN_STATUS_LABELS[plan.status]} · {total} nhiệm vụ"
        if self.proxy.is_filtering():
            text += f" · đang hiện {shown}"
        if problems:
            text += f" · {problems} nhiệm vụ cần bổ sung (tô hồng)"
        self.statusBar().showMessage(text)

    def edit_plan_header(self) -> None:
        if self.plan_id is None:
            return
        dialog = PlanHeaderDialog(self, self.session.store.plans.get(self.plan_id), self.session.store.agencies.all())
        if not self._editable():
            dialog.set_read_only(self._why_read_only())
        if dialog.exec() and self._editable():
            changes = dialog.changes()
            if changes:
                self.session.execute(EditPlan(self.session, self.plan_id, **changes))

    def current_plan(self):
        """The plan shown (None when none is, or while a plan just undone is still in the box)."""
        try:
            return self.session.store.plans.get(self.plan_id) if self.plan_id is not None else None
        except NotFound:
            return None

    def edit_issued_plan(self) -> None:
        """Asked once per plan: the answer is recorded in the plan (and undone by Ctrl+Z)."""
        plan = self.current_plan()
        if plan is None or not plan.locked:
            return
        when = f" ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else ""
        if not confirm(self, f"Kế hoạch số {plan.number_symbol}{when} đã ban hành. Sửa thì dữ liệu sẽ khác văn bản "
                             "đã ký và đã gửi; chỉ sửa khi có văn bản điều chỉnh hoặc để sửa lỗi nhập.\n\n"
                             "Vẫn mở kế hoạch này để sửa?", yes="Mở để sửa", no="Không sửa",
                       title="Sửa kế hoạch đã ban hành"):
            return
        self.session.execute(EditPlan(self.session, plan.id, reopened_at=datetime.now().strftime("%Y-%m-%d %H:%M")))

    def _editable(self) -> bool:
        plan = self.current_plan()
        return not self.session.store.read_only and plan is not None and not plan.locked

    def _why_read_only(self) -> str:
        if self.session.store.read_only:
            return "Tệp dữ liệu đang mở chỉ đọc: không sửa được."
        plan = self.current_plan()
        if plan is not None and plan.locked:
            return (f"Kế hoạch tháng {month_label(plan.month)} đã ban hành: nội dung, cơ quan và thời hạn không sửa; "
                    "trạng thái và kết quả vẫn ghi được (cột Trạng thái, khung bên phải). Muốn sửa nội dung: bấm «Sửa "
                    "kế hoạch đã ban hành…» trên bảng nhiệm vụ.")
        return ""

    def _apply_editability(self) -> None:
        """What may be changed now: the file (read-only or not) and the plan (issued or not)."""
        store = self.session.store
        editable = self._editable()
        self.read_only_why = "" if editable else self._why_read_only()
        for action in (self.add_action, self.delete_action, self.up_action, self.down_action, self.sort_action):
            action.setEnabled(editable)
        for action in (self.new_plan_action, self.import_action, self.import_word_action, self.import_document_action,
                       self.paste_action,
                       self.restore_action,
                       self.backup_action):
            action.setEnabled(not store.read_only)
        plan = self.current_plan()
        follow_up = not store.read_only and plan is not None         # status and results: also when issued
        self.model.follow_up_only = follow_up and not editable
        self.table.setEditTriggers(EDIT_TRIGGERS if follow_up else QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragEnabled(editable)
        self.detail.setReadOnly(not editable, follow_up=follow_up)
        locked = plan is not None and plan.locked and not store.read_only
        self.lock_bar.setVisible(locked)
        if locked:
            when = f" ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else ""
            # short enough for two or three lines at 1024×768; the whole of it in the tooltip
            self.lock_text.setText(f"Kế hoạch số {plan.number_symbol}{when} đã ban hành: lời văn giữ như bản đã ký. "
                                   "Trạng thái và kết quả vẫn ghi được.")
            self.lock_text.setToolTip("Nội dung, cơ quan chủ trì, phối hợp và thời hạn giữ như văn bản đã ký. Trạng thái, "
                                      "kết quả, ngày hoàn thành và ngày báo cáo vẫn ghi được, kể cả nhập bảng kết quả "
                                      "của cơ quan.")

    def new_plan(self) -> None:
        store = self.session.store
        summaries = store.plans.summaries()
        previous = summaries[-1].plan if summaries else None
        carried = unfinished(store.tasks.of_plan(previous.id)) if previous else []
        names = {a.id: a.print_name for a in store.agencies.all()}
        dialog = NewPlanDialog(self, previous, carried, lambda a: names.get(a, ""),
                               {s.plan.month for s in summaries})
        if not dialog.exec():
            return
        command = NewPlan(self.session, dialog.chosen_month(), dialog.header(), dialog.carry_ids())
        if self.session.execute(command):
            self.select_plan(command.plan.id)

    # ----- tasks ---------------------------------------------------------------------------
    def current_task_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(TaskIdRole) if index.isValid() else None

    def selected_task_ids(self) -> list[int]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return [self.proxy.index(r, 0).data(TaskIdRole) for r in sorted(rows)]

    def select_task(self, task_id: int) -> None:
        row = self.model.row_of(task_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():          # hidden by the filter: show everything
            self.search.clear()
            self.tree.select(-1)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.select_row(index.row())

    def select_row(self, row: int) -> None:
        index = self.proxy.index(row, CONTENT)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(self.proxy.index(row, TT))

    def _current_task_changed(self, current, previous) -> None:
        self.detail.show_task(current.data(TaskIdRole) if current.isValid() else None)

    def add_task(self) -> None:
        if self.plan_id is None:
            return
        tasks = self.model.tasks()
        # The agency chosen in the tree is the new task's lead. A selected row only says where the task
        # goes (after that row's agency's tasks): its lead is not copied — a lead the clerk forgot to
        # change silently became the row's (Sở KH&ĐT); an empty one is marked and asked for.
        tree_agency = self.tree.selected_id()
        chosen = tree_agency if tree_agency not in (None, -1) else None
        near = chosen
        if near is None and self.current_task_id() is not None:
            leads = self.session.store.tasks.get(self.current_task_id()).lead_agency_ids
            near = leads[0] if leads else None
        position = insert_position(tasks, near)
        command = AddTask(self.session, self.plan_id, position, lead_agency_ids=(chosen,) if chosen is not None else ())
        if self.session.execute(command):
            self.search.clear()
            self.select_task(command.task.id)
            self.detail.content.setFocus()
            if chosen is None:
                self.statusBar().showMessage("Nhiệm vụ mới: gõ nội dung, rồi Tab để chọn cơ quan chủ trì.", 10000)

    def delete_tasks(self) -> None:
        ids = self.selected_task_ids() or ([self.current_task_id()] if self.current_task_id() else [])
        if not ids:
            return
        row = self.table.currentIndex().row()
        if self.session.execute(DeleteTasks(self.session, ids)):
            self.statusBar().showMessage(f"Đã xóa {len(ids)} nhiệm vụ. Ctrl+Z để hoàn tác.", 5000)
            if self.proxy.rowCount():
                self.select_row(min(row, self.proxy.rowCount() - 1))

    def move_task(self, step: int) -> None:
        task_id = self.current_task_id()
        if task_id is None:
            return
        row = self.table.currentIndex().row() + step
        if not 0 <= row < self.proxy.rowCount():
            return
        target = self.session.store.tasks.get(self.proxy.index(row, 0).data(TaskIdRole)).position
        if self.session.execute(MoveTask(self.session, task_id, target)):
            self.select_task(task_id)

    def sort_by_agency(self) -> None:
        if self.plan_id is not None:
            current = self.current_task_id()
            self.session.execute(sort_by_agency(self.session, self.plan_id))
            if current is not None:
                self.select_task(current)

    # ----- filtering and search -------------------------------------------------------------
    def _agency_filter(self, agency_ids) -> None:
        self.proxy.set_agencies(agency_ids)
        self._update_status()

    def _show_everything(self) -> bool:
        """Every task of the plan in the grid (search, status and agency filters off); whether any was on.
        (Rows pasted while «Hiện: Hoàn thành» was chosen were added but not shown.)"""
        if not self.proxy.is_filtering():
            return False
        self.search.clear()
        self.tree.select(-1)
        self.show_kind("total")
        return True

    def show_kind(self, kind: str, agency_ids: set[int] | None = None) -> None:
        """The grid shows the tasks counted in one figure (of one agency, when given)."""
        index = self.kind_box.findData(kind)
        if index >= 0 and self.kind_box.currentIndex() != index:
            self.kind_box.blockSignals(True)
            self.kind_box.setCurrentIndex(index)
            self.kind_box.blockSignals(False)
        self.proxy.set_kind(kind)
        if agency_ids is not None:
            self.tree.select(next(iter(agency_ids)) if len(agency_ids) == 1 else -1)
        self._update_status()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        if self.all_months.isChecked():
            self.proxy.set_query("")
            self._fill_results(text)
        else:
            self.results_dock.hide()
            self.proxy.set_query(text)
        self._update_status()

    def _fill_results(self, text: str) -> None:
        self.results_model.set_query(text)
        self.results_dock.setWindowTitle(f"Kết quả tìm trong mọi tháng: {self.results_model.total}")
        self.results_dock.setVisible(bool(text.strip()))

    def _open_result(self, index) -> None:
        hit = self.results_model.hit(index.row())
        self.select_plan(hit.task.plan_id)
        self.select_task(hit.task.id)

    # ----- printing, results, Excel and Word, files: printing_area.py, results_area.py,
    # ----- import_export_area.py, files_area.py (mixed in above) ----------------------------

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


