"""Event data sets beside the reading: a table file recognised by its header (ACLED, UCDP GED,
GTD, or Chronolens' own export) becomes one document with an event per row.

The file is read twice as a stream: once for its rows' ids (to find an earlier export of the
same data that it updates), then row by row into the store (``store.datasets``). A row that
cannot be an event is reported with its line and skipped; the rest imports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from importers.datasets.coded import RowError, acled_row, gtd_row, ucdp_row
from importers.datasets.own import own_row
from importers.datasets.tables import ERROR, TABLE_EXTENSIONS, Table
from importers.gazetteer import coarse_places
from importers.readers.base import ReadError
from store.datasets import LAYOUT_FORMATS, has_exports, save_dataset
from store.db import Store, take_write_lock
from store.incidents import match_reading
from store.records import DatasetFile, DatasetResult, DatasetRow

__all__ = ["TABLE_EXTENSIONS", "DatasetImport", "Layout", "import_dataset", "layout_of"]


@dataclass(frozen=True)
class Layout:
    name: str
    required: frozenset[str]
    ids: tuple[str, ...]  # the id column, or those it was named in older layouts
    convert: Callable[[int, dict[str, Any]], DatasetRow]
    any_of: frozenset[str] = frozenset()  # one of these too (an id column that changed name)

    def id_column(self, keys: list[str]) -> str:
        return next(c for c in self.ids if c in keys)


LAYOUTS = (
    Layout(
        "acled",
        frozenset({"event_date", "event_type", "sub_event_type", "actor1", "location", "notes"}),
        ("event_id_cnty", "data_id"),
        acled_row,
        frozenset({"event_id_cnty", "data_id"}),
    ),
    Layout(
        "ucdp-ged",
        frozenset({"id", "type_of_violence", "side_a", "side_b", "date_start", "date_end"}),
        ("id",),
        ucdp_row,
    ),
    Layout(
        "gtd",
        frozenset({"eventid", "iyear", "imonth", "iday", "attacktype1_txt"}),
        ("eventid",),
        gtd_row,
    ),
    Layout(
        "chronolens",
        frozenset({"id", "type", "date_value", "date_start", "date_end", "entities", "evidence"}),
        ("id",),
        own_row,
    ),
)
_EXPECTED = (
    "an ACLED export (event_id_cnty, event_date, event_type, sub_event_type, actor1, notes, …), "
    "UCDP GED (id, type_of_violence, side_a, side_b, date_start, date_end, …), "
    "GTD (eventid, iyear, imonth, iday, attacktype1_txt, …) or a Chronolens event export"
)
SHOWN_PROBLEMS = 5  # bad rows named one by one in a file's line; the rest are counted


def layout_of(header: list[str]) -> Layout | None:
    have = {h.strip().lower() for h in header}
    for layout in LAYOUTS:
        if layout.required <= have and (not layout.any_of or layout.any_of & have):
            return layout
    return None


@dataclass
class DatasetImport:
    """What importing one data set file did: the store's counts and the rows skipped."""

    layout: str
    result: DatasetResult | None  # None: this very file is stored already
    rows: int = 0
    problems: list[str] = field(default_factory=list)
    skipped: int = 0
    # reports of the reading matched against the rows, and whether that was all of them
    reading: tuple[int, bool] = (0, True)

    def describe(self) -> list[str]:
        """The file's report: its counts, then the bad rows."""
        label = LAYOUT_FORMATS[self.layout]
        r = self.result
        if r is None:
            lines = [f"{label} already in the store"]
        else:
            parts = [f"{r.added:,} new"]
            parts += [
                f"{n:,} {what}"
                for n, what in (
                    (r.updated, "updated"),
                    (r.unchanged, "unchanged"),
                    (r.removed, "removed (gone from this export)"),
                    (r.kept, "kept as an analyst edited them"),
                    (r.rejected, "rejected before, left out"),
                )
                if n
            ]
            lines = [f"{label}, {self.rows:,} rows: {', '.join(parts)}"]
            if r.superseded:
                lines.append(f"replaces the earlier export {', '.join(r.superseded)}")
            looked, whole = self.reading
            if not whole:
                lines.append(
                    f"the first {looked:,} reports of the reading in its span were matched "
                    "against its rows; main.py rematch matches the rest"
                )
        if self.skipped:
            lines.append(f"{self.skipped:,} bad rows skipped")
            lines.extend(self.problems)
            if self.skipped > len(self.problems):
                lines.append(f"and {self.skipped - len(self.problems):,} more")
        return lines


def _told(ids: Iterator[str], tell: Callable[[str, float], None]) -> Iterator[str]:
    """``ids`` as they are read, with a tick now and then (their count is not known yet: a
    share that nears the end)."""
    for n, found in enumerate(ids, start=1):
        if found:
            yield found
        if n % 50_000 == 0:
            tell("reading", n / (n + 500_000))


def _measure(path: Path) -> tuple[str, int]:
    """The file's digest (what identifies this very export) and its lines, a bound on its
    rows (a cell may hold a line break), in one reading."""
    digest = hashlib.sha256(b"data set\x00")
    lines = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
            lines += chunk.count(b"\n")
    return digest.hexdigest(), lines


def import_dataset(
    store: Store, path: Path, progress: Callable[[str, float], None] | None = None
) -> DatasetImport:
    """Import the data set file ``path`` in one transaction. Raises ReadError (one line) for
    a file that is no data set this program reads; ``progress(stage, fraction)`` may raise to
    stop, and then nothing of the file is stored."""
    table = Table(path)
    layout = layout_of(table.header)
    if layout is None:
        shown = ", ".join(table.header[:6]) + (", …" if len(table.header) > 6 else "")
        raise ReadError(f"not an event data set: expected {_EXPECTED}; the header is {shown}")
    tell = progress or (lambda stage, fraction: None)
    tell("reading", 0.0)
    with store.session() as session:
        updates = has_exports(session, layout.name)
    # its ids tell which stored export this one updates
    ids = _told(table.column(layout.id_column(table.keys)), tell) if updates else iter(())
    content_hash, lines = _measure(path)
    expected = lines if table.kind != ".xlsx" else 0
    outcome = DatasetImport(layout.name, None)

    def rows() -> Iterator[DatasetRow]:
        for line, row in table.rows():
            outcome.rows += 1
            try:
                if ERROR in row:
                    raise RowError(str(row[ERROR]))
                yield layout.convert(line, row)
            except (RowError, KeyError, TypeError) as exc:
                outcome.skipped += 1
                if len(outcome.problems) < SHOWN_PROBLEMS:
                    outcome.problems.append(f"line {line}: {exc}")

    def saved(done: int) -> None:
        tell("saving", min(1.0, done / max(1, expected or done * 2)))

    file = DatasetFile(
        path=str(path.resolve()),
        layout=layout.name,
        title=path.stem,
        content_hash=content_hash,
    )
    with store.session() as session, session.begin():
        take_write_lock(session)
        outcome.result = save_dataset(session, file, ids, rows(), saved)
        if outcome.result is not None:  # the reading imported before finds its rows
            outcome.reading = match_reading(session, outcome.result.document_id, coarse_places())
    return outcome
