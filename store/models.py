"""SQLAlchemy typed models: documents, passages, events, entities, aliases, mentions, links."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# 1: the first release. 2: passages searched with the porter stemmer ("raids" finds "raid");
# the events' entity cells name each entity's role.
SCHEMA_VERSION = 2

MACHINE = "machine"
ANALYST = "analyst"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str | None] = mapped_column(String, index=True)
    url: Mapped[str | None] = mapped_column(String)
    title: Mapped[str] = mapped_column(String, default="")
    format: Mapped[str] = mapped_column(String, default="text")
    published: Mapped[dt.date | None] = mapped_column(Date)
    published_source: Mapped[str] = mapped_column(String, default="none")
    reference_date: Mapped[dt.date | None] = mapped_column(Date)
    reference_source: Mapped[str] = mapped_column(String, default="none")
    # the reference as precisely as it is known ("2019" when only the year is)
    reference_value: Mapped[str] = mapped_column(String, default="", server_default="")
    content_hash: Mapped[str] = mapped_column(String, unique=True)
    text: Mapped[str] = mapped_column(Text, default="")
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)

    passages: Mapped[list[Passage]] = relationship(
        back_populates="document", cascade="all, delete-orphan", lazy="raise"
    )


class Passage(Base):
    __tablename__ = "passages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="passages", lazy="raise")


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    # indexed: deleting a passage looks up the events that cite it
    passage_id: Mapped[int | None] = mapped_column(
        ForeignKey("passages.id", ondelete="SET NULL"), index=True
    )
    type: Mapped[str] = mapped_column(String)
    # ACLED's sub-event type where the sentence tells more than the type ("Suicide bomb" of a
    # bombing, "Protest with intervention"); '' for the type's own (store.type_codes).
    acled_sub_event: Mapped[str] = mapped_column(String, default="", server_default="")
    # Half-open [date_start, date_end); both NULL for an undated event.
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    date_value: Mapped[str] = mapped_column(String, default="")
    granularity: Mapped[str] = mapped_column(String, default="none")
    date_text: Mapped[str] = mapped_column(String, default="")
    date_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    # How the date was found: expression, sentence, paragraph, document, none.
    date_source: Mapped[str] = mapped_column(String, default="none")
    # What the date means: occurred, reported, published.
    date_relation: Mapped[str] = mapped_column(String, default="occurred")
    date_span_start: Mapped[int | None] = mapped_column(Integer)
    date_span_end: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")
    # "Name (kind, role); …" of the linked entities, as the CSV shows them: derived data that the
    # triggers of store/db.py keep, so a million rows export without a join per row.
    entity_labels: Mapped[str] = mapped_column(Text, default="", server_default="")
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    trigger_start: Mapped[int | None] = mapped_column(Integer)
    trigger_end: Mapped[int | None] = mapped_column(Integer)
    trigger_text: Mapped[str] = mapped_column(String, default="")
    origin: Mapped[str] = mapped_column(String, default=MACHINE)
    # What the machine found, independent of offsets (store.keys.event_fingerprint): an
    # analyst's edit or rejection of the event is matched by it when the document comes back.
    fingerprint: Mapped[str] = mapped_column(String, default="", server_default="")
    extractor_version: Mapped[str] = mapped_column(String, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # A data set's row (store.datasets): its own id (ACLED's event_id_cnty, UCDP's id, GTD's
    # eventid), its own type as the data set writes it, a hash of its cells (a newer export
    # rewrites only the rows that changed) and its fatalities; '' and NULL for read text.
    source_id: Mapped[str] = mapped_column(String, default="", server_default="")
    source_type: Mapped[str] = mapped_column(String, default="", server_default="")
    source_hash: Mapped[str] = mapped_column(String, default="", server_default="")
    fatalities: Mapped[int | None] = mapped_column(Integer)
    # The incident this event reports with others (store.incidents); NULL for an event that is
    # an incident of its own.
    incident_id: Mapped[int | None] = mapped_column(
        ForeignKey("incidents.id", ondelete="SET NULL"), index=True
    )
    # Where it happened as the map draws it: the most specific of its places that has
    # coordinates (a town before its province before its country), kept by store.places.
    place_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )

    __table_args__ = (
        # Covering index for the visible-range and type filters of the timeline.
        Index("ix_events_range", "date_start", "date_end", "type", "id"),
        Index("ix_events_type_start", "type", "date_start"),
        # a data set's rows by their own id (only theirs: read text has none)
        Index("ix_events_source_id", "source_id", sqlite_where=text("source_id != ''")),
    )


class Incident(Base):
    """One real happening told by several events, from different documents: what its reports
    agree on, derived from them (store.incidents) and made again when they change."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String)
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    date_value: Mapped[str] = mapped_column(String, default="")
    granularity: Mapped[str] = mapped_column(String, default="none")
    # the reports' dates disagree beyond their precisions: the date is the span covering them
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)
    events: Mapped[int] = mapped_column(Integer, default=0)
    documents: Mapped[int] = mapped_column(Integer, default=0)
    sources: Mapped[int] = mapped_column(Integer, default=0)
    first_reported: Mapped[dt.date | None] = mapped_column(Date)
    last_reported: Mapped[dt.date | None] = mapped_column(Date)
    # "day", "type", "place" where the reports differ
    disagreements: Mapped[str] = mapped_column(String, default="")
    # analyst: merged by hand, so no re-matching splits it
    origin: Mapped[str] = mapped_column(String, default=MACHINE)


