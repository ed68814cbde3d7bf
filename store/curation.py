"""An analyst's corrections: edit an event, reject events, merge and rename entities.

Every change marks what it touched as the analyst's (``origin``), so re-importing the document
keeps it (``store.writer``). Each edit returns what it replaced, and a rejection keeps a
snapshot of the event, so the app can undo either.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TypeVar

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from store.keys import event_fingerprint, name_key
from store.models import (
    ANALYST,
    Alias,
    Document,
    Entity,
    Event,
    EventEntity,
    Mention,
    Passage,
    RejectedEvent,
)
from store.timespan import span_of_value

ANALYST_SOURCE = "analyst"  # Event.date_source of a date an analyst set


class CurationError(ValueError):
    """A change the store cannot make; the message is one line for the user."""


@dataclass(frozen=True)
class EventFields:
    """The parts of an event an analyst edits, with everything that follows from them."""

    type: str
    summary: str
    date_value: str
    date_start: dt.date | None
    date_end: dt.date | None
    granularity: str
    date_text: str
    date_inferred: bool
    date_source: str
    date_span_start: int | None
    date_span_end: int | None
    origin: str


def parse_date_value(value: str) -> tuple[dt.date | None, dt.date | None, str]:
    """Start, end and granularity for a date an analyst types: ``2019-09-23``, ``2019-09``,
    ``2019``, ``2019-Q3``, ``2019-SU``, ``199`` (the 1990s)…; empty means undated."""
    value = value.strip()
    if not value:
        return None, None, "none"
    span = span_of_value(value)
    if span is None:
        raise CurationError(
            f"not a date: {value!r} (use YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Q1, YYYY-SU or YYY)"
        )
    return span.start, span.end, span.granularity


def _fields(ev: Event) -> EventFields:
    return EventFields(**{name: getattr(ev, name) for name in EventFields.__dataclass_fields__})


_Row = TypeVar("_Row", Event, Entity)


def _existing(session: Session, model: type[_Row], row_id: int) -> _Row:
    """The row, or the one-line reason it cannot be changed (another window removed it)."""
    row = session.get(model, row_id)
    if row is None:
        raise CurationError(f"{model.__name__.lower()} {row_id} no longer exists")
    return row


def edit_event(
    session: Session,
    event_id: int,
    *,
    type: str | None = None,
    summary: str | None = None,
    date_value: str | None = None,
) -> EventFields:
    """Change an event's type, summary or date (``None`` leaves that part); returns the fields
    as they were. A date set here is the analyst's: not inferred, no longer tied to the text."""
    ev = _existing(session, Event, event_id)
    before = _fields(ev)
    _document_text(session, ev)  # fingerprinted before the edit, for a later re-import
    if type is not None and type.strip():
        ev.type = type.strip()
    if summary is not None:
        ev.summary = summary.strip()
    if date_value is not None and date_value.strip() != ev.date_value:
        ev.date_start, ev.date_end, ev.granularity = parse_date_value(date_value)
        ev.date_value = date_value.strip()
        ev.date_inferred = False
        ev.date_source = ANALYST_SOURCE
        ev.date_text = ""
        ev.date_span_start = ev.date_span_end = None
    if _fields(ev) != before:
        ev.origin = ANALYST
    session.flush()
    return before


def restore_fields(session: Session, event_id: int, fields: EventFields) -> None:
    """Put back what :func:`edit_event` returned (undo)."""
    ev = _existing(session, Event, event_id)
    for name, value in asdict(fields).items():
        setattr(ev, name, value)
    session.flush()


def fingerprint_of(ev: Event, text: str) -> str:
    """The event's fingerprint; ``text`` is its document's, for events stored before
    fingerprints were."""
    return ev.fingerprint or event_fingerprint(text[ev.span_start : ev.span_end], ev.trigger_text)


def _document_text(session: Session, ev: Event) -> str:
    """The text of the event's document; fills in the event's fingerprint if it lacks one."""
    text = session.scalar(select(Document.text).where(Document.id == ev.document_id)) or ""
    ev.fingerprint = fingerprint_of(ev, text)
    return text


_DATES = ("date_start", "date_end", "created_at")


