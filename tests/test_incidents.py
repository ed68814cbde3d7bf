"""An analyst reads several reports of one shooting: they become one incident with its
sources counted, while a different shooting the same day in the same town, an arrest, or a
report that shares only the state stays apart."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from importers.pipeline import import_paths
from main import main
from store.db import Store, open_store
from store.export import write_events_csv
from store.models import Event, Incident
from tests.texts import write

FIRST = """Man wounded in shooting on Maple Street

MILLBROOK, Ohio (June 4, 2016) — A 24-year-old man was shot Saturday night on Maple Street in
Millbrook, police said. Officers found Daniel Reyes with a gunshot wound to the leg.
"""
SECOND = """Police seek gunman after Millbrook shooting

MILLBROOK, Ohio (June 5, 2016) — Police are looking for the gunman who shot Daniel Reyes on
Maple Street in Millbrook on Saturday. Reyes is expected to recover.
"""
OTHER_VICTIM = """Second shooting in Millbrook

MILLBROOK, Ohio (June 5, 2016) — A woman, Laura Briggs, was shot on Saturday on Elm Avenue in
Millbrook, hours after an unrelated shooting across town.
"""
ARREST = """Millbrook man arrested

MILLBROOK, Ohio (June 5, 2016) — Police arrested a man on Maple Street in Millbrook on Saturday
on a warrant for unpaid fines.
"""
STATE_ONLY = """Shooting in Ohio

