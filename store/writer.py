"""Saving an extracted document: one transaction, idempotent by content hash.

A document whose path is already stored with other content replaces what the machine made
for it; events, mentions and links that an analyst made stay. An event the analyst edited is
found again by its fingerprint and moved to its new place in the text; one the machine no
longer finds (an event the analyst added, say) is moved to wherever its words are now. An
event the analyst rejected does not come back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from store.curation import ANALYST_SOURCE, fingerprint_of
from store.incidents import refresh
from store.keys import event_fingerprint, name_key
from store.models import (
    ANALYST,
    MACHINE,
    Alias,
    Base,
    Document,
    Entity,
    Event,
    EventEntity,
    Mention,
    Passage,
    RejectedEvent,
)
from store.places import give_place, refresh_event_places
from store.records import NewDocument, NewEntityRef, SaveResult
from store.rejection import reanchor


class EntityResolver:
    """Finds or creates the stored entity for a name: the same kind and canonical name, or a
    name an analyst gave an entity (a merge, a rename)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._cache: dict[tuple[str, str], int] = {}
        self._aliases: dict[int, set[str]] = {}
        self.placed: set[int] = set()  # entities given coordinates here
        self._tried: set[int] = set()

    def resolve(self, ref: NewEntityRef) -> int:
        key = name_key(ref.name)
        cached = self._cache.get((ref.kind, key))
        if cached is not None:
            self._add_aliases(cached, ref)
            return cached
        entity_id = self.session.scalar(
            select(Entity.id).where(Entity.kind == ref.kind, Entity.key == key)
        )
        # An alias the machine learned in one document never joins a name of another to it:
        # "(AP)" after "NEW ORLEANS" must not make Rockford's "(AP)" New Orleans. Across
        # documents only the same canonical name, or an analyst's merge or rename, joins.
        if entity_id is None:  # an analyst's merge or rename holds across kinds
            entity_id = self.session.scalar(
                select(Alias.entity_id)
                .join(Entity, Entity.id == Alias.entity_id)
                .where(Alias.key == key, Entity.origin == ANALYST)
                .limit(1)
            )
        if entity_id is None:
            entity = Entity(name=ref.name, kind=ref.kind, key=key)
            self.session.add(entity)
            self.session.flush()
            entity_id = entity.id
        self._cache[(ref.kind, key)] = entity_id
        self._add_aliases(entity_id, ref)
        self._place(entity_id, ref)
        return entity_id

    def _place(self, entity_id: int, ref: NewEntityRef) -> None:
        """Where the gazetteer puts a place, for an entity that has no coordinates yet (a data
        set's or an analyst's stand)."""
        if ref.place is None or entity_id in self._tried:
            return
        self._tried.add(entity_id)
        if give_place(self.session, entity_id, ref.place):
            self.placed.add(entity_id)

    def _add_aliases(self, entity_id: int, ref: NewEntityRef) -> None:
        have = self._aliases.get(entity_id)
        if have is None:
            have = set(self.session.scalars(select(Alias.key).where(Alias.entity_id == entity_id)))
            self._aliases[entity_id] = have
        for alias in (ref.name, *ref.aliases):
            key = name_key(alias)
            if key and key not in have:
                have.add(key)
                self.session.add(Alias(entity_id=entity_id, name=alias, key=key))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def save_document(session: Session, doc: NewDocument, *, redated: bool = False) -> SaveResult:
    """Store ``doc`` with its passages, events and mentions inside the caller's transaction.

    A text already stored is left as it is, unless ``redated`` (the analyst gave the date it
    was written) and it was read against another date: then this reading replaces the
    machine's work on it, as a re-import does, at its stored path."""
    document = session.scalar(select(Document).where(Document.content_hash == doc.content_hash))
    if document is not None:
        same_date = (document.reference_date, document.reference_source) == (
            doc.reference_date,
            doc.reference_source,
        )
        if not redated or same_date:
            return SaveResult(document.id, "unchanged", 0, 0)
        doc = dataclasses.replace(doc, path=document.path)

    status = "imported"
    if document is None and doc.path:
        document = session.scalar(select(Document).where(Document.path == doc.path).limit(1))
    curated: dict[str, tuple[Event, str]] = {}
    rejected: set[str] = set()
    if document is not None:
        status = "replaced"
        reported = set(
            session.scalars(
                select(Event.incident_id).where(
                    Event.document_id == document.id, Event.incident_id.is_not(None)
                )
            )
        )
        _drop_machine_work(session, document.id)
        refresh(session, reported)  # the incidents it told lose those reports
        curated, rejected = _curation(session, document)
    else:
        document = Document(imported_at=_now())
        session.add(document)
    document.path = doc.path
    document.url = doc.url
    document.title = doc.title
    document.format = doc.format
    document.published = doc.published
    document.published_source = doc.published_source
    document.reference_date = doc.reference_date
    document.reference_source = doc.reference_source
    document.reference_value = doc.reference_value
    document.content_hash = doc.content_hash
    document.text = doc.text
    document.word_count = len(doc.text.split())
    document.imported_at = _now()
    session.flush()

    # Rows go in with one executemany per table, with the ids assigned here: this transaction
    # holds SQLite's write lock since the document row was flushed, and SQLite itself gives a
    # new row the largest id plus one. (An ORM flush per row took most of the saving.)
    first_passage = _next_id(session, Passage)
    passage_ids = {p.ordinal: first_passage + i for i, p in enumerate(doc.passages)}
    _insert(
        session,
        Passage,
        [
            {
                "id": passage_ids[p.ordinal],
                "document_id": document.id,
                "ordinal": p.ordinal,
                "start": p.start,
                "end": p.end,
                "page": p.page,
                "text": p.text,
            }
            for p in doc.passages
        ],
    )
    resolver = EntityResolver(session)
    _insert(
        session,
        Mention,
        [
            {
                "entity_id": resolver.resolve(m.entity),
                "document_id": document.id,
                "passage_id": passage_ids.get(m.passage_ordinal),
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "origin": MACHINE,
            }
            for m in doc.mentions
        ],
    )
    created = _now()
    event_id = _next_id(session, Event)
    events: list[dict[str, object]] = []
    links: list[dict[str, object]] = []
    for e in doc.events:
        fingerprint = event_fingerprint(doc.text[e.span_start : e.span_end], e.trigger_text)
        if fingerprint in rejected:
            continue
        kept, _words = curated.pop(fingerprint, (None, ""))
        if kept is not None:  # the analyst's version stands, at the event's new place
            kept.passage_id = passage_ids.get(e.passage_ordinal)
            kept.span_start, kept.span_end = e.span_start, e.span_end
            kept.trigger_start, kept.trigger_end = e.trigger_span or (None, None)
            # a date the analyst left as the machine's is where the machine now reads it
            same_date = kept.date_source != ANALYST_SOURCE and kept.date_value == e.date_value
            kept.date_span_start, kept.date_span_end = (
                e.date_span if same_date and e.date_span else (None, None)
            )
            continue
        date_span, trigger_span = e.date_span or (None, None), e.trigger_span or (None, None)
        row: dict[str, object] = {field: getattr(e, field) for field in _AS_EXTRACTED}
        row |= {
            "id": event_id,
            "document_id": document.id,
            "passage_id": passage_ids.get(e.passage_ordinal),
            "date_span_start": date_span[0],
            "date_span_end": date_span[1],
            "trigger_start": trigger_span[0],
            "trigger_end": trigger_span[1],
            "origin": MACHINE,
            "fingerprint": fingerprint,
            "extractor_version": doc.extractor_version,
            "created_at": created,
        }
        events.append(row)
        links.extend(
            {"event_id": event_id, "entity_id": entity_id, "role": role, "origin": MACHINE}
            for entity_id, role in sorted({(resolver.resolve(k.entity), k.role) for k in e.links})
        )
        event_id += 1
    _insert(session, Event, events)
    _insert(session, EventEntity, links)
    saved = len(events)
    for lost, words in curated.values():
        reanchor(session, lost, words)
    session.flush()
    refresh_event_places(session, document_id=document.id, entity_ids=resolver.placed)
    return SaveResult(document.id, status, saved, len(doc.mentions))


