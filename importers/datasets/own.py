"""Chronolens' own event exports (CSV and JSON lines) read back: a round trip gives the same
events, types, dates, entities and evidence."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from importers.datasets.coded import RowError, cell
from store.links import KINDS, ROLES
from store.records import DatasetLink, DatasetRow
from store.type_codes import ACLED_SUB_EVENTS, codes_of, type_codes

_LABEL = re.compile(rf"(?P<name>.+?) \((?P<kind>{'|'.join(KINDS)}), (?P<role>{'|'.join(ROLES)})\)")
_FORMULA_QUOTE = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def own_id(row: dict[str, Any]) -> str:
    return cell(row, "id")


def _plain(text: str) -> str:
    """A cell as it was before the export quoted what a spreadsheet reads as a formula."""
    return text[1:] if text.startswith(_FORMULA_QUOTE) else text


def _entities(value: Any) -> tuple[DatasetLink, ...]:
    """JSON's list of {name, kind, role}, or the CSV cell "Name (kind, role); …"."""
    if isinstance(value, list):
        return tuple(
            DatasetLink(str(e["name"]), str(e["kind"]), str(e["role"]))
            for e in value
            if isinstance(e, dict) and e.get("kind") in KINDS and e.get("role") in ROLES
        )
    links = []
    for label in _plain(str(value or "")).split("; "):
        if m := _LABEL.fullmatch(label.strip()):
            links.append(DatasetLink(m["name"], m["kind"], m["role"]))
        elif label.strip():
            raise RowError(f"not an entity label: {label.strip()[:60]!r}")
    return tuple(links)


def _day(text: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RowError(f"not a date: {text!r}") from None


def own_row(line: int, row: dict[str, Any]) -> DatasetRow:
    source_id = own_id(row)
    if not source_id:
        raise RowError("no event id (id)")
    event_type = _plain(cell(row, "type"))
    if event_type not in type_codes():
        raise RowError(f"unknown event type {event_type!r}")
    sub = cell(row, "acled_sub_event_type")
    # the sub-event the sentence told, where it is not the type's own
    told = (
        sub if sub in ACLED_SUB_EVENTS and sub != codes_of(event_type).acled_sub_event_type else ""
    )
    start, end = _day(cell(row, "date_start")), _day(cell(row, "date_end"))
    if (start is None) != (end is None) or (start and end and end <= start):
        raise RowError("date_start and date_end do not make a range")
    inferred = row.get("date_inferred")
    try:
        confidence = float(cell(row, "confidence") or 1.0)
    except ValueError:
        raise RowError(f"not a confidence: {cell(row, 'confidence')!r}") from None
    return DatasetRow(
        line=line,
        source_id=source_id,
        type=event_type,
        acled_sub_event=told,
        source_type="",
        date_start=start,
        date_end=end,
        date_value=_plain(cell(row, "date_value")),
        granularity=cell(row, "granularity") or ("day" if start else "none"),
        date_text=_plain(cell(row, "date_text")),
        date_inferred=inferred is True or str(inferred).lower() == "true",
        date_source=cell(row, "date_source") or "data set",
        text=_plain(cell(row, "evidence")),
        summary=_plain(cell(row, "summary")),
        links=_entities(row.get("entities")),
        confidence=confidence,
        origin="analyst" if cell(row, "origin") == "analyst" else "machine",
    )
