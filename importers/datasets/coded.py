"""Rows of the coded event data sets as events: ACLED exports (current and older layouts),
UCDP's Georeferenced Event Dataset and the Global Terrorism Database. Their types map to ours
through ``resources/datasets.toml``; dates keep the precision the coders gave them."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from importers.geo import coded_place
from store.records import DatasetLink, DatasetRow
from store.timespan import add_months


class RowError(ValueError):
    """A row that cannot be an event; the message says why, in a few words."""


@lru_cache(maxsize=1)
def mapping() -> dict[str, Any]:
    return tomllib.loads(resources.files("resources").joinpath("datasets.toml").read_text("utf-8"))


def cell(row: dict[str, Any], name: str) -> str:
    value = row.get(name)
    if value.__class__ is str:
        return value.strip()  # type: ignore[no-any-return]
    return "" if value is None else str(value).strip()


def number(text: str) -> int | None:
    """A count as the data sets write it ("3", "3.0", ""); None when not given."""
    if not text:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


def coordinate(text: str, limit: float) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if -limit <= value <= limit else None


def within(*names: str) -> str:
    """The containing places, most specific first, each once."""
    seen: list[str] = []
    for name in names:
        if name and name not in seen:
            seen.append(name)
    return ", ".join(seen)


def day_value(day: dt.date) -> tuple[dt.date, dt.date, str, str]:
    return day, day + dt.timedelta(days=1), day.isoformat(), "day"


def month_value(day: dt.date) -> tuple[dt.date, dt.date, str, str]:
    first = day.replace(day=1)
    return first, add_months(first, 1), f"{first:%Y-%m}", "month"


def range_value(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date, str, str]:
    """The days from ``first`` to ``last``, both included, as an ISO 8601 interval."""
    if last <= first:
        return day_value(first)
    return first, last + dt.timedelta(days=1), f"{first}/{last}", "other"


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?")
_FORMATS = ("%d-%b-%y", "%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y", "%B %d, %Y", "%d/%m/%Y")


@lru_cache(maxsize=65536)
def parse_day(text: str) -> dt.date:
    """A day as the data sets write it: ``2020-05-09``, ``9-May-20``, ``9 May 2020`` (ACLED's
    styles), with a time after it or not."""
    if m := _ISO.fullmatch(text):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise RowError(f"not a date: {text!r}") from None
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise RowError(f"not a date: {text!r}" if text else "no date")


def _actors(text: str) -> list[str]:
    """ACLED's associated actors: several in one cell, separated by semicolons."""
    return [a.strip() for a in text.split(";") if a.strip()]


# ACLED ------------------------------------------------------------------------------------


def acled_id(row: dict[str, Any]) -> str:
    return cell(row, "event_id_cnty") or cell(row, "data_id")


def acled_row(line: int, row: dict[str, Any]) -> DatasetRow:
    source_id = acled_id(row)
    if not source_id:
        raise RowError("no event id (event_id_cnty)")
    day = parse_day(cell(row, "event_date"))
    precision = cell(row, "time_precision") or "1"
    if precision == "3":
        start, end, value, grain = month_value(day)
    elif precision == "2":  # a week is known: the calendar week of the day coded
        year, week, _ = day.isocalendar()
        monday = dt.date.fromisocalendar(year, week, 1)
        start, end, value, grain = (
            monday,
            monday + dt.timedelta(days=7),
            f"{year}-W{week:02d}",
            "week",
        )
    else:
        start, end, value, grain = day_value(day)
    tables = mapping()["acled"]
    event_type, sub = cell(row, "event_type"), cell(row, "sub_event_type")
    if sub in tables["sub_events"]:
        our_type, acled_sub = tables["sub_events"][sub], sub
    elif event_type in tables["event_types"]:
        our_type, acled_sub = tables["event_types"][event_type], ""
    else:
        raise RowError(f"unknown event type {event_type or '(none)'!r} / {sub or '(none)'!r}")
    kinds = tables["actor_kinds"]
    links: list[DatasetLink] = []
    for side, role in (("1", "actor"), ("2", "target")):
        kind = kinds.get(cell(row, f"inter{side}"), "organization")
        if name := cell(row, f"actor{side}"):
            links.append(DatasetLink(name, kind, role))
        for name in _actors(cell(row, f"assoc_actor_{side}")):
            links.append(DatasetLink(name, kind, role))
    containers = [cell(row, c) for c in ("admin3", "admin2", "admin1", "country")]
    links.extend(_place(row, cell(row, "location"), containers))
    notes = cell(row, "notes")
    return DatasetRow(
        line=line,
        source_id=source_id,
        type=our_type,
        acled_sub_event=acled_sub,
        source_type=" / ".join(t for t in (event_type, sub) if t),
        date_start=start,
        date_end=end,
        date_value=value,
        granularity=grain,
        date_text=cell(row, "event_date"),
        text=notes or f"{sub or event_type} in {cell(row, 'location') or cell(row, 'country')}",
        fatalities=number(cell(row, "fatalities")),
        links=tuple(links),
    )


