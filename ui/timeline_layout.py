"""Timeline layout maths, free of painting: date↔pixel mapping, adaptive ticks, stacking.

Kept pure so it is tested directly and the view only paints what this module computes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from store.timespan import TimeSpan, add_months

MIN_TICK_PX = 80.0
POINT_PX = 12.0  # width a day-precision event takes on screen


@dataclass(frozen=True)
class Scale:
    span: TimeSpan
    left: float
    width: float

    @property
    def px_per_day(self) -> float:
        return self.width / max(self.span.days, 1e-9)

    def x(self, day: dt.date | float) -> float:
        ordinal = day.toordinal() if isinstance(day, dt.date) else day
        return self.left + (ordinal - self.span.start.toordinal()) * self.px_per_day

    def ordinal_at(self, x: float) -> float:
        return self.span.start.toordinal() + (x - self.left) / self.px_per_day


@dataclass(frozen=True)
class Tick:
    day: dt.date
    label: str
    major: bool


_STEPS: list[tuple[str, int]] = [
    ("day", 1),
    ("day", 7),
    ("month", 1),
    ("month", 3),
    ("year", 1),
    ("year", 5),
    ("year", 10),
    ("year", 50),
    ("year", 100),
]
_APPROX_DAYS = {"day": 1.0, "month": 30.44, "year": 365.25}


def _floor(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return day
    if unit == "month":
        index = day.year * 12 + day.month - 1
        index -= index % n
        return dt.date(index // 12, index % 12 + 1, 1)
    return dt.date(max(1, day.year - day.year % n), 1, 1)


def _next(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "month":
        return add_months(day, n)
    return dt.date(min(9999, day.year + n), 1, 1)


def _label(day: dt.date, unit: str, n: int) -> tuple[str, bool]:
    if unit == "day":
        major = day.day == 1
        return (day.strftime("%b %Y") if major else day.strftime("%d")), major
    if unit == "month":
        major = day.month == 1
        return (str(day.year) if major else day.strftime("%b")), major
    return f"{day.year}s" if n >= 10 else str(day.year), day.year % (n * 10) == 0


def ticks(scale: Scale) -> list[Tick]:
    """Ticks at the finest calendar step that leaves at least MIN_TICK_PX between labels."""
    unit, n = _STEPS[-1]
    for u, k in _STEPS:
        if _APPROX_DAYS[u] * k * scale.px_per_day >= MIN_TICK_PX:
            unit, n = u, k
            break
    out: list[Tick] = []
    day = _floor(scale.span.start, unit, n)
    while day < scale.span.end and len(out) < 500:
        if day >= scale.span.start:
            label, major = _label(day, unit, n)
            out.append(Tick(day, label, major))
        nxt = _next(day, unit, n)
        if nxt <= day:
            break
        day = nxt
    return out


def stack(extents: list[tuple[float, float]], gap: float = 3.0) -> list[int]:
    """The row of each (x0, x1) extent so that overlapping extents never share a row.
    Extents must be sorted by x0; rows are filled greedily (first row that is free)."""
    row_ends: list[float] = []
    rows: list[int] = []
    for x0, x1 in extents:
        for i, end in enumerate(row_ends):
            if x0 >= end + gap:
                row_ends[i] = x1
                rows.append(i)
                break
        else:
            row_ends.append(x1)
            rows.append(len(row_ends) - 1)
    return rows


def extent(scale: Scale, start: dt.date, end: dt.date, granularity: str) -> tuple[float, float]:
    """Screen extent of an event: a span for month-or-coarser dates, a point for a day."""
    x0, x1 = scale.x(start), scale.x(end)
    if granularity in ("day", "time") or x1 - x0 < POINT_PX:
        mid = (x0 + x1) / 2 if granularity not in ("day", "time") else x0 + (x1 - x0) / 2
        return mid - POINT_PX / 2, mid + POINT_PX / 2
    return x0, x1
