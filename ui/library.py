"""The app's window onto the store: each call opens a short session and returns plain data.

Widgets hold a :class:`Library` and an :class:`~store.query.EventQuery`; none of them builds SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from store import read
from store.db import Store
from store.export import write_events_csv
from store.query import EventQuery
from store.records import DocumentRow, EntityRow, EventRow, Highlight
from store.timespan import TimeSpan


class Library:
    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def path(self) -> str:
        return self.store.path

    def event_ids(
        self, query: EventQuery, order: str = "date", descending: bool = False
    ) -> list[int]:
        with self.store.session() as s:
            return query.event_ids(s, order=order, descending=descending)

    def rows(self, ids: Sequence[int]) -> list[EventRow]:
        with self.store.session() as s:
            return read.event_rows(s, ids)

    def total(self) -> int:
        with self.store.session() as s:
            return read.total_events(s)

    def counts_by_type(self, query: EventQuery) -> dict[str, int]:
        with self.store.session() as s:
            return query.counts_by_type(s)

    def timeline(self, query: EventQuery, span: TimeSpan, limit: int) -> list[read.TimelineItem]:
        with self.store.session() as s:
            return read.timeline_items(s, query, span.start, span.end, limit)

    def density(self, query: EventQuery, span: TimeSpan, bins: int) -> list[int]:
        with self.store.session() as s:
            return read.density(s, query, span.start, span.end, bins)

    def undated(self, query: EventQuery) -> int:
        with self.store.session() as s:
            return read.undated_count(s, query)

    def extent(self) -> TimeSpan | None:
        with self.store.session() as s:
            found = read.date_extent(s)
        if found is None:
            return None
        return TimeSpan(found[0], max(found[1], found[0] + dt.timedelta(days=1)))

    def padded_extent(self) -> TimeSpan | None:
        """All dated events' range with a margin on both sides (5%, at least a fortnight)."""
        whole = self.extent()
        if whole is None:
            return None
        pad = max(whole.days * 0.05, 15)
        return TimeSpan.from_ordinals(whole.start.toordinal() - pad, whole.end.toordinal() + pad)

    def entity_names(self, ids: Sequence[int]) -> dict[int, list[str]]:
        with self.store.session() as s:
            return read.event_entity_names(s, ids)

    def entities(self) -> list[EntityRow]:
        with self.store.session() as s:
            return read.entity_rows(s)

    def related(self, entity_id: int) -> list[tuple[str, int]]:
        with self.store.session() as s:
            return read.related_entities(s, entity_id)

    def documents(self) -> list[tuple[int, str]]:
        with self.store.session() as s:
            return read.document_list(s)

    def document(self, document_id: int) -> DocumentRow | None:
        with self.store.session() as s:
            return read.document_row(s, document_id)

    def passage_bounds(self, passage_id: int) -> tuple[int, int] | None:
        with self.store.session() as s:
            return read.passage_bounds(s, passage_id)

    def highlights(self, event_id: int) -> list[Highlight]:
        with self.store.session() as s:
            return read.event_highlights(s, event_id)

    def export_csv(
        self,
        path: Path,
        *,
        query: EventQuery | None = None,
        ids: Sequence[int] | None = None,
        progress: Callable[[int], bool] | None = None,
    ) -> int:
        """Write events (those of ``query``, or ``ids``) to ``path`` as CSV with a BOM, the
        same columns and code as ``main.py events``."""
        with self.store.session() as s, path.open("w", encoding="utf-8", newline="") as out:
            if ids is not None:
                rows = (r for chunk in read.chunks(ids) for r in read.event_rows(s, chunk))
            else:
                rows = read.iter_event_rows(s, query or EventQuery())
            return write_events_csv(rows, out, bom=True, progress=progress)
