"""The day a document was written, given by the analyst.

A text file says nothing of when it was written, so a folder of saved news articles imports
with its "on Sunday" and "last week" undated: a date is never invented. The analyst who knows
the day gives it, and the document is read again from its stored text against that day, as a
re-import reads it: the machine's events and names are made anew, the analyst's own events,
edits and rejections stand, and its reports are matched to incidents again. Undoing gives the
document back the dating it had (its file's metadata, or the text's own date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from importers.pipeline import FileOutcome, build_document, save_documents
from importers.readers import ReadResult
from importers.ticks import Tick, no_tick
from store.curation import CurationError
from store.datasets import LAYOUT_FORMATS
from store.db import Store
from store.models import Document, Passage


@dataclass(frozen=True)
class Dating:
    """What a document's reading was dated by: the analyst's day, else its file's metadata or
    the day the file was made (a PDF's); all None where the text alone dates it."""

    document_id: int
    given: dt.date | None = None
    metadata: dt.date | None = None
    created: dt.date | None = None


def dating_of(store: Store, document_id: int) -> Dating:
    """How ``document_id`` is dated now; CurationError if it is gone or is a data set's."""
    with store.session() as s:
        doc = s.get(Document, document_id)
        if doc is None:
            raise CurationError(f"document {document_id} no longer exists")
        if doc.format in LAYOUT_FORMATS.values():
            raise CurationError("a data set's rows carry their own dates; it has no one date")
        return Dating(
            document_id,
            given=doc.reference_date if doc.reference_source == "option" else None,
            metadata=doc.published if doc.published_source == "metadata" else None,
            created=doc.reference_date if doc.reference_source == "file created" else None,
        )


def redate(store: Store, dating: Dating, tick: Tick = no_tick) -> FileOutcome:
    """Read the document again as ``dating`` says (``given`` is the analyst's day) and store
    that reading; returns its outcome, with the document's new event count."""
    with store.session() as s:
        doc = s.get(Document, dating.document_id)
        if doc is None:
            raise CurationError(f"document {dating.document_id} no longer exists")
        pages = [
            (p.start, p.end, p.page)
            for p in s.scalars(
                select(Passage).where(Passage.document_id == doc.id).order_by(Passage.start)
            )
            if p.page is not None
        ]
        read = ReadResult(
            text=doc.text,
            title=doc.title,
            published=dating.metadata,
            created=dating.created,
            url=doc.url,
            format=doc.format,
            pages=pages or None,
        )
        path, shown = doc.path, doc.path or doc.title
    built = build_document(read, path=path, option=dating.given, tick=tick)
    outcome = FileOutcome(shown, "unchanged")
    statuses = save_documents(store, [built], outcome, redated=True)
    outcome.status = "replaced" if "replaced" in statuses else "unchanged"
    return outcome
