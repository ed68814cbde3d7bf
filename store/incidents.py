"""Incidents: the reports of one real happening, from different documents, joined on evidence.

A report (an event) joins another's incident when both belong to one family of types (a
shooting, an attack and a killing may tell one happening; an arrest never tells a shooting),
their dates agree within their precisions (a day-precise report may stand a day off, as a
night's shooting is dated to either day), they name a common place for it, and nothing they
say contradicts: when both name the people it struck, they share one. Candidates come from
the index on dates and the links of places, never from a scan of the store. An event that
joins nothing is an incident of its own (``events.incident_id`` NULL): only incidents of two
reports or more have a row, which holds what the reports agree on (store.models.Incident).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from store.datasets import LAYOUT_FORMATS
from store.incident_decisions import Decisions
from store.models import ANALYST, Document, Event, Incident
from store.type_codes import families

DAY_SLACK = 1  # days a day-precise report may stand off another of the same happening
MAX_SPAN_DAYS = 62  # a report dated more vaguely than two months is no evidence of a day
CANDIDATES = 200  # reports looked at for one new report, at most
BACKGROUND_DAYS = 62  # how long before its story an undated mention may have happened
STREET_DAYS = 14  # ... and how long, where only a street says it is the same happening
PEOPLE_ROLES = ("target",)  # whom it struck: two reports naming different victims differ


@dataclass
class Report:
    event_id: int
    document_id: int
    type: str
    start: int  # ordinals, half-open
    end: int
    incident_id: int | None
    places: set[str] = field(default_factory=set)  # with its document's for the happening
    own: set[str] = field(default_factory=set)  # the places its own sentence gives
    single: bool = False  # its document tells one happening of its family (two days at most)
    # its sentence says it is another one ("a separate security force detained…")
    another: bool = False
    row: bool = False  # a data set's row: the reading may join it, it joins nothing itself
    # told without a date: its window is the time before its document was written
    undated: bool = False
    people: set[str] = field(default_factory=set)
    # the people its story names, where the story tells one happening of its family
    story_people: set[str] = field(default_factory=set)
    named: set[str] = field(default_factory=set)  # every entity it names, by key

    @property
    def family(self) -> str:
        return families().get(self.type, self.type)

    def window(self, slack: int = DAY_SLACK) -> tuple[int, int]:
        slack = slack if self.end - self.start <= 1 else 0
        return self.start - slack, self.end + slack


def _reports(
    session: Session, ids: Sequence[int], coarse: Container[str] = frozenset()
) -> dict[int, Report]:
    """The dated, precise-enough events of ``ids`` with the keys of what they name; a place in
    ``coarse`` (a country, a province) is no evidence of where it happened."""
    out: dict[int, Report] = {}
    conn = session.connection()
    for lo in range(0, len(ids), 500):
        chunk = [int(i) for i in ids[lo : lo + 500]]
        marks = ", ".join("?" for _ in chunk)
        for (
            event_id,
            doc_id,
            etype,
            start,
            end,
            incident,
            summary,
            source_id,
            told,
        ) in conn.exec_driver_sql(
            "SELECT e.id, e.document_id, e.type, e.date_start, e.date_end, e.incident_id,"
            " e.summary, e.source_id, COALESCE(d.published, d.reference_date) FROM events e"
            " JOIN documents d ON d.id = e.document_id"
            f" WHERE e.id IN ({marks})",
            tuple(chunk),
        ):
            undated = start is None
            if undated:
                # told without a date: a background mention of what happened before its
                # story was told, evidence of a day only with a victim or street in common
                if told is None or source_id or families().get(etype) != "violence":
                    continue
                b = dt.date.fromisoformat(told).toordinal() + 1
                a = b - 1 - BACKGROUND_DAYS
            else:
                a = dt.date.fromisoformat(start).toordinal()
                b = dt.date.fromisoformat(end).toordinal()
                if b - a > MAX_SPAN_DAYS:
                    continue
            out[event_id] = Report(
                event_id,
                doc_id,
                etype,
                a,
                b,
                incident,
                another=bool(_ANOTHER.search(summary)),
                row=bool(source_id),
                undated=undated,
            )
        for event_id, role, kind, key, lat, lon in conn.exec_driver_sql(
            "SELECT ee.event_id, ee.role, en.kind, en.key, en.latitude, en.longitude"
            " FROM event_entities ee"
            f" JOIN entities en ON en.id = ee.entity_id WHERE ee.event_id IN ({marks})",
            tuple(chunk),
        ):
            report = out.get(event_id)
            if report is None:
                continue
            report.named.add(key)
            if role == "location" and key not in coarse:
                report.places |= place_forms(key, lat, lon)
                report.own |= place_forms(key, lat, lon)
            elif role in PEOPLE_ROLES and kind == "person":
                report.people.add(key)
    _widen_places(session, out, coarse)
    return out


def _widen_places(session: Session, reports: dict[int, Report], coarse: Container[str]) -> None:
    """A report's places are also those its document gives the same happening in other
    sentences, told on the same days ("a shooting in East Germantown" and, further down,
    "on North Woodstock Street"): the street and the neighbourhood are one place's names."""
    # a data set's rows are each their own: their document (a whole export) is no story
    docs = sorted({r.document_id for r in reports.values() if not r.row})
    if not docs:
        return
    told: dict[int, list[tuple[str, int, int, str | None, set[str]]]] = {}
    marks = ", ".join(str(int(d)) for d in docs)
    for doc_id, etype, start, end, key, lat, lon in session.connection().exec_driver_sql(
        "SELECT e.document_id, e.type, e.date_start, e.date_end, en.key, en.latitude,"
        " en.longitude FROM events e"
        " LEFT JOIN event_entities ee ON ee.event_id = e.id AND ee.role = 'location'"
        " LEFT JOIN entities en ON en.id = ee.entity_id"
        f" WHERE e.document_id IN ({marks}) AND e.date_start IS NOT NULL"
    ):
        a = dt.date.fromisoformat(start).toordinal()
        b = dt.date.fromisoformat(end).toordinal()
        forms = place_forms(key, lat, lon) if key is not None else set()
        told.setdefault(doc_id, []).append((families().get(etype, etype), a, b, key, forms))
    for report in reports.values():
        for family, a, b, key, forms in told.get(report.document_id, ()):
            if key is None or key in coarse:
                continue
            if (
                family == report.family
                and not report.undated
                and _nested(a, b, report.start, report.end)
            ):
                report.places |= forms
    # A document whose reports of the family all stand on one day or two tells one
    # happening of it: the places it names are that happening's setting.
    single: dict[int, set[str]] = {}
    for doc_id, rows in told.items():
        for family in {row[0] for row in rows}:
            starts = [a for f, a, b, *_ in rows if f == family and b - a <= 1]
            if starts and max(starts) - min(starts) <= DAY_SLACK:
                single.setdefault(doc_id, set()).add(family)
    named = _named_places(session, sorted(single), coarse)
    persons = _named_people(session, sorted(single))
    for report in reports.values():
        if report.family in single.get(report.document_id, ()):
            report.places |= named.get(report.document_id, set())
            report.story_people = persons.get(report.document_id, set())
            report.single = True


