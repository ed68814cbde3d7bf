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
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from importers.entities import FoundMention, extract_mentions
from importers.events import extract_events
from importers.readers import SUPPORTED, ReadError, ReadResult, reader_for
from importers.refdate import document_reference, fallback_reference
from importers.segment import passages as split_passages
from importers.ticks import Cancelled, Tick, no_tick
from importers.timex import Reference, tag
from store.db import Store
from store.records import NewDocument, NewEntityRef, NewMention, NewPassage
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
        """The one-line summary the CLI prints and the GUI lists."""
        if self.status == "failed":
            return f"FAILED    {self.path}: {self.reason}"
        if self.status == "cancelled":
            return f"CANCELLED {self.path}: {self.reason}"
        extra = f" ({'; '.join(self.warnings)})" if self.warnings else ""
        if self.status == "unchanged":
            return f"unchanged {self.path}: already in the store{extra}"
        return (
            f"{self.status:<9} {self.path}: {self.events} events, {self.mentions} mentions{extra}"
        )


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


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files as given, and supported files inside folders (recursively, in name order)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root) / name
                    if child.suffix.lower() in SUPPORTED and not name.startswith("."):
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
    if reference is None:
        reference = fallback_reference(timexes, text)
        if reference is not None:
            timexes = tag(text, reference, tick)
    spans = split_passages(text)
    passages = tuple(
        NewPassage(i, s, e, text[s:e], _page_of(result, s)) for i, (s, e) in enumerate(spans)
    )
    found = extract_mentions(text, tick=tick)
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
        ref = NewEntityRef(m.entity.name, m.entity.kind, tuple(sorted(m.entity.aliases)))
        yield NewMention(ref, ordinal, m.start, m.end, m.text)


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> list[ReadResult]:
    """Read one file with its reader (a feed holds several documents), or raise ReadError."""
    reader = reader_for(path)
    if reader is None:
        raise ReadError(f"unsupported file type {path.suffix or '(none)'!r}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise ReadError(
            f"too large: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc
    if not data:
        raise ReadError("empty file: no text to import")
    return reader(path, data)


def import_file(
    store: Store, path: Path, options: ImportOptions, tick: Tick = no_tick
) -> FileOutcome:
    shown = str(path)
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
    except (RecursionError, MemoryError, ValueError) as exc:
        return FileOutcome(shown, "failed", f"could not extract: {type(exc).__name__}: {exc}")
    outcome = FileOutcome(shown, "unchanged", warnings=[w for r in results for w in r.warnings])
    statuses = set()
    with store.session() as session, session.begin():
        for doc in docs:
            saved = save_document(session, doc)
            outcome.events += saved.events
            outcome.mentions += saved.mentions
            outcome.document_ids.append(saved.document_id)
            statuses.add(saved.status)
    # A file with any new document counts as imported, else replaced, else unchanged.
    outcome.status = next((s for s in ("imported", "replaced") if s in statuses), "unchanged")
    return outcome


def import_paths(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    options = options or ImportOptions()
    files = list(expand_paths(paths))
    report = ImportReport()
    for done, path in enumerate(files):
        if progress is not None and not progress(done, len(files), str(path), ""):
            report.cancelled = True
            break
        outcome = import_file(store, path, options, _file_tick(progress, done, len(files), path))
        report.outcomes.append(outcome)
        if outcome.status == "cancelled":
            report.cancelled = True
            break
    if progress is not None and not report.cancelled:
        progress(len(files), len(files), "", "")
    return report


def _file_tick(progress: Progress | None, done: int, total: int, path: Path) -> Tick:
    """The tick of one file's stages: reports a new stage at once and the same one at most
    every TICK_SECONDS, with the part of the file done (never less than before: the dates are
    read twice when the reference date comes from the text); raises Cancelled when
    ``progress`` says to stop."""
    if progress is None:
        return no_tick
    stages = list(STAGE_SHARE)
    last_stage, last_at, part = "", 0.0, 0.0

    def tick(stage: str, fraction: float) -> None:
        nonlocal last_stage, last_at, part
        now = time.monotonic()
        if stage == last_stage and now - last_at < TICK_SECONDS:
            return
        before = sum(STAGE_SHARE[s] for s in stages[: stages.index(stage)])
        part = max(part, before + STAGE_SHARE[stage] * min(max(fraction, 0.0), 1.0))
        last_stage, last_at = stage, now
        if not progress(done + part, total, str(path), stage):
            raise Cancelled

    return tick
