"""Plain dataclasses that cross the store's boundary: what importers hand in, what views get."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SUMMARY_CHARS = 220


def summary_of(words: str) -> str:
    """An event's summary made from its words: on one line, cut at :data:`SUMMARY_CHARS`."""
    summary = " ".join(words.split())
    if len(summary) > SUMMARY_CHARS:
        summary = summary[: SUMMARY_CHARS - 1].rstrip() + "…"
    return summary


@dataclass(frozen=True)
class NewPassage:
    ordinal: int
    start: int
    end: int
    text: str
    page: int | None = None


@dataclass(frozen=True)
class PlaceFacts:
    """Where a place is (importers.geo): coordinates, country (ISO 3166-1 alpha-2), the
    first-level area's code, the level (country, area, town) and the places that contain it,
    most specific first."""

    latitude: float
    longitude: float
    country: str = ""
    area: str = ""
    level: str = ""
    within: str = ""


@dataclass(frozen=True)
class NewEntityRef:
    """An entity as an importer names it: canonical name, kind and the aliases it knows."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    place: PlaceFacts | None = None  # a place the gazetteer knows


@dataclass(frozen=True)
class NewMention:
    entity: NewEntityRef
    passage_ordinal: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class NewEventLink:
    entity: NewEntityRef
    role: str


@dataclass(frozen=True)
class NewEvent:
    type: str
    passage_ordinal: int
    span_start: int
    span_end: int
    summary: str
    date_start: dt.date | None
    date_end: dt.date | None
    date_value: str
    granularity: str
    date_text: str
    date_inferred: bool
    date_source: str
    date_relation: str
    date_span: tuple[int, int] | None
    trigger_span: tuple[int, int] | None
    trigger_text: str
    confidence: float
    links: tuple[NewEventLink, ...] = ()
    acled_sub_event: str = ""  # '' for the type's own


@dataclass(frozen=True)
class NewDocument:
    content_hash: str
    text: str
    title: str
    path: str | None
    url: str | None
    format: str
    published: dt.date | None
    published_source: str
    reference_date: dt.date | None
    reference_source: str
    passages: tuple[NewPassage, ...]
    events: tuple[NewEvent, ...] = ()
    mentions: tuple[NewMention, ...] = ()
    extractor_version: str = ""
    reference_value: str = ""  # the reference as precisely as it is known: "2019", "2011-06"


@dataclass(frozen=True)
class SaveResult:
    document_id: int
    status: str  # imported, unchanged, replaced
    events: int
    mentions: int


@dataclass(frozen=True)
class EventEntityRow:
    entity_id: int
    name: str
    kind: str
    role: str


@dataclass(frozen=True)
class EventRow:
    """One event as views and exporters see it."""

    id: int
    type: str
    date_value: str
    granularity: str
    date_start: dt.date | None
    date_end: dt.date | None
    date_inferred: bool
    date_text: str
    date_source: str
    summary: str
    confidence: float
    origin: str
    document_id: int
    document_title: str
    document_path: str | None
    document_published: dt.date | None
    passage_id: int | None
    page: int | None
    span_start: int
    span_end: int
    evidence: str
    entities: tuple[EventEntityRow, ...] = field(default=())
    acled_sub_event: str = ""
    source_id: str = ""  # a data set row's own id
    source_type: str = ""  # a data set row's own type
    fatalities: int | None = None
    incident_id: int | None = None  # None: an incident of its own
    incident_sources: int = 1  # the sources that report its incident
    latitude: float | None = None  # of its most specific place with coordinates
    longitude: float | None = None


@dataclass(frozen=True)
class EntityRow:
    id: int
    name: str
    kind: str
    aliases: tuple[str, ...]
    mentions: int
    events: int
    latitude: float | None = None  # a place's coordinates, where known
    longitude: float | None = None
    within: str = ""  # the places that contain it, most specific first
    country: str = ""  # a place's country, ISO 3166-1 alpha-2


@dataclass(frozen=True)
class DocumentRow:
    id: int
    title: str
    path: str | None
    url: str | None
    published: dt.date | None
    published_source: str
    reference_date: dt.date | None
    reference_source: str
    text: str
    reference_value: str = ""


@dataclass(frozen=True)
class Highlight:
    """A span to mark in a passage, in document offsets: kind is date, trigger, entity or
    evidence (the words an analyst marked as an event)."""

    start: int
    end: int
    kind: str
    label: str = ""


@dataclass(frozen=True)
class DatasetLink:
    """An entity a data set's row names, with its role; a place may carry its coordinates and
    the places that contain it, most specific first."""

    name: str
    kind: str
    role: str
    latitude: float | None = None
    longitude: float | None = None
    within: str = ""
    country: str = ""  # ISO 3166-1 alpha-2, the first-level area's code and the level, where
    area: str = ""  # the gazetteer knows the row's country and first-level area
    level: str = ""


@dataclass(frozen=True)
class DatasetRow:
    """One row of an event data set (ACLED, UCDP GED, GTD, Chronolens' own export) as an event:
    its text (the notes, summary or headline) becomes the event's passage."""

    line: int  # where the row starts in its file, for the reports
    source_id: str
    type: str
    source_type: str  # the data set's own type, as written ("Battles / Armed clash")
    date_start: dt.date | None
    date_end: dt.date | None
    date_value: str
    granularity: str
    date_text: str
    text: str
    acled_sub_event: str = ""
    summary: str = ""
    fatalities: int | None = None
    links: tuple[DatasetLink, ...] = ()
    date_inferred: bool = False
    date_source: str = "data set"
    confidence: float = 1.0
    origin: str = "machine"


@dataclass(frozen=True)
class DatasetFile:
    """A data set file as one document: its layout ("acled", "ucdp-ged", "gtd", "chronolens")
    and what identifies this export."""

    path: str
    layout: str
    title: str
    content_hash: str


@dataclass
class DatasetResult:
    """What importing a data set file did, row by row."""

    document_id: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    kept: int = 0  # rows an analyst edited, left as the analyst made them
    rejected: int = 0  # rows an analyst rejected before, not brought back
    superseded: tuple[str, ...] = ()  # earlier exports of the same data this file replaces

    @property
    def events(self) -> int:
        return self.added + self.updated + self.unchanged + self.kept
