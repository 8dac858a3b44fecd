"""The task grid as a clerk uses it: Nội dung takes the room the other columns leave, every column
can be dragged wider or narrower (remembered with the window), optional columns are switched on and
off from the header's context menu, rows grow to show the whole text (or keep three lines, a
setting), and editing starts only on purpose — F2, a typed key (which replaces the cell, as in
Excel) or a double-click; never on a click on the selected row."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QMenu, QStyle, QTableView, QWidget

from .delegates import AgencyDelegate, StatusDelegate, WrappedTextDelegate
from .task_model import COLUMNS, CONTENT, COORDINATORS, DEADLINE, LEAD, STATUS, TT

EDIT_TRIGGERS = (QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                 | QAbstractItemView.EditTrigger.AnyKeyPressed)
OPTIONAL_COLUMNS = (COORDINATORS, DEADLINE, STATUS)         # hidden until the clerk shows them
PAD_TT = 6              # around the number and the icon in TT (the style's margins)
WIDTHS = {TT: 36, LEAD: 170, COORDINATORS: 140, DEADLINE: 100, STATUS: 110}
MIN_CONTENT = 220
SHORT_ROW_LINES = 3


class TaskGrid(QTableView):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(EDIT_TRIGGERS)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setMinimumSectionSize(self.fontMetrics().lineSpacing() + 8)
        self.whole_text = True
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionsMovable(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.sectionResized.connect(self._section_resized)
        self.setItemDelegateForColumn(CONTENT, WrappedTextDelegate(self))
        self.setItemDelegateForColumn(COORDINATORS, WrappedTextDelegate(self))
        self.setItemDelegateForColumn(DEADLINE, WrappedTextDelegate(self))
        self.setItemDelegateForColumn(LEAD, AgencyDelegate(session, self))
        self.setItemDelegateForColumn(STATUS, StatusDelegate(self))
        self.edit_started_by_key = False
        self.header_menu = QMenu(self)
        self._fitted: set[int] = set()
        self._refit_timer = QTimer(self, singleShot=True, interval=0)
        self._refit_timer.timeout.connect(self.fit_visible_rows)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._refit_timer.start())
        session.add_flusher(self, self.commit_editor)

    def commit_editor(self) -> None:
        """Save the cell being edited and close its editor, as a click elsewhere would. Run before every
        menu action and command (``Session.flush_pending``): Alt+↑ or Insert pressed while a cell is open
        used to move or add a row and drop what was typed in the cell."""
        if self.state() != self.State.EditingState:
            return
        for editor in self.viewport().findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if editor.isVisible():
                self.commitData(editor)
                self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setModel(self, model) -> None:
        super().setModel(model)
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._refit_all)
        model.dataChanged.connect(self._refit_rows)
        header = self.horizontalHeader()
        for col in range(len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            if col in WIDTHS:
                self.setColumnWidth(col, WIDTHS[col])
        for col in OPTIONAL_COLUMNS:
            self.setColumnHidden(col, True)
        self.set_whole_text(self.whole_text)

    # ----- columns ---------------------------------------------------------------------------
    def fit_content(self) -> None:
        """Nội dung gets the width the other shown columns leave (never below MIN_CONTENT)."""
        header = self.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(len(COLUMNS)) if c != CONTENT and not header.isSectionHidden(c))
        width = max(MIN_CONTENT, self.viewport().width() - others)
        if header.sectionSize(CONTENT) != width:
            header.resizeSection(CONTENT, width)

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if column != CONTENT:
            self.fit_content()
        if self.whole_text:
            self._refit_all()                    # widths changed: every height is to measure again

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._refit_timer.start()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_content()
        self._refit_timer.start()

    def _header_menu(self, pos) -> None:
        self.fill_column_menu(self.header_menu)
        self.header_menu.popup(self.horizontalHeader().mapToGlobal(pos))

    def fill_column_menu(self, menu: QMenu) -> QMenu:
        """The optional columns to show or hide, and the row height setting, fresh each time at the
        end of ``menu`` (what else the menu holds stays)."""
        for old in menu.property("grid_actions") or []:
            menu.removeAction(old)
            old.deleteLater()
        made = []
        for col in OPTIONAL_COLUMNS:
            action = menu.addAction(f"Hiện cột «{COLUMNS[col]}»")
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(col))
            action.toggled.connect(lambda on, c=col: self.show_column(c, on))
            made.append(action)
        made.append(menu.addSeparator())
        whole = menu.addAction("Hiện đủ nội dung mỗi nhiệm vụ (dòng cao theo nội dung)")
        whole.setCheckable(True)
        whole.setChecked(self.whole_text)
        whole.toggled.connect(self.set_whole_text)
        made.append(whole)
        menu.setProperty("grid_actions", made)
        return menu

    def show_column(self, column: int, shown: bool) -> None:
        self.setColumnHidden(column, not shown)
        if shown and self.columnWidth(column) < 30:
            self.setColumnWidth(column, WIDTHS[column])
        self.fit_content()

    def set_whole_text(self, whole: bool) -> None:
        """Rows as tall as their text, or three lines each (long texts end in "…"). Heights are
        measured for the rows in sight only (as they come into sight), so a plan of thousands of
        tasks opens as fast as a short one."""
        self.whole_text = whole
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(SHORT_ROW_LINES * self.fontMetrics().lineSpacing() + 8)
        for row in range(self.model().rowCount() if self.model() else 0):
            vertical.resizeSection(row, vertical.defaultSectionSize())
        self._refit_all()

    def _refit_all(self, *_args) -> None:
        self._fitted.clear()
        self._refit_timer.start()
        self.fit_number_column()

    def fit_number_column(self) -> None:
        """TT as wide as the plan's largest number beside the overdue icon: «50…» was shown for 5012."""
        rows = self.model().rowCount() if self.model() is not None else 0
        digits = self.fontMetrics().horizontalAdvance("9" * max(2, len(str(rows))))
        icon = self.iconSize().width() if self.iconSize().isValid() else \
            self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self)
        needed = digits + icon + 4 * PAD_TT
        if self.columnWidth(TT) < needed:
            self.setColumnWidth(TT, needed)
            self.fit_content()

    def _refit_rows(self, top_left, bottom_right, *_roles) -> None:
        self._fitted.difference_update(range(top_left.row(), bottom_right.row() + 1))
        self._refit_timer.start()

    def fit_visible_rows(self) -> None:
        """Each row in sight (and a screen's worth below) as tall as its text."""
        if not self.whole_text or self.model() is None or not self.model().rowCount() \
                or not self.isVisible() or self.viewport().height() <= 0:
            return                                       # (shown or resized later: measured then)
        vertical = self.verticalHeader()
        for _ in range(4):                               # heights move the rows: until what is in sight is fitted
            first = max(0, self.rowAt(0))
            last = self.rowAt(self.viewport().height() - 1)
            last = self.model().rowCount() - 1 if last < 0 else min(self.model().rowCount() - 1, last + 20)
            changed = False
            for row in range(first, last + 1):
                if row in self._fitted:
                    continue
                self._fitted.add(row)
                height = max(self.sizeHintForRow(row), vertical.minimumSectionSize())
                if vertical.sectionSize(row) != height:
                    vertical.resizeSection(row, height)
                    changed = True
            if not changed:
                break

    def restore_layout(self, state) -> None:
        """Columns as the clerk left them (widths, shown or hidden); Nội dung still fills the room."""
        if state is not None:
            self.horizontalHeader().restoreState(state)
            for col in range(len(COLUMNS)):     # an older saved state may hold other resize modes
                self.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self.fit_content()

    # ----- editing on purpose ----------------------------------------------------------------
    def edit(self, index, trigger=QAbstractItemView.EditTrigger.AllEditTriggers, event=None):
        self.edit_started_by_key = trigger == QAbstractItemView.EditTrigger.AnyKeyPressed
        return super().edit(index, trigger, event)

    def keyPressEvent(self, event) -> None:
        # Enter on a row (not editing) opens the cell, as F2 does in Excel's edit mode
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState \
                and self.currentIndex().isValid() and self.editTriggers() != self.EditTrigger.NoEditTriggers:
            if self.edit(self.currentIndex(), QAbstractItemView.EditTrigger.EditKeyPressed, event):
                return
        super().keyPressEvent(event)
