"""EventQuery: one value object for every filter, turned into one SQL statement.

The GUI, the CLI and the exporters build the same object, so a filter means the same thing
everywhere. Dates compare as half-open ranges: an event matches a range it overlaps.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, text
from sqlalchemy.orm import Session

from store.keys import name_key
from store.models import Alias, Entity, Event, EventEntity, Incident
from store.places import contained, in_area
from store.search_syntax import text_query

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_bound(value: str, *, end: bool) -> dt.date:
    """``2019``, ``2019-09`` or ``2019-09-23`` as the first day of that period, or (``end``)
    the day after it, so ``--from 2019 --to 2019`` covers the whole year."""
    m = _PARTIAL_DATE.match(value.strip())
    if not m:
        raise ValueError(f"not a date (use YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    year, month, day = int(m[1]), m[2], m[3]
    if day:
        start = dt.date(year, int(month), int(day))
        return start + dt.timedelta(days=1) if end else start
    if month:
        start = dt.date(year, int(month), 1)
        if not end:
            return start
        return dt.date(year + (start.month == 12), start.month % 12 + 1, 1)
    return dt.date(year + 1, 1, 1) if end else dt.date(year, 1, 1)


@dataclass(frozen=True)
class EventQuery:
    """What the user wants to see. ``None`` or empty means "no restriction"."""

    types: frozenset[str] | None = None
    entity_ids: tuple[int, ...] = ()
    entity_names: tuple[str, ...] = ()
    match_all_entities: bool = False
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_undated: bool = True
    text: str = ""
    document_ids: tuple[int, ...] = ()
    min_confidence: float = 0.0
    origins: frozenset[str] | None = None
    # only events whose incident is reported by at least this many sources (1: every event)
    min_sources: int = 1
    # only events whose place lies in (south, west, north, east), in degrees: the map's box
    area: tuple[float, float, float, float] | None = None

    def with_(self, **changes: object) -> EventQuery:
        return replace(self, **changes)  # type: ignore[arg-type]

    # -- SQL -------------------------------------------------------------------------------
    def _entity_sets(self, session: Session) -> list[set[int]]:
        """One set of entity ids per requested entity (a name may match several entities)."""
        sets: list[set[int]] = [{i} for i in self.entity_ids]
        for name in self.entity_names:
            key = name_key(name)
            ids = set(session.scalars(select(Entity.id).where(Entity.key == key)))
            ids |= set(session.scalars(select(Alias.entity_id).where(Alias.key == key)))
            sets.append(ids)
        # a place stands for what it contains: "Helmand" matches Musa Qala's events
        return [contained(session, ids) for ids in sets]

    def conditions(self, session: Session, *, skip_types: bool = False) -> list[ColumnElement]:
        conds: list[ColumnElement] = []
        if self.types is not None and not skip_types:
            conds.append(Event.type.in_(sorted(self.types)))
        if self.date_from is not None or self.date_to is not None:
            dated: list[ColumnElement] = [Event.date_start.is_not(None)]
            if self.date_from is not None:
                dated.append(Event.date_end > self.date_from)
            if self.date_to is not None:
                dated.append(Event.date_start < self.date_to)
            clause = and_(*dated)
            conds.append(
                or_(clause, Event.date_start.is_(None)) if self.include_undated else clause
            )
        elif not self.include_undated:
            conds.append(Event.date_start.is_not(None))
        sets = self._entity_sets(session)
        if sets:
            subqueries = [
                Event.id.in_(
                    select(EventEntity.event_id).where(EventEntity.entity_id.in_(sorted(ids)))
                )
                for ids in sets
            ]
            conds.append(and_(*subqueries) if self.match_all_entities else or_(*subqueries))
        wanted = text_query(self.text)
        for key, terms in (("fts", wanted.include), ("fts_not", wanted.exclude)):
            if not terms:
                continue
            hits = (
                select(text("rowid"))
                .select_from(text("passages_fts"))
                .where(text(f"passages_fts MATCH :{key}"))
            )
            if key == "fts":
                conds.append(Event.passage_id.in_(hits))
            else:
                conds.append(Event.passage_id.is_not(None))
                conds.append(Event.passage_id.not_in(hits))
        if self.area is not None:
            conds.append(Event.place_id.in_(in_area(self.area)))
        if self.document_ids:
            conds.append(Event.document_id.in_(self.document_ids))
        if self.min_confidence > 0:
            conds.append(Event.confidence >= self.min_confidence)
        if self.origins is not None:
            conds.append(Event.origin.in_(sorted(self.origins)))
        if self.min_sources > 1:
            conds.append(
                Event.incident_id.in_(
                    select(Incident.id).where(Incident.sources >= self.min_sources)
                )
            )
        return conds

    def params(self) -> dict[str, str]:
        wanted = text_query(self.text)
        found = {"fts": wanted.include, "fts_not": wanted.exclude}
        return {key: terms for key, terms in found.items() if terms}

    def ids_statement(
        self, session: Session, *, order: str = "date", descending: bool = False
    ) -> Select:
        """``SELECT events.id`` for this query, ordered by ``order`` (date: undated last)."""
        stmt = select(Event.id).where(*self.conditions(session))
        column = {
            "date": Event.date_start,
            "type": Event.type,
            "summary": Event.summary,
            "document": Event.document_id,
            "confidence": Event.confidence,
        }.get(order, Event.id)
        key = column.desc() if descending else column.asc()
        stmt = stmt.order_by(Event.date_start.is_(None), key, Event.id)
        return stmt.params(**self.params())

    def event_ids(
        self, session: Session, *, order: str = "date", descending: bool = False
    ) -> list[int]:
        stmt = self.ids_statement(session, order=order, descending=descending)
        return list(session.scalars(stmt))

    def count(self, session: Session) -> int:
        stmt = select(func.count(Event.id)).where(*self.conditions(session))
        return session.scalar(stmt.params(**self.params())) or 0

    def counts_by_type(self, session: Session) -> dict[str, int]:
        """Events per type under every filter but the type filter (for the type checkboxes)."""
        stmt = (
            select(Event.type, func.count(Event.id))
            .where(*self.conditions(session, skip_types=True))
            .group_by(Event.type)
        )
        return dict(session.execute(stmt.params(**self.params())).all())
