"""Saving an event data set (ACLED, UCDP GED, GTD, Chronolens' own export) as one document.

A data set file is one document; each row is one event whose passage is the row's text (its
notes, summary or headline), so the evidence pane shows what the coders wrote. The document's
own text is a line that says what it is: the rows' passages stand one after another at
offsets of their own, past it, so a file of a million rows is never one string.

A row is known by its data set's id (``events.source_id``). Importing a newer export of the
same data (the same file, or one that holds at least half of a stored export's rows) updates
it in place: changed rows are rewritten, rows gone are removed, new rows added; a row an
analyst edited stays as the analyst made it and one the analyst rejected does not come back.
A row already stored from another export of the data set moves to this file instead of being
stored twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from sqlalchemy import Connection, func, select, text
from sqlalchemy.orm import Session

from store.db import bulk_writes
from store.keys import name_key
from store.models import ANALYST, Document, Event, Passage, RejectedEvent
from store.places import place_depth
from store.records import DatasetFile, DatasetResult, DatasetRow, summary_of

BATCH = 5000  # rows written per executemany
# Document.format of a data set's document, by layout
LAYOUT_FORMATS = {
    "acled": "ACLED export",
    "ucdp-ged": "UCDP GED export",
    "gtd": "GTD export",
    "chronolens": "Chronolens export",
}


def fingerprint(layout: str, source_id: str) -> str:
    """What a rejection of a data set's row is known by: the data set and the row's id."""
    return f"{layout}:{source_id}"


def row_hash(row: DatasetRow) -> str:
    """A digest of everything a row says, to tell a changed row from an unchanged one."""
    parts = [
        row.source_id,
        row.type,
        row.acled_sub_event,
        row.source_type,
        row.date_value,
        row.date_text,
        row.text,
        row.summary,
        str(row.fatalities),
        row.origin,
        *(f"{k.name}|{k.kind}|{k.role}|{k.latitude}|{k.longitude}|{k.within}" for k in row.links),
    ]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=12).hexdigest()


def entity_cell(links: Iterable[tuple[str, str, str]]) -> str:
    """The entity cell of an event linked to (name, kind, role): as ``store.db.labels_of``
    writes it, by role then name, each label once."""
    labels: dict[str, str] = {}
    for name, kind, role in links:
        label = f"{name} ({kind}, {role})"
        key = f"{role}\x00{name}"
        if label not in labels or key < labels[label]:
            labels[label] = key
    return "; ".join(sorted(labels, key=lambda label: (labels[label], label)))


class _Stored(NamedTuple):
    event_id: int
    document_id: int
    passage_id: int | None
    source_hash: str
    origin: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class _Entities:
    """The entities a data set names, found or made in bulk: the store's are read once (by
    kind and canonical name, and the names an analyst gave by merging or renaming); new ones
    get their ids here and are written with the batch that first links them."""

    def __init__(self, session: Session) -> None:
        conn = session.connection()
        self.by_key: dict[tuple[str, str], int] = {
            (kind, key): i
            for i, kind, key in conn.exec_driver_sql("SELECT id, kind, key FROM entities")
        }
        self.analysts: dict[str, int] = {}
        for key, entity_id in conn.exec_driver_sql(
            "SELECT a.key, a.entity_id FROM aliases a JOIN entities e ON e.id = a.entity_id"
            " WHERE e.origin = ? ORDER BY a.id DESC",
            (ANALYST,),
        ):
            self.analysts[key] = entity_id
        self.next_id = (conn.scalar(text("SELECT max(id) FROM entities")) or 0) + 1
        self.by_name: dict[tuple[str, str], int] = {}
        self.new: list[tuple[int, str, str, str, str]] = []

    def resolve(self, name: str, kind: str) -> int:
        found = self.by_name.get((kind, name))
        if found is not None:
            return found
        key = name_key(name)
        found = self.by_key.get((kind, key))
        if found is None:
            found = self.analysts.get(key)
        if found is None:
            found = self.next_id
            self.next_id += 1
            self.by_key[(kind, key)] = found
            self.new.append((found, name, kind, key, "machine"))
        self.by_name[(kind, name)] = found
        return found

    def flush(self, conn: Connection) -> None:
        if self.new:
            conn.exec_driver_sql(
                "INSERT INTO entities (id, name, kind, key, origin) VALUES (?, ?, ?, ?, ?)",
                self.new,
            )
            conn.exec_driver_sql(
                "INSERT OR IGNORE INTO aliases (entity_id, name, key) VALUES (?, ?, ?)",
                [(i, name, key) for i, name, _kind, key, _o in self.new if key],
            )
            self.new.clear()


class _Writer:
    """Buffers new rows and writes them a batch at a time."""

    def __init__(self, session: Session, document_id: int, layout: str) -> None:
        self.session = session
        self.conn = session.connection()
        self.document_id = document_id
        self.layout = layout
        self.entities = _Entities(session)
        self.placed: set[int] = set()  # places whose coordinates were looked at
        self.offset = (
            session.scalar(select(func.max(Passage.end)).where(Passage.document_id == document_id))
            or 0
        ) + 1
        self.ordinal = (
            session.scalar(
                select(func.max(Passage.ordinal)).where(Passage.document_id == document_id)
            )
            or 0
        ) + 1
        self.next_passage = (session.scalar(select(func.max(Passage.id))) or 0) + 1
        self.next_event = (session.scalar(select(func.max(Event.id))) or 0) + 1
        self.created = _now().isoformat(sep=" ")  # as SQLAlchemy's SQLite DateTime writes it
        self.passages: list[tuple[object, ...]] = []
        self.events: list[tuple[object, ...]] = []
        self.links: list[tuple[object, ...]] = []
        self.deleted: list[tuple[int, int | None]] = []
        self.coordinates: list[tuple[float, float | None, str, str, str, str, int]] = []

    def add(self, row: DatasetRow, digest: str) -> None:
        start, end = self.offset, self.offset + len(row.text)
        self.offset = end + 1
        passage_id, event_id = self.next_passage, self.next_event
        self.next_passage += 1
        self.next_event += 1
        self.passages.append((passage_id, self.document_id, self.ordinal, start, end, row.text))
        self.ordinal += 1
        linked: set[tuple[int, str]] = set()
        cell: list[tuple[str, str, str]] = []
        place: tuple[int, int] | None = None  # (depth, entity id): the row's own place
        for link in row.links:
            entity_id = self.entities.resolve(link.name, link.kind)
            if link.latitude is not None:
                depth = place_depth(link.level, link.within)
                if place is None or depth > place[0]:
                    place = (depth, entity_id)
                if entity_id not in self.placed:
                    self.placed.add(entity_id)
                    self.coordinates.append(
                        (
                            link.latitude,
                            link.longitude,
                            link.within,
                            link.country,
                            link.area,
                            link.level,
                            entity_id,
                        )
                    )
            if (entity_id, link.role) not in linked:
                linked.add((entity_id, link.role))
                self.links.append((event_id, entity_id, link.role, "machine"))
                cell.append((link.name, link.kind, link.role))
        self.events.append(
            (
                event_id,
                self.document_id,
                passage_id,
                row.type,
                row.acled_sub_event,
                row.date_start.isoformat() if row.date_start else None,
                row.date_end.isoformat() if row.date_end else None,
                row.date_value,
                row.granularity,
                row.date_text,
                int(row.date_inferred),
                row.date_source,
                "occurred",
                row.summary or summary_of(row.text),
                entity_cell(cell),
                row.confidence,
                start,
                end,
                "",
                row.origin,
                fingerprint(self.layout, row.source_id),
                f"data set {self.layout}",
                self.created,
                row.source_id,
                row.source_type,
                digest,
                row.fatalities,
                place[1] if place else None,
            )
        )
        if len(self.events) >= BATCH:
            self.flush()

    def delete(self, stored: _Stored) -> None:
        self.deleted.append((stored.event_id, stored.passage_id))
        if len(self.deleted) >= BATCH:
            self.flush()

    def flush(self) -> None:
        run = self.conn.exec_driver_sql
        self.entities.flush(self.conn)
        if self.coordinates:  # a place keeps the first coordinates it was given
            run(
                "UPDATE entities SET latitude = ?, longitude = ?, within = ?, country = ?,"
                " area = ?, level = ? WHERE id = ? AND latitude IS NULL",
                self.coordinates,
            )
            self.coordinates.clear()
        if self.deleted:
            run("DELETE FROM events WHERE id = ?", [(e,) for e, _ in self.deleted])
            run(
                "DELETE FROM passages WHERE id = ?",
                [(p,) for _, p in self.deleted if p is not None],
            )
            self.deleted.clear()
        if self.passages:
            run(
                'INSERT INTO passages (id, document_id, ordinal, start, "end", text)'
                " VALUES (?, ?, ?, ?, ?, ?)",
                self.passages,
            )
            self.passages.clear()
        if self.events:
            run(_INSERT_EVENT, self.events)
            self.events.clear()
        if self.links:
            run(
                "INSERT INTO event_entities (event_id, entity_id, role, origin)"
                " VALUES (?, ?, ?, ?)",
                self.links,
            )
            self.links.clear()


_EVENT_COLUMNS = (
    "id",
    "document_id",
    "passage_id",
    "type",
    "acled_sub_event",
    "date_start",
    "date_end",
    "date_value",
    "granularity",
    "date_text",
    "date_inferred",
    "date_source",
    "date_relation",
    "summary",
    "entity_labels",
    "confidence",
    "span_start",
    "span_end",
    "trigger_text",
    "origin",
    "fingerprint",
    "extractor_version",
    "created_at",
    "source_id",
    "source_type",
    "source_hash",
    "fatalities",
    "place_id",
)
_INSERT_EVENT = (
    f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)})"
    f" VALUES ({', '.join('?' for _ in _EVENT_COLUMNS)})"
)


class _Lookup:
    """The stored rows of a data set's exports, looked up by id one row at a time through the
    index on ``events.source_id``; what was seen is kept in a temporary table, so that no
    million ids are held in Python."""

    def __init__(self, session: Session, document_ids: list[int]) -> None:
        self.raw = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
        marks = ", ".join(str(int(d)) for d in document_ids)
        self.active = bool(document_ids)
        self.sql = (
            "SELECT id, document_id, passage_id, source_hash, origin FROM events"
            f" WHERE source_id = ? AND source_id != '' AND document_id IN ({marks})"
        )
        self.seen: list[tuple[int]] = []
        if self.active:
            self.raw.execute("CREATE TEMP TABLE IF NOT EXISTS dataset_seen(id INTEGER PRIMARY KEY)")
            self.raw.execute("DELETE FROM temp.dataset_seen")

    def find(self, source_id: str) -> _Stored | None:
        if not self.active:
            return None
        row = self.raw.execute(self.sql, (source_id,)).fetchone()
        if row is None:
            return None
        self.seen.append((row[0],))
        if len(self.seen) >= BATCH:
            self.flush()
        return _Stored(*row)

    def flush(self) -> None:
        if self.seen:
            self.raw.executemany("INSERT OR IGNORE INTO temp.dataset_seen VALUES (?)", self.seen)
            self.seen.clear()

    def unseen(self, document_ids: list[int], before: int) -> Iterator[_Stored]:
        """The rows of ``document_ids`` stored before this import (ids below ``before``) that
        no row of the new export named."""
        if not self.active or not document_ids:
            return
        self.flush()
        marks = ", ".join(str(int(d)) for d in document_ids)
        yield from (
            _Stored(*row)
            for row in self.raw.execute(
                "SELECT id, document_id, passage_id, source_hash, origin FROM events"
                f" WHERE document_id IN ({marks}) AND source_id != '' AND id < ?"
                " AND id NOT IN (SELECT id FROM temp.dataset_seen)",
                (before,),
            ).fetchall()
        )

    def close(self) -> None:
        if self.active:
            self.raw.execute("DROP TABLE IF EXISTS temp.dataset_ids")
            self.raw.execute("DROP TABLE IF EXISTS temp.dataset_seen")
        self.raw.close()


def load_ids(session: Session, ids: Iterable[str]) -> None:
    """The new export's row ids into a temporary table, to compare with stored exports."""
    conn = session.connection()
    conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS dataset_ids(source_id TEXT PRIMARY KEY)")
    conn.exec_driver_sql("DELETE FROM temp.dataset_ids")
    batch: list[tuple[str]] = []
    for source_id in ids:
        batch.append((source_id,))
        if len(batch) >= BATCH:
            conn.exec_driver_sql("INSERT OR IGNORE INTO temp.dataset_ids VALUES (?)", batch)
            batch.clear()
    if batch:
        conn.exec_driver_sql("INSERT OR IGNORE INTO temp.dataset_ids VALUES (?)", batch)


