"""Write the US counties (and parishes and boroughs) of the offline gazetteer.

    python scripts/make_counties.py 2017_Gaz_counties_national.txt

The input is the US Census Bureau's county gazetteer (www.census.gov/geo/maps-data/data/
gazetteer2017.html, a work of the US Government, public domain): USPS code, GEOID, ANSI code,
name, land and water areas, and the internal point's latitude and longitude, one county a
line, tab-separated (or ``|``-separated, as some copies are). Writes
``resources/gazetteer/us_counties.tsv.gz`` in the layout of ``geo.tsv.gz`` (id, name, kind,
country, the state's GeoNames code, latitude, longitude, population, other names): the
counties, parishes, boroughs and census areas, the second level under the states that US news
names ("Cook County", "Orleans Parish"). Independent cities are towns GeoNames already holds,
and Puerto Rico's municipios are another country's; both are left out. Nothing here runs
when the app does.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "gazetteer" / "us_counties.tsv.gz"
ID_BASE = 900_000_000  # above GeoNames' ids: a county's id is this plus its GEOID
KINDS = {"County": "county", "Parish": "parish", "Borough": "borough", "Area": "census area"}


def rows(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        cells = [c.strip() for c in re.split(r"[\t|]", line)]
        if len(cells) < 10 or not cells[1].isdigit():
            continue  # the header, or a line of something else
        usps, geoid, name, lat, lon = cells[0], cells[1], cells[3], cells[8], cells[9]
        kind = KINDS.get(name.split()[-1])
        if kind is None or usps == "PR":
            continue
        latitude, longitude = float(lat), float(lon)
        out.append(
            f"{ID_BASE + int(geoid)}\t{name}\t{kind}\tUS\tUS.{usps}\t"
            f"{latitude:.4f}\t{longitude:.4f}\t0\t"
        )
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    lines = rows(Path(argv[0]))
    header = (
        "# US counties, parishes, boroughs and census areas at their internal points, from the\n"
        "# US Census Bureau's 2017 county gazetteer (public domain). Made by\n"
        "# scripts/make_counties.py.\n"
    )
    OUT.write_bytes(gzip.compress((header + "\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    print(f"wrote {len(lines)} counties to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
