"""The event table over thousands of events: every row is the right event, in the store's
order, whatever pages were read before, and a new filter or sort never shows stale rows."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt

from store.query import EventQuery
from ui import event_table
from ui.event_table import EventTableModel
from ui.library import Library


def _row_ids(model: EventTableModel, rows: list[int]) -> list[int]:
    out = []
    for r in rows:
        event = model.event(r)
        assert event is not None
        out.append(event.id)
    return out


def test_rows_read_in_any_order_are_the_events_sql_lists(qtbot, synthetic_store, monkeypatch):
    monkeypatch.setattr(event_table, "CACHED_PAGES", 3)  # force pages out of the cache
    library = Library(synthetic_store)
    model = EventTableModel(library)
    model.set_query(EventQuery())
    with synthetic_store.session() as s:
        want = EventQuery().event_ids(s)
    assert model.rowCount() == len(want) == 3000
    rows = random.Random(5).sample(range(model.rowCount()), 300) + list(range(3000))
    assert _row_ids(model, rows) == [want[r] for r in rows]
    shown = model.data(model.index(2999, 2), Qt.ItemDataRole.DisplayRole)
    assert shown == library.rows([want[2999]])[0].summary


def test_a_filter_and_a_sort_replace_every_row(qtbot, synthetic_store):
    library = Library(synthetic_store)
    model = EventTableModel(library)
    model.set_query(EventQuery())
    model.event(0)
    query = EventQuery(types=frozenset({"arrest"}), include_undated=False)
    model.set_query(query)
    with synthetic_store.session() as s:
        want = query.event_ids(s)
        by_summary = query.event_ids(s, order="summary", descending=True)
    assert _row_ids(model, list(range(model.rowCount()))) == want
    assert {model.event(r).type for r in range(model.rowCount())} == {"arrest"}  # type: ignore[union-attr]
    model.sort(2, Qt.SortOrder.DescendingOrder)  # summary: an order SQL answers
    assert _row_ids(model, list(range(model.rowCount()))) == by_summary
    assert model.row_of(want[5]) == by_summary.index(want[5])
    assert model.row_of(-1) == -1
