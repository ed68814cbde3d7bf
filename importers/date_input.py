"""A date typed by a person (a filter's bound, the command line's ``--from``): a TIMEX value
(``2019``, ``2019-09``, ``2019-Q3``, ``2019-SU``, ``199``) or words the temporal tagger reads
as one whole date of its own (``March 2019``, ``Sept. 2019``, ``3 July 2019``)."""

from __future__ import annotations

from importers.timex import tag
from store.timespan import TimeSpan, span_of_value


class NotADate(ValueError):
    """Words that name no date; the message says what is accepted."""


HINT = "a year, month or day such as 2019, 2019-09, March 2019, Sept. 2019, 2019-Q3, 2019-09-23"


def read_period(text: str) -> TimeSpan:
    """The period ``text`` names, or NotADate. Nothing relative ("last year") is accepted:
    there is no reference to read it against."""
    words = " ".join(text.split())
    span = span_of_value(words)
    if span is not None:
        return span
    found = tag(words)
    if (
        len(found) == 1
        and not found[0].relative
        and (found[0].start, found[0].end)
        == (
            0,
            len(words),
        )
    ):
        span = found[0].span
        if span is not None:
            return span
    raise NotADate(f"not a date: {text.strip()!r} (use {HINT})")
