"""Incidents: the reports of one real happening, from different documents, joined on evidence
(store.incident_evidence says when two reports may tell one happening).

Each report saved is matched against candidates found through the indexes on the places it
names and on dates, never by a scan of the store; it joins the incident of the candidate
that shares most with it. An event that joins nothing is an incident of its own
(``events.incident_id`` NULL): only incidents of two reports or more have a row, which holds
what the reports agree on (store.models.Incident).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Container, Iterable, Sequence
from urllib.parse import urlsplit

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from store.datasets import LAYOUT_FORMATS
from store.incident_decisions import Decisions
from store.incident_evidence import (
    BACKGROUND_DAYS,
    DAY_SLACK,
    MAX_SPAN_DAYS,
    Report,
    compatible,
    point_form,
    reports_of,
    same_happening,
    score,
)
from store.models import ANALYST, Document, Event, Incident
from store.type_codes import families

CANDIDATES = 200  # reports looked at for one new report, at most


def _place_entities(session: Session, places: set[str]) -> tuple[list[int], list[int]]:
    """The entities a report's places name: by key (where it happened may be a name the
    gazetteer lacks, of kind "other"), and the places at one of its points; and of them,
    the places. Looked up through the indexes on names and on coordinates."""
    conn = session.connection()
    keys = sorted(p for p in places if not p.startswith("@"))
    found: dict[int, str] = {}
    for lo in range(0, len(keys), 500):
        chunk = keys[lo : lo + 500]
        marks = ", ".join("?" for _ in chunk)
        for entity_id, kind in conn.exec_driver_sql(
            f"SELECT id, kind FROM entities WHERE kind IN ('place', 'other') AND key IN ({marks})",
            tuple(chunk),
        ):
            found[entity_id] = kind
    for point in sorted(p for p in places if p.startswith("@")):
        lat = int(point[1:].split(",")[0]) / 1000
        for entity_id, kind, latitude, longitude in conn.exec_driver_sql(
            "SELECT id, kind, latitude, longitude FROM entities"
            " WHERE latitude BETWEEN ? AND ? AND longitude IS NOT NULL",
            (lat - 0.002, lat + 0.002),
        ):
            if point_form(latitude, longitude) == point:
                found[entity_id] = kind
    return sorted(found), sorted(i for i, kind in found.items() if kind == "place")


class _Drivers:
    """Whether the rows of a table (event links or mentions) of some entities outnumber the
    window's events of the report's family: then the window drives the search, each of its
    events asked whether it names them, not the other way. Every count comes from an index
    and stops at 20,000; the window's is counted once, and only where it is needed."""

    def __init__(self, session: Session, types: list[str], window: tuple[str, str, str]):
        self.conn = session.connection()
        self.types, self.window = types, window
        self._events: int | None = None

    def by_window(self, table: str, ids: str) -> bool:
        rows = self.conn.exec_driver_sql(
            f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE entity_id IN ({ids}) LIMIT 20000)"
        ).scalar_one()
        if rows < 2000:
            return False
        if self._events is None:
            self._events = self.conn.exec_driver_sql(
                "SELECT count(*) FROM (SELECT 1 FROM events WHERE date_start >= ?"
                f" AND date_start < ? AND type IN ({', '.join('?' for _ in self.types)})"
                " LIMIT 20000)",
                (self.window[0], self.window[1], *self.types),
            ).scalar_one()
        return bool(rows > self._events)


