"""Where things happened: an analyst's places get coordinates from the shipped gazetteer, told
apart by the document that names them; a province filter takes in its towns; exports carry
the coordinates; a store made before is located once."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

from sqlalchemy import select, update

from importers.geo import locate_store, resolve_names
from importers.pipeline import ImportOptions, import_paths
from store.db import Store
from store.export import write_events_csv
from store.models import Entity, Event, Meta
from store.query import EventQuery
from tests.texts import write

COLOMBIA = """Rebels attack police post in Cordoba

BOGOTA, Colombia (May 3, 1988) — Guerrillas of the Army of National Liberation attacked a
police post on Tuesday in the department of Cordoba, in northern Colombia, police said.
"""
ARGENTINA = """Bomb damages bank in Cordoba

BUENOS AIRES, Argentina (May 3, 1988) — A bomb exploded on Tuesday at a bank in Cordoba,
Argentina's second city, police said. Nobody was hurt.
"""
HELMAND = """Insurgents killed near Musa Qala

KABUL, Afghanistan (Jan. 5, 2011) — Afghan and coalition forces killed two insurgents in
Musa Qala district of Helmand province on Tuesday, officials said.
"""
KANDAHAR = """Raid in Kandahar province

KABUL, Afghanistan (Jan. 9, 2011) — Afghan forces detained a Taliban commander in Kandahar
province on Sunday, officials said.
"""


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def imported(store: Store, tmp_path: Path, **texts: str) -> None:
    """Import ``texts`` (file name without ``.txt``: text) as one folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        write(folder, f"{name}.txt", text)
    import_paths(store, [folder], ImportOptions())


def places(store: Store) -> dict[str, Entity]:
    with store.session() as s:
        return {e.name: e for e in s.scalars(select(Entity).where(Entity.kind == "place"))}


def test_a_name_is_resolved_by_the_countries_its_document_names():
    colombian = resolve_names(["Cordoba", "Colombia"])["Cordoba"]
    argentine = resolve_names(["Cordoba", "Argentina"])["Cordoba"]
    assert colombian is not None and argentine is not None
    assert colombian.place.country == "CO" and colombian.place.level == "area"
    assert argentine.place.country == "AR" and argentine.place.level == "town"
    # two places of one name are two entities
    assert colombian.name != argentine.name
    assert km(argentine.place.latitude, argentine.place.longitude, -31.41, -64.18) < 5


def test_a_name_nothing_tells_apart_is_left_unplaced_not_guessed():
    assert resolve_names(["Cordoba"])["Cordoba"] is None
    assert resolve_names(["Nowhereville Junction"])["Nowhereville Junction"] is None


def test_province_after_a_name_makes_it_the_province_not_its_town():
    town = resolve_names(["Kandahar", "Afghanistan"])["Kandahar"]
    area = resolve_names(["Kandahar", "Afghanistan"], area_cues=["Kandahar"])["Kandahar"]
    assert town is not None and area is not None
    assert town.place.level == "town" and town.name == "Kandahar"
    assert area.place.level == "area" and area.name == "Kandahar Province"
    assert town.within == "Kandahar, Afghanistan"


def test_a_district_is_found_by_its_own_name_at_its_seat():
    """GeoNames names a district's seat in Dari or Pashto ("Hukumat-e Nad ‘Ali", "Markaz-e
    Woluswali-ye Achin"); news names the district ("in Nad ‘Ali district")."""
    found = resolve_names(["Nad ‘Ali", "Achin", "Helmand", "Nangarhar", "Afghanistan"])
    nad_ali, achin = found["Nad ‘Ali"], found["Achin"]
    assert nad_ali is not None and achin is not None
    assert nad_ali.place.country == achin.place.country == "AF"
    assert km(nad_ali.place.latitude, nad_ali.place.longitude, 31.64, 64.24) < 5


