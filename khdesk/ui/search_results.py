"""The all-months search results: a model that fetches its rows from the store a page at a time as
the list is scrolled, so that a search finding thousands of tasks costs one page."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ..domain.models import SearchHit
from ..domain.months import month_label
from .session import Session

PAGE = 100
HEADERS = ("Tháng", "TT", "Cơ quan chủ trì", "Nội dung")
HitRole = Qt.ItemDataRole.UserRole + 30


class SearchResultsModel(QAbstractTableModel):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.query = ""
        self.total = 0
        self._hits: list[SearchHit] = []

    def set_query(self, query: str) -> None:
        store = self.session.store
        self.beginResetModel()
        self.query = query
        self.total = store.tasks.search_count(query) if query.strip() else 0
        self._hits = store.tasks.search(query, limit=PAGE) if self.total else []
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def canFetchMore(self, parent=QModelIndex()):
        return not parent.isValid() and len(self._hits) < self.total

    def fetchMore(self, parent=QModelIndex()):
        more = self.session.store.tasks.search(self.query, limit=PAGE, offset=len(self._hits))
        if more:
            self.beginInsertRows(QModelIndex(), len(self._hits), len(self._hits) + len(more) - 1)
            self._hits += more
            self.endInsertRows()
        else:
            self.total = len(self._hits)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (month_label(hit.month), str(hit.task.position), hit.agency_name,
                    " ".join(hit.task.content.split()))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return hit.task.content
        if role == HitRole:
            return hit
        return None
