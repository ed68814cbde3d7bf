"""Gazetteers of organizations, people and places, matched on folded word sequences.

Sources are the TOML files in ``resources/gazetteer``, pycountry's countries and first-level
regions, and GeoNames' large cities (``cities.txt``). Everything loads from installed
packages: nothing is downloaded.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from store.keys import fold_text, name_key

TOKEN = re.compile(r"[^\W_]+")


@dataclass
class GazEntry:
    name: str
    kind: str
    aliases: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)  # keys that only match text in capitals
    # Only when not the tail of a longer capitalised name: the city "Lincoln" is not the
    # president "Abraham Lincoln".
    standalone: bool = False
    # keys of short forms that name the group only before a member noun: "a Haqqani commander"
    modifiers: set[str] = field(default_factory=set)


@dataclass
class Gazetteer:
    entries: dict[tuple[str, str], GazEntry]  # (kind, key) -> entry
    index: dict[tuple[str, ...], GazEntry]  # folded token sequence -> entry
    max_len: int
    given_names: frozenset[str]
    surnames: frozenset[str] = frozenset()

    def lookup(self, key: tuple[str, ...]) -> GazEntry | None:
        return self.index.get(key)


def plain(name: str) -> str:
    """A name without diacritics, keeping case: ``Khōst`` -> ``Khost``, ``Kunaṟ`` -> ``Kunar``."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return 1 < len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in alias


def _tokens_key(name: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(fold_text(name)))


def _read_toml(name: str) -> dict:
    text = resources.files("resources").joinpath("gazetteer", name).read_text("utf-8")
    return tomllib.loads(text)


class _Builder:
    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], GazEntry] = {}
        self.alias_owner: dict[tuple[str, str], tuple[str, str]] = {}

    def add(self, name: str, kind: str, aliases: list[str] | tuple[str, ...] = ()) -> GazEntry:
        keys = [name_key(a) for a in (name, *aliases)]
        owner = next(
            (self.alias_owner[(kind, k)] for k in keys if (kind, k) in self.alias_owner), None
        )
        if owner is None:
            owner = (kind, name_key(name))
            self.entries[owner] = GazEntry(name=name, kind=kind)
        entry = self.entries[owner]
        for alias in (name, *aliases):
            key = name_key(alias)
            if not key:
                continue
            self.alias_owner.setdefault((kind, key), owner)
            if alias != entry.name:
                entry.aliases.add(alias)
            if is_acronym(alias):
                entry.acronyms.add(key)
        return entry

    def rename(self, kind: str, name: str, aliases: list[str]) -> GazEntry:
        """A curated entry: its name becomes canonical for the entity it shares a key with."""
        keys = [name_key(a) for a in (name, *aliases)]
        owner = next(
            (self.alias_owner[(kind, k)] for k in keys if (kind, k) in self.alias_owner), None
        )
        if owner is not None:
            entry = self.entries[owner]
            if entry.name != name:
                entry.aliases.add(entry.name)
                entry.name = name
                entry.aliases.discard(name)
        return self.add(name, kind, aliases)


def _pycountry_places(builder: _Builder, subdivisions_of: list[str], skip: set[str]) -> None:
    import pycountry

    for country in pycountry.countries:
        name = plain(getattr(country, "common_name", None) or country.name)
        aliases = [plain(country.name)]
        official = getattr(country, "official_name", None)
        if official:
            aliases.append(plain(official))
        builder.add(name, "place", aliases)
    for code in subdivisions_of:
        for sub in pycountry.subdivisions.get(country_code=code) or ():
            if getattr(sub, "parent_code", None):
                continue  # first-level regions only
            name = plain(sub.name)
            key = name_key(name)
            if name in skip or key in skip or len(key) <= 3:
                continue
            builder.add(name, "place")


@lru_cache(maxsize=1)
def coarse_places() -> frozenset[str]:
    """Keys of the places too large to say where a happening was: every country and the
    first-level areas (provinces, states) of the gazetteer, with their other names."""
    import pycountry

    out: set[str] = set()
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            if name:
                out.add(name_key(plain(name)))
    codes = _read_toml("places.toml").get("subdivisions_of", [])
    for code in codes:
        for sub in pycountry.subdivisions.get(country_code=code) or ():
            if not getattr(sub, "parent_code", None):
                out.add(name_key(plain(sub.name)))
    gazetteer = load_gazetteer()
    for entry in gazetteer.entries.values():
        if entry.kind == "place" and name_key(entry.name) in out:
            out.update(name_key(a) for a in entry.aliases)
    return frozenset(out)


def _data_lines(name: str) -> list[str]:
    """The lines of a plain-text list in ``resources/gazetteer``, without comments and blanks."""
    text = resources.files("resources").joinpath("gazetteer", name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[:1] != "#"]


def given_names() -> frozenset[str]:
    """Common given names, folded to lower case (``given_names.txt``, and the US Census's in
    ``census_given.txt``)."""
    return frozenset(
        w.lower()
        for name in ("given_names.txt", "census_given.txt")
        for line in _data_lines(name)
        for w in line.split()
    )


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """The commonest surnames (``surnames.txt``, from the US Census), folded."""
    return frozenset(line.lower() for line in _data_lines("surnames.txt"))


def _cities(builder: _Builder) -> None:
    """The world's large cities and capitals (``cities.txt``, from GeoNames)."""
    for name in _data_lines("cities.txt"):
        if ("place", name_key(name)) not in builder.alias_owner:
            builder.add(name, "place").standalone = True


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    builder = _Builder()
    places = _read_toml("places.toml")
    skip = {name_key(s) for s in places.get("skip", [])}
    _pycountry_places(builder, places.get("subdivisions_of", []), skip)
    for item in places.get("entity", []):
        builder.rename("place", item["name"], item.get("aliases", []))
    _cities(builder)
    for fname, kind in (("groups.toml", "organization"), ("people.toml", "person")):
        for item in _read_toml(fname).get("entity", []):
            entry = builder.rename(kind, item["name"], item.get("aliases", []))
            entry.modifiers.update(" ".join(_tokens_key(m)) for m in item.get("modifiers", []))

    index: dict[tuple[str, ...], GazEntry] = {}
    # Organizations and people first: "Indian Subcontinent" the place never hides AQIS.
    order = {"organization": 0, "person": 1, "place": 2}
    for entry in sorted(builder.entries.values(), key=lambda e: order.get(e.kind, 3)):
        for surface in (entry.name, *entry.aliases, *entry.modifiers):
            key = _tokens_key(surface)
            if key and key not in index:
                index[key] = entry
    given = given_names()
    return Gazetteer(
        entries=builder.entries,
        index=index,
        max_len=max((len(k) for k in index), default=1),
        given_names=given,
        surnames=surnames(),
    )
