"""Writing the small texts a test imports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.db import Store


def write(folder: Path, name: str, text: str) -> Path:
    """``text`` as the UTF-8 file ``name`` in ``folder``."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def imported(folder: Path, name: str, text: str) -> Store:
    """A new store in ``folder`` holding the file ``name`` of ``text``, imported as the
    command line imports it."""
    from importers.pipeline import ImportOptions, import_paths
    from store.db import open_store

    opened = open_store(folder / "s.sqlite3")
    import_paths(opened, [str(write(folder, name, text))], ImportOptions())
    return opened