def test_a_county_is_placed_in_the_state_its_document_names_and_never_guessed():
    """The US Census's counties are the second level under the states: a county of a name
    several states have is placed where the document names the state, or a town of one
    state; otherwise, and where nothing says the country, it stays unplaced."""
    cook = resolve_names(["Cook County", "Chicago"])["Cook County"]
    assert cook is not None and cook.place.level == "district"
    assert cook.place.region == "US.IL" and cook.within == "Illinois, United States"
    assert cook.name == "Cook County, Illinois"  # Georgia and Minnesota have one too
    assert km(cook.place.latitude, cook.place.longitude, 41.84, -87.82) < 30
    oregon = resolve_names(["Washington County", "Oregon"])["Washington County"]
    assert oregon is not None and oregon.place.region == "US.OR"
    # Portland is a town of two states: it says neither
    assert resolve_names(["Washington County", "Portland"])["Washington County"] is None
    alone = resolve_names(["Vanderburgh County"])["Vanderburgh County"]
    assert alone is None  # one of its name, but nothing says the country
    with_town = resolve_names(["Vanderburgh County", "Evansville"])["Vanderburgh County"]
    assert with_town is not None and with_town.place.region == "US.IN"


def test_imported_places_carry_coordinates_country_and_what_contains_them(store, tmp_path):
    imported(store, tmp_path, co=COLOMBIA, ar=ARGENTINA, af=HELMAND)
    found = places(store)
    musa = found["Musa Qala"]
    assert (musa.country, musa.level, musa.within) == ("AF", "town", "Helmand, Afghanistan")
    assert km(musa.latitude, musa.longitude, 32.45, 64.74) < 5
    cordobas = [e for name, e in found.items() if name.startswith("Cordoba")]
    assert sorted(e.country for e in cordobas) == ["AR", "CO"]
    with store.session() as s:
        located = s.scalars(select(Event.place_id).where(Event.place_id.is_not(None))).all()
    assert located  # events take their most specific place


def test_a_province_filter_matches_the_events_of_its_towns(store, tmp_path):
    imported(store, tmp_path, af=HELMAND, kd=KANDAHAR)
    with store.session() as s:
        in_helmand = EventQuery(entity_names=("Helmand",)).event_ids(s)
        in_musa_qala = EventQuery(entity_names=("Musa Qala",)).event_ids(s)
        in_afghanistan = EventQuery(entity_names=("Afghanistan",)).event_ids(s)
        all_ids = EventQuery().event_ids(s)
    assert in_musa_qala and set(in_musa_qala) <= set(in_helmand)
    assert set(in_afghanistan) == set(all_ids)
    assert len(in_helmand) < len(all_ids)  # Kandahar's raid is not in Helmand


def test_the_event_index_gives_the_same_containment_and_area_as_sql(store, tmp_path):
    from store.event_index import EventIndex

    imported(store, tmp_path, af=HELMAND, kd=KANDAHAR)
    helmand_box = (29.5, 61.5, 33.0, 65.5)  # south, west, north, east
    with store.session() as s:
        index = EventIndex.load(s)
        for query in (
            EventQuery(entity_names=("Helmand",)),
            EventQuery(area=helmand_box),
            EventQuery(area=(-10.0, -10.0, 10.0, 10.0)),
        ):
            by_index = sorted(index.ids[index.select(s, query).positions].tolist())
            assert by_index == sorted(query.event_ids(s)), query
        assert index.select(s, EventQuery(area=helmand_box)).positions.size


def test_event_exports_carry_the_coordinates_of_the_most_specific_place(store, tmp_path):
    imported(store, tmp_path, af=HELMAND)
    out = io.BytesIO()
    with store.session() as s:
        write_events_csv(s, out, ids=EventQuery().event_ids(s))
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    killing = next(r for r in rows if "Musa Qala" in r["entities"])
    assert km(float(killing["latitude"]), float(killing["longitude"]), 32.45, 64.74) < 5


def test_an_older_store_is_located_once_and_keeps_what_it_cannot_place(store, tmp_path):
    imported(store, tmp_path, af=HELMAND)
    with store.session() as s, s.begin():  # as a store made before places had coordinates
        s.execute(update(Entity).values(latitude=None, longitude=None, country="", level=""))
        s.execute(update(Event).values(place_id=None))
        s.execute(update(Meta).where(Meta.key == "places_located").values(value="0"))
    assert locate_store(store) > 0
    found = places(store)
    assert found["Helmand"].level == "area" and found["Afghanistan"].level == "country"
    with store.session() as s:
        assert s.scalar(select(Event.place_id).where(Event.place_id.is_not(None))) is not None
    assert locate_store(store) == 0  # once


