"""Places in the store: where each event happened, what a place contains, and the points the
map draws.

An event's ``place_id`` is the most specific of its places that has coordinates (a town
before its province before its country); it is kept here whenever the links of an event or
the coordinates of a place change. A place filter takes in the places it contains: a country
its areas and towns, a first-level area its towns (by the gazetteer's codes, not by name).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Select, and_, bindparam, or_, select, text, update
from sqlalchemy.orm import Session

from store.keys import chunks
from store.models import Entity
from store.records import PlaceFacts


def place_depth(level: str, within: str) -> int:
    """How specific a place is: a town (or a district: a county) is inside an area inside a
    country. A place without a
    level counts the places its ``within`` names ("Nad Ali, Helmand, Afghanistan").
    ``DEPTH_SQL`` is the same rule over ``entities`` as ``en``."""
    fixed = {"town": 3, "district": 3, "area": 2, "country": 1}.get(level)
    if fixed is not None:
        return fixed
    return 2 + within.count(",") if within else 1


DEPTH_SQL = """CASE en.level WHEN 'town' THEN 3 WHEN 'district' THEN 3 WHEN 'area' THEN 2
    WHEN 'country' THEN 1
    ELSE CASE WHEN en.within = '' THEN 1
    ELSE 2 + length(en.within) - length(replace(en.within, ',', '')) END END"""

# Of two places as specific, the one whose containers the event also names: "Musa Qala"
# (within Helmand, Afghanistan) before a dateline's "Kabul" when the event names Helmand.
_NAMED_CONTAINERS = """(SELECT count(*) FROM event_entities e2
    JOIN entities p2 ON p2.id = e2.entity_id
    WHERE e2.event_id = ee.event_id AND p2.kind = 'place' AND p2.id != en.id
      AND instr(', ' || en.within || ',', ', ' || p2.name || ',') > 0)"""
_PLACE_OF_EVENT = f"""(SELECT ee.entity_id FROM event_entities ee
    JOIN entities en ON en.id = ee.entity_id
    WHERE ee.event_id = events.id AND en.kind = 'place' AND en.latitude IS NOT NULL
    ORDER BY {DEPTH_SQL} DESC, {_NAMED_CONTAINERS} DESC, ee.role = 'location' DESC,
        en.id LIMIT 1)"""


def refresh_event_places(
    session: Session,
    *,
    document_id: int | None = None,
    event_ids: Iterable[int] = (),
    entity_ids: Iterable[int] = (),
) -> None:
    """Set ``place_id`` of the events of a document, of ``event_ids``, and of the events
    that link ``entity_ids``."""
    if document_id is not None:
        session.execute(
            text(f"UPDATE events SET place_id = {_PLACE_OF_EVENT} WHERE document_id = :d"),
            {"d": document_id},
        )
    for chunk in chunks(sorted(set(event_ids))):
        session.execute(
            text(f"UPDATE events SET place_id = {_PLACE_OF_EVENT} WHERE id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            ),
            {"ids": chunk},
        )
    for chunk in chunks(sorted(set(entity_ids))):
        session.execute(
            text(
                f"UPDATE events SET place_id = {_PLACE_OF_EVENT} WHERE id IN"
                " (SELECT event_id FROM event_entities WHERE entity_id IN :ids)"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": chunk},
        )


def give_place(session: Session, entity_id: int, facts: PlaceFacts) -> bool:
    """Where the gazetteer puts a place, for an entity that has no coordinates yet (a data
    set's or an analyst's stand); whether it took them."""
    done = session.execute(
        update(Entity)
        .where(Entity.id == entity_id, Entity.latitude.is_(None))
        .values(
            latitude=facts.latitude,
            longitude=facts.longitude,
            country=facts.country,
            area=facts.area,
            level=facts.level,
            within=facts.within,
        )
    )
    return bool(done.rowcount)


def refresh_all_places(session: Session) -> None:
    """Every event's ``place_id`` (a store made before places had coordinates)."""
    session.execute(text(f"UPDATE events SET place_id = {_PLACE_OF_EVENT}"))


def contained(session: Session, entity_ids: Iterable[int]) -> set[int]:
    """``entity_ids`` with the places they contain: a country's areas and towns, an area's
    towns."""
    ids = set(entity_ids)
    out = set(ids)
    for chunk in chunks(sorted(ids)):
        rows = session.execute(
            select(Entity.level, Entity.country, Entity.area).where(
                Entity.id.in_(chunk), Entity.kind == "place", Entity.level.in_(("country", "area"))
            )
        ).all()
        for level, country, area in rows:
            if level == "country" and country:
                where = (Entity.country == country,)
            elif level == "area" and area:
                where = (Entity.area == area,)
            else:
                continue
            out.update(session.scalars(select(Entity.id).where(Entity.kind == "place", *where)))
    return out


def in_area(area: tuple[float, float, float, float]) -> Select[tuple[int]]:
    """The places inside (south, west, north, east); a box across the date line has its west
    east of its east."""
    south, west, north, east = area
    lon = (
        and_(Entity.longitude >= west, Entity.longitude <= east)
        if west <= east
        else or_(Entity.longitude >= west, Entity.longitude <= east)
    )
    return select(Entity.id).where(
        Entity.kind == "place", Entity.latitude >= south, Entity.latitude <= north, lon
    )


@dataclass(frozen=True)
class PlacePoint:
    """A place the map can draw."""

    id: int
    name: str
    latitude: float
    longitude: float
    within: str


def place_points(session: Session) -> dict[int, PlacePoint]:
    """Every place with coordinates, by entity id."""
    rows = session.execute(
        select(Entity.id, Entity.name, Entity.latitude, Entity.longitude, Entity.within).where(
            Entity.kind == "place", Entity.latitude.is_not(None), Entity.longitude.is_not(None)
        )
    )
    return {i: PlacePoint(i, n, float(lat), float(lon), w) for i, n, lat, lon, w in rows}


def events_linking(session: Session, entity_ids: Iterable[int]) -> list[int]:
    """The events that link any of ``entity_ids``."""
    out: set[int] = set()
    for chunk in chunks(sorted(set(entity_ids))):
        out.update(
            session.scalars(
                text("SELECT event_id FROM event_entities WHERE entity_id IN :ids").bindparams(
                    bindparam("ids", expanding=True)
                ),
                {"ids": chunk},
            )
        )
    return sorted(out)
