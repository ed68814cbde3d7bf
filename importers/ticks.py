"""Long extraction that can be watched and stopped: each stage calls a *tick* with its name
between chunks of its work; the caller's tick may report progress, or raise
:class:`Cancelled` to stop the stage where it stands."""

from __future__ import annotations

from collections.abc import Callable

# tick(stage) -> None; raises Cancelled when the work is to stop
Tick = Callable[[str], None]


class Cancelled(Exception):
    """The user asked to stop; nothing of the document being read has been written."""


def no_tick(stage: str) -> None:
    """The tick of work nobody watches."""
