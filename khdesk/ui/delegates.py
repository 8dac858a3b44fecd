"""How the grid's cells are drawn and edited."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QTextCursor, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..domain.models import TASK_STATUS_LABELS
from ..domain.text import nfc
from .agency_picker import AgencyPicker, ListComboBox

PAD = 4


def _started_by_key(editor) -> bool:
    """Whether the grid opened this editor because a key was typed (the key then replaces the cell)."""
    view = editor.parent().parent() if editor.parent() is not None else None
    return bool(getattr(view, "edit_started_by_key", False))


SHORT_CELL = 40          # characters on one line: a typed key may replace it (Excel's habit)


def replaceable_by_a_key(text: str) -> bool:
    """Whether a key typed on the cell may replace it: a short one-line cell only. A task of several
    sentences or paragraphs replaced by one stray key (after a dialog closed, say) is lost to all but
    Ctrl+Z; the key then goes on at its end instead."""
    return len(text) <= SHORT_CELL and "\n" not in text


class WrappedTextDelegate(QStyledItemDelegate):
    """Wrapped text that fills the row and ends with "…" when there is more than fits; edited in a
    multi-line editor: Enter saves, Shift+Enter or Alt+Enter is a new line in the cell, Esc cancels,
    Tab saves and goes to the next cell."""

    def paint(self, painter, option, index):
        """The lines that fit, wrapped here (the last one ending in "…" when more is hidden), drawn by
        the style itself: the style chooses the colours. Windows' own styles draw a selected row light
        and keep the ordinary text colour on it; a pen of our own in the palette's white "highlighted
        text" made the selected row's text all but invisible there."""
        self.initStyleOption(option, index)
        rect = option.rect.adjusted(PAD, 2, -PAD, -2)
        # (QChar::LineSeparator: the style breaks the line there, as Qt's own delegate does with "\n")
        option.text = "\u2028".join(_lines_that_fit(option.text, option.font, option.fontMetrics, rect))
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText
        option.displayAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        option.textElideMode = Qt.TextElideMode.ElideRight
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)

    def sizeHint(self, option, index):
        """As tall as the whole wrapped text at the column's width (rows that grow to fit)."""
        size = super().sizeHint(option, index)
        view = self.parent()
        width = (view.columnWidth(index.column()) if hasattr(view, "columnWidth") else option.rect.width()) - 2 * PAD
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        lines = sum(len(_wrap(p, option.font, max(20, width))) for p in text.replace("\r\n", "\n").split("\n"))
        size.setHeight(max(1, lines) * option.fontMetrics.lineSpacing() + 6)
        return size

    def createEditor(self, parent, option, index):
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        editor.setToolTip("Enter: lưu · Shift+Enter hoặc Alt+Enter: xuống dòng trong ô · Esc: hủy")
        return editor

    def setEditorData(self, editor, index):
        if editor.property("khdesk_filled"):      # (a model refresh while typing must not undo the typing)
            return
        editor.setProperty("khdesk_filled", True)
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        editor.setPlainText(text)
        if _started_by_key(editor) and replaceable_by_a_key(text):
            editor.selectAll()                     # the typed key replaces a short cell, as in Excel
            return
        editor.moveCursor(QTextCursor.MoveOperation.End)
        if _started_by_key(editor):                # a stray key never wipes a task's wording
            window = editor.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage("Nội dung dài được giữ nguyên: chữ vừa gõ nối vào cuối. "
                                               "Esc: hủy; muốn thay cả ô thì Ctrl+A rồi gõ.", 10000)

    def setModelData(self, editor, model, index):
        model.setData(index, nfc(editor.toPlainText()), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index):
        rect = option.rect
        rect.setHeight(max(rect.height(), 3 * option.fontMetrics.lineSpacing() + 8))
        editor.setGeometry(rect)

    def eventFilter(self, editor, event):
        # Enter saves; Shift/Alt+Enter is a new line; Escape cancels, Tab and focus-out save (the base class).
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier):
                editor.insertPlainText("\n")
                return True
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(editor, event)


def _lines_that_fit(text: str, font, metrics, rect) -> list[str]:
    """``text`` wrapped at the width of ``rect``, as many lines as its height holds; when more is
    hidden the last line shown ends with "…"."""
    slots = max(1, int(rect.height() // metrics.lineSpacing()))
    width = rect.width()
    shown: list[str] = []
    paragraphs = text.replace("\r\n", "\n").replace("\u2028", "\n").split("\n")
    for p_index, paragraph in enumerate(paragraphs):
        for start, length in _wrap(paragraph, font, width):
            line = paragraph[start:start + length]
            more = start + length < len(paragraph) or p_index + 1 < len(paragraphs)
            if len(shown) + 1 == slots and more:
                tail = paragraph[start:] + (" …" if p_index + 1 < len(paragraphs) else "")
                shown.append(metrics.elidedText(tail, Qt.TextElideMode.ElideRight, width))
                return shown
            shown.append(line.rstrip())
    return shown


def _wrap(text: str, font, width: int) -> list[tuple[int, int]]:
    """(start, length) of each line of ``text`` wrapped at ``width`` pixels."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append((line.textStart(), line.textLength()))
    layout.endLayout()
    return lines or [(0, 0)]


class AgencyDelegate(QStyledItemDelegate):
    """The first lead agency, typed in the cell. A choice in the list is saved at once (one Enter);
    typed text that is not one agency is refused with a message, never dropped in silence."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session

    def createEditor(self, parent, option, index):
        picker = AgencyPicker(parent)
        picker.set_agencies(self.session.store.agencies.all())
        picker.agencyChosen.connect(lambda _agency_id, p=picker: QTimer.singleShot(0, p, lambda: self._done(p)))
        return picker

    def _done(self, editor) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
        self.parent().setFocus()        # chosen in the open list, the list had the focus: give it to the grid

    def setEditorData(self, editor, index):
        if editor.property("khdesk_filled"):
            return
        editor.setProperty("khdesk_filled", True)
        editor.set_agency_id(index.data(Qt.ItemDataRole.EditRole))
        if _started_by_key(editor):
            editor.lineEdit().clear()              # the typed key starts the name afresh

    def setModelData(self, editor, model, index):
        agency_id = editor.current_agency_id()
        text = nfc(editor.currentText().strip())
        if agency_id is None and text:
            found = self.session.store.agencies.typed(text)
            if len(found) != 1:
                names = "; ".join(a.print_name for a in found[:4]) + ("; …" if len(found) > 4 else "")
                self.session.errorRaised.emit(
                    f"«{text}» có thể là {len(found)} cơ quan: {names}. Hãy chọn một trong danh sách." if found else
                    f"«{text}» chưa có trong danh mục. Hãy thêm cơ quan ở ô «Cơ quan chủ trì» bên phải (nút "
                    "«Thêm cơ quan mới») hoặc ở cây cơ quan. Cơ quan chủ trì chưa được đổi.")
                return
            agency_id = found[0].id
        model.setData(index, agency_id, Qt.ItemDataRole.EditRole)


class StatusDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):
        box = ListComboBox(parent)
        for code, label in TASK_STATUS_LABELS.items():
            box.addItem(label, code)
        return box

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
