"""The agency tree: groups and agencies with the number of tasks each leads in the current plan.
Selecting a node filters the grid; the buttons add, rename, reorder, retire and merge agencies."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..domain.models import AGENCY_KIND_LABELS, Agency
from ..domain.text import nfc
from .agency_picker import AgencyPicker
from .commands import AddAgency, EditAgency, MergeAgencies, MoveAgency, RetireAgency
from .messages import confirm, ok_cancel_buttons, show_info
from .session import Session

AgencyIdRole = Qt.ItemDataRole.UserRole + 20
CountRole = Qt.ItemDataRole.UserRole + 21
ShortFormsRole = Qt.ItemDataRole.UserRole + 22      # (shorter names in the catalogue's order, what follows them)
ALL = -1


def short_forms(agency: Agency) -> tuple[str, ...]:
    """The names the office writes in short, best first: «Sở KH&ĐT», «UBND TP. Nha Trang» (aliases of more
    than one word and shorter than the printed name; a bare acronym such as «SKHĐT» is no name to read)."""
    return tuple(alias for alias in agency.aliases if " " in alias.strip() and len(alias) < len(agency.print_name))


class ShortNameDelegate(QStyledItemDelegate):
    """Where the tree is too narrow for a name (1024×768), the office's own short form of it with its count
    («Sở KH&ĐT (3)», not «Sở Kế hoạch và…»); cut only when no short form fits, the count always kept.
    The whole name is the tooltip."""

    def initStyleOption(self, option, index):
        super().initStyleOption(option, index)
        forms, tail = index.data(ShortFormsRole) or ((), "")
        if option.rect.width() <= 0 or not option.text:
            return
        style = option.widget.style() if option.widget else QApplication.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, option.widget) + 1   # as Qt draws
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget).width() - 2 * margin
        metrics = option.fontMetrics
        if metrics.horizontalAdvance(option.text) <= room:
            return
        for form in forms:
            if metrics.horizontalAdvance(form + tail) <= room:
                option.text = form + tail
                return
        shortest = min((option.text[:len(option.text) - len(tail)], *forms), key=len)
        option.text = metrics.elidedText(shortest, Qt.TextElideMode.ElideRight,
                                         max(room - metrics.horizontalAdvance(tail), 0)) + tail


class AgencyDialog(QDialog):
    """Add or edit an agency: name, printed form, kind, aliases."""

    def __init__(self, parent, title: str, agency: Agency | None = None, kind: str = "department",
                 groups: list[Agency] | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.name = QLineEdit(agency.name if agency else "")
        self.short = QLineEdit(agency.short_name or "" if agency else "")
        self.short.setPlaceholderText("để trống nếu in đúng tên đầy đủ")
        self.kind = QComboBox()
        for code, label in AGENCY_KIND_LABELS.items():
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(self.kind.findData(agency.kind if agency else kind))
        self.aliases = QPlainTextEdit("\n".join(agency.aliases) if agency else "")
        self.aliases.setPlaceholderText("mỗi dòng một cách viết khác, ví dụ «Sở KH&ĐT»")
        self.aliases.setFixedHeight(80)
        form.addRow("Tên đầy đủ:", self.name)
        form.addRow("Tên in trong phụ lục:", self.short)
        form.addRow("Loại:", self.kind)
        form.addRow("Tên gọi khác:", self.aliases)
        self.group = None
        if groups is not None:                       # a new agency: the clerk picks its group
            self.group = QComboBox()
            self.group.addItem("(không thuộc nhóm nào)", None)
            for g in groups:
                self.group.addItem(g.print_name, g.id)
            form.addRow("Thuộc nhóm:", self.group)
        buttons = ok_cancel_buttons(self)
        form.addRow(buttons)
        self.resize(520, 0)

    def values(self) -> dict:
        values = {"name": nfc(self.name.text()), "short_name": nfc(self.short.text()) or None,
                  "kind": self.kind.currentData(),
                  "aliases": tuple(nfc(a.strip()) for a in self.aliases.toPlainText().splitlines() if a.strip())}
        if self.group is not None:
            values["parent_id"] = self.group.currentData()
        return values


class PickAgencyDialog(QDialog):
    def __init__(self, parent, title: str, label: str, agencies: list[Agency], allow_none: bool):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.picker = AgencyPicker(self, allow_none=allow_none)
        self.picker.set_agencies(agencies)
        self.picker.setMinimumWidth(380)
        form.addRow(label, self.picker)
        buttons = ok_cancel_buttons(self)
        form.addRow(buttons)


class AgencyTree(QWidget):
    filterChanged = Signal(object)          # set of agency ids, or None for "Tất cả"

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.plan_id: int | None = None
        self.model = QStandardItemModel(self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformRowHeights(True)
        self.view.setItemDelegate(ShortNameDelegate(self.view))
        self.view.selectionModel().currentChanged.connect(self._selected)

        bar = QGridLayout()
        bar.setSpacing(2)
        bar.setContentsMargins(0, 0, 0, 0)
        # the buttons act on the catalogue of agencies, not on tasks: said above them
        caption = QLabel("<b>Danh mục cơ quan</b>")
        caption.setToolTip("Chọn một cơ quan để chỉ hiện nhiệm vụ cơ quan đó chủ trì; các nút dưới đây sửa danh mục")
        bar.addWidget(caption, 0, 0, 1, 4)
        self.buttons = {}
        for key, text, tip, slot in (
            ("add", "Thêm", "Thêm cơ quan vào nhóm đang chọn", self.add_agency),
            ("edit", "Sửa", "Đổi tên, tên in, tên gọi khác", self.edit_agency),
            ("up", "▲", "Chuyển lên (Alt+↑ trong cây)", lambda: self.move_selected(-1)),
            ("down", "▼", "Chuyển xuống", lambda: self.move_selected(+1)),
            ("retire", "Ngừng", "Ngừng sử dụng cơ quan (giữ lại lịch sử)", self.retire_agency),
            ("merge", "Gộp…", "Gộp vào cơ quan khác: nhiệm vụ chuyển sang cơ quan đó", self.merge_agency),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            bar.addWidget(button, 1 + len(self.buttons) // 3, len(self.buttons) % 3)    # two rows: a narrow tree fits
            self.buttons[key] = button
        bar.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        session.changed.connect(self._on_change)

    # ----- building ------------------------------------------------------------------------
    def _on_change(self, change) -> None:
        """Rebuilt only when agencies, or which agency leads which task of this plan, changed."""
        if change.agencies or change.everything or (change.plan_id == self.plan_id and change.leads_changed):
            self.rebuild()

    def set_plan(self, plan_id: int | None) -> None:
        self.plan_id = plan_id
        self.rebuild()

    def rebuild(self) -> None:
        store = self.session.store
        selected = self.selected_id()
        expanded = {self.model.itemFromIndex(i).data(AgencyIdRole) for i in self._all_indexes()
                    if self.view.isExpanded(i)}
        agencies = store.agencies.all()
        led = store.agencies.tasks_led(self.plan_id) if self.plan_id is not None else {}
        children: dict[int | None, list[Agency]] = {}
        for a in agencies:
            children.setdefault(a.parent_id, []).append(a)

        def tasks_under(a: Agency) -> set[int]:
            """The tasks the agency or any member of the group leads (a joint task counts once)."""
            return led.get(a.id, set()).union(*(tasks_under(c) for c in children.get(a.id, [])))

        def subtotal(a: Agency) -> int:
            return len(tasks_under(a))

        self.model.removeRows(0, self.model.rowCount())   # (PySide's clear() can crash here)
        total = store.tasks.count(self.plan_id) if self.plan_id is not None else 0
        root = QStandardItem(f"Tất cả ({total})")
        root.setData(ALL, AgencyIdRole)
        self.model.appendRow(root)

        def add(parent_item, parent_id):
            for a in children.get(parent_id, []):
                n = subtotal(a)
                tail = (f" ({n})" if n else "") + ("" if a.active else " (ngừng)")
                item = QStandardItem(a.print_name + tail)
                item.setData(a.id, AgencyIdRole)
                item.setData(n, CountRole)
                item.setData((short_forms(a), tail), ShortFormsRole)
                item.setToolTip(a.name + ("" if a.active else " — đã ngừng sử dụng"))
                if not a.active:
                    item.setForeground(QBrush(QColor(140, 140, 140)))
                if n:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                parent_item.appendRow(item)
                add(item, a.id)

        selection = self.view.selectionModel()
        selection.blockSignals(True)          # the filter changes only if the selection does
        add(self.model.invisibleRootItem(), None)
        for index in self._all_indexes():
            agency_id = self.model.itemFromIndex(index).data(AgencyIdRole)
            item = self.model.itemFromIndex(index)
            if agency_id in expanded or (not expanded and item.hasChildren() and (item.data(CountRole) or 0) > 0):
                self.view.setExpanded(index, True)
        self.select(selected if selected is not None else ALL)
        selection.blockSignals(False)
        if self.selected_id() != selected:
            self._selected(self.view.currentIndex(), None)

    def _all_indexes(self):
        stack = [self.model.index(r, 0) for r in range(self.model.rowCount())]
        while stack:
            index = stack.pop()
            yield index
            stack += [self.model.index(r, 0, index) for r in range(self.model.rowCount(index))]

    # ----- selection -----------------------------------------------------------------------
    def selected_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(AgencyIdRole) if index.isValid() else None

    def select(self, agency_id: int) -> None:
        for index in self._all_indexes():
            if index.data(AgencyIdRole) == agency_id:
                self.view.setCurrentIndex(index)
                return

    def _selected(self, current, previous) -> None:
        agency_id = current.data(AgencyIdRole) if current.isValid() else ALL
        if agency_id in (None, ALL):
            self.filterChanged.emit(None)
        else:
            self.filterChanged.emit(set(self.session.store.agencies.descendant_ids(agency_id)))
        for key in ("edit", "up", "down", "retire", "merge"):
            self.buttons[key].setEnabled(agency_id not in (None, ALL))

    # ----- actions -------------------------------------------------------------------------
    def _agency(self) -> Agency | None:
        agency_id = self.selected_id()
        return self.session.store.agencies.get(agency_id) if agency_id not in (None, ALL) else None

    def add_agency(self) -> None:
        current = self._agency()
        parent_id = None
        if current is not None:
            parent_id = current.id if current.kind == "group" else current.parent_id
        groups = [a for a in self.session.store.agencies.all() if a.kind == "group" and a.active]
        dialog = AgencyDialog(self, "Thêm cơ quan", groups=groups)       # «Thuộc nhóm», the selected one first
        dialog.group.setCurrentIndex(max(0, dialog.group.findData(parent_id)))
        if dialog.exec():
            values = dialog.values()
            parent_id = values.pop("parent_id", parent_id)
            command = AddAgency(self.session, values.pop("name"), values.pop("kind"), parent_id, **values)
            if self.session.execute(command):
                self.select(command.agency.id)

    def edit_agency(self) -> None:
        agency = self._agency()
        if agency is None:
            return
        dialog = AgencyDialog(self, "Sửa cơ quan", agency)
        if dialog.exec():
            changes = {k: v for k, v in dialog.values().items() if v != getattr(agency, k)}
            if changes:
                self.session.execute(EditAgency(self.session, agency.id, f"Sửa cơ quan «{agency.print_name}»",
                                                **changes))

    def move_selected(self, step: int) -> None:
        agency = self._agency()
        if agency is None:
            return
        siblings = self.session.store.agencies.children(agency.parent_id)
        position = agency.position + step
        if 1 <= position <= len(siblings):
            self.session.execute(MoveAgency(self.session, agency.id, position))
            self.select(agency.id)

    def retire_agency(self) -> None:
        agency = self._agency()
        if agency is None or not agency.active:
            return
        others = [a for a in self.session.store.agencies.all() if a.id != agency.id]
        dialog = PickAgencyDialog(self, f"Ngừng sử dụng «{agency.print_name}»",
                                  "Cơ quan thay thế (nếu có):", others, allow_none=True)
        if dialog.exec():
            self.session.execute(RetireAgency(self.session, agency.id, dialog.picker.current_agency_id()))

    def merge_agency(self) -> None:
        agency = self._agency()
        if agency is None:
            return
        others = [a for a in self.session.store.agencies.all() if a.id != agency.id and a.active]
        dialog = PickAgencyDialog(self, f"Gộp «{agency.print_name}»", "Gộp vào:", others, allow_none=False)
        if not dialog.exec():
            return
        into = dialog.picker.current_agency_id()
        if into is None:
            show_info(self, "Chưa chọn cơ quan nhận.")
            return
        used = self.session.store.agencies.usage_count(agency.id)
        target = self.session.store.agencies.get(into).print_name
        if confirm(self, f"Chuyển {used} nhiệm vụ của «{agency.print_name}» sang «{target}» và ngừng sử dụng "
                         f"«{agency.print_name}»? (Có thể hoàn tác bằng Ctrl+Z.)", yes="Gộp"):
            self.session.execute(MergeAgencies(self.session, [agency.id], into))

