"""The main window: filters and entities on the left, the timeline over the event table in the
middle, the evidence passage on the right; menus, shortcuts, import and export jobs."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from importers.pipeline import ImportOptions, ImportReport, import_paths
from importers.readers import SUPPORTED
from store.query import EventQuery
from store.timespan import TimeSpan
from ui.curation import Curator
from ui.empty_state import EmptyState, sample_paths
from ui.entity_browser import EntityBrowser
from ui.event_table import EventTableModel
from ui.filter_panel import FilterPanel
from ui.icons import app_icon, icon
from ui.jobs import Job
from ui.library import Library
from ui.overview import OverviewStrip
from ui.passage_view import PassageView
from ui.timeline_view import TimelineView


class MainWindow(QMainWindow):
    importFinished = Signal(object)  # ImportReport
    exportFinished = Signal(object)  # (path, rows) or an error message

    def __init__(self, library: Library, settings: QSettings) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.query = EventQuery()
        self.jobs: list[Job] = []
        self.setWindowTitle(f"Chronolens — {Path(library.path).name}")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)

        self.filters = FilterPanel()
        self.entities = EntityBrowser(library)
        self.left = QTabWidget()
        self.left.addTab(self.filters, icon("fa5s.filter"), "Filters")
        self.left.addTab(self.entities, icon("fa5s.users"), "Entities")

        self.overview = OverviewStrip(library)
        self.timeline = TimelineView(library)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.timeline)
        timeline_area = QWidget()
        tl = QVBoxLayout(timeline_area)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.setSpacing(2)
        tl.addWidget(self.overview)
        tl.addWidget(scroll, 1)
        self.empty = EmptyState()
        self.empty.samplesRequested.connect(self.import_samples)
        self.empty.importRequested.connect(self.import_files)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(timeline_area)

        self.model = EventTableModel(library)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # wide enough for the usual long labels: a day with its part and the inference mark,
        # and an undated month
        metrics = self.table.fontMetrics()
        date_width = max(
            metrics.horizontalAdvance(label)
            for label in ("2010-03-04 night (inferred)", "undated (September, no year)")
        )
        type_width = metrics.horizontalAdvance("Report release") + 40  # and the icon
        for col, width in ((0, date_width + 12), (1, type_width), (3, 140), (4, 120)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().selectionChanged.connect(self._table_selection)

        self.passage = PassageView(library)

        self.center = QSplitter(Qt.Orientation.Vertical)
        self.center.addWidget(self.stack)
        self.center.addWidget(self.table)
        self.center.setStretchFactor(0, 3)
        self.center.setStretchFactor(1, 2)
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.addWidget(self.left)
        self.main_split.addWidget(self.center)
        self.main_split.addWidget(self.passage)
        self.main_split.setSizes([260, 800, 340])
        self.setCentralWidget(self.main_split)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)

        self.curator = Curator(library, self, self.selected_ids)
        self.curator.changed.connect(self._curated)
        for view in (self.table, self.timeline):
            self.curator.bind_to(view)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.doubleClicked.connect(lambda _index: self.curator.edit_selected())
        self._build_actions()
        self.filters.queryChanged.connect(self.apply_query)
        self.timeline.rangeChanged.connect(self.overview.set_visible)
        self.overview.rangeRequested.connect(self.timeline.set_span)
        self.timeline.eventClicked.connect(self.select_event)
        self.entities.entityChosen.connect(self._entity_chosen)
        self.entities.entitiesChanged.connect(self._entities_changed)
        self._restore()
        self.refresh_all(fit=not self.settings.contains("timeline/span"))

    # -- actions -----------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | str | None = None,
        icon_name: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        Std = QKeySequence.StandardKey
        self.act_import = self._action(
            "&Import files…", self.import_files, Std.Open, "fa5s.file-import"
        )
        self.act_folder = self._action(
            "Import &folder…", self.import_folder, None, "fa5s.folder-open"
        )
        self.act_samples = self._action("Import &sample documents", self.import_samples)
        self.act_export_sel = self._action(
            "&Export selection…", self.export_selection, "Ctrl+E", "fa5s.file-export"
        )
        self.act_export_all = self._action(
            "Export all &shown…", self.export_all_shown, "Ctrl+Shift+E"
        )
        self.act_quit = self._action("&Quit", self.close, Std.Quit)
        self.act_search = self._action(
            "&Search passages", self._focus_search, Std.Find, "fa5s.search"
        )
        self.act_zoom_in = self._action(
            "Zoom &in", lambda: self._zoom(0.8), Std.ZoomIn, "fa5s.search-plus"
        )
        self.act_zoom_out = self._action(
            "Zoom &out", lambda: self._zoom(1.25), Std.ZoomOut, "fa5s.search-minus"
        )
        self.act_fit = self._action(
            "&Fit all events", self.timeline.fit_all, "Ctrl+0", "fa5s.expand"
        )
        self.act_lanes = self._action(
            "Lanes by &entity", self._toggle_lanes, "Ctrl+L", "fa5s.layer-group"
        )
        self.act_lanes.setCheckable(True)
        self.act_about = self._action("&About Chronolens", self._about)

        file_menu = self.menuBar().addMenu("&File")
        for a in (self.act_import, self.act_folder, self.act_samples):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.act_export_sel)
        file_menu.addAction(self.act_export_all)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = self.menuBar().addMenu("&Edit")
        for a in self.curator.actions():
            if a is None:
                edit_menu.addSeparator()
            else:
                edit_menu.addAction(a)
        view_menu = self.menuBar().addMenu("&View")
        for a in (
            self.act_search,
            self.act_zoom_in,
            self.act_zoom_out,
            self.act_fit,
            self.act_lanes,
        ):
            view_menu.addAction(a)
        self.menuBar().addMenu("&Help").addAction(self.act_about)

        bar = self.addToolBar("Main")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        for a in (
            self.act_import,
            self.act_export_sel,
            None,
            self.act_zoom_in,
            self.act_zoom_out,
            self.act_fit,
            self.act_lanes,
        ):
            if a is None:
                bar.addSeparator()
            else:
                bar.addAction(a)

    def _focus_search(self) -> None:
        self.left.setCurrentWidget(self.filters)
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def _zoom(self, factor: float) -> None:
        from store.timespan import zoomed

        self.timeline.set_span(zoomed(self.timeline.span, factor))

    def _toggle_lanes(self) -> None:
        self.timeline.set_lane_mode("entity" if self.act_lanes.isChecked() else "type")

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About Chronolens",
            "Chronolens — what happened when, who was involved, where, and where the text "
            f"says so.\n\nStore: {self.library.path}",
        )

    # -- query and selection ------------------------------------------------------------------
    def apply_query(self, query: EventQuery) -> None:
        self.query = query
        self.model.set_query(query)
        self.timeline.set_query(query)
        self.overview.set_query(query)
        self.filters.set_counts(self.library.counts_by_type(query))
        self._update_count()

    def _update_count(self) -> None:
        total = self.library.total()
        shown = len(self.model.ids)
        self.count_label.setText(f"{shown:,} of {total:,} events")

    def refresh_all(self, fit: bool = False) -> None:
        """Re-read everything after the store changed (an import, say)."""
        has_events = self.library.total() > 0
        self.stack.setCurrentIndex(1 if has_events else 0)
        self.entities.mark_stale()
        self.filters.set_entity_names(self.library.entity_names())
        self.filters.set_documents(self.library.documents())
        if fit and has_events:
            self.timeline.fit_all()
        self.apply_query(self.filters.query())
        self.overview.set_visible(self.timeline.span)

    def select_event(self, event_id: int) -> None:
        self.select_events([event_id])

    def select_events(self, ids: Sequence[int]) -> None:
        """Select those of ``ids`` the table shows, scrolled to the first."""
        Flag = QItemSelectionModel.SelectionFlag
        first = None
        for event_id in ids:
            row = self.model.row_of(event_id)
            if row < 0:
                continue
            index = self.model.index(row, 0)
            flag = Flag.Select if first is not None else Flag.ClearAndSelect
            self.table.selectionModel().select(index, flag | Flag.Rows)
            first = first or index
        if first is not None:
            self.table.scrollTo(first)

    def _curated(self, ids: list[int]) -> None:
        """An edit, rejection or undo changed events: re-read the views, keep the place."""
        self.stack.setCurrentIndex(1 if self.library.total() > 0 else 0)
        self.entities.mark_stale()
        self.apply_query(self.filters.query())
        self.select_events(ids)

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.id_at(r) for r in rows]

    def _table_selection(self, *_args: object) -> None:
        ids = self.selected_ids()
        self.timeline.set_selected(set(ids))
        current = self.model.event(self.model.row_of(ids[0])) if ids else None
        self.passage.show_event(current)

    def _entities_changed(self) -> None:
        """Renamed or merged: the filter's completion and the table's entity cells re-read."""
        self.filters.set_entity_names(self.library.entity_names())
        self.apply_query(self.filters.query())

    def _entity_chosen(self, name: str) -> None:
        self.filters.add_entity(name)
        self.left.setCurrentWidget(self.filters)

    # -- import ------------------------------------------------------------------------------
    def import_files(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in SUPPORTED)
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import files", self._last_dir(), f"Documents ({patterns});;All files (*)"
        )
        if paths:
            self.run_import(paths)

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import folder", self._last_dir())
        if folder:
            self.run_import([folder])

    def import_samples(self) -> None:
        self.run_import([str(p) for p in sample_paths()])

    def _last_dir(self) -> str:
        return str(self.settings.value("import/last_dir", str(Path.home())))

    def run_import(self, paths: Sequence[str]) -> Job:
        self.settings.setValue("import/last_dir", str(Path(paths[0]).parent))
        library = self.library
        store = library.store

        def work(report: Callable[[int, int, str], None], cancel: threading.Event) -> ImportReport:
            def progress(done: int, total: int, path: str) -> bool:
                report(done, total, f"Importing {Path(path).name}…" if path else "Finishing…")
                return not cancel.is_set()

            report_ = import_paths(store, list(paths), ImportOptions(), progress)
            report(0, 0, "Updating the index…")
            library.reload_index()
            return report_

        job = Job(self, "Importing documents…", work)
        job.done.connect(self._import_done)
        job.error.connect(lambda msg: self._job_failed("Import failed", msg))
        return self._start(job)

    def _import_done(self, report: ImportReport) -> None:
        self.refresh_all(fit=True)
        self.statusBar().showMessage(report.summary(), 10000)
        failed = [o for o in report.outcomes if o.status == "failed"]
        if failed or report.cancelled:
            box = QMessageBox(QMessageBox.Icon.Warning, "Import", report.summary(), parent=self)
            box.setDetailedText("\n".join(o.line() for o in report.outcomes))
            box.open()
        self.importFinished.emit(report)

    # -- export ------------------------------------------------------------------------------
    def export_selection(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.statusBar().showMessage("Select events in the table to export them.", 5000)
            return
        path = self._ask_csv_path()
        if path:
            self.export_to(path, ids=ids)

    def export_all_shown(self) -> None:
        path = self._ask_csv_path()
        if path:
            self.export_to(path)

    def _ask_csv_path(self) -> Path | None:
        start = str(
            Path(str(self.settings.value("export/last_dir", str(Path.home())))) / "events.csv"
        )
        path, _ = QFileDialog.getSaveFileName(self, "Export events", start, "CSV (*.csv)")
        if not path:
            return None
        self.settings.setValue("export/last_dir", str(Path(path).parent))
        return Path(path if path.lower().endswith(".csv") else path + ".csv")

    def export_to(self, path: Path, ids: Sequence[int] | None = None) -> Job:
        """Write the given events, or all shown in the table's order, to ``path`` in a worker."""
        library = self.library
        chosen = self.model.ids if ids is None else ids
        total = len(chosen)

        def work(
            report: Callable[[int, int, str], None], cancel: threading.Event
        ) -> tuple[Path, int]:
            def progress(n: int) -> bool:
                report(n, total, f"Exported {n:,} of {total:,} events…")
                return not cancel.is_set()

            tmp = path.with_name(path.name + ".part")
            n = library.export_csv(tmp, ids=chosen, progress=progress)
            if cancel.is_set():
                tmp.unlink(missing_ok=True)
                raise RuntimeError("export cancelled; no file written")
            tmp.replace(path)
            return path, n

        job = Job(self, "Exporting events…", work)
        job.done.connect(self._export_done)
        job.error.connect(lambda msg: self._job_failed("Export failed", msg))
        return self._start(job)

    def _export_done(self, result: tuple[Path, int]) -> None:
        path, n = result
        self.statusBar().showMessage(f"Exported {n:,} events to {path}", 10000)
        self.exportFinished.emit(result)

    # -- jobs --------------------------------------------------------------------------------
    def _start(self, job: Job) -> Job:
        self.jobs.append(job)
        job.done.connect(lambda _r, j=job: self.jobs.remove(j) if j in self.jobs else None)
        job.error.connect(lambda _m, j=job: self.jobs.remove(j) if j in self.jobs else None)
        job.start()
        return job

    def _job_failed(self, title: str, message: str) -> None:
        self.statusBar().showMessage(f"{title}: {message}", 10000)
        QMessageBox(QMessageBox.Icon.Warning, title, message, parent=self).open()
        self.exportFinished.emit(message)

    # -- drag and drop -----------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.run_import(paths)
            event.acceptProposedAction()

    # -- persistence -------------------------------------------------------------------------
    def _restore(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for name, splitter in (("main", self.main_split), ("center", self.center)):
            value = s.value(f"window/split_{name}")
            if isinstance(value, QByteArray):
                splitter.restoreState(value)
        columns = s.value("table/header")
        if isinstance(columns, QByteArray):
            header = self.table.horizontalHeader()
            header.restoreState(columns)
            # restoring the indicator does not sort the rows: ask for that order too
            self.table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
        raw = s.value("filters/state")
        if raw:
            with contextlib.suppress(ValueError, TypeError):
                self.filters.restore(json.loads(str(raw)))
        span = s.value("timeline/span")
        if span:
            try:
                a, b = str(span).split("/")
                self.timeline.span = TimeSpan(dt.date.fromisoformat(a), dt.date.fromisoformat(b))
            except ValueError:
                pass
        if s.value("timeline/lanes") == "entity":
            self.act_lanes.setChecked(True)
            self.timeline.lane_mode = "entity"

    def save_state(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/split_main", self.main_split.saveState())
        s.setValue("window/split_center", self.center.saveState())
        s.setValue("table/header", self.table.horizontalHeader().saveState())
        s.setValue("filters/state", json.dumps(self.filters.state()))
        span = self.timeline.span
        s.setValue("timeline/span", f"{span.start.isoformat()}/{span.end.isoformat()}")
        s.setValue("timeline/lanes", self.timeline.lane_mode)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        for job in list(self.jobs):
            job.cancel.set()
            job.thread.quit()
            job.thread.wait(5000)
        self.save_state()
        self.library.save_index()
        super().closeEvent(event)
