"""Reading rows for views and exporters: plain dataclasses, fetched in batches by id."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import PurePath

from sqlalchemy import ColumnElement, func, literal, select
from sqlalchemy.orm import Session

from store.keys import chunks
from store.models import (
    ANALYST,
    Alias,
    Document,
    Entity,
    Event,
    EventEntity,
    Incident,
    Mention,
    Passage,
)
from store.query import EventQuery
from store.records import DocumentRow, EntityRow, EventEntityRow, EventRow, Highlight


def event_rows(session: Session, ids: Sequence[int]) -> list[EventRow]:
    """Rows for ``ids``, in the order given."""
    found: dict[int, EventRow] = {}
    for chunk in chunks(list(ids)):
        links: dict[int, list[EventEntityRow]] = defaultdict(list)
        for event_id, entity_id, name, kind, role in session.execute(
            select(EventEntity.event_id, Entity.id, Entity.name, Entity.kind, EventEntity.role)
            .join(Entity, Entity.id == EventEntity.entity_id)
            .where(EventEntity.event_id.in_(chunk))
            .order_by(EventEntity.event_id, EventEntity.role, Entity.name)
        ):
            links[event_id].append(EventEntityRow(entity_id, name, kind, role))
        stmt = (
            select(
                Event,
                Document.title,
                Document.path,
                Document.published,
                Passage.page,
                Passage.start,
                Passage.text,
                Incident.sources,
                Entity.latitude,
                Entity.longitude,
            )
            .join(Document, Document.id == Event.document_id)
            .outerjoin(Passage, Passage.id == Event.passage_id)
            .outerjoin(Incident, Incident.id == Event.incident_id)
            .outerjoin(Entity, Entity.id == Event.place_id)
            .where(Event.id.in_(chunk))
        )
        for ev, title, path, published, page, p_start, p_text, sources, lat, lon in session.execute(
            stmt
        ):
            found[ev.id] = EventRow(
                id=ev.id,
                type=ev.type,
                date_value=ev.date_value,
                granularity=ev.granularity,
                date_start=ev.date_start,
                date_end=ev.date_end,
                date_inferred=ev.date_inferred,
                date_text=ev.date_text,
                date_source=ev.date_source,
                summary=ev.summary,
                confidence=ev.confidence,
                origin=ev.origin,
                document_id=ev.document_id,
                document_title=title,
                document_path=path,
                document_published=published,
                passage_id=ev.passage_id,
                page=page,
                span_start=ev.span_start,
                span_end=ev.span_end,
                evidence=_evidence(session, ev, p_start, p_text),
                entities=tuple(links.get(ev.id, ())),
                acled_sub_event=ev.acled_sub_event,
                source_id=ev.source_id,
                source_type=ev.source_type,
                fatalities=ev.fatalities,
                incident_id=ev.incident_id,
                incident_sources=sources or 1,
                latitude=lat,
                longitude=lon,
            )
    return [found[i] for i in ids if i in found]


def _evidence(session: Session, ev: Event, p_start: int | None, p_text: str | None) -> str:
    """An event's words, from its passage (a document may be long, a data set's has a
    passage per row past its own short text); from the document where the words stand
    outside it (an analyst's marking across passages)."""
    if p_start is not None and p_text is not None:
        lo, hi = ev.span_start - p_start, ev.span_end - p_start
        if 0 <= lo <= hi <= len(p_text):
            return p_text[lo:hi]
    return (
        session.scalar(
            select(evidence_sql(literal(ev.span_start), literal(ev.span_end))).where(
                Document.id == ev.document_id
            )
        )
        or ""
    )


def evidence_sql(start: ColumnElement[int], end: ColumnElement[int]) -> ColumnElement[str]:
    """SQL for the words of the event's document between two offsets (Python slice
    semantics: SQLite's ``substr`` counts characters, as ``str`` indices do); the query
    joins ``documents``."""
    return func.substr(Document.text, start + 1, end - start)


def event_summaries(session: Session, ids: Sequence[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for chunk in chunks(list(ids)):
        stmt = select(Event.id, Event.summary).where(Event.id.in_(chunk))
        out.update((i, summary) for i, summary in session.execute(stmt))
    return out


def iter_event_rows(session: Session, query: EventQuery) -> Iterator[EventRow]:
    """Stream every event of ``query`` in date order, a batch at a time."""
    ids = query.event_ids(session)
    for chunk in chunks(ids):
        yield from event_rows(session, chunk)


def entity_rows(
    session: Session, *, kinds: Iterable[str] | None = None, ids: Sequence[int] | None = None
) -> list[EntityRow]:
    """Entities with aliases and counts, most mentioned first."""
    mention_counts = (
        select(Mention.entity_id, func.count().label("n")).group_by(Mention.entity_id).subquery()
    )
    event_counts = (
        select(EventEntity.entity_id, func.count(func.distinct(EventEntity.event_id)).label("n"))
        .group_by(EventEntity.entity_id)
        .subquery()
    )
    stmt = (
        select(
            Entity.id,
            Entity.name,
            Entity.kind,
            func.coalesce(mention_counts.c.n, 0),
            func.coalesce(event_counts.c.n, 0),
            Entity.latitude,
            Entity.longitude,
            Entity.within,
            Entity.country,
        )
        .outerjoin(mention_counts, mention_counts.c.entity_id == Entity.id)
        .outerjoin(event_counts, event_counts.c.entity_id == Entity.id)
        .order_by(func.coalesce(mention_counts.c.n, 0).desc(), Entity.name)
    )
    if kinds is not None:
        stmt = stmt.where(Entity.kind.in_(list(kinds)))
    if ids is not None:
        stmt = stmt.where(Entity.id.in_(list(ids)))
    rows = session.execute(stmt).all()
    aliases: dict[int, list[str]] = defaultdict(list)
    for entity_id, name in session.execute(
        select(Alias.entity_id, Alias.name).order_by(Alias.entity_id, Alias.name)
    ):
        aliases[entity_id].append(name)
    return [
        EntityRow(
            id=i,
            name=name,
            kind=kind,
            aliases=tuple(a for a in aliases.get(i, ()) if a != name),
            mentions=m,
            events=e,
            latitude=lat,
            longitude=lon,
            within=within,
            country=country,
        )
        for i, name, kind, m, e, lat, lon, within, country in rows
    ]


def entity_names(session: Session) -> list[str]:
    """Every entity name, sorted, once each (for completion)."""
    return list(session.scalars(select(Entity.name).distinct().order_by(Entity.name)))


def related_entities(session: Session, entity_id: int, limit: int = 20) -> list[tuple[str, int]]:
    """Entities that share events with ``entity_id``, with how many events they share."""
    mine = select(EventEntity.event_id).where(EventEntity.entity_id == entity_id)
    stmt = (
        select(Entity.name, func.count(func.distinct(EventEntity.event_id)).label("n"))
        .join(Entity, Entity.id == EventEntity.entity_id)
        .where(EventEntity.event_id.in_(mine), EventEntity.entity_id != entity_id)
        .group_by(Entity.id)
        .order_by(func.count(func.distinct(EventEntity.event_id)).desc(), Entity.name)
        .limit(limit)
    )
    return [(name, n) for name, n in session.execute(stmt)]


def document_row(session: Session, document_id: int) -> DocumentRow | None:
    doc = session.get(Document, document_id)
    if doc is None:
        return None
    return DocumentRow(
        id=doc.id,
        title=doc.title,
        path=doc.path,
        url=doc.url,
        published=doc.published,
        published_source=doc.published_source,
        reference_date=doc.reference_date,
        reference_source=doc.reference_source,
        text=doc.text,
        reference_value=doc.reference_value,
    )


def passage_bounds(session: Session, passage_id: int) -> tuple[int, int] | None:
    row = session.execute(
        select(Passage.start, Passage.end).where(Passage.id == passage_id)
    ).first()
    return (row[0], row[1]) if row else None


def incidents_of(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """For those of the events that are in an incident: (incident id, its sources)."""
    out: dict[int, tuple[int, int]] = {}
    if not ids or session.scalar(select(Incident.id).limit(1)) is None:
        return out  # most views of most stores: nothing told twice
    for chunk in chunks(list(ids)):
        for event_id, incident_id, sources in session.execute(
            select(Event.id, Event.incident_id, Incident.sources)
            .join(Incident, Incident.id == Event.incident_id)
            .where(Event.id.in_(chunk))
        ):
            out[event_id] = (incident_id, sources)
    return out


def document_reach(session: Session, document_id: int) -> tuple[list[int], list[int]]:
    """The document's events, and those with every event that shares an incident with one of
    them: what reading the document again may change."""
    told = select(Event.incident_id).where(
        Event.document_id == document_id, Event.incident_id.is_not(None)
    )
    rows = session.execute(
        select(Event.id, Event.document_id)
        .where((Event.document_id == document_id) | Event.incident_id.in_(told))
        .order_by(Event.id)
    ).all()
    return [i for i, d in rows if d == document_id], [i for i, _ in rows]


def incident_members(session: Session) -> tuple[list[int], list[int]]:
    """Every event in an incident, by id, and its incident: two lists, in event order."""
    rows = (
        session.connection()
        .exec_driver_sql(
            "SELECT id, incident_id FROM events WHERE incident_id IS NOT NULL ORDER BY id"
        )
        .all()
    )
    return [r[0] for r in rows], [r[1] for r in rows]


def passage(session: Session, passage_id: int) -> tuple[int, int, str] | None:
    """A passage's bounds in its document and its text."""
    row = session.execute(
        select(Passage.start, Passage.end, Passage.text).where(Passage.id == passage_id)
    ).first()
    return (row[0], row[1], row[2]) if row else None


def _event_marks(ev: Event, lo: int, hi: int) -> list[Highlight]:
    """An event's date expression and trigger; for an event an analyst marked, which has no
    trigger word, the words marked (``evidence``), within ``[lo, hi)``."""
    marks: list[Highlight] = []
    if ev.date_span_start is not None and ev.date_span_end is not None:
        marks.append(Highlight(ev.date_span_start, ev.date_span_end, "date", ev.date_value))
    if ev.trigger_start is not None and ev.trigger_end is not None:
        marks.append(Highlight(ev.trigger_start, ev.trigger_end, "trigger", ev.type))
    elif ev.origin == ANALYST and ev.span_end > ev.span_start:
        start, end = max(ev.span_start, lo), min(ev.span_end, hi)
        marks.append(Highlight(start, end, "evidence", "marked by an analyst"))
    return marks


def _mention_marks(session: Session, document_id: int, lo: int, hi: int) -> list[Highlight]:
    """The entity mentions of a document within ``[lo, hi)``."""
    return [
        Highlight(start, end, "entity", name)
        for start, end, name in session.execute(
            select(Mention.start, Mention.end, Entity.name)
            .join(Entity, Entity.id == Mention.entity_id)
            .where(Mention.document_id == document_id, Mention.start >= lo, Mention.end <= hi)
        )
    ]


def event_highlights(session: Session, event_id: int) -> list[Highlight]:
    """What to mark in an event's passage: its own marks (:func:`_event_marks`) and every
    entity mention of the passage."""
    ev = session.get(Event, event_id)
    if ev is None:
        return []
    lo, hi = ev.span_start, ev.span_end
    if ev.passage_id is not None:
        lo, hi = passage_bounds(session, ev.passage_id) or (lo, hi)
    marks = _event_marks(ev, lo, hi) + _mention_marks(session, ev.document_id, lo, hi)
    return sorted(marks, key=lambda h: (h.start, h.end))


def document_highlights(session: Session, document_id: int) -> list[Highlight]:
    """What was found in a whole document: every event's marks and every entity mention, so
    that a reader sees what the machine (and analysts) marked, and what nobody did."""
    hi = session.scalar(select(func.length(Document.text)).where(Document.id == document_id))
    if hi is None:
        return []
    marks = _mention_marks(session, document_id, 0, hi)
    for ev in session.scalars(select(Event).where(Event.document_id == document_id)):
        marks.extend(_event_marks(ev, 0, hi))
    return sorted(marks, key=lambda h: (h.start, h.end))


def document_list(session: Session) -> list[tuple[int, str]]:
    """Every document's id and title by title; a title that several documents share is
    followed by each one's file name (or id), so that they can be told apart."""
    stmt = select(Document.id, Document.title, Document.path).order_by(Document.title)
    rows = list(session.connection().execute(stmt))
    shared = Counter(title for _id, title, _path in rows)
    return [
        (i, f"{t} — {PurePath(p).name if p else f'document {i}'}" if shared[t] > 1 else t)
        for i, t, p in rows
    ]


def event_entity_names(session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for chunk in chunks(list(ids)):
        for event_id, name in session.execute(
            select(EventEntity.event_id, Entity.name)
            .join(Entity, Entity.id == EventEntity.entity_id)
            .where(EventEntity.event_id.in_(chunk))
            .distinct()
        ):
            out[event_id].append(name)
    return out


_HIT_OPEN, _HIT_CLOSE = "\x02", "\x03"


def search_hits(session: Session, document_id: int, typed: str) -> list[Highlight]:
    """Where the words searched for (``typed``, as the search box reads it) stand in a
    document's passages, in document offsets: FTS5 marks the very tokens it matched, stemmed
    forms and prefixes included."""
    from store.search_syntax import text_query

    terms = text_query(typed).include
    if not terms:
        return []
    rows = session.connection().exec_driver_sql(
        "SELECT p.start, highlight(passages_fts, 0, ?, ?) FROM passages_fts"
        " JOIN passages p ON p.id = passages_fts.rowid"
        " WHERE passages_fts MATCH ? AND p.document_id = ?",
        (_HIT_OPEN, _HIT_CLOSE, terms, document_id),
    )
    found: list[Highlight] = []
    for start, marked in rows:
        plain = 0  # offset in the passage's own text, without the markers
        opened = -1
        for ch in marked:
            if ch == _HIT_OPEN:
                opened = plain
            elif ch == _HIT_CLOSE:
                if opened >= 0:
                    found.append(Highlight(start + opened, start + plain, "search", typed))
                opened = -1
            else:
                plain += 1
    return found