COLUMBUS (June 5, 2016) — A man was shot on Saturday in Ohio, state police said.
"""


def incident_of(store: Store, title_word: str) -> int | None:
    from store.models import Document

    with store.session() as s:
        return s.scalar(
            select(Event.incident_id)
            .join(Document, Document.id == Event.document_id)
            .where(Document.title.contains(title_word), Event.type == "shooting")
        )


def test_two_reports_of_one_shooting_become_one_incident_with_two_sources(store, tmp_path):
    import_paths(store, [write(tmp_path, "a.txt", FIRST), write(tmp_path, "b.txt", SECOND)])
    first, second = incident_of(store, "wounded"), incident_of(store, "gunman")
    assert first is not None and first == second
    with store.session() as s:
        incident = s.get(Incident, first)
        assert (incident.type, incident.date_value[:10], incident.disputed) == (
            "shooting",
            "2016-06-04",
            False,
        )
        assert (incident.documents, incident.sources, incident.events) == (2, 2, 2)
        assert str(incident.first_reported) == "2016-06-04"
        out = io.BytesIO()
        write_events_csv(s, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert {r["incident_id"] for r in rows} == {str(first)}
    assert {r["incident_sources"] for r in rows} == {"2"}


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (OTHER_VICTIM, "another victim on another street"),
        (ARREST, "an arrest is no shooting"),
        (STATE_ONLY, "a state is too large to say where"),
    ],
    ids=["another victim", "an arrest", "only the state"],
)
def test_a_look_alike_report_stays_apart(store, tmp_path, text, why):
    import_paths(
        store,
        [
            write(tmp_path, "a.txt", FIRST),
            write(tmp_path, "b.txt", SECOND),
            write(tmp_path, "c.txt", text),
        ],
    )
    joined = incident_of(store, "wounded")
    assert joined is not None
    with store.session() as s:
        third = s.scalars(select(Event.incident_id).where(Event.document_id == 3)).all()
        assert third, why
        assert joined not in third, why
        assert s.get(Incident, joined).events == 2, why


def test_a_report_taken_back_leaves_the_other_alone_again(store, tmp_path):
    a = write(tmp_path, "a.txt", FIRST)
    b = write(tmp_path, "b.txt", SECOND)
    import_paths(store, [a, b])
    assert incident_of(store, "wounded") is not None
    b.write_text(SECOND.replace("shot Daniel Reyes", "questioned Daniel Reyes"), "utf-8")
    import_paths(store, [b])
    assert incident_of(store, "wounded") is None
    with store.session() as s:
        assert s.scalars(select(Incident)).all() == []


def test_the_command_line_lists_incidents_with_their_places_and_sources(tmp_path, capsys):
    db = tmp_path / "cli.sqlite3"
    paths = [str(write(tmp_path, "a.txt", FIRST)), str(write(tmp_path, "b.txt", SECOND))]
    assert main(["--db", str(db), "import", *paths]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "incidents", "--format", "jsonl"]) == 0
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["type"] == "shooting" and record["sources"] == 2
    assert "Maple Street" in record["places"] and "Millbrook" in record["places"]
    assert record["first_reported"] == "2016-06-04" and record["last_reported"] == "2016-06-05"


def _shooting_ids(db: Path) -> dict[str, int]:
    store = open_store(db)
    try:
        from store.models import Document

        with store.session() as s:
            return {
                title.split()[0]: event_id
                for event_id, title in s.execute(
                    select(Event.id, Document.title)
                    .join(Document, Document.id == Event.document_id)
                    .where(Event.type == "shooting")
                )
            }
    finally:
        store.close()


def _incidents(db: Path) -> dict[int, int | None]:
    store = open_store(db)
    try:
        with store.session() as s:
            return dict(s.execute(select(Event.id, Event.incident_id)).all())
    finally:
        store.close()


def test_the_analyst_splits_a_report_out_and_it_stays_out_after_a_reimport(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite3")
    a, b = write(tmp_path, "a.txt", FIRST), write(tmp_path, "b.txt", SECOND)
    main(["--db", db, "import", str(a), str(b)])
    ids = _shooting_ids(Path(db))
    assert main(["--db", db, "split-event", str(ids["Police"])]) == 0
    assert "stands alone" in capsys.readouterr().out
    assert _incidents(Path(db))[ids["Police"]] is None

    b.write_text(SECOND + "\nA vigil is planned for Sunday.\n", "utf-8")  # the text changes
    main(["--db", db, "import", str(b)])
    again = _shooting_ids(Path(db))
    assert set(_incidents(Path(db)).values()) == {None}, again


def _three_reports_imported(tmp_path: Path) -> tuple[str, list[Path]]:
    """Two reports of the Maple Street shooting and one of a shooting in the state, imported
    by the command line: the store and the files."""
    db = str(tmp_path / "cli.sqlite3")
    paths = [
        write(tmp_path, "a.txt", FIRST),
        write(tmp_path, "b.txt", SECOND),
        write(tmp_path, "c.txt", STATE_ONLY),
    ]
    main(["--db", db, "import", *map(str, paths)])
    return db, paths


def test_the_analyst_marks_two_reports_not_the_same_and_merges_others(tmp_path, capsys):
    db, paths = _three_reports_imported(tmp_path)
    ids = _shooting_ids(Path(db))
    assert main(["--db", db, "not-same", str(ids["Man"]), str(ids["Police"])]) == 0
    assert _incidents(Path(db))[ids["Police"]] is None

    # the state-only report is the same shooting, the analyst knows: she merges it by hand
    assert main(["--db", db, "merge-incidents", str(ids["Man"]), str(ids["Shooting"])]) == 0
    joined = _incidents(Path(db))
    assert joined[ids["Man"]] is not None and joined[ids["Man"]] == joined[ids["Shooting"]]

    # both words hold when the documents come again and are matched again
    for path in paths:
        path.write_text(path.read_text("utf-8") + "\nMore to come.\n", "utf-8")
    main(["--db", db, "import", *map(str, paths)])
    ids = _shooting_ids(Path(db))
    joined = _incidents(Path(db))
    assert joined[ids["Man"]] is not None and joined[ids["Man"]] == joined[ids["Shooting"]]
    assert joined[ids["Police"]] != joined[ids["Man"]]
    capsys.readouterr()


def test_reported_by_at_least_two_sources_filters_the_command_line_and_the_panel(
    qtbot, tmp_path, capsys
):
    from store.query import EventQuery
    from ui.filter_panel import FilterPanel

    db = tmp_path / "cli.sqlite3"
    paths = [
        write(tmp_path, n, t) for n, t in (("a.txt", FIRST), ("b.txt", SECOND), ("c.txt", ARREST))
    ]
    main(["--db", str(db), "import", *map(str, paths)])
    capsys.readouterr()
    main(["--db", str(db), "events", "--min-sources", "2", "--format", "jsonl"])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["type"] for r in rows} == {"shooting"} and len(rows) == 2

    panel = FilterPanel()
    qtbot.addWidget(panel)
    panel.sources.setValue(2)
    query = panel.query()
    assert query.min_sources == 2
    restored = FilterPanel()
    qtbot.addWidget(restored)
    restored.restore(panel.state())
    assert restored.query().min_sources == 2

    store = open_store(db)
    try:  # the event index the window filters with agrees
        from store.event_index import EventIndex

        with store.session() as s:
            index = EventIndex.open(store)
            assert len(index.select(s, query)) == 2
            assert len(index.select(s, EventQuery())) > 2
    finally:
        store.close()


def test_the_passage_pane_lists_the_other_reports_of_the_incident(qtbot, store, tmp_path):
    from store.read import event_rows
    from ui.library import Library
    from ui.passage_view import PassageView

    import_paths(store, [write(tmp_path, "a.txt", FIRST), write(tmp_path, "b.txt", SECOND)])
    pane = PassageView(Library(store))
    qtbot.addWidget(pane)
    with store.session() as s:
        first = s.scalar(select(Event.id).where(Event.document_id == 1))
        row = event_rows(s, [first])[0]
    pane.show_event(row)
    listed = pane.reports.text()
    assert (
        "One of 2 reports of this incident (2 sources); the reports agree on 2016-06-04" in listed
    )
    assert "[another date" not in listed  # both tell Saturday the 4th
    assert "Police seek gunman after Millbrook shooting" in listed
    assert "— 'Saturday' (2016-06-04):" in listed  # the other report's date as it wrote it
    pane.show_event(None)
    assert pane.reports.isHidden()


def test_rematch_makes_the_machines_incidents_again_and_keeps_the_analysts(tmp_path, capsys):
    db, _paths = _three_reports_imported(tmp_path)
    ids = _shooting_ids(Path(db))
    main(["--db", db, "merge-incidents", str(ids["Police"]), str(ids["Shooting"])])
    before = _incidents(Path(db))

    # a store made before incidents existed: no event is in one
    store = open_store(db)
    with store.session() as s, s.begin():
        s.execute(Event.__table__.update().values(incident_id=None))
        s.execute(Incident.__table__.delete())
    store.close()
    capsys.readouterr()
    assert main(["--db", db, "rematch"]) == 0
    assert "1 incidents of several reports" in capsys.readouterr().out
    after = _incidents(Path(db))
    together = {after[ids["Man"]], after[ids["Police"]], after[ids["Shooting"]]}
    assert len(together) == 1 and None not in together  # the machine's pair and her word
    assert before[ids["Man"]] == before[ids["Police"]] == before[ids["Shooting"]]


def _window_on_three_reports(qtbot, store, settings, tmp_path):  # type: ignore[no-untyped-def]
    """The main window over two reports of one shooting and one of another."""
    from ui.library import Library
    from ui.main_window import MainWindow

    import_paths(
        store,
        [
            write(tmp_path, "a.txt", FIRST),
            write(tmp_path, "b.txt", SECOND),
            write(tmp_path, "c.txt", OTHER_VICTIM),
        ],
    )
    window = MainWindow(Library(store), settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_timeline_draws_one_mark_for_an_incident_with_its_sources(
    qtbot, store, tmp_path, settings
):
    window = _window_on_three_reports(qtbot, store, settings, tmp_path)
    window.timeline.fit_all()
    shootings = [p.item.id for p in window.timeline._placed if p.item.type == "shooting"]
    assert len(shootings) == 2  # the shooting of Daniel Reyes once, Laura Briggs's apart
    assert sorted(window.timeline._sources.values()) == [2]
    assert len(window.model.ids) == 3  # the table still lists every report
    window.grab()  # paints, with the count beside the incident's mark


def test_within_one_article_a_retelling_joins_but_a_separate_one_does_not():
    from store.incident_evidence import _ANOTHER, Report, same_happening

    day = 736_000

    def report(event_id: int, own: set[str], sentence: str) -> Report:
        return Report(
            event_id,
            1,
            "shooting",
            day,
            day + 1,
            None,
            places={"millbrook", "oak road"},
            own=own,
            single=True,
            another=bool(_ANOTHER.search(sentence)),
        )

    first = report(1, {"oak road"}, "A store clerk was shot on Saturday on Oak Road.")
    retold = report(2, set(), "The clerk was shot in the arm on Saturday, police said.")
    separate = report(3, set(), "In a separate shooting, a driver was shot on Saturday.")
    elsewhere = report(4, {"elm avenue"}, "A woman was shot on Saturday on Elm Avenue.")
    assert same_happening(first, retold)
    assert not same_happening(first, separate)
    assert not same_happening(first, elsewhere)


LATER = """Millbrook shooting victim released from hospital

