"""The in-memory event index answers exactly what the SQL query means, at small sizes.

The index is what keeps a million events instant; these tests check it against
``EventQuery``'s SQL and against brute force on a few thousand synthetic events with every
granularity, undated events, analyst events, Zipf-popular entities and full text.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from sqlalchemy import func, select

from store.event_index import EventIndex
from store.models import Event, EventEntity
from store.query import EventQuery
from store.read import event_rows


@pytest.fixture
def store(synthetic_store):  # type: ignore[no-untyped-def]
    return synthetic_store


def _queries(store) -> list[EventQuery]:  # type: ignore[no-untyped-def]
    with store.session() as s:
        ranked = s.execute(
            select(EventEntity.entity_id, func.count())
            .group_by(EventEntity.entity_id)
            .order_by(func.count().desc(), EventEntity.entity_id)
        ).all()
    popular, rare = ranked[0][0], ranked[len(ranked) // 2][0]
    return [
        EventQuery(),
        EventQuery(types=frozenset({"raid", "airstrike"})),
        EventQuery(types=frozenset()),
        EventQuery(date_from=dt.date(2001, 3, 1), date_to=dt.date(2003, 1, 1)),
        EventQuery(date_from=dt.date(2010, 1, 1), include_undated=False),
        EventQuery(include_undated=False),
        EventQuery(entity_ids=(popular,)),
        EventQuery(entity_ids=(popular, rare)),
        EventQuery(entity_ids=(popular, 2), match_all_entities=True),
        EventQuery(text="ceasefire"),
        EventQuery(text="convoy pickup", types=frozenset({"talks", "statement", "other"})),
        EventQuery(document_ids=(1, 5, 9)),
        EventQuery(min_confidence=0.7),
        EventQuery(origins=frozenset({"analyst"})),
        EventQuery(origins=frozenset({"machine"}), date_to=dt.date(2005, 6, 1)),
    ]


def test_filters_counts_and_every_order_match_sql(store):
    with store.session() as s:
        index = EventIndex.load(s)
        assert len(index) == 3000
        for query in _queries(store):
            chosen = index.select(s, query)
            assert len(chosen) == query.count(s), query
            assert chosen.counts_by_type == query.counts_by_type(s), query
            for order in ("date", "type", "document", "confidence"):
                for descending in (False, True):
                    got = chosen.ids(order, descending)
                    assert got is not None
                    want = query.event_ids(s, order=order, descending=descending)
                    assert got.tolist() == want, (query, order, descending)
            assert chosen.ids("summary") is None  # left to SQL


def test_visible_range_items_and_density_bins_match_brute_force(store):
    with store.session() as s:
        index = EventIndex.load(s)
        for query in _queries(store)[:8]:
            rows = event_rows(s, query.event_ids(s))
            chosen = index.select(s, query)
            for lo, hi in [
                (dt.date(1990, 1, 1), dt.date(2030, 1, 1)),
                (dt.date(2004, 2, 10), dt.date(2004, 5, 1)),
                (dt.date(2011, 7, 4), dt.date(2011, 7, 5)),
            ]:
                want = {
                    r.id
                    for r in rows
                    if r.date_start is not None and r.date_start < hi and r.date_end > lo
                }
                items = chosen.items(lo.toordinal(), hi.toordinal())
                assert {i.id for i in items} == want
                assert chosen.count_in(lo.toordinal(), hi.toordinal()) == len(want)
                for bins in (7, 300):
                    width = (hi - lo).days / bins
                    counts = [0] * bins
                    for r in rows:
                        if r.date_start is not None and lo <= r.date_start < hi:
                            counts[int((r.date_start - lo).days / width)] += 1
                    got = chosen.density(lo.toordinal(), hi.toordinal(), bins)
                    assert got == counts, (query, lo, hi, bins)
            assert chosen.n_undated == sum(r.date_start is None for r in rows)


def test_the_index_is_cached_in_the_store_and_rebuilt_after_a_change(store):
    first = EventIndex.open(store)
    again = EventIndex.open(store)
    assert again.ids.tolist() == first.ids.tolist()
    assert again.start.tolist() == first.start.tolist()
    with store.session() as s, s.begin():
        s.get(Event, int(first.ids[0])).type = "arson"  # type: ignore[union-attr]
    changed = EventIndex.open(store)
    position = int(changed.position_of[int(first.ids[0])])
    assert changed.type_names[changed.type[position]] == "arson"
    with store.session() as s, s.begin():
        s.get(Event, int(first.ids[0])).type = "raid"  # type: ignore[union-attr]


def _synthetic_store(tmp_path, events: int, seed: int):  # type: ignore[no-untyped-def]
    from benchmarks.make_store import build
    from store.db import open_store

    path = tmp_path / f"synthetic-{seed}.sqlite3"
    build(path, events, seed=seed, report=False)
    return open_store(path)


def _assert_same_columns(patched: EventIndex, fresh: EventIndex) -> None:
    for name in ("ids", "start", "end", "type", "grain", "inferred", "analyst"):
        assert np.array_equal(getattr(patched, name), getattr(fresh, name)), name


@pytest.mark.parametrize("consume", [False, True])
def test_an_index_patched_after_edits_equals_one_read_afresh(tmp_path, consume):
    """An analyst retypes (to a type no event had), redates, undates and rejects events; the
    index patched with just those ids answers like one read from the whole table, whether
    or not the patch gave up the old index's columns as it went."""
    from store.curation import edit_event
    from store.rejection import reject_events

    store = _synthetic_store(tmp_path, 400, seed=5)
    with store.session() as s:
        before = EventIndex.load(s)
        ids = [int(i) for i in before.ids[::37]]
    with store.session() as s, s.begin():
        edit_event(s, ids[0], type="ceremony", date_value="1999")
        edit_event(s, ids[1], date_value="")
        edit_event(s, ids[2], date_value="2030-05-06")
        edit_event(s, ids[-1], date_value="2001-Q2")
        reject_events(s, ids[3:5])
    with store.session() as s:
        patched = before.patched(s, [*ids[:5], ids[-1]], consume=consume)
        fresh = EventIndex.load(s)
        assert patched.type_names == fresh.type_names
        _assert_same_columns(patched, fresh)
        assert patched.n_dated == fresh.n_dated
        for query in (EventQuery(), EventQuery(types=frozenset({"ceremony"}))):
            assert list(patched.select(s, query).ids()) == query.event_ids(s)
    store.close()


