"""Readers: one small module per format, chosen by file extension."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from importers.readers.base import ReadError, ReadResult
from importers.readers.text import EXTENSIONS as TEXT_EXTENSIONS
from importers.readers.text import read_text

Reader = Callable[[Path, bytes], ReadResult]

READERS: dict[str, Reader] = {ext: read_text for ext in TEXT_EXTENSIONS}
SUPPORTED = tuple(sorted(READERS))

__all__ = ["READERS", "SUPPORTED", "ReadError", "ReadResult", "reader_for"]


def reader_for(path: Path) -> Reader | None:
    return READERS.get(path.suffix.lower())
