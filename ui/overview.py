"""The density overview: all events of the current filters over their whole time range, with
a brush that shows and sets the timeline's visible range."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from store.query import EventQuery
from store.timespan import TimeSpan
from ui.library import Library
from ui.timeline_layout import Scale


class OverviewStrip(QWidget):
    rangeRequested = Signal(object)  # TimeSpan

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.query = EventQuery()
        self.whole: TimeSpan | None = None
        self.visible: TimeSpan | None = None
        self._bins: list[int] = []  # the filtered events
        self._all: list[int] = []  # every event, drawn beneath them
        self.setFixedHeight(44)
        self.setToolTip(
            "All events over time (light), the filtered ones over them (dark); "
            "click or drag to move the visible range"
        )

    def set_query(self, query: EventQuery) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        self.whole = self.library.padded_extent()
        bins = max(20, self.width() // 3)
        if self.whole is None:
            self._bins, self._all = [], []
        else:
            self._bins = self.library.density(self.query, self.whole, bins)
            self._all = self.library.density_of_all(self.whole, bins)
        self.update()

    def set_visible(self, span: TimeSpan) -> None:
        self.visible = span
        self.update()

    def _scale(self) -> Scale | None:
        return Scale(self.whole, 4, max(10, self.width() - 8)) if self.whole else None

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#eef0f5"))
        scale = self._scale()
        if scale is not None and self._all:
            peak = max(self._all) or 1  # one scale for both: the filtered part of each bar
            w = scale.width / len(self._all)
            p.setPen(Qt.PenStyle.NoPen)
            for bins, colour in ((self._all, "#c5cae9"), (self._bins, "#3f51b5")):
                p.setBrush(QColor(colour))
                for i, n in enumerate(bins):
                    if n:
                        h = max(2.0, (self.height() - 8) * n / peak)
                        p.drawRect(
                            QRectF(scale.left + i * w, self.height() - 4 - h, max(w - 0.5, 1), h)
                        )
            if self.visible is not None:
                x0, x1 = scale.x(self.visible.start), scale.x(self.visible.end)
                brush = QRectF(x0, 1, max(x1 - x0, 3), self.height() - 2)
                p.setBrush(QColor(26, 35, 126, 40))
                p.setPen(QColor("#1a237e"))
                p.drawRect(brush)
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._center_at(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._center_at(event.position())

    def _center_at(self, pos: QPointF) -> None:
        scale = self._scale()
        if scale is None or self.visible is None:
            return
        centre = scale.ordinal_at(pos.x())
        half = self.visible.days / 2
        self.rangeRequested.emit(TimeSpan.from_ordinals(centre - half, centre + half))

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self.reload()
