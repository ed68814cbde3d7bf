"""An analyst corrects the machine: edits an event, rejects one, merges and renames entities;
the corrections survive a re-import of the changed document and can be undone."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from importers.pipeline import ImportOptions, import_paths
from store.curation import (
    CurationError,
    edit_event,
    edit_events,
    merge_entities,
    parse_date_value,
    rename_entity,
    restore_edited,
    restore_name,
    unmerge_entities,
)
from store.db import check_integrity
from store.models import ANALYST, Document, Entity, Event, EventEntity, Mention
from store.query import EventQuery
from store.read import entity_rows, event_highlights, event_rows
from store.rejection import reject_events, restore_rejected

REPORT = (
    "Militants attacked a checkpoint in Kandahar on March 3, 2019.\n\n"
    "Police arrested two suspects in Herat on March 5, 2019.\n"
)


def _import(store, *paths):
    return import_paths(store, list(paths), ImportOptions(published=dt.date(2019, 3, 6)))


def _imported_report(store, tmp_path):  # type: ignore[no-untyped-def]
    """The report written to a file and imported: the file (to change and import again) and
    the events by their trigger word."""
    doc = tmp_path / "report.txt"
    doc.write_text(REPORT)
    _import(store, doc)
    return doc, _events(store)


def _events(store) -> dict[str, Event]:
    with store.session() as s:
        return {ev.trigger_text: ev for ev in s.scalars(select(Event))}


def test_an_analyst_redates_and_retypes_an_event_and_can_undo_it(store, tmp_path):
    _, events = _imported_report(store, tmp_path)
    attack = events["attacked"]
    assert (attack.type, attack.date_value) == ("attack", "2019-03-03")

    with store.session() as s, s.begin():
        before = edit_event(s, attack.id, type="bombing", date_value="2019-03")
    with store.session() as s:
        (row,) = event_rows(s, [attack.id])
    assert (row.type, row.date_value, row.granularity) == ("bombing", "2019-03", "month")
    assert (row.date_start, row.date_end) == (dt.date(2019, 3, 1), dt.date(2019, 4, 1))
    assert (row.origin, row.date_source, row.date_inferred) == (ANALYST, "analyst", False)

    with store.session() as s, s.begin():
        restore_edited(s, before)
    with store.session() as s:
        (row,) = event_rows(s, [attack.id])
    assert (row.type, row.date_value, row.origin) == ("attack", "2019-03-03", "machine")


def test_several_events_redated_at_once_skip_one_removed_meanwhile(store, tmp_path):
    _, events = _imported_report(store, tmp_path)
    attack, arrest = events["attacked"], events["arrested"]
    with store.session() as s, s.begin():
        reject_events(s, [arrest.id])  # another window took it away
    ids = [attack.id, arrest.id]

    with store.session() as s, s.begin(), pytest.raises(CurationError, match="not a date"):
        edit_events(s, ids, type="bombing", date_value="March")
    assert _events(store)["attacked"].type == "attack"  # a bad date changes nothing

    with store.session() as s, s.begin():
        before = edit_events(s, ids, date_value="2019-Q1")
    assert before.ids.tolist() == [attack.id]
    with store.session() as s:
        (row,) = event_rows(s, [attack.id])
    assert (row.type, row.date_value, row.granularity) == ("attack", "2019-Q1", "quarter")


def test_a_date_the_analyst_cannot_mean_is_refused_with_a_reason():
    assert parse_date_value("") == (None, None, "none")
    assert parse_date_value("199")[2] == "decade"
    with pytest.raises(CurationError, match="not a date"):
        parse_date_value("March 3rd")
    with pytest.raises(CurationError):
        parse_date_value("2019-02-30")


def test_an_edit_survives_the_document_coming_back_with_a_new_paragraph(store, tmp_path):
    doc, events = _imported_report(store, tmp_path)
    attack = events["attacked"]
    with store.session() as s, s.begin():
        edit_event(s, attack.id, type="bombing", summary="Checkpoint bombed (analyst)")

    doc.write_text("Update: the road reopened on March 6, 2019.\n\n" + REPORT)
    assert _import(store, doc).count("replaced") == 1

    with store.session() as s:
        rows = event_rows(s, EventQuery().event_ids(s))
        assert check_integrity(s)
    checkpoint = [r for r in rows if "checkpoint" in r.evidence]
    assert [(r.type, r.summary, r.origin) for r in checkpoint] == [
        ("bombing", "Checkpoint bombed (analyst)", ANALYST)
    ]
    # the analyst's event moved with its sentence: its evidence is still that sentence, and
    # its date, the machine's still, is highlighted where the text now says it
    assert checkpoint[0].evidence.startswith("Militants attacked a checkpoint")
    with store.session() as s:
        text = s.get(Document, checkpoint[0].document_id).text
        marks = {m.kind: text[m.start : m.end] for m in event_highlights(s, checkpoint[0].id)}
    assert (marks["date"], marks["trigger"]) == ("March 3, 2019", "attacked")
    assert any(r.type == "arrest" for r in rows)


def test_a_rejected_event_stays_gone_after_a_reimport_and_comes_back_on_undo(store, tmp_path):
    doc, events = _imported_report(store, tmp_path)
    arrest = events["arrested"]
    with store.session() as s:
        (row,) = event_rows(s, [arrest.id])
    linked = {(e.name, e.role) for e in row.entities}
    assert linked

    with store.session() as s, s.begin():
        rejections = reject_events(s, [arrest.id])
    assert "arrested" not in _events(store)

    doc.write_text(REPORT + "\nThe checkpoint reopened on March 6, 2019.\n")
    _import(store, doc)
    assert "arrested" not in _events(store)

    with store.session() as s, s.begin():
        (restored,) = restore_rejected(s, rejections)
    with store.session() as s:
        (row,) = event_rows(s, [restored])
        assert check_integrity(s)
    assert row.type == "arrest"
    assert {(e.name, e.role) for e in row.entities} == linked


def test_merging_two_entities_moves_names_mentions_and_events_and_holds_on_reimport(
    store, tmp_path
):
    doc = tmp_path / "groups.txt"
    doc.write_text(
        "Fighters of the Saraj Brigade attacked a base in Ghazni on May 2, 2019.\n\n"
        "The Saraj Martyrs Front attacked a convoy in Zabul on May 4, 2019.\n"
    )
    _import(store, doc)
    with store.session() as s:
        names = {e.name: e.id for e in s.scalars(select(Entity))}
    front, brigade = names["Saraj Martyrs Front"], names["Saraj Brigade"]

    with store.session() as s, s.begin():
        assert [f.name for f in merge_entities(s, front, [brigade]).folded] == ["Saraj Brigade"]
    with store.session() as s:
        rows = {r.name: r for r in entity_rows(s)}
        front_events = EventQuery(entity_ids=(front,)).count(s)
        links = s.scalars(select(EventEntity.entity_id)).all()
        assert check_integrity(s)
    assert "Saraj Brigade" not in rows
    assert "Saraj Brigade" in rows["Saraj Martyrs Front"].aliases
    assert front_events == 2
    assert brigade not in links

    doc.write_text(doc.read_text() + "\nA spokesman spoke on May 5, 2019.\n")
    _import(store, doc)
    with store.session() as s:
        assert s.scalar(select(Entity.id).where(Entity.name == "Saraj Brigade")) is None
        owners = set(s.scalars(select(Mention.entity_id).where(Mention.text == "Saraj Brigade")))
    assert owners == {front}


def _entity_state(store) -> tuple[set[tuple], set[tuple]]:
    """Every entity with its aliases and counts, and every mention's and link's owner by
    name: what a merge and its undo must leave as they found it."""
    with store.session() as s:
        assert check_integrity(s)
        names = {e.id: (e.name, e.kind, e.origin) for e in s.scalars(select(Entity))}
        rows = {(r.name, r.kind, r.aliases, r.mentions, r.events) for r in entity_rows(s)}
        owners = {(m.id, names[m.entity_id]) for m in s.scalars(select(Mention))}
        owners |= {
            (link.event_id, link.role, link.origin, names[link.entity_id])
            for link in s.scalars(select(EventEntity))
        }
    return rows, owners


def test_undoing_a_merge_gives_back_each_entity_as_it_was(store, tmp_path):
    doc = tmp_path / "groups.txt"
    doc.write_text(
        "Fighters of the Saraj Brigade attacked a base in Ghazni on May 2, 2019.\n\n"
        "The Saraj Martyrs Front and the Saraj Brigade attacked a convoy in Zabul on May 4, "
        "2019.\n\nThe Saraj Martyrs Front said on May 5, 2019 that it had attacked Zabul.\n"
    )
    _import(store, doc)
    before = _entity_state(store)
    with store.session() as s:
        names = {e.name: e.id for e in s.scalars(select(Entity))}
    keep, others = names["Saraj Martyrs Front"], [names["Saraj Brigade"], names["Zabul"]]

    with store.session() as s, s.begin():
        merge = merge_entities(s, keep, others)
    merged = _entity_state(store)
    with store.session() as s, s.begin():
        restored = unmerge_entities(s, merge)

    assert merged != before
    assert _entity_state(store) == before
    assert sorted(restored) == sorted(others)  # the ids were free, so they came back too


def test_undoing_a_rename_puts_back_the_name_kind_and_aliases(store, tmp_path):
    doc = tmp_path / "depot.txt"
    doc.write_text("Zentrix said on May 2, 2019 that militants attacked its depot in Herat.\n")
    _import(store, doc)
    before = _entity_state(store)
    with store.session() as s:
        zentrix = s.scalar(select(Entity).where(Entity.name == "Zentrix"))
    with store.session() as s, s.begin():
        renaming = rename_entity(s, zentrix.id, "Zentrix Logistics", "organization")
    assert _entity_state(store) != before
    with store.session() as s, s.begin():
        restore_name(s, renaming)
    assert _entity_state(store) == before


def test_renaming_keeps_the_old_name_as_an_alias_and_refuses_a_clash(store, tmp_path):
    doc = tmp_path / "groups.txt"
    doc.write_text("The Taliban attacked a convoy in Zabul on May 4, 2019.\n")
    _import(store, doc)
    with store.session() as s:
        entities = {e.name: e for e in s.scalars(select(Entity))}
    taliban, zabul = entities["Taliban"], entities["Zabul"]
    with store.session() as s, s.begin():
        rename_entity(s, taliban.id, "Taliban movement", "organization")
    with store.session() as s:
        rows = {r.name: r for r in entity_rows(s)}
        found = EventQuery(entity_names=("Taliban",)).count(s)
    assert "Taliban" in rows["Taliban movement"].aliases
    assert found == 1
    with store.session() as s, s.begin(), pytest.raises(CurationError, match="merge"):
        rename_entity(s, zabul.id, "Taliban movement", "organization")


def test_a_kind_the_analyst_corrects_holds_when_the_document_comes_back(store, tmp_path):
    doc = tmp_path / "depot.txt"
    doc.write_text("Zentrix said on May 2, 2019 that militants attacked its depot in Herat.\n")
    _import(store, doc)
    with store.session() as s:
        zentrix = s.scalar(select(Entity).where(Entity.name == "Zentrix"))
    assert zentrix.kind == "other"
    with store.session() as s, s.begin():
        rename_entity(s, zentrix.id, "Zentrix Logistics", "organization")

    doc.write_text(doc.read_text() + "\nZentrix closed the depot on May 3, 2019.\n")
    _import(store, doc)
    with store.session() as s:
        kinds = {r.name: r.kind for r in entity_rows(s)}
        owners = set(s.scalars(select(Mention.entity_id).where(Mention.text == "Zentrix")))
    assert kinds["Zentrix Logistics"] == "organization"
    assert "Zentrix" not in kinds
    assert owners == {zentrix.id}


def test_undoing_a_rejection_after_the_document_changed_finds_its_sentence_again(store, tmp_path):
    doc, events = _imported_report(store, tmp_path)
    arrest = events["arrested"]
    with store.session() as s, s.begin():
        rejections = reject_events(s, [arrest.id])
    doc.write_text("Update: the road reopened on March 6, 2019.\n\n" + REPORT)
    _import(store, doc)

    with store.session() as s, s.begin():
        (restored,) = restore_rejected(s, rejections)
    with store.session() as s:
        (row,) = event_rows(s, [restored])
        assert check_integrity(s)
    assert row.evidence.startswith("Police arrested two suspects")
    assert row.passage_id is not None
