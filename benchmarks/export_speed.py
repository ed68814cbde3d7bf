"""How long the CSV export of every event of a store takes, as File ▸ Export all shown… writes
it (the window's own code, ``Library.export_csv``), several times in a row.

    .venv/bin/python benchmarks/export_speed.py --db /tmp/acled-gui.sqlite3 [--runs 3]

Run it from another checkout (a ``git worktree`` of an older commit) with that checkout as the
working directory to compare two versions of the code on one store."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))

from store.db import open_store
from store.query import EventQuery
from ui.library import Library


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    library = Library(open_store(args.db))
    ids = library.event_ids(EventQuery())
    with tempfile.TemporaryDirectory(prefix="chronolens-export-") as tmp:
        out = Path(tmp) / "events.csv"
        for run in range(1, args.runs + 1):
            t = time.perf_counter()
            n = library.export_csv(out, ids=ids)
            seconds = time.perf_counter() - t
            mb = out.stat().st_size / 1e6
            print(f"run {run}: {n:,} events, {mb:,.1f} MB in {seconds:.2f} s", flush=True)


if __name__ == "__main__":
    main()
