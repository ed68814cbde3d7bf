"""The reference date of a document: option, publication metadata, dateline or header, filename,
the month of a release number, the file's creation date (inferred), else none.

Without one, relative expressions resolve against the latest explicit date of the text and are
marked inferred (:func:`fallback_reference`); nothing is guessed silently.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath

from importers.timex import Reference, Timex, tag
from store.timespan import date_from_match, span_of_value

HEADER_CHARS = 600
_CUE = re.compile(r"(?i)\b(?:published|posted|updated|dated?|released|issued)\b[^\n]{0,20}$")
_DATELINE_BEFORE = re.compile(r"\s*[A-Z][\w .'’-]{1,40},(?:[\w .'’-]{1,30})?[\s(,]*")
_DATELINE_AFTER = re.compile(r"\s*(?:\)|\(|--|[-—–]|/)")
_DATELINE_REACH = 200
_HEADLINE_AFTER = re.compile(r"\s*(?::|[-—–]\s)")
_STAMP = re.compile(r"(?m)^[ \t]*((?:19|20)\d\d)-(0[1-9]|1[0-2])-[A-Z0-9]")
_FILENAME = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?([01]\d)[-_.]?([0-3]\d)(?!\d)")


def _full_day(t: Timex) -> dt.date | None:
    if t.type not in ("DATE", "TIME") or t.relative:
        return None
    if not re.fullmatch(r"\d{4}-\d\d-\d\d(?:T.*)?", t.value):
        return None
    return dt.date.fromisoformat(t.value[:10])


def in_dateline(text: str, start: int, end: int) -> bool:
    """Whether the date at [start, end) is a dateline's: ``KABUL, Afghanistan (Nov. 30, 2010)
    —``, the date a report was filed, not when what it reports happened."""
    # The place before the date is at most some 75 characters (_DATELINE_BEFORE): a line
    # start further back than _DATELINE_REACH is no dateline's, and is not searched for, since
    # every date of a text without line breaks would scan the whole text.
    newline = text.rfind("\n", max(0, start - _DATELINE_REACH), start)
    if newline < 0 and start > _DATELINE_REACH:
        return False
    line_end = text.find("\n", end, end + _DATELINE_REACH)
    return bool(_DATELINE_BEFORE.fullmatch(text, newline + 1, start)) and bool(
        _DATELINE_AFTER.match(text, end, line_end if line_end >= 0 else end + _DATELINE_REACH)
    )


def _stamped_year(head: str, month: int) -> int | None:
    """The year of a ``YYYY-MM`` stamp opening a header line (a release or document number)
    whose month is ``month`` or next to it."""
    for m in _STAMP.finditer(head):
        year, stamp_month = int(m[1]), int(m[2])
        for shift in (0, -1, 1):
            candidate = dt.date(year, stamp_month, 1) + dt.timedelta(days=31 * shift)
            if candidate.month == month:
                return candidate.year
    return None


def _month_and_day(t: Timex) -> tuple[int, int] | None:
    """The month and day of an expression that gives no year ("Dec. 9": ``XXXX-12-09``)."""
    m = re.fullmatch(r"XXXX-(\d\d)-(\d\d)", t.value)
    return (int(m[1]), int(m[2])) if m else None


def _yearless_day(head: str, t: Timex) -> dt.date | None:
    """``(Dec. 9)``: a month and day whose year only a header stamp gives."""
    month_day = _month_and_day(t)
    if month_day is None:
        return None
    year = _stamped_year(head, month_day[0])
    if year is None:
        return None
    try:
        return dt.date(year, *month_day)
    except ValueError:
        return None


def from_header(text: str) -> Reference | None:
    """A dateline or a header date: ``KABUL, Afghanistan (Oct. 25, 2010) —``, a date alone on a
    line near the top, or one after ``Published``/``Posted``. A dateline without a year
    (``Kabul, Afghanistan (Dec. 9) -``) takes the year of a ``2009-12-…`` stamp in the header,
    and is then marked inferred."""
    head = text[:HEADER_CHARS]
    for t in tag(head):
        day = _full_day(t)
        inferred = False
        if day is None:
            day, inferred = _yearless_day(head, t), True
        if day is None:
            continue
        if in_dateline(head, t.start, t.end):
            return Reference(day, inferred, "dateline")
        line_start = head.rfind("\n", 0, t.start) + 1
        line_end = head.find("\n", t.end)
        line = head[line_start : line_end if line_end >= 0 else len(head)]
        before = head[line_start : t.start]
        if len(line.strip()) <= len(t.text) + 24 and not re.search(r"[.!?]\s+\w", line):
            return Reference(day, inferred, "header")
        if not before.strip() and _HEADLINE_AFTER.match(head, t.end):
            return Reference(day, inferred, "header")
        if not inferred and _CUE.search(before):
            return Reference(day, False, "header")
    return None


def from_filename(path: str | None) -> dt.date | None:
    if not path:
        return None
    return date_from_match(_FILENAME.search(PurePath(path).name))


def from_stamp(text: str) -> Reference | None:
    """The month of an identifier that carries a date, opening a header line: a release or
    document number (``2010-07-CA-129``, ``2019-03-S-045``, ``2021-05-R-12``). The document was
    issued in that month, on a day it does not say: "July 16" resolves against it; "yesterday"
    does not. A general rule about such identifiers, last among the text's own dates: a
    dateline, a header date or a later date the text states outranks it (see
    ``pipeline.build_document``)."""
    m = _STAMP.search(text, 0, HEADER_CHARS)
    if m is None:
        return None
    month = f"{m[1]}-{m[2]}"
    span = span_of_value(month)
    assert span is not None  # _STAMP admits only a real year and month
    return Reference(span.end - dt.timedelta(days=1), True, "release number", month)


def document_reference(
    text: str,
    *,
    option: dt.date | None = None,
    metadata: dt.date | None = None,
    path: str | None = None,
    created: dt.date | None = None,
) -> Reference | None:
    """The reference date with where it came from, in order of trust. ``created``, the day the
    file was made (a PDF's CreationDate), comes last and is inferred: a report saved as a PDF
    today is not news of today, so a dateline or header date in its text wins over it."""
    if option is not None:
        return Reference(option, False, "option")
    if metadata is not None:
        return Reference(metadata, False, "metadata")
    found = from_header(text)
    if found is not None:
        return found
    named = from_filename(path)
    if named is not None:
        return Reference(named, False, "filename")
    stamped = from_stamp(text)
    if stamped is not None or created is None:
        return stamped
    return Reference(created, True, "file created")


def _yearless_dateline(text: str, timexes: list[Timex]) -> tuple[int, int] | None:
    """The month and day of a dateline that gives no year: ``KABUL, Afghanistan (Jan. 14) -``."""
    for t in timexes:
        if t.start >= HEADER_CHARS:
            break
        month_day = _month_and_day(t)
        if month_day is not None and in_dateline(text, t.start, t.end):
            return month_day
    return None


def _on_or_after(month: int, day: int, bound: dt.date) -> dt.date | None:
    """The first ``month``/``day`` on or after ``bound`` (within four years: 29 February)."""
    for year in range(bound.year, bound.year + 5):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= bound:
            return candidate
    return None


def fallback_reference(timexes: list[Timex], text: str = "") -> Reference | None:
    """The latest explicit date of the text, as an inferred reference known to the precision
    the text gives it (the end of its period: a text that names June 2011 was written in June
    2011 or later, on a day it does not say). A yearless dateline narrows that to a day: a
    release filed on "Jan. 14" that names June 2011 was filed on Jan. 14, 2012 at the earliest,
    and that day is taken, marked inferred."""
    latest: tuple[dt.date, str] | None = None
    for t in timexes:
        if t.relative or t.type != "DATE":
            continue
        span = t.span
        if span is None or t.granularity in ("decade", "century"):
            continue
        last_day = span.end - dt.timedelta(days=1)
        if latest is None or last_day > latest[0]:
            latest = (last_day, "" if span.granularity == "day" else t.value)
    if latest is None:
        return None
    dateline = _yearless_dateline(text, timexes)
    if dateline is not None:
        filed = _on_or_after(*dateline, latest[0])
        if filed is not None:
            return Reference(filed, True, "dateline")
    return Reference(latest[0], True, "inferred", latest[1])


def stored_reference(date: dt.date | None, source: str, value: str) -> Reference | None:
    """The reference a stored document was read against, rebuilt from its columns: one taken
    from the latest date of the text or a release number is inferred, and a period coarser
    than a day stays that coarse."""
    if date is None:
        return None
    period = value if value and value != date.isoformat() else ""
    return Reference(date, source in ("inferred", "release number", "file created"), source, period)
