"""The map pane: the events of the current filters in the timeline's visible range, one mark
per place (gathered by screen cell when dense), over country outlines the app paints itself
(Natural Earth, public domain, shipped in ``resources/map``): no web engine, no tiles,
nothing fetched.

Drag pans, the wheel zooms at the pointer, Home fits the marks; Shift-drag draws a box that
filters every view to that area. Clicking a mark selects its events in the table (and so on
the timeline); the events selected elsewhere ring their marks.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QShowEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QLabel, QToolTip, QVBoxLayout, QWidget

from importers.geo import country_outlines
from store.query import EventQuery
from store.timespan import TimeSpan
from ui.icons import type_colour, type_label
from ui.library import Library
from ui.map_layout import Mark, Viewport, gather, hit

SEA = QColor("#dfe9f2")
LAND = QColor("#f7f5ef")
BORDER = QColor("#b7b3a8")
RING = QColor("#d81b60")
CLICK_SLOP = 4  # pixels a press may move and still be a click
INCIDENTS_TOLD = 5000  # a mark of at most this many events says how many incidents they tell


@lru_cache(maxsize=1)
def world_outlines() -> QPainterPath:
    """Every country's outline as one path in degrees (x longitude, y minus latitude)."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for _iso, ring in country_outlines():
        path.addPolygon(QPolygonF(list(map(QPointF, ring[:, 0].tolist(), (-ring[:, 1]).tolist()))))
        path.closeSubpath()
    return path


