"""The timeline's repaint alone: the window over a store, zoomed from all of it to one day and
back through the busiest month (the steps of ``gui_scale.py``), a few rounds, printing each
round's median and 95th percentile. Run it at two commits to compare their painting.

    python benchmarks/timeline_repaint.py --db /tmp/chronolens-1m.sqlite3 [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
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
        window = gui_scale.window_on(args.db, tmp, (1400, 900))
        whole, _busiest, steps = gui_scale.busiest_path(window.library)
        for n in range(1, args.rounds + 1):
            times = [gui_scale.timed(lambda s=s: window.timeline.set_span(s), app) for s in steps]
            window.timeline.set_span(whole)
            print(gui_scale.rounds_line(n, times))
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
