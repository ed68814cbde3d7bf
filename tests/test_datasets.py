"""An analyst brings coded event data beside the reading: ACLED, UCDP GED and GTD exports and
Chronolens' own export import as events with their dates, types, parties and places; a newer
export updates the old one; bad rows are named by line and skipped."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from benchmarks.dataset_import import COLUMNS as ACLED_COLUMNS  # ACLED's current export
from importers.pipeline import import_paths
from store.curation import edit_event
from store.db import Store, check_integrity, open_store
from store.export import write_events_csv, write_events_jsonl
from store.models import Document, Entity, Event
from store.query import EventQuery
from store.read import event_rows, iter_event_rows
from store.rejection import reject_events


def acled_line(
    event_id: str,
    date: str,
    sub: str,
    event_type: str,
    *,
    precision: str = "1",
    actor1: str = "Military Forces of Nigeria (2015-2023)",
    actor2: str = "",
    assoc1: str = "",
    inter1: str = "State forces",
    inter2: str = "",
    place: tuple[str, str, str, str, str] = ("Dikwa", "Dikwa", "Borno", "12.036", "13.918"),
    notes: str = "",
    fatalities: str = "0",
) -> dict[str, str]:
    location, admin2, admin1, lat, lon = place
    return {
        "event_id_cnty": event_id,
        "event_date": date,
        "year": date[-4:],
        "time_precision": precision,
        "disorder_type": "Political violence",
        "event_type": event_type,
        "sub_event_type": sub,
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": inter1,
        "actor2": actor2,
        "inter2": inter2,
        "country": "Nigeria",
        "admin1": admin1,
        "admin2": admin2,
        "location": location,
        "latitude": lat,
        "longitude": lon,
        "geo_precision": "1",
        "source": "Premium Times",
        "notes": notes or f"{sub} near {location}.",
        "fatalities": fatalities,
    }


def write_table(path: Path, columns: list[str], rows: list[dict[str, str]], delimiter=",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.DictWriter(f, fieldnames=columns, delimiter=delimiter, extrasaction="ignore")
        out.writeheader()
        out.writerows(rows)
    return path


def import_one(store: Store, path: Path) -> str:
    report = import_paths(store, [path])
    assert len(report.outcomes) == 1
    return report.outcomes[0].line()


def all_events(store: Store) -> list:
    with store.session() as s:
        return list(iter_event_rows(s, EventQuery()))


def by_source(store: Store) -> dict:
    return {row.source_id: row for row in all_events(store)}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_store(tmp_path / "store.sqlite3")
    yield opened
    opened.close()


FIRST_EXPORT = [
    acled_line(
        "NIG1",
        "2020-05-09",
        "Armed clash",
        "Battles",
        actor2="ISWAP: Islamic State West Africa Province",
        inter2="Rebel groups",
        notes="On 9 May 2020, the army clashed with ISWAP fighters near Dikwa. 12 fatalities.",
        fatalities="12",
    ),
    acled_line(
        "NIG2",
        "10-May-20",
        "Peaceful protest",
        "Protests",
        precision="2",
        actor1="Protesters (Nigeria)",
        assoc1="Students (Nigeria); Teachers (Nigeria)",
        inter1="Protesters",
        place=("Ikeja", "Ikeja", "Lagos", "6.6018", "3.3515"),
    ),
    acled_line(
        "NIG3",
        "15 May 2020",
        "Remote explosive/landmine/IED",
        "Explosions/Remote violence",
        precision="3",
        actor1="Boko Haram - JAS",
        inter1="Rebel groups",
        actor2="Civilians (Nigeria)",
        inter2="Civilians",
        place=("Konduga", "Konduga", "Borno", "11.65", "13.42"),
        fatalities="3",
    ),
]


def test_an_acled_export_becomes_events_with_dates_types_parties_and_places(store, tmp_path):
    line = import_one(store, write_table(tmp_path / "nigeria.csv", ACLED_COLUMNS, FIRST_EXPORT))
    assert line.startswith("imported") and "3 events" in line and "3 new" in line
    rows = by_source(store)
    clash, protest, ied = rows["NIG1"], rows["NIG2"], rows["NIG3"]

    # the three date styles of ACLED's exports, each with the precision the coders gave
    assert (clash.date_value, clash.granularity, clash.date_start) == (
        "2020-05-09",
        "day",
        dt.date(2020, 5, 9),
    )
    assert (protest.granularity, protest.date_start, protest.date_end) == (
        "week",
        dt.date(2020, 5, 4),
        dt.date(2020, 5, 11),
    )
    assert (ied.date_value, ied.granularity) == ("2020-05", "month")
    assert protest.date_text == "10-May-20" and not protest.date_inferred

    # ACLED's sub-event type maps to ours and is kept as it was
    assert (clash.type, ied.type, protest.type) == ("clash", "bombing", "protest")
    assert ied.acled_sub_event == "Remote explosive/landmine/IED"
    assert clash.source_type == "Battles / Armed clash"
    assert (clash.fatalities, ied.fatalities) == (12, 3)

    # the notes are the event's passage, as the evidence pane shows them
    assert clash.evidence.startswith("On 9 May 2020, the army clashed")

    roles = {(e.name, e.kind, e.role) for e in protest.entities}
    assert ("Protesters (Nigeria)", "other", "actor") in roles
    assert ("Teachers (Nigeria)", "other", "actor") in roles
    assert ("Ikeja", "place", "location") in roles
    assert ("ISWAP: Islamic State West Africa Province", "organization", "target") in {
        (e.name, e.kind, e.role) for e in clash.entities
    }
    with store.session() as s:
        dikwa = s.scalar(select(Entity).where(Entity.name == "Dikwa"))
        assert (dikwa.latitude, dikwa.longitude) == (12.036, 13.918)
        assert dikwa.within == "Borno, Nigeria"
        assert check_integrity(s)


def test_exports_carry_the_rows_id_own_type_and_fatalities(store, tmp_path):
    import_one(store, write_table(tmp_path / "nigeria.csv", ACLED_COLUMNS, FIRST_EXPORT))
    out = io.BytesIO()
    with store.session() as s:
        write_events_csv(s, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    clash = next(r for r in rows if r["source_id"] == "NIG1")
    assert (clash["source_type"], clash["fatalities"]) == ("Battles / Armed clash", "12")
    assert clash["acled_sub_event_type"] == "Armed clash"


def test_an_older_acled_layout_with_numeric_actor_types_imports_too(store, tmp_path):
    columns = [
        "data_id",
        "iso",
        "event_id_cnty",
        "event_id_no_cnty",
        "event_date",
        "year",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "inter1",
        "actor2",
        "assoc_actor_2",
        "inter2",
        "interaction",
        "region",
        "country",
        "admin1",
        "admin2",
        "admin3",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "source_scale",
        "notes",
        "fatalities",
        "timestamp",
        "iso3",
    ]
    row = acled_line(
        "AFG77",
        "03 March 2019",
        "Air/drone strike",
        "Explosions/Remote violence",
        actor1="Military Forces of the United States",
        inter1="8",
        actor2="Taliban",
        inter2="2",
        place=("Musa Qala", "Musa Qala", "Helmand", "32.4", "64.8"),
    ) | {"data_id": "5551", "event_id_no_cnty": "77", "iso3": "AFG", "country": "Afghanistan"}
    line = import_one(store, write_table(tmp_path / "afghanistan.csv", columns, [row]))
    assert "1 new" in line
    strike = by_source(store)["AFG77"]
    assert (strike.type, strike.date_start) == ("airstrike", dt.date(2019, 3, 3))
    assert ("Taliban", "organization", "target") in {
        (e.name, e.kind, e.role) for e in strike.entities
    }


def test_bad_rows_are_named_by_line_and_skipped_and_the_rest_imports(store, tmp_path):
    rows = [
        FIRST_EXPORT[0],
        acled_line("NIG9", "31-Feb-20", "Armed clash", "Battles"),
        acled_line("", "2020-05-11", "Armed clash", "Battles"),
        FIRST_EXPORT[1],
    ]
    line = import_one(store, write_table(tmp_path / "mixed.csv", ACLED_COLUMNS, rows))
    assert "2 events" in line
    assert "2 bad rows skipped" in line
    assert "line 3: not a date: '31-Feb-20'" in line
    assert "line 4: no event id" in line
    assert set(by_source(store)) == {"NIG1", "NIG2"}


def test_a_table_that_is_no_event_data_set_gets_one_line_naming_what_was_expected(store, tmp_path):
    path = tmp_path / "budget.csv"
    path.write_text("month,spent,left\nJanuary,10,90\n", encoding="utf-8")
    line = import_one(store, path)
    assert line.startswith("FAILED") and "\n" not in line
    assert "ACLED export" in line and "UCDP GED" in line and "GTD" in line
    assert "month, spent, left" in line
    assert path.read_text(encoding="utf-8") == "month,spent,left\nJanuary,10,90\n"
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 0


@pytest.mark.parametrize("batch", [5000, 1], ids=["one batch", "a batch a row"])
def test_a_newer_export_updates_by_id_and_keeps_what_the_analyst_did(
    store, tmp_path, monkeypatch, batch
):
    import store.datasets as datasets

    monkeypatch.setattr(datasets, "BATCH", batch)  # rows written while the old are compared
    first = write_table(tmp_path / "acled-2020-06-01.csv", ACLED_COLUMNS, FIRST_EXPORT)
    import_one(store, first)
    rows = by_source(store)
    with store.session() as s, s.begin():
        edit_event(s, rows["NIG1"].id, summary="Army and ISWAP clash at Dikwa (checked)")
        reject_events(s, [rows["NIG2"].id])

    newer_rows = [
        FIRST_EXPORT[0] | {"fatalities": "14"},  # revised, but the analyst edited it
        FIRST_EXPORT[1],  # rejected before
        FIRST_EXPORT[2] | {"fatalities": "4", "notes": "An IED killed 4 civilians."},
        acled_line("NIG4", "2020-05-20", "Arrests", "Strategic developments"),
    ]
    newer = write_table(tmp_path / "acled-2020-07-01.csv", ACLED_COLUMNS, newer_rows)
    line = import_one(store, newer)
    assert line.startswith("replaced"), line
    assert "1 new" in line and "1 updated" in line
    assert "1 kept as an analyst edited them" in line and "1 rejected before" in line
    assert "acled-2020-06-01.csv" not in line  # the same document goes on, under its new file

    rows = by_source(store)
    assert set(rows) == {"NIG1", "NIG3", "NIG4"}  # nothing twice, the rejected row stays out
    assert rows["NIG1"].summary == "Army and ISWAP clash at Dikwa (checked)"
    assert rows["NIG3"].fatalities == 4 and rows["NIG3"].evidence == "An IED killed 4 civilians."
    assert rows["NIG4"].type == "arrest"

    # a row gone from the next export is removed; importing the same file again changes nothing
    gone = write_table(
        tmp_path / "acled-2020-08-01.csv", ACLED_COLUMNS, newer_rows[:1] + newer_rows[3:]
    )
    assert "1 removed" in import_one(store, gone)
    assert set(by_source(store)) == {"NIG1", "NIG4"}
    assert import_one(store, gone).startswith("unchanged")
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 1
        assert check_integrity(s)


def test_an_export_of_other_rows_stands_beside_the_first(store, tmp_path):
    import_one(store, write_table(tmp_path / "nigeria.csv", ACLED_COLUMNS, FIRST_EXPORT))
    mali = [
        acled_line("MLI1", "2020-05-01", "Armed clash", "Battles"),
        acled_line("MLI2", "2020-05-02", "Armed clash", "Battles"),
    ]
    line = import_one(store, write_table(tmp_path / "mali.csv", ACLED_COLUMNS, mali))
    assert line.startswith("imported") and "2 new" in line
    assert set(by_source(store)) == {"NIG1", "NIG2", "NIG3", "MLI1", "MLI2"}


UCDP_COLUMNS = [
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_new_id",
    "conflict_name",
    "dyad_new_id",
    "dyad_name",
    "side_a_new_id",
    "side_a",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
]


def test_ucdp_ged_rows_keep_their_date_range_sides_and_deaths(store, tmp_path):
    rows = [
        {
            "id": "244657",
            "type_of_violence": "1",
            "dyad_name": "Government of Afghanistan - Taleban",
            "side_a": "Government of Afghanistan",
            "side_b": "Taleban",
            "source_headline": "Taliban attack checkpoint in Nad Ali",
            "where_coordinates": "Nad Ali district",
            "where_description": "Nad Ali district, Helmand",
            "adm_1": "Hilmand province",
            "adm_2": "Nad Ali district",
            "latitude": "31.6",
            "longitude": "64.3",
            "country": "Afghanistan",
            "date_prec": "1",
            "date_start": "2019-01-03 00:00:00.000",
            "date_end": "2019-01-03 00:00:00.000",
            "best": "7",
        },
        {
            "id": "244658",
            "type_of_violence": "3",
            "dyad_name": "IS - Civilians",
            "side_a": "IS",
            "side_b": "Civilians",
            "source_headline": "",
            "where_coordinates": "Kabul city",
            "adm_1": "Kabul province",
            "country": "Afghanistan",
            "latitude": "34.5",
            "longitude": "69.2",
            "date_prec": "3",
            "date_start": "2019-02-10",
            "date_end": "2019-02-16",
            "best": "2",
        },
    ]
    line = import_one(store, write_table(tmp_path / "ged.tsv", UCDP_COLUMNS, rows, "\t"))
    assert "2 new" in line
    found = by_source(store)
    clash, massacre = found["244657"], found["244658"]
    assert (clash.type, clash.date_start, clash.granularity) == (
        "clash",
        dt.date(2019, 1, 3),
        "day",
    )
    assert clash.source_type == "State-based conflict" and clash.fatalities == 7
    assert clash.evidence.startswith("Taliban attack checkpoint")
    assert (massacre.type, massacre.date_start, massacre.date_end) == (
        "attack",
        dt.date(2019, 2, 10),
        dt.date(2019, 2, 17),
    )
    assert massacre.date_value == "2019-02-10/2019-02-16"
    assert ("Civilians", "other", "target") in {(e.name, e.kind, e.role) for e in massacre.entities}
    assert ("Taleban", "organization", "target") in {
        (e.name, e.kind, e.role) for e in clash.entities
    }


GTD_COLUMNS = [
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "approxdate",
    "extended",
    "country_txt",
    "region_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "summary",
    "attacktype1_txt",
    "targtype1_txt",
    "corp1",
    "target1",
    "gname",
    "nkill",
    "nwound",
]
GTD_ROWS = [
    {
        "eventid": "201401010001",
        "iyear": "2014",
        "imonth": "1",
        "iday": "1",
        "country_txt": "Iraq",
        "provstate": "Al Anbar",
        "city": "Fallujah",
        "latitude": "33.35",
        "longitude": "43.78",
        "summary": "01/01/2014: Assailants detonated a car bomb at a police station in Fallujah.",
        "attacktype1_txt": "Bombing/Explosion",
        "targtype1_txt": "Police",
        "target1": "Police station",
        "gname": "Islamic State of Iraq and the Levant (ISIL)",
        "nkill": "5.0",
    },
    {
        "eventid": "201403000002",
        "iyear": "2014",
        "imonth": "3",
        "iday": "0",
        "approxdate": "March 2014",
        "country_txt": "Iraq",
        "city": "Ramadi",
        "attacktype1_txt": "Armed Assault",
        "gname": "Unknown",
        "nkill": "",
    },
    {
        "eventid": "201400000003",
        "iyear": "2014",
        "imonth": "0",
        "iday": "0",
        "country_txt": "Iraq",
        "city": "Mosul",
        "attacktype1_txt": "Hostage Taking (Kidnapping)",
        "gname": "Unknown",
    },
]


def _gtd_workbook(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(GTD_COLUMNS)
    for row in GTD_ROWS:
        sheet.append([_excel(row.get(c, "")) for c in GTD_COLUMNS])
    book.save(path)
    return path


def _excel(cell: str) -> object:
    """A cell as Excel holds it: numbers as numbers."""
    try:
        return float(cell) if "." in cell else int(cell)
    except ValueError:
        return cell or None


@pytest.mark.parametrize("form", ["xlsx", "csv"])
def test_gtd_rows_with_unknown_days_or_months_keep_only_what_is_known(store, tmp_path, form):
    path = (
        _gtd_workbook(tmp_path / "gtd.xlsx")
        if form == "xlsx"
        else write_table(tmp_path / "gtd.csv", GTD_COLUMNS, GTD_ROWS)
    )
    assert "3 new" in import_one(store, path)
    found = by_source(store)
    bomb, assault, kidnap = (found[i] for i in ("201401010001", "201403000002", "201400000003"))
    assert (bomb.type, bomb.date_value, bomb.fatalities) == ("bombing", "2014-01-01", 5)
    assert (assault.date_value, assault.granularity, assault.date_text) == (
        "2014-03",
        "month",
        "March 2014",
    )
    assert (kidnap.type, kidnap.date_value, kidnap.granularity) == ("kidnapping", "2014", "year")
    assert assault.fatalities is None  # not given is not zero
    assert not any(e.name == "Unknown" for e in assault.entities)
    assert ("Islamic State of Iraq and the Levant (ISIL)", "organization", "actor") in {
        (e.name, e.kind, e.role) for e in bomb.entities
    }


SAMPLE = """KABUL, Afghanistan (March 3, 2021) — Afghan and coalition forces killed two Taliban
fighters in a raid in Nad Ali district, Helmand province, on Tuesday.