def _candidates(session: Session, report: Report) -> list[int]:
    """Events of the report's family whose dates meet its window and that name one of its
    places as where they happened; and, where the report is dated, the undated mentions in
    stories written after it of a happening at those places. Driven from the places' own
    entries (an index each), never from every event of the window."""
    if not report.places:
        return []
    located, named = _place_entities(session, report.places)
    if not located:
        return []
    types = [t for t, f in families().items() if f == report.family]
    of_type = f"e.type IN ({', '.join('?' for _ in types)})"
    ids = ", ".join(str(int(i)) for i in located)
    places = ", ".join(str(int(i)) for i in named)
    docs = f"(SELECT DISTINCT document_id FROM mentions WHERE entity_id IN ({places}))"
    lo, hi = report.window()
    day = dt.date.fromordinal
    window = (day(lo - MAX_SPAN_DAYS).isoformat(), day(hi).isoformat(), day(lo).isoformat())
    dated = "e.date_start >= ? AND e.date_start < ? AND e.date_end > ? AND e.id != ?"
    drivers = _Drivers(session, types, window)
    if drivers.by_window("event_entities", ids):
        parts = [
            f"SELECT e.id FROM events e WHERE {dated} AND {of_type} AND EXISTS (SELECT 1 FROM"
            " event_entities x WHERE x.event_id = e.id AND x.role = 'location'"
            f" AND x.entity_id IN ({ids}))"
        ]
    else:
        parts = [
            "SELECT e.id FROM event_entities ee CROSS JOIN events e ON e.id = ee.event_id"
            f" WHERE ee.entity_id IN ({ids}) AND ee.role = 'location' AND {dated} AND {of_type}"
        ]
    params: list[object] = [*window, report.event_id, *types]
    if named:
        if drivers.by_window("mentions", places):
            # a place named in many stories: the window's events of the family, each asked
            # whether its story names the place
            parts.append(
                "SELECT e.id FROM events e WHERE"
                f" {dated} AND e.source_id = '' AND {of_type} AND EXISTS (SELECT 1 FROM"
                f" mentions x WHERE x.document_id = e.document_id AND x.entity_id IN ({places}))"
            )
        else:
            parts.append(
                f"SELECT e.id FROM {docs} m CROSS JOIN events e ON e.document_id = m.document_id"
                f" WHERE {dated} AND e.source_id = '' AND {of_type}"
            )
        params += [*window, report.event_id, *types]
        if not report.undated:
            parts.append(
                f"SELECT e.id FROM {docs} m CROSS JOIN events e ON e.document_id = m.document_id"
                " JOIN documents d ON d.id = e.document_id"
                " WHERE e.date_start IS NULL AND COALESCE(d.published, d.reference_date) >= ?"
                " AND COALESCE(d.published, d.reference_date) < ? AND e.id != ?"
                f" AND e.source_id = '' AND {of_type}"
            )
            params += [day(lo).isoformat(), day(hi + BACKGROUND_DAYS).isoformat()]
            params += [report.event_id, *types]
    sql = " UNION ".join(parts) + f" LIMIT {CANDIDATES}"
    return [row[0] for row in session.connection().exec_driver_sql(sql, tuple(params))]


def _fits_incident(
    session: Session, report: Report, incident_id: int, coarse: Container[str]
) -> bool:
    """Whether nothing the incident's reports say contradicts the report (its victims,
    its street, its day): each of them must be compatible with it, not only the closest."""
    others = reports_of(session, _members(session, incident_id), coarse)
    return all(
        compatible(report, other) for other in others.values() if other.event_id != report.event_id
    )


def match_events(
    session: Session, event_ids: Sequence[int], coarse: Container[str] = frozenset()
) -> set[int]:
    """Join each of the events to the incident of the report of the same happening that
    shares most with it, where there is one; returns the incidents changed (refreshed).
    ``coarse`` holds the keys of places too large to say where (countries, provinces)."""
    news = reports_of(session, event_ids, coarse)
    touched: set[int] = set()
    decisions = Decisions.load(session)
    keys = _event_keys(session, list(news))
    for report in sorted(news.values(), key=lambda r: r.event_id):
        if report.incident_id is not None:
            continue
        found = reports_of(session, _candidates(session, report), coarse)
        keys.update(_event_keys(session, [c for c in found if c not in keys]))
        fits = [
            c
            for c in found.values()
            if decisions.allows(keys[report.event_id], keys[c.event_id])
            and same_happening(report, c)
            and (c.incident_id is None or _fits_incident(session, report, c.incident_id, coarse))
        ]
        if not fits:
            continue
        best = max(fits, key=lambda c: score(report, c))
        incident = best.incident_id
        if incident is None:
            row = Incident(type=best.type)
            session.add(row)
            session.flush()
            incident = row.id
            _join(session, [best.event_id], incident)
            best.incident_id = incident
        _join(session, [report.event_id], incident)
        report.incident_id = incident
        touched.add(incident)
        # The report tells what other candidates tell too: one happening whose reports
        # matching had kept apart (each joined what it met first) is one incident, where
        # nothing any of their reports says contradicts another's and the analyst allows it.
        for other in sorted({c.incident_id for c in fits} - {None, incident}):
            if _tied(session, decisions, keys, incident, other, coarse):
                _join(session, _members(session, other), incident)
                session.execute(delete(Incident).where(Incident.id == other))
        for c in fits:
            if c.incident_id is None and _tied_alone(session, decisions, keys, c, incident, coarse):
                _join(session, [c.event_id], incident)
                c.incident_id = incident
    touched |= _rejoin(session, decisions, keys)
    refresh(session, touched)
    return touched


def _members(session: Session, incident_id: int) -> list[int]:
    return list(session.scalars(select(Event.id).where(Event.incident_id == incident_id)))


