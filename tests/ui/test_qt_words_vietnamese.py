"""Qt's own words that a clerk meets are Vietnamese: the print dialog with its options and the printer
properties it opens (paper, margins, pages per sheet, the print job), and the key names shown in the
menus. Qt ships no Vietnamese; the words are resources/translations/qt_vi.json."""
import json
import re
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QWidget,
)

from khdesk.system.resources import resource
from khdesk.ui.translations import vietnamese_qt_translator

# what Qt shows there that is a name rather than a word: paper sizes (A4, Letter / ANSI A …), typographic
# units, the banner pages CUPS prints by their own names, and the machine's printers with their location
NAMES = {"pageSizeCombo", "startBannerPageCombo", "endBannerPageCombo", "printers", "location", "type"}
UNIT_NAMES = {"Pica (P̸)", "Didot (DD)", "Cicero (CC)"}


@pytest.fixture
def vietnamese(qapp):
    translator = vietnamese_qt_translator(qapp)
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def shown_words(dialog: QWidget) -> dict[str, str]:
    """Every label, button, group, tab and list entry of ``dialog`` (with where it is), & removed."""
    words = {}
    for widget in dialog.findChildren(QWidget):
        if widget.objectName() in NAMES:
            continue
        texts = []
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        elif isinstance(widget, QComboBox):
            texts = [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            texts = [widget.tabText(i) for i in range(widget.count())]
        for text in texts:
            text = text.replace("&", "")
            if re.search(r"[^\W\d_]{2}", text) and text not in UNIT_NAMES:       # a word, not «2 (2x1)»
                words[text] = f"{type(widget).__name__} {widget.objectName()}"
    return words


def vietnamese_words() -> set[str]:
    table = json.loads(resource("translations", "qt_vi.json").read_text(encoding="utf-8"))["contexts"]
    return {word.replace("&", "") for context in table.values() for word in context.values()}


@pytest.mark.skipif(sys.platform == "win32", reason="on Windows QPrintDialog is Windows' own dialog, in the "
                    "language of Windows; Qt's widgets for it exist on Linux only")
def test_the_print_dialog_and_the_printer_properties_speak_vietnamese(qapp, vietnamese):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer)
    dialog.show()
    options = [b for b in dialog.findChildren(QPushButton) if b.text().startswith("&Tùy chọn")]
    assert options, [b.text() for b in dialog.findChildren(QPushButton)]
    options[0].click()                                   # «Tùy chọn >>»: copies, range, duplex, colour
    assert dialog.windowTitle() == "In"
    words = shown_words(dialog)
    assert {"Số bản:", "Phạm vi in", "In hai mặt", "Tên:", "In"} <= set(words)
    seen = {}

    def read_properties():
        properties = QApplication.activeModalWidget()
        seen.update(shown_words(properties), title=properties.windowTitle())
        properties.reject()

    QTimer.singleShot(200, read_properties)
    dialog.findChild(QPushButton, "properties").click()  # «Thuộc tính»: its own modal dialog
    assert seen.pop("title") == "Thuộc tính máy in"
    assert {"Khổ giấy:", "Hướng giấy", "Lề", "Dọc", "Số trang trên một tờ:"} <= set(seen)
    words.update(seen)
    english = {word: where for word, where in words.items() if word not in vietnamese_words()}
    assert not english
    dialog.reject()


def test_key_names_in_the_menus_are_as_printed_on_the_keys_or_vietnamese(window, vietnamese):
    native = QKeySequence.SequenceFormat.NativeText
    assert window.up_action.shortcut().toString(native) == "Alt+↑"
    assert window.down_action.shortcut().toString(native) == "Alt+↓"
    assert window.add_action.shortcut().toString(native) == "Insert"
    assert window.delete_action.shortcut().toString(native) == "Delete"
    assert QKeySequence("Ctrl+Space").toString(native) == "Ctrl+Phím cách"
    assert window.print_action.shortcut().toString(native) == "Ctrl+P"          # letters stay letters
