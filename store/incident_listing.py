"""Incidents as the command line and the window list them: one row each with what its reports
agree on, and the reports of one incident."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Document, Event, Incident

INCIDENT_COLUMNS = (
    "id",
    "type",
    "date_value",
    "granularity",
    "date_start",
    "date_end",
    "disputed",
    "places",
    "actors",
    "documents",
    "sources",
    "events",
    "first_reported",
    "last_reported",
    "disagreements",
)


def incident_records(session: Session) -> Iterable[dict[str, object]]:
    """Every incident of several reports, by date, as ``main.py incidents`` writes it: its
    places and actors are those its reports name, most named first."""
    for incident in session.scalars(
        select(Incident).order_by(Incident.date_start.is_(None), Incident.date_start, Incident.id)
    ):
        named: dict[str, Counter[str]] = {"location": Counter(), "actor": Counter()}
        for role, name in session.connection().exec_driver_sql(
            "SELECT ee.role, en.name FROM events e JOIN event_entities ee ON ee.event_id = e.id"
            " JOIN entities en ON en.id = ee.entity_id"
            " WHERE e.incident_id = ? AND ee.role IN ('location', 'actor')",
            (incident.id,),
        ):
            named[role][name] += 1
        yield {
            "id": incident.id,
            "type": incident.type,
            "date_value": incident.date_value,
            "granularity": incident.granularity,
            "date_start": incident.date_start.isoformat() if incident.date_start else None,
            "date_end": incident.date_end.isoformat() if incident.date_end else None,
            "disputed": incident.disputed,
            "places": [n for n, _ in named["location"].most_common()],
            "actors": [n for n, _ in named["actor"].most_common()],
            "documents": incident.documents,
            "sources": incident.sources,
            "events": incident.events,
            "first_reported": incident.first_reported.isoformat()
            if incident.first_reported
            else None,
            "last_reported": incident.last_reported.isoformat() if incident.last_reported else None,
            "disagreements": incident.disagreements,
        }


@dataclass(frozen=True)
class IncidentReport:
    """One report of an incident as the passage pane lists it."""

    event_id: int
    document_title: str
    date_text: str
    date_value: str
    summary: str
    type: str = ""
    date_start: dt.date | None = None
    date_end: dt.date | None = None


def agreement(session: Session, incident_id: int) -> str:
    """What an incident's reports agree on, or where they part, in one line."""
    incident = session.get(Incident, incident_id)
    if incident is None:
        return ""
    if incident.disputed:
        said = f"the reports disagree on the day: {incident.date_value.replace('/', ' to ')}"
    elif incident.date_value:
        said = f"the reports agree on {incident.date_value}"
    else:
        said = "no report gives a date"
    if "type" in incident.disagreements:
        said += "; they type it differently"
    return said


def incident_reports(session: Session, incident_id: int) -> list[IncidentReport]:
    """The reports of an incident, earliest told first."""
    return [
        IncidentReport(*row)
        for row in session.execute(
            select(
                Event.id,
                Document.title,
                Event.date_text,
                Event.date_value,
                Event.summary,
                Event.type,
                Event.date_start,
                Event.date_end,
            )
            .join(Document, Document.id == Event.document_id)
            .where(Event.incident_id == incident_id)
            .order_by(Document.published, Event.id)
        )
    ]
