"""An analyst corrects who and where an event involves: links an entity the machine missed
(by a name it knows, by an alias, or by a new name), drops a wrong one, gives roles; the links
hold when the document comes back, and the change can be undone."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from importers.pipeline import ImportOptions, import_paths
from store.curation import CurationError
from store.db import check_integrity
from store.links import LinkSpec, restore_links, set_links
from store.models import ANALYST, Entity, Event
from store.query import EventQuery
from store.read import event_rows

REPORT = (
    "The Islamic State (ISIS) claimed the attack.\n\n"
    "Militants attacked a checkpoint in Kandahar on March 3, 2019.\n"
)


def _imported(store, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "report.txt"
    path.write_text(REPORT)
    import_paths(store, [path], ImportOptions(published=dt.date(2019, 3, 6)))
    with store.session() as s:
        attack = s.scalar(select(Event.id).where(Event.trigger_text == "attacked"))
    return path, attack


def _links(store, event_id: int) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with store.session() as s:
        (row,) = event_rows(s, [event_id])
    return {(e.name, e.role) for e in row.entities}


def test_an_analyst_gives_an_event_its_actor_by_alias_and_a_new_name(store, tmp_path):
    path, attack = _imported(store, tmp_path)
    assert ("Kandahar", "location") in _links(store, attack)

    specs = [
        LinkSpec("ISIS", "actor"),  # an alias of a name the text defined
        LinkSpec("Kandahar", "location"),
        LinkSpec("Border Police", "target", "organization"),  # a name nobody marked
    ]
    with store.session() as s, s.begin():
        before = set_links(s, attack, specs)
    links = _links(store, attack)
    assert links == {
        ("Islamic State", "actor"),
        ("Kandahar", "location"),
        ("Border Police", "target"),
    }
    with store.session() as s:
        assert s.get(Event, attack).origin == ANALYST
        police = s.scalar(select(Entity).where(Entity.name == "Border Police"))
        assert (police.kind, police.origin) == ("organization", ANALYST)
        assert attack in EventQuery(entity_names=("ISIS",)).event_ids(s)
        assert check_integrity(s)

    # the document comes back changed: the analyst's links stay
    path.write_text("Update: one correction.\n\n" + REPORT)
    import_paths(store, [path], ImportOptions(published=dt.date(2019, 3, 6)))
    assert _links(store, attack) == links

    with store.session() as s, s.begin():
        restore_links(s, before)
    assert ("Kandahar", "location") in _links(store, attack)
    assert ("Islamic State", "actor") not in _links(store, attack)
    with store.session() as s:
        assert s.scalar(select(Entity).where(Entity.name == "Border Police")) is None
        assert s.get(Event, attack).origin == "machine"


def test_dropping_every_link_leaves_the_event_with_none(store, tmp_path):
    _, attack = _imported(store, tmp_path)
    with store.session() as s, s.begin():
        set_links(s, attack, [])
    assert _links(store, attack) == set()


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        (LinkSpec("Kandahar", "bystander"), "unknown role"),
        (LinkSpec("  ", "actor"), "not a name"),
        (LinkSpec("Someone New", "actor", "tribe"), "unknown kind"),
    ],
)
def test_what_cannot_be_a_link_is_refused_and_nothing_changes(store, tmp_path, spec, reason):
    _, attack = _imported(store, tmp_path)
    links = _links(store, attack)
    with store.session() as s, s.begin(), pytest.raises(CurationError, match=reason):
        set_links(s, attack, [LinkSpec("ISIS", "actor"), spec])
    assert _links(store, attack) == links