# the columns of a new event that are its extracted fields as they are
_AS_EXTRACTED = (
    "type",
    "date_start",
    "date_end",
    "date_value",
    "granularity",
    "date_text",
    "date_inferred",
    "date_source",
    "date_relation",
    "summary",
    "confidence",
    "span_start",
    "span_end",
    "trigger_text",
    "acled_sub_event",
)


def _next_id(session: Session, model: type[Passage] | type[Event]) -> int:
    """The id after the largest of ``model``'s table, as SQLite would give a new row."""
    return (session.scalar(select(func.max(model.id))) or 0) + 1


def _insert(session: Session, model: type[Base], rows: list[dict[str, object]]) -> None:
    """One executemany of ``rows`` into ``model``'s table (its column defaults apply)."""
    if rows:
        session.execute(insert(model.__table__), rows)


def _curation(
    session: Session, document: Document
) -> tuple[dict[str, tuple[Event, str]], set[str]]:
    """The document's analyst-made or -edited events, with the words they stand on, by
    fingerprint; and the rejected fingerprints. Read before its text is replaced."""
    curated: dict[str, tuple[Event, str]] = {}
    for ev in session.scalars(
        select(Event).where(Event.document_id == document.id, Event.origin == ANALYST)
    ):
        words = document.text[ev.span_start : ev.span_end]
        curated[fingerprint_of(ev, document.text)] = (ev, words)
    rejected = set(
        session.scalars(
            select(RejectedEvent.fingerprint).where(RejectedEvent.document_id == document.id)
        )
    )
    return curated, rejected


def _drop_machine_work(session: Session, document_id: int) -> None:
    """Remove what the machine made for a document; an analyst's work stays."""
    machine_events = select(Event.id).where(
        Event.document_id == document_id, Event.origin == MACHINE
    )
    session.execute(delete(EventEntity).where(EventEntity.event_id.in_(machine_events)))
    session.execute(delete(Event).where(Event.document_id == document_id, Event.origin == MACHINE))
    session.execute(
        delete(Mention).where(Mention.document_id == document_id, Mention.origin == MACHINE)
    )
    session.execute(delete(Passage).where(Passage.document_id == document_id))
