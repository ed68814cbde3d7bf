"""An ACLED-layout export of N rows imported through the real import, timed.

    python benchmarks/dataset_import.py --rows 1000000

Writes a CSV with ACLED's current export columns and synthetic values (every sub-event type of
the codebook, a few thousand actors and places with coordinates, notes of news length, days
over ten years with the three time precisions), imports it with ``importers.pipeline`` into a
new store, and prints the rows, the seconds, the rows a second and the peak memory of the
process (resident set, as the kernel counts it). With ``--update`` it then imports a newer
export of the same data (1% of rows changed, 1% gone, 1% new) and prints that too.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from importers.datasets.coded import mapping  # noqa: E402
from importers.pipeline import import_paths  # noqa: E402
from store.db import open_store  # noqa: E402
from store.event_index import EventIndex  # noqa: E402

# the columns of ACLED's current export, in its order (the tests build their files with them)
COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
COUNTRIES = ("Nigeria", "Mali", "Somalia", "Afghanistan", "Syria", "Yemen", "Sudan", "Myanmar")
ACTOR_TYPES = (
    "State forces",
    "Rebel groups",
    "Political militias",
    "Identity militias",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
)
WORDS = (
    "reportedly",
    "fighters",
    "village",
    "attacked",
    "forces",
    "near",
    "district",
    "market",
    "killed",
    "wounded",
    "police",
    "residents",
    "said",
    "after",
    "convoy",
    "checkpoint",
)


def write_export(path: Path, rows: int, first: int = 0, revised: int = 0) -> None:
    """Rows ``first`` .. ``first + rows``; each row's cells depend on its number alone, so a
    newer export repeats the rows it shares, but for every ``revised``-th row (0: none),
    whose fatalities are revised."""
    rng = random.Random(7)
    subs = list(mapping()["acled"]["sub_events"])
    events_of = {s: e for s, e in _event_types().items()}
    actors = [f"Group {i} ({COUNTRIES[i % len(COUNTRIES)]})" for i in range(3000)]
    places = [
        (
            f"Place {i}",
            f"District {i // 10}",
            f"Province {i // 100}",
            COUNTRIES[i % len(COUNTRIES)],
            round(rng.uniform(-10, 40), 4),
            round(rng.uniform(-15, 70), 4),
        )
        for i in range(5000)
    ]
    day0 = dt.date(2015, 1, 1).toordinal()
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(COLUMNS)
        for n in range(first, first + rows):
            rng.seed(n)
            sub = subs[n % len(subs)]
            place = places[rng.randrange(len(places))]
            day = dt.date.fromordinal(day0 + rng.randrange(3650))
            a1 = actors[rng.randrange(len(actors))]
            a2 = actors[rng.randrange(len(actors))] if n % 3 else ""
            notes = f"On {day:%d %B %Y}, " + " ".join(rng.choice(WORDS) for _ in range(22)) + "."
            out.writerow(
                [
                    f"SYN{n}",
                    day.isoformat(),
                    day.year,
                    rng.choice("1112113"),
                    "Political violence",
                    events_of[sub],
                    sub,
                    a1,
                    "",
                    rng.choice(ACTOR_TYPES),
                    a2,
                    "",
                    rng.choice(ACTOR_TYPES) if a2 else "",
                    "",
                    "",
                    566,
                    "Region",
                    place[3],
                    place[2],
                    place[1],
                    "",
                    place[0],
                    place[4],
                    place[5],
                    1,
                    "Source",
                    "National",
                    notes,
                    rng.randrange(0, 12) + (1 if revised and n % revised == 0 else 0),
                    "",
                    1700000000,
                ]
            )


def _event_types() -> dict[str, str]:
    from store.type_codes import ACLED_SUB_EVENTS

    return ACLED_SUB_EVENTS


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--update", action="store_true", help="then import a newer export")
    parser.add_argument("--keep", type=Path, help="keep the store here (for gui_scale.py)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "acled-export.csv"
        t0 = time.perf_counter()
        write_export(csv_path, args.rows)
        print(
            f"wrote {args.rows:,} rows ({csv_path.stat().st_size / 1e6:.0f} MB) in "
            f"{time.perf_counter() - t0:.1f} s",
            flush=True,
        )
        db = args.keep or Path(tmp) / "store.sqlite3"
        store = open_store(db)
        t0 = time.perf_counter()
        report = import_paths(store, [csv_path])
        seconds = time.perf_counter() - t0
        for outcome in report.outcomes:
            print(outcome.line())
        print(
            f"import: {args.rows:,} rows in {seconds:.1f} s ({args.rows / seconds:,.0f} rows/s);"
            f" peak memory {peak_mb():,.0f} MB"
        )
        if args.update:
            newer = Path(tmp) / "acled-export-newer.csv"
            # 1% gone, 1% new, 1% revised
            write_export(newer, args.rows, first=args.rows // 100, revised=100)
            t0 = time.perf_counter()
            report = import_paths(store, [newer])
            seconds = time.perf_counter() - t0
            for outcome in report.outcomes:
                print(outcome.line())
            print(f"update: {seconds:.1f} s; peak memory {peak_mb():,.0f} MB")
        t0 = time.perf_counter()
        EventIndex.open(store)  # as the window does after an import, for its next start
        print(f"event index read and cached in {time.perf_counter() - t0:.1f} s")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
