"""An analyst's corrections: edit events, merge and rename entities (rejecting events is
``store.rejection``).

Every change marks what it touched as the analyst's (``origin``), so re-importing the document
keeps it (``store.writer``). Each change returns what it replaced, so the app can undo it.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from store.batches import Progress, report
from store.keys import event_fingerprint, name_key
from store.models import (
    ANALYST,
    Alias,
    Document,
    Entity,
    Event,
    EventEntity,
    Mention,
)
from store.places import refresh_event_places
from store.read import chunks, evidence_sql
from store.timespan import span_of_value

ANALYST_SOURCE = "analyst"  # Event.date_source of a date an analyst set


class CurationError(ValueError):
    """A change the store cannot make; the message is one line for the user."""


@dataclass(frozen=True)
class Edited:
    """What :func:`edit_events` replaced, kept for undo: the ids of the events it found, in
    the order asked (an array), and for each field it wrote the values those events had, one
    list per field. Strings are interned, so a hundred thousand events retyped from a few
    types keep a few strings, not a hundred thousand records."""

    ids: np.ndarray
    was: dict[str, list[object]]


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


def _entity(session: Session, entity_id: int) -> Entity:
    """The entity, or the one-line reason it cannot be changed (another window removed it)."""
    entity = session.get(Entity, entity_id)
    if entity is None:
        raise CurationError(f"entity {entity_id} no longer exists")
    return entity


def edit_event(
    session: Session,
    event_id: int,
    *,
    type: str | None = None,
    summary: str | None = None,
    date_value: str | None = None,
) -> Edited:
    """Change an event's type, summary or date (``None`` leaves that part); returns what it
    replaced. A date set here is the analyst's: not inferred, no longer tied to the text."""
    edited = edit_events(session, [event_id], type=type, summary=summary, date_value=date_value)
    if not len(edited.ids):
        raise CurationError(f"event {event_id} no longer exists")
    return edited


_EVENT = Event.__table__


def edit_events(
    session: Session,
    event_ids: Sequence[int],
    *,
    type: str | None = None,
    summary: str | None = None,
    date_value: str | None = None,
    progress: Progress | None = None,
) -> Edited:
    """:func:`edit_event` for each of ``event_ids`` that still exists (another window may
    have removed some); the date is checked once, before anything changes. Read as rows and
    written with one statement per batch, so a hundred thousand events take seconds. An event
    whose fields change becomes the analyst's (``origin``)."""
    new: dict[str, object] = {}
    if type is not None and type.strip():
        new["type"] = type.strip()
        new["acled_sub_event"] = ""  # the sentence's reading was of the old type
    if summary is not None:
        new["summary"] = summary.strip()
    redated: dict[str, object] = {}
    if date_value is not None:
        start, end, granularity = parse_date_value(date_value)
        redated = {
            "date_value": date_value.strip(),
            "date_start": start,
            "date_end": end,
            "granularity": granularity,
            "date_inferred": False,
            "date_source": ANALYST_SOURCE,
            "date_text": "",
            "date_span_start": None,
            "date_span_end": None,
        }
    names = (*new, *redated, "origin")
    found_ids: list[int] = []
    was_of: dict[str, list[object]] = {name: [] for name in names}
    wanted = list(dict.fromkeys(event_ids))
    done = 0
    for chunk in chunks(wanted):
        fill_fingerprints(session, chunk)  # a store from before fingerprints, for a re-import
        query = select(Event.id, *(_EVENT.c[n] for n in names)).where(Event.id.in_(chunk))
        found = {event_id: values for event_id, *values in session.execute(query)}
        writes = []
        for event_id in (i for i in chunk if i in found):
            was = dict(zip(names, found[event_id], strict=True))
            fields = was | new
            if redated and redated["date_value"] != was["date_value"]:
                fields |= redated
            if fields != was:
                fields["origin"] = ANALYST
            writes.append({"event_id": event_id, **fields})
            found_ids.append(event_id)
            for name, value in was.items():
                was_of[name].append(sys.intern(value) if isinstance(value, str) else value)
        _write_fields(session, names, writes)
        done += len(chunk)
        report(progress, done, len(wanted))
    return Edited(np.array(found_ids, dtype=np.int64), was_of)


def _write_fields(session: Session, names: Sequence[str], rows: list[dict[str, object]]) -> None:
    """One executemany UPDATE of the fields ``names`` of each event (``event_id``)."""
    if rows:
        session.execute(
            update(_EVENT)
            .where(_EVENT.c.id == bindparam("event_id"))
            .values({n: bindparam(n) for n in names}),
            rows,
        )


