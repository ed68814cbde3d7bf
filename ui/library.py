"""The app's window onto the store: each call opens a short session and returns plain data.

Widgets hold a :class:`Library` and an :class:`~store.query.EventQuery`; none of them builds SQL.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from importers.events import Suggestion, suggest
from importers.redate import Dating, dating_of, redate
from importers.refdate import stored_reference
from importers.ticks import Tick, no_tick
from store import additions, curation, incident_decisions, links, places, read, rejection
from store.additions import NewEvent
from store.batches import Progress
from store.curation import Edited
from store.db import Store, generation
from store.event_index import EventIndex
from store.export import write_events_csv
from store.incident_decisions import IncidentState
from store.incident_listing import IncidentReport, agreement, incident_reports
from store.query import EventQuery
from store.records import DocumentRow, EntityRow, EventRow, Highlight
from store.selection import IndexedItem, PlaceCounts, Selection
from store.timespan import TimeSpan, whole_units


class Library:
    """Reads for the views. Filtered sets, counts, bins and ranges come from the in-memory
    event index (``store.event_index``); text for what is on screen comes from SQL."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._index: EventIndex | None = None
        self._selection: tuple[EventQuery, Selection] | None = None
        self._all_density: tuple[tuple[int, TimeSpan, int], list[int]] | None = None
        self._watch: sqlite3.Connection | None = None
        self._data_version = 0
        self.version = 0  # counts the changes of the events the views have been told of
        # event -> (incident, sources), or None: alone; for the version it was read at
        self._incidents: tuple[int, dict[int, tuple[int, int] | None]] = (-1, {})
        self._places: tuple[int, PlaceTable] | None = None  # for the version it was read at
        self._members: tuple[int, tuple[np.ndarray, np.ndarray]] | None = None  # likewise

    @property
    def path(self) -> str:
        return self.store.path

    # -- changes made elsewhere --------------------------------------------------------------
    def changed_elsewhere(self) -> bool:
        """Whether another connection (a command-line import, another window) changed the
        events since the index was read or patched. SQLite's ``data_version`` tells, for one
        cheap query, whether anything was committed; the events' generation then tells
        whether it was something the index does not hold yet. Call from one thread only."""
        if self.store.path == ":memory:":
            return False
        if self._watch is None:
            uri = f"{Path(self.store.path).resolve().as_uri()}?mode=ro"
            self._watch = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._data_version = self._watch.execute("PRAGMA data_version").fetchone()[0]
            return False
        version = self._watch.execute("PRAGMA data_version").fetchone()[0]
        if version == self._data_version:
            return False
        self._data_version = version
        if self._index is None:
            return True
        with self.store.session() as s:
            return generation(s) != self._index.generation

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None

    # -- the event index ---------------------------------------------------------------------
    @property
    def index(self) -> EventIndex:
        if self._index is None:
            self._index = EventIndex.open(self.store)
        return self._index

    def reload_index(self) -> None:
        """Re-read the index after the store changed; safe to call from a worker thread."""
        index = EventIndex.open(self.store)
        self._index, self._selection = index, None
        self.version += 1

    def save_index(self) -> None:
        """Keep an index patched by edits for the next start, so it need not be re-read."""
        if self._index is not None:
            self._index.save(self.store)

    def selection(self, query: EventQuery) -> Selection:
        """The events of ``query``; the last one is kept, as every view asks for it in turn."""
        if self._selection is not None and self._selection[0] == query:
            return self._selection[1]
        with self.store.session() as s:
            found = self.index.select(s, query)
        self._selection = (query, found)
        return found

    def event_ids(
        self, query: EventQuery, order: str = "date", descending: bool = False
    ) -> Sequence[int]:
        ids = self.selection(query).ids(order, descending)
        if ids is not None:
            return ids
        with self.store.session() as s:
            return query.event_ids(s, order=order, descending=descending)

    def rows(self, ids: Sequence[int]) -> list[EventRow]:
        with self.store.session() as s:
            return read.event_rows(s, ids)

    def summaries(self, ids: Sequence[int]) -> dict[int, str]:
        with self.store.session() as s:
            return read.event_summaries(s, ids)

    def total(self) -> int:
        return len(self.index)

    def counts_by_type(self, query: EventQuery) -> dict[str, int]:
        return self.selection(query).counts_by_type

    def timeline(self, query: EventQuery, span: TimeSpan, limit: int) -> list[IndexedItem] | None:
        """The dated events of ``query`` in ``span``, or ``None`` if there are over ``limit``."""
        chosen = self.selection(query)
        hits = chosen.in_range(span.start.toordinal(), span.end.toordinal())
        return chosen.items_at(hits) if hits.size <= limit else None

    def density(self, query: EventQuery, span: TimeSpan, bins: int) -> list[int]:
        return self.selection(query).density(span.start.toordinal(), span.end.toordinal(), bins)

    def density_of_all(self, span: TimeSpan, bins: int) -> list[int]:
        """The density of every event, kept until the events change (the overview draws it
        beneath the filtered events' at every filter change)."""
        key = (self.version, span, bins)
        if self._all_density is None or self._all_density[0] != key:
            with self.store.session() as s:
                everything = self.index.select(s, EventQuery())
            lo, hi = span.start.toordinal(), span.end.toordinal()
            self._all_density = (key, everything.density(lo, hi, bins))
        return self._all_density[1]

    def undated(self, query: EventQuery) -> int:
        return self.selection(query).n_undated

    def extent(self) -> TimeSpan | None:
        found = self.index.extent()
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

    def bulk_extent(self, query: EventQuery) -> TimeSpan | None:
        """Where the bulk of the dated events of ``query`` lie (all but the outer 1% on each
        side), widened to whole years, months or days as the span is long."""
        found = self.selection(query).bulk()
        if found is None:
            return None
        return whole_units(*found)

    def outside(self, query: EventQuery, span: TimeSpan) -> tuple[int, int]:
        """Dated events of ``query`` wholly before and wholly after ``span``."""
        return self.selection(query).outside(span.start.toordinal(), span.end.toordinal())

    def nearest_outside(
        self, query: EventQuery, span: TimeSpan
    ) -> tuple[dt.date | None, dt.date | None]:
        """The end of the last event before ``span`` and the start of the first after it."""
        before, after = self.selection(query).nearest_outside(
            span.start.toordinal(), span.end.toordinal()
        )
        return (
            dt.date.fromordinal(before) if before is not None else None,
            dt.date.fromordinal(after) if after is not None else None,
        )

    def event_entity_names(self, ids: Sequence[int]) -> dict[int, list[str]]:
        with self.store.session() as s:
            return read.event_entity_names(s, ids)

    def entity_names(self) -> list[str]:
        with self.store.session() as s:
            return read.entity_names(s)

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

    def passage(self, passage_id: int) -> tuple[int, int, str] | None:
        """A passage's bounds and its text."""
        with self.store.session() as s:
            return read.passage(s, passage_id)

    def incidents_of(self, ids: Sequence[int]) -> dict[int, tuple[int, int]]:
        """For those of the events that are in an incident: (incident id, its sources).
        Kept while the events do not change: panning asks for the same marks again."""
        if self._incidents[0] != self.version:
            self._incidents = (self.version, {})
        known = self._incidents[1]
        missing = [i for i in ids if i not in known]
        if missing:
            with self.store.session() as s:
                found = read.incidents_of(s, missing)
            if len(known) > 200_000:
                known.clear()
            known.update((i, found.get(i)) for i in missing)
        return {i: told for i in ids if (told := known.get(i)) is not None}

    # -- places and the map ------------------------------------------------------------------
    def place_table(self) -> PlaceTable:
        """Every place with coordinates, as arrays in id order; kept while nothing changes."""
        if self._places is None or self._places[0] != self.version:
            with self.store.session() as s:
                points = places.place_points(s)
            self._places = (self.version, PlaceTable.of(points))
        return self._places[1]

    def places(self, query: EventQuery, span: TimeSpan | None) -> PlaceCounts:
        """The events of ``query`` in ``span`` (all of them for None) by place."""
        chosen = self.selection(query)
        if span is None:
            return chosen.places_in(None, None)
        return chosen.places_in(span.start.toordinal(), span.end.toordinal())

    def events_at(
        self, query: EventQuery, span: TimeSpan | None, place_ids: Sequence[int] | np.ndarray
    ) -> np.ndarray:
        """The ids of the events of ``query`` in ``span`` whose place is one of ``place_ids``,
        by date."""
        chosen = self.selection(query)
        if span is None:
            pos = chosen.positions
        else:
            pos = chosen.in_range(span.start.toordinal(), span.end.toordinal())
        at = np.isin(self.index.place[pos], np.asarray(place_ids, dtype=np.int64))
        return self.index.ids[pos[at]]

    def places_of(self, ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """The places (entity ids) of events ``ids``, each once."""
        index = self.index
        wanted = np.asarray(ids, dtype=np.int64)
        wanted = wanted[(wanted >= 0) & (wanted < index.position_of.size)]
        pos = index.position_of[wanted]
        found = index.place[pos[pos >= 0]]
        return np.unique(found[found > 0])

    def incident_members(self) -> tuple[np.ndarray, np.ndarray]:
        """Every event in an incident and its incident, in event order (read once a change)."""
        if self._members is None or self._members[0] != self.version:
            with self.store.session() as s:
                events, incidents = read.incident_members(s)
            pair = (np.asarray(events, dtype=np.int64), np.asarray(incidents, dtype=np.int64))
            self._members = (self.version, pair)
        return self._members[1]

    def incident_reports(self, incident_id: int) -> tuple[str, list[IncidentReport]]:
        """What an incident's reports agree on, and the reports, earliest told first."""
        with self.store.session() as s:
            return agreement(s, incident_id), incident_reports(s, incident_id)

    def highlights(self, event_id: int) -> list[Highlight]:
        with self.store.session() as s:
            return read.event_highlights(s, event_id)

    def search_hits(self, document_id: int, typed: str) -> list[Highlight]:
        """The words the search box (``typed``) finds in a document."""
        if not typed.strip():
            return []
        with self.store.session() as s:
            return read.search_hits(s, document_id, typed)

    def document_highlights(self, document_id: int) -> list[Highlight]:
        with self.store.session() as s:
            return read.document_highlights(s, document_id)

    # -- an analyst's corrections (store.curation); each write is one transaction ------------
    def _events_changed(self, ids: Sequence[int]) -> None:
        """Patch the index with the events ``ids`` instead of reading every row again."""
        self.version += 1
        if self._index is None:
            return
        # This library holds the only reference to its index (views ask it each time), so the
        # patch may consume the old one; if it fails, the index is read again when next asked.
        old, self._index, self._selection = self._index, None, None
        with self.store.session() as s:
            self._index = old.patched(s, ids, consume=True)

    def edit_events(
        self,
        ids: Sequence[int],
        *,
        type: str | None = None,
        summary: str | None = None,
        date_value: str | None = None,
        progress: Progress | None = None,
    ) -> Edited:
        """Apply one edit to each event that still exists; returns what it replaced, for
        undo. Raises CurationError for a date the store cannot read, and Cancelled when
        ``progress`` stops it; then nothing changed."""
        with self.store.session() as s, s.begin():
            before = curation.edit_events(
                s, ids, type=type, summary=summary, date_value=date_value, progress=progress
            )
        self._events_changed(before.ids)
        return before

    def restore_events(self, before: Edited, progress: Progress | None = None) -> list[int]:
        """Undo :meth:`edit_events`; returns the ids put back (those that still exist)."""
        with self.store.session() as s, s.begin():
            restored = curation.restore_edited(s, before, progress)
        self._events_changed(restored)
        return restored

    def reject_events(
        self, ids: Sequence[int] | np.ndarray, progress: Progress | None = None
    ) -> np.ndarray:
        """Reject the events in one transaction; returns the rejections' ids. ``progress``
        may stop it (Cancelled), and then nothing changed."""
        with self.store.session() as s, s.begin():
            rejections = rejection.reject_events(s, ids, progress)
        self._events_changed(ids)
        return rejections

    def restore_rejected(
        self, rejections: np.ndarray, progress: Progress | None = None
    ) -> np.ndarray:
        """Undo :meth:`reject_events`; returns the ids of the events put back."""
        with self.store.session() as s, s.begin():
            restored = rejection.restore_rejected(s, rejections, progress)
        self._events_changed(restored)
        return restored

    def suggest_event(self, document_id: int, start: int, end: int) -> Suggestion:
        """The type and date the machine reads in a document's words ``[start, end)``, against
        the document's own date, to start an analyst's new event from."""
        doc = self.document(document_id)
        if doc is None:
            return Suggestion()
        reference = stored_reference(doc.reference_date, doc.reference_source, doc.reference_value)
        return suggest(doc.text[start:end], reference)

    def add_event(self, new: NewEvent, event_id: int | None = None) -> int:
        """Store the analyst's new event (again under ``event_id``, for redo, if free); raises
        CurationError with the reason it cannot be one."""
        with self.store.session() as s, s.begin():
            added = additions.add_event(s, new, event_id=event_id)
        self._events_changed([added])
        return added

    def remove_events(self, ids: Sequence[int]) -> list[int]:
        """Delete events outright (the undo of :meth:`add_event`)."""
        with self.store.session() as s, s.begin():
            removed = additions.remove_events(s, ids)
        self._events_changed(removed)
        return removed

    def set_links(self, event_id: int, specs: Sequence[links.LinkSpec]) -> links.Relinked:
        """Give the event these entity links (new names become entities); for undo, what
        they replaced."""
        with self.store.session() as s, s.begin():
            relinked = links.set_links(s, event_id, specs)
        self._events_changed([event_id])
        return relinked

    def restore_links(self, relinked: links.Relinked) -> None:
        with self.store.session() as s, s.begin():
            links.restore_links(s, relinked)
        self._events_changed([relinked.event_id])

    def merge_entities(self, keep_id: int, other_ids: Sequence[int]) -> curation.Merge:
        with self.store.session() as s, s.begin():
            merge = curation.merge_entities(s, keep_id, other_ids)
            touched = places.events_linking(s, [keep_id])
        self._events_changed(touched)  # their places may have moved to the kept entity
        return merge

    def unmerge_entities(self, merge: curation.Merge) -> list[int]:
        with self.store.session() as s, s.begin():
            restored = curation.unmerge_entities(s, merge)
            touched = places.events_linking(s, [merge.keep_id, *restored])
        self._events_changed(touched)
        return restored

    def decide_incidents(self, command: str, ids: Sequence[int]) -> IncidentState:
        """The analyst's word on the incidents of events ``ids``: "merge" them into one,
        "split" the first out alone, or mark the first two "apart". Returns how they stood,
        for undo."""
        with self.store.session() as s, s.begin():
            before = incident_decisions.incident_state(s, ids)
            if command == "merge":
                incident_decisions.merge_reports(s, ids)
            elif command == "split":
                incident_decisions.split_event(s, ids[0])
            elif command == "apart":
                incident_decisions.mark_apart(s, ids[0], ids[1])
            else:
                raise ValueError(command)
        self._events_changed(before.event_ids)
        return before

    def restore_incidents(self, before: IncidentState) -> None:
        with self.store.session() as s, s.begin():
            incident_decisions.restore_incidents(s, before)
        self._events_changed(before.event_ids)

    def dating(self, document_id: int) -> Dating:
        """How the document is dated now; CurationError for a data set's or a gone one."""
        return dating_of(self.store, document_id)

    def redate_document(self, dating: Dating, tick: Tick = no_tick) -> tuple[Dating, list[int]]:
        """Read the document again as ``dating`` says (the analyst's day, or None to let the
        text and its file date it); returns how it was dated before, for undo, and its
        events now. The index is patched with everything the reading may have changed;
        ``tick`` may stop the reading (Cancelled) before anything is written."""
        before = dating_of(self.store, dating.document_id)
        with self.store.session() as s:
            _, touched = read.document_reach(s, dating.document_id)
        redate(self.store, dating, tick)
        with self.store.session() as s:
            own, reach = read.document_reach(s, dating.document_id)
        self._events_changed(sorted(set(touched) | set(reach)))
        return before, own

    def rename_entity(self, entity_id: int, name: str, kind: str) -> curation.Renaming:
        with self.store.session() as s, s.begin():
            return curation.rename_entity(s, entity_id, name, kind)

    def restore_name(self, renaming: curation.Renaming) -> None:
        with self.store.session() as s, s.begin():
            curation.restore_name(s, renaming)

    def export_csv(
        self,
        path: Path,
        *,
        query: EventQuery | None = None,
        ids: Sequence[int] | None = None,
        progress: Callable[[int], bool] | None = None,
    ) -> int:
        """Write events (``ids`` in that order, else those of ``query`` by date) to ``path`` as
        CSV with a BOM, the same columns and code as ``main.py events``."""
        if ids is None:
            ids = self.event_ids(query or EventQuery())
        with self.store.session() as s, path.open("wb") as out:
            return write_events_csv(s, out, ids=ids, bom=True, progress=progress)


@dataclass(frozen=True)
class PlaceTable:
    """The places the map can draw, as arrays sorted by entity id."""

    ids: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    names: tuple[str, ...]
    within: tuple[str, ...]

    @classmethod
    def of(cls, points: dict[int, places.PlacePoint]) -> PlaceTable:
        chosen = [points[i] for i in sorted(points)]
        return cls(
            ids=np.fromiter((p.id for p in chosen), dtype=np.int64, count=len(chosen)),
            lon=np.fromiter((p.longitude for p in chosen), dtype=np.float64, count=len(chosen)),
            lat=np.fromiter((p.latitude for p in chosen), dtype=np.float64, count=len(chosen)),
            names=tuple(p.name for p in chosen),
            within=tuple(p.within for p in chosen),
        )

    def rows_of(self, place_ids: np.ndarray) -> np.ndarray:
        """The rows of ``place_ids`` here, -1 where a place has no coordinates."""
        if not self.ids.size:
            return np.full(np.shape(place_ids), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.ids, place_ids), self.ids.size - 1)
        return np.where(self.ids[at] == place_ids, at, -1)