def _tied(
    session: Session,
    decisions: Decisions,
    keys: dict[int, tuple[str, str]],
    first: int,
    second: int,
    coarse: Container[str],
) -> bool:
    """Whether two machine-made incidents may be one: every report of one is compatible
    with every report of the other, and the analyst said nothing against it."""
    origins = dict(session.execute(select(Incident.id, Incident.origin).where(
        Incident.id.in_([first, second]))).all())  # fmt: skip
    if ANALYST in origins.values():
        return False  # the analyst's incidents change only by the analyst
    ones, twos = _members(session, first), _members(session, second)
    keys.update(_event_keys(session, [i for i in ones + twos if i not in keys]))
    told = reports_of(session, ones + twos, coarse)
    for a in ones:
        for b in twos:
            if not decisions.allows(keys[a], keys[b]):
                return False
            if a in told and b in told and not compatible(told[a], told[b]):
                return False
    return True


def _tied_alone(
    session: Session,
    decisions: Decisions,
    keys: dict[int, tuple[str, str]],
    report: Report,
    incident_id: int,
    coarse: Container[str],
) -> bool:
    """Whether a report in no incident, which tells what a report just matched tells, may
    join that report's incident."""
    members = _members(session, incident_id)
    keys.update(_event_keys(session, [i for i in members if i not in keys]))
    return all(
        decisions.allows(keys[report.event_id], keys[m]) for m in members
    ) and _fits_incident(session, report, incident_id, coarse)


