"""Event CSV at a million rows: SQLite reads the cells, Arrow completes and writes them, in
child processes.

SQLite reads each event's own cells, in the events table's own order; ADBC hands them over as
Arrow record batches, which are filed by output position into buckets on disk; each bucket is
put in order in memory, given the cells its events share with others (their document's, their
incident's, their place's, their type's codes: looked up once per key) and written by Arrow's
CSV writer. No Python object is made
per row and memory stays bounded, so a million events take seconds. A large export is cut in
two halves written by two children at once, so both cores work.

ADBC's SQLite driver carries its own copy of SQLite. Two copies of SQLite in one process undo
each other's POSIX file locks (https://www.sqlite.org/howtocorrupt.html, section 2.2.1), which
here crashed the app with a bus error. So ADBC is imported only by :func:`main`, which runs as
``python -m store.event_csv`` in a process of its own; the app reads nothing but this module's
plain code and constants.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

import numpy as np

from store.type_codes import CODE_COLUMNS, codes_of

EVENT_COLUMNS = (
    "id",
    "type",
    "acled_event_type",
    "acled_sub_event_type",
    "cameo_root",
    "date_value",
    "granularity",
    "date_start",
    "date_end",
    "date_inferred",
    "date_text",
    "date_source",
    "summary",
    "entities",
    "evidence",
    "confidence",
    "origin",
    "document_title",
    "document_path",
    "document_published",
    "page",
    "span_start",
    "span_end",
    "source_id",
    "source_type",
    "fatalities",
    "incident_id",
    "incident_sources",
    "latitude",
    "longitude",
)

# What SQLite reads per event, in the events table's own order: its own cells as stored (the
# evidence cut from its passage), with the keys of the cells every event of a document, an
# incident or a place shares. Those are looked up once per key and joined in Arrow
# (:func:`_cells`), which takes a third less time than SQLite building every cell of every
# row. Nullable keys are coalesced so that Arrow sees one type per column in every batch.
_EVENTS_SQL = """SELECT events.id AS id, events.type AS type,
    events.acled_sub_event AS sub_event, events.date_value AS date_value,
    events.granularity AS granularity,
    coalesce(events.date_start, '') AS date_start, coalesce(events.date_end, '') AS date_end,
    events.date_inferred AS date_inferred, events.date_text AS date_text,
    events.date_source AS date_source, events.summary AS summary,
    events.entity_labels AS entities,
    CASE WHEN passages.id IS NOT NULL AND events.span_start >= passages.start
              AND events.span_end <= passages."end"
         THEN substr(passages.text, events.span_start - passages.start + 1,
                     events.span_end - events.span_start)
         ELSE (SELECT substr(documents.text, events.span_start + 1,
                             events.span_end - events.span_start)
               FROM documents WHERE documents.id = events.document_id)
    END AS evidence,
    CAST(round(events.confidence, 3) AS TEXT) AS confidence, events.origin AS origin,
    events.document_id AS document_id, coalesce(passages.page, -1) AS page,
    events.span_start AS span_start, events.span_end AS span_end,
    events.source_id AS source_id, events.source_type AS source_type,
    coalesce(events.fatalities, -1) AS fatalities,
    coalesce(events.incident_id, 0) AS incident_id,
    coalesce(events.place_id, 0) AS place_id, chosen.pos AS pos