MILLBROOK, Ohio (June 7, 2016) — Daniel Reyes, who was shot on Friday on Maple Street in
Millbrook, left the hospital on Monday.
"""


def test_reports_a_day_apart_that_name_one_victim_make_one_disputed_incident(
    qtbot, store, tmp_path
):
    from store.read import event_rows
    from ui.library import Library
    from ui.passage_view import PassageView

    import_paths(
        store,
        [
            write(tmp_path, "a.txt", FIRST),
            write(tmp_path, "b.txt", SECOND),
            write(tmp_path, "d.txt", LATER),
        ],
    )
    with store.session() as s:
        (incident,) = s.scalars(select(Incident)).all()
        assert (incident.events, incident.disputed, incident.disagreements) == (3, True, "day")
        assert incident.date_value == "2016-06-03/2016-06-04"
        later = s.scalar(select(Event.id).where(Event.document_id == 3))
        row = event_rows(s, [later])[0]
    pane = PassageView(Library(store))
    qtbot.addWidget(pane)
    pane.show_event(row)
    listed = pane.reports.text()
    assert "the reports disagree on the day: 2016-06-03 to 2016-06-04" in listed
    assert listed.count("[another date]") == 2  # Saturday in both others, Friday in this one


ABBREVIATED = """Teen wounded on Keyworth Ave.

