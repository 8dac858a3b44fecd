"""The main window: agency tree | task grid | detail pane, the plan bar, search, menus."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

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

from ..agency_names import OTHER_PROVINCE
from ..appendix_rows import deadline_text, task_problems
from ..db import Store
from ..db.values import month_label
from ..errors import KhdeskError, NotFound
from ..models import PLAN_STATUS_LABELS
from ..new_month import insert_position, unfinished
from .agency_tree import AgencyTree
from .commands import AddTask, DeleteTasks, EditPlan, ImportTasks, MoveTask, NewPlan, sort_by_agency
from .detail_pane import DetailPane
from .file_dialogs import ask
from .import_dialog import ImportDialog
from .messages import confirm, fit_to_screen, show_error
from .opening import open_with_questions
from .plan_dialogs import NewPlanDialog, PlanHeaderDialog
from .search_results import SearchResultsModel
from .session import Session
from .task_grid import EDIT_TRIGGERS, TaskGrid
from .task_model import CONTENT, KIND_LABELS, TT, TaskFilter, TaskIdRole, TaskTableModel

MAX_RECENT = 8


def _province_matches(document, matches: dict, facts: list[str]) -> dict:
    """Another province's document: its names are that province's agencies, so none is matched to this
    province's catalogue until the clerk chooses (the preview says why); else ``matches`` as they are."""
    province = document.other_province()
    if not province:
        return matches
    facts.append(f"⚠ Văn bản của tỉnh {province}: tên cơ quan trong đó là cơ quan của tỉnh {province}, nên chưa "
                 "ghép với danh mục của tỉnh này. Chọn cơ quan ở bảng dưới nếu đúng; để trống sẽ tạo cơ quan mới "
                 "trong «Chưa phân loại».")
    return {name: replace(m, agency_id=None, how=OTHER_PROVINCE) for name, m in matches.items()}


