"""Choosing an agency by typing: "so y" finds Sở Y tế, "skhdt" finds Sở Kế hoạch và Đầu tư
(case, diacritics and đ ignored; names, printed forms and aliases all count)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter

from ..domain.models import Agency
from ..domain.text import fold

AgencyIdRole = Qt.ItemDataRole.UserRole + 10
FoldedRole = Qt.ItemDataRole.UserRole + 11


def agency_items(agencies: list[Agency], include_retired: bool = False, parent=None) -> QStandardItemModel:
    model = QStandardItemModel(parent)     # owned by a parent: a combo box does not own its model
    for a in agencies:
        if not a.active and not include_retired:
            continue
        label = a.print_name if a.active else f"{a.print_name} (ngừng sử dụng)"
        item = QStandardItem(label)
        item.setData(a.id, AgencyIdRole)
        item.setData(" | ".join(fold(x) for x in (a.name, a.print_name, *a.aliases)), FoldedRole)
        item.setToolTip(a.name)
        model.appendRow(item)
    return model


class _FoldedCompleter(QCompleter):
    """A completer that compares folded text with the folded names of each item."""

    def splitPath(self, path):
        return [fold(path)]

    def pathFromIndex(self, index):
        return index.data(Qt.ItemDataRole.DisplayRole)


class ListComboBox(QComboBox):
    """A combo box whose list opens with Alt+↓ (or F4) as in every Windows program, also where the window
    binds Alt+↑/↓ to «Chuyển lên/xuống» (a grid cell or the task pane being edited keeps the keys)."""

    def event(self, event):
        if event.type() == QEvent.Type.ShortcutOverride and event.modifiers() == Qt.KeyboardModifier.AltModifier \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            event.accept()
            return True
        return super().event(event)


class AgencyPicker(ListComboBox):
    """An editable combo box of agencies with diacritics-insensitive type-ahead."""
    agencyChosen = Signal(object)       # agency id or None

    def __init__(self, parent=None, allow_none: bool = True):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # long agency names must not make the pane (or a grid cell editor) wide
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.allow_none = allow_none
        self._completer = _FoldedCompleter(self)
        self._completer.setCompletionRole(FoldedRole)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(self._completer)
        self._completer.activated.connect(self._picked_text)
        self.activated.connect(lambda _i: self.agencyChosen.emit(self.current_agency_id()))
        self.lineEdit().setPlaceholderText("Gõ tên cơ quan, ví dụ «so y te»…")

    def set_agencies(self, agencies: list[Agency], include_retired_ids: set[int] = frozenset()) -> None:
        current = self.current_agency_id()
        model = agency_items([a for a in agencies if a.active or a.id in include_retired_ids], include_retired=True,
                             parent=self)
        if self.allow_none:
            model.insertRow(0, QStandardItem(""))
        self.blockSignals(True)     # (setModel deletes the previous model, which has this box as parent)
        self.setModel(model)
        self._completer.setModel(model)
        self.set_agency_id(current)
        self.blockSignals(False)

    def current_agency_id(self) -> int | None:
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchExactly) if text else -1
        if index < 0:
            matches = [r for r in range(self.count()) if fold(text) and fold(text) in
                       (self.itemData(r, FoldedRole) or "").split(" | ")]
            index = matches[0] if len(matches) == 1 else -1
        return self.itemData(index, AgencyIdRole) if index >= 0 else None

    def set_agency_id(self, agency_id: int | None) -> None:
        for row in range(self.count()):
            if self.itemData(row, AgencyIdRole) == agency_id:
                self.setCurrentIndex(row)
                return
        self.setCurrentIndex(0 if self.allow_none else -1)
        if agency_id is None:
            self.setEditText("")

    def _picked_text(self, text: str) -> None:
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            self.setCurrentIndex(index)
            self.agencyChosen.emit(self.current_agency_id())

