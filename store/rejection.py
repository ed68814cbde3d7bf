"""Rejecting events and undoing it, set-based: a hundred thousand events take seconds of SQL.

A rejection keeps a snapshot of the event (its columns, its entity links and the words of its
evidence, as JSON made by SQLite) and its fingerprint, which the writer matches so that a
re-import does not bring the event back. Undo puts the events back under their old ids; an
event whose document was re-imported since, or whose id another event took, goes the careful
way: its sentence is looked for in the new text and its offsets moved (``_restore_one``).
Both walk the ids in batches and report after each, so a caller can show progress and stop;
stopping raises :class:`Cancelled` and the caller's transaction rolls back.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from itertools import chain

import numpy as np
from sqlalchemy import (
    ColumnElement,
    DateTime,
    and_,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from store.batches import Progress, report
from store.curation import fill_fingerprints
from store.event_index import sorted_unique
from store.models import Document, Entity, Event, EventEntity, Passage, RejectedEvent
from store.read import chunks, evidence_sql

_EVENT = Event.__table__


# -- reject ---------------------------------------------------------------------------------
def reject_events(
    session: Session, event_ids: Sequence[int] | np.ndarray, progress: Progress | None = None
) -> np.ndarray:
    """Remove the events from every view and from future imports of their documents; returns
    the ids of the rejections, for :func:`restore_rejected`. Ids that no longer exist are
    skipped. Ids go in and out as arrays: a million of them as Python ints would be 36 MB."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    ids = sorted_unique(np.asarray(event_ids, dtype=np.int64))
    links = (
        select(
            func.json_group_array(
                func.json_array(EventEntity.entity_id, EventEntity.role, EventEntity.origin)
            )
        )
        .where(EventEntity.event_id == Event.id)
        .scalar_subquery()
    )
    columns = chain.from_iterable((literal(c.name), c) for c in _EVENT.columns)
    snapshot = func.json_object(
        literal("event"),
        func.json_object(*columns),
        literal("links"),
        func.json(links),
        literal("evidence"),
        evidence_sql(Event.span_start, Event.span_end),
    )
    rejections: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    done = 0
    for part in chunks(ids):
        chunk = part.tolist()
        fill_fingerprints(session, chunk)
        rows = (
            select(Event.document_id, Event.fingerprint, snapshot, literal(now, DateTime))
            .join(Document, Document.id == Event.document_id)
            .where(Event.id.in_(chunk))
        )
        made = insert(RejectedEvent).from_select(
            ["document_id", "fingerprint", "snapshot", "rejected_at"], rows
        )
        made_ids = session.scalars(made.returning(RejectedEvent.id))
        rejections.append(np.fromiter(made_ids, dtype=np.int64))
        # the links go with their events (ON DELETE CASCADE; every connection of the store
        # turns foreign keys on)
        session.execute(
            delete(Event).where(Event.id.in_(chunk)),
            execution_options={"synchronize_session": False},
        )
        done += len(chunk)
        report(progress, done, len(ids))
    return np.concatenate(rejections)


# -- undo -----------------------------------------------------------------------------------
def _field(name: str) -> ColumnElement[object]:
    return func.json_extract(RejectedEvent.snapshot, f"$.event.{name}")


def _restored_column(name: str) -> ColumnElement[object]:
    """SQL for one column of the event a snapshot holds; a column the snapshot predates gets
    its default, and a time of an older snapshot ``2020-01-02T03:04:05`` the store's form."""
    column = _EVENT.c[name]
    value = _field(name)
    if name == "created_at":
        return func.replace(value, "T", " ")
    default = column.default
    if default is not None and default.is_scalar and not column.nullable:
        return func.coalesce(value, literal(default.arg))
    return value


def _in_place() -> ColumnElement[bool]:
    """SQL: the snapshot's event can go back as it was: its id is free, its document still
    has its words at its offsets, and its passage is still the one around them."""
    start, end = _field("span_start"), _field("span_end")
    passage = _field("passage_id")
    return and_(
        ~exists().where(Event.id == _field("id")),
        evidence_sql(start, end) == func.json_extract(RejectedEvent.snapshot, "$.evidence"),
        or_(
            passage.is_(None),
            exists().where(
                Passage.id == passage,
                Passage.document_id == RejectedEvent.document_id,
                Passage.start <= start,
                Passage.end > start,
            ),
        ),
    )


_RELINK = text(
    """INSERT OR IGNORE INTO event_entities (event_id, entity_id, role, origin)
       SELECT json_extract(r.snapshot, '$.event.id'), json_extract(link.value, '$[0]'),
              json_extract(link.value, '$[1]'), json_extract(link.value, '$[2]')
       FROM rejected_events AS r, json_each(r.snapshot, '$.links') AS link
       WHERE r.id IN (SELECT value FROM json_each(:ids))
         AND EXISTS (SELECT 1 FROM entities WHERE id = json_extract(link.value, '$[0]'))"""
)


