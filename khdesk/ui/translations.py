"""Vietnamese for Qt's own words (context menus, standard buttons, the undo menu), which Qt ships
no translation of. The table is data: resources/translations/qt_vi.json."""
from __future__ import annotations

import json

from PySide6.QtCore import QTranslator

from ..system.resources import resource


class TableTranslator(QTranslator):
    def __init__(self, table: dict[str, dict[str, str]], parent=None):
        super().__init__(parent)
        self.table = table

    def translate(self, context, source_text, disambiguation=None, n=-1):
        return self.table.get(context, {}).get(source_text)     # None: not translated here

    def isEmpty(self):
        return not self.table


def vietnamese_qt_translator(parent=None) -> TableTranslator:
    try:
        table = json.loads(resource("translations", "qt_vi.json").read_text(encoding="utf-8"))["contexts"]
    except (OSError, ValueError, KeyError):
        table = {}                      # English words rather than no window at all
    return TableTranslator(table, parent)
