"""Drive the real main window offscreen over a large store and time what a user feels.

    python benchmarks/make_store.py --events 1000000 --out /tmp/chronolens-1m.sqlite3
    python benchmarks/gui_scale.py --db /tmp/chronolens-1m.sqlite3 --json gui.json

Measures, with the window at 1400x900:
- first paint: from opening the store and building the window to the timeline painted;
- repaint: each zoom or pan step (set the range, let Qt paint) from the whole store (30
  years) down to one day in view and back, panning on the way;
- filter changes by kind (type, entity, date range, full text), each until the table, the
  timeline, the overview and the type counts are updated and painted;
- the table scrolled to its last row; an edit, a retype and a rejection of 1,000 events,
  Ctrl+A over every event, and the retype and rejection of 100,000 events, each with its
  undo; all shown events exported to CSV in the table's order (what the export job does);
  the process's peak resident memory, and during the export that of its writer processes
  and of all together; and reading the event index afresh from SQL (what a start after
  changes outside the app costs once).
Prints every figure and writes them with ``--json OUT``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from store.query import EventQuery  # noqa: E402
from store.timespan import TimeSpan, moved, zoomed  # noqa: E402

if TYPE_CHECKING:
    from ui.library import Library
    from ui.main_window import MainWindow

BULK = 1000  # events retyped in one step
HUGE = 100_000  # events retyped, then rejected in one step (Ctrl+A on a wide filter, F2, Delete)

TARGETS = {
    "first_paint_s": 1.0,
    "repaint_p95_ms": 16.0,
    "filter_p95_ms": 100.0,
    "export_csv_s": 5.0,
    "peak_rss_mb": 400.0,
}


def busiest_path(library: Library) -> tuple[TimeSpan, dt.date, list[TimeSpan]]:
    """The store's whole (padded) extent, its busiest of 360 bins, and the zoom path from the
    whole down to a day there and back: the steps every scale benchmark takes."""
    whole = library.padded_extent()
    assert whole is not None
    bins = library.density(EventQuery(), whole, 360)
    busiest = whole.start + dt.timedelta(days=whole.days * (bins.index(max(bins)) + 0.5) / 360)
    return whole, busiest, zoom_path(whole, busiest)


def rounds_line(n: int, times: list[float], extra: str = "") -> str:
    """One round's line: steps, median and 95th percentile."""
    p95 = percentile(times, 95)
    return (
        f"round {n}: {len(times)} steps, p50 {statistics.median(times):.2f} ms, "
        f"p95 {p95:.2f} ms{extra}"
    )


def window_on(db: Path, folder: str, size: tuple[int, int], **values: object) -> MainWindow:
    """The main window over the store at ``db``, shown at ``size``, with settings of its own
    in ``folder`` (``values`` set in them first)."""
    from store.db import open_store
    from ui.library import Library
    from ui.main_window import MainWindow

    settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
    for key, value in values.items():
        settings.setValue(key.replace("__", "/"), value)
    window = MainWindow(Library(open_store(db)), settings)
    window.resize(*size)
    window.show()
    QApplication.processEvents()
    return window


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def timed(action: Callable[[], object], app: QApplication) -> float:
    """Milliseconds for ``action`` and everything Qt then has to do (layout and paint)."""
    t = time.perf_counter()
    action()
    app.processEvents()
    return (time.perf_counter() - t) * 1000


