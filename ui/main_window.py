"""The main window: filters and entities on the left, the timeline over the event table in the
middle, the evidence passage on the right; menus and shortcuts. Import and export run in
``ui.transfers``, an analyst's edits in ``ui.curation``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from store.curation import CurationError
from store.query import EventQuery
from ui import window_state
from ui.curation import Curator
from ui.document_dates import DocumentDateDialog, RedateCommand
from ui.documents import DocumentPicker
from ui.empty_state import EmptyState
from ui.entity_browser import EntityBrowser
from ui.event_table import EventTableModel, EventTableView
from ui.filter_panel import FilterPanel
from ui.icons import app_icon, icon
from ui.library import Library
from ui.map_view import MapPane
from ui.overview import OverviewStrip
from ui.passage_view import DocumentDialog, PassageView
from ui.shortcuts import ShortcutsDialog
from ui.timeline_view import TimelineView
from ui.transfers import Transfers

WATCH_MS = 1000  # how often to ask whether the store changed elsewhere


class MainWindow(QMainWindow):
    def __init__(self, library: Library, settings: QSettings) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.query = EventQuery()
        self.setWindowTitle(f"Chronolens — {Path(library.path).name}")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)

        self.filters = FilterPanel()
        self.curator = Curator(library, self, self.selected_ids)
        self.entities = EntityBrowser(library, self.curator)
        self.left = QTabWidget()
        # every type shows without scrolling its list; a small screen scrolls the whole pane
        filter_scroll = QScrollArea()
        filter_scroll.setWidgetResizable(True)
        filter_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        filter_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        filter_scroll.setWidget(self.filters)
        self.left.addTab(filter_scroll, icon("fa5s.filter"), "Filters")
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
        self.transfers = Transfers(self, library, settings, self._shown_ids, self.selected_ids)
        # connected first, so the views are fresh when others hear of the import
        self.transfers.importFinished.connect(lambda _report: self.refresh_all(fit=True))
        self.empty = EmptyState()
        self.empty.samplesRequested.connect(self.transfers.import_samples)
        self.empty.importRequested.connect(self.transfers.import_files)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(timeline_area)

        self.model = EventTableModel(library)
        self.table = EventTableView(self.model)
        self.table.selectionModel().selectionChanged.connect(self._table_selection)

        self.passage = PassageView(library)

        self.map_pane = MapPane(library)
        self.map = self.map_pane.map
        self.top_split = QSplitter(Qt.Orientation.Horizontal)
        self.top_split.addWidget(self.stack)
        self.top_split.addWidget(self.map_pane)
        self.top_split.setStretchFactor(0, 3)
        self.top_split.setStretchFactor(1, 2)
        self.top_split.setSizes([600, 420])  # until the analyst's own are restored
        self.center = QSplitter(Qt.Orientation.Vertical)
        self.center.addWidget(self.top_split)
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

        self.curator.changed.connect(self._curated)
        self.curator.stopped.connect(lambda message: self.statusBar().showMessage(message, 10000))
        self.curator.namesChanged.connect(
            lambda: self.filters.set_entity_names(self.library.entity_names())
        )
        for view in (self.table, self.timeline):
            self.curator.bind_to(view)
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.doubleClicked.connect(lambda _index: self.curator.edit_selected())
        self.passage.markRequested.connect(self.curator.add_marked)
        self._build_actions()
        self.filters.queryChanged.connect(self.apply_query)
        self.timeline.rangeChanged.connect(self.overview.set_visible)
        self.timeline.rangeChanged.connect(self.map.set_span)
        self.map.eventsChosen.connect(self.select_events)
        self.map.areaChosen.connect(self.filters.set_area)
        self.overview.rangeRequested.connect(self.timeline.set_span)
        self.timeline.eventClicked.connect(self.select_event)
        self.timeline.clearFiltersRequested.connect(self.filters.clear_all)
        self.entities.entityChosen.connect(self._entity_chosen)
        self.entities.entitiesChanged.connect(self._entities_changed)
        window_state.restore(self, settings)
        self.refresh_all(fit=not self.settings.contains("timeline/span"))
        # the store may change under the window: a command-line import, another window
        self.watch = QTimer(self, interval=WATCH_MS)
        self.watch.timeout.connect(self.check_store)
        self.watch.start()
        self.library.changed_elsewhere()  # the first look only notes where the store is

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
            "&Import files…", self.transfers.import_files, Std.Open, "fa5s.file-import"
        )
        self.act_folder = self._action(
            "Import &folder…", self.transfers.import_folder, None, "fa5s.folder-open"
        )
        self.act_samples = self._action("Import &sample documents", self.transfers.import_samples)
        self.act_read = self._action(
            "&Read document…", self.read_document, "Ctrl+Shift+O", "fa5s.file-alt"
        )
        self.act_export_sel = self._action(
            "&Export selection…", self.transfers.export_selection, "Ctrl+E", "fa5s.file-export"
        )
        self.act_export_all = self._action(
            "Export all &shown…", self.transfers.export_all_shown, "Ctrl+Shift+E"
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
            "&Fit the events", self.timeline.fit_all, "Ctrl+0", "fa5s.expand"
        )
        self.act_lanes = self._action(
            "Lanes by &entity", self._toggle_lanes, "Ctrl+L", "fa5s.layer-group"
        )
        self.act_lanes.setCheckable(True)
        self.act_map = self._action("&Map", self._toggle_map, "Ctrl+M", "fa5s.globe-africa")
        self.act_map.setCheckable(True)
        self.act_map.setChecked(True)
        self.act_map.setToolTip("Show the map of the events in the timeline's range (Ctrl+M)")
        self.act_per_incident = self._action(
            "One row per &incident", self._toggle_per_incident, "Ctrl+I", "fa5s.object-group"
        )
        self.act_per_incident.setCheckable(True)
        self.act_per_incident.setToolTip(
            "The table shows each incident once, by its first report; → lists its other "
            "reports, ← folds them (Ctrl+I)"
        )
        self.act_about = self._action("&About Chronolens", self._about)
        self.act_keys = self._action("&Keyboard shortcuts", self.show_shortcuts, "F1")
        self.act_clear = self._action(
            "&Clear all filters", self.filters.clear_all, "Ctrl+Shift+X", "fa5s.filter"
        )
        # the evidence pane's own action, in the menu with a shortcut: words selected there
        mark = self.passage.text.act_mark
        self.act_add_event = self._action(
            "&New event from selected words…", mark.trigger, "Ctrl+N", "fa5s.plus-circle"
        )
        self.act_add_event.setToolTip(mark.toolTip())
        self.act_add_event.setEnabled(mark.isEnabled())
        mark.enabledChanged.connect(self.act_add_event.setEnabled)

        self.act_redate = self._action(
            "&Date of document…", self.date_document, "Ctrl+Shift+D", "fa5s.calendar-day"
        )
        self.act_redate.setToolTip(
            "Give the day the current event's document was written; it is read again against "
            "that day (Ctrl+Shift+D)"
        )

        menus = self.menuBar()
        imports = [self.act_import, self.act_folder, self.act_samples]
        exports = [self.act_export_sel, self.act_export_all]
        reading = [self.act_read, None, *exports]
        _fill(menus.addMenu("&File"), [*imports, None, *reading, None, self.act_quit])
        edit = menus.addMenu("&Edit")
        _fill(edit, [*self.curator.actions(), self.act_add_event, self.act_redate, None])
        _fill(edit.addMenu("In&cidents"), self.curator.incident_actions())
        view = [
            self.act_search,
            self.act_zoom_in,
            self.act_zoom_out,
            self.act_fit,
            self.act_lanes,
            self.act_map,
            self.act_per_incident,
        ]
        _fill(menus.addMenu("&View"), [*view, None, self.act_clear])
        _fill(menus.addMenu("&Help"), [self.act_keys, self.act_about])
        bar = self.addToolBar("Main")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        _fill(bar, [self.act_import, self.act_export_sel, None, *view[1:]])

    def read_document(self) -> DocumentDialog | None:
        """Pick a document by title (the filtered one, or the current event's, comes first)
        and read it whole; words can be marked there as a new event."""
        current = self.filters.document.currentData()
        if current is None and self.passage.current is not None:
            current = self.passage.current.document_id
        picker = DocumentPicker(self.library.documents(), current, self)
        chosen = picker.chosen() if picker.exec() == QDialog.DialogCode.Accepted else None
        if chosen is None:
            return None
        event = self.passage.current
        same = event is not None and event.document_id == chosen
        return self.passage.read_document(chosen, event if same else None)

    def date_document(self) -> DocumentDateDialog | None:
        """Ask the day the current event's document (or the filtered one) was written, and
        read it again against it as an undo step; the dialog, for tests, once closed."""
        current = self.passage.current.document_id if self.passage.current else None
        if current is None:
            current = self.filters.document.currentData()
        doc = self.library.document(current) if current is not None else None
        if doc is None:
            self.statusBar().showMessage("Select an event of the document to date first", 5000)
            return None
        try:
            self.library.dating(doc.id)
        except CurationError as exc:
            QMessageBox.information(self, "Chronolens", str(exc))
            return None
        dialog = DocumentDateDialog(doc, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            given = dialog.chosen()
            if given != (doc.reference_date if doc.reference_source == "option" else None):
                self.curator.stack.push(RedateCommand(self.curator, doc, given))
        return dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.findChildren(QAction), self)
        dialog.show()
        return dialog

    def _focus_search(self) -> None:
        self.left.setCurrentIndex(0)
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def _zoom(self, factor: float) -> None:
        from store.timespan import zoomed

        self.timeline.set_span(zoomed(self.timeline.span, factor))

    def _toggle_map(self) -> None:
        shown = self.act_map.isChecked()
        self.settings.setValue("map/visible", shown)  # the analyst's choice, kept
        self.map_pane.setVisible(shown)  # shown, the map counts what it missed while hidden
        self.map.set_span(self.timeline.span)

    def _toggle_per_incident(self) -> None:
        kept = self.table.selected_ids()
        self.model.show_per_incident(self.act_per_incident.isChecked())
        self.table.select_ids(kept)

    def _toggle_lanes(self) -> None:
        self.timeline.set_lane_mode("entity" if self.act_lanes.isChecked() else "type")

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About Chronolens",
            "Chronolens — what happened when, who was involved, where, and where the text "
            f"says so.\n\nStore: {self.library.path}\n\n"
            "Places and their coordinates: GeoNames (geonames.org), CC BY 4.0. "
            "Map outlines and first-level areas' points: Natural Earth (naturalearthdata.com), "
            "public domain. US counties: the US Census Bureau's 2017 gazetteer, public domain. "
            "Common given names and surnames: the 1990 US Census, public domain.",
        )

    # -- query and selection ------------------------------------------------------------------
    def apply_query(self, query: EventQuery) -> None:
        """Show the events of ``query`` everywhere; the selected events that it still shows
        stay selected, and the passage pane follows (cleared when none is left)."""
        kept = self.table.selected_ids()
        self.query = query
        self.passage.search_text = query.text
        self.model.set_query(query)
        self.timeline.set_query(query)
        self.timeline.set_active_filters(self.filters.active())
        self.overview.set_query(query)
        self.map.set_query(query)
        self.filters.set_counts(self.library.counts_by_type(query))
        self._update_count()
        self.table.selectionModel().blockSignals(True)
        self.select_events(kept)
        self.table.selectionModel().blockSignals(False)
        self._table_selection()

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

    def check_store(self) -> bool:
        """Re-read the views when another connection changed the events (not while an import
        of this window is writing: its end refreshes them). The selection is kept."""
        if self.transfers.jobs or not self.library.changed_elsewhere():
            return False
        self.library.reload_index()
        self.refresh_all()
        self.statusBar().showMessage(
            "The store was changed elsewhere; the views are up to date", 5000
        )
        return True

    def select_event(self, event_id: int) -> None:
        self.select_events([event_id])

    def select_events(self, ids: Sequence[int] | np.ndarray) -> None:
        """Select those of ``ids`` the table shows, scrolled to the first."""
        self.table.select_ids(ids)

    def _curated(self, ids: Sequence[int] | np.ndarray) -> None:
        """An edit, rejection or undo changed events: re-read the views, keep the place."""
        self.stack.setCurrentIndex(1 if self.library.total() > 0 else 0)
        self.entities.mark_stale()
        self.apply_query(self.filters.query())
        self.select_events(ids)
        hidden = len(ids) - len(self.model.rows_of(ids))
        if hidden:  # retyped or dated out of the filters, or added outside them
            them = "event is" if hidden == 1 else "events are"
            self.statusBar().showMessage(f"{hidden:,} changed {them} hidden by the filters", 10000)

    def _shown_ids(self) -> Sequence[int]:
        return self.model.ids

    def selected_ids(self) -> list[int]:
        return self.table.selected_ids().tolist()

    def _table_selection(self, *_args: object) -> None:
        ids = self.table.selected_ids()  # an array: Ctrl+A may select a million
        self.curator.selection_changed(len(ids))
        self.timeline.set_selected(ids)
        self.map.set_selected(ids)
        current = self.model.event(self.model.row_of(int(ids[0]))) if len(ids) else None
        self.passage.show_event(current)

    def _entities_changed(self) -> None:
        """Renamed or merged: the filter's completion and the table's entity cells re-read."""
        self.filters.set_entity_names(self.library.entity_names())
        self.apply_query(self.filters.query())

    def _entity_chosen(self, name: str) -> None:
        self.filters.add_entity(name)
        self.left.setCurrentIndex(0)

    # -- drag and drop -----------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.transfers.run_import(paths)
            event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.watch.stop()
        self.transfers.cancel_all()
        window_state.save(self, self.settings)
        self.library.save_index()
        self.library.close()
        super().closeEvent(event)


def _fill(widget: QMenu | QToolBar, actions: Sequence[QAction | None]) -> None:
    """Add ``actions`` to a menu or tool bar; None is a separator."""
    for action in actions:
        if action is None:
            widget.addSeparator()
        else:
            widget.addAction(action)
