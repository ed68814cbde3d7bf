"""Exporting events to CSV: the fast writer gives the same cells as the row-by-row record.

An analyst exports a million events as often as four; the writer that makes that take seconds
(SQLite cells, Arrow batches, two halves at once) must still write exactly what
``event_record`` says, in the order asked for, with formulas neutralised.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import select, update

from store import event_csv
from store.export import EVENT_COLUMNS, event_record, write_csv, write_events_csv
from store.models import Entity, Event, EventEntity
from store.query import EventQuery
from store.read import event_rows
from tests.texts import imported


@pytest.fixture
def store(synthetic_store):  # type: ignore[no-untyped-def]
    return synthetic_store


def _reference_csv(s, ids) -> list[list[str]]:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    write_csv(event_rows(s, ids), out, columns=EVENT_COLUMNS, record=event_record)
    return list(csv.reader(io.StringIO(out.getvalue())))


def _read(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


QUERIES = [
    EventQuery(),
    EventQuery(types=frozenset({"raid", "airstrike"})),
    EventQuery(types=frozenset()),
    EventQuery(include_undated=False, min_confidence=0.7),
    EventQuery(text="ceasefire"),
    EventQuery(document_ids=(1, 5, 9)),
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_exported_cells_are_those_of_the_row_by_row_record(store, query):
    with store.session() as s:
        out = io.BytesIO()
        n = write_events_csv(s, out, query=query)
        got = _read(out.getvalue())
        assert n == len(got) - 1 == query.count(s)
        assert got == _reference_csv(s, query.event_ids(s))


def test_a_selection_is_exported_in_the_order_it_was_picked(store):
    picked = [17, 3, 2999, 40]
    with store.session() as s:
        out = io.BytesIO()
        assert write_events_csv(s, out, ids=picked) == 4
        assert _read(out.getvalue()) == _reference_csv(s, picked)


@pytest.mark.parametrize("to_file", [False, True])
def test_a_large_export_written_in_two_halves_reads_as_one(store, tmp_path, monkeypatch, to_file):
    monkeypatch.setattr(event_csv, "SPLIT_AT", 100)
    monkeypatch.setattr(event_csv, "BATCH_ROWS", 256)
    monkeypatch.setattr(event_csv, "BUCKET_ROWS", 100)
    with store.session() as s:
        ids = EventQuery().event_ids(s, order="confidence", descending=True)
        if to_file:
            target = tmp_path / "all.csv"
            with target.open("wb") as out:
                n = write_events_csv(s, out, ids=ids, bom=True)
            data = target.read_bytes()
        else:
            out = io.BytesIO()
            n = write_events_csv(s, out, ids=ids, bom=True)
            data = out.getvalue()
        assert data.startswith("\ufeff".encode())
        assert n == len(ids)
        assert _read(data[3:]) == _reference_csv(s, ids)


def test_cancelling_an_export_stops_the_writers_and_leaves_only_the_header(store, monkeypatch):
    monkeypatch.setattr(event_csv, "SPLIT_AT", 100)
    seen: list[int] = []

    def cancel(n: int) -> bool:
        seen.append(n)
        return False

    with store.session() as s:
        out = io.BytesIO()
        n = write_events_csv(s, out, query=EventQuery(), progress=cancel)
    assert seen and n == 0
    assert _read(out.getvalue()) == [list(EVENT_COLUMNS)]


def test_renaming_an_entity_or_unlinking_it_shows_in_the_export(tmp_path: Path):
    opened = imported(
        tmp_path,
        "report.txt",
        "On 3 March 2021, Taliban fighters attacked a checkpoint in Kandahar.\n",
    )

    def exported() -> list[list[str]]:
        with opened.session() as s:
            out = io.BytesIO()
            write_events_csv(s, out, query=EventQuery())
            return _read(out.getvalue())[1:]

    column = EVENT_COLUMNS.index("entities")
    assert "Taliban (organization, actor)" in exported()[0][column]
    with opened.session() as s, s.begin():
        s.execute(update(Entity).where(Entity.name == "Taliban").values(name="Islamic Emirate"))
    assert "Islamic Emirate (organization, actor)" in exported()[0][column]
    with opened.session() as s, s.begin():
        place = s.scalar(select(Entity.id).where(Entity.name == "Kandahar"))
        s.execute(EventEntity.__table__.delete().where(EventEntity.entity_id == place))
    cell = exported()[0][column]
    assert "Kandahar" not in cell and "Islamic Emirate" in cell
    with opened.session() as s:
        first = s.scalar(select(Event.id))
        assert cell == _reference_csv(s, [first])[1][column]
    opened.close()


def test_formulas_are_neutralised_like_the_record(tmp_path: Path):
    opened = imported(
        tmp_path,
        "report.txt",
        '=HYPERLINK("http://x") Report\n\n'
        "On 3 March 2021, militants attacked a checkpoint in Kandahar.\n\n"
        "-On 5 March 2021, police arrested two suspects in Kabul.\n",
    )
    with opened.session() as s:
        ids = EventQuery().event_ids(s)
        assert ids
        out = io.BytesIO()
        write_events_csv(s, out, query=EventQuery())
        assert _read(out.getvalue()) == _reference_csv(s, ids)
    opened.close()


def test_events_piped_to_standard_output_are_the_rows_of_the_file(store, tmp_path):
    """The writer process prints its progress on its own standard output; the CSV it writes
    to ours must not be mixed up with it."""
    import subprocess
    import sys

    main = Path(__file__).resolve().parents[1] / "main.py"
    target = tmp_path / "events.csv"
    subprocess.run(
        [sys.executable, str(main), "events", "--db", store.path, "-o", str(target)], check=True
    )
    piped = subprocess.run(
        [sys.executable, str(main), "events", "--db", store.path],
        check=True,
        capture_output=True,
    )
    assert piped.stderr == b""
    rows = _read(piped.stdout)
    assert len(rows) == 3001
    assert rows == _read(target.read_bytes()[3:])


def test_a_store_from_before_the_entity_cell_gets_it_filled_when_opened(tmp_path: Path):
    import sqlite3

    from importers.pipeline import ImportOptions, import_paths
    from store.db import open_store

    doc = tmp_path / "report.txt"
    doc.write_text(
        "On 3 March 2021, Taliban fighters attacked a checkpoint in Kandahar.\n", encoding="utf-8"
    )
    path = tmp_path / "old.sqlite3"
    opened = open_store(path)
    import_paths(opened, [str(doc)], ImportOptions())
    opened.close()
    with sqlite3.connect(path) as old:  # make it the store an earlier version wrote
        for (name,) in old.execute("SELECT name FROM sqlite_master WHERE name LIKE '%labels%'"):
            old.execute(f"DROP TRIGGER {name}")
        old.execute("ALTER TABLE events DROP COLUMN entity_labels")

    reopened = open_store(path)
    with reopened.session() as s:
        ids = EventQuery().event_ids(s)
        out = io.BytesIO()
        write_events_csv(s, out, ids=ids)
        rows = _read(out.getvalue())
        assert "Taliban (organization, actor)" in rows[1][EVENT_COLUMNS.index("entities")]
        assert rows == _reference_csv(s, ids)
    reopened.close()


def test_a_sentence_broken_over_lines_and_an_event_outside_any_passage_export_as_recorded(
    tmp_path: Path,
):
    """A PDF's text breaks lines inside sentences, and an event may lie outside the passages
    the importer made (its passage removed); the evidence still reads as one line from the
    document's text, with the document's cells and the place's coordinates."""
    opened = imported(
        tmp_path,
        "report.txt",
        "On 3 March 2021, Taliban fighters attacked a police post in Kandahar\n"
        "and a checkpoint.\n\n"
        "On 5 March 2021, police arrested\r\ntwo suspects in Kabul.\n",
    )
    doc = tmp_path / "report.txt"
    text = doc.read_text(encoding="utf-8")
    with opened.session() as s, s.begin():
        first, last = s.scalars(select(Event.id).order_by(Event.id)).all()
        # The first event's evidence taken over the line break, past its passage's end.
        end = text.index("checkpoint.") + len("checkpoint.")
        s.execute(update(Event).where(Event.id == first).values(span_start=0, span_end=end))
        s.execute(update(Event).where(Event.id == last).values(passage_id=None))
    with opened.session() as s:
        ids = EventQuery().event_ids(s)
        out = io.BytesIO()
        write_events_csv(s, out, query=EventQuery())
        got = _read(out.getvalue())
        assert got == _reference_csv(s, ids)
    rows = [dict(zip(got[0], row, strict=True)) for row in got[1:]]
    assert len(rows) == 2
    assert all("\n" not in r["evidence"] and "\r" not in r["evidence"] for r in rows)
    assert (
        "On 3 March 2021, Taliban fighters attacked a police post in Kandahar and a checkpoint."
        in {r["evidence"] for r in rows}
    )
    assert len({r["document_title"] for r in rows}) == 1
    assert any(r["latitude"] and r["longitude"] for r in rows)
    opened.close()
