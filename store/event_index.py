"""The event index: every event's dates, type and filter keys as numpy columns in memory;
what a query selects of it is a :class:`store.selection.Selection`.

A million events take about 30 MB. A filter becomes a boolean mask; the table's date order is
the index's own order; density bins, counts by type and the events of a visible range are
array operations. So zooming, panning and filtering never walk rows in Python. SQL still
answers the entity and full-text parts of a filter (each as one list of ids) and supplies the
text of the rows on screen. The index is a snapshot: reload it after the store changes.

Every answer here means exactly what :class:`~store.query.EventQuery` means in SQL; the
tests compare the two on the same store.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import func, insert, literal_column, select, text
from sqlalchemy.orm import Session

from store.db import Store, generation
from store.models import ANALYST, Event, EventEntity, IndexCache
from store.places import in_area
from store.query import EventQuery
from store.read import chunks
from store.search_syntax import TextQuery, text_query
from store.selection import GRANULARITIES, UNDATED, Selection

# Julian day of 0001-01-01 minus one: SQLite's julianday() minus this is a Python ordinal.
_JD_ORDINAL = 1721424.5


_ROW = np.dtype(
    [
        ("id", np.int64),
        ("start", np.int32),
        ("end", np.int32),
        ("type", np.int16),
        ("grain", np.int8),
        ("inferred", np.bool_),
        ("document", np.int32),
        ("passage", np.int32),
        ("confidence", np.float64),
        ("analyst", np.bool_),
        ("place", np.int32),  # events.place_id, 0 for none
    ]
)
_EMPTY = np.zeros(0, dtype=np.int64)
_SAVE_ROWS = 65_536  # rows written to the cache at a time  # a column given up by a consumed index
_CACHE_NAME = "events"
_FORMAT = 2  # bump when _ROW or the order changes


def _ordinal(column: str) -> str:
    return f"coalesce(CAST(julianday({column}) - {_JD_ORDINAL} AS INTEGER), {UNDATED})"


@dataclass
class EventIndex:
    """Columns in the index order: dated events by (start, id), then undated ones by id."""

    ids: np.ndarray
    start: np.ndarray
    end: np.ndarray
    type: np.ndarray
    grain: np.ndarray
    inferred: np.ndarray
    document: np.ndarray
    passage: np.ndarray
    confidence: np.ndarray
    analyst: np.ndarray
    place: np.ndarray
    type_names: tuple[str, ...]
    n_dated: int
    position_of: np.ndarray = field(repr=False)
    # the store's events generation this index is true for, once known (see save)
    generation: int | None = field(default=None, compare=False)

    # -- loading ---------------------------------------------------------------------------
    @classmethod
    def load(cls, session: Session) -> EventIndex:
        """Read the index from the events table (about two seconds per million events)."""
        type_names = tuple(
            sorted(t for t in session.scalars(select(Event.type).distinct()) if t is not None)
        )
        table = _read_rows(session, type_names)
        # Undated events end up last because their start is the largest number. Each column
        # is gathered in that order straight from the rows read, with no sorted copy of them
        # between: a million events peak at 180 MB over the app that way, 90 MB this way.
        order = np.lexsort((table["id"], table["start"]))
        columns = {name: table[name].take(order) for name in _ROW.names}
        del table, order
        return cls.from_columns(columns, type_names)

    def patched(
        self, session: Session, changed: Iterable[int], *, consume: bool = False
    ) -> EventIndex:
        """This index with the events ``changed`` re-read (an analyst's edit), dropped (gone
        from the store) or added. The other rows stay in order, so the changed ones are taken
        out and put back where they sort: no sort and no reading of every row.

        With ``consume`` this index gives up each column once its successor is built, so
        memory holds one index and a column rather than two indexes; the caller must then
        use only the index returned (the app's library, which owns its index, does)."""
        given = changed if isinstance(changed, np.ndarray) else np.fromiter(changed, np.int64)
        unique = sorted_unique(given.astype(np.int64, copy=False))
        if len(unique) * 4 > len(self):
            # A change to a good part of the events (Ctrl+A, Delete and its undo): one scan
            # of the table is quicker than reading them by id, and holds fewer rows at once.
            if consume:
                self._give_up()
            index = EventIndex.load(session)
            index.generation = generation(session)
            return index
        wanted = unique.tolist()
        fresh_types: set[str] = set()
        for chunk in chunks(wanted):
            fresh_types.update(
                session.scalars(select(Event.type).where(Event.id.in_(chunk)).distinct())
            )
        type_names = tuple(sorted(set(self.type_names) | fresh_types))
        rows = np.concatenate(
            [np.zeros(0, dtype=_ROW), *(_read_rows(session, type_names, c) for c in chunks(wanted))]
        )
        rows = rows[np.lexsort((rows["id"], rows["start"]))]
        if type_names != self.type_names:  # renumber the old codes
            recode = np.array([type_names.index(t) for t in self.type_names] + [-1])
            old_types = recode[self.type].astype(self.type.dtype)
        else:
            old_types = self.type
        kept = self._in_place(rows, len(wanted), old_types)
        if kept is not None:
            index = EventIndex.from_columns(kept, type_names, self.position_of)
            index.generation = generation(session)
            return index
        known = np.asarray(wanted, dtype=np.int64)
        known = known[known < self.position_of.size]
        gone = self.position_of[known]
        gone = np.sort(gone[gone >= 0])
        at = self._slots(rows["start"], rows["id"])
        at -= np.searchsorted(gone, at)  # the same places once the changed rows are out
        if consume:
            self.position_of = _EMPTY
        # Each new column is one gather from the old by ``source`` (the old position of
        # every kept row), then the re-read rows written at their places: no copies between.
        placed = at + np.arange(at.size)
        source = np.zeros(len(self) - gone.size + rows.size, dtype=np.int64)
        is_new = np.zeros(source.size, dtype=np.bool_)
        is_new[placed] = True
        source[~is_new] = np.delete(np.arange(len(self)), gone)
        del is_new
        columns: dict[str, np.ndarray] = {}
        for name in _ROW.names:
            old = old_types if name == "type" else self._column(name)
            column = old.take(source) if old.size else np.zeros(source.size, old.dtype)
            column[placed] = rows[name]
            columns[name] = column
            if consume:
                del old
                setattr(self, "ids" if name == "id" else name, _EMPTY)
                old_types = _EMPTY if name == "type" else old_types
        index = EventIndex.from_columns(columns, type_names)
        index.generation = generation(session)
        return index

    def _give_up(self) -> None:
        """Release every column (a consumed index)."""
        self.position_of = _EMPTY
        for name in _ROW.names:
            setattr(self, "ids" if name == "id" else name, _EMPTY)

    def _column(self, name: str) -> np.ndarray:
        return self.ids if name == "id" else getattr(self, name)

    def _in_place(
        self, rows: np.ndarray, asked: int, old_types: np.ndarray
    ) -> dict[str, np.ndarray] | None:
        """The columns after a change that moves no event (a retype, a new summary, a date
        with the same start): unchanged columns are shared with this index, changed ones
        copied once. None when an event came, went or moved."""
        ids = rows["id"]
        if len(rows) != asked or (ids.size and ids.max() >= self.position_of.size):
            return None
        at = self.position_of[ids]
        if (at < 0).any() or (self.start[at] != rows["start"]).any():
            return None
        columns: dict[str, np.ndarray] = {}
        for name in _ROW.names:
            old = old_types if name == "type" else self._column(name)
            if (old[at] != rows[name]).any():
                old = old.copy() if old is self._column(name) else old
                old[at] = rows[name]
            columns[name] = old
        return columns

    def _slots(self, starts: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Where rows of these starts and ids go in the index order (start, then id)."""
        lo = np.searchsorted(self.start, starts, side="left")
        hi = np.searchsorted(self.start, starts, side="right")
        return np.array(
            [
                a + int(np.searchsorted(self.ids[a:b], i))
                for a, b, i in zip(lo, hi, ids, strict=True)
            ],
            dtype=np.int64,
        )

    @classmethod
    def open(cls, store: Store) -> EventIndex:
        """The index of ``store``: its cached snapshot if the events have not changed since,
        else read afresh and cached for the next start."""
        with store.session() as s, s.begin():
            current = generation(s)
            cached = s.get(IndexCache, _CACHE_NAME)
            if cached is not None and cached.generation == current:
                header = json.loads(cached.header)
                if header.get("format") == _FORMAT:
                    table = np.frombuffer(cached.data, dtype=_ROW)
                    index = cls.from_table(table, tuple(header["types"]))
                    index.generation = current
                    return index
            index = cls.load(s)
            index.generation = current
        index.save(store)
        return index

    def save(self, store: Store) -> bool:
        """Cache this index for the next start, if it is still true of the store's events
        (a patched index is, until some other writer changes them)."""
        with store.session() as s, s.begin():
            current = generation(s)
            if self.generation != current:
                return False
            cached = select(IndexCache.generation).where(IndexCache.name == _CACHE_NAME)
            if s.scalar(cached) == current:
                return True
            # Written with no ORM row, and the rows streamed into the blob a slice at a time:
            # the old row, a table of every row and its bytes took 100 MB more at a million
            # events, as the app closed.
            s.execute(
                insert(IndexCache)
                .prefix_with("OR REPLACE")
                .values(
                    name=_CACHE_NAME,
                    generation=current,
                    header=json.dumps({"format": _FORMAT, "types": list(self.type_names)}),
                    data=func.zeroblob(len(self) * _ROW.itemsize),
                )
            )
            rowid = s.scalar(
                select(literal_column("rowid"))
                .select_from(IndexCache)
                .where(IndexCache.name == _CACHE_NAME)
            )
            raw = s.connection().connection.driver_connection
            assert raw is not None and rowid is not None
            with raw.blobopen("index_cache", "data", rowid) as blob:
                for start in range(0, len(self), _SAVE_ROWS):
                    blob.write(self.to_table(start, start + _SAVE_ROWS).tobytes())
        return True

    @classmethod
    def from_table(cls, table: np.ndarray, type_names: tuple[str, ...]) -> EventIndex:
        """Columns from rows already in index order."""
        columns = {name: np.ascontiguousarray(table[name]) for name in _ROW.names}
        return cls.from_columns(columns, type_names)

    @classmethod
    def from_columns(
        cls,
        columns: dict[str, np.ndarray],
        type_names: tuple[str, ...],
        position_of: np.ndarray | None = None,
    ) -> EventIndex:
        """The index of columns (named as ``_ROW``'s fields) already in index order;
        ``position_of`` may come from an index with the same ids in the same order."""
        columns = dict(columns)
        ids = columns.pop("id")
        n_dated = int(np.searchsorted(columns["start"], UNDATED))
        if position_of is None:
            position_of = np.full(int(ids.max()) + 1 if ids.size else 1, -1, dtype=np.int32)
            position_of[ids] = np.arange(ids.size, dtype=np.int32)
        return cls(
            **columns, ids=ids, type_names=type_names, n_dated=n_dated, position_of=position_of
        )

    def to_table(self, start: int = 0, stop: int | None = None) -> np.ndarray:
        """Rows ``start`` to ``stop`` (all by default) as one structured array."""
        stop = len(self) if stop is None else min(stop, len(self))
        table = np.empty(max(0, stop - start), dtype=_ROW)
        for name in _ROW.names:
            table[name] = self._column(name)[start:stop]
        return table

    def __len__(self) -> int:
        return int(self.ids.size)

    def extent(self) -> tuple[dt.date, dt.date] | None:
        if not self.n_dated:
            return None
        lo = int(self.start[0])
        hi = int(self.end[: self.n_dated].max())
        return dt.date.fromordinal(lo), dt.date.fromordinal(hi)

    # -- filters ---------------------------------------------------------------------------
    def _passages_matching(self, session: Session, wanted: TextQuery) -> np.ndarray:
        """A mask over passage ids: those that match ``wanted`` (index 0, no passage, never)."""
        include = _passage_hits(session, wanted.include) if wanted.include else None
        exclude = _passage_hits(session, wanted.exclude) if wanted.exclude else None
        top = int(self.passage.max(initial=0)) + 1
        for hits in (include, exclude):
            if hits is not None:
                top = max(top, int(hits.max(initial=0)) + 1)
        found = np.zeros(top, dtype=bool)
        if include is None:
            found[:] = True
        else:
            found[include] = True
        if exclude is not None:
            found[exclude] = False
        found[0] = False  # events without a passage never match text
        return found

    def _mark_ids(self, ids: np.ndarray) -> np.ndarray:
        mask = np.zeros(len(self), dtype=bool)
        ids = ids[(ids >= 0) & (ids < self.position_of.size)]
        pos = self.position_of[ids]
        mask[pos[pos >= 0]] = True
        return mask

    def _type_mask(self, types: Iterable[str]) -> np.ndarray:
        wanted = np.zeros(len(self.type_names) + 1, dtype=bool)  # the last slot: unknown (-1)
        for i, name in enumerate(self.type_names):
            wanted[i] = name in types
        return wanted[self.type]

    def _base_mask(self, session: Session, query: EventQuery) -> np.ndarray:
        """Every condition of ``query`` except the type filter."""
        mask = np.ones(len(self), dtype=bool)
        dated = np.arange(len(self)) < self.n_dated
        if query.date_from is not None or query.date_to is not None:
            inside = dated.copy()
            if query.date_from is not None:
                inside &= self.end > query.date_from.toordinal()
            if query.date_to is not None:
                inside &= self.start < query.date_to.toordinal()
            mask &= inside | ~dated if query.include_undated else inside
        elif not query.include_undated:
            mask &= dated
        sets = query._entity_sets(session)
        if sets:
            marks = [self._mark_ids(_entity_event_ids(session, ids)) for ids in sets]
            combined = marks[0]
            for m in marks[1:]:
                combined = combined & m if query.match_all_entities else combined | m
            mask &= combined
        wanted = text_query(query.text)
        if wanted:
            mask &= self._passages_matching(session, wanted)[self.passage]
        if query.document_ids:
            mask &= np.isin(self.document, np.asarray(query.document_ids, dtype=np.int32))
        if query.min_confidence > 0:
            mask &= self.confidence >= query.min_confidence
        if query.min_sources > 1:
            mask &= self._mark_ids(
                _id_list(
                    session,
                    "SELECT group_concat(e.id) FROM events e"
                    " JOIN incidents i ON i.id = e.incident_id WHERE i.sources >= :n",
                    {"n": query.min_sources},
                )
            )
        if query.area is not None:
            inside = np.fromiter(session.scalars(in_area(query.area)), dtype=np.int64)
            top = max(int(self.place.max(initial=0)), int(inside.max(initial=0))) + 1
            lookup = np.zeros(top, dtype=bool)
            lookup[inside] = True
            lookup[0] = False  # no place
            mask &= lookup[self.place]
        if query.origins is not None:
            allowed = np.zeros(2, dtype=bool)
            allowed[1] = ANALYST in query.origins
            allowed[0] = bool(set(query.origins) - {ANALYST})
            mask &= allowed[self.analyst.astype(np.int8)]
        return mask

    def select(self, session: Session, query: EventQuery) -> Selection:
        base = self._base_mask(session, query)
        mask = base & self._type_mask(query.types) if query.types is not None else base
        counts = np.bincount(self.type[base] + 1, minlength=len(self.type_names) + 1)
        by_type = {name: int(counts[i + 1]) for i, name in enumerate(self.type_names)}
        return Selection(self, np.flatnonzero(mask), {k: v for k, v in by_type.items() if v})


def sorted_unique(ids: np.ndarray) -> np.ndarray:
    """The ids sorted, each once. Sorted and compared by hand: ``np.unique`` hashes, which
    for a million ids takes six times their memory."""
    ordered = np.sort(ids)
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


def _read_rows(
    session: Session, type_names: tuple[str, ...], ids: Sequence[int] | None = None
) -> np.ndarray:
    """Index rows of every event (or of ``ids``), unsorted, with types coded by position."""
    type_case = " ".join(f"WHEN ? THEN {i}" for i in range(len(type_names)))
    grain_case = " ".join(f"WHEN ? THEN {i}" for i in range(len(GRANULARITIES)))
    type_code = f"CASE type {type_case} ELSE -1 END" if type_names else "-1"
    where = f" WHERE id IN ({','.join('?' * len(ids))})" if ids is not None else ""
    sql = f"""SELECT id, {_ordinal("date_start")}, {_ordinal("date_end")}, {type_code},
              CASE granularity {grain_case} ELSE {len(GRANULARITIES) - 1} END,
              date_inferred, document_id, coalesce(passage_id, 0), confidence,
              origin = ?, coalesce(place_id, 0) FROM events{where}"""
    raw = session.connection().connection.driver_connection
    assert raw is not None
    cur = raw.cursor()
    cur.execute(sql, (*type_names, *GRANULARITIES, ANALYST, *(ids or ())))
    table = np.fromiter(cur, dtype=_ROW)
    cur.close()
    return table


def _passage_hits(session: Session, terms: str) -> np.ndarray:
    return _id_list(
        session,
        "SELECT group_concat(rowid) FROM passages_fts WHERE passages_fts MATCH :q",
        {"q": terms},
    )


def _id_list(session: Session, sql: str, params: dict[str, object]) -> np.ndarray:
    """One ``group_concat`` of ids parsed by numpy: far cheaper than a row per id."""
    return _parse_ids(session.execute(text(sql), params).scalar())


def _parse_ids(joined: str | None) -> np.ndarray:
    if not joined:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(joined, dtype=np.int64, sep=",")


def _entity_event_ids(session: Session, entity_ids: set[int]) -> np.ndarray:
    parts = [np.zeros(0, dtype=np.int64)]
    for chunk in chunks(sorted(entity_ids)):
        stmt = select(func.group_concat(EventEntity.event_id)).where(
            EventEntity.entity_id.in_(chunk)
        )
        parts.append(_parse_ids(session.scalar(stmt)))
    return np.concatenate(parts)
