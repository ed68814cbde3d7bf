"""Where a place is: coordinates, country and what contains it, from the shipped gazetteer.

``resources/gazetteer/geo.tsv.gz`` (GeoNames, CC BY 4.0; Natural Earth, public domain; made by
``scripts/make_places.py``) holds every country, every country's first-level areas and the
towns of 15,000 people or more. A name with several places is resolved by the document that
names it: the countries and areas it names elsewhere, "province" after the name, the size of
the places. Where nothing tells two places of one name apart, the name stays unplaced: a place
is never guessed.
"""

from __future__ import annotations

import gzip
import io
import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import select

from importers.name_words import COMMON_NOUNS
from store.db import PLACES_LOCATED, Store, done_once, mark_done
from store.keys import name_key
from store.models import Entity
from store.places import give_place, refresh_all_places
from store.records import PlaceFacts

if TYPE_CHECKING:
    from importers.entities import FoundMention

# Words after a name that make it an area, not a town: "Kandahar province".
AREA_AFTER = re.compile(
    r"\s+(?:province|provincial|governorate|state|region|department|district|county|oblast"
    r"|prefecture|municipality)\b",
    re.IGNORECASE,
)
# How much a score must lead the best place of another country for a name read with no
# context: ten times the people (San Antonio, Texas over San Antonio, Chile; not Cordoba,
# Argentina over Cordoba, Spain).
MARGIN = 1 / 3
CITY = 100_000  # people: a smaller town speaks for its country by a quarter
EVIDENCE = 3.0  # what the rest of a document can add for a country, however often named
VILLAGE = 15_000  # people: a smaller place is placed only where its document names its country
# What a text adds to a place's name: "Kunduz City", "Nahr-e-Saraj District".
SUFFIX = re.compile(r"\s+(?:city|town|village|district)$", re.IGNORECASE)
APOSTROPHES = re.compile(r"['’‘`ʼ]")


def geo_key(name: str) -> str:
    """The folded name places are looked up by: apostrophes dropped, so that "Musa Qal'ah"
    and "Musa Qalah", "Panjwa'i" and "Panjwai" meet."""
    return name_key(APOSTROPHES.sub("", name))


@dataclass(frozen=True)
class GeoPlace:
    id: int
    name: str
    kind: str  # country, town, or a first-level area's type (province, state, region...)
    country: str  # ISO 3166-1 alpha-2
    region: str  # the first-level area's GeoNames code ("AF.10"); "" for a country
    latitude: float
    longitude: float
    population: int

    @property
    def level(self) -> str:
        """country, area (first-level), district (second-level: a US county) or town."""
        if not self.region:
            return "country"
        if self.kind in DISTRICT_KINDS:
            return "district"
        return "town" if self.kind == "town" else "area"


@dataclass
class GeoTable:
    places: list[GeoPlace]
    by_key: dict[str, list[tuple[GeoPlace, bool]]]  # folded name -> (place, by its own name)
    areas: dict[str, GeoPlace]  # region code -> the first-level area
    countries: dict[str, GeoPlace]  # ISO code -> country
    by_id: dict[int, GeoPlace]  # GeoNames id -> place

    def candidates(self, name: str) -> list[tuple[GeoPlace, bool]]:
        """The places of a name, with whether it is their own name (not another of theirs);
        a name with "City", "District" or the like after it is also looked up without."""
        found = self.by_key.get(geo_key(name))
        if found is None and SUFFIX.search(name):
            found = self.by_key.get(geo_key(SUFFIX.sub("", name)))
        return found or []

    def within(self, place: GeoPlace) -> list[GeoPlace]:
        """The places that contain ``place``, most specific first."""
        out = []
        if place.level in ("town", "district") and place.region in self.areas:
            out.append(self.areas[place.region])
        if place.level != "country" and place.country in self.countries:
            out.append(self.countries[place.country])
        return out

    def within_text(self, place: GeoPlace) -> str:
        return ", ".join(p.name for p in self.within(place))

    def country_name(self, code: str) -> str:
        found = self.countries.get(code)
        return found.name if found else code


@lru_cache(maxsize=1)
def country_outlines() -> list[tuple[str, np.ndarray]]:
    """Every ring of the countries' outlines (Natural Earth, 1:50m) with its country's ISO
    code: an array of (longitude, latitude) points each, as ``scripts/make_places.py``
    wrote them."""
    raw = resources.files("resources").joinpath("map", "countries.npz").read_bytes()
    with np.load(io.BytesIO(raw)) as z:
        iso, of, ends = z["iso"], z["ring_country"], z["ring_end"]
        xy = z["xy"].astype(np.float64) / 100
    starts = np.concatenate(([0], ends[:-1]))
    return [
        (str(iso[c]), xy[a:b])
        for c, a, b in zip(of.tolist(), starts.tolist(), ends.tolist(), strict=True)
    ]