NEW HAVEN (June 4, 2016) — A teenager was shot on Saturday evening on Keyworth Ave., police
said.
"""
WRITTEN_OUT = """Police look for shooter

NEW HAVEN (June 5, 2016) — A 17-year-old was shot Saturday on Keyworth Avenue, police said.
Police have made no arrest.
"""


def test_a_street_written_out_in_one_report_and_abbreviated_in_the_other_is_one_street(
    store, tmp_path
):
    import_paths(
        store, [write(tmp_path, "a.txt", ABBREVIATED), write(tmp_path, "b.txt", WRITTEN_OUT)]
    )
    first, second = incident_of(store, "wounded"), incident_of(store, "shooter")
    assert first is not None and first == second


def test_place_forms_are_the_ways_one_street_or_one_point_is_written():
    from store.incident_evidence import place_forms

    assert place_forms("keyworth avenue") == {"keyworth avenue", "keyworth ave"}
    assert place_forms("e green street") >= {"green st", "green street"}
    assert place_forms("north side") == {"north side"}  # no street: the direction stays
    # a city named plainly in one report and with its state in another, at one point
    plain = place_forms("birmingham", 33.5207, -86.8025)
    qualified = place_forms("birmingham alabama", 33.5207, -86.8025)
    assert plain & qualified
    assert not plain & place_forms("birmingham united kingdom", 52.4814, -1.8998)


FOLLOW_UP = """Millbrook man in court

MILLBROOK, Ohio (June 20, 2016) — A 31-year-old Millbrook man appeared in court on Monday on
an attempted murder charge.

