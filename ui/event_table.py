"""The event table: a model that keeps only ids and fetches rows in pages as they are shown."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from store.query import EventQuery
from store.records import EventRow
from ui.icons import type_icon, type_label
from ui.library import Library

COLUMNS = ("Date", "Type", "Summary", "Entities", "Document")
SORT_KEYS = ("date", "type", "summary", None, "document")
PAGE = 200
FETCH = 1000

Index = QModelIndex | QPersistentModelIndex


def date_label(row: EventRow) -> str:
    if row.date_start is None:
        return f"undated ({row.date_value})" if row.date_value else "undated"
    label = row.date_value
    return f"{label} (inferred)" if row.date_inferred else label


class EventTableModel(QAbstractTableModel):
    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.query = EventQuery()
        self._order: tuple[str, bool] = ("date", False)
        self._ids: list[int] = []
        self._shown = 0
        self._cache: dict[int, EventRow] = {}

    # -- contents ---------------------------------------------------------------------------
    def set_query(self, query: EventQuery) -> None:
        """Show the events of ``query`` in the current sort order."""
        self.query = query
        self._set_ids(self.library.event_ids(query, *self._order))

    def refresh(self) -> None:
        self.set_query(self.query)

    def _set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._shown = min(len(ids), FETCH)
        self._cache.clear()
        self.endResetModel()

    @property
    def ids(self) -> list[int]:
        return self._ids

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, event_id: int) -> int:
        """Row of an event (fetching more rows if needed), or -1."""
        try:
            row = self._ids.index(event_id)
        except ValueError:
            return -1
        while row >= self._shown and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())
        return row

    def event(self, row: int) -> EventRow | None:
        if not 0 <= row < len(self._ids):
            return None
        event_id = self._ids[row]
        if event_id not in self._cache:
            start = row - row % PAGE
            page = self._ids[start : start + PAGE]
            if len(self._cache) > 20 * PAGE:
                self._cache.clear()
            for r in self.library.rows(page):
                self._cache[r.id] = r
        return self._cache.get(event_id)

    # -- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        extra = min(FETCH, len(self._ids) - self._shown)
        if extra <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + extra - 1)
        self._shown += extra
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self.event(index.row())
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return date_label(row)
            if col == 1:
                return type_label(row.type)
            if col == 2:
                return row.summary
            if col == 3:
                return ", ".join(dict.fromkeys(e.name for e in row.entities))
            return row.document_title
        if role == Qt.ItemDataRole.DecorationRole and col == 1:
            return type_icon(row.type)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.evidence}\n\n{row.document_title}"
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS[column] if 0 <= column < len(SORT_KEYS) else None
        if key is None or not self._ids:
            return
        self._order = (key, order == Qt.SortOrder.DescendingOrder)
        self.refresh()
