"""Events an analyst adds: a stretch of a document's text the machine read past, marked as an
event of some type, with the analyst's date or none.

An added event is the analyst's (``origin``) from the start, so a re-import of its document
keeps it, at its sentence's new place (``store.writer``). It links the entities whose
mentions lie inside the marked text. Removing it again is the undo of adding it; rejecting
it is a rejection like any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from store.curation import ANALYST_SOURCE, CurationError, parse_date_value
from store.keys import event_fingerprint
from store.models import ANALYST, Document, Entity, Event, EventEntity, Mention, Passage
from store.places import refresh_event_places
from store.read import chunks
from store.records import summary_of


@dataclass(frozen=True)
class NewEvent:
    """What an analyst marks: ``[start, end)`` of the document's text, a type, a date value
    (empty: undated) and a summary (empty: the marked words)."""

    document_id: int
    start: int
    end: int
    type: str
    date_value: str = ""
    summary: str = ""


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The marked range without the white space at either end."""
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def add_event(session: Session, new: NewEvent, *, event_id: int | None = None) -> int:
    """Store ``new`` as the analyst's event and return its id; ``event_id`` asks for that id
    again (redo), if it is still free. Raises CurationError, with a one-line reason, for a
    document that is gone, an empty or out-of-range mark, no type or a date that is not one."""
    text = session.scalar(select(Document.text).where(Document.id == new.document_id))
    if text is None:
        raise CurationError(f"document {new.document_id} no longer exists")
    if not new.type.strip():
        raise CurationError("an event needs a type")
    if not 0 <= new.start < new.end <= len(text):
        raise CurationError("mark some of the document's text as the event's evidence")
    start, end = _trimmed(text, new.start, new.end)
    if start == end:
        raise CurationError("mark some of the document's text as the event's evidence")
    date_start, date_end, granularity = parse_date_value(new.date_value)
    value = new.date_value.strip()
    evidence = text[start:end]
    if event_id is not None and session.get(Event, event_id) is not None:
        event_id = None  # taken meanwhile: a new id
    event = Event(
        id=event_id,
        document_id=new.document_id,
        passage_id=session.scalar(
            select(Passage.id).where(
                Passage.document_id == new.document_id,
                Passage.start <= start,
                Passage.end > start,
            )
        ),
        type=new.type.strip(),
        date_start=date_start,
        date_end=date_end,
        date_value=value,
        granularity=granularity,
        date_text="",
        date_inferred=False,
        date_source=ANALYST_SOURCE if value else "none",
        summary=new.summary.strip() or summary_of(evidence),
        confidence=1.0,
        span_start=start,
        span_end=end,
        trigger_text="",
        origin=ANALYST,
        fingerprint=event_fingerprint(evidence, ""),
        extractor_version="",
        created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
    )
    session.add(event)
    session.flush()
    named = session.execute(
        select(Entity.id, Entity.kind)
        .join(Mention, Mention.entity_id == Entity.id)
        .where(
            Mention.document_id == new.document_id,
            Mention.start >= start,
            Mention.end <= end,
        )
        .distinct()
    )
    session.add_all(
        EventEntity(
            event_id=event.id,
            entity_id=entity_id,
            role="location" if kind == "place" else "other",
            origin=ANALYST,
        )
        for entity_id, kind in sorted(named)
    )
    session.flush()
    refresh_event_places(session, event_ids=[event.id])
    return event.id


def locate(session: Session, document: str, words: str) -> NewEvent:
    """Where ``words`` first stand in a document given by id or by the path it was imported
    from (a command line's way to mark them); the type is left to fill in. Raises
    CurationError when the document or the words are not there."""
    path = str(Path(document).expanduser().resolve()) if not document.isdigit() else None
    found = session.execute(
        select(Document.id, Document.text).where(
            Document.id == int(document) if path is None else Document.path.in_([document, path])
        )
    ).first()
    if found is None:
        raise CurationError(f"no document {document!r} (give its id or the path it came from)")
    at = found.text.find(words) if words.strip() else -1
    if at < 0:
        raise CurationError(f"document {found.id} does not hold the words {words!r}")
    return NewEvent(found.id, at, at + len(words), "")


def remove_events(session: Session, event_ids: Sequence[int]) -> list[int]:
    """Delete events outright, links and all (the undo of :func:`add_event`; a rejection is
    what keeps a machine's event from coming back). Returns the ids that were there."""
    removed: list[int] = []
    for chunk in chunks(list(event_ids)):
        there = list(session.scalars(select(Event.id).where(Event.id.in_(chunk))))
        session.execute(delete(Event).where(Event.id.in_(there)))
        removed.extend(there)
    return removed
