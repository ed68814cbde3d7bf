"""The views show an event's date as a reader says it, not as TIMEX3 stores it."""

from __future__ import annotations

import pytest

from ui.date_text import readable_date


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2019-09-23", "2019-09-23"),
        ("2019-09", "2019-09"),
        ("2019", "2019"),
        ("2010-03-04TNI", "2010-03-04 night"),
        ("2010-03-04TMO", "2010-03-04 morning"),
        ("2013-03-22T14:30", "2013-03-22 14:30"),
        ("1998-08-07T07:35Z", "1998-08-07 07:35 UTC"),
        ("2019-W27", "2019 week 27"),
        ("2019-W27-WE", "2019 week 27 weekend"),
        ("2020-Q1", "Q1 2020"),
        ("2019-SU", "summer 2019"),
        ("2019-H1", "first half of 2019"),
        ("199", "1990s"),
        ("XXXX-12-30", "December 30, no year"),
        ("XXXX-03", "March, no year"),
        ("XXXX-WXX-4", "a Thursday"),
        ("PRESENT_REF", "the present"),
        ("P3Y", "P3Y"),  # nothing it does not know is reworded
    ],
)
def test_a_date_value_reads_as_words(value: str, shown: str) -> None:
    assert readable_date(value) == shown