def zoom_path(whole: TimeSpan, centre: dt.date) -> list[TimeSpan]:
    """Spans from ``whole`` down to one day around ``centre``, a pan after each zoom, then
    back out: the steps a user takes with the wheel and the arrow keys."""
    spans: list[TimeSpan] = []
    span = whole
    anchor = float(centre.toordinal())
    while span.days > 1:
        span = zoomed(span, 0.8, anchor)
        if span.days < 1:
            span = TimeSpan(centre, centre + dt.timedelta(days=1))
        spans.append(span)
        span = moved(span, max(1, span.days // 10))
        spans.append(span)
    while span.days < whole.days:
        span = zoomed(span, 1.25, anchor)
        spans.append(span)
    return spans


def measure(db: Path) -> dict[str, object]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings_dir = tempfile.mkdtemp(prefix="chronolens-bench-")
    settings = QSettings(str(Path(settings_dir) / "s.ini"), QSettings.Format.IniFormat)

    from store.db import open_store
    from ui.library import Library
    from ui.main_window import MainWindow

    t0 = time.perf_counter()
    window = MainWindow(Library(open_store(db)), settings)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    window.timeline.repaint()
    first_paint = time.perf_counter() - t0
    library, timeline = window.library, window.timeline
    events = library.total()

    # Zoom and pan, centred on the busiest month of the store.
    whole, busiest, steps = busiest_path(library)
    repaint = [timed(lambda s=s: timeline.set_span(s), app) for s in steps]
    timeline.set_span(whole)

    # Filter changes, each from the unfiltered view.
    entities = library.entities()  # most mentioned first
    picks = [entities[i].name for i in (0, 1, 5, 20, 100, 1000, 5000) if i < len(entities)]
    types = sorted(library.counts_by_type(EventQuery()))
    year = busiest.year
    kinds: dict[str, list[EventQuery]] = {
        "type": [EventQuery(types=frozenset(types[i:] + types[: i // 2])) for i in range(1, 9)]
        + [EventQuery(types=frozenset({t})) for t in types[:4]],
        "entity": [EventQuery(entity_names=(n,)) for n in picks],
        "date_range": [
            EventQuery(date_from=dt.date(year - k, 1, 1), date_to=dt.date(year + 1, 1, 1))
            for k in range(0, 10)
        ],
        "text": [
            EventQuery(text=w)
            for w in (
                "ceasefire",
                "convoy",
                "hospital staff",
                "prisoner releases",
                "bridge",
                "drone",
                "electricity",
                picks[0].split()[-1],
                picks[3].split()[0],
                "monitoring team",
            )
        ],
    }
    filters: dict[str, list[float]] = {}
    for kind, queries in kinds.items():
        filters[kind] = []
        for q in queries:
            filters[kind].append(timed(lambda q=q: window.apply_query(q), app))
            window.apply_query(EventQuery())
            app.processEvents()

    # Scroll the table to its end.
    window.apply_query(EventQuery())
    app.processEvents()
    table_end = timed(window.table.scrollToBottom, app) / 1000
    last_row = window.table.rowAt(window.table.viewport().height() - 2)

    # An analyst's edit and its undo: the write, the index patch and the views' refresh. The
    # undo leaves the store's events as they were (the generation counter moves on, and the
    # patched index is cached on close, so the next run still starts from the cache).
    from ui.curation import EditEventsCommand, RejectEventsCommand

    first = library.rows([int(window.model.ids[0])])[0]
    retype = next(t for t in types if t != first.type)
    command = EditEventsCommand(
        window.curator, [first.id], (retype, first.summary, first.date_value)
    )
    edit_ms = timed(lambda: window.curator.stack.push(command), app)
    undo_ms = timed(window.curator.stack.undo, app)
    # the same for a thousand events retyped at once (one undo step)
    bulk_ids = [int(i) for i in window.model.ids[:BULK]]
    bulk = EditEventsCommand(window.curator, bulk_ids, (retype, None, None))
    bulk_ms = timed(lambda: window.curator.stack.push(bulk), app)
    bulk_undo_ms = timed(window.curator.stack.undo, app)
    reject = RejectEventsCommand(window.curator, bulk_ids)
    reject_ms = timed(lambda: window.curator.stack.push(reject), app)
    reject_undo_ms = timed(window.curator.stack.undo, app)
    # Ctrl+A over every event, then the rejection of a wide filter's worth and its undo
    window.table.clearSelection()
    app.processEvents()
    select_all_ms = timed(window.table.selectAll, app)
    selected = len(window.selected_ids())
    window.table.clearSelection()
    huge_ids = [int(i) for i in window.model.ids[:HUGE]]
    huge_edit = EditEventsCommand(window.curator, huge_ids, (retype, None, None))
    huge_edit_s = timed(lambda: window.curator.stack.push(huge_edit), app) / 1000
    huge_edit_undo_s = timed(window.curator.stack.undo, app) / 1000
    huge = RejectEventsCommand(window.curator, huge_ids)
    huge_s = timed(lambda: window.curator.stack.push(huge), app) / 1000
    huge_undo_s = timed(window.curator.stack.undo, app) / 1000

    # Export every shown event, as the export job does, watching the writer processes' memory.
    with tempfile.TemporaryDirectory() as tmp, MemoryWatch() as watch:
        out = Path(tmp) / "events.csv"
        t = time.perf_counter()
        exported = library.export_csv(out, ids=window.model.ids)
        export_s = time.perf_counter() - t
        export_mb = out.stat().st_size / 1e6
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    from store.event_index import EventIndex

    with library.store.session() as s:
        t = time.perf_counter()
        EventIndex.load(s)
        index_from_sql = time.perf_counter() - t

    window.close()
    result: dict[str, object] = {
        "events": events,
        "first_paint_s": round(first_paint, 3),
        "repaint_steps": len(repaint),
        "repaint_p50_ms": round(statistics.median(repaint), 2),
        "repaint_p95_ms": round(percentile(repaint, 95), 2),
        "repaint_max_ms": round(max(repaint), 2),
        "filter_p95_ms": round(max(percentile(v, 95) for v in filters.values()), 2),
        "filters": {
            kind: {
                "changes": len(v),
                "p50_ms": round(statistics.median(v), 2),
                "p95_ms": round(percentile(v, 95), 2),
            }
            for kind, v in filters.items()
        },
        "table_end_s": round(table_end, 3),
        "table_last_row_shown": last_row,
        "export_csv_s": round(export_s, 3),
        "exported_events": exported,
        "export_mb": round(export_mb, 1),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "export_writers_peak_rss_mb": round(watch.children_mb, 1),
        "export_total_peak_rss_mb": round(watch.total_mb, 1),
        "index_from_sql_s": round(index_from_sql, 3),
        "edit_event_ms": round(edit_ms, 1),
        f"edit_{BULK}_events_ms": round(bulk_ms, 1),
        f"undo_edit_{BULK}_events_ms": round(bulk_undo_ms, 1),
        f"reject_{BULK}_events_ms": round(reject_ms, 1),
        f"undo_reject_{BULK}_events_ms": round(reject_undo_ms, 1),
        "undo_edit_ms": round(undo_ms, 1),
        "select_all_ms": round(select_all_ms, 1),
        "selected_by_select_all": selected,
        f"edit_{HUGE}_events_s": round(huge_edit_s, 2),
        f"undo_edit_{HUGE}_events_s": round(huge_edit_undo_s, 2),
        f"reject_{HUGE}_events_s": round(huge_s, 2),
        f"undo_reject_{HUGE}_events_s": round(huge_undo_s, 2),
    }
    return result


def _rss_kb(pid: int | str) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class MemoryWatch:
    """Samples, every 20 ms, the resident memory of this process's children (the export's
    writer processes) and of this process with them (Linux /proc)."""

    def __init__(self) -> None:
        self.children_mb = 0.0
        self.total_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _children(self) -> list[str]:
        me, found = str(os.getpid()), []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if stat.rsplit(")", 1)[1].split()[1] == me:
                    found.append(entry.name)
        return found

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            children = sum(_rss_kb(pid) for pid in self._children()) / 1024
            self.children_mb = max(self.children_mb, children)
            self.total_mb = max(self.total_mb, children + _rss_kb(os.getpid()) / 1024)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run(doc: str, measure: Callable[[Path], dict[str, object]], argv: list[str] | None) -> int:
    """The command line of a benchmark over a store: ``--db STORE [--json OUT]``; prints
    each figure against its target, if it has one (a dict of figures prints one per line)."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if not args.db.exists():
        print(f"no store at {args.db}; build one with benchmarks/make_store.py", file=sys.stderr)
        return 2
    result = measure(args.db)
    for key, value in result.items():
        if isinstance(value, dict):
            for kind, figures in value.items():
                print(f"  {key.rstrip('s')} {kind:<10} {figures}")
            continue
        target = TARGETS.get(key)
        verdict = "" if target is None else ("  ok" if value <= target else f"  > {target}")  # type: ignore[operator]
        print(f"{key:>22}: {value}{verdict}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    return run(__doc__, measure, argv)


if __name__ == "__main__":
    raise SystemExit(main())