def reject_events(session: Session, event_ids: Sequence[int]) -> list[int]:
    """Remove the events from every view and from future imports of their documents; returns
    the ids of the rejections, for :func:`restore_rejected`."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rejections: list[int] = []
    for event_id in event_ids:
        ev = session.get(Event, event_id)
        if ev is None:
            continue
        text = _document_text(session, ev)
        columns = {c.name: getattr(ev, c.name) for c in Event.__table__.columns}
        for name in _DATES:
            value = columns[name]
            columns[name] = value.isoformat() if value is not None else None
        links = [
            [entity_id, role, origin]
            for entity_id, role, origin in session.execute(
                select(EventEntity.entity_id, EventEntity.role, EventEntity.origin).where(
                    EventEntity.event_id == event_id
                )
            )
        ]
        evidence = text[ev.span_start : ev.span_end]
        row = RejectedEvent(
            document_id=ev.document_id,
            fingerprint=ev.fingerprint,
            snapshot=json.dumps({"event": columns, "links": links, "evidence": evidence}),
            rejected_at=now,
        )
        session.add(row)
        session.execute(delete(EventEntity).where(EventEntity.event_id == event_id))
        session.delete(ev)
        session.flush()
        rejections.append(row.id)
    return rejections


def restore_rejected(session: Session, rejection_ids: Sequence[int]) -> list[int]:
    """Bring rejected events back (undo); returns their ids, the old ones where still free."""
    restored: list[int] = []
    for rejection_id in rejection_ids:
        row = session.get(RejectedEvent, rejection_id)
        if row is None:
            continue
        data = json.loads(row.snapshot)
        columns = dict(data["event"])
        columns["date_start"] = _date(columns["date_start"])
        columns["date_end"] = _date(columns["date_end"])
        columns["created_at"] = dt.datetime.fromisoformat(columns["created_at"])
        if session.get(Event, columns["id"]) is not None:
            del columns["id"]
        ev = Event(**columns)
        _reanchor(session, ev, data.get("evidence", ""))
        session.add(ev)
        session.flush()
        wanted = [link[0] for link in data["links"]]
        existing = set(session.scalars(select(Entity.id).where(Entity.id.in_(wanted))))
        for entity_id, role, origin in data["links"]:
            if entity_id in existing:  # an entity merged away since is not linked again
                session.add(
                    EventEntity(event_id=ev.id, entity_id=entity_id, role=role, origin=origin)
                )
        session.delete(row)
        session.flush()
        restored.append(ev.id)
    return restored


_OFFSETS = (
    ("span_start", "span_end"),
    ("trigger_start", "trigger_end"),
    ("date_span_start", "date_span_end"),
)


def _reanchor(session: Session, ev: Event, evidence: str) -> None:
    """A document re-imported since the rejection has new text and passages (whose ids SQLite
    may have given again): move the restored event's offsets to where its sentence is now and
    find its passage, or unplace it if the sentence is gone."""
    text = session.scalar(select(Document.text).where(Document.id == ev.document_id)) or ""
    start = ev.span_start
    found = start if text[start : ev.span_end] == evidence else -1
    if found < 0 and evidence:
        found = text.find(evidence)
    if found < 0:
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


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# -- entities -------------------------------------------------------------------------------
def merge_entities(session: Session, keep_id: int, other_ids: Sequence[int]) -> int:
    """Fold the other entities into ``keep_id``: their names become its aliases, their
    mentions and event links its own. Returns how many entities were merged into it."""
    keep = _existing(session, Entity, keep_id)
    have = set(session.scalars(select(Alias.key).where(Alias.entity_id == keep_id)))
    have.add(keep.key)
    merged = 0
    for other_id in other_ids:
        other = session.get(Entity, other_id)
        if other is None or other_id == keep_id:
            continue
        names = [
            other.name,
            *session.scalars(select(Alias.name).where(Alias.entity_id == other_id)),
        ]
        for name in names:
            key = name_key(name)
            if key and key not in have:
                have.add(key)
                session.add(Alias(entity_id=keep_id, name=name, key=key))
        session.execute(
            update(Mention).where(Mention.entity_id == other_id).values(entity_id=keep_id)
        )
        for event_id, role in session.execute(
            select(EventEntity.event_id, EventEntity.role).where(EventEntity.entity_id == other_id)
        ).all():
            duplicate = session.get(EventEntity, (event_id, keep_id, role))
            if duplicate is None:
                session.add(
                    EventEntity(event_id=event_id, entity_id=keep_id, role=role, origin=ANALYST)
                )
                session.flush()
        session.execute(delete(EventEntity).where(EventEntity.entity_id == other_id))
        session.delete(other)
        merged += 1
    keep.origin = ANALYST
    session.flush()
    return merged


def rename_entity(session: Session, entity_id: int, name: str, kind: str) -> None:
    """Give an entity another canonical name or kind; the old name stays an alias."""
    entity = _existing(session, Entity, entity_id)
    name = name.strip()
    key = name_key(name)
    if not key:
        raise CurationError("a name needs at least one letter or digit")
    clash = session.scalar(
        select(Entity.id).where(Entity.kind == kind, Entity.key == key, Entity.id != entity_id)
    )
    if clash is not None:
        raise CurationError(f"{name!r} already names another {kind}: merge the two instead")
    aliases = set(session.scalars(select(Alias.key).where(Alias.entity_id == entity_id)))
    for alias in (entity.name, name):
        alias_key = name_key(alias)
        if alias_key not in aliases:
            aliases.add(alias_key)
            session.add(Alias(entity_id=entity_id, name=alias, key=alias_key))
    entity.name, entity.key, entity.kind = name, key, kind
    entity.origin = ANALYST
    session.flush()