On March 1, security forces arrested a Haqqani network facilitator in Khost city.
"""


@pytest.mark.parametrize("form", ["csv", "jsonl"])
def test_our_own_export_imported_into_a_fresh_store_gives_back_the_same_events(tmp_path, form):
    source = open_store(tmp_path / "source.sqlite3")
    text = tmp_path / "release.txt"
    text.write_text(SAMPLE, encoding="utf-8")
    import_paths(source, [text])
    out = tmp_path / f"events.{form}"
    with source.session() as s:
        if form == "csv":
            with out.open("wb") as f:
                write_events_csv(s, f)
        else:
            with out.open("w", encoding="utf-8") as f:
                write_events_jsonl(iter_event_rows(s, EventQuery()), f)
    before = all_events(source)
    source.close()
    assert len(before) >= 2

    fresh = open_store(tmp_path / "fresh.sqlite3")
    line = import_one(fresh, out)
    assert f"{len(before)} new" in line, line
    after = all_events(fresh)
    fresh.close()

    def essence(row) -> tuple:
        return (
            row.type,
            row.acled_sub_event,
            row.date_value,
            row.granularity,
            row.date_start,
            row.date_end,
            row.date_inferred,
            row.date_text,
            row.summary,
            row.evidence.replace("\n", " "),
            sorted((e.name, e.kind, e.role) for e in row.entities),
        )

    assert sorted(map(essence, after)) == sorted(map(essence, before))


def test_a_jsonl_file_with_a_broken_line_names_it(store, tmp_path):
    path = tmp_path / "events.jsonl"
    good = {
        "id": 1,
        "type": "raid",
        "date_value": "2021-03-02",
        "granularity": "day",
        "date_start": "2021-03-02",
        "date_end": "2021-03-03",
        "entities": [{"name": "Nad Ali", "kind": "place", "role": "location"}],
        "evidence": "forces killed two fighters in a raid",
    }
    path.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    line = import_one(store, path)
    assert "1 new" in line and "line 2: not JSON" in line


def test_a_data_set_row_shows_its_notes_in_the_passage_pane(qtbot, store, tmp_path):
    from ui.library import Library
    from ui.passage_view import PassageView

    import_one(store, write_table(tmp_path / "nigeria.csv", ACLED_COLUMNS, FIRST_EXPORT))
    with store.session() as s:
        event_id = s.scalar(select(Event.id).where(Event.source_id == "NIG1"))
        row = event_rows(s, [event_id])[0]
    pane = PassageView(Library(store))
    qtbot.addWidget(pane)
    pane.show_event(row)
    assert "the army clashed with ISWAP fighters" in pane.text.toPlainText()
    assert "data set row NIG1" in pane.header.text()
    assert "12 fatalities" in pane.header.text()


def test_cancelling_a_data_set_import_part_way_stores_nothing_of_it(store, tmp_path, monkeypatch):
    import store.datasets as datasets

    monkeypatch.setattr(datasets, "BATCH", 2)  # progress after every second row
    rows = [acled_line(f"NIG{i}", "2020-05-09", "Armed clash", "Battles") for i in range(10)]
    path = write_table(tmp_path / "big.csv", ACLED_COLUMNS, rows)
    seen: list[str] = []

    def progress(done: float, total: int, name: str, stage: str) -> bool:
        seen.append(stage)
        return stage != "saving"  # stop at the first report of rows saved (two of ten)

    report = import_paths(store, [path], progress=progress)
    assert report.cancelled and report.outcomes[0].status == "cancelled"
    assert "saving" in seen
    assert all_events(store) == []
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 0
        assert check_integrity(s)
    # the triggers the bulk write set aside are back: an edit still reaches the entity cells
    assert "10 new" in import_one(store, path)


@pytest.mark.parametrize("article_first", [False, True], ids=["data set first", "article first"])
def test_an_article_on_a_coded_event_joins_its_row_in_one_incident(store, tmp_path, article_first):
    from store.models import Incident

    export = write_table(tmp_path / "nigeria.csv", ACLED_COLUMNS, FIRST_EXPORT)
    article = tmp_path / "dikwa.txt"
    article.write_text(
        "Army repels ISWAP attack on Dikwa\n\n"
        "MAIDUGURI, Nigeria (May 10, 2020) — Nigerian troops clashed with ISWAP fighters in "
        "Dikwa on Saturday, May 9, 2020, the army said.\n",
        encoding="utf-8",
    )
    # whichever comes in first, the article finds the row that codes its happening
    for path in (article, export) if article_first else (export, article):
        import_one(store, path)
    rows = by_source(store)
    clash = rows["NIG1"]
    assert clash.incident_id is not None and clash.incident_sources == 2
    with store.session() as s:
        incident = s.get(Incident, clash.incident_id)
        assert (incident.documents, incident.events) == (2, 2)
    # the export's other rows stay alone: a data set's rows are not joined to one another
    assert rows["NIG2"].incident_id is None and rows["NIG3"].incident_id is None


def test_a_province_read_in_an_article_takes_in_the_data_sets_villages_of_it(store, tmp_path):
    """The analyst filters by Borno, named in a report; ACLED's rows in Borno's villages
    (which name Borno only as their admin1) come along, the row in Lagos does not."""
    article = tmp_path / "report.txt"
    article.write_text(
        "Insurgents attack Borno town\n\nMAIDUGURI, Nigeria (March 2, 2021) — Insurgents "
        "attacked a town in Borno State on Monday, officials said.\n",
        encoding="utf-8",
    )
    rows = [
        acled_line("NGA1", "2021-03-01", "Attack", "Violence against civilians"),
        acled_line(
            "NGA2",
            "2021-03-01",
            "Attack",
            "Violence against civilians",
            place=("Ikeja", "Ikeja", "Lagos", "6.60", "3.35"),
        ),
    ]
    import_paths(store, [article, write_table(tmp_path / "acled.csv", ACLED_COLUMNS, rows)])
    with store.session() as s:
        dikwa = s.scalar(select(Entity).where(Entity.name == "Dikwa"))
        assert dikwa is not None and (dikwa.country, dikwa.level) == ("NG", "town")
        borno = s.scalars(select(Entity).where(Entity.kind == "place", Entity.area == dikwa.area))
        assert any(e.level == "area" for e in borno)  # the article's Borno, read as the state
        in_borno = {
            r.source_id for r in event_rows(s, EventQuery(entity_names=("Borno",)).event_ids(s))
        }
    assert "NGA1" in in_borno and "NGA2" not in in_borno
