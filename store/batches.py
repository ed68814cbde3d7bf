"""Changes to many events at once are made batch by batch, and report after each batch to a
``Progress`` callback, which may answer False to stop: the change then raises
:class:`Cancelled` and the caller's transaction rolls back, so nothing is half done."""

from __future__ import annotations

from collections.abc import Callable

# (done, total) -> False to stop
Progress = Callable[[int, int], bool]


class Cancelled(Exception):
    """The analyst stopped a long change; the transaction is to be rolled back."""


def report(progress: Progress | None, done: int, total: int) -> None:
    """Tell ``progress`` how far the change is; raise :class:`Cancelled` if it says stop."""
    if progress is not None and not progress(done, total):
        raise Cancelled(f"stopped after {done:,} of {total:,} events")