@pytest.mark.parametrize("consume", [False, True])
def test_an_index_patched_after_most_events_were_rejected_equals_one_read_afresh(tmp_path, consume):
    """Ctrl+A, Delete on most of the events, then undo: with a good part of the index
    changed, the patch reads the table afresh, and answers the same either way."""
    from store.rejection import reject_events, restore_rejected

    store = _synthetic_store(tmp_path, 400, seed=7)
    with store.session() as s:
        index = EventIndex.load(s)
    ids = [int(i) for i in index.ids[:300]]

    def patched_like_afresh(index: EventIndex, changed, events: int) -> EventIndex:  # type: ignore[no-untyped-def]
        with store.session() as s:
            index = index.patched(s, changed, consume=consume)
            assert len(index) == events
            _assert_same_columns(index, EventIndex.load(s))
        return index

    with store.session() as s, s.begin():
        rejections = reject_events(s, ids)
    index = patched_like_afresh(index, ids, 100)
    with store.session() as s, s.begin():
        restored = restore_rejected(s, rejections)
    patched_like_afresh(index, restored, 400)
    store.close()


def test_a_retype_patches_the_index_without_copying_what_it_did_not_change(tmp_path):
    """Retyping events (one to a type no event had) moves none of them: the patched index
    shares its unchanged columns with the old one, which stays as it was, and answers like
    one read afresh."""
    from store.curation import edit_events

    store = _synthetic_store(tmp_path, 400, seed=9)
    with store.session() as s:
        before = EventIndex.load(s)
        ids = [int(i) for i in before.ids[::29]]
        types_before = before.type.copy()
    with store.session() as s, s.begin():
        edit_events(s, ids[:-1], type="statement")
        edit_events(s, ids[-1:], type="ceremony", summary="renamed")
    with store.session() as s:
        patched = before.patched(s, ids)
        fresh = EventIndex.load(s)
        _assert_same_columns(patched, fresh)
        assert patched.type_names == fresh.type_names
        assert list(patched.select(s, EventQuery(types=frozenset({"ceremony"}))).ids()) == [ids[-1]]
    assert patched.start is before.start and patched.position_of is before.position_of
    assert np.array_equal(before.type, types_before)  # the old index is untouched
    store.close()


def test_an_index_patched_by_edits_is_kept_for_the_next_start(tmp_path, monkeypatch):
    """After an analyst's edit, closing the app caches the patched index: the next start
    reads it back instead of the whole table. A change by another writer voids it."""
    from store import event_index
    from store.curation import edit_event
    from store.models import IndexCache

    monkeypatch.setattr(event_index, "_SAVE_ROWS", 64)  # written in several slices

    store = _synthetic_store(tmp_path, 200, seed=7)
    index = EventIndex.open(store)
    event_id = int(index.ids[0])
    with store.session() as s, s.begin():
        edit_event(s, event_id, date_value="1999-12-31")
    with store.session() as s:
        patched = index.patched(s, [event_id])
    assert patched.save(store)
    with store.session() as s:
        cached = s.get(IndexCache, "events")
        assert cached is not None and cached.generation == patched.generation
    again = EventIndex.open(store)
    _assert_same_columns(again, patched)

    with store.session() as s, s.begin():
        edit_event(s, event_id, type="statement")
    assert not patched.save(store)  # stale: the store moved on without it
    store.close()