def _named_people(session: Session, document_ids: list[int]) -> dict[int, set[str]]:
    """The people each document names, by key."""
    out: dict[int, set[str]] = {}
    if not document_ids:
        return out
    marks = ", ".join(str(int(d)) for d in document_ids)
    for doc_id, key in session.connection().exec_driver_sql(
        "SELECT DISTINCT m.document_id, en.key FROM mentions m"
        " JOIN entities en ON en.id = m.entity_id"
        f" WHERE m.document_id IN ({marks}) AND en.kind = 'person'"
    ):
        out.setdefault(doc_id, set()).add(key)
    return out


def _named_places(
    session: Session, document_ids: list[int], coarse: Container[str]
) -> dict[int, set[str]]:
    """The places each document names, by key, but those too large to say where."""
    out: dict[int, set[str]] = {}
    if not document_ids:
        return out
    marks = ", ".join(str(int(d)) for d in document_ids)
    for doc_id, key, lat, lon in session.connection().exec_driver_sql(
        "SELECT DISTINCT m.document_id, en.key, en.latitude, en.longitude FROM mentions m"
        " JOIN entities en ON en.id = m.entity_id"
        f" WHERE m.document_id IN ({marks}) AND en.kind = 'place'"
    ):
        if key not in coarse:
            out.setdefault(doc_id, set()).update(place_forms(key, lat, lon))
    return out


# The US Postal Service's abbreviations of street types and directions: "Keyworth Avenue"
# and "Keyworth Ave", "E. Green Street" and "Green St" are one street's names.
_STREET_TYPES = {
    "avenue": "ave",
    "street": "st",
    "road": "rd",
    "boulevard": "blvd",
    "drive": "dr",
    "lane": "ln",
    "highway": "hwy",
    "parkway": "pkwy",
    "court": "ct",
    "place": "pl",
    "terrace": "ter",
}
_DIRECTIONS = {"north", "south", "east", "west", "n", "s", "e", "w"}


def place_forms(
    key: str, latitude: float | None = None, longitude: float | None = None
) -> set[str]:
    """A place's key with the other ways a street's name is written (the street type
    written out and abbreviated, and without the direction before it), and the point the
    gazetteer gives it: "Birmingham" and "Birmingham, United States" at one point are one
    city."""
    if latitude is not None and longitude is not None:
        return {key, _point(latitude, longitude)}
    words = key.split()
    full = {abbr: word for word, abbr in _STREET_TYPES.items()}
    if len(words) < 2 or (words[-1] not in _STREET_TYPES and words[-1] not in full):
        return {key}
    abbr = _STREET_TYPES.get(words[-1], words[-1])
    stems = [words[:-1]]
    if len(words) >= 3 and words[0] in _DIRECTIONS:
        stems.append(words[1:-1])
    return {key} | {" ".join([*stem, end]) for stem in stems for end in (abbr, full[abbr])}


