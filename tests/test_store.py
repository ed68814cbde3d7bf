"""The store: idempotent imports, re-imports that keep an analyst's work, queries."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from importers.pipeline import ImportOptions, import_paths
from store.db import check_integrity
from store.models import ANALYST, Event
from store.query import EventQuery, parse_bound
from store.read import document_row, entity_rows, event_rows, iter_event_rows


def _import(store, *paths, published=dt.date(2020, 1, 27)):
    return import_paths(store, list(paths), ImportOptions(published=published))


def test_importing_the_same_content_twice_adds_nothing(store, seed_path, tmp_path):
    first = _import(store, seed_path)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed_path.read_bytes())
    second = _import(store, seed_path, copy)
    assert first.count("imported") == 1
    assert second.count("unchanged") == 2
    with store.session() as s:
        assert s.scalar(select(func.count(Event.id))) == first.events


def test_changed_content_replaces_machine_events_and_keeps_the_analysts(store, tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text("Militants attacked a checkpoint in Kandahar on March 3, 2019.\n")
    _import(store, doc)
    with store.session() as s, s.begin():
        (ev,) = s.scalars(select(Event)).all()
        s.add(
            Event(
                document_id=ev.document_id,
                type="arrest",
                summary="analyst note",
                span_start=0,
                span_end=10,
                origin=ANALYST,
                created_at=dt.datetime(2020, 1, 1),
            )
        )
    doc.write_text("Militants bombed a checkpoint in Kandahar on March 4, 2019.\n")
    report = _import(store, doc)
    assert report.count("replaced") == 1
    with store.session() as s:
        rows = s.execute(select(Event.type, Event.origin, Event.date_value)).all()
        assert check_integrity(s)
    assert ("bombing", "machine", "2019-03-04") in rows
    assert ("arrest", "analyst", "") in rows
    assert not any(r.type == "attack" for r in rows)


def test_queries_filter_by_type_entity_date_and_text(store, seed_path):
    _import(store, seed_path)
    with store.session() as s:
        everything = EventQuery().count(s)
        raids = EventQuery(types=frozenset({"raid"}))
        assert 0 < raids.count(s) < everything
        assert {r.type for r in event_rows(s, raids.event_ids(s))} == {"raid"}

        by_alias = EventQuery(entity_names=("AQIS",)).event_ids(s)
        by_name = EventQuery(entity_names=("al-Qaeda in the Indian Subcontinent",)).event_ids(s)
        assert by_alias and by_alias == by_name

        both = EventQuery(entity_names=("Helmand", "Asim Umar"), match_all_entities=True)
        either = EventQuery(entity_names=("Helmand", "Doha"))
        assert 0 < both.count(s) <= either.count(s)

        sept = EventQuery(
            date_from=parse_bound("2019-09", end=False),
            date_to=parse_bound("2019-09", end=True),
            include_undated=False,
        )
        rows = event_rows(s, sept.event_ids(s))
        # A range keeps every event it overlaps: the month's events and the year's.
        assert {r.date_value for r in rows} == {"2019-09", "2019"}
        assert all(
            r.date_start < dt.date(2019, 10, 1) < r.date_end or r.date_start <= dt.date(2019, 9, 1)
            for r in rows
        )

        musa = EventQuery(text="Musa Qala").event_ids(s)
        assert {r.type for r in event_rows(s, musa)} == {"raid"}
        assert EventQuery(text='"; DROP TABLE events; --').count(s) == 0
        counts = raids.counts_by_type(s)
        assert counts["raid"] == raids.count(s) and len(counts) > 1


def test_entities_report_aliases_and_counts(store, seed_path):
    _import(store, seed_path)
    with store.session() as s:
        rows = {r.name: r for r in entity_rows(s)}
    taliban = rows["Taliban"]
    assert taliban.kind == "organization"
    assert taliban.mentions > 10 and taliban.events > 1


def test_entities_merge_across_documents_by_alias(store, tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Al Qaeda claimed responsibility for the attack in Kabul on May 2, 2019.\n")
    b.write_text("An AQ statement on June 5, 2019 praised the Taliban.\n")
    _import(store, a, b)
    with store.session() as s:
        names = [r.name for r in entity_rows(s, kinds=["organization"])]
    assert names.count("al-Qaeda") == 1


def test_a_reference_inferred_from_the_text_is_kept_only_as_precise_as_the_text(store, tmp_path):
    undated = tmp_path / "note.txt"
    undated.write_text("The cell was formed in 2019. Its leader was arrested yesterday.\n")
    import_paths(store, [undated], ImportOptions())
    with store.session() as s:
        (event,) = [e for e in iter_event_rows(s, EventQuery()) if e.type == "arrest"]
        doc = document_row(s, event.document_id)
    assert doc is not None
    assert (doc.reference_source, doc.reference_value) == ("inferred", "2019")
    assert event.date_value != "2019-12-30"  # "yesterday" names no day against a year
