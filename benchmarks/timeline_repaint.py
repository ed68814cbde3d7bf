"""The timeline's repaint alone: the window over a store, zoomed from all of it to one day and
back through the busiest month (the steps of ``gui_scale.py``), a few rounds, printing each
round's median and 95th percentile. Run it at two commits to compare their painting.

    python benchmarks/timeline_repaint.py --db /tmp/chronolens-1m.sqlite3 [--rounds 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import gui_scale  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from store.db import open_store  # noqa: E402
from store.query import EventQuery  # noqa: E402
from ui.library import Library  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Library(open_store(args.db)), settings)
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        library = window.library
        whole = library.padded_extent()
        assert whole is not None
        bins = library.density(EventQuery(), whole, 360)
        busiest = whole.start + dt.timedelta(days=whole.days * (bins.index(max(bins)) + 0.5) / 360)
        steps = gui_scale.zoom_path(whole, busiest)
        for n in range(1, args.rounds + 1):
            times = sorted(
                gui_scale.timed(lambda s=s: window.timeline.set_span(s), app) for s in steps
            )
            window.timeline.set_span(whole)
            p95 = times[int(len(times) * 0.95)]
            print(
                f"round {n}: {len(times)} steps, p50 {statistics.median(times):.2f} ms, "
                f"p95 {p95:.2f} ms"
            )
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
