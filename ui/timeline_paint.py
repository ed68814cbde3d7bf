"""Painting the timeline: the date axis, the lanes, the event marks (a diamond for a day, a
bar for a longer span, dashed when the date is inferred) and the density bins shown when too
many events are in view. Plain functions over a QPainter; the view decides what to paint."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen

from store.selection import POINT_GRAINS, IndexedItem
from ui.icons import type_colour, type_label
from ui.timeline_layout import Scale, ticks

AXIS_H = 28
ROW_H = 18
LANE_GAP = 8
LABEL_W = 120
LABEL_MIN_W = 60


@dataclass
class Placed:
    """An event's mark where the layout put it."""

    item: IndexedItem
    rect: QRectF


def axis(p: QPainter, scale: Scale, width: int, height: int) -> None:
    """The band of dates at the top, with a line down the view at every tick."""
    p.fillRect(QRectF(0, 0, width, AXIS_H), QColor("#eceff4"))
    font = QFont(p.font())
    font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
    p.setFont(font)
    for tick in ticks(scale):
        x = scale.x(tick.day)
        p.setPen(QPen(QColor("#c5cad3" if not tick.major else "#9aa3b2"), 1))
        p.drawLine(QPointF(x, AXIS_H - (10 if tick.major else 6)), QPointF(x, height))
        p.setPen(QColor("#2e3440" if tick.major else "#5b6475"))
        p.drawText(QPointF(x + 3, AXIS_H - 10), tick.label)


def lanes(p: QPainter, rows: Sequence[tuple[str, float, float]], width: int, mode: str) -> None:
    """Alternate bands and the lane names (a type in its colour, or an entity)."""
    for i, (lane, y, h) in enumerate(rows):
        if i % 2:
            p.fillRect(QRectF(0, y - LANE_GAP / 2, width, h + LANE_GAP), QColor("#f3f4f8"))
        label = type_label(lane) if mode == "type" else lane
        p.setPen(type_colour(lane) if mode == "type" else QColor("#3b4252"))
        p.drawText(
            QRectF(8, y, LABEL_W - 12, ROW_H),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            p.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, LABEL_W - 12),
        )


def items(
    p: QPainter,
    placed: Sequence[Placed],
    visible: QRectF,
    selected: set[int],
    summaries: dict[int, str],
    sources: dict[int, int] | None = None,
) -> None:
    """The marks inside ``visible``; a bar wide enough shows its event's summary; a mark
    standing for an incident told by several sources has their number beside it."""
    for mark in placed:
        rect = mark.rect
        if not rect.intersects(visible):
            continue
        count = (sources or {}).get(mark.item.id)
        if count:
            p.setPen(QColor("#37474f"))
            p.drawText(
                QRectF(rect.right() + 2, rect.top() - 2, 28, rect.height() + 4),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"×{count}",
            )
        colour = type_colour(mark.item.type)
        chosen = mark.item.id in selected
        pen = QPen(QColor("#1a237e") if chosen else colour.darker(130), 2 if chosen else 1)
        if mark.item.inferred:
            pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(235 if chosen else 150)
        p.setBrush(fill)
        if mark.item.granularity in POINT_GRAINS:
            p.drawPath(_diamond(rect))
            continue
        p.drawRoundedRect(rect, 3, 3)
        if rect.width() > LABEL_MIN_W:
            p.setPen(QColor("#1b1b1f"))
            text = p.fontMetrics().elidedText(
                summaries.get(mark.item.id, ""), Qt.TextElideMode.ElideRight, int(rect.width() - 8)
            )
            p.drawText(rect.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter, text)


def _diamond(rect: QRectF) -> QPainterPath:
    c, r = rect.center(), rect.height() / 2
    path = QPainterPath()
    path.moveTo(c.x(), c.y() - r)
    path.lineTo(c.x() + r, c.y())
    path.lineTo(c.x(), c.y() + r)
    path.lineTo(c.x() - r, c.y())
    path.closeSubpath()
    return path


def density(p: QPainter, bins: Sequence[int], scale: Scale, height: int) -> None:
    """One bar per bin, as tall as its share of the busiest bin."""
    if not bins:
        return
    top, bottom = AXIS_H + 10, height - 28
    peak = max(bins) or 1
    width = scale.width / len(bins)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#5c6bc0"))
    for i, n in enumerate(bins):
        if n:
            h = max(2.0, (bottom - top) * n / peak)
            p.drawRect(QRectF(scale.left + i * width, bottom - h, max(width - 1, 1), h))
    p.setPen(QColor("#3b4252"))
    p.drawText(QPointF(8, top + 12), f"{sum(bins):,} events — zoom in to see them one by one")


def undated_note(p: QPainter, count: int, width: int, height: int) -> None:
    """A line at the bottom saying how many events have no date to draw."""
    if not count:
        return
    p.setPen(QColor("#6d6d7a"))
    p.drawText(
        QRectF(8, height - 20, width - 16, 18),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        f"{count:,} undated event{'s are' if count != 1 else ' is'} listed in the table",
    )


def edges(p: QPainter, before: int, after: int, where: tuple[QRectF, QRectF]) -> None:
    """Counts of the events beyond the view, with arrows that take the view there."""
    p.setPen(QColor("#1a237e"))
    left, right = where
    if before:
        p.drawText(
            left,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"◀ {before:,} earlier",
        )
    if after:
        p.drawText(
            right, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{after:,} later ▶"
        )
    if before or after:
        p.setPen(QColor("#6d6d7a"))
        outside = before + after
        room = QRectF(left.right() + 8, left.top(), max(0.0, right.left() - left.right() - 16), 20)
        said = (
            f"{outside:,} event{'s' if outside != 1 else ''} outside the view — Home fits the bulk"
        )
        # a narrow view shortens the line rather than letting it run over the counts
        said = p.fontMetrics().elidedText(said, Qt.TextElideMode.ElideRight, int(room.width()))
        if len(said) > 4:
            p.drawText(room, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, said)


def nothing_shown(p: QPainter, active: Sequence[str], width: int, height: int) -> None:
    """What to say when the filters hide every event: which filters are in force."""
    p.setPen(QColor("#3b4252"))
    said = "; ".join(active) if active else "none"
    p.drawText(
        QRectF(20, height / 2 - 50, width - 40, 56),
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
        f"No event matches the filters.\nIn force: {said}",
    )