def test_a_merge_moves_the_events_places_off_the_folded_entity_and_undo_brings_them_back(
    store, tmp_path
):
    from store import curation

    imported(store, tmp_path, af=HELMAND)
    found = places(store)
    musa, helmand = found["Musa Qala"].id, found["Helmand"].id
    with store.session() as s:
        before = set(s.scalars(select(Event.place_id).where(Event.place_id == musa)))
    assert before == {musa}
    with store.session() as s, s.begin():
        merge = curation.merge_entities(s, helmand, [musa])
    with store.session() as s:  # no event points at the folded entity; each has a place
        assert s.scalar(select(Event.id).where(Event.place_id == musa)) is None
        assert None not in set(s.scalars(select(Event.place_id)))
    with store.session() as s, s.begin():
        curation.unmerge_entities(s, merge)
    with store.session() as s:
        assert s.scalar(select(Event.id).where(Event.place_id == musa)) is not None


def test_events_by_place_in_a_range_are_what_sql_counts(store, tmp_path):
    """The map's counts (from the event index) against the store's own rows."""
    import datetime as dt
    from collections import Counter

    from store.event_index import EventIndex

    imported(store, tmp_path, af=HELMAND, kd=KANDAHAR, co=COLOMBIA)
    with store.session() as s:
        index = EventIndex.load(s)
        chosen = index.select(s, EventQuery())
        rows = s.execute(select(Event.date_start, Event.date_end, Event.place_id)).all()
    lo, hi = dt.date(2011, 1, 1), dt.date(2011, 1, 7)  # Helmand's day, not Kandahar's
    for start, end in ((lo, hi), (None, None)):
        got = chosen.places_in(
            start.toordinal() if start else None, end.toordinal() if end else None
        )
        want = Counter(
            p for a, b, p in rows if start is None or (a is not None and a < end and b > start)
        )
        assert dict(zip(got.ids.tolist(), got.counts.tolist(), strict=True)) == {
            k: v for k, v in want.items() if k is not None
        }
        assert got.unplaced == want.get(None, 0)


def test_a_name_places_toml_pins_is_that_place_unless_the_text_says_an_area():
    capital = resolve_names(["Washington", "Pennsylvania"])["Washington"]
    state = resolve_names(["Washington"], area_cues=["Washington"])["Washington"]
    assert capital is not None and capital.place.region == "US.DC"
    assert state is not None and state.place.level == "area" and state.place.region == "US.WA"


def test_an_older_stores_aliases_are_read_again_and_an_analysts_merges_kept(store, tmp_path):
    """A store made before kept an alias one document's dateline gave another's city; the
    repair drops it, keeps what the documents give, and leaves an analyst's entity alone."""
    from sqlalchemy import select as sql_select

    from importers.repair import pending, rederive_aliases
    from store import curation
    from store.models import Alias

    imported(store, tmp_path, af=HELMAND, co=COLOMBIA)
    with store.session() as s, s.begin():
        musa = s.scalar(sql_select(Entity).where(Entity.name == "Musa Qala"))
        s.add(Alias(entity_id=musa.id, name="AP", key="ap"))  # as an older import left it
        helmand = s.scalar(sql_select(Entity.id).where(Entity.name == "Helmand"))
        kabul = s.scalar(sql_select(Entity.id).where(Entity.name == "Kabul"))
        curation.merge_entities(s, helmand, [kabul])  # the analyst's: Kabul is Helmand's
        s.execute(update(Meta).where(Meta.key == "aliases_rederived").values(value="0"))
    assert pending(store)
    assert rederive_aliases(store) == 1
    with store.session() as s:
        held = {
            e.name: set(s.scalars(sql_select(Alias.name).where(Alias.entity_id == e.id)))
            for e in s.scalars(sql_select(Entity).where(Entity.kind == "place"))
        }
    assert "AP" not in held["Musa Qala"] and "Musa Qala" in held["Musa Qala"]
    assert "Kabul" in held["Helmand"]  # the analyst's merge stands
    assert not pending(store) and rederive_aliases(store) == 0  # once