def _event_keys(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """(document path, fingerprint) of each event: how the analyst's decisions know it."""
    if not ids:
        return {}
    return {
        event_id: (path or "", print_)
        for event_id, path, print_ in session.execute(
            select(Event.id, Document.path, Event.fingerprint)
            .join(Document, Document.id == Event.document_id)
            .where(Event.id.in_(list(ids)))
        )
    }


def _rejoin(session: Session, decisions: Decisions, keys: dict[int, tuple[str, str]]) -> set[int]:
    """Reports the analyst merged, come back as new events: into their incident again."""
    if not decisions.same:
        return set()
    by_key = {key: event_id for event_id, key in keys.items()}
    touched: set[int] = set()
    for a, b in decisions.same:
        if a not in by_key and b not in by_key:
            continue  # neither is among the events just matched
        ids = {k: _event_with(session, k) for k in (a, b)}
        if None in ids.values():
            continue  # one of them is not in the store (now)
        first, second = ids[a], ids[b]
        incidents = session.execute(
            select(Event.id, Event.incident_id).where(Event.id.in_([first, second]))
        ).all()
        current = {i: inc for i, inc in incidents}
        if current[first] is not None and current[first] == current[second]:
            continue
        target = current[first] or current[second]
        if target is None:
            row = Incident(type="other", origin=ANALYST)
            session.add(row)
            session.flush()
            target = row.id
        _join(session, [first, second], target)
        touched.add(target)
    return touched


def _event_with(session: Session, key: tuple[str, str]) -> int | None:
    return session.scalar(
        select(Event.id)
        .join(Document, Document.id == Event.document_id)
        .where(Document.path == key[0], Event.fingerprint == key[1])
        .limit(1)
    )


def _join(session: Session, event_ids: Iterable[int], incident_id: int | None) -> None:
    session.execute(
        update(Event).where(Event.id.in_(list(event_ids))).values(incident_id=incident_id)
    )


def _source_of(url: str | None, document_id: int) -> str:
    """Who published a report: the site where its address is known, else its document."""
    host = urlsplit(url).hostname if url else None
    if host:
        return host.removeprefix("www.")
    return f"document {document_id}"


def refresh(session: Session, incident_ids: Iterable[int]) -> None:
    """Make again what each incident's reports agree on; one left with a single report (the
    others re-imported away) is that report alone again, unless an analyst made it."""
    for incident_id in sorted(set(incident_ids)):
        incident = session.get(Incident, incident_id)
        if incident is None:
            continue
        members = session.execute(
            select(
                Event.type,
                Event.date_start,
                Event.date_end,
                Event.date_value,
                Event.granularity,
                Document.id,
                Document.url,
                Document.published,
                Document.reference_date,
            )
            .join(Document, Document.id == Event.document_id)
            .where(Event.incident_id == incident_id)
        ).all()
        if len(members) < 2 and incident.origin != ANALYST:
            _join_none(session, incident_id)
            continue
        types = Counter(m.type for m in members)
        incident.type = types.most_common(1)[0][0]
        dated = [m for m in members if m.date_start is not None]
        incident.disputed = False
        if dated:
            lo = max(m.date_start for m in dated)
            hi = min(m.date_end for m in dated)
            if lo < hi:  # they agree: the most precise of them that holds the agreed days
                best = min(dated, key=lambda m: (m.date_end - m.date_start, m.date_start))
                incident.date_start, incident.date_end = best.date_start, best.date_end
                incident.date_value, incident.granularity = best.date_value, best.granularity
            else:  # they disagree: the span that covers them all
                first = min(m.date_start for m in dated)
                last = max(m.date_end for m in dated)
                incident.date_start, incident.date_end = first, last
                incident.date_value = f"{first}/{last - dt.timedelta(days=1)}"
                incident.granularity = "other"
                incident.disputed = True
        else:
            incident.date_start = incident.date_end = None
            incident.date_value, incident.granularity = "", "none"
        incident.events = len(members)
        incident.documents = len({m.id for m in members})
        incident.sources = len({_source_of(m.url, m.id) for m in members})
        reported = [d for m in members if (d := m.published or m.reference_date) is not None]
        incident.first_reported = min(reported, default=None)
        incident.last_reported = max(reported, default=None)
        disagree = []
        if incident.disputed:
            disagree.append("day")
        if len({families().get(t, t) for t in types}) > 1 or len(types) > 1:
            disagree.append("type")
        incident.disagreements = ", ".join(disagree)
    session.flush()


def _join_none(session: Session, incident_id: int) -> None:
    session.execute(update(Event).where(Event.incident_id == incident_id).values(incident_id=None))
    session.execute(delete(Incident).where(Incident.id == incident_id))


def match_document(
    session: Session, document_id: int, coarse: Container[str] = frozenset()
) -> set[int]:
    """Match the events of a document just saved (those not in an incident yet). A data
    set's rows are not matched among themselves: each is a happening of its own by the
    coders' design; the reading finds them (:func:`match_reading`)."""
    ids = list(
        session.scalars(
            select(Event.id).where(
                Event.document_id == document_id,
                Event.incident_id.is_(None),
                Event.source_id == "",
            )
        )
    )
    return match_events(session, ids, coarse)


READING_LIMIT = 20_000  # reports of the reading matched against a data set as it comes in


def match_reading(
    session: Session, document_id: int, coarse: Container[str] = frozenset()
) -> tuple[int, bool]:
    """After a data set's rows are stored (``document_id``, the export): match the reading
    imported before them, the reports in no incident yet dated within the rows' span, so
    that an article finds the row that codes its happening whichever came in first. At most
    READING_LIMIT reports, earliest first; returns how many were looked at and whether that
    was all of them (``main.py rematch`` does the rest)."""
    # the reading's documents (a data set file is one document, whatever its rows)
    reading = select(Document.id).where(
        Document.id != document_id, Document.format.not_in(list(LAYOUT_FORMATS.values()))
    )
    if session.scalar(reading.limit(1)) is None:
        return 0, True
    lo, hi = session.execute(
        select(func.min(Event.date_start), func.max(Event.date_end)).where(
            Event.document_id == document_id
        )
    ).one()
    if lo is None or hi is None:
        return 0, True
    slack = dt.timedelta(days=DAY_SLACK)
    ids = list(
        session.scalars(
            select(Event.id)
            .where(
                Event.document_id.in_(reading),
                Event.date_start >= lo - slack,
                Event.date_start < hi + slack,
                Event.source_id == "",
                Event.incident_id.is_(None),
            )
            .order_by(Event.date_start, Event.id)
            .limit(READING_LIMIT + 1)
        )
    )
    match_events(session, ids[:READING_LIMIT], coarse)
    return min(len(ids), READING_LIMIT), len(ids) <= READING_LIMIT


def rematch(
    session: Session,
    coarse: Container[str] = frozenset(),
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Make the machine's incidents again over the whole store, document by document in the
    order they came in (an analyst's incidents and words are kept); ``progress(done, total)``
    returning False stops, and the caller rolls back. Returns the incidents made."""
    machine = select(Incident.id).where(Incident.origin != ANALYST)
    session.execute(update(Event).where(Event.incident_id.in_(machine)).values(incident_id=None))
    session.execute(delete(Incident).where(Incident.origin != ANALYST))
    documents = list(session.scalars(select(Document.id).order_by(Document.id)))
    for done, document_id in enumerate(documents, start=1):
        match_document(session, document_id, coarse)
        if progress is not None and not progress(done, len(documents)):
            raise RematchStopped
    return len(session.scalars(select(Incident.id)).all())


class RematchStopped(Exception):
    """The analyst stopped a rematch; nothing of it is to be kept."""
