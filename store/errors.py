"""What went wrong, said in one line, with the traceback kept in a log file for whoever
needs it (``$CHRONOLENS_LOG_DIR``, else the user log folder)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import traceback
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from store.db import StoreError

ENV_LOG_DIR = "CHRONOLENS_LOG_DIR"


def log_path() -> Path:
    folder = os.environ.get(ENV_LOG_DIR)
    if not folder:
        from platformdirs import user_log_dir

        folder = user_log_dir("chronolens", appauthor=False)
    return Path(folder) / "chronolens.log"


def log_exception(exc: BaseException, context: str) -> Path | None:
    """Append ``exc``'s traceback to the log; the log's path, or None if it cannot be written."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} {context}\n")
            log.write("".join(traceback.format_exception(exc)))
    except OSError:
        return None
    return path


def one_line(exc: BaseException) -> str:
    """A plain reason: ours as it is, a read-only or locked store in words, else the
    exception's class and the first line of its message."""
    if isinstance(exc, StoreError):
        return str(exc)
    cause = exc.orig if isinstance(exc, DBAPIError) else exc
    message = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
    if isinstance(cause, sqlite3.OperationalError):
        if "readonly" in message:
            return "the store is read-only: nothing was changed"
        if "locked" in message or "busy" in message:
            return "the store is busy with another import or window; try again"
        if "disk" in message and "full" in message:
            return "the disk is full: nothing was changed"
    if isinstance(exc, MemoryError):
        return "out of memory"
    name = type(cause).__name__
    return f"{name}: {message}" if message else name
