"""Rows of a table file (CSV, tab-separated, Excel, JSON lines) as dicts of text cells, each
with the line it starts on, read as a stream: a file of a million rows is never held whole."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from importers.readers.base import ReadError

TABLE_EXTENSIONS = (".csv", ".tsv", ".tab", ".xlsx", ".jsonl")
_SNIFF_BYTES = 4 * 1024 * 1024
ERROR = "\x00error"  # the key of a record that could not be read, with the reason
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # ACLED's notes can be long


def _encoding(path: Path) -> str:
    """UTF-8 (with or without its mark) when the file's start reads as UTF-8, else Windows'
    Latin (the GTD's CSV files are written so)."""
    with path.open("rb") as f:
        head = f.read(_SNIFF_BYTES)
    if b"\x00" in head[:4096]:
        raise ReadError("not a table: the file holds binary data")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not merely a character cut at the end of the sample
            return "cp1252"
    return "utf-8-sig"


def _delimiter(path: Path, first_line: str) -> str:
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _text(value: Any) -> str:
    """An Excel cell as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


# A workbook's XML packs ten to twenty times; far more is a zip bomb, not a table.
MAX_PACKING = 200
BOMB_FLOOR = 16 * 1024 * 1024  # below this, any packing is harmless


def _check_workbook(path: Path) -> None:
    """Refuse what is no zip, or a part that would unpack to far more than a table's XML."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as book:
            for part in book.infolist():
                packed = max(1, part.compress_size)
                if part.file_size > BOMB_FLOOR and part.file_size / packed > MAX_PACKING:
                    raise ReadError(
                        f"not a workbook: {part.filename} would unpack "
                        f"{part.file_size / packed:,.0f} times its size (a zip bomb)"
                    )
    except zipfile.BadZipFile as exc:
        raise ReadError(f"not a readable Excel workbook: {exc}") from exc


class Table:
    """A table file: its header and its rows, which may be read more than once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.kind = path.suffix.lower()
        if self.kind not in TABLE_EXTENSIONS:
            raise ReadError(f"not a table file: {path.suffix or '(no extension)'}")
        self.header: list[str] = self._header()
        # the names rows are keyed by: as written, without case or spaces around
        self.keys = [h.strip().lower() for h in self.header]

    def _header(self) -> list[str]:
        if self.kind == ".xlsx":
            for _line, cells in self._xlsx_rows():
                return [c.strip() for c in cells]
            raise ReadError("empty workbook: no header row")
        if self.kind == ".jsonl":
            for line, record in self._json_records():
                if ERROR in record:
                    raise ReadError(f"line {line}: {record[ERROR]}")
                return list(record)
            raise ReadError("empty file: no records")
        with self._open() as f:
            first = f.readline()
        if not first.strip():
            raise ReadError("empty file: no header row")
        return [
            c.strip() for c in next(csv.reader([first], delimiter=_delimiter(self.path, first)))
        ]

    def _open(self) -> IO[str]:
        return self.path.open(encoding=_encoding(self.path), errors="replace", newline="")

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(line, row) for each row under the header; a JSON record's values as they are."""
        if self.kind == ".jsonl":
            yield from self._json_records()
            return
        if self.kind == ".xlsx":
            cells = self._xlsx_rows()
            next(cells, None)
            for line, values in cells:
                yield line, dict(zip(self.keys, values, strict=False))
            return
        with self._open() as f:
            first = f.readline()
            reader = csv.reader(f, delimiter=_delimiter(self.path, first))
            line = 2
            for values in reader:
                if any(values):
                    yield line, dict(zip(self.keys, values, strict=False))
                line = reader.line_num + 2

    def column(self, name: str) -> Iterator[str]:
        """One column's cells, as :meth:`rows` would give them, without making the rows."""
        if self.kind in (".jsonl", ".xlsx"):
            for _line, row in self.rows():
                value = row.get(name)
                yield "" if value is None else str(value).strip()
            return
        index = self.keys.index(name) if name in self.keys else -1
        with self._open() as f:
            first = f.readline()
            for values in csv.reader(f, delimiter=_delimiter(self.path, first)):
                yield values[index].strip() if 0 <= index < len(values) else ""

    def _json_records(self) -> Iterator[tuple[int, dict[str, Any]]]:
        with self.path.open(encoding="utf-8-sig", errors="replace") as f:
            for line, raw in enumerate(f, start=1):
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw)
                except json.JSONDecodeError as exc:
                    record = {ERROR: f"not JSON ({exc.msg})"}
                if not isinstance(record, dict):
                    record = {ERROR: "not a JSON object"}
                yield line, {str(k).strip().lower(): v for k, v in record.items()}

    def _xlsx_rows(self) -> Iterator[tuple[int, list[str]]]:
        _check_workbook(self.path)
        try:
            from openpyxl import load_workbook

            book = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # a damaged or disguised workbook is this file's problem
            raise ReadError(f"not a readable Excel workbook: {exc}") from exc
        try:
            sheet = book.worksheets[0]
            for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_text(v) for v in values]
                if any(cells):
                    yield line, cells
        finally:
            book.close()
