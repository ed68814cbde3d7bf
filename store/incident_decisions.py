"""The analyst's word on incidents: one report split out alone, reports merged into one
incident, two reports marked "not the same". Each is kept by the reports' document paths and
fingerprints (store.models.IncidentDecision), so it holds when the documents are imported
again and when matching runs again; matching (store.incidents) asks :class:`Decisions`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from store.curation import CurationError, fill_fingerprints
from store.models import ANALYST, Document, Event, Incident, IncidentDecision

Key = tuple[str, str]  # (document path, event fingerprint)


def _keys(session: Session, event_ids: Sequence[int]) -> dict[int, Key]:
    fill_fingerprints(session, list(event_ids))
    rows = session.execute(
        select(Event.id, Document.path, Event.fingerprint)
        .join(Document, Document.id == Event.document_id)
        .where(Event.id.in_(list(event_ids)))
    ).all()
    found = {event_id: (path or "", print_) for event_id, path, print_ in rows}
    missing = [i for i in event_ids if i not in found]
    if missing:
        raise CurationError(f"no event {missing[0]}")
    return found


@dataclass
class Decisions:
    """What the analyst said, read once for a round of matching."""

    alone: set[Key]
    apart: set[frozenset[Key]]
    same: list[tuple[Key, Key]]

    @staticmethod
    def load(session: Session) -> Decisions:
        alone: set[Key] = set()
        apart: set[frozenset[Key]] = set()
        same: list[tuple[Key, Key]] = []
        for kind, pa, fa, pb, fb in session.execute(
            select(
                IncidentDecision.kind,
                IncidentDecision.path_a,
                IncidentDecision.fingerprint_a,
                IncidentDecision.path_b,
                IncidentDecision.fingerprint_b,
            )
        ):
            if kind == "alone":
                alone.add((pa, fa))
            elif kind == "apart":
                apart.add(frozenset({(pa, fa), (pb, fb)}))
            elif kind == "same":
                same.append(((pa, fa), (pb, fb)))
        return Decisions(alone, apart, same)

    def allows(self, a: Key, b: Key) -> bool:
        return a not in self.alone and b not in self.alone and frozenset({a, b}) not in self.apart


def _decide(session: Session, kind: str, a: Key, b: Key = ("", "")) -> None:
    session.add(
        IncidentDecision(
            kind=kind,
            path_a=a[0],
            fingerprint_a=a[1],
            path_b=b[0],
            fingerprint_b=b[1],
            decided_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        )
    )


def split_event(session: Session, event_id: int) -> int | None:
    """Take a report out of its incident, to stand alone from now on; returns the incident
    it left (None if it was alone)."""
    from store.incidents import refresh

    key = _keys(session, [event_id])[event_id]
    incident = session.scalar(select(Event.incident_id).where(Event.id == event_id))
    session.execute(
        delete(IncidentDecision).where(
            IncidentDecision.kind == "same",
            ((IncidentDecision.path_a == key[0]) & (IncidentDecision.fingerprint_a == key[1]))
            | ((IncidentDecision.path_b == key[0]) & (IncidentDecision.fingerprint_b == key[1])),
        )
    )
    _decide(session, "alone", key)
    session.execute(update(Event).where(Event.id == event_id).values(incident_id=None))
    if incident is not None:
        refresh(session, [incident])
    return incident


def merge_reports(session: Session, event_ids: Sequence[int]) -> int:
    """Put the reports (and the incidents they are in) into one incident, the analyst's;
    returns its id."""
    from store.incidents import refresh

    ids = list(dict.fromkeys(event_ids))
    if len(ids) < 2:
        raise CurationError("merging needs two reports or more")
    keys = _keys(session, ids)
    current = {
        i: inc
        for i, inc in session.execute(select(Event.id, Event.incident_id).where(Event.id.in_(ids)))
    }
    incidents = sorted({inc for inc in current.values() if inc is not None})
    if incidents:
        target = incidents[0]
        session.execute(
            update(Event).where(Event.incident_id.in_(incidents[1:])).values(incident_id=target)
        )
        session.execute(delete(Incident).where(Incident.id.in_(incidents[1:])))
    else:
        row = Incident(type="other")
        session.add(row)
        session.flush()
        target = row.id
    session.execute(update(Event).where(Event.id.in_(ids)).values(incident_id=target))
    session.execute(update(Incident).where(Incident.id == target).values(origin=ANALYST))
    first = keys[ids[0]]
    for other in ids[1:]:
        _decide(session, "same", first, keys[other])
    for key in keys.values():  # no longer alone, nor apart from the others
        session.execute(
            delete(IncidentDecision).where(
                IncidentDecision.kind == "alone",
                IncidentDecision.path_a == key[0],
                IncidentDecision.fingerprint_a == key[1],
            )
        )
    refresh(session, [target])
    return target


def mark_apart(session: Session, first: int, second: int) -> None:
    """Two reports are not of one happening: never in one incident; the second leaves the
    first's incident if they were."""
    from store.incidents import refresh

    keys = _keys(session, [first, second])
    _decide(session, "apart", keys[first], keys[second])
    a, b = (session.scalar(select(Event.incident_id).where(Event.id == i)) for i in (first, second))
    if a is not None and a == b:
        session.execute(update(Event).where(Event.id == second).values(incident_id=None))
        refresh(session, [a])