def _point(latitude: float, longitude: float) -> str:
    """A point as the candidates' SQL writes it (to a thousandth of a degree, cut)."""
    return f"@{int(latitude * 1000)},{int(longitude * 1000)}"


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
            if _point(latitude, longitude) == point:
                found[entity_id] = kind
    return sorted(found), sorted(i for i, kind in found.items() if kind == "place")


def _drive_by_window(
    session: Session, table: str, ids: list[int], types: list[str], window: tuple[str, str, str]
) -> bool:
    """Whether the rows of ``table`` (event links or mentions) of these entities outnumber
    the window's events of these types: then the window drives the search, each of its
    events asked whether it names them, not the other way. Both counts come from an index
    and stop at 20,000."""
    conn = session.connection()
    marks = ", ".join(str(int(i)) for i in ids)
    rows = conn.exec_driver_sql(
        f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE entity_id IN ({marks}) LIMIT 20000)"
    ).scalar_one()
    if rows < 2000:
        return False
    events = conn.exec_driver_sql(
        "SELECT count(*) FROM (SELECT 1 FROM events WHERE date_start >= ? AND date_start < ?"
        f" AND type IN ({', '.join('?' for _ in types)}) LIMIT 20000)",
        (window[0], window[1], *types),
    ).scalar_one()
    return bool(rows > events)


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
    docs = (
        f"(SELECT DISTINCT document_id FROM mentions WHERE entity_id IN"
        f" ({', '.join(str(int(i)) for i in named)}))"
    )
    lo, hi = report.window()
    day = dt.date.fromordinal
    window = (day(lo - MAX_SPAN_DAYS).isoformat(), day(hi).isoformat(), day(lo).isoformat())
    dated = "e.date_start >= ? AND e.date_start < ? AND e.date_end > ? AND e.id != ?"
    if _drive_by_window(session, "event_entities", located, types, window):
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
        if _drive_by_window(session, "mentions", named, types, window):
            # a place named in many stories: the window's events of the family, each asked
            # whether its story names the place
            parts.append(
                "SELECT e.id FROM events e WHERE"
                f" {dated} AND e.source_id = '' AND {of_type} AND EXISTS (SELECT 1 FROM"
                " mentions x WHERE x.document_id = e.document_id AND x.entity_id IN"
                f" ({', '.join(str(int(i)) for i in named)}))"
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


def same_happening(a: Report, b: Report) -> bool:
    """Whether two reports may tell one happening: one family, dates within their
    precisions, a place in common, no different victims or streets. Within one document (a
    retelling further down) one's days hold the other's, and the place rules below hold."""
    if a.family != b.family or not (a.places & b.places) or (a.row and b.row):
        return False  # two rows of data sets are two happenings by the coders' design
    if a.undated or b.undated:
        # a mention without a date, in a later story, of a happening another report dates:
        # one only where they name one of the people it struck or the street it was on
        return (
            not (a.undated and b.undated)
            and a.document_id != b.document_id
            and (_victim_named(a, b) or (_same_street(a, b) and _soon_after(a, b)))
            and _days_meet(a, b, 0)
            and not _contradicts(a, b)
        )
    if a.document_id == b.document_id:
        # a document's two sentences tell one happening where both name its place, or where
        # the document tells only one happening of the kind (each may name another of its
        # places: the street, the neighbourhood); never where one says it tells another
        if a.another or b.another:
            return False
        if not (a.single and b.single) and not (a.own & b.own) and not _one_day_unplaced(a, b):
            return False
    if a.document_id == b.document_id:  # a retelling: the same days, one holding the other
        if not _nested(a.start, a.end, b.start, b.end):
            return False
    # a day off only where they name one of the people it struck or the street it was on
    elif not _days_meet(a, b, DAY_SLACK if a.people & b.people or _streets(a) & _streets(b) else 0):
        return False
    return not _contradicts(a, b)


def _one_day_unplaced(a: Report, b: Report) -> bool:
    """Whether two reports of one story stand on one day and one of them names no place of
    its own ("a man was shot Saturday" beside "shot at the skate park on Saturday")."""
    one_day = a.end - a.start <= 1 and (a.start, a.end) == (b.start, b.end)
    return one_day and not (a.own and b.own)


def _nested(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether one of two day ranges holds the other."""
    return (a_start <= b_start and b_end <= a_end) or (b_start <= a_start and a_end <= b_end)


def _days_meet(a: Report, b: Report, slack: int) -> bool:
    """Whether two reports' days meet, a day-precise one widened by ``slack`` days."""
    a_lo, a_hi = a.window(slack)
    b_lo, b_hi = b.window(slack)
    return a_lo < b_hi and b_lo < a_hi


# a sentence that tells a happening other than one told before it: "a separate security
# force", "in another raid", "a second shooting"
_ANOTHER = re.compile(
    r"\b(?:separate(?:ly)?|another|second|third|other|different|unrelated|earlier|later)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:operations?|raids?|force|forces|attacks?|incidents?|shootings?|"
    r"patrols?|units?|teams?|clash(?:es)?|strikes?|bombings?)\b"
    r"|\bin\s+a\s+separate\b|\bseparately\b",
    re.IGNORECASE,
)


# an English street name ("Maple Street", "W. 21st St", "Elm Ave"), as entity keys are folded
_STREET = re.compile(
    r"\b(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|highway|hwy|"
    r"parkway|pkwy|terrace|court|ct)\.?$"
)


def _fits_incident(
    session: Session, report: Report, incident_id: int, coarse: Container[str]
) -> bool:
    """Whether nothing the incident's reports say contradicts the report (its victims,
    its street, its day): each of them must be compatible with it, not only the closest."""
    members = list(session.scalars(select(Event.id).where(Event.incident_id == incident_id)))
    others = _reports(session, members, coarse)
    return all(
        _compatible(report, other) for other in others.values() if other.event_id != report.event_id
    )


def _contradicts(a: Report, b: Report) -> bool:
    """Whether two reports name different victims or different streets for it."""
    if a.people and b.people and not (a.people & b.people):
        return True
    streets_a, streets_b = _streets(a), _streets(b)
    if not (streets_a and streets_b) or streets_a & streets_b:
        return False
    if a.document_id == b.document_id:
        return True  # one story's two sentences on two streets: two places
    # across stories streets differ only where neither names the other's street: two
    # reports may each give a different one of the crossing streets it happened at
    return not (streets_a & b.places) and not (streets_b & a.places)


def _points(report: Report) -> set[str]:
    """The places of a report's story the gazetteer puts on the map, by their points."""
    return {p for p in report.places if p.startswith("@")}


def _victim_named(a: Report, b: Report) -> bool:
    """Whether one report names one of the people the other struck, in its sentence or,
    where its story tells one happening, anywhere in that story."""
    return bool(a.people & (b.people | b.story_people) or b.people & (a.people | a.story_people))


def _soon_after(a: Report, b: Report) -> bool:
    """Whether the undated one of two reports was told within STREET_DAYS of the other's
    day: a street is evidence of one happening only so long (a city's long streets see
    more than one shooting in two months)."""
    undated, dated = (a, b) if a.undated else (b, a)
    return undated.end - dated.start <= STREET_DAYS + 1


def _same_street(a: Report, b: Report) -> bool:
    """Whether two reports' stories give the happening one street, in one town: a street
    of one name in two towns the gazetteer places apart is two streets."""
    towns_a, towns_b = _points(a), _points(b)
    if towns_a and towns_b and not (towns_a & towns_b):
        return False
    return bool(_streets_of(a) & _streets_of(b))


def _streets_of(report: Report) -> set[str]:
    """The streets a report's story gives its happening, in each of their forms."""
    return {p for p in report.places if _STREET.search(p)}


def _streets(report: Report) -> set[str]:
    """The streets a report's own sentence names, in each of their forms."""
    return {p for p in report.own if _STREET.search(p)}


def _compatible(a: Report, b: Report) -> bool:
    """Nothing contradicts between two reports, and their days meet (they need not share a
    place: another report of the incident may give it)."""
    return not _contradicts(a, b) and _days_meet(a, b, DAY_SLACK)


def _score(a: Report, b: Report) -> tuple[int, int]:
    shared = len(a.named & b.named) + 2 * len(a.people & b.people)
    return shared, -abs(a.start - b.start)


def match_events(
    session: Session, event_ids: Sequence[int], coarse: Container[str] = frozenset()
) -> set[int]:
    """Join each of the events to the incident of the report of the same happening that
    shares most with it, where there is one; returns the incidents changed (refreshed).
    ``coarse`` holds the keys of places too large to say where (countries, provinces)."""
    news = _reports(session, event_ids, coarse)
    touched: set[int] = set()
    decisions = Decisions.load(session)
    keys = _event_keys(session, list(news))
    for report in sorted(news.values(), key=lambda r: r.event_id):
        if report.incident_id is not None:
            continue
        found = _reports(session, _candidates(session, report), coarse)
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
        best = max(fits, key=lambda c: _score(report, c))
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
    touched |= _rejoin(session, decisions, keys)
    refresh(session, touched)
    return touched


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