def restore_edited(session: Session, edited: Edited, progress: Progress | None = None) -> list[int]:
    """Put back what :func:`edit_events` replaced (undo), for the events that still exist;
    returns their ids."""
    names = tuple(edited.was)
    restored: list[int] = []
    for places in chunks(range(len(edited.ids))):
        chunk = edited.ids[places.start : places.stop].tolist()
        there = set(session.scalars(select(Event.id).where(Event.id.in_(chunk))))
        writes = [
            {"event_id": event_id, **{n: edited.was[n][at] for n in names}}
            for at, event_id in zip(places, chunk, strict=True)
            if event_id in there
        ]
        _write_fields(session, names, writes)
        restored.extend(i for i in chunk if i in there)
        report(progress, places[-1] + 1, len(edited.ids))
    return restored


def fill_fingerprints(session: Session, ids: Sequence[int]) -> None:
    """Give a fingerprint to those of the events that were stored before events had one."""
    unprinted = session.execute(
        select(Event.id, evidence_sql(Event.span_start, Event.span_end), Event.trigger_text)
        .join(Document, Document.id == Event.document_id)
        .where(Event.id.in_(ids), Event.fingerprint == "")
    ).all()
    if unprinted:
        session.execute(
            update(_EVENT)
            .where(_EVENT.c.id == bindparam("event_id"))
            .values(fingerprint=bindparam("print")),
            [
                {"event_id": event_id, "print": event_fingerprint(evidence or "", trigger or "")}
                for event_id, evidence, trigger in unprinted
            ],
        )


def fingerprint_of(ev: Event, text: str) -> str:
    """The event's fingerprint; ``text`` is its document's, for events stored before
    fingerprints were."""
    return ev.fingerprint or event_fingerprint(text[ev.span_start : ev.span_end], ev.trigger_text)


# -- entities -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Link:
    """An entity's part in an event."""

    event_id: int
    role: str
    origin: str


PLACE_COLUMNS = ("latitude", "longitude", "within", "country", "area", "level")


@dataclass(frozen=True)
class FoldedEntity:
    """An entity as it was before a merge folded it into another."""

    id: int
    name: str
    kind: str
    key: str
    origin: str
    aliases: tuple[str, ...]
    mention_ids: tuple[int, ...]
    links: tuple[Link, ...]
    place: dict[str, object] = field(default_factory=dict)  # its coordinates and containers


@dataclass(frozen=True)
class Merge:
    """What :func:`merge_entities` changed, so that :func:`unmerge_entities` can take it back."""

    keep_id: int
    keep_name: str
    keep_origin: str
    added_aliases: tuple[str, ...]  # keys of the names the kept entity gained
    added_links: tuple[tuple[int, str], ...]  # (event, role) links the kept entity gained
    folded: tuple[FoldedEntity, ...]


def merge_entities(session: Session, keep_id: int, other_ids: Sequence[int]) -> Merge:
    """Fold the other entities into ``keep_id``: their names become its aliases, their
    mentions and event links its own. Returns what changed, for undo."""
    keep = _entity(session, keep_id)
    keep_origin = keep.origin
    have = set(session.scalars(select(Alias.key).where(Alias.entity_id == keep_id)))
    have.add(keep.key)
    added_aliases: list[str] = []
    added_links: list[tuple[int, str]] = []
    folded: list[FoldedEntity] = []
    for other_id in dict.fromkeys(other_ids):
        other = session.get(Entity, other_id)
        if other is None or other_id == keep_id:
            continue
        aliases = tuple(session.scalars(select(Alias.name).where(Alias.entity_id == other_id)))
        for name in (other.name, *aliases):
            key = name_key(name)
            if key and key not in have:
                have.add(key)
                added_aliases.append(key)
                session.add(Alias(entity_id=keep_id, name=name, key=key))
        mention_ids = tuple(
            session.scalars(select(Mention.id).where(Mention.entity_id == other_id))
        )
        session.execute(
            update(Mention).where(Mention.entity_id == other_id).values(entity_id=keep_id)
        )
        links = tuple(
            Link(*row)
            for row in session.execute(
                select(EventEntity.event_id, EventEntity.role, EventEntity.origin).where(
                    EventEntity.entity_id == other_id
                )
            )
        )
        for link in links:
            if session.get(EventEntity, (link.event_id, keep_id, link.role)) is None:
                added_links.append((link.event_id, link.role))
                session.add(
                    EventEntity(
                        event_id=link.event_id, entity_id=keep_id, role=link.role, origin=ANALYST
                    )
                )
                session.flush()
        session.execute(delete(EventEntity).where(EventEntity.entity_id == other_id))
        folded.append(
            FoldedEntity(
                other.id,
                other.name,
                other.kind,
                other.key,
                other.origin,
                aliases,
                mention_ids,
                links,
                {column: getattr(other, column) for column in PLACE_COLUMNS},
            )
        )
        session.delete(other)
    keep.origin = ANALYST
    session.flush()
    refresh_event_places(session, entity_ids=[keep_id])
    return Merge(
        keep_id, keep.name, keep_origin, tuple(added_aliases), tuple(added_links), tuple(folded)
    )


