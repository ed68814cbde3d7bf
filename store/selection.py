"""A selection: the events of one query, as positions into the event index, and what the
views ask of them: their order, those of a visible range, density bins and the events by place
for the map. Array work only, no SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from store.event_index import EventIndex

UNDATED = np.iinfo(np.int32).max  # start and end of an undated event: sorts last
GRANULARITIES = (
    "none",
    "time",
    "day",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
    "other",
)
POINT_GRAINS = frozenset({"day", "time"})


@dataclass(frozen=True)
class IndexedItem:
    """A dated event as the timeline draws it: no text, which is fetched only when shown."""

    id: int
    type: str
    start: dt.date
    end: dt.date
    granularity: str
    inferred: bool


_ORDER_KEYS = ("date", "type", "document", "confidence")


@dataclass(frozen=True)
class PlaceCounts:
    """Events by place (see :meth:`Selection.places_in`)."""

    ids: np.ndarray  # place entity ids, ascending
    counts: np.ndarray  # events at each
    types: np.ndarray  # the commonest type at each, as a position in type_names (-1: none)
    type_names: tuple[str, ...]
    unplaced: int  # events without a place with coordinates


@dataclass(frozen=True)
class Selection:
    """The events of one query: positions into the index, dated ones first, by date."""

    index: EventIndex
    positions: np.ndarray
    counts_by_type: dict[str, int]

    def __len__(self) -> int:
        return int(self.positions.size)

    @cached_property
    def n_dated(self) -> int:
        return int(np.searchsorted(self.positions, self.index.n_dated))

    @cached_property
    def _dated_starts(self) -> np.ndarray:
        return self.index.start[self._dated()]

    @property
    def n_undated(self) -> int:
        return len(self) - self.n_dated

    def _dated(self) -> np.ndarray:
        return self.positions[: self.n_dated]

    def ids(self, order: str = "date", descending: bool = False) -> np.ndarray | None:
        """Event ids in the order of :meth:`EventQuery.ids_statement`, or ``None`` for an
        order the index does not hold (the caller asks SQL)."""
        if order not in _ORDER_KEYS:
            return None
        ix, pos = self.index, self.positions
        if order == "date" and not descending:
            return ix.ids[pos]
        key: np.ndarray = {
            "date": ix.start,
            "type": ix.type,
            "document": ix.document,
            "confidence": ix.confidence,
        }[order][pos]
        key = -key.astype(np.float64) if descending else key
        undated = pos >= ix.n_dated
        return ix.ids[pos[np.lexsort((ix.ids[pos], key, undated))]]

    def in_range(self, start: int, end: int) -> np.ndarray:
        """Positions of the dated events overlapping [start, end) (ordinals)."""
        dated = self._dated()
        head = dated[: int(np.searchsorted(self._dated_starts, end))]
        return head[self.index.end[head] > start]

    @cached_property
    def _place_codes(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
        """Per event of the selection, in its order: one code for (place, type), the places
        numbered densely; with the places (0: none), the events' ends and the row width. Made
        once per selection, so that a pan of the timeline only slices and counts."""
        ix, pos = self.index, self.positions
        ids, rank = dense_ranks(ix.place[pos])
        width = len(ix.type_names) + 1
        codes = rank.astype(np.int64) * width + ix.type[pos].astype(np.int64) + 1
        return ids, codes, ix.end[pos], width

    def places_in(self, start: int | None, end: int | None) -> PlaceCounts:
        """The events of [start, end) (every event when ``start`` is None) by place: the
        places, how many events each holds and its commonest type, and how many events have
        no place. The map draws these, never the events one by one."""
        ids, codes, ends, width = self._place_codes
        if start is None or end is None:
            chosen = codes
        else:
            k = int(np.searchsorted(self._dated_starts, end))
            chosen = codes[:k][ends[:k] > start]
        table = np.bincount(chosen, minlength=ids.size * width).reshape(ids.size, width)
        per_place = table.sum(axis=1)
        top = table.argmax(axis=1) - 1  # column 0 is an unknown type (-1)
        keep = (ids > 0) & (per_place > 0)
        return PlaceCounts(
            ids=ids[keep].astype(np.int64),
            counts=per_place[keep].astype(np.int64),
            types=top[keep].astype(np.int16),
            type_names=self.index.type_names,
            unplaced=int(per_place[ids == 0].sum()),
        )

    def count_in(self, start: int, end: int) -> int:
        return int(self.in_range(start, end).size)

    def items(self, start: int, end: int) -> list[IndexedItem]:
        return self.items_at(self.in_range(start, end))

    def items_at(self, positions: np.ndarray) -> list[IndexedItem]:
        ix = self.index
        names = ix.type_names
        return [
            IndexedItem(
                id=int(i),
                type=names[t] if t >= 0 else "",
                start=dt.date.fromordinal(int(s)),
                end=dt.date.fromordinal(int(e)),
                granularity=GRANULARITIES[g],
                inferred=bool(f),
            )
            for i, t, s, e, g, f in zip(
                ix.ids[positions].tolist(),
                ix.type[positions].tolist(),
                ix.start[positions].tolist(),
                ix.end[positions].tolist(),
                ix.grain[positions].tolist(),
                ix.inferred[positions].tolist(),
                strict=True,
            )
        ]

    def bulk(self, share: float = 0.01) -> tuple[int, int] | None:
        """Ordinals [start, end) holding the bulk of the dated events: all but the outer
        ``share`` on each side, and nothing beyond Tukey's far-out fences (three
        interquartile ranges, at least a year each, past the quartiles), so that one misread
        date a century off does not make every real event a spike, even among a few."""
        n = self.n_dated
        if not n:
            return None
        starts = self._dated_starts
        ends = self.index.end[self._dated()]
        q1, q3 = (int(v) for v in np.percentile(starts, [25, 75], method="lower"))
        reach = 3 * max(q3 - q1, 365)
        cut = int(n * share)
        lo = max(int(starts[cut]), int(starts[np.searchsorted(starts, q1 - reach)]))
        inside = ends[starts <= q3 + reach]
        hi = int(inside.max()) if inside.size else int(ends.max())
        if cut and inside.size > cut:
            hi = min(hi, int(np.partition(inside, inside.size - 1 - cut)[inside.size - 1 - cut]))
        return lo, max(hi, lo + 1)

    def dated_types(self) -> set[str]:
        """The types of the dated events (those the timeline can draw)."""
        codes = np.unique(self.index.type[self._dated()])
        return {self.index.type_names[c] for c in codes.tolist() if c >= 0}

    def outside(self, start: int, end: int) -> tuple[int, int]:
        """How many dated events lie wholly before ``start`` and wholly after ``end``."""
        n = self.n_dated
        if not n:
            return 0, 0
        before = int(np.count_nonzero(self.index.end[self._dated()] <= start))
        after = n - int(np.searchsorted(self._dated_starts, end))
        return before, after

    def nearest_outside(self, start: int, end: int) -> tuple[int | None, int | None]:
        """The end of the last event wholly before ``start`` and the start of the first
        wholly after ``end`` (ordinals), or None where there is none."""
        n = self.n_dated
        if not n:
            return None, None
        ends = self.index.end[self._dated()]
        earlier = ends[ends <= start]
        at = int(np.searchsorted(self._dated_starts, end))
        return (
            int(earlier.max()) if earlier.size else None,
            int(self._dated_starts[at]) if at < n else None,
        )

    def density(self, start: int, end: int, bins: int) -> list[int]:
        """How many events start in each of ``bins`` equal slices of [start, end): an event
        falls in slice ``int((day - start) / width)``."""
        starts = self._dated_starts
        width = max(1, end - start) / bins
        # Slice k starts at the first whole day d with (d - start) / width >= k.
        edges = np.ceil(start + np.arange(bins + 1) * width - 1e-9).astype(np.int64)
        edges[0], edges[-1] = start, end
        found = np.searchsorted(starts, edges)
        return np.diff(found).astype(int).tolist()


def dense_ranks(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_inverse=True)`` for small non-negative integers (ids): a
    lookup table in one pass instead of a sort, a tenth of the time at a million values."""
    if not values.size or values.min() < 0 or values.max() > 50 * values.size + 1_000_000:
        ids, ranks = np.unique(values, return_inverse=True)
        return ids, ranks.reshape(-1)
    present = np.zeros(int(values.max()) + 1, dtype=bool)
    present[values] = True
    ids = np.flatnonzero(present)
    lookup = np.cumsum(present) - 1
    return ids, lookup[values]
