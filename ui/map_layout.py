"""The map's arithmetic, apart from painting (no Qt): the projection, zoom and pan, marks
gathered into screen cells, and what lies under the pointer or inside a dragged box.

The projection is the plain one (longitude and latitude as x and y, latitude stretched by
the cosine of the view's middle latitude, so a country near the view's centre keeps its
shape). Marks are the places of the events shown: a place with many events is one mark, and
places whose marks would overlap on screen are gathered into one cell, so a million events
cost as many marks as the screen has cells.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

MAX_SCALE = 4000.0  # pixels per degree: about a town's streets
MIN_SCALE = 0.5
CELL = 28.0  # pixels: marks closer than this are gathered


@dataclass(frozen=True)
class Viewport:
    """The part of the world on screen: its centre (degrees), pixels per degree of longitude
    and the screen's size in pixels."""

    lon: float = 20.0
    lat: float = 20.0
    scale: float = 3.0
    width: float = 600.0
    height: float = 400.0

    @property
    def aspect(self) -> float:
        """Pixels per degree of latitude over those per degree of longitude."""
        return 1.0 / max(0.2, math.cos(math.radians(min(abs(self.lat), 78.0))))

    def to_screen(self, lon: np.ndarray | float, lat: np.ndarray | float) -> tuple:
        x = (np.asarray(lon) - self.lon) * self.scale + self.width / 2
        y = (self.lat - np.asarray(lat)) * self.scale * self.aspect + self.height / 2
        return x, y

    def to_geo(self, x: float, y: float) -> tuple[float, float]:
        lon = (x - self.width / 2) / self.scale + self.lon
        lat = self.lat - (y - self.height / 2) / (self.scale * self.aspect)
        return lon, lat

    def resized(self, width: float, height: float) -> Viewport:
        return replace(self, width=max(1.0, width), height=max(1.0, height))

    def panned(self, dx: float, dy: float) -> Viewport:
        """The view moved by a drag of (dx, dy) pixels: the world follows the pointer."""
        lon, lat = self.to_geo(self.width / 2 - dx, self.height / 2 - dy)
        return replace(self, lon=_wrap(lon), lat=_clamp(lat, -85, 85))

    def placing(self, lon: float, lat: float, x: float, y: float) -> Viewport:
        """The view of this scale that shows (lon, lat) at (x, y). The stretch of latitude
        depends on the centre sought, so the centre is found in a few steps."""
        centre_lat = self.lat
        for _ in range(6):
            probe = replace(self, lat=centre_lat)
            centre_lat = _clamp(lat + (y - self.height / 2) / (self.scale * probe.aspect), -85, 85)
        return replace(self, lon=_wrap(lon - (x - self.width / 2) / self.scale), lat=centre_lat)

    def zoomed(self, factor: float, x: float | None = None, y: float | None = None) -> Viewport:
        """Scale by ``factor`` keeping the point under (x, y) (the centre by default) still."""
        scale = _clamp(self.scale * factor, MIN_SCALE, MAX_SCALE)
        if x is None or y is None:
            return replace(self, scale=scale)
        lon, lat = self.to_geo(x, y)
        return replace(self, scale=scale).placing(lon, lat, x, y)

    def fitted(self, south: float, west: float, north: float, east: float) -> Viewport:
        """The view that shows the box (degrees) whole, with a margin."""
        lat = (south + north) / 2
        lon = (west + east) / 2
        probe = replace(self, lat=lat, lon=lon)
        span_lon = max(east - west, 0.5) * 1.15
        span_lat = max(north - south, 0.5) * 1.15 * probe.aspect
        scale = min(self.width / span_lon, self.height / span_lat)
        return replace(probe, scale=_clamp(scale, MIN_SCALE, MAX_SCALE))

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """The (south, west, north, east) of a rectangle dragged on screen."""
        lon0, lat0 = self.to_geo(min(x0, x1), max(y0, y1))
        lon1, lat1 = self.to_geo(max(x0, x1), min(y0, y1))
        return (
            _clamp(lat0, -90, 90),
            _clamp(lon0, -180, 180),
            _clamp(lat1, -90, 90),
            _clamp(lon1, -180, 180),
        )


def _clamp(value: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, value))


def _wrap(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0


@dataclass(frozen=True, eq=False)
class Mark:
    """One mark on screen: the places gathered in its cell (indices into the arrays given to
    :func:`gather`), how many events they hold, the commonest type among them, and where to
    draw it."""

    x: float
    y: float
    count: int
    type: str
    places: np.ndarray

    @property
    def radius(self) -> float:
        return mark_radius(self.count)


def mark_radius(count: int) -> float:
    """A mark's size grows with the log of its events: 1 → 4 px, 1,000 → 16 px, capped."""
    return min(22.0, 4.0 + 1.2 * math.log2(max(1, count)))


def gather(
    view: Viewport,
    lon: np.ndarray,
    lat: np.ndarray,
    counts: np.ndarray,
    types: np.ndarray,
    type_names: tuple[str, ...],
    cell: float = CELL,
) -> list[Mark]:
    """The marks of places at (lon, lat) holding ``counts`` events, of commonest type
    ``type_names[types[i]]``: the places on screen gathered into cells of ``cell`` pixels,
    each mark at its places' centre weighted by their events and typed by the type with
    most events; biggest last (drawn on top). Array work only: a mark per cell, whatever
    the number of places."""
    if not len(counts):
        return []
    x, y = view.to_screen(lon, lat)
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    margin = 2 * cell
    on = (x > -margin) & (x < view.width + margin) & (y > -margin) & (y < view.height + margin)
    on &= counts > 0
    idx = np.flatnonzero(on)
    if not idx.size:
        return []
    cx = np.floor(x[idx] / cell).astype(np.int64)
    cy = np.floor(y[idx] / cell).astype(np.int64)
    key = (cx - cx.min()) * (int(cy.max() - cy.min()) + 1) + (cy - cy.min())
    order = np.argsort(key, kind="stable")
    key, idx = key[order], idx[order]
    first = np.r_[True, key[1:] != key[:-1]]
    cell_of = np.cumsum(first) - 1
    n = int(cell_of[-1]) + 1
    w = counts[idx].astype(np.float64)
    total = np.bincount(cell_of, weights=w, minlength=n)
    mx = np.bincount(cell_of, weights=x[idx] * w, minlength=n) / total
    my = np.bincount(cell_of, weights=y[idx] * w, minlength=n) / total
    width = len(type_names) + 1
    code = types[idx].astype(np.int64) + 1  # -1 (no type) is column 0
    by_type = np.bincount(cell_of * width + code, weights=w, minlength=n * width)
    top = by_type.reshape(n, width).argmax(axis=1) - 1
    bounds = np.r_[np.flatnonzero(first), key.size]
    marks = [
        Mark(
            x=float(mx[c]),
            y=float(my[c]),
            count=int(total[c]),
            type=type_names[t] if t >= 0 else "",
            places=idx[bounds[c] : bounds[c + 1]],
        )
        for c, t in enumerate(top.tolist())
    ]
    marks.sort(key=lambda m: m.count)
    return marks


def hit(marks: list[Mark], x: float, y: float, slack: float = 3.0) -> Mark | None:
    """The mark under (x, y): of those whose circle (and ``slack`` pixels) holds the point,
    the one drawn on top."""
    for mark in reversed(marks):
        if (mark.x - x) ** 2 + (mark.y - y) ** 2 <= (mark.radius + slack) ** 2:
            return mark
    return None
