"""The largest curation there is: Ctrl+A over every event, Delete, then Ctrl+Z, in the real
main window offscreen at 1400x900, on a copy of a store (the original is left as it was).

    python benchmarks/reject_all.py --db /tmp/chronolens-1m.sqlite3 [--json OUT]

Prints the time of each step (each until Qt has painted the result) and the process's peak
resident memory. A million events take a few minutes and 1.5 GB of disk for the copy.
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from benchmarks.gui_scale import run, timed


def measure(db: Path) -> dict[str, object]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from store.db import open_store
    from ui.library import Library
    from ui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="chronolens-reject-all-") as tmp:
        copy = Path(tmp) / db.name
        shutil.copyfile(db, copy)
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(Library(open_store(copy)), settings)
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        events = window.library.total()
        shown_mb = _peak_mb()
        select_ms = timed(window.table.selectAll, app)
        reject_s = timed(window.curator.reject_selected, app) / 1000
        left = window.library.total()
        rejected_mb = _peak_mb()
        undo_s = timed(window.curator.stack.undo, app) / 1000
        back = window.library.total()
        window.close()
        window.library.store.close()
    return {
        "events": events,
        "select_all_ms": round(select_ms, 1),
        "reject_all_s": round(reject_s, 1),
        "events_left": left,
        "undo_s": round(undo_s, 1),
        "events_back": back,
        "peak_rss_shown_mb": shown_mb,
        "peak_rss_rejected_mb": rejected_mb,
        "peak_rss_mb": _peak_mb(),
    }


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main(argv: list[str] | None = None) -> int:
    return run(__doc__, measure, argv)


if __name__ == "__main__":
    raise SystemExit(main())
