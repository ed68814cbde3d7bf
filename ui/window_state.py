"""What the main window remembers between runs: its geometry, splitters, table columns and
sort, filters, the visible time span, the lane mode and whether the map shows, in the user's
QSettings."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from store.timespan import TimeSpan

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def _bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    return value if isinstance(value, QByteArray) else None


def _span(value: object) -> TimeSpan | None:
    """``2019-01-01/2020-01-01`` as saved; None for anything else."""
    try:
        a, b = str(value).split("/")
        return TimeSpan(dt.date.fromisoformat(a), dt.date.fromisoformat(b))
    except ValueError:
        return None


def restore(window: MainWindow, settings: QSettings) -> None:
    """Put the window back as it was left; a missing or damaged value keeps the default."""
    geometry = _bytes(settings, "window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        window.resize(1400, 900)
    state = _bytes(settings, "window/state")
    if state is not None:
        window.restoreState(state)
    splitters = (("main", window.main_split), ("center", window.center), ("top", window.top_split))
    for name, splitter in splitters:
        value = _bytes(settings, f"window/split_{name}")
        if value is not None:
            splitter.restoreState(value)
    columns = _bytes(settings, "table/header")
    if columns is not None:
        header = window.table.horizontalHeader()
        header.restoreState(columns)
        # restoring the indicator does not sort the rows: ask for that order too
        window.table.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())
    raw = settings.value("filters/state")
    if raw:
        with contextlib.suppress(ValueError, TypeError):
            window.filters.restore(json.loads(str(raw)))
    span = _span(settings.value("timeline/span"))
    if span is not None:
        window.timeline.span = span
    # The map shows by default where the window is wide enough to hold it beside the timeline;
    # once the analyst has shown or hidden it (View > Map), as they left it.
    shown = settings.value("map/visible")
    wide = window.width() >= 1400
    on = wide if shown is None else str(shown).lower() in ("true", "1")
    window.act_map.setChecked(on)
    window.map_pane.setVisible(on)
    if settings.value("timeline/lanes") == "entity":
        window.act_lanes.setChecked(True)
        window.timeline.lane_mode = "entity"
    if str(settings.value("table/per_incident", "false")).lower() in ("true", "1"):
        window.act_per_incident.setChecked(True)
        window.model.per_incident = True  # the first query groups


def save(window: MainWindow, settings: QSettings) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/split_main", window.main_split.saveState())
    settings.setValue("window/split_center", window.center.saveState())
    settings.setValue("window/split_top", window.top_split.saveState())
    settings.setValue("table/header", window.table.horizontalHeader().saveState())
    settings.setValue("filters/state", json.dumps(window.filters.state()))
    span = window.timeline.span
    settings.setValue("timeline/span", f"{span.start.isoformat()}/{span.end.isoformat()}")
    settings.setValue("timeline/lanes", window.timeline.lane_mode)
    settings.setValue("table/per_incident", window.model.per_incident)
    settings.sync()
