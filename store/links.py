"""An analyst's correction of who and where an event involves: its entity links, each an
entity in a role (actor, target, location, other).

The links are replaced as a whole, by name: a name the store knows (as a name or an alias)
is that entity, and a new name becomes an entity of the analyst's. The event becomes the
analyst's, so a re-import keeps its links. Each change returns what it replaced, for undo.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from store.curation import CurationError
from store.keys import name_key
from store.models import ANALYST, Alias, Entity, Event, EventEntity
from store.places import refresh_event_places

# "source": who reports the event ("…, the United Nations said"), not a party to it
ROLES = ("actor", "target", "location", "source", "other")
KINDS = ("organization", "person", "place", "other")


@dataclass(frozen=True)
class LinkSpec:
    """A link as an analyst gives it: a name, the kind for a name the store does not know
    yet, and the entity's role in the event."""

    name: str
    role: str = "other"
    kind: str = "other"


@dataclass(frozen=True)
class Relinked:
    """What :func:`set_links` replaced: the event's links and origin before, and the
    entities it created for new names."""

    event_id: int
    was: tuple[tuple[int, str, str], ...]  # (entity, role, origin)
    was_origin: str
    created: tuple[int, ...]


def _entity_for(session: Session, spec: LinkSpec, created: list[int]) -> int:
    """The entity a name means: one of that name, else of that alias, preferring the kind
    given; else a new entity of the analyst's."""
    key = name_key(spec.name)
    if not key:
        raise CurationError(f"not a name: {spec.name!r}")
    found = session.execute(select(Entity.id, Entity.kind).where(Entity.key == key)).all()
    if not found:
        found = session.execute(
            select(Entity.id, Entity.kind)
            .join(Alias, Alias.entity_id == Entity.id)
            .where(Alias.key == key)
            .distinct()
        ).all()
    if found:
        return min(found, key=lambda row: (row.kind != spec.kind, row.id)).id
    if spec.kind not in KINDS:
        raise CurationError(f"unknown kind {spec.kind!r} (one of: {', '.join(KINDS)})")
    entity = Entity(name=spec.name.strip(), kind=spec.kind, key=key, origin=ANALYST)
    session.add(entity)
    session.flush()
    session.add(Alias(entity_id=entity.id, name=entity.name, key=key))
    created.append(entity.id)
    return entity.id


def set_links(session: Session, event_id: int, links: Sequence[LinkSpec]) -> Relinked:
    """Make ``links`` the event's entity links; returns what they replaced. Raises
    CurationError (one line) for an event that is gone, a role or kind that is not one, or
    an empty name; then nothing changed."""
    event = session.get(Event, event_id)
    if event is None:
        raise CurationError(f"event {event_id} no longer exists")
    for spec in links:
        if spec.role not in ROLES:
            raise CurationError(f"unknown role {spec.role!r} (one of: {', '.join(ROLES)})")
    was = tuple(
        (entity_id, role, origin)
        for entity_id, role, origin in session.execute(
            select(EventEntity.entity_id, EventEntity.role, EventEntity.origin)
            .where(EventEntity.event_id == event_id)
            .order_by(EventEntity.entity_id, EventEntity.role)
        )
    )
    created: list[int] = []
    wanted = {(_entity_for(session, spec, created), spec.role) for spec in links}
    kept = {(entity_id, role) for entity_id, role, _origin in was}
    if wanted == kept:
        return Relinked(event_id, was, event.origin, tuple(created))
    session.execute(delete(EventEntity).where(EventEntity.event_id == event_id))
    session.add_all(
        EventEntity(event_id=event_id, entity_id=entity_id, role=role, origin=ANALYST)
        for entity_id, role in sorted(wanted)
    )
    was_origin = event.origin
    event.origin = ANALYST
    session.flush()
    refresh_event_places(session, event_ids=[event_id])
    return Relinked(event_id, was, was_origin, tuple(created))


def restore_links(session: Session, relinked: Relinked) -> None:
    """Undo :func:`set_links`: the links and origin the event had, and no entity it created
    that nothing else uses."""
    event = session.get(Event, relinked.event_id)
    if event is None:
        raise CurationError(f"event {relinked.event_id} no longer exists")
    session.execute(delete(EventEntity).where(EventEntity.event_id == relinked.event_id))
    there = set(
        session.scalars(select(Entity.id).where(Entity.id.in_([e for e, _, _ in relinked.was])))
    )
    session.add_all(
        EventEntity(event_id=relinked.event_id, entity_id=entity_id, role=role, origin=origin)
        for entity_id, role, origin in relinked.was
        if entity_id in there
    )
    event.origin = relinked.was_origin
    session.flush()
    refresh_event_places(session, event_ids=[relinked.event_id])
    for entity_id in relinked.created:
        used = session.scalar(
            select(EventEntity.event_id).where(EventEntity.entity_id == entity_id).limit(1)
        )
        if used is None:
            session.execute(delete(Entity).where(Entity.id == entity_id))
