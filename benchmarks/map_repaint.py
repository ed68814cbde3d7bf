"""The map's repaint while the timeline pans: the window over a store, the map shown beside
the timeline, the timeline zoomed from all of it to one day and back through the busiest
month (the steps of ``gui_scale.py``). For each step the map counts the events of the new
range by place, gathers them into screen cells and paints; the script prints each round's
median and 95th percentile of that, and the marks and places it drew.

    python benchmarks/map_repaint.py --db /tmp/acled-1m.sqlite3 [--rounds 2]

A store of a million events with places: ``benchmarks/dataset_import.py --rows 1000000
--keep`` writes one (ACLED rows with coordinates). The target is the timeline's: p95 within
16 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import gui_scale  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        window = gui_scale.window_on(args.db, tmp, (1600, 1000), map__visible=True)
        library, view = window.library, window.map
        print(f"{library.total():,} events, {library.place_table().ids.size:,} places")
        whole, _busiest, steps = gui_scale.busiest_path(library)
        view.set_span(whole)
        view.fit()
        app.processEvents()
        for n in range(1, args.rounds + 1):
            times = []
            marks = 0
            for span in steps:
                t0 = time.perf_counter()
                view.set_span(span)
                view.repaint()
                times.append((time.perf_counter() - t0) * 1000)
                marks = max(marks, len(view.marks))
            view.set_span(whole)
            print(gui_scale.rounds_line(n, times, f" (most marks drawn at once: {marks})"))
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