Police say he is the man who shot Daniel Reyes in Millbrook.
"""
OTHER_FOLLOW_UP = FOLLOW_UP.replace("Daniel Reyes", "Marcus Hale")


@pytest.mark.parametrize(
    ("follow_up", "joins"),
    [(FOLLOW_UP, True), (OTHER_FOLLOW_UP, False)],
    ids=["names the victim", "names another victim"],
)
def test_a_later_storys_undated_mention_joins_the_shooting_it_names_the_victim_of(
    store, tmp_path, follow_up, joins
):
    import_paths(store, [write(tmp_path, "a.txt", FIRST), write(tmp_path, "b.txt", follow_up)])
    with store.session() as s:
        mention = s.scalar(select(Event).where(Event.document_id == 2, Event.type == "shooting"))
        assert mention is not None and mention.date_value == ""  # the story gives no day
        first = s.scalar(select(Event.incident_id).where(Event.document_id == 1))
        assert (first is not None and mention.incident_id == first) == joins


def test_in_the_window_the_analyst_splits_merges_and_parts_reports_and_undoes_each(
    qtbot, store, settings, tmp_path
):
    window = _window_on_three_reports(qtbot, store, settings, tmp_path)
    first, second = incident_of(store, "wounded"), incident_of(store, "gunman")
    assert first is not None and first == second
    with store.session() as s:
        ids = {
            d: s.scalar(select(Event.id).where(Event.document_id == d, Event.type == "shooting"))
            for d in (1, 2, 3)
        }
    curator = window.curator

    def incident(doc: int) -> int | None:
        with store.session() as s:
            return s.scalar(select(Event.incident_id).where(Event.id == ids[doc]))

    window.select_event(ids[2])
    assert curator.act_own.isEnabled() and not curator.act_same.isEnabled()
    curator.act_own.trigger()  # the second report stands alone
    assert incident(1) is None and incident(2) is None
    curator.act_undo.trigger()
    assert incident(1) == incident(2) == first

    window.select_events([ids[1], ids[3]])  # the analyst knows better: one happening
    curator.act_same.trigger()
    assert incident(1) == incident(3) == incident(2)
    assert curator.act_undo.text() == "&Undo Same incident"
    curator.act_undo.trigger()
    assert incident(3) is None and incident(1) == incident(2) == first
    with store.session() as s:
        assert s.get(Incident, first).events == 2

    window.select_events([ids[1], ids[2]])
    curator.act_apart.trigger()  # not the same after all
    assert incident(2) is None
    curator.act_undo.trigger()
    assert incident(1) == incident(2) == first
    # an undone word is no word: matching again does as the machine would
    from store.incident_decisions import Decisions

    with store.session() as s:
        decisions = Decisions.load(s)
    assert not decisions.alone and not decisions.apart and not decisions.same


def test_the_table_shows_one_row_per_incident_and_opens_it_to_its_reports(
    qtbot, store, settings, tmp_path
):
    from PySide6.QtCore import Qt

    from ui import window_state
    from ui.library import Library
    from ui.main_window import MainWindow

    window = _window_on_three_reports(qtbot, store, settings, tmp_path)
    model = window.model
    every = model.rowCount()

    def summaries() -> list[str]:
        return [model.index(r, 2).data() for r in range(model.rowCount())]

    window.act_per_incident.trigger()
    assert model.rowCount() == every - 1  # the two reports of one shooting are one row
    lead = next(r for r, text in enumerate(summaries()) if text.startswith("▸"))
    assert summaries()[lead].startswith("▸ 2 reports · ")
    window.table.setFocus()
    window.table.setCurrentIndex(model.index(lead, 2))
    qtbot.keyClick(window.table, Qt.Key.Key_Right)  # open it: its other report under it
    assert model.rowCount() == every
    assert summaries()[lead].startswith("▾") and summaries()[lead + 1].startswith("    ↳")
    qtbot.keyClick(window.table, Qt.Key.Key_Left)
    assert model.rowCount() == every - 1
    assert window.selected_ids() == [model.id_at(lead)]

    window_state.save(window, settings)  # the analyst's way of reading is kept
    again = MainWindow(Library(store), settings)
    qtbot.addWidget(again)
    assert again.act_per_incident.isChecked() and again.model.rowCount() == every - 1


def test_a_city_under_two_names_at_one_point_is_found_by_either(store):
    from store.incident_evidence import place_forms
    from store.incidents import _place_entities
    from store.models import Entity

    with store.session() as s, s.begin():
        alabama = {"kind": "place", "latitude": 33.5207, "longitude": -86.8025}
        plain = Entity(name="Birmingham", key="birmingham", **alabama)
        qualified = Entity(name="Birmingham, Alabama", key="birmingham alabama", **alabama)
        english = Entity(
            name="Birmingham, United Kingdom",
            key="birmingham united kingdom",
            kind="place",
            latitude=52.4814,
            longitude=-1.8998,
        )
        s.add_all([plain, qualified, english])
        s.flush()
        located, named = _place_entities(s, place_forms("birmingham", 33.5207, -86.8025))
        assert located == named == sorted([plain.id, qualified.id])


STREET_ONLY = """Man hurt on Maple Street

