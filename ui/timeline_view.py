"""The timeline: a custom-painted view of the visible range, lanes by type or by entity.

It asks the library only for the events of the visible range; when more are in view than it
can draw one by one, it paints density bins instead. Wheel zooms at the cursor, dragging pans,
keys + - ← → Home do the same.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QPushButton, QSizePolicy, QToolTip, QWidget

from store.event_index import sorted_unique
from store.query import EventQuery
from store.selection import IndexedItem
from store.timespan import TimeSpan, moved, zoomed
from ui import timeline_paint as paint
from ui.date_text import readable_date
from ui.icons import event_types, icon, type_label
from ui.library import Library
from ui.timeline_layout import Scale, extent, stack
from ui.timeline_paint import AXIS_H, LABEL_MIN_W, LABEL_W, LANE_GAP, ROW_H, Placed

MAX_ENTITY_LANES = 10


class SelectedIds:
    """The selected events as a sorted array: Ctrl+A over a million events is 8 MB here,
    where a set of Python ints takes ten times that. Membership is a binary search."""

    def __init__(self, ids: Sequence[int] | np.ndarray = ()) -> None:
        self.ids = sorted_unique(np.asarray(ids, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, event_id: object) -> bool:
        return bool(self.among([event_id]))  # type: ignore[list-item]

    def among(self, ids: Sequence[int]) -> set[int]:
        """Those of ``ids`` that are selected."""
        wanted = np.asarray(ids, dtype=np.int64)
        if not len(self.ids) or not len(wanted):
            return set()
        at = np.minimum(np.searchsorted(self.ids, wanted), len(self.ids) - 1)
        return set(wanted[self.ids[at] == wanted].tolist())


class TimelineView(QWidget):
    rangeChanged = Signal(object)  # TimeSpan
    eventClicked = Signal(int)
    clearFiltersRequested = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.query = EventQuery()
        today = dt.date.today()
        self.span = TimeSpan(dt.date(today.year - 10, 1, 1), dt.date(today.year + 1, 1, 1))
        self.lane_mode = "type"
        self.selected = SelectedIds()
        self._placed: list[Placed] = []
        self._lanes: list[tuple[str, float, float]] = []
        self._bins: list[int] | None = None
        self._undated = 0
        self._summaries: dict[int, str] = {}
        self._sources: dict[int, int] = {}  # a mark standing for an incident: its sources
        self._drag_x: float | None = None
        self._drag_span: TimeSpan | None = None
        self._outside = (0, 0)  # dated events wholly before and after the visible range
        self._shown = 0  # events of the query, dated or not
        self._active: list[str] = []
        self.clear_button = QPushButton(icon("fa5s.filter"), "Clear all filters", self)
        self.clear_button.clicked.connect(self.clearFiltersRequested)
        self.clear_button.hide()
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)

    # -- state -------------------------------------------------------------------------------
    def set_query(self, query: EventQuery) -> None:
        self.query = query
        self._undated = self.library.undated(query)  # independent of the visible range
        self._shown = len(self.library.selection(query))
        self.reload()

    def set_active_filters(self, active: list[str]) -> None:
        """The filters in force, in words, said when they hide every event."""
        self._active = active
        self._place_clear_button()
        self.update()

    def _place_clear_button(self) -> None:
        hidden_all = self._shown == 0 and self.library.total() > 0
        self.clear_button.setVisible(hidden_all and bool(self._active))
        if hidden_all:
            size = self.clear_button.sizeHint()
            self.clear_button.move(
                int((self.width() - size.width()) / 2), int(self.height() / 2 + 10)
            )

    def set_span(self, span: TimeSpan) -> None:
        if span != self.span:
            self.span = span
            self.reload()
            self.rangeChanged.emit(span)

    def set_lane_mode(self, mode: str) -> None:
        self.lane_mode = mode
        self.reload()

    def set_selected(self, ids: Sequence[int] | np.ndarray) -> None:
        self.selected = SelectedIds(ids)
        self.update()

    def fit_all(self) -> None:
        """Fit the bulk of the shown events (a few far-off dates are counted at the edges)."""
        bulk = self.library.bulk_extent(self.query) or self.library.bulk_extent(EventQuery())
        if bulk is not None:
            self.set_span(bulk)

    def go_outside(self, later: bool) -> None:
        """Move the view, at its length, to the nearest events before (or after) it."""
        before, after = self.library.nearest_outside(self.query, self.span)
        days = self.span.days
        if later and after is not None:
            lo = after.toordinal() - days * 0.05
            self.set_span(TimeSpan.from_ordinals(lo, lo + days))
        elif not later and before is not None:
            hi = before.toordinal() + days * 0.05
            self.set_span(TimeSpan.from_ordinals(hi - days, hi))

    def scale(self) -> Scale:
        return Scale(self.span, LABEL_W, max(10.0, self.width() - LABEL_W - 8))

    # -- data and layout ----------------------------------------------------------------------
    def reload(self) -> None:
        """Lay out the visible range: one mark per event while they are fewer than the
        pixels across, else density bins (level of detail)."""
        width = self.scale().width
        self._outside = self.library.outside(self.query, self.span)
        self._place_clear_button()
        items = self.library.timeline(self.query, self.span, int(width))
        if items is None:
            self._bins = self.library.density(self.query, self.span, max(10, int(width / 4)))
            self._placed, self._lanes = [], []
        else:
            self._bins = None
            self._layout(self._one_per_incident(items))
            self._fetch_labels()
        self.update()

    def _one_per_incident(self, items: list[IndexedItem]) -> list[IndexedItem]:
        """One mark per incident: its most precisely dated report in view stands for the
        others, which are counted (its sources, drawn beside the mark)."""
        told = self.library.incidents_of([it.id for it in items])
        self._sources = {}
        if not told:
            return items
        lead: dict[int, IndexedItem] = {}
        for it in items:
            incident = told.get(it.id)
            if incident is None:
                continue
            best = lead.get(incident[0])
            if best is None or (it.end - it.start, it.id) < (best.end - best.start, best.id):
                lead[incident[0]] = it
        leads = {it.id for it in lead.values()}
        self._sources = {i: told[i][1] for i in leads if told[i][1] > 1}
        return [it for it in items if it.id not in told or it.id in leads]

    def _fetch_labels(self) -> None:
        """Summaries for the marks wide enough to show one, fetched once and kept."""
        missing = [
            p.item.id
            for p in self._placed
            if p.rect.width() > LABEL_MIN_W and p.item.id not in self._summaries
        ]
        if missing:
            if len(self._summaries) > 20000:
                self._summaries.clear()
            self._summaries.update(self.library.summaries(missing))

    def _lane_keys(self, items: list[IndexedItem]) -> dict[int, list[str]]:
        if self.lane_mode == "type":
            return {it.id: [it.type] for it in items}
        names = self.library.event_entity_names([it.id for it in items])
        top = [
            n
            for n, _ in Counter(n for ns in names.values() for n in set(ns)).most_common(
                MAX_ENTITY_LANES
            )
        ]
        keys: dict[int, list[str]] = {}
        for it in items:
            mine = [n for n in top if n in names.get(it.id, ())]
            keys[it.id] = mine or ["(other)"]
        return keys

    def _layout(self, items: list[IndexedItem]) -> None:
        scale = self.scale()
        keys = self._lane_keys(items)
        if self.lane_mode == "type":
            # a lane for every type of the filtered dated events, in view or not: lanes
            # stay put while the view pans
            dated = self.library.selection(self.query).dated_types()
            order = [t for t in event_types() if t in dated]
            order += sorted({keys[i.id][0] for i in items} - set(order))
        else:
            counts = Counter(k for ks in keys.values() for k in ks)
            order = sorted(counts, key=lambda k: (k == "(other)", -counts[k], k))
        self._placed, self._lanes = [], []
        y = float(AXIS_H + 6)
        for lane in order:
            members = [it for it in items if lane in keys[it.id]]
            extents = [extent(scale, it.start, it.end, it.granularity) for it in members]
            pairs = sorted(zip(extents, members, strict=True), key=lambda p: p[0][0])
            rows = stack([e for e, _ in pairs])
            lane_rows = (max(rows) + 1) if rows else 1
            for (x0, x1), row, it in zip(
                [e for e, _ in pairs], rows, [m for _, m in pairs], strict=True
            ):
                rect = QRectF(x0, y + row * ROW_H + 2, max(x1 - x0, 4.0), ROW_H - 4)
                self._placed.append(Placed(it, rect))
            height = lane_rows * ROW_H
            self._lanes.append((lane, y, height))
            y += height + LANE_GAP
        self.setMinimumHeight(int(min(max(160, y + 24), 2000)))

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#fbfbfd"))
        scale = self.scale()
        paint.axis(p, scale, self.width(), self.height())
        if self._bins is not None:
            paint.density(p, self._bins, scale, self.height())
        else:
            paint.lanes(p, self._lanes, self.width(), self.lane_mode)
            visible = QRectF(event.rect()) & QRectF(LABEL_W, 0, self.width(), self.height())
            chosen = self.selected.among([mark.item.id for mark in self._placed])
            p.save()
            p.setClipRect(QRectF(LABEL_W, 0, self.width() - LABEL_W, self.height()))
            paint.items(p, self._placed, visible, chosen, self._summaries, self._sources)
            p.restore()
        paint.undated_note(p, self._undated, self.width(), self.height())
        paint.edges(p, *self._outside, self._edge_rects())
        if self._shown == 0 and self.library.total() > 0:
            paint.nothing_shown(p, self._active, self.width(), self.height())
        p.end()

    # -- interaction -------------------------------------------------------------------------
    def _edge_rects(self) -> tuple[QRectF, QRectF]:
        """Where the counts of events before and after the view are drawn (and clicked)."""
        y = self.height() - 22
        return QRectF(LABEL_W + 2, y - 22, 150, 20), QRectF(self.width() - 158, y - 22, 150, 20)

    def item_at(self, pos: QPointF) -> IndexedItem | None:
        for placed in reversed(self._placed):
            if placed.rect.adjusted(-2, -2, 2, 2).contains(pos):
                return placed.item
        return None

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if not steps:
            return
        anchor = self.scale().ordinal_at(event.position().x())
        self.set_span(zoomed(self.span, 0.8**steps, anchor))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.RightButton:
            # the context menu (edit, reject) acts on the event under the pointer
            hit = self.item_at(event.position())
            if hit is not None and hit.id not in self.selected:
                self.eventClicked.emit(hit.id)
            return
        if event.button() == Qt.MouseButton.LeftButton:
            left, right = self._edge_rects()
            for rect, count, later in (
                (left, self._outside[0], False),
                (right, self._outside[1], True),
            ):
                if count and rect.contains(event.position()):
                    self.go_outside(later)
                    return
            hit = self.item_at(event.position())
            if hit is not None:
                self.eventClicked.emit(hit.id)
                return
            self._drag_x = event.position().x()
            self._drag_span = self.span
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_x is not None and self._drag_span is not None:
            days = (self._drag_x - event.position().x()) / self.scale().px_per_day
            self.set_span(moved(self._drag_span, days))
            return
        hit = self.item_at(event.position())
        if hit is None:
            QToolTip.hideText()
            return
        rows = self.library.rows([hit.id])
        if not rows:
            return
        row = rows[0]
        written = f"“{row.date_text}” → " if row.date_text else ""
        inferred = " (inferred)" if row.date_inferred else ""
        when = readable_date(row.date_value)
        QToolTip.showText(
            event.globalPosition().toPoint(),
            f"{type_label(row.type)} — {written}{when}{inferred}\n{row.summary}",
            self,
        )

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_x = None
        self._drag_span = None
        self.unsetCursor()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        step = max(1.0, self.span.days / 10)  # whole days, or short spans never move
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.set_span(zoomed(self.span, 0.8))
        elif key == Qt.Key.Key_Minus:
            self.set_span(zoomed(self.span, 1.25))
        elif key == Qt.Key.Key_Left:
            self.set_span(moved(self.span, -step))
        elif key == Qt.Key.Key_Right:
            self.set_span(moved(self.span, step))
        elif key == Qt.Key.Key_Home:
            self.fit_all()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self.reload()
