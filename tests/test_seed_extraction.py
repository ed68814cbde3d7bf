"""The article the project started from, imported as an analyst would."""

from __future__ import annotations

import datetime as dt

import pytest

from importers.pipeline import ImportOptions, import_paths
from store.query import EventQuery
from store.read import entity_rows, iter_event_rows

PUBLISHED = dt.date(2020, 1, 27)


@pytest.fixture
def seeded(store, seed_path):
    report = import_paths(store, [seed_path], ImportOptions(published=PUBLISHED))
    assert report.count("imported") == 1
    with store.session() as s:
        events = list(iter_event_rows(s, EventQuery()))
        entities = entity_rows(s)
    return events, entities


def _names(event) -> set[str]:
    return {e.name for e in event.entities}


def test_the_musa_qala_raid_is_dated_september_2019_with_its_places_and_targets(seeded):
    events, _ = seeded
    raids = [e for e in events if e.type == "raid" and e.date_value == "2019-09"]
    assert len(raids) == 1
    raid = raids[0]
    assert raid.granularity == "month"
    assert (raid.date_start, raid.date_end) == (dt.date(2019, 9, 1), dt.date(2019, 10, 1))
    assert {"Musa Qala", "Helmand", "Asim Umar", "al-Qaeda in the Indian Subcontinent"} <= _names(
        raid
    )
    assert "raid in the Musa Qala district" in raid.evidence
    roles = {e.name: e.role for e in raid.entities}
    assert roles["Musa Qala"] == "location"
    assert roles["Asim Umar"] == "target"


def test_the_talks_called_off_last_september(seeded):
    events, _ = seeded
    talks = [e for e in events if e.type == "talks" and e.date_value == "2019-09"]
    assert any("called off" in e.evidence for e in talks)
    assert all(e.date_text == "last September" for e in talks if "called off" in e.evidence)


def test_the_un_report_is_released_on_the_reference_date(seeded):
    events, _ = seeded
    releases = [e for e in events if e.type == "report_release" and "newly released" in e.evidence]
    assert len(releases) == 1
    assert releases[0].date_value == PUBLISHED.isoformat()
    assert releases[0].date_source == "document"


def test_the_al_qaeda_video_is_a_2019_statement(seeded):
    events, _ = seeded
    (video,) = [e for e in events if e.type == "statement" and "video" in e.evidence]
    assert (video.date_value, video.granularity) == ("2019", "year")


def test_alias_groups_are_single_entities(seeded):
    _, entities = seeded
    by_name = {e.name: e for e in entities}
    for canonical, aliases in {
        "al-Qaeda": (),
        "Sirajuddin Haqqani": ("Siraj Haqqani",),
        "Mike Pompeo": (),
        "Islamic State": ("ISIS", "ISIL"),
        "al-Qaeda in the Indian Subcontinent": ("AQIS",),
    }.items():
        assert canonical in by_name, canonical
        assert set(aliases) <= set(by_name[canonical].aliases)
    names = [e.name for e in entities]
    assert not {"Al Qaeda", "Al-Qaeda", "al Qaeda", "ISIS", "ISIL", "AQIS", "Pompeo"} & set(names)
    assert by_name["Mike Pompeo"].mentions >= 2  # "Mike Pompeo" and "Secretary Pompeo"


def test_places_are_places(seeded):
    _, entities = seeded
    kinds = {e.name: e.kind for e in entities}
    for place in (
        "Afghanistan",
        "Helmand",
        "Musa Qala",
        "Doha",
        "Khost",
        "Kunar",
        "Nuristan",
        "Paktiya",
        "Zabul",
    ):
        assert kinds.get(place) == "place", place


def test_without_a_date_the_seed_still_imports_and_never_claims_a_confident_year(
    store, seed_path, tmp_path
):
    undated = tmp_path / "000_381072b75bd8fb21.txt"  # the name it came with: no date in it
    undated.write_bytes(seed_path.read_bytes())
    report = import_paths(store, [undated])
    assert report.count("imported") == 1
    with store.session() as s:
        events = list(iter_event_rows(s, EventQuery()))
    called_off = [e for e in events if "called off" in e.evidence]
    assert called_off
    for e in called_off:
        assert e.date_inferred or e.date_start is None
    # Explicit years stay explicit and confident.
    (video,) = [e for e in events if e.type == "statement" and "video" in e.evidence]
    assert video.date_value == "2019" and not video.date_inferred


def test_a_date_in_the_filename_is_the_reference_date(store, seed_path):
    import_paths(store, [seed_path])  # lwj-2020-01-27-....txt
    with store.session() as s:
        events = list(iter_event_rows(s, EventQuery()))
    (raid,) = [e for e in events if e.type == "raid" and e.date_value == "2019-09"]
    assert not raid.date_inferred
    assert raid.document_published == PUBLISHED
