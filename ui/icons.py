"""Icons and colours: event types from the taxonomy, actions from qtawesome."""

from __future__ import annotations

from functools import lru_cache

import qtawesome as qta
from PySide6.QtGui import QColor, QIcon

from importers.taxonomy import EventType, load_taxonomy

HIGHLIGHT = {
    "date": QColor("#fff3b0"),
    "trigger": QColor("#ffcdd2"),
    "entity": QColor("#c8e6c9"),
    "evidence": QColor("#d6e4ff"),  # the words an analyst marked as an event
    "search": QColor("#ffb74d"),  # the words the search box found
}


def event_types() -> dict[str, EventType]:
    return load_taxonomy()


def type_colour(type_id: str) -> QColor:
    etype = load_taxonomy().get(type_id)
    return QColor(etype.colour if etype else "#9e9e9e")


def type_label(type_id: str) -> str:
    etype = load_taxonomy().get(type_id)
    return etype.label if etype else type_id.replace("_", " ").title()


@lru_cache(maxsize=64)
def type_icon(type_id: str) -> QIcon:
    etype = load_taxonomy().get(type_id)
    name = etype.icon if etype else "fa5s.circle"
    try:
        return qta.icon(name, color=type_colour(type_id).name())
    except Exception:  # an icon name the installed font lacks
        return qta.icon("fa5s.circle", color=type_colour(type_id).name())


def icon(name: str, color: str = "#37474f") -> QIcon:
    return qta.icon(name, color=color)


def app_icon() -> QIcon:
    return qta.icon("fa5s.stream", color="#3949ab")