def _earlier_exports(session: Session, file: DatasetFile) -> tuple[list[int], list[int]]:
    """The stored documents of the same data set: those this file supersedes (the same path,
    or at least half of their rows are among the new ids, in ``temp.dataset_ids``) and the
    others; the same path first, as that document goes on and the others fold into it."""
    fmt = LAYOUT_FORMATS[file.layout]
    docs = session.execute(
        select(Document.id, Document.path).where(Document.format == fmt).order_by(Document.id)
    ).all()
    if not docs:
        return [], []
    marks = ", ".join(str(int(d)) for d, _p in docs)
    shares = {
        doc_id: (stored, shared)
        for doc_id, stored, shared in session.connection().exec_driver_sql(
            "SELECT document_id, count(*),"
            " sum(source_id IN (SELECT source_id FROM temp.dataset_ids))"
            f" FROM events WHERE document_id IN ({marks}) AND source_id != ''"
            " GROUP BY document_id"
        )
    }
    superseded: list[int] = []
    others: list[int] = []
    for doc_id, path in docs:
        stored, shared = shares.get(doc_id, (0, 0))
        if path == file.path or (stored and shared * 2 >= stored):
            superseded.append(doc_id)
        else:
            others.append(doc_id)
    same_path = {d for d, p in docs if p == file.path}
    superseded.sort(key=lambda d: d not in same_path)
    return superseded, others