_INCIDENT_FIELDS = tuple(c.name for c in Incident.__table__.columns)
_DECISION_FIELDS = tuple(c.name for c in IncidentDecision.__table__.columns)


@dataclass(frozen=True)
class IncidentState:
    """How the incidents of some reports stood before an analyst's command, to undo it:
    which incident each of their fellow reports was in, those incidents' rows, and every
    decision (a few, an analyst's) as they were."""

    members: tuple[tuple[int, int | None], ...]  # (event, its incident)
    incidents: tuple[tuple[object, ...], ...]  # rows, in _INCIDENT_FIELDS order
    decisions: tuple[tuple[object, ...], ...]  # rows, in _DECISION_FIELDS order

    @property
    def event_ids(self) -> list[int]:
        return [event_id for event_id, _incident in self.members]


def incident_state(session: Session, event_ids: Sequence[int]) -> IncidentState:
    """The state an incident command on ``event_ids`` may change."""
    ids = [int(i) for i in event_ids]
    of = select(Event.id, Event.incident_id)
    members: dict[int, int | None] = {
        e: i for e, i in session.execute(of.where(Event.id.in_(ids))).all()
    }
    incidents = sorted({i for i in members.values() if i is not None})
    members.update(
        (e, i) for e, i in session.execute(of.where(Event.incident_id.in_(incidents))).all()
    )
    table, decisions = Incident.__table__, IncidentDecision.__table__
    return IncidentState(
        members=tuple(sorted(members.items())),
        incidents=tuple(
            tuple(row) for row in session.execute(select(table).where(table.c.id.in_(incidents)))
        ),
        decisions=tuple(tuple(row) for row in session.execute(select(decisions))),
    )


def restore_incidents(session: Session, state: IncidentState) -> None:
    """Put the incidents of ``state``'s reports back as they stood: an incident the command
    made and left without reports goes, one it folded away comes back with its id."""
    table, decisions = Incident.__table__, IncidentDecision.__table__
    now = {
        i
        for i in session.scalars(select(Event.incident_id).where(Event.id.in_(state.event_ids)))
        if i is not None
    }
    before = {row[0] for row in state.incidents}
    session.execute(delete(table).where(table.c.id.in_(before)))
    for row in state.incidents:
        session.execute(table.insert().values(dict(zip(_INCIDENT_FIELDS, row, strict=True))))
    for event_id, incident in state.members:
        session.execute(update(Event).where(Event.id == event_id).values(incident_id=incident))
    made = sorted(now - before)
    if made:
        left = set(session.scalars(select(Event.incident_id).where(Event.incident_id.in_(made))))
        session.execute(delete(table).where(table.c.id.in_([i for i in made if i not in left])))
    session.execute(delete(decisions))
    for row in state.decisions:
        session.execute(decisions.insert().values(dict(zip(_DECISION_FIELDS, row, strict=True))))