def unmerge_entities(session: Session, merge: Merge) -> list[int]:
    """Take a merge back (undo): the folded entities return with their names, aliases,
    mentions and event links, and the kept one loses what it gained. Returns their ids."""
    keep = _entity(session, merge.keep_id)
    restored: list[int] = []
    for f in merge.folded:
        # a re-import in between may have found the name again as an entity of its own
        entity = session.scalar(select(Entity).where(Entity.kind == f.kind, Entity.key == f.key))
        if entity is None:
            free = session.get(Entity, f.id) is None
            entity = Entity(
                id=f.id if free else None,
                name=f.name,
                kind=f.kind,
                key=f.key,
                origin=f.origin,
                **f.place,
            )
            session.add(entity)
            session.flush()
            by_key = {name_key(name): name for name in reversed(f.aliases)}
            for key, name in by_key.items():
                session.add(Alias(entity_id=entity.id, name=name, key=key))
        for chunk in chunks(f.mention_ids):
            session.execute(
                update(Mention)
                .where(Mention.id.in_(chunk), Mention.entity_id == keep.id)
                .values(entity_id=entity.id)
            )
        for link in f.links:
            if session.get(Event, link.event_id) is None:
                continue  # rejected or re-imported away meanwhile
            if session.get(EventEntity, (link.event_id, entity.id, link.role)) is None:
                session.add(
                    EventEntity(
                        event_id=link.event_id,
                        entity_id=entity.id,
                        role=link.role,
                        origin=link.origin,
                    )
                )
        restored.append(entity.id)
    for event_id, role in merge.added_links:
        session.execute(
            delete(EventEntity).where(
                EventEntity.event_id == event_id,
                EventEntity.entity_id == keep.id,
                EventEntity.role == role,
            )
        )
    if merge.added_aliases:
        session.execute(
            delete(Alias).where(Alias.entity_id == keep.id, Alias.key.in_(merge.added_aliases))
        )
    keep.origin = merge.keep_origin
    session.flush()
    refresh_event_places(session, entity_ids=[keep.id, *restored])
    return restored


@dataclass(frozen=True)
class Renaming:
    """An entity's name and kind before :func:`rename_entity`, for :func:`restore_name`."""

    entity_id: int
    name: str
    key: str
    kind: str
    origin: str
    added_aliases: tuple[str, ...]


def rename_entity(session: Session, entity_id: int, name: str, kind: str) -> Renaming:
    """Give an entity another canonical name or kind; the old name stays an alias. Returns
    what it was, for undo."""
    entity = _entity(session, entity_id)
    name = name.strip()
    key = name_key(name)
    if not key:
        raise CurationError("a name needs at least one letter or digit")
    _refuse_clash(session, entity_id, name, key, kind)
    before = (entity.name, entity.key, entity.kind, entity.origin)
    aliases = set(session.scalars(select(Alias.key).where(Alias.entity_id == entity_id)))
    added: list[str] = []
    for alias in (entity.name, name):
        alias_key = name_key(alias)
        if alias_key not in aliases:
            aliases.add(alias_key)
            added.append(alias_key)
            session.add(Alias(entity_id=entity_id, name=alias, key=alias_key))
    entity.name, entity.key, entity.kind = name, key, kind
    entity.origin = ANALYST
    session.flush()
    return Renaming(entity_id, *before, tuple(added))


def restore_name(session: Session, renaming: Renaming) -> None:
    """Take a rename back (undo): the old name and kind, without the aliases it added."""
    entity = _entity(session, renaming.entity_id)
    _refuse_clash(session, entity.id, renaming.name, renaming.key, renaming.kind)
    if renaming.added_aliases:
        session.execute(
            delete(Alias).where(Alias.entity_id == entity.id, Alias.key.in_(renaming.added_aliases))
        )
    entity.name, entity.key, entity.kind = renaming.name, renaming.key, renaming.kind
    entity.origin = renaming.origin
    session.flush()


def _refuse_clash(session: Session, entity_id: int, name: str, key: str, kind: str) -> None:
    clash = session.scalar(
        select(Entity.id).where(Entity.kind == kind, Entity.key == key, Entity.id != entity_id)
    )
    if clash is not None:
        raise CurationError(f"{name!r} already names another {kind}: merge the two instead")
