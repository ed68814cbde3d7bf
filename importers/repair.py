"""What a store made by an older version takes once, when it is opened: its places given the
gazetteer's coordinates (``importers.geo.locate_store``), and its machine-made aliases read
again from its documents.

An older import let an alias learned in one document join names of others ("(AP)" after
"NEW ORLEANS" made Rockford's "AP" New Orleans). The repair reads each document's names as an
import now does and keeps, of a machine-made entity's aliases, those some document gives it;
an entity an analyst merged or renamed keeps all of its own, and an entity no document names
any more (a data set's) is left as it is.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from importers.entities import extract_mentions
from importers.geo import locate, locate_store
from store.db import ALIASES_REDERIVED, ONCE, Store, done_once, mark_done
from store.keys import name_key
from store.models import ANALYST, Alias, Document, Entity, Mention


def catch_up(store: Store) -> None:
    """Every step a store made before takes once (none for a store made now)."""
    locate_store(store)
    rederive_aliases(store)


def pending(store: Store) -> bool:
    """Whether opening the store has a step to take (a long one on a big store)."""
    if store.read_only:
        return False
    with store.session() as session:
        return not all(done_once(session, step) for step in ONCE)


def rederive_aliases(store: Store) -> int:
    """Drop the machine-made aliases no document gives their entity; returns how many."""
    if store.read_only:
        return 0
    with store.session() as session:
        if done_once(session, ALIASES_REDERIVED):
            return 0
        given: dict[tuple[str, str], set[str]] = {}
        read = select(Document.id).where(Document.id.in_(select(Mention.document_id).distinct()))
        for document_id in session.scalars(read).all():
            text = session.scalar(select(Document.text).where(Document.id == document_id)) or ""
            found = extract_mentions(text)
            locate(text, found)
            for m in found:
                info = m.entity
                keys = given.setdefault((info.kind, name_key(info.name)), set())
                keys.update(name_key(a) for a in (info.name, *info.aliases))
        dropped = 0
        machine = session.execute(
            select(Entity.id, Entity.kind, Entity.key).where(Entity.origin != ANALYST)
        ).all()
        for entity_id, kind, key in machine:
            keep = given.get((kind, key))
            if keep is None:
                continue  # no document names it now: left as it was
            stale = [
                alias_key
                for alias_key in session.scalars(
                    select(Alias.key).where(Alias.entity_id == entity_id)
                )
                if alias_key not in keep and alias_key != key
            ]
            if stale:
                session.execute(
                    delete(Alias).where(Alias.entity_id == entity_id, Alias.key.in_(stale))
                )
                dropped += len(stale)
        mark_done(session, ALIASES_REDERIVED)
        session.commit()
    return dropped
