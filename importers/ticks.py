"""Long extraction that can be watched and stopped: each stage calls a *tick* with its name
and how far it has come (0 to 1) between chunks of its work; the caller's tick may report
progress, or raise :class:`Cancelled` to stop the stage where it stands."""

from __future__ import annotations

from collections.abc import Callable

# tick(stage, fraction of it done) -> None; raises Cancelled when the work is to stop
Tick = Callable[[str, float], None]


class Cancelled(Exception):
    """The user asked to stop; nothing of the document being read has been written."""


def no_tick(stage: str, done: float) -> None:
    """The tick of work nobody watches."""