def town_named(name: str) -> GeoPlace | None:
    """The most populous town or area of 15,000 people or more whose own name is ``name``
    ("New Haven", "NEW BRITAIN"), if the gazetteer holds one."""
    found = [
        p
        for p, own in load_geo().by_key.get(geo_key(name), ())
        if own and p.level != "country" and p.population >= VILLAGE
    ]
    return max(found, key=lambda p: p.population, default=None)


# Dari and Pashto words for a district's seat around its name in GeoNames ("Markaz-e
# Woluswali-ye Achin", "Hukumat-e Nad ‘Ali", "Muhammad Aghah Wuluswali"): news writes the
# district's own name ("Achin district", "in Nad ‘Ali"), which the seat also answers to.
_SEAT_WORDS = re.compile(
    r"^(?:markaz-e\s+)?(?:(?:woluswali|wuluswali|wuleswali|oluswali)(?:-ye)?|hukumat-e)\s+"
    r"|\s+(?:woluswali|wuluswali|wuleswali)$",
    re.IGNORECASE,
)


# Second-level areas' kinds (scripts/make_counties.py): a district is placed only where its
# document names its country, and one of a name several states have only where it names the
# state.
DISTRICT_KINDS = frozenset({"county", "parish", "borough", "census area"})
_FILES = ("geo.tsv.gz", "us_counties.tsv.gz")


def _lines() -> Iterable[str]:
    for name in _FILES:
        raw = resources.files("resources").joinpath("gazetteer", name).read_bytes()
        yield from gzip.decompress(raw).decode("utf-8").splitlines()


@lru_cache(maxsize=1)
def load_geo() -> GeoTable:
    places: list[GeoPlace] = []
    by_key: dict[str, list[tuple[GeoPlace, bool]]] = {}
    for line in _lines():
        if not line or line[0] == "#":
            continue
        gid, name, kind, country, region, lat, lon, population, others = line.split("\t")
        place = GeoPlace(
            int(gid), name, kind, country, region, float(lat), float(lon), int(population)
        )
        places.append(place)
        seen: set[str] = set()
        for i, alias in enumerate((name, *(o for o in others.split("|") if o))):
            for key in {geo_key(alias), geo_key(_SEAT_WORDS.sub("", alias))}:
                if key and key not in seen:
                    seen.add(key)
                    by_key.setdefault(key, []).append((place, i == 0))
    return GeoTable(
        places=places,
        by_key=by_key,
        areas={p.region: p for p in places if p.level == "area"},
        countries={p.country: p for p in places if p.level == "country"},
        by_id={p.id: p for p in places},
    )


@dataclass(frozen=True)
class Placed:
    """A name of the document resolved: the place, and the entity name that tells it from
    other places of that name ("Kandahar Province", "Cordoba, Colombia")."""

    place: GeoPlace
    name: str
    within: str

    @property
    def facts(self) -> PlaceFacts:
        """What the store keeps of it."""
        p = self.place
        return PlaceFacts(p.latitude, p.longitude, p.country, p.region, p.level, self.within)


def _small(place: GeoPlace) -> bool:
    return place.level == "town" and place.population < VILLAGE


def _prior(place: GeoPlace, own_name: bool) -> float:
    """How likely a name means this place before the document says anything."""
    # a country above all; a town or a first-level area by its people
    people = math.log10(max(place.population, 1000)) / 3
    score = 3.0 if place.level == "country" else people
    return score if own_name else score - 1.0


