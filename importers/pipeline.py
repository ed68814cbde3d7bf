"""The import pipeline: read → segment → dates → entities → events → write.

Each stage is a plain function; :func:`import_paths` runs them file by file, one transaction per
document, and reports progress (the file, and the stage within it) through a callback that may
ask to cancel, which stops even a long file part-way, before anything of it is written. A file
that fails gets a one-line reason and the others still import.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from importers.datasets import TABLE_EXTENSIONS, import_dataset
from importers.entities import FoundMention, entity_ref, extract_mentions
from importers.events import extract_events
from importers.gazetteer import coarse_places
from importers.geo import locate
from importers.readers import SUPPORTED, ReadError, ReadResult, reader_for
from importers.refdate import document_reference, fallback_reference
from importers.segment import passages as split_passages
from importers.ticks import Cancelled, Tick, no_tick
from importers.timex import Reference, tag
from store.db import Store, take_write_lock
from store.errors import log_exception, one_line
from store.incidents import match_document
from store.records import NewDocument, NewMention, NewPassage
from store.writer import save_document

EXTRACTOR_VERSION = "chronolens-rules 0.1"
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ImportOptions:
    published: dt.date | None = None
    max_bytes: int = MAX_BYTES


@dataclass
class FileOutcome:
    path: str
    status: str  # imported, replaced, unchanged, failed, cancelled
    reason: str = ""
    events: int = 0
    mentions: int = 0
    warnings: list[str] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)

    def line(self) -> str:
        """The one-line summary the CLI prints and the GUI lists: a name's line breaks,
        control and direction characters are escaped, so that no name splits or disguises
        its line."""
        path = printable(self.path)
        if self.status == "failed":
            return f"FAILED    {path}: {printable(self.reason)}"
        if self.status == "cancelled":
            return f"CANCELLED {path}: {self.reason}"
        extra = f" ({printable('; '.join(self.warnings))})" if self.warnings else ""
        if self.status == "unchanged":
            return f"unchanged {path}: already in the store{extra}"
        return f"{self.status:<9} {path}: {self.events} events, {self.mentions} mentions{extra}"


def printable(text: str) -> str:
    """``text`` with control, format (bidirectional overrides) and line-separating characters
    written as escapes (``\\n``, ``\\u202e``)."""
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf", "Zl", "Zp") or ch == "\\":
            out.append(ch.encode("unicode_escape").decode("ascii") if ch != "\\" else "\\\\")
        else:
            out.append(ch)
    return "".join(out)


@dataclass
class ImportReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    cancelled: bool = False

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def events(self) -> int:
        return sum(o.events for o in self.outcomes)

    def summary(self) -> str:
        parts = [
            f"{self.count('imported')} imported",
            f"{self.count('replaced')} replaced",
            f"{self.count('unchanged')} already present",
            f"{self.count('failed')} failed",
        ]
        tail = " (cancelled)" if self.cancelled else ""
        return f"{', '.join(parts)}; {self.events} events{tail}"


# Called with (files done, with the part done of the current one; files in all; current path;
# stage within it: "reading", "dates", "names", "events", "saving" or ""); returning False
# cancels.
Progress = Callable[[float, int, str, str], bool]
TICK_SECONDS = 0.25  # how often a long file's stages report, at most
# the share of a file's time each stage takes (measured on the 2 MB document of
# benchmarks/long_document.py)
STAGE_SHARE = {"reading": 0.01, "dates": 0.48, "names": 0.24, "events": 0.19, "saving": 0.08}
# a data set's: its ids are read first, then its rows are stored
DATASET_SHARE = {"reading": 0.1, "saving": 0.9}
# every extension an import takes: documents, and tables of event data
IMPORTABLE = tuple(sorted((*SUPPORTED, *TABLE_EXTENSIONS)))


def expand_paths(
    paths: Iterable[str | os.PathLike[str]], problems: list[FileOutcome] | None = None
) -> Iterator[Path]:
    """Files as given, and supported files inside folders (recursively, in name order). A
    sub-folder that cannot be read is added to ``problems`` as a failed line, not skipped
    silently."""

    def unreadable(error: OSError) -> None:
        if problems is not None:
            where = error.filename or ""
            problems.append(
                FileOutcome(str(where), "failed", f"cannot read folder: {error.strerror}")
            )

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root) / name
                    if child.suffix.lower() in IMPORTABLE and not name.startswith("."):
                        yield child
        else:
            yield path


def build_document(
    result: ReadResult, *, path: str | None, option: dt.date | None, tick: Tick = no_tick
) -> NewDocument:
    """Run the extraction stages over one read document (``tick`` may stop them)."""
    text = result.text
    reference = document_reference(
        text, option=option, metadata=result.published, path=path, created=result.created
    )
    timexes = tag(text, reference, tick)
    if reference is None or reference.source == "release number":
        # a release number's month never outranks a later date the text states
        stated = fallback_reference(timexes, text)
        if stated is not None and (reference is None or stated.date > reference.date):
            reference = stated
            timexes = tag(text, reference, tick)
    spans = split_passages(text)
    passages = tuple(
        NewPassage(i, s, e, text[s:e], _page_of(result, s)) for i, (s, e) in enumerate(spans)
    )
    found = extract_mentions(text, tick=tick)
    locate(text, found)
    events = extract_events(text, spans, timexes, found, reference, tick)
    published, published_source = _published(result, reference)
    return NewDocument(
        content_hash=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        text=text,
        title=result.title,
        path=path,
        url=result.url,
        format=result.format,
        published=published,
        published_source=published_source,
        reference_date=reference.date if reference else None,
        reference_source=reference.source if reference else "none",
        reference_value=reference.value if reference else "",
        passages=passages,
        events=tuple(events),
        mentions=tuple(_mentions(found, spans)),
        extractor_version=EXTRACTOR_VERSION,
    )


def _published(result: ReadResult, ref: Reference | None) -> tuple[dt.date | None, str]:
    if ref is None or ref.inferred:
        return None, "none"
    return ref.date, ref.source


def _page_of(result: ReadResult, offset: int) -> int | None:
    for start, end, page in result.pages or ():
        if start <= offset < end:
            return page
    return None


def _mentions(found: list[FoundMention], spans: list[tuple[int, int]]) -> Iterator[NewMention]:
    starts = [s for s, _ in spans]
    import bisect

    for m in found:
        ordinal = max(0, bisect.bisect_right(starts, m.start) - 1)
        ref = entity_ref(m.entity)
        yield NewMention(ref, ordinal, m.start, m.end, m.text)


def _limit(max_bytes: int) -> str:
    """The size limit in the unit it is checked in (20 MiB, not "21 MB")."""
    mib = max_bytes / (1024 * 1024)
    return f"{mib:g} MiB" if mib >= 1 else f"{max_bytes:,} bytes"


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> list[ReadResult]:
    """Read one file with its reader (a feed holds several documents), or raise ReadError.
    Only regular files are read (a FIFO would block, /dev/zero never end), and the size is
    checked on what is read, not only on what the file system says."""
    reader = reader_for(path)
    if reader is None:
        raise ReadError(f"unsupported file type {path.suffix or '(none)'!r}")
    try:
        info = path.stat()
        mode = info.st_mode
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(mode):
        kind = (
            "a named pipe (FIFO)"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "not a file"
        )
        raise ReadError(f"not a regular file: {kind}")
    try:
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        size = f"{info.st_size / (1024 * 1024):.1f} MiB is " if info.st_size > max_bytes else ""
        raise ReadError(f"too large: {size}over the {_limit(max_bytes)} limit")
    if not data:
        raise ReadError("empty file: no text to import")
    return reader(path, data)


def import_file(
    store: Store, path: Path, options: ImportOptions, tick: Tick = no_tick
) -> FileOutcome:
    shown = str(path)
    if path.suffix.lower() in TABLE_EXTENSIONS:
        return _import_table(store, path, tick)
    try:
        tick("reading", 0.0)
        results = read_file(path, options.max_bytes)
        base = str(path.resolve())
        docs = [
            build_document(
                r, path=f"{base}#{r.part}" if r.part else base, option=options.published, tick=tick
            )
            for r in results
        ]
        tick("saving", 0.0)
    except Cancelled:
        return FileOutcome(shown, "cancelled", "stopped while it was read; nothing of it saved")
    except ReadError as exc:
        return FileOutcome(shown, "failed", str(exc))
    except Exception as exc:  # any other failure is this file's, and the next file goes on
        return _failed(shown, exc, "could not read or extract")
    outcome = FileOutcome(shown, "unchanged", warnings=[w for r in results for w in r.warnings])
    try:
        statuses = save_documents(store, docs, outcome, redated=options.published is not None)
    except Exception as exc:
        return _failed(shown, exc, "could not be saved; the store is unchanged")
    # A file with any new document counts as imported, else replaced, else unchanged.
    outcome.status = next((s for s in ("imported", "replaced") if s in statuses), "unchanged")
    return outcome


def _import_table(store: Store, path: Path, tick: Tick) -> FileOutcome:
    """A table file as an event data set: one line with its counts and its bad rows."""
    shown = str(path)
    try:
        if not path.is_file():
            raise ReadError("not a regular file" if path.exists() else "cannot open: no such file")
        done = import_dataset(store, path, tick)
    except Cancelled:
        return FileOutcome(shown, "cancelled", "stopped while it was imported; nothing of it saved")
    except ReadError as exc:
        return FileOutcome(shown, "failed", str(exc))
    except Exception as exc:  # this file's failure; the next one goes on
        return _failed(shown, exc, "could not import the data set; the store is unchanged")
    result = done.result
    if result is None:
        status = "unchanged"
    elif result.updated or result.removed or result.unchanged or result.superseded:
        status = "replaced"
    else:
        status = "imported"
    outcome = FileOutcome(shown, status, events=result.events if result else 0)
    outcome.warnings = done.describe()
    if result is not None:
        outcome.document_ids.append(result.document_id)
    return outcome


def save_documents(
    store: Store, docs: list[NewDocument], outcome: FileOutcome, *, redated: bool = False
) -> set[str]:
    """Save a file's documents in one transaction; their statuses. ``redated``: the analyst
    gave their date, so a text already stored that was read against another is read again."""
    statuses = set()
    with store.session() as session, session.begin():
        take_write_lock(session)  # another import may be saving the same text
        for doc in docs:
            saved = save_document(session, doc, redated=redated)
            if saved.status != "unchanged":
                match_document(session, saved.document_id, coarse_places())
            outcome.events += saved.events
            outcome.mentions += saved.mentions
            outcome.document_ids.append(saved.document_id)
            statuses.add(saved.status)
    return statuses


def _failed(shown: str, exc: Exception, what: str) -> FileOutcome:
    """A failed line with a plain reason; the traceback goes to the log file."""
    logged = log_exception(exc, f"importing {shown}")
    where = f" (details in {logged})" if logged else ""
    return FileOutcome(shown, "failed", f"{what}: {one_line(exc)}{where}")


def import_paths(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    options: ImportOptions | None = None,
    progress: Progress | None = None,
    on_outcome: Callable[[FileOutcome], None] | None = None,
) -> ImportReport:
    """Import files and folders, one transaction a file; ``on_outcome`` hears each file's
    line as soon as it is done (the command line prints it at once)."""
    options = options or ImportOptions()
    problems: list[FileOutcome] = []
    files = list(expand_paths(paths, problems))
    report = ImportReport()
    for problem in problems:
        report.outcomes.append(problem)
        if on_outcome is not None:
            on_outcome(problem)
    for done, path in enumerate(files):
        if progress is not None and not progress(done, len(files), str(path), ""):
            report.cancelled = True
            break
        shares = DATASET_SHARE if path.suffix.lower() in TABLE_EXTENSIONS else STAGE_SHARE
        tick = _file_tick(progress, done, len(files), path, shares)
        outcome = import_file(store, path, options, tick)
        report.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
        if outcome.status == "cancelled":
            report.cancelled = True
            break
    if progress is not None and not report.cancelled:
        progress(len(files), len(files), "", "")
    return report


def _file_tick(
    progress: Progress | None,
    done: int,
    total: int,
    path: Path,
    shares: dict[str, float] = STAGE_SHARE,
) -> Tick:
    """The tick of one file's stages: reports a new stage at once and the same one at most
    every TICK_SECONDS, with the part of the file done (never less than before: the dates are
    read twice when the reference date comes from the text); raises Cancelled when
    ``progress`` says to stop."""
    if progress is None:
        return no_tick
    stages = list(shares)
    last_stage, last_at, part = "", 0.0, 0.0

    def tick(stage: str, fraction: float) -> None:
        nonlocal last_stage, last_at, part
        now = time.monotonic()
        if stage == last_stage and now - last_at < TICK_SECONDS:
            return
        before = sum(shares[s] for s in stages[: stages.index(stage)])
        part = max(part, before + shares[stage] * min(max(fraction, 0.0), 1.0))
        last_stage, last_at = stage, now
        if not progress(done + part, total, str(path), stage):
            raise Cancelled

    return tick