class IncidentDecision(Base):
    """An analyst's word on two reports: the same happening, or not; or one report alone.
    Reports are known by their document's path and fingerprint, so the word survives
    re-imports and re-matching."""

    __tablename__ = "incident_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String)  # same, apart, alone
    path_a: Mapped[str] = mapped_column(String)
    fingerprint_a: Mapped[str] = mapped_column(String)
    path_b: Mapped[str] = mapped_column(String, default="")
    fingerprint_b: Mapped[str] = mapped_column(String, default="")
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Entity(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)  # organization, person, place, other
    key: Mapped[str] = mapped_column(String)  # folded canonical name
    origin: Mapped[str] = mapped_column(String, default=MACHINE)
    # A place's coordinates (WGS 84) where a data set or gazetteer gives them, and the places
    # that contain it, most specific first ("Nad Ali, Helmand, Afghanistan").
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    within: Mapped[str] = mapped_column(String, default="", server_default="")
    # From the gazetteer (importers.geo): the country (ISO 3166-1 alpha-2), the first-level
    # area's GeoNames code ("AF.10") and the level, country, area or town. A place filter
    # takes in what they contain: Helmand's area code is Musa Qala's.
    country: Mapped[str] = mapped_column(String, default="", server_default="")
    area: Mapped[str] = mapped_column(String, default="", server_default="")
    level: Mapped[str] = mapped_column(String, default="", server_default="")

    __table_args__ = (
        UniqueConstraint("kind", "key"),
        # the places at a point (store.incidents: one city under two names)
        Index("ix_entities_point", "latitude", "longitude"),
    )


class Alias(Base):
    __tablename__ = "aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String)
    key: Mapped[str] = mapped_column(String, index=True)

    __table_args__ = (UniqueConstraint("entity_id", "key"),)


class Mention(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    passage_id: Mapped[int | None] = mapped_column(
        ForeignKey("passages.id", ondelete="SET NULL"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String)
    origin: Mapped[str] = mapped_column(String, default=MACHINE)


class EventEntity(Base):
    __tablename__ = "event_entities"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(
        String, primary_key=True
    )  # actor, target, location, source, other
    origin: Mapped[str] = mapped_column(String, default=MACHINE)

    # Covering: an entity filter reads its events from the index alone.
    __table_args__ = (Index("ix_event_entities_entity_event", "entity_id", "event_id"),)


class RejectedEvent(Base):
    """An event an analyst rejected: gone from every view, kept here so that re-importing the
    document does not bring it back and so that the rejection can be undone."""

    __tablename__ = "rejected_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    fingerprint: Mapped[str] = mapped_column(String)
    # the event's columns and links as JSON (store.curation), to restore it on undo
    snapshot: Mapped[str] = mapped_column(Text)
    rejected_at: Mapped[dt.datetime] = mapped_column(DateTime)


class IndexCache(Base):
    """A derived, rebuildable snapshot (the event index) tagged with the events' generation."""

    __tablename__ = "index_cache"

    name: Mapped[str] = mapped_column(String, primary_key=True)
    generation: Mapped[int] = mapped_column(Integer)
    header: Mapped[str] = mapped_column(Text)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Meta(Base):
    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(String)