FROM {source}
LEFT JOIN passages ON passages.id = events.passage_id"""
# The shared cells, by key: the keys met are put in temp.wanted first.
_DOCUMENTS_SQL = """SELECT documents.id, documents.title, coalesce(documents.path, ''),
    coalesce(documents.published, '') FROM temp.wanted CROSS JOIN documents
    ON documents.id = wanted.id"""
_INCIDENTS_SQL = """SELECT incidents.id, CAST(coalesce(incidents.sources, 1) AS TEXT)
    FROM temp.wanted CROSS JOIN incidents ON incidents.id = wanted.id"""
_PLACES_SQL = """SELECT entities.id, coalesce(CAST(entities.latitude AS TEXT), ''),
    coalesce(CAST(entities.longitude AS TEXT), '')
    FROM temp.wanted CROSS JOIN entities ON entities.id = wanted.id"""
# Many events: read the events table in its own order (the rows are put in order after), as
# looking each event up in the order asked for reads the file at random. Few: look them up.
_SCAN = "events CROSS JOIN temp.chosen AS chosen ON chosen.id = events.id"
_LOOKUP = "temp.chosen AS chosen CROSS JOIN events ON events.id = chosen.id"
# Text cells that may start like a formula (FORMULA_START).
NEUTRALISED = frozenset(
    {
        "type",
        "date_value",
        "date_text",
        "summary",
        "entities",
        "evidence",
        "origin",
        "document_title",
        "document_path",
        "source_id",
        "source_type",
    }
)
# What a spreadsheet reads as the start of a formula; such cells get a leading quote here and
# in export.neutralise (the row-by-row record).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_RE = "^[" + "".join(f"\\x{ord(c):02x}" for c in FORMULA_START) + "]"
BATCH_ROWS = 16384  # rows per Arrow batch read from SQLite
BUCKET_ROWS = 16_384  # rows put in order in memory at a time (about 10 MB of cells)
_CLOSED = 3  # the child's exit status when the output was closed under it
SPLIT_AT = 50_000  # rows from which two children write the two halves at once


class _Child:
    """A child process writing ``ids[start:stop]`` to ``out``, reporting rows as it goes."""

    def __init__(
        self, database: Path, ids_file: Path, span: tuple[int, int], out: Path | int, scan: bool
    ) -> None:
        self.out = out  # a file to append later, or a descriptor the child writes to itself
        self.written = 0
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by finish() or stop()
        root = str(Path(__file__).resolve().parents[1])
        paths = [root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths))
        # The child's own standard output carries its progress, so a descriptor it is to
        # write to (which may be our standard output) goes to it under a number of its own.
        lent = os.dup(out) if isinstance(out, int) else None
        target = f"fd:{lent}" if lent is not None else str(out)
        sizes = [str(BATCH_ROWS), str(BUCKET_ROWS)]
        args = [str(database), str(ids_file), *map(str, span), target, *sizes]
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "store.event_csv", *args, "scan" if scan else "look"],
                pass_fds=(lent,) if lent is not None else (),
                stdout=subprocess.PIPE,
                stderr=self.errors,
                env=env,
            )
        finally:
            if lent is not None:
                os.close(lent)
        self._reader = threading.Thread(target=self._read_progress, daemon=True)
        self._reader.start()

    def _read_progress(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.strip().isdigit():
                self.written = int(line)

    def finish(self) -> None:
        """Wait for the child; raise with its last line of error output if it failed."""
        code = self.process.wait()
        self._reader.join()
        self.errors.seek(0)
        lines = self.errors.read().decode("utf-8", "replace").strip().splitlines()
        self.errors.close()
        if code == _CLOSED:
            raise BrokenPipeError("the reader of the CSV closed it")
        if code != 0:
            raise RuntimeError(lines[-1] if lines else f"CSV writer exited with status {code}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._reader.join()
        self.errors.close()


def _descriptor(out: IO[bytes]) -> int | None:
    """``out``'s file descriptor, flushed, if a child process can write to it directly."""
    if os.name != "posix":
        return None
    try:
        fd = out.fileno()
    except (AttributeError, OSError, ValueError):
        return None
    out.flush()
    return fd


def _append(out: IO[bytes], part: Path) -> None:
    """Copy the file ``part`` to the end of ``out``, in the kernel where ``out`` is a file."""
    with part.open("rb") as source:
        target = _descriptor(out)
        if target is None:
            while chunk := source.read(1 << 20):
                out.write(chunk)
            return
        size, done = part.stat().st_size, 0
        while done < size:
            done += os.sendfile(target, source.fileno(), done, size - done)