def restore_rejected(
    session: Session, rejection_ids: Sequence[int] | np.ndarray, progress: Progress | None = None
) -> np.ndarray:
    """Bring rejected events back (undo); returns their ids in the order of the rejection
    ids, the old ones where still free. An entity merged away since is not linked again."""
    names = [c.name for c in _EVENT.columns]
    restored: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    done = 0
    wanted = sorted_unique(np.asarray(rejection_ids, dtype=np.int64))
    for part in chunks(wanted):
        chunk = part.tolist()
        back: dict[int, int] = {}  # rejection id -> event id, for this batch
        placed = dict(
            session.execute(
                select(RejectedEvent.id, _field("id"))
                .join(Document, Document.id == RejectedEvent.document_id)
                .where(RejectedEvent.id.in_(chunk), _in_place())
            ).all()
        )
        if placed:
            session.execute(
                insert(Event).from_select(
                    names,
                    select(*(_restored_column(n) for n in names)).where(
                        RejectedEvent.id.in_(list(placed))
                    ),
                )
            )
            session.execute(_RELINK, {"ids": json.dumps(list(placed))})
            back.update(placed)
        for rejection in session.scalars(
            select(RejectedEvent).where(RejectedEvent.id.in_([r for r in chunk if r not in placed]))
        ):
            back[rejection.id] = _restore_one(session, json.loads(rejection.snapshot))
            session.expunge(rejection)
        session.execute(
            delete(RejectedEvent).where(RejectedEvent.id.in_(chunk)),
            execution_options={"synchronize_session": False},
        )
        restored.append(np.array([back[r] for r in chunk if r in back], dtype=np.int64))
        done += len(chunk)
        report(progress, done, len(wanted))
    return np.concatenate(restored)


def _restore_one(session: Session, data: dict[str, object]) -> int:
    """Put back one event whose document changed or whose id was taken: under a new id if
    need be, at the place its sentence now has, or with no place if the sentence is gone."""
    columns = dict(data["event"])  # type: ignore[call-overload]
    for name in ("date_start", "date_end"):
        columns[name] = dt.date.fromisoformat(columns[name]) if columns[name] else None
    columns["created_at"] = dt.datetime.fromisoformat(columns["created_at"])
    if session.get(Event, columns["id"]) is not None:
        del columns["id"]
    columns["date_inferred"] = bool(columns.get("date_inferred"))
    ev = Event(**{k: v for k, v in columns.items() if k in _EVENT.c})
    reanchor(session, ev, str(data.get("evidence") or ""))
    session.add(ev)
    session.flush()
    linked = {
        entity_id
        for (entity_id,) in session.execute(
            select(Entity.id).where(Entity.id.in_([link[0] for link in data["links"]]))  # type: ignore[attr-defined]
        )
    }
    for entity_id, role, origin in data["links"]:  # type: ignore[attr-defined]
        if entity_id in linked:
            session.add(EventEntity(event_id=ev.id, entity_id=entity_id, role=role, origin=origin))
    session.flush()
    event_id = ev.id
    session.expunge(ev)
    return event_id


_OFFSETS = (
    ("span_start", "span_end"),
    ("trigger_start", "trigger_end"),
    ("date_span_start", "date_span_end"),
)


def reanchor(session: Session, ev: Event, evidence: str) -> None:
    """The event's document has new text and passages (a re-import; SQLite may have given the
    passage ids again): move the event's offsets to where its ``evidence`` (the words it had)
    is now and find its passage, or unplace it if those words are gone."""
    text = session.scalar(select(Document.text).where(Document.id == ev.document_id)) or ""
    start = ev.span_start
    found = start if text[start : ev.span_end] == evidence else -1
    if found < 0 and evidence:
        found = text.find(evidence)
    if found < 0 or not evidence:  # gone, or had no place to begin with
        unplace(ev)
        return
    for a, b in _OFFSETS:
        if getattr(ev, a) is not None:
            setattr(ev, a, getattr(ev, a) + found - start)
            setattr(ev, b, getattr(ev, b) + found - start)
    ev.passage_id = session.scalar(
        select(Passage.id).where(
            Passage.document_id == ev.document_id,
            Passage.start <= ev.span_start,
            Passage.end > ev.span_start,
        )
    )


def unplace(ev: Event) -> None:
    """An event whose sentence is gone from its document's new text: kept, with no place."""
    ev.passage_id = None
    ev.span_start = ev.span_end = 0
    ev.trigger_start = ev.trigger_end = None
    ev.date_span_start = ev.date_span_end = None