def _place(row: dict[str, Any], name: str, containers: list[str]) -> list[DatasetLink]:
    """The row's most specific place (``name``, else the smallest of ``containers`` it gives),
    with the row's coordinates and the places that contain it, most specific first."""
    name = name or next((n for n in containers if n), "")
    if not name:
        return []
    country, area, level = coded_place(name, tuple(containers))
    return [
        DatasetLink(
            name,
            "place",
            "location",
            coordinate(cell(row, "latitude"), 90),
            coordinate(cell(row, "longitude"), 180),
            within(*(n for n in containers if n != name)),
            country,
            area,
            level,
        )
    ]


# UCDP GED ---------------------------------------------------------------------------------


def ucdp_id(row: dict[str, Any]) -> str:
    return cell(row, "id")


def ucdp_row(line: int, row: dict[str, Any]) -> DatasetRow:
    source_id = ucdp_id(row)
    if not source_id:
        raise RowError("no event id (id)")
    first = parse_day(cell(row, "date_start"))
    last = parse_day(cell(row, "date_end") or cell(row, "date_start"))
    start, end, value, grain = range_value(first, last)
    kind = cell(row, "type_of_violence")
    known = mapping()["ucdp"]["type_of_violence"]
    if kind not in known:
        raise RowError(f"unknown type_of_violence {kind or '(none)'!r}")
    our_type, label = known[kind]
    links = [
        DatasetLink(name, "other" if name.lower().startswith("civilians") else "organization", role)
        for name, role in ((cell(row, "side_a"), "actor"), (cell(row, "side_b"), "target"))
        if name
    ]
    # a note in brackets after the coordinates' place is not part of its name
    place = re.sub(r"\s+\((?:.*)\)$", "", cell(row, "where_coordinates"))
    containers = [cell(row, c) for c in ("adm_2", "adm_1", "country")]
    links.extend(_place(row, place, containers))
    headline = cell(row, "source_headline")
    where = cell(row, "where_description")
    text = "; ".join(t for t in (headline, where) if t) or f"{cell(row, 'dyad_name')} ({label})"
    date_text = cell(row, "date_start")
    if cell(row, "date_end") and cell(row, "date_end") != date_text:
        date_text = f"{date_text} to {cell(row, 'date_end')}"
    return DatasetRow(
        line=line,
        source_id=source_id,
        type=our_type,
        source_type=label,
        date_start=start,
        date_end=end,
        date_value=value,
        granularity=grain,
        date_text=date_text,
        text=text,
        fatalities=number(cell(row, "best")),
        links=tuple(links),
    )


# GTD --------------------------------------------------------------------------------------


def gtd_id(row: dict[str, Any]) -> str:
    return cell(row, "eventid")


def gtd_row(line: int, row: dict[str, Any]) -> DatasetRow:
    source_id = gtd_id(row)
    if not source_id:
        raise RowError("no event id (eventid)")
    year, month, day = (number(cell(row, c)) or 0 for c in ("iyear", "imonth", "iday"))
    if not 1 <= year <= 9999 or not 0 <= month <= 12:
        raise RowError(f"not a date: year {year}, month {month}")
    try:  # a 0 month or day is one the GTD does not know
        if month and day:
            start, end, value, grain = day_value(dt.date(year, month, day))
        elif month:
            start, end, value, grain = month_value(dt.date(year, month, 1))
        else:
            start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
            value, grain = str(year), "year"
    except ValueError:
        raise RowError(f"not a date: {year}-{month}-{day}") from None
    attack = cell(row, "attacktype1_txt")
    types = mapping()["gtd"]["attack_types"]
    if attack not in types:
        raise RowError(f"unknown attack type {attack or '(none)'!r}")
    links: list[DatasetLink] = []
    group = cell(row, "gname")
    if group and group != "Unknown":
        links.append(DatasetLink(group, "organization", "actor"))
    target = cell(row, "corp1") or cell(row, "target1") or cell(row, "targtype1_txt")
    if target and target not in ("Unknown", "Unknown."):
        links.append(DatasetLink(target, "other", "target"))
    links.extend(
        _place(row, cell(row, "city"), [cell(row, c) for c in ("provstate", "country_txt")])
    )
    written = cell(row, "approxdate") or "-".join(str(p) for p in (year, month or "?", day or "?"))
    summary = cell(row, "summary")
    return DatasetRow(
        line=line,
        source_id=source_id,
        type=types[attack],
        source_type=attack,
        date_start=start,
        date_end=end,
        date_value=value,
        granularity=grain,
        date_text=written,
        text=summary or f"{attack} in {cell(row, 'city') or cell(row, 'country_txt')}",
        fatalities=number(cell(row, "nkill")),
        links=tuple(links),
    )
