"""The event table: a model that holds only the ids of the shown events (one numpy array, even
for a million) and reads their rows a page at a time, when the view first asks for one; and the
view that shows it, selects by event id and reports the selected ids."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from store.query import EventQuery
from store.records import EventRow
from ui.date_text import readable_date
from ui.icons import type_icon, type_label
from ui.incident_rows import IncidentRows
from ui.library import Library

COLUMNS = ("Date", "Type", "Summary", "Entities", "Document")
SORT_KEYS = ("date", "type", "summary", None, "document")
PAGE = 200
CACHED_PAGES = 50

Index = QModelIndex | QPersistentModelIndex


def date_label(row: EventRow) -> str:
    if row.date_start is None:
        return f"undated ({readable_date(row.date_value)})" if row.date_value else "undated"
    label = readable_date(row.date_value)
    return f"{label} (inferred)" if row.date_inferred else label


class EventTableModel(QAbstractTableModel):
    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.query = EventQuery()
        self._order: tuple[str, bool] = ("date", False)
        self._ids: np.ndarray = np.zeros(0, dtype=np.int64)
        self._pages: OrderedDict[int, dict[int, EventRow]] = OrderedDict()
        # one row per incident: its first report stands for it; opened ones list the rest
        self.per_incident = False
        self.opened: set[int] = set()
        self._grouped: IncidentRows | None = None

    # -- contents ---------------------------------------------------------------------------
    def set_query(self, query: EventQuery) -> None:
        """Show the events of ``query`` in the current sort order."""
        self.query = query
        ids = self.library.event_ids(query, *self._order)
        if self.per_incident:
            self._grouped = IncidentRows.of(
                np.asarray(ids, dtype=np.int64), self.library.incident_members(), self.opened
            )
            ids = self._grouped.ids
        else:
            self._grouped = None
        self._set_ids(ids)

    def refresh(self) -> None:
        self.set_query(self.query)

    def show_per_incident(self, on: bool) -> None:
        """One row per incident (its first report, with how many tell it), or every event."""
        if on != self.per_incident:
            self.per_incident = on
            self.refresh()

    def incident_at(self, row: int) -> int:
        """The incident of the row, where the table shows one row per incident (else 0)."""
        g = self._grouped
        return int(g.incident[row]) if g is not None and 0 <= row < len(g.ids) else 0

    def open_incident(self, row: int, on: bool) -> bool:
        """List (or fold away) the other reports of the row's incident; whether it changed."""
        incident = self.incident_at(row)
        if not incident or self._grouped is None or self._grouped.reports(row) < 2:
            return False
        if on == (incident in self.opened):
            return False
        (self.opened.add if on else self.opened.discard)(incident)
        self.refresh()
        return True

    def lead_of(self, incident: int) -> int | None:
        """The event whose row stands for ``incident`` in the grouped table."""
        g = self._grouped
        if g is None:
            return None
        rows = np.flatnonzero((g.incident == incident) & g.lead)
        return int(g.ids[rows[0]]) if rows.size else None

    def _set_ids(self, ids: Sequence[int] | np.ndarray) -> None:
        self.beginResetModel()
        self._ids = np.asarray(ids, dtype=np.int64)
        self._pages.clear()
        self.endResetModel()

    def _summary(self, row: int, summary: str) -> str:
        """A summary as the grouped table shows it: an incident's lead with its reports and
        whether it is open, the other reports indented under it."""
        g = self._grouped
        if g is None or not g.incident[row]:
            return summary
        n = g.reports(row)
        if not g.lead[row]:
            return f"    ↳ {summary}"
        if n < 2:
            return summary
        mark = "▾" if int(g.incident[row]) in self.opened else "▸"
        return f"{mark} {n} reports · {summary}"

    @property
    def ids(self) -> np.ndarray:
        return self._ids

    def id_at(self, row: int) -> int:
        return int(self._ids[row])

    def row_of(self, event_id: int) -> int:
        """Row of an event, or -1."""
        found = np.flatnonzero(self._ids == event_id)
        return int(found[0]) if found.size else -1

    def rows_of(self, event_ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """Rows of those of ``event_ids`` the table shows, top to bottom: one pass over the
        shown ids however many are asked for."""
        return np.flatnonzero(np.isin(self._ids, np.asarray(event_ids, dtype=np.int64)))

    def event(self, row: int) -> EventRow | None:
        if not 0 <= row < len(self._ids):
            return None
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            ids = self._ids[number * PAGE : (number + 1) * PAGE].tolist()
            page = {r.id: r for r in self.library.rows(ids)}
            self._pages[number] = page
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page.get(int(self._ids[row]))

    # -- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

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
                return self._summary(index.row(), row.summary)
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
        if key is None:
            return
        # kept even before any rows are shown: a restored window asks for its order first
        self._order = (key, order == Qt.SortOrder.DescendingOrder)
        if len(self._ids):
            self.refresh()


class EventTableView(QTableView):
    """Whole rows, several at once, sortable by a click on a column; fixed row height so a
    million rows scroll without measuring them."""

    def __init__(self, model: EventTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setDefaultSectionSize(24)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Painting a header section asks whether its column and its neighbours' are wholly
        # selected, which Qt answers by visiting every selected row: nine seconds per repaint
        # after Ctrl+A on a million events. The header gets a selection of its own, always
        # empty; sorting by a click on it does not need one.
        columns.setHighlightSections(False)
        columns.setSelectionModel(QItemSelectionModel(model, columns))
        # wide enough for the usual long labels: a day with its part and the inference mark,
        # and an undated month
        metrics = self.fontMetrics()
        date_width = max(
            metrics.horizontalAdvance(label)
            for label in ("2010-03-04 night (inferred)", "undated (September, no year)")
        )
        type_width = metrics.horizontalAdvance("Report release") + 40  # and the icon
        for col, width in ((0, date_width + 12), (1, type_width), (3, 140), (4, 120)):
            self.setColumnWidth(col, width)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """With one row per incident, → (or +) lists the current incident's other reports
        under it and ← (or −) folds them back, keeping the incident's row selected."""
        Key = Qt.Key
        opens = {Key.Key_Right: True, Key.Key_Plus: True, Key.Key_Left: False, Key.Key_Minus: False}
        row = self.currentIndex().row()
        on = opens.get(Key(event.key()))
        if on is not None and self.events.per_incident and row >= 0:
            incident = self.events.incident_at(row)
            if self.events.open_incident(row, on):
                lead = self.events.lead_of(incident)
                if lead is not None:
                    self.select_ids([lead])
                    self.setCurrentIndex(self.events.index(self.events.row_of(lead), 2))
                return
        super().keyPressEvent(event)

    def selected_ids(self) -> np.ndarray:
        """The selected events in table order, read from the selection's row ranges: a
        selection of a million rows is one range, where asking Qt for its rows would build a
        million indexes."""
        ids = self.events.ids
        chosen = np.zeros(len(ids), dtype=bool)
        for span in self.selectionModel().selection():
            chosen[span.top() : span.bottom() + 1] = True
        return ids[chosen]

    def select_ids(self, ids: Sequence[int] | np.ndarray) -> None:
        """Select those of ``ids`` the table shows, in one change of the selection (a
        thousand rows selected one by one would tell the listeners a thousand times), and
        scroll to the first of them."""
        rows = self.events.rows_of(ids)
        if not rows.size:
            return
        selection = QItemSelection()
        last_column = self.events.columnCount() - 1
        for run in np.split(rows, np.flatnonzero(np.diff(rows) != 1) + 1):
            top, bottom = int(run[0]), int(run[-1])
            selection.select(self.events.index(top, 0), self.events.index(bottom, last_column))
        Flag = QItemSelectionModel.SelectionFlag
        self.selectionModel().select(selection, Flag.ClearAndSelect | Flag.Rows)
        first = self.events.row_of(ids[0])
        self.scrollTo(self.events.index(first if first >= 0 else int(rows[0]), 0))
