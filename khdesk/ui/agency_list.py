"""Small parts of the task pane: a list of agencies the clerk adds to, removes from and orders
(co-leads, co-ordinators), and a save-on-leaving hook for text fields."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .agency_tree import PickAgencyDialog
from .session import Session


class FocusOut(QObject):
    """Calls back when a widget loses the keyboard focus, once the focus change is complete
    (changing models in the middle of a focus change crashes Qt)."""

    def __init__(self, widget, callback):
        super().__init__(widget)
        self.callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(0, self, self.callback)     # dropped if the pane is gone
        return False


class AgencyList(QWidget):
    """Agencies in order (the other lead agencies, the co-ordinators): add, remove, move up/down.
    ``changed`` gives the whole new list; ``up_from_top`` is asked when the first one moves up."""
    changed = Signal(tuple)
    up_from_top = Signal(int)

    def __init__(self, session: Session, title: str, parent=None):
        super().__init__(parent)
        self.session, self.title = session, title
        self.ids: tuple[int, ...] = ()
        self.list = QListWidget()
        self.list.setMinimumHeight(24)
        self.list.setMaximumHeight(60)
        buttons = QVBoxLayout()
        buttons.setSpacing(0)
        for text, tip, slot in (("+", f"Thêm {title}…", self._add), ("−", f"Bỏ {title} đang chọn", self._remove),
                                ("▲", "Đưa lên trước", lambda: self._move(-1)), ("▼", "Đưa xuống sau", lambda: self._move(1))):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(slot)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)     # the list itself takes Insert, Delete, Alt+↑↓
            buttons.addWidget(button)
        buttons.addStretch(1)
        pair = QHBoxLayout()
        pair.setContentsMargins(0, 0, 0, 0)
        pair.addWidget(self.list, 1)
        grid = QGridLayout()
        grid.setSpacing(0)
        for i in range(buttons.count() - 1):
            grid.addWidget(buttons.itemAt(i).widget(), i // 2, i % 2)
        pair.addLayout(grid)
        self.setLayout(pair)
        self.buttons = [grid.itemAt(i).widget() for i in range(grid.count())]
        self.list.installEventFilter(self)
        self.list.setToolTip("Insert: thêm · Delete: bỏ · Alt+↑/Alt+↓: đổi thứ tự")

    def eventFilter(self, obj, event):
        if obj is self.list and event.type() == QEvent.Type.KeyPress:
            key, alt = event.key(), event.modifiers() & Qt.KeyboardModifier.AltModifier
            action = {Qt.Key.Key_Insert: self._add, Qt.Key.Key_Delete: self._remove}.get(key)
            if alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                action = (lambda: self._move(-1)) if key == Qt.Key.Key_Up else (lambda: self._move(1))
            if action is not None:
                action()
                return True
        return False

    def set_ids(self, ids) -> None:
        self.ids = tuple(ids)
        row = self.list.currentRow()
        self.list.clear()
        for agency_id in self.ids:
            item = QListWidgetItem(self.session.store.agencies.get(agency_id).print_name)
            item.setData(Qt.ItemDataRole.UserRole, agency_id)
            self.list.addItem(item)
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)

    def _add(self) -> None:
        dialog = PickAgencyDialog(self, f"Thêm {self.title}", "Cơ quan:", self.session.store.agencies.all(),
                                  allow_none=False)
        if dialog.exec():
            agency_id = dialog.picker.current_agency_id()
            if agency_id is not None and agency_id not in self.ids:
                self.changed.emit((*self.ids, agency_id))

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.changed.emit(self.ids[:row] + self.ids[row + 1:])

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        if row + step < 0:
            self.up_from_top.emit(self.ids[row])
            return
        if row + step >= len(self.ids):
            return
        ids = list(self.ids)
        ids[row], ids[row + step] = ids[row + step], ids[row]
        self.list.setCurrentRow(row + step)
        self.changed.emit(tuple(ids))
