"""An analyst rejects or retypes thousands of events at once (everything a filter shows, say)
and undoes it: every event comes back as it was, a long change can be stopped part-way
without leaving half of it done, and rejections made by an earlier version still undo."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, text, update

from store.batches import Cancelled
from store.curation import edit_events, restore_edited
from store.db import check_integrity
from store.models import Event, EventEntity, RejectedEvent
from store.rejection import reject_events, restore_rejected


def _everything(s) -> tuple[list, list]:  # type: ignore[no-untyped-def]
    """Every event and link; without fingerprints, which a rejection gives to events stored
    before events had one (the synthetic store's)."""
    columns = [c for c in Event.__table__.c if c.name != "fingerprint"]
    events = s.execute(select(*columns).order_by(Event.id)).all()
    links = s.execute(
        select(*EventEntity.__table__.c).order_by(
            EventEntity.event_id, EventEntity.entity_id, EventEntity.role
        )
    ).all()
    return events, links


def test_rejecting_thousands_of_events_and_undoing_it_gives_every_one_back(synthetic_store):
    with synthetic_store.session() as s:
        before = _everything(s)
        ids = [row.id for row in before[0]][::2]  # 1,500 events, more than one batch
        reports: list[tuple[int, int]] = []

        rejections = reject_events(s, ids, lambda done, total: not reports.append((done, total)))
        assert len(rejections) == len(ids)
        assert s.scalar(select(func.count()).select_from(Event)) == len(before[0]) - len(ids)
        assert (
            s.scalar(
                select(func.count()).select_from(EventEntity).where(EventEntity.event_id.in_(ids))
            )
            == 0
        )
        assert reports[-1] == (len(ids), len(ids)) and len(reports) > 1

        restored = restore_rejected(s, rejections)
        assert restored.tolist() == ids  # their own ids, in the order of the rejections
        assert _everything(s) == before
        assert "" not in set(s.scalars(select(Event.fingerprint).where(Event.id.in_(ids))))
        assert s.scalar(select(func.count()).select_from(RejectedEvent)) == 0
        assert check_integrity(s)
        s.rollback()  # the shared store stays as it was


def test_a_long_rejection_stopped_part_way_changes_nothing(synthetic_store):
    with synthetic_store.session() as s:
        before = _everything(s)
    ids = [row.id for row in before[0]]
    stop_halfway = lambda done, total: done < total / 2  # noqa: E731
    with (
        pytest.raises(Cancelled, match="stopped after 1,800 of 3,000"),
        synthetic_store.session() as s,
        s.begin(),
    ):
        reject_events(s, ids, stop_halfway)
    with synthetic_store.session() as s:
        assert _everything(s) == before
        assert s.scalar(select(func.count()).select_from(RejectedEvent)) == 0


def test_a_rejection_made_by_an_earlier_version_still_undoes(synthetic_store):
    """Earlier versions wrote the snapshot in Python: times with a ``T``, ``true``/``false``
    for flags, and no column added since (here ``entity_labels``, which the links rebuild)."""
    with synthetic_store.session() as s:
        before = _everything(s)
        ids = [row.id for row in before[0][:40]]
        rejections = reject_events(s, ids)
        for rejection in s.scalars(select(RejectedEvent).where(RejectedEvent.id.in_(rejections))):
            data = json.loads(rejection.snapshot)
            event = data["event"]
            event["created_at"] = event["created_at"].replace(" ", "T")
            event["date_inferred"] = bool(event["date_inferred"])
            del event["entity_labels"]
            s.execute(
                update(RejectedEvent)
                .where(RejectedEvent.id == rejection.id)
                .values(snapshot=json.dumps(data))
            )
        s.expire_all()

        assert restore_rejected(s, rejections).tolist() == ids
        assert _everything(s) == before
        stored = text("SELECT count(*) FROM events WHERE created_at LIKE '%T%'")
        assert s.scalar(stored) == 0  # times stored as the store writes them
        s.rollback()


def test_retyping_and_redating_thousands_of_events_and_undoing_it_puts_back_every_field(
    synthetic_store,
):
    with synthetic_store.session() as s:
        before = _everything(s)
        ids = [row.id for row in before[0]][1::2]
        edited = edit_events(s, ids, type="ceremony", date_value="2019-Q3")
        assert edited.ids.tolist() == ids
        rows = s.execute(
            select(Event.type, Event.date_value, Event.granularity, Event.origin).where(
                Event.id.in_(ids[:900])
            )
        ).all()
        assert set(rows) == {("ceremony", "2019-Q3", "quarter", "analyst")}
        # what undo needs is a list per field, sharing one string per distinct value
        assert len({id(t) for t in edited.was["type"]}) == len(set(edited.was["type"]))

        assert restore_edited(s, edited) == ids
        assert _everything(s) == before
        s.rollback()


def test_event_ids_handed_over_as_numpy_integers_find_their_events(synthetic_store):
    """The app keeps selections as arrays; one of their items used as an id must find the
    event, not silently nothing."""
    import numpy as np

    from store.read import event_rows

    with synthetic_store.session() as s:
        first = s.scalar(select(Event.id).order_by(Event.id).limit(1))
        (row,) = event_rows(s, [np.int64(first)])
        assert row.id == first