class MapView(QWidget):
    """The painted map. Marks are worked out when the events, the range or the view change,
    never in a paint; the outlines are painted once per view into a pixmap."""

    eventsChosen = Signal(object)  # np.ndarray of event ids: a mark was clicked
    areaChosen = Signal(object)  # (south, west, north, east): a box was drawn
    countsChanged = Signal(int, int)  # events on the map, events without a place

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.query = EventQuery()
        self.span: TimeSpan | None = None
        self.view = Viewport()
        self.marks: list[Mark] = []
        self._rows = np.zeros(0, dtype=np.int64)  # place-table row of each counted place
        self._place_ids = np.zeros(0, dtype=np.int64)
        self._counts = np.zeros(0, dtype=np.int64)  # events at each counted place
        self._types = np.zeros(0, dtype=np.int16)  # the commonest type there
        self._type_names: tuple[str, ...] = ()
        self._stale = True  # counted while hidden: count again when shown
        self._selected_places = np.zeros(0, dtype=np.int64)
        self._tips: dict[int, str] = {}  # a mark's tooltip, by id(mark), while it is drawn
        self._base: QPixmap | None = None
        self._press: QPointF | None = None
        self._drag_view: Viewport | None = None
        self._box: QRectF | None = None
        self._fitted = False
        self._moved = False  # by the analyst: a resize no longer fits the marks again
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(200, 160)
        self.setAccessibleName("Map of the events shown")

    # -- what is shown -------------------------------------------------------------------------
    def set_query(self, query: EventQuery) -> None:
        self.query = query
        self.refresh()

    def set_span(self, span: TimeSpan) -> None:
        if span != self.span:
            self.span = span
            self.refresh()

    def set_selected(self, ids: np.ndarray | list[int]) -> None:
        self._selected_places = self.library.places_of(ids)
        self.update()

    def refresh(self) -> None:
        """Count the events by place again (the filters, the range or the store changed); a
        hidden map only notes that it must."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        counts = self.library.places(self.query, self.span)
        table = self.library.place_table()
        rows = table.rows_of(counts.ids)
        on = rows >= 0
        self._rows = rows[on]
        self._place_ids = counts.ids[on]
        self._counts = counts.counts[on]
        self._types = counts.types[on]
        self._type_names = counts.type_names
        unplaced = counts.unplaced + int(counts.counts[~on].sum())
        self.countsChanged.emit(int(self._counts.sum()), unplaced)
        if not self._fitted and self._counts.size:
            self._fitted = True
            self.fit()
            return
        self._layout()

    def _layout(self) -> None:
        table = self.library.place_table()
        self.marks = gather(
            self.view,
            table.lon[self._rows],
            table.lat[self._rows],
            self._counts,
            self._types,
            self._type_names,
        )
        self._tips = {}
        self.update()

    # -- the view ------------------------------------------------------------------------------
    def set_view(self, view: Viewport) -> None:
        if view != self.view:
            self.view = view
            self._base = None
            self._layout()

    def fit(self) -> None:
        """Show every mark (the world when there is none)."""
        table = self.library.place_table()
        if not self._rows.size:
            self.set_view(self.view.fitted(-58, -170, 78, 180))
            return
        lat, lon = table.lat[self._rows], table.lon[self._rows]
        self.set_view(
            self.view.fitted(float(lat.min()), float(lon.min()), float(lat.max()), float(lon.max()))
        )

    def zoom(self, factor: float) -> None:
        self.set_view(self.view.zoomed(factor))

    # -- painting ------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        self.view = self.view.resized(self.width(), self.height())
        self._base = None
        if self._fitted and not self._moved:
            self.fit()
        else:
            self._layout()
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _outlines(self) -> QPixmap:
        if self._base is None or self._base.size() != self.size():
            ratio = self.devicePixelRatioF()
            pixmap = QPixmap(int(self.width() * ratio), int(self.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(SEA)
            p = QPainter(pixmap)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            v = self.view
            k, a = v.scale, v.scale * v.aspect
            for shift in (-360.0, 0.0, 360.0):  # the world again either side of the date line
                p.setTransform(
                    QTransform(
                        k, 0, 0, a, v.width / 2 - (v.lon - shift) * k, v.height / 2 + v.lat * a
                    )
                )
                pen = QPen(BORDER, 0)  # cosmetic: one pixel at every zoom
                p.setPen(pen)
                p.setBrush(LAND)
                p.drawPath(world_outlines())
            p.end()
            self._base = pixmap
        return self._base

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.drawPixmap(0, 0, self._outlines())
        chosen = set(self._selected_places.tolist()) if self._selected_places.size else set()
        ratio = self.devicePixelRatioF()
        for mark in self.marks:
            r = round(mark.radius * 2) / 2  # sprites by half pixels
            sprite = _sprite(type_colour(mark.type).name(), r, ratio)
            half = sprite.width() / ratio / 2
            p.drawPixmap(QPointF(mark.x - half, mark.y - half), sprite)
            if chosen and chosen.intersection(self._place_ids[mark.places].tolist()):
                ring = _sprite(RING.name(), r + 3, ratio, ring=True)
                half = ring.width() / ratio / 2
                p.drawPixmap(QPointF(mark.x - half, mark.y - half), ring)
            if r >= 9:
                p.setPen(QColor("white"))
                p.drawText(
                    QRectF(mark.x - r, mark.y - r, 2 * r, 2 * r),
                    Qt.AlignmentFlag.AlignCenter,
                    _short(mark.count),
                )
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._box is not None:
            p.setPen(QPen(QColor("#1e88e5"), 1.5, Qt.PenStyle.DashLine))
            p.setBrush(QColor(30, 136, 229, 40))
            p.drawRect(self._box)
        p.end()

    # -- pointer and keys ----------------------------------------------------------------------
    def describe(self, mark: Mark) -> str:
        """What a mark holds, for its tooltip: its places, busiest first."""
        table = self.library.place_table()
        rows = self._rows[mark.places]
        counts = self._counts[mark.places]
        order = np.argsort(-counts, kind="stable")[:8]
        head = f"{mark.count:,} events"
        if mark.count <= INCIDENTS_TOLD:  # how many happenings they tell, where cheap to ask
            ids = self.library.events_at(self.query, self.span, self._place_ids[mark.places])
            told = self.library.incidents_of(ids.tolist())
            happenings = len({told[i][0] for i in told}) + (len(ids) - len(told))
            if happenings < len(ids):
                head += f" telling {happenings:,} incident{'' if happenings == 1 else 's'}"
        lines = [f"{head} · mostly {type_label(mark.type)}"]
        for i in order.tolist():
            name, within = table.names[rows[i]], table.within[rows[i]]
            where = f" ({within})" if within else ""
            lines.append(f"{name}{where}: {int(counts[i]):,}")
        if len(mark.places) > len(order):
            lines.append(f"… and {len(mark.places) - len(order)} more places")
        return "\n".join(lines)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._press = event.position()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._box = QRectF(self._press, self._press)
        else:
            self._drag_view = self.view
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._press is None:
            mark = hit(self.marks, pos.x(), pos.y())
            tip = ""
            if mark is not None:  # asked once per mark, not at every move over it
                if id(mark) not in self._tips:
                    self._tips[id(mark)] = self.describe(mark)
                tip = self._tips[id(mark)]
            if tip:
                QToolTip.showText(event.globalPosition().toPoint(), tip, self)
            else:
                QToolTip.hideText()
            return
        if self._box is not None:
            self._box = QRectF(self._press, pos).normalized()
            self.update()
        elif self._drag_view is not None:
            self._moved = True
            moved = self._drag_view.panned(pos.x() - self._press.x(), pos.y() - self._press.y())
            self.set_view(moved)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        pos, press = event.position(), self._press
        moved = abs(pos.x() - press.x()) + abs(pos.y() - press.y()) > CLICK_SLOP
        box, self._box, self._press, self._drag_view = self._box, None, None, None
        self.unsetCursor()
        if box is not None and moved:
            self.areaChosen.emit(self.view.box(press.x(), press.y(), pos.x(), pos.y()))
        elif not moved:
            self.click(pos.x(), pos.y())
        self.update()

    def click(self, x: float, y: float) -> np.ndarray:
        """Choose the events of the mark at (x, y); returns their ids (none: no mark)."""
        mark = hit(self.marks, x, y)
        if mark is None:
            return np.zeros(0, dtype=np.int64)
        ids = self.library.events_at(self.query, self.span, self._place_ids[mark.places])
        self.eventsChosen.emit(ids)
        return ids

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self._moved = True
            pos = event.position()
            self.set_view(self.view.zoomed(1.25**steps, pos.x(), pos.y()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Home:
            self.fit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom(0.8)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = 60.0
            dx = {Qt.Key.Key_Left: step, Qt.Key.Key_Right: -step}.get(key, 0.0)
            dy = {Qt.Key.Key_Up: step, Qt.Key.Key_Down: -step}.get(key, 0.0)
            self.set_view(self.view.panned(dx, dy))
        else:
            super().keyPressEvent(event)


@lru_cache(maxsize=512)
def _sprite(colour: str, radius: float, ratio: float, ring: bool = False) -> QPixmap:
    """A mark drawn once, smooth, for every place it stands at: a filled circle of the type's
    colour (or the selection's ring), as a pixmap the paint only copies."""
    side = int((2 * radius + 4) * ratio) + 1
    pixmap = QPixmap(side, side)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    centre = QPointF(side / ratio / 2, side / ratio / 2)
    fill = QColor(colour)
    if ring:
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(fill, 2.5))
    else:
        fill.setAlpha(200)
        p.setPen(QPen(fill.darker(140), 1))
        p.setBrush(fill)
    p.drawEllipse(centre, radius, radius)
    p.end()
    return pixmap


def _short(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f}M"
    if count >= 10_000:
        return f"{count // 1000}k"
    if count >= 1000:
        return f"{count / 1000:.1f}k"
    return str(count)


class MapPane(QWidget):
    """The map with, under it, how many events it shows and how many have no place."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.map = MapView(library)
        self.note = QLabel()
        self.note.setObjectName("mapNote")
        self.note.setStyleSheet("color: #546e7a")
        self.note.setWordWrap(True)  # a narrow map is not held wide by its note
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.map, 1)
        layout.addWidget(self.note)
        self.map.countsChanged.connect(self._counts)

    def _counts(self, placed: int, unplaced: int) -> None:
        self.note.setText(
            f"{placed:,} events on the map · {unplaced:,} without a place with coordinates"
            " · Shift-drag: filter to an area"
        )
