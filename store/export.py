"""Exporters shared by the CLI and the GUI: CSV and JSON lines, streamed row by row.

Event CSV is built by SQLite itself (cells, formula neutralising, the entity list) and
streamed from the cursor in batches, so a million events leave no object per row behind.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any

from sqlalchemy import ColumnElement, Select, String, literal_column, select, type_coerce
from sqlalchemy.orm import Session

from store.models import Document, Event, Passage
from store.query import EventQuery
from store.read import chunks
from store.records import EntityRow, EventRow

EVENT_COLUMNS = (
    "id",
    "type",
    "date_value",
    "granularity",
    "date_start",
    "date_end",
    "date_inferred",
    "date_text",
    "date_source",
    "summary",
    "entities",
    "evidence",
    "confidence",
    "origin",
    "document_title",
    "document_path",
    "document_published",
    "page",
    "span_start",
    "span_end",
)

ENTITY_COLUMNS = ("id", "name", "kind", "aliases", "mentions", "events")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula (CSV injection)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def event_record(row: EventRow) -> dict[str, Any]:
    """The JSON form of an event; CSV flattens the same record."""
    return {
        "id": row.id,
        "type": row.type,
        "date_value": row.date_value,
        "granularity": row.granularity,
        "date_start": _iso(row.date_start),
        "date_end": _iso(row.date_end),
        "date_inferred": row.date_inferred,
        "date_text": row.date_text,
        "date_source": row.date_source,
        "summary": row.summary,
        "entities": [{"name": e.name, "kind": e.kind, "role": e.role} for e in row.entities],
        "evidence": row.evidence,
        "confidence": round(row.confidence, 3),
        "origin": row.origin,
        "document_title": row.document_title,
        "document_path": row.document_path,
        "document_published": _iso(row.document_published),
        "page": row.page,
        "span_start": row.span_start,
        "span_end": row.span_end,
    }


def _csv_cell(key: str, value: Any) -> str:
    if key == "entities":
        seen: list[str] = []
        for e in value:
            label = f"{e['name']} ({e['kind']})"
            if label not in seen:
                seen.append(label)
        return neutralise("; ".join(seen))
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
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


def _sql_neutralise(expr: str) -> str:
    starts = "'=', '+', '-', '@', char(9), char(13)"
    return f"(CASE WHEN substr({expr}, 1, 1) IN ({starts}) THEN '''' || {expr} ELSE {expr} END)"


_ENTITY_LIST = """(SELECT group_concat(label, '; ') FROM (
    SELECT en.name || ' (' || en.kind || ')' AS label, min(ee.role || char(0) || en.name) AS k
    FROM event_entities ee JOIN entities en ON en.id = ee.entity_id
    WHERE ee.event_id = events.id GROUP BY label ORDER BY k, label))"""
_EVIDENCE = """(CASE WHEN passages.id IS NOT NULL AND events.span_start >= passages.start
    AND events.span_end <= passages."end"
    THEN substr(passages.text, events.span_start - passages.start + 1,
                events.span_end - events.span_start)
    ELSE substr(documents.text, events.span_start + 1, events.span_end - events.span_start)
    END)"""


def _text(expr: str) -> ColumnElement[str]:
    return literal_column(_sql_neutralise(expr), String)


def _csv_statement() -> Select:
    """One row per event with the CSV's cells, in the order of ``EVENT_COLUMNS``."""
    cells: dict[str, ColumnElement[Any]] = {
        "id": Event.id,
        "type": _text("events.type"),
        "date_value": _text("events.date_value"),
        "granularity": Event.granularity,
        "date_start": type_coerce(Event.date_start, String),
        "date_end": type_coerce(Event.date_end, String),
        "date_inferred": literal_column(
            "CASE WHEN events.date_inferred THEN 'true' ELSE 'false' END", String
        ),
        "date_text": _text("events.date_text"),
        "date_source": Event.date_source,
        "summary": _text("events.summary"),
        "entities": _text(_ENTITY_LIST),
        "evidence": _text(_EVIDENCE),
        "confidence": literal_column("round(events.confidence, 3)"),
        "origin": _text("events.origin"),
        "document_title": _text("documents.title"),
        "document_path": _text("documents.path"),
        "document_published": type_coerce(Document.published, String),
        "page": Passage.page,
        "span_start": Event.span_start,
        "span_end": Event.span_end,
    }
    return (
        select(*(cells[c] for c in EVENT_COLUMNS))
        .select_from(Event)
        .join(Document, Document.id == Event.document_id)
        .outerjoin(Passage, Passage.id == Event.passage_id)
    )


def _csv_batches(
    session: Session, query: EventQuery | None, ids: Sequence[int] | None
) -> Iterator[Sequence[Sequence[Any]]]:
    """Batches of CSV rows: ``ids`` in the order given, else the events of ``query`` in the
    order of :meth:`EventQuery.ids_statement` (dated by date, then undated)."""
    base = _csv_statement()
    # Core execution on the session's connection streams from the cursor; the ORM's
    # session.execute would fetch every row before yielding the first.
    conn = session.connection()
    if ids is not None:
        for part in chunks(ids):
            chunk = [int(x) for x in part]
            found = {r[0]: r for r in conn.execute(base.where(Event.id.in_(chunk)))}
            yield [found[x] for x in chunk if x in found]
        return
    query = query or EventQuery()
    conds = query.conditions(session)
    for part in (
        base.where(*conds, Event.date_start.is_not(None)).order_by(Event.date_start, Event.id),
        base.where(*conds, Event.date_start.is_(None)).order_by(Event.id),
    ):
        result = conn.execute(part.params(**query.params()))
        while batch := result.fetchmany(5000):
            yield batch


def write_events_csv(
    session: Session,
    out: IO[str],
    *,
    query: EventQuery | None = None,
    ids: Sequence[int] | None = None,
    bom: bool = False,
    progress: Callable[[int], bool] | None = None,
) -> int:
    """Events as CSV (those of ``query``, or ``ids``): the columns of ``EVENT_COLUMNS``, the
    cells of :func:`event_record` flattened as ``write_csv`` does. ``progress(n)`` returning
    False stops early. Returns rows written."""
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EVENT_COLUMNS)
    n = 0
    for batch in _csv_batches(session, query, ids):
        writer.writerows(batch)
        n += len(batch)
        if progress is not None and not progress(n):
            break
    return n


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
    }


def _entity_csv_record(row: EntityRow) -> dict[str, Any]:
    rec = entity_record(row)
    rec["aliases"] = "; ".join(row.aliases)
    return rec


def write_entities_csv(rows: Iterable[EntityRow], out: IO[str], **kw: Any) -> int:
    return write_csv(rows, out, columns=ENTITY_COLUMNS, record=_entity_csv_record, **kw)


def write_entities_jsonl(rows: Iterable[EntityRow], out: IO[str]) -> int:
    return write_jsonl(rows, out, record=entity_record)
