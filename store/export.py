"""Exporters shared by the CLI and the GUI: CSV and JSON lines.

Entities and JSON lines are written row by row. Event CSV, which may be a million rows, is
written by ``store.event_csv`` (SQLite cells, Arrow's CSV writer, child processes) with the
same cells as the row-by-row record.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.event_csv import EVENT_COLUMNS, FORMULA_START, write_rows
from store.incident_listing import INCIDENT_COLUMNS
from store.models import Event
from store.query import EventQuery
from store.records import EntityRow, EventRow
from store.type_codes import codes_of

ENTITY_COLUMNS = (
    "id",
    "name",
    "kind",
    "aliases",
    "mentions",
    "events",
    "latitude",
    "longitude",
    "country",
    "within",
)


def one_line(sentence: str) -> str:
    """A sentence whose hard line breaks (a PDF's layout) are spaces, as the CSV writes it."""
    return sentence.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def neutralise(cell: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula (CSV injection)."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def event_record(row: EventRow) -> dict[str, Any]:
    """The JSON form of an event; CSV flattens the same record."""
    return {
        "id": row.id,
        "type": row.type,
        **codes_of(row.type, row.acled_sub_event).as_dict(),
        "date_value": row.date_value,
        "granularity": row.granularity,
        "date_start": _iso(row.date_start),
        "date_end": _iso(row.date_end),
        "date_inferred": row.date_inferred,
        "date_text": row.date_text,
        "date_source": row.date_source,
        "summary": row.summary,
        "entities": [{"name": e.name, "kind": e.kind, "role": e.role} for e in row.entities],
        "evidence": one_line(row.evidence),
        "confidence": round(row.confidence, 3),
        "origin": row.origin,
        "document_title": row.document_title,
        "document_path": row.document_path,
        "document_published": _iso(row.document_published),
        "page": row.page,
        "span_start": row.span_start,
        "span_end": row.span_end,
        "source_id": row.source_id,
        "source_type": row.source_type,
        "fatalities": row.fatalities,
        "incident_id": row.incident_id,
        "incident_sources": row.incident_sources,
        "latitude": row.latitude,
        "longitude": row.longitude,
    }


def _csv_cell(key: str, value: Any) -> str:
    if key == "entities":
        seen: list[str] = []
        for e in value:
            label = f"{e['name']} ({e['kind']}, {e['role']})"
            if label not in seen:
                seen.append(label)
        return neutralise("; ".join(seen))
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):  # a number is never a formula: -99.14 stays a number
        return str(value)
    return neutralise(str(value))


def write_csv(
    rows: Iterable[Any],
    out: IO[str],
    *,
    columns: tuple[str, ...],
    record: Callable[[Any], dict[str, Any]],
    bom: bool = False,
    progress: Callable[[int], bool] | None = None,
) -> int:
    """Write ``rows`` as CSV; ``progress(n)`` returning False stops early. Returns rows written."""
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        rec = record(row)
        writer.writerow([_csv_cell(c, rec.get(c)) for c in columns])
        n += 1
        if progress is not None and n % 1000 == 0 and not progress(n):
            break
    return n


def write_jsonl(
    rows: Iterable[Any], out: IO[str], *, record: Callable[[Any], dict[str, Any]]
) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(record(row), ensure_ascii=False))
        out.write("\n")
        n += 1
    return n


def _store_file(session: Session) -> Path:
    database = session.get_bind().url.database
    if not database or database == ":memory:":
        raise ValueError("events are exported from a store file, not an in-memory store")
    return Path(database)


def write_events_csv(
    session: Session,
    out: IO[bytes],
    *,
    query: EventQuery | None = None,
    ids: Sequence[int] | np.ndarray | None = None,
    bom: bool = False,
    progress: Callable[[int], bool] | None = None,
) -> int:
    """Events as CSV (UTF-8 bytes) in the order of ``ids``, else of ``query`` (dated by date,
    then undated): the columns of ``EVENT_COLUMNS``, the cells of :func:`event_record`
    flattened as ``write_csv`` does. Returns rows written; ``progress(n)`` returning False
    cancels, leaving only the header.

    The rows come from ``store.event_csv``, which reads the committed store in child
    processes."""
    if ids is None:
        ids = (query or EventQuery()).event_ids(session)
    chosen = np.asarray(ids, dtype=np.int64)
    if bom:
        out.write("\ufeff".encode())
    out.write((",".join(EVENT_COLUMNS) + "\r\n").encode())
    if chosen.size == 0:
        return 0
    total = session.scalar(select(func.count(Event.id))) or 0
    return write_rows(_store_file(session), chosen, total, out, progress=progress)


def write_events_jsonl(rows: Iterable[EventRow], out: IO[str]) -> int:
    return write_jsonl(rows, out, record=event_record)


def entity_record(row: EntityRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "kind": row.kind,
        "aliases": list(row.aliases),
        "mentions": row.mentions,
        "events": row.events,
        "latitude": row.latitude,
        "longitude": row.longitude,
        "country": row.country,
        "within": row.within,
    }


def _entity_csv_record(row: EntityRow) -> dict[str, Any]:
    rec = entity_record(row)
    rec["aliases"] = "; ".join(row.aliases)
    return rec


def write_entities_csv(rows: Iterable[EntityRow], out: IO[str], **kw: Any) -> int:
    return write_csv(rows, out, columns=ENTITY_COLUMNS, record=_entity_csv_record, **kw)


def write_entities_jsonl(rows: Iterable[EntityRow], out: IO[str]) -> int:
    return write_jsonl(rows, out, record=entity_record)


def _incident_csv_record(record: dict[str, Any]) -> dict[str, Any]:
    return record | {"places": "; ".join(record["places"]), "actors": "; ".join(record["actors"])}


def write_incidents_csv(records: Iterable[dict[str, Any]], out: IO[str], **kw: Any) -> int:
    """Incidents as ``store.incident_listing.incident_records`` gives them, one CSV row each."""
    return write_csv(records, out, columns=INCIDENT_COLUMNS, record=_incident_csv_record, **kw)


def write_incidents_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    return write_jsonl(records, out, record=dict)
