"""The event taxonomy (``resources/taxonomy.toml``): types, colours, icons and triggers."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class EventType:
    id: str
    label: str
    colour: str
    icon: str
    priority: int
    pattern: re.Pattern[str] | None
    # ACLED sub-events the sentence may tell, first match wins: (name, pattern)
    sub_events: tuple[tuple[str, re.Pattern[str]], ...] = ()

    def sub_event_of(self, sentence: str) -> str:
        """ACLED's sub-event type the sentence tells of an event of this type, else ''."""
        return next((name for name, p in self.sub_events if p.search(sentence)), "")


@lru_cache(maxsize=1)
def load_taxonomy() -> dict[str, EventType]:
    """Event types by id, in the file's order."""
    raw = tomllib.loads(resources.files("resources").joinpath("taxonomy.toml").read_text("utf-8"))
    types: dict[str, EventType] = {}
    for item in raw.get("type", []):
        words = sorted(set(item.get("words", [])), key=len, reverse=True)
        parts = [r"\b" + r"\s+".join(map(re.escape, w.split())) + r"\b" for w in words]
        parts += item.get("patterns", [])
        pattern = re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE) if parts else None
        types[item["id"]] = EventType(
            id=item["id"],
            label=item.get("label", item["id"].replace("_", " ").title()),
            colour=item.get("colour", "#9e9e9e"),
            icon=item.get("icon", "fa5s.circle"),
            priority=int(item.get("priority", 0)),
            pattern=pattern,
            sub_events=tuple(
                (str(sub["name"]), re.compile(sub["pattern"], re.IGNORECASE))
                for sub in item.get("sub_events", [])
            ),
        )
    return types