def resolve_names(
    names: Sequence[str], *, area_cues: Iterable[str] = (), counts: dict[str, int] | None = None
) -> dict[str, Placed | None]:
    """Each place name of one document to its place, or None where the gazetteer lacks it or
    nothing tells its places apart. ``area_cues``: names the text follows with "province" or
    the like; ``counts``: how often each name is mentioned (evidence weighs by it)."""
    geo = load_geo()
    cues = {name_key(n) for n in area_cues}
    counts = counts or {}
    found = {n: geo.candidates(n) for n in names}
    # What each name says of the document's countries and areas, kept per name so that a
    # name is never its own evidence.
    says: dict[str, tuple[Counter[str], set[str], set[str]]] = {}
    for name, cands in found.items():
        weight = min(counts.get(name, 1), 3)
        countries: Counter[str] = Counter()
        for place, own in cands:
            if place.level == "country" and own:
                countries[place.country] += 2 * weight
        # A name of places in one country says that country: a city or an area fully, a
        # town by a quarter (Boston's Dorchester must not take Boston to England); a village
        # says nothing: it is placed only by what else is named.
        in_countries = {p.country for p, _own in cands if not _small(p)}
        if len(in_countries) == 1:
            big = any(p.level != "town" or p.population >= CITY for p, _own in cands)
            countries[next(iter(in_countries))] += weight * (1.0 if big else 0.25)
        areas = {p.region for p, own in cands if p.level == "area" and own}
        # a town of one state says that state, for the counties of a name several have
        towns = {p.region for p, _own in cands if p.level == "town" and not _small(p)}
        says[name] = (countries, areas, towns if len(towns) == 1 else set())
    out: dict[str, Placed | None] = {}
    pins = _pins()
    for name, cands in found.items():
        pinned = geo.by_id.get(pins.get(name_key(name), 0))
        if pinned is not None and name_key(name) not in cues:  # places.toml says which
            # place the name is, unless the text says an area ("Washington state")
            out[name] = Placed(pinned, name, geo.within_text(pinned))
            continue
        if any(own for _p, own in cands):  # another place's other name never outranks a
            cands = [(p, own) for p, own in cands if own]  # place's own: Panama is Panama
        if not cands:
            out[name] = None
            continue
        countries = Counter[str]()
        areas: set[str] = set()
        states: set[str] = set()
        for other, (c, a, t) in says.items():
            if other != name:
                countries.update(c)
                areas |= a
                states |= a | t
        elsewhere = any(countries.values())
        cue = name_key(name) in cues
        scored = []
        district = _district_state(cands, areas, states)
        for place, own in cands:
            if _small(place) and not countries[place.country]:
                continue  # a village of a country the document does not name
            if place.level == "district" and (
                not countries[place.country] or place.region != district
            ):
                continue  # a county of a country, or of a name several states have, unnamed
            abroad = elsewhere and not countries[place.country]
            if place.level == "town" and place.population < CITY and abroad:
                continue  # a town abroad, where the document names another country
            score = _prior(place, own) + min(countries[place.country], EVIDENCE)
            if place.level == "town" and place.region in areas:
                score += 2.0
            if cue and place.level == "area":
                score += 2.0
            scored.append((score, place.population, place))
        if not scored:
            out[name] = None
            continue
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        best = scored[0][2]
        if best.level == "area" and not cue:
            # what the name alone means in that country: Kandahar the city; "Kandahar
            # province" says the area
            best = _default_in(best.country, cands)
        rival = next((s for s in scored[1:] if s[2].country != best.country), None)
        if rival is not None and scored[0][0] - rival[0] < MARGIN:
            out[name] = None
            continue
        out[name] = Placed(best, _entity_name(geo, best, name, cands), geo.within_text(best))
    return out


def _district_state(
    cands: list[tuple[GeoPlace, bool]], areas: set[str], states: set[str]
) -> str | None:
    """The state whose district of this name the document means: the only one, or the one
    whose state it names (by the state's name, else by a town of that state alone); None
    where it names none or several of them."""
    regions = {p.region for p, _own in cands if p.level == "district"}
    if len(regions) == 1:
        return next(iter(regions))
    for evidence in (areas, states):
        named = regions & evidence
        if named:
            return next(iter(named)) if len(named) == 1 else None
    return None


def _default_in(country: str, cands: list[tuple[GeoPlace, bool]]) -> GeoPlace:
    """What a name alone means among its places of one country: an area's namesake town
    where the town is the area's own (inside it, or holding half its people: Kandahar,
    Cordoba, Minsk), else the area (Delaware the state, not Delaware, Ohio), else the
    biggest town."""
    named = [p for p, own in cands if own and p.country == country]
    mine = sorted(named or [p for p, _own in cands if p.country == country],
                  key=lambda p: -p.population)  # fmt: skip
    area = next((p for p in mine if p.level == "area"), None)
    towns = [p for p in mine if p.level == "town"]
    if area is not None:
        own_town = next(
            (t for t in towns if t.region == area.region or 2 * t.population >= area.population),
            None,
        )
        return own_town or area
    return towns[0] if towns else mine[0]