class MainWindow(QMainWindow):
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

    # ----- printing ------------------------------------------------------------------------
    def print_plan(self):
        """Lay out the plan and its appendix and show the print preview (None if it cannot be printed)."""
        from ..printing import prepare  # reportlab and pdfium: loaded on the first print
        from .print_preview import PrintPreview

        if self.plan_id is None:
            return None
        plan = self.session.store.plans.get(self.plan_id)
        try:
            job = prepare(self.session.store, plan.month, "all")
        except KhdeskError as err:
            show_error(self, str(err))
            return None
        from ..plan_check import check_month, summary

        findings = check_month(self.session.store, plan.month)
        note = (f"Kiểm tra kế hoạch: {summary(findings)} Xem Kế hoạch › Kiểm tra kế hoạch… (Ctrl+Shift+K); "
                "cảnh báo không ngăn việc in." if findings else "")
        preview = PrintPreview(self, job, f"ke-hoach-{plan.month}.pdf", self.settings, note)
        preview.setModal(True)
        preview.show()
        return preview

    def print_report(self):
        """The month's report ("BÁO CÁO Kết quả thực hiện …") in the print preview."""
        from ..printing import prepare_report
        from .print_preview import PrintPreview

        plan = self.current_plan()
        if plan is None:
            return None
        try:
            job = prepare_report(self.session.store, plan.month, self.model.today())
        except KhdeskError as err:
            show_error(self, str(err))
            return None
        preview = PrintPreview(self, job, f"bao-cao-{plan.month}.pdf", self.settings)
        preview.setWindowTitle("Xem trước bản in — báo cáo kết quả")
        preview.setModal(True)
        preview.show()
        return preview

    def export_results(self, agency_id: int | None = None, path: str | None = None) -> None:
        """The result sheet of one lead agency (the one selected in the tree, else asked for)."""
        from ..excel.results import export_results
        from ..text import fold
        from .agency_tree import PickAgencyDialog
        from .identity_question import settle_identity

        plan = self.current_plan()
        if plan is None:
            return
        store = self.session.store
        if agency_id is None:
            chosen = self.tree.selected_id()
            if chosen not in (None, -1) and store.agencies.get(chosen).kind != "group":
                agency_id = chosen
            else:
                leads = {a for t in self.model.tasks() for a in t.lead_agency_ids}
                dialog = PickAgencyDialog(self, "Xuất bảng kết quả cho cơ quan", "Cơ quan chủ trì:",
                                          [a for a in store.agencies.all() if a.id in leads], allow_none=False)
                if not dialog.exec() or dialog.picker.current_agency_id() is None:
                    return
                agency_id = dialog.picker.current_agency_id()
        agency = store.agencies.get(agency_id)
        if not settle_identity(self, store):
            return
        if not path:
            slug = "-".join(fold(agency.print_name).split())
            path = ask(self, self.settings, "Xuất bảng kết quả", "Bảng tính Excel (*.xlsx)",
                       save_as=f"ket-qua-{slug}-{plan.month}.xlsx")
        if not path:
            return
        try:
            count = export_results(store, plan.month, agency_id, path)
        except KhdeskError as err:
            show_error(self, str(err))
            return
        self.statusBar().showMessage(f"Đã xuất {count} nhiệm vụ của «{agency.print_name}» ra «{path}».", 8000)

    def import_results(self, path: str | None = None):
        """An agency's filled-in sheet: what it changes shown first, then one undo step."""
        from ..excel.results import read_results
        from .commands import ImportResults
        from .identity_question import settle_identity
        from .results_dialog import ResultsDialog

        store = self.session.store
        if not settle_identity(self, store):
            return None
        if not path:
            path = ask(self, self.settings, "Nhập bảng kết quả", "Bảng tính Excel (*.xlsx)")
        if not path:
            return None
        try:
            sheet = read_results(store, path)
        except KhdeskError as err:
            show_error(self, str(err))
            return None
        target = store.plans.by_month(sheet.month)       # (issued or not: results are follow-up)
        dialog = ResultsDialog(self, sheet)
        if dialog.exec() and self.session.execute(ImportResults(self.session, sheet)):
            self.select_plan(target.id)
            self.statusBar().showMessage(f"Đã nhập kết quả của «{sheet.agency}». Ctrl+Z để hoàn tác.", 8000)
        return dialog

    def check_plan(self):
        """The plan checker's findings, one per line; a double-click (or Enter) shows the task."""
        from ..plan_check import check_month
        from .check_dialog import CheckDialog

        plan = self.current_plan()
        if plan is None:
            return None
        dialog = CheckDialog(self, plan, check_month(self.session.store, plan.month))
        dialog.taskChosen.connect(self._show_position)
        dialog.exec()
        return dialog

    def _show_position(self, position: int) -> None:
        task = next((t for t in self.model.tasks() if t.position == position), None)
        if task is not None:
            self.show_kind("total")
            self.select_task(task.id)

    # ----- Excel ---------------------------------------------------------------------------
    def import_excel(self, path: str | None = None) -> ImportDialog | None:
        """Read the file, show what was understood, and import it on "Nhập" (one undo step)."""
        if not path:
            path = ask(self, self.settings, "Nhập nhiệm vụ từ Excel", "Bảng tính Excel (*.xlsx *.xls);;Mọi tệp (*)")
        if not path:
            return None
        from ..excel.reading import read_table  # (Excel code is loaded when first needed)

        try:
            table = read_table(path)
        except KhdeskError as err:
            show_error(self, str(err))
            return None
        return self._import_table(table)

    def import_word(self, path: str | None = None) -> ImportDialog | None:
        """A whole plan from a Word file (.docx; .doc through LibreOffice): its header and its tasks
        shown before anything is written, then a new month as one undo step. An existing month is
        never overwritten."""
        if not path:
            path = ask(self, self.settings, "Nhập kế hoạch từ Word", "Tệp Word (*.docx *.doc);;Mọi tệp (*)")
        if not path:
            return None
        from ..excel.importing import match_agencies
        from .commands import ImportWordPlan

        store = self.session.store
        month_asked = False
        plan = self._read_word(path)
        if plan is None:
            return None
        try:
            if plan.month is None:               # the document says no month: the clerk chooses it below
                plan.month, month_asked = f"{date.today():%Y-%m}", True
            if plan.table is None and plan.text_tasks:    # a notice, a plan whose tasks are in its text
                if confirm(self, f"«{Path(path).name}» ({plan.described()}) không có bảng nhiệm vụ nên không thành "
                                 f"một kế hoạch tháng; lời văn của nó giao {len(plan.text_tasks)} nhiệm vụ. Thêm các "
                                 "nhiệm vụ đó vào kế hoạch một tháng (xem trước khi nhập)?", "Xem các nhiệm vụ"):
                    return self.import_document_tasks(path, plan)        # (read once: a .doc converted once)
                return None
            plan.refuse_without_tasks()
        except KhdeskError as err:
            show_error(self, str(err))
            return None

        def existing_plan(month):
            return next((s.plan for s in store.plans.summaries() if s.plan.month == month), None)

        def refuse(month, existing):
            show_error(self, f"Đã có kế hoạch tháng {month_label(month)} (số {existing.number_symbol}); khdesk không "
                             "ghi đè. Muốn thay bằng kế hoạch trong tệp: xóa kế hoạch tháng đó trước, rồi nhập lại.")

        if not month_asked and existing_plan(plan.month) is not None:
            refuse(plan.month, existing_plan(plan.month))
            return None
        facts = word_facts(plan)
        if month_asked:
            facts[0] = facts[0].split(" — ")[0] + " — văn bản không nói tháng nào: hãy chọn tháng ở dưới."
        matches = _province_matches(plan, match_agencies(store, plan.table), facts)
        dialog = ImportDialog(self, store, plan.table, matches, None,
                              title=f"Nhập kế hoạch từ Word — {Path(path).name}", head_facts=facts,
                              fixed_month=None if month_asked else plan.month)
        if month_asked:
            dialog.month_box.setCurrentIndex(dialog.month_box.findData("new"))
        if dialog.exec():
            if month_asked:
                plan.month = dialog.chosen_month()
                if existing_plan(plan.month) is not None:
                    refuse(plan.month, existing_plan(plan.month))
                    return dialog
            plan.table = dialog.chosen_table()              # the rows the clerk kept
            command = ImportWordPlan(self.session, plan, dialog.choices())
            if self.session.execute(command):
                self.select_plan(command.result.plan_id)
                self.statusBar().showMessage(f"Đã nhập kế hoạch tháng {month_label(plan.month)} từ Word. Ctrl+Z để "
                                             "hoàn tác.", 8000)
        return dialog

    def _read_word(self, path: str):
        """The document read off the window's thread (a .doc through LibreOffice takes seconds), with «Hủy»;
        None (and the reason said) when it cannot be read or the clerk stopped it."""
        from ..word_import import Cancelled, read_word_plan
        from .background import run_in_background

        name = Path(path).name
        label = (f"Đang chuyển «{name}» sang .docx bằng LibreOffice…" if Path(path).suffix.lower() == ".doc"
                 else f"Đang đọc «{name}»…")
        try:
            return run_in_background(self, label, lambda cancelled: read_word_plan(path, month_required=False,
                                                                                    cancelled=cancelled))
        except Cancelled as err:
            self.statusBar().showMessage(str(err), 8000)
        except KhdeskError as err:
            show_error(self, str(err))
        return None

    def import_document_tasks(self, path: str | None = None, document=None) -> ImportDialog | None:
        """The tasks a document gives — its task table, or its text («Giao Sở X chủ trì …: a) …» of a
        conclusion notice) — added to a month's plan the clerk chooses (the last draft by default), each with
        where it was given; shown first, one undo step. A document of another province matches no agency
        of this one until the clerk chooses."""
        if not path:
            path = ask(self, self.settings, "Nhập nhiệm vụ từ văn bản Word", "Tệp Word (*.docx *.doc);;Mọi tệp (*)")
        if not path:
            return None
        from ..excel.importing import match_agencies

        store = self.session.store
        document = document or self._read_word(path)
        if document is None:
            return None
        try:
            table = document.tasks_table()
        except KhdeskError as err:
            show_error(self, str(err))
            return None
        if table is None:
            show_error(self, f"«{Path(path).name}» ({document.kind.lower()}) không giao nhiệm vụ nào: không có bảng "
                             "nhiệm vụ, và lời văn không có câu giao việc («Giao Sở X …», «Sở X chủ trì …»).")
            return None
        facts = [f"{document.given_in('')}: {len(table.rows)} nhiệm vụ."]
        matches = _province_matches(document, match_agencies(store, table), facts)
        drafts = [s.plan.month for s in store.plans.summaries() if not s.plan.locked]
        return self._import_table(table, matches=matches, default_month=drafts[-1] if drafts else None,
                                  title=f"Nhập nhiệm vụ từ văn bản — {Path(path).name}", head_facts=facts)

    def paste_rows(self):
        """Rows copied in Excel, LibreOffice or a Word table: the import preview, then one undo step."""
        from PySide6.QtWidgets import QApplication

        from ..excel.pasting import table_from_clipboard

        if not self._editable() and self.plan_id is not None:
            self.statusBar().showMessage(self._why_read_only(), 10000)
            return None
        mime = QApplication.clipboard().mimeData()
        try:
            table = table_from_clipboard(mime.text() if mime.hasText() else "", mime.html() if mime.hasHtml() else "")
        except KhdeskError as err:
            show_error(self, str(err))
            return None
        return self._import_table(table)

    def copy_rows(self) -> int:
        """The selected tasks as rows Excel and Word paste as a table (and khdesk pastes back)."""
        from PySide6.QtCore import QMimeData
        from PySide6.QtWidgets import QApplication

        from ..appendix_rows import leads_text
        from ..excel.pasting import rows_as_clipboard

        store = self.session.store
        names = {a.id: a.print_name for a in store.agencies.all()}
        tasks = [store.tasks.get(t) for t in self.selected_task_ids()]
        if not tasks:
            return 0
        header = ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"]
        rows = [[str(t.position), t.content, leads_text(t.lead_agency_ids, names, one_line=True),
                 "; ".join(names.get(a, "") for a in t.coordinator_ids), deadline_text(t)] for t in tasks]
        if not any(r[3] or r[4] for r in rows):
            header, rows = header[:3], [r[:3] for r in rows]
        text, html = rows_as_clipboard(header, rows)
        mime = QMimeData()
        mime.setText(text)
        mime.setHtml(html)
        QApplication.clipboard().setMimeData(mime)
        self.statusBar().showMessage(f"Đã chép {len(tasks)} nhiệm vụ.", 5000)
        return len(tasks)

    def _import_table(self, table, matches=None, default_month: str | None = None, title: str | None = None,
                      head_facts: list[str] = ()) -> ImportDialog | None:
        """What was understood of a file or of pasted rows, shown before anything is written."""
        from ..excel.importing import match_agencies

        store = self.session.store
        matches = match_agencies(store, table) if matches is None else matches
        month = default_month or (store.plans.get(self.plan_id).month if self.plan_id is not None else None)
        dialog = ImportDialog(self, store, table, matches, month, title=title, head_facts=list(head_facts))
        if dialog.exec():
            table = dialog.chosen_table()                 # the rows the clerk kept
            target = next((s.plan for s in store.plans.summaries() if s.plan.month == dialog.chosen_month()), None)
            if target is not None and target.locked:
                show_error(self, f"Kế hoạch tháng {month_label(target.month)} đã ban hành nên chưa nhập thêm được. "
                                 "Chọn tháng đó rồi bấm «Sửa kế hoạch đã ban hành…», hoặc nhập vào một tháng khác.")
                return dialog
            command = ImportTasks(self.session, table, dialog.chosen_month(), dialog.choices())
            if self.session.execute(command):
                self.select_plan(command.result.plan_id)
                unfiltered = self._show_everything()          # the new rows must be seen, not hidden by a filter
                self.statusBar().showMessage(f"Đã nhập: {command.result.summary(store)}. Ctrl+Z để hoàn tác."
                                             + (" Đã bỏ lọc để hiện các nhiệm vụ vừa nhập." if unfiltered else ""), 8000)
        return dialog

    def export_excel(self, path: str | None = None) -> None:
        from ..excel.export import ExportOptions, export_plan

        def write(store, month, target):
            tasks = self.model.tasks()
            options = ExportOptions(with_coordinators=any(t.coordinator_ids for t in tasks),
                                    with_deadline=any(t.deadline_text or t.due_date for t in tasks))
            return f"Đã xuất {export_plan(store, month, target, options)} nhiệm vụ ra «{target}»."

        self._export("Xuất ra Excel", "xlsx", "Bảng tính Excel (*.xlsx)", write, path)

    def export_word(self, path: str | None = None) -> None:
        """The plan and its appendix as a .docx the leaders can amend in Word."""
        from ..docx_export import export_docx

        def write(store, month, target):
            export_docx(store, month, target, "all")
            return f"Đã xuất kế hoạch và phụ lục ra «{target}»."

        self._export("Xuất ra Word", "docx", "Văn bản Word (*.docx)", write, path)

    def _export(self, title: str, suffix: str, file_filter: str, write, path: str | None) -> None:
        """Ask where (unless ``path`` is given), write, and say what happened."""
        if self.plan_id is None:
            return
        plan = self.session.store.plans.get(self.plan_id)
        if not path:
            path = ask(self, self.settings, title, file_filter, save_as=f"ke-hoach-{plan.month}.{suffix}")
        if not path:
            return
        try:
            message = write(self.session.store, plan.month, path)
        except KhdeskError as err:
            show_error(self, str(err))
            return
        self.statusBar().showMessage(message, 8000)

    # ----- files ---------------------------------------------------------------------------
    def open_file(self, path: str | None = None) -> None:
        if not path:
            path = ask(self, self.settings, "Mở tệp dữ liệu khdesk", "Dữ liệu khdesk (*.db);;Mọi tệp (*)",
                       folder=str(self.session.store.path.parent))
        if not path:
            return
        store = open_with_questions(self, lambda: Store.open(path))
        if store is None:
            return
        if store.warning:
            show_error(self, store.warning, "khdesk — Lưu ý")
        old = self.session.store
        self.session.store = store
        self.session.undo_stack.clear()
        old.close()
        self.plan_id = None
        self.session.refresh_all()
        self._remember(store.path)
        self._set_title()

    def save_copy(self) -> None:
        store_path = self.session.store.path
        path = ask(self, self.settings, "Lưu bản sao", "Dữ liệu khdesk (*.db)", save_as=store_path.stem + "-ban-sao.db",
                   folder=str(store_path.parent))
        if path:
            self.session.guard(lambda: self.session.store.copy_to(path))

    def backup_now(self) -> None:
        def work():
            path = self.session.store.backup("thu-cong")
            self.statusBar().showMessage(f"Đã sao lưu vào «{path}».", 8000)
        self.session.guard(work)

    def restore_backup(self) -> None:
        from .backup_dialog import RestoreDialog

        dialog = RestoreDialog(self, self.session.store.path)
        if not dialog.exec() or dialog.chosen() is None:
            return
        chosen = dialog.chosen()
        if not confirm(self, f"Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu lúc {chosen.taken:%H:%M %d/%m/%Y}? "
                             "Dữ liệu hiện tại được sao lưu trước.", yes="Khôi phục", no="Hủy"):
            return

        def work():
            safety = self.session.store.restore_from(chosen.path)
            self.statusBar().showMessage(f"Đã khôi phục. Dữ liệu trước đó được lưu ở «{safety.name}».", 10000)
        if self.session.guard(work):
            self.session.undo_stack.clear()
            self.plan_id = None
            self.session.refresh_all()
            self._reload_plans()

    def _remember(self, path: Path) -> None:
        recent = [p for p in self.settings.value("recent", [], list) if p != str(path)]
        self.settings.setValue("recent", [str(path)] + recent[:MAX_RECENT - 1])
        self.settings.setValue("last_file", str(path))
        self._rebuild_recent()

    def _rebuild_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.value("recent", [], list):
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def _set_title(self) -> None:
        store = self.session.store
        self.setWindowTitle(f"khdesk — {store.path}" + (" (chỉ đọc)" if store.read_only else ""))
        self._apply_editability()
        self.tree.setEnabled(True)
        for button in self.tree.buttons.values():
            button.setVisible(not store.read_only)

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


def word_facts(plan) -> list[str]:
    """The header of a Word plan as the import preview shows it, above its tasks."""
    f = plan.fields
    number = f"{f.get('number') or '…'}/{f.get('symbol', '')}"
    when = f" ngày {f['issued_on']:%d/%m/%Y}" if f.get("issued_on") else " (chưa có ngày ban hành)"
    facts = [f"{f.get('doc_type', 'KẾ HOẠCH')} số {number}{when} — kế hoạch tháng {month_label(plan.month)} (mới).",
             f"Trích yếu: {f.get('subject') or '(không thấy)'}"]
    parts = [f"căn cứ {len(f.get('grounds', '').splitlines())} đoạn", f"I. {len(f.get('general_tasks', ()))} nhiệm vụ chung",
             f"nơi nhận {len(f.get('recipients', ()))}",
             "người ký: " + (" ".join(x for x in (f.get("signer_authority", ""), f.get("signer_title", ""),
                                                f.get("signer_name", "")) if x) or "(không thấy)")]
    facts.append("; ".join(parts) + ".")
    for text in plan.unplaced[:5]:
        facts.append(f"Giữ nguyên chỗ (không nhận ra): {text[:120]}")
    return facts + plan.notes[:3]
