"""An event as the extractor drafts it, and mentions or dates found by the sentence holding them."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from importers.timex import Timex
from store.records import NewEventLink


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_S = TypeVar("_S", bound=_Spanned)


class ByStart(Generic[_S]):
    """Timexes or mentions found by the sentence that holds them: a bisection of their starts,
    where a scan of the whole document for every sentence made long reports quadratic."""

    def __init__(self, items: Sequence[_S]) -> None:
        self.items = sorted(items, key=lambda i: i.start)
        self.starts = [i.start for i in self.items]

    def within(self, start: int, end: int) -> list[_S]:
        lo, hi = bisect_left(self.starts, start), bisect_right(self.starts, end)
        return [i for i in self.items[lo:hi] if i.end <= end]


@dataclass
class Draft:
    type: str
    passage: int
    sentence: tuple[int, int]
    trigger: tuple[int, int]
    trigger_text: str
    confidence: float
    date: Timex | None = None
    date_source: str = "none"
    date_from_reference: bool = False
    links: dict[tuple[str, str, str], NewEventLink] = field(default_factory=dict)
    # where its own places are, when the sentence names other events' places too
    places: tuple[int, int] | None = None
