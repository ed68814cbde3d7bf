"""TimeSpan: one immutable half-open date range with a granularity.

It serves as an event's date and as the timeline's visible window. ``span_of_value`` turns a
TIMEX3-style value (``2019``, ``2019-09``, ``2019-09-23``, ``199``, ``2019-Q1``, ``2019-SU``,
``2020-W05``) into the range it covers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_SEASONS = {"SP": (3, 6), "SU": (6, 9), "FA": (9, 12), "WI": (12, 15)}
ORDINAL_MIN = dt.date(1, 1, 1).toordinal()
ORDINAL_MAX = dt.date(9999, 12, 31).toordinal()


def date_from_match(m: re.Match[str] | None) -> dt.date | None:
    """The date of a match whose groups 1, 2, 3 are year, month and day, if it is a real day."""
    if m is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def add_months(day: dt.date, months: int) -> dt.date:
    """First day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class TimeSpan:
    start: dt.date
    end: dt.date  # exclusive
    granularity: str = "day"

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"empty time span {self.start}..{self.end}")

    @property
    def days(self) -> float:
        return float(self.end.toordinal() - self.start.toordinal())

    def overlaps(self, other: TimeSpan) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, day: dt.date) -> bool:
        return self.start <= day < self.end

    @staticmethod
    def from_ordinals(lo: float, hi: float, granularity: str = "day") -> TimeSpan:
        a = int(max(ORDINAL_MIN, min(ORDINAL_MAX - 1, lo)))
        b = int(max(a + 1, min(ORDINAL_MAX, round(hi))))
        return TimeSpan(dt.date.fromordinal(a), dt.date.fromordinal(b), granularity)


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(?:FY)?(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def span_of_value(value: str) -> TimeSpan | None:
    """The range a fully resolved TIMEX3 value covers, or None (unresolved, duration, ref)."""
    try:
        return _span_of_value(value)
    except ValueError:
        return None


def _span_of_value(value: str) -> TimeSpan | None:
    if m := _DAY.match(value):
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return TimeSpan(d, d + dt.timedelta(days=1), "day")
    if m := _MONTH.match(value):
        d = dt.date(int(m[1]), int(m[2]), 1)
        return TimeSpan(d, add_months(d, 1), "month")
    if m := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            sat = monday + dt.timedelta(days=5)
            return TimeSpan(sat, sat + dt.timedelta(days=2), "weekend")
        return TimeSpan(monday, monday + dt.timedelta(days=7), "week")
    if m := _QUARTER.match(value):
        d = dt.date(int(m[1]), 3 * (int(m[2]) - 1) + 1, 1)
        return TimeSpan(d, add_months(d, 3), "quarter")
    if m := _HALF.match(value):
        d = dt.date(int(m[1]), 6 * (int(m[2]) - 1) + 1, 1)
        return TimeSpan(d, add_months(d, 6), "half")
    if m := _SEASON.match(value):
        first, last = _SEASONS[m[2]]
        d = add_months(dt.date(int(m[1]), 1, 1), first - 1)
        return TimeSpan(d, add_months(dt.date(int(m[1]), 1, 1), last - 1), "season")
    if m := _YEAR.match(value):
        y = int(m[1])
        return TimeSpan(dt.date(y, 1, 1), dt.date(y + 1, 1, 1), "year")
    if m := _DECADE.match(value):
        y = int(m[1]) * 10
        return TimeSpan(dt.date(max(y, 1), 1, 1), dt.date(y + 10, 1, 1), "decade")
    if m := _CENTURY.match(value):
        y = int(m[1]) * 100
        return TimeSpan(dt.date(max(y, 1), 1, 1), dt.date(y + 100, 1, 1), "century")
    return None


MIN_DAYS = 1.0
MAX_DAYS = 366.0 * 500


def zoomed(span: TimeSpan, factor: float, anchor: float | None = None) -> TimeSpan:
    """``span`` scaled by ``factor`` (< 1 zooms in) around the ordinal ``anchor``, which stays
    at the same relative place; the length stays between a day and five centuries."""
    lo, hi = float(span.start.toordinal()), float(span.end.toordinal())
    anchor = (lo + hi) / 2 if anchor is None else anchor
    length = (hi - lo) * factor
    # Spans are whole days: a step always changes the length by one at least, or zooming
    # out of a single day would round back to it for ever.
    if factor > 1:
        length = max(length, hi - lo + 1)
    elif factor < 1:
        length = min(length, hi - lo - 1)
    length = min(MAX_DAYS, max(MIN_DAYS, length))
    rel = (anchor - lo) / (hi - lo) if hi > lo else 0.5
    new_lo = anchor - rel * length
    return TimeSpan.from_ordinals(new_lo, new_lo + length, span.granularity)


def moved(span: TimeSpan, days: float) -> TimeSpan:
    lo, hi = span.start.toordinal() + days, span.end.toordinal() + days
    return TimeSpan.from_ordinals(lo, hi, span.granularity)


def whole_units(lo: int, hi: int) -> TimeSpan:
    """The ordinals [lo, hi) widened to whole years when they span over two years, to whole
    months when over two months, else to whole days with a few days' margin."""
    start, end = dt.date.fromordinal(lo), dt.date.fromordinal(max(hi, lo + 1))
    days = hi - lo
    if days > 2 * 366:
        return TimeSpan(
            dt.date(start.year, 1, 1),
            dt.date(min(end.year + (end > dt.date(end.year, 1, 1)), 9999), 1, 1),
        )
    if days > 62:
        first = dt.date(start.year, start.month, 1)
        last = dt.date(end.year, end.month, 1)
        return TimeSpan(first, add_months(last, 1) if end > last else last)
    pad = max(3, days // 10)
    return TimeSpan.from_ordinals(lo - pad, hi + pad)
