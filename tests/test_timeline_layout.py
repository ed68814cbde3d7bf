"""Timeline maths: ticks adapt from decades to days, zoom keeps the cursor's date, stacking."""

from __future__ import annotations

import datetime as dt
import itertools

from store.timespan import TimeSpan, moved, span_of_value, zoomed
from ui.timeline_layout import Scale, extent, stack, ticks


def _span(a: str, b: str) -> TimeSpan:
    return TimeSpan(dt.date.fromisoformat(a), dt.date.fromisoformat(b))


def test_ticks_adapt_from_decades_to_days():
    wide = ticks(Scale(_span("1950-01-01", "2020-01-01"), 0, 1000))
    assert wide and all(t.day.month == 1 and t.day.day == 1 for t in wide)
    assert all(t.day.year % 10 == 0 for t in wide)
    months = ticks(Scale(_span("2019-01-01", "2020-01-01"), 0, 1200))
    assert {t.day.day for t in months} == {1} and len(months) >= 4
    days = ticks(Scale(_span("2019-09-01", "2019-09-08"), 0, 1000))
    assert [t.day.day for t in days] == list(range(1, 8))
    for scale in (Scale(_span("1950-01-01", "2020-01-01"), 0, 1000),):
        xs = [scale.x(t.day) for t in ticks(scale)]
        assert all(b - a >= 80 for a, b in itertools.pairwise(xs))


def test_zoom_keeps_the_anchor_in_place_and_is_clamped():
    span = _span("2019-01-01", "2020-01-01")
    anchor = dt.date(2019, 4, 1).toordinal()
    before = Scale(span, 0, 1000)
    inner = zoomed(span, 0.5, anchor)
    after = Scale(inner, 0, 1000)
    assert inner.days < span.days
    assert abs(before.x(anchor) - after.x(anchor)) < 4
    assert zoomed(span, 1e-9, anchor).days >= 1
    assert zoomed(span, 1e9).days <= 366 * 500 + 1


def test_move_shifts_both_ends():
    span = _span("2019-01-01", "2019-02-01")
    assert moved(span, 10) == _span("2019-01-11", "2019-02-11")


def test_overlapping_events_stack_and_separate_ones_share_a_row():
    assert stack([(0, 10), (5, 15), (20, 30), (6, 8)]) == [0, 1, 0, 2]


def test_month_events_are_spans_and_day_events_points():
    scale = Scale(_span("2019-01-01", "2020-01-01"), 0, 3650)
    sept = span_of_value("2019-09")
    assert sept is not None
    x0, x1 = extent(scale, sept.start, sept.end, "month")
    assert x1 - x0 > 250
    day = span_of_value("2019-09-23")
    assert day is not None
    d0, d1 = extent(scale, day.start, day.end, "day")
    assert d1 - d0 == 12


def test_zooming_out_of_a_single_day_and_back_in_always_moves():
    span = _span("2019-09-23", "2019-09-24")
    out = zoomed(span, 1.25)
    assert out.days == 2
    wider = [out]
    for _ in range(10):
        wider.append(zoomed(wider[-1], 1.25))
    assert [s.days for s in wider] == sorted({s.days for s in wider})  # strictly growing
    back = zoomed(wider[-1], 0.8)
    assert back.days < wider[-1].days


def test_the_timeline_knows_which_of_its_marks_are_selected_among_a_million():
    from ui.timeline_view import SelectedIds

    selected = SelectedIds([*range(1_000_000, 0, -2), 4])  # in table order, one twice
    assert len(selected) == 500_000
    assert 4 in selected and 1_000_000 in selected
    assert 3 not in selected and 1_000_002 not in selected and 0 not in selected
    assert selected.among([1, 2, 3, 4, 999_999, 1_000_000, 2_000_000]) == {2, 4, 1_000_000}
    assert SelectedIds().among([1, 2]) == set() and 1 not in SelectedIds()