def has_exports(session: Session, layout: str) -> bool:
    """Whether an export of the data set of ``layout`` is stored (a new one may update it)."""
    fmt = LAYOUT_FORMATS[layout]
    return session.scalar(select(Document.id).where(Document.format == fmt).limit(1)) is not None


def save_dataset(
    session: Session,
    file: DatasetFile,
    ids: Iterable[str],
    rows: Iterable[DatasetRow],
    progress: Callable[[int], None] | None = None,
) -> DatasetResult | None:
    """Store ``rows`` of ``file`` inside the caller's transaction, which must hold the write
    lock; ``ids`` are the rows' ids, read before (needed only where an export of the data set
    is stored: :func:`has_exports`). None when this very file is stored already.
    ``progress(rows done)`` is called every batch and may raise to stop; then the caller
    rolls back and nothing is written."""
    if session.scalar(select(Document.id).where(Document.content_hash == file.content_hash)):
        return None
    load_ids(session, ids)
    superseded, others = _earlier_exports(session, file)
    result = DatasetResult()
    if superseded:
        document = session.get(Document, superseded[0])
        assert document is not None
    else:
        document = Document(imported_at=_now(), format=LAYOUT_FORMATS[file.layout])
        session.add(document)
    document.path = file.path
    document.title = file.title
    document.content_hash = file.content_hash
    document.imported_at = _now()
    session.flush()
    base = document.id
    folded = superseded[1:]
    result.superseded = tuple(
        p or "" for p in session.scalars(select(Document.path).where(Document.id.in_(folded)))
    )
    lookup = _Lookup(session, superseded + others)
    rejected = set(
        session.scalars(
            select(RejectedEvent.fingerprint).where(RejectedEvent.document_id.in_(superseded))
        )
    )
    conn = session.connection()
    with bulk_writes(session):
        if folded:  # rejections and analysts' rows of folded exports belong to this one now
            marks = ", ".join("?" for _ in folded)
            conn.exec_driver_sql(
                f"UPDATE rejected_events SET document_id = ? WHERE document_id IN ({marks})",
                (base, *folded),
            )
        writer = _Writer(session, base, file.layout)
        first_new = writer.next_event  # rows stored from here on are this export's
        moved: list[tuple[int, int]] = []
        done = 0
        for row in rows:
            done += 1
            if progress is not None and done % BATCH == 0:
                progress(done)
            if fingerprint(file.layout, row.source_id) in rejected:
                result.rejected += 1
                continue
            stored = lookup.find(row.source_id)
            digest = row_hash(row)
            if stored is not None:
                if stored.origin == ANALYST:
                    result.kept += 1
                    if stored.document_id != base:
                        moved.append((base, stored.event_id))
                    continue
                if stored.source_hash == digest and stored.document_id == base:
                    result.unchanged += 1
                    continue
                writer.delete(stored)
                result.updated += 1
            else:
                result.added += 1
            writer.add(row, digest)
        for stored in lookup.unseen(superseded, first_new):  # rows the newer export no longer holds
            if stored.origin == ANALYST:
                result.kept += 1
                if stored.document_id != base:
                    moved.append((base, stored.event_id))
            else:
                writer.delete(stored)
                result.removed += 1
        lookup.close()
        writer.flush()
        if moved:
            conn.exec_driver_sql("UPDATE events SET document_id = ? WHERE id = ?", moved)
            conn.exec_driver_sql(
                "UPDATE passages SET document_id = ? WHERE id IN"
                " (SELECT passage_id FROM events WHERE id = ?)",
                moved,
            )
    for doc_id in folded:
        gone = session.get(Document, doc_id)
        if gone is not None:
            session.delete(gone)
    rows_now = result.events
    document.text = (
        f"{file.title}: {LAYOUT_FORMATS[file.layout]} of {rows_now:,} rows, one event each; "
        "each row's text is its passage."
    )
    document.word_count = len(document.text.split())
    session.flush()
    result.document_id = base
    return result