(June 5, 2016) — A man was shot Saturday night on Maple Street, police said.
"""
STREET_AGAIN = """Maple Street shooting

(June 6, 2016) — Neighbours on Maple Street heard four shots Saturday night before a man was
shot, police said.
"""
TOWN_ONLY = """Millbrook shooting leaves man hurt

MILLBROOK, Ohio (June 5, 2016) — A man was shot in Millbrook on Saturday night, police said.
"""
TOWN_AGAIN = """Millbrook police investigate shooting

MILLBROOK, Ohio (June 6, 2016) — Millbrook police are investigating a shooting on Saturday
night that left a man wounded.
"""
BOTH = """Man shot on Maple Street in Millbrook

MILLBROOK, Ohio (June 6, 2016) — A man was shot on Maple Street in Millbrook on Saturday night,
police said.
"""


def test_a_report_that_ties_two_incidents_of_one_shooting_makes_them_one(store, tmp_path):
    """Two stories give only the street, two only the town: each pair is an incident, and
    neither can be joined to the other on what it says. A fifth names the street in the
    town: the four tell one shooting, now one incident."""
    texts = {"a": STREET_ONLY, "b": STREET_AGAIN, "c": TOWN_ONLY, "d": TOWN_AGAIN}
    import_paths(store, [write(tmp_path, f"{k}.txt", t) for k, t in texts.items()])
    street, town = incident_of(store, "Man hurt"), incident_of(store, "leaves man hurt")
    assert street is not None and town is not None and street != town
    assert incident_of(store, "Maple Street shooting") == street
    assert incident_of(store, "police investigate") == town

    import_paths(store, [write(tmp_path, "e.txt", BOTH)])
    tied = incident_of(store, "in Millbrook")
    assert tied is not None
    for title in ("Man hurt", "Maple Street shooting", "leaves man hurt", "police investigate"):
        assert incident_of(store, title) == tied
    with store.session() as s:
        assert s.scalar(select(Incident.events).where(Incident.id == tied)) == 5
        assert len(s.scalars(select(Incident.id)).all()) == 1


def test_a_report_that_fits_two_incidents_naming_different_victims_leaves_them_apart(
    store, tmp_path
):
    named = {
        "a": STREET_ONLY.replace("A man was", "Daniel Reyes was"),
        "b": STREET_AGAIN.replace("a man was", "Daniel Reyes was"),
        "c": TOWN_ONLY.replace("A man was", "Laura Briggs was"),
        "d": TOWN_AGAIN.replace("left a man", "left Laura Briggs"),
        "e": BOTH,
    }
    import_paths(store, [write(tmp_path, f"{k}.txt", t) for k, t in named.items()])
    assert incident_of(store, "Man hurt") != incident_of(store, "leaves man hurt")
