"""The evidence of incidents: each report (an event) as matching sees it, with the places
and people its story gives it, and the rules that say whether two reports may tell one
happening. Two reports of one family of types (a shooting, an attack and a killing may tell
one happening; an arrest never tells a shooting) do when their days meet within their
precisions, they name a common place below a province or state, and nothing they say
contradicts: not the people it struck, not the street, not the town of a street."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from store.type_codes import families

DAY_SLACK = 1  # days a day-precise report may stand off another of the same happening
MAX_SPAN_DAYS = 62  # a report dated more vaguely than two months is no evidence of a day
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


def reports_of(
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
        return {key, point_form(latitude, longitude)}
    words = key.split()
    full = {abbr: word for word, abbr in _STREET_TYPES.items()}
    if len(words) < 2 or (words[-1] not in _STREET_TYPES and words[-1] not in full):
        return {key}
    abbr = _STREET_TYPES.get(words[-1], words[-1])
    stems = [words[:-1]]
    if len(words) >= 3 and words[0] in _DIRECTIONS:
        stems.append(words[1:-1])
    return {key} | {" ".join([*stem, end]) for stem in stems for end in (abbr, full[abbr])}


def point_form(latitude: float, longitude: float) -> str:
    """A point as the candidates' SQL writes it (to a thousandth of a degree, cut)."""
    return f"@{int(latitude * 1000)},{int(longitude * 1000)}"


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
        if not _nested(a.start, a.end, b.start, b.end):
            return False  # a retelling: the same days, one holding the other
    # a day off only where they name one of the people it struck or the street it was on
    elif not _days_meet(
        a, b, DAY_SLACK if a.people & b.people or _streets(a.own) & _streets(b.own) else 0
    ):
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
# A place whose name ends in a street type, written out or abbreviated ("Maple Street", "Maple
# St."): a street.
_STREET = re.compile(
    r"\b(?:" + "|".join(sorted({*_STREET_TYPES, *_STREET_TYPES.values()})) + r")\.?$"
)


def _contradicts(a: Report, b: Report) -> bool:
    """Whether two reports name different victims or different streets for it."""
    if a.people and b.people and not (a.people & b.people):
        return True
    streets_a, streets_b = _streets(a.own), _streets(b.own)
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
    return bool(_streets(a.places) & _streets(b.places))


def _streets(places: set[str]) -> set[str]:
    """The streets among a report's places (its own sentence's, or its story's), in each of
    their forms."""
    return {p for p in places if _STREET.search(p)}


def compatible(a: Report, b: Report) -> bool:
    """Nothing contradicts between two reports, and their days meet (they need not share a
    place: another report of the incident may give it)."""
    return not _contradicts(a, b) and _days_meet(a, b, DAY_SLACK)


def score(a: Report, b: Report) -> tuple[int, int]:
    shared = len(a.named & b.named) + 2 * len(a.people & b.people)
    return shared, -abs(a.start - b.start)