def _entity_name(
    geo: GeoTable, place: GeoPlace, name: str, cands: list[tuple[GeoPlace, bool]]
) -> str:
    """The name that keeps this place apart from the others the gazetteer gives that name;
    what the name alone means keeps the name. An area beside its namesake town takes its
    type ("Kandahar Province"); a town beside a namesake of its country that the name
    means takes its area ("Delaware, Ohio", "Salem, Oregon"); a place where another country
    has a bigger namesake takes its country ("Tripoli, Lebanon"; Libya's stays "Tripoli")."""
    if place.level == "country":
        return name
    others = [p for p, own in cands if own and p.id != place.id]
    default = _default_in(place.country, cands)
    if place.level == "area" and default.id != place.id:
        return f"{name} {place.kind.title()}"
    if place.level == "district" and any(p.level == "district" for p in others):
        area = geo.areas.get(place.region)
        return f"{name}, {area.name}" if area is not None else name
    if place.level == "town" and default.id != place.id:
        area = geo.areas.get(place.region)
        return f"{name}, {area.name}" if area is not None else name
    if any(p.country != place.country and p.population > place.population for p in others):
        return f"{name}, {geo.country_name(place.country)}"
    return name


@lru_cache(maxsize=65_536)
def coded_place(name: str, containers: tuple[str, ...]) -> tuple[str, str, str]:
    """A data set's place, given with its containers most specific first and the country
    last (ACLED's admin3, admin2, admin1, country): its country code, its first-level area's
    code and its level, where the gazetteer knows the country and the area by those names;
    so that a filter by a province read in an article takes in the data set's villages."""
    geo = load_geo()
    given = [c for c in containers if c]
    if not given:
        return "", "", ""
    country = next((p.country for p, _own in geo.candidates(given[-1]) if p.level == "country"), "")
    if not country:
        return "", "", ""
    if name == given[-1]:
        return country, "", "country"
    at = containers.index(given[-1])
    admin1 = containers[at - 1] if at > 0 else ""
    area = next(
        (
            p.region
            for p, _own in geo.candidates(admin1)
            if admin1 and p.level == "area" and p.country == country
        ),
        "",
    )
    return country, area, "area" if name == admin1 else "town"


@lru_cache(maxsize=1)
def _places_toml() -> dict:
    text = resources.files("resources").joinpath("gazetteer", "places.toml").read_text("utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=1)
def _wide_names() -> frozenset[str]:
    """Wide regions' names (``places.toml``'s ``wide``), folded."""
    return frozenset(name_key(n) for n in _places_toml().get("wide", []))


@lru_cache(maxsize=1)
def _pins() -> dict[str, int]:
    """The names and aliases of ``places.toml``'s entities pinned to a GeoNames id, folded."""
    out: dict[str, int] = {}
    for item in _places_toml().get("entity", []):
        if "geonames" in item:
            for alias in (item["name"], *item.get("aliases", [])):
                out[name_key(alias)] = int(item["geonames"])
    return out


def area_cues(text: str, spans: Iterable[tuple[int, int, str]]) -> set[str]:
    """The names (of ``(start, end, name)`` mentions) that the text follows with an area's
    word at least once: "in Kandahar province"."""
    return {name for _start, end, name in spans if AREA_AFTER.match(text, end)}


def locate(text: str, found: Sequence[FoundMention]) -> None:
    """Give each place entity of one document (its mentions ``found``) where it is, and the
    name that tells it from other places of that name, in place: the events then link the
    located entity. A place the gazetteer lacks, or cannot tell apart, stays as it was."""
    places = {id(m.entity): m.entity for m in found if m.entity.kind == "place"}
    if not places:
        return
    counts = Counter(m.entity.name for m in found if m.entity.kind == "place")
    cues = area_cues(text, ((m.start, m.end, m.entity.name) for m in found))
    wide = _wide_names()
    places = {
        k: e
        for k, e in places.items()
        if (name_key(e.name) not in wide and e.name.lower() not in COMMON_NOUNS) or e.name in cues
    }
    resolved = resolve_names(
        sorted({e.name for e in places.values()}), area_cues=cues, counts=counts
    )
    for entity in places.values():
        placed = resolved.get(entity.name)
        if placed is None:
            continue
        entity.place = placed.facts
        if placed.name != entity.name:
            entity.aliases.add(entity.name)
            entity.name = placed.name


def locate_store(store: Store) -> int:
    """Give the place entities of a store made before the gazetteer had coordinates theirs,
    once: each name alone, so only a name the gazetteer gives one place is located (the
    documents' context is not read again). The events then take their places. Returns how
    many places were located."""
    if store.read_only:
        return 0
    with store.session() as session:
        if done_once(session, PLACES_LOCATED):
            return 0
        rows = session.execute(
            select(Entity.id, Entity.name).where(Entity.kind == "place", Entity.latitude.is_(None))
        ).all()
        placed: list[int] = []
        for entity_id, name in rows:
            found = resolve_names([name]).get(name)
            if found is None:
                continue
            if give_place(session, entity_id, found.facts):
                placed.append(entity_id)
        refresh_all_places(session)
        mark_done(session, PLACES_LOCATED)
        session.commit()
    return len(placed)