def write_rows(
    database: Path,
    ids: np.ndarray,
    total_events: int,
    out: IO[bytes],
    *,
    progress: Callable[[int], bool] | None = None,
) -> int:
    """Write the CSV rows (no header) of ``ids``, in that order, to ``out``. Returns rows
    written; ``progress(n)`` returning False stops the children (what the first had written
    to a file ``out`` stays; the caller discards the file).

    The first child writes straight to ``out`` where it is a file; the others write their
    parts in a temporary folder, appended to ``out`` once the first is done."""
    if ids.size == 0:
        return 0
    cuts = [0, ids.size // 2, ids.size] if ids.size >= SPLIT_AT else [0, ids.size]
    direct = _descriptor(out)
    with tempfile.TemporaryDirectory(prefix="chronolens-export-") as tmp:
        ids_file = Path(tmp) / "ids.npy"
        np.save(ids_file, ids)
        children: list[_Child] = []
        try:
            for i, span in enumerate(itertools.pairwise(cuts)):
                scan = (span[1] - span[0]) * 16 > total_events
                target = direct if i == 0 and direct is not None else Path(tmp) / f"{i}.csv"
                children.append(_Child(database, ids_file, span, target, scan))
            while any(c.process.poll() is None for c in children):
                if progress is not None and not progress(sum(c.written for c in children)):
                    for child in children:
                        child.stop()
                    return 0
                time.sleep(0.05)
            for child in children:
                child.finish()
        except BaseException:
            for child in children:
                child.stop()
            raise
        for child in children:
            if isinstance(child.out, Path):
                _append(out, child.out)
    written = sum(c.written for c in children)
    if progress is not None:
        progress(written)
    return written


# -- the child process ------------------------------------------------------------------------
def _write_part(
    database: Path,
    ids: np.ndarray,
    out: Path | int,
    batch_rows: int,
    bucket_rows: int,
    scan: bool,
    spill: Path,
) -> None:
    """Write the rows of ``ids`` in that order: read the events' cells in the table's own order,
    file them by position into buckets of ``bucket_rows`` (Arrow IPC files under ``spill``),
    look up the cells they share by document, incident and place, then sort each bucket in
    memory, complete its cells and write it as CSV. Prints rows done, half a row for each row
    read and half for each written; the last line is the rows written."""
    import adbc_driver_sqlite.dbapi as adbc_sqlite
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    def shared(cur: adbc_sqlite.Cursor, sql: str, keys: set[int]) -> tuple[np.ndarray, pa.Table]:
        """The cells of ``sql`` for ``keys``, with their keys sorted."""
        wanted = pa.table({"id": np.fromiter(keys, dtype=np.int64, count=len(keys))})
        cur.execute("DELETE FROM temp.wanted")
        cur.adbc_ingest("wanted", wanted, mode="append", temporary=True)
        cur.execute(sql)
        table = cur.fetch_arrow_table().combine_chunks()
        if table.num_rows == 0:
            return np.zeros(0, dtype=np.int64), table
        order = np.argsort(table.column(0).to_numpy(), kind="stable")
        table = table.take(pa.array(order))
        return table.column(0).to_numpy(), table

    def looked_up(
        keys: pa.ChunkedArray, found: tuple[np.ndarray, pa.Table], column: int, default: str
    ) -> pa.Array:
        """The cells of ``column`` of ``found`` for ``keys``, ``default`` for keys not there."""
        sorted_keys, table = found
        wanted = keys.to_numpy()
        if not sorted_keys.size:
            return pa.array(np.full(wanted.size, default, dtype=object), type=pa.string())
        at = np.minimum(np.searchsorted(sorted_keys, wanted), sorted_keys.size - 1)
        missing = sorted_keys[at] != wanted
        cells = table.column(column).take(pa.array(at, mask=missing))
        return pc.fill_null(cells, default)

    def text_or_blank(column: pa.ChunkedArray, blank: int) -> pa.Array:
        """An integer column as text, '' where it holds ``blank``."""
        return pc.if_else(pc.equal(column, blank), "", pc.cast(column, pa.string()))

    def one_line(column: pa.ChunkedArray) -> pa.ChunkedArray:
        """The evidence sentence on one line, as export.one_line writes it."""
        if not pc.any(pc.match_substring_regex(column, "[\r\n]")).as_py():
            return column
        for end in ("\r\n", "\n", "\r"):
            column = pc.replace_substring(column, end, " ")
        return column

    def cells(table: pa.Table) -> pa.Table:
        """The export's columns of the events' cells, in EVENT_COLUMNS' order."""
        pairs = pc.binary_join_element_wise(table.column("type"), table.column("sub_event"), "\x1f")
        kinds = pc.unique(pairs)
        coded = [codes_of(*k.split("\x1f", 1)).as_dict() for k in kinds.to_pylist()]
        at = pc.index_in(pairs, value_set=kinds)
        incident = table.column("incident_id")
        made = {
            "date_inferred": pc.if_else(
                pc.not_equal(table.column("date_inferred"), 0), "true", "false"
            ),
            "evidence": one_line(table.column("evidence")),
            "document_title": looked_up(table.column("document_id"), documents, 1, ""),
            "document_path": looked_up(table.column("document_id"), documents, 2, ""),
            "document_published": looked_up(table.column("document_id"), documents, 3, ""),
            "page": text_or_blank(table.column("page"), -1),
            "fatalities": text_or_blank(table.column("fatalities"), -1),
            "incident_id": text_or_blank(incident, 0),
            "incident_sources": looked_up(incident, incidents, 1, "1"),
            "latitude": looked_up(table.column("place_id"), places, 1, ""),
            "longitude": looked_up(table.column("place_id"), places, 2, ""),
        }
        for name in CODE_COLUMNS:
            made[name] = pa.array([c[name] for c in coded], type=pa.string()).take(at)
        columns = []
        for name in EVENT_COLUMNS:
            column = made[name] if name in made else table.column(name)
            if name in NEUTRALISED:
                formula = pc.match_substring_regex(column, _FORMULA_RE)
                if pc.any(formula).as_py():
                    quoted = pc.binary_join_element_wise("'", column, "")
                    column = pc.if_else(formula, quoted, column)
            columns.append(column)
        return pa.table(columns, names=list(EVENT_COLUMNS))

    # The system allocator hands freed batches back; Arrow's default pool keeps them, which
    # raised the child's peak memory by a third and made it no faster.
    pa.set_memory_pool(pa.system_memory_pool())
    by_id = np.argsort(ids, kind="stable")
    chosen = pa.table({"id": ids[by_id], "pos": by_id})
    n_buckets = max(1, -(-ids.size // bucket_rows))
    buckets = [spill / f"{k}.arrow" for k in range(n_buckets)]
    writers: list[pa.ipc.RecordBatchStreamWriter | None] = [None] * n_buckets
    uri = database.resolve().as_uri() + "?mode=ro"
    read = 0
    keys: dict[str, set[int]] = {"document_id": set(), "incident_id": set(), "place_id": set()}
    spill.mkdir(parents=True, exist_ok=True)
    with adbc_sqlite.connect(uri) as conn, conn.cursor() as cur:
        cur.execute("CREATE TEMP TABLE chosen (id INTEGER PRIMARY KEY, pos INTEGER NOT NULL)")
        cur.execute("CREATE TEMP TABLE wanted (id INTEGER PRIMARY KEY)")
        cur.adbc_ingest("chosen", chosen, mode="append", temporary=True)
        cur.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": str(batch_rows)})
        cur.execute(_EVENTS_SQL.format(source=_SCAN if scan else _LOOKUP))
        for batch in cur.fetch_record_batch():
            for name, seen in keys.items():
                seen.update(np.unique(batch.column(name).to_numpy()).tolist())
            bucket = batch.column("pos").to_numpy() // bucket_rows
            order = np.argsort(bucket, kind="stable")
            grouped = batch.take(pa.array(order))
            counts = np.bincount(bucket, minlength=n_buckets)
            start = 0
            for k in np.flatnonzero(counts):
                part = grouped.slice(start, int(counts[k]))
                start += int(counts[k])
                writer = writers[k]
                if writer is None:
                    writer = writers[k] = pa.ipc.new_stream(str(buckets[k]), batch.schema)
                writer.write_batch(part)
            read += batch.num_rows
            print(read // 2, flush=True)
        documents = shared(cur, _DOCUMENTS_SQL, keys["document_id"])
        incidents = shared(cur, _INCIDENTS_SQL, keys["incident_id"] - {0})
        places = shared(cur, _PLACES_SQL, keys["place_id"] - {0})
    for writer in writers:
        if writer is not None:
            writer.close()

    options = pacsv.WriteOptions(include_header=False, eol="\r\n")
    written = 0
    with out.open("wb") if isinstance(out, Path) else os.fdopen(out, "wb") as sink:
        csv_writer: pacsv.CSVWriter | None = None
        for k, path in enumerate(buckets):
            if writers[k] is None:
                continue
            with pa.ipc.open_stream(str(path)) as stream:
                table = stream.read_all()
            path.unlink()
            rows = cells(table.take(pc.sort_indices(table.column("pos"))))
            if csv_writer is None:
                csv_writer = pacsv.CSVWriter(sink, rows.schema, write_options=options)
            csv_writer.write_table(rows)
            written += rows.num_rows
            print((read + written) // 2, flush=True)
        if csv_writer is not None:
            csv_writer.close()
    print(written, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m store.event_csv")
    for name in ("database", "ids", "start", "stop", "out", "batch_rows", "bucket_rows", "access"):
        parser.add_argument(name)
    args = parser.parse_args(argv)
    ids = np.load(args.ids, mmap_mode="r")[int(args.start) : int(args.stop)]
    try:
        _write_part(
            Path(args.database),
            np.ascontiguousarray(ids, dtype=np.int64),
            int(args.out[3:]) if args.out.startswith("fd:") else Path(args.out),
            int(args.batch_rows),
            int(args.bucket_rows),
            args.access == "scan",
            Path(args.ids).parent / f"buckets-{args.start}",
        )
    except BrokenPipeError:  # the CSV went to a pipe whose reader stopped (``| head``)
        return _CLOSED
    return 0


if __name__ == "__main__":
    sys.exit(main())
