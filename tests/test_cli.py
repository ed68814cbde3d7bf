"""The command line: its formats are a contract other tools read."""

from __future__ import annotations

import csv
import io
import json

import pytest

EVENT_KEYS = {
    "id",
    "type",
    "date_value",
    "granularity",
    "date_start",
    "date_end",
    "date_inferred",
    "summary",
    "entities",
    "evidence",
    "document_title",
    "document_path",
    "document_published",
    "span_start",
    "span_end",
}


@pytest.fixture
def imported(cli, db_path, seed_path):
    code, out = cli("import", "--db", db_path, "--published", "2020-01-27", seed_path)
    assert code == 0
    assert "imported" in out
    return db_path


def test_events_jsonl_round_trip(cli, imported, seed_path):
    code, out = cli("events", "--db", imported, "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and set(rows[0]) >= EVENT_KEYS
    text = seed_path.read_text(encoding="utf-8")
    for row in rows:
        assert text[row["span_start"] : row["span_end"]] == row["evidence"]
        for ent in row["entities"]:
            assert set(ent) == {"name", "kind", "role"}
    raid = next(r for r in rows if r["type"] == "raid" and r["date_value"] == "2019-09")
    assert raid["document_published"] == "2020-01-27"
    assert {"name": "Musa Qala", "kind": "place", "role": "location"} in raid["entities"]


def test_events_csv_matches_jsonl(cli, imported):
    _, as_json = cli("events", "--db", imported, "--format", "jsonl")
    _, as_csv = cli("events", "--db", imported, "--format", "csv")
    json_rows = [json.loads(line) for line in as_json.splitlines()]
    csv_rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert set(csv_rows[0]) >= EVENT_KEYS
    assert [r["id"] for r in csv_rows] == [str(r["id"]) for r in json_rows]
    first_json, first_csv = json_rows[0], csv_rows[0]
    expected = "; ".join(
        dict.fromkeys(f"{e['name']} ({e['kind']}, {e['role']})" for e in first_json["entities"])
    )
    assert first_csv["entities"] == expected  # the roles, as JSON lines give them
    assert first_csv["date_value"] == first_json["date_value"]


def test_events_filters(cli, imported):
    _, out = cli("events", "--db", imported, "--type", "raid", "--format", "jsonl")
    assert {json.loads(x)["type"] for x in out.splitlines()} == {"raid"}
    _, out = cli("events", "--db", imported, "--entity", "AQIS", "--format", "jsonl")
    rows = [json.loads(x) for x in out.splitlines()]
    assert rows
    assert all(any("Subcontinent" in e["name"] for e in r["entities"]) for r in rows)
    _, out = cli(
        "events", "--db", imported, "--from", "2019-09", "--to", "2019-09", "--format", "jsonl"
    )
    assert {json.loads(x)["date_value"] for x in out.splitlines()} == {"2019-09", "2019"}
    _, out = cli("events", "--db", imported, "--from", "2020", "--format", "jsonl")
    assert {json.loads(x)["date_value"] for x in out.splitlines()} == {"2020-01-27"}
    _, out = cli("events", "--db", imported, "--search", "shuttle diplomacy", "--format", "jsonl")
    found = [json.loads(x) for x in out.splitlines()]  # events of the matching passage
    assert 1 <= len(found) <= 3
    assert any("shuttle diplomacy" in r["evidence"] for r in found)
    code, _ = cli("events", "--db", imported, "--from", "last week")
    assert code == 2


def test_events_to_a_file_has_a_bom_for_spreadsheets(cli, imported, tmp_path):
    target = tmp_path / "events.csv"
    code, _ = cli("events", "--db", imported, "-o", target)
    assert code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows and rows[0]["id"]


def test_entities_lists_aliases(cli, imported):
    _, out = cli("entities", "--db", imported, "--format", "jsonl")
    rows = {json.loads(x)["name"]: json.loads(x) for x in out.splitlines()}
    assert "AQIS" in rows["al-Qaeda in the Indian Subcontinent"]["aliases"]
    assert {"name", "kind", "aliases", "mentions", "events"} <= set(rows["Taliban"])
    _, out = cli("entities", "--db", imported)
    header = next(csv.reader(io.StringIO(out)))
    assert header[:4] == ["id", "name", "kind", "aliases"]


def test_timex_offsets_index_the_file(cli, tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes("Café owners said on Tuesday\r\nthat 2019 was hard.".encode())
    code, out = cli("timex", "--raw", "--ref", "2020-01-27", path)
    assert code == 0
    text = path.read_bytes().decode("utf-8")
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["text"] for r in rows] == ["Tuesday", "2019"]
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"]
        assert set(r) >= {"start", "end", "text", "type", "value", "granularity"}
    assert rows[0]["value"] == "2020-01-21"


def test_env_variable_selects_the_store(cli, monkeypatch, tmp_path, seed_path):
    target = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("CHRONOLENS_DB", str(target))
    code, _ = cli("import", seed_path)
    assert code == 0 and target.exists()


def test_a_store_named_before_the_sub_command_is_the_one_used(cli, tmp_path, seed_path):
    before = tmp_path / "before.sqlite3"
    code, _out = cli("--db", str(before), "import", "--published", "2020-01-27", seed_path)
    assert code == 0
    code, out = cli("--db", str(before), "entities")
    assert code == 0 and "Taliban" in out
    code, out = cli("entities", "--db", str(before))
    assert code == 0 and "Taliban" in out


def _events(cli, db) -> list[dict]:  # type: ignore[type-arg]
    _, out = cli("events", "--db", db, "--format", "jsonl")
    return [json.loads(line) for line in out.splitlines()]


def test_a_script_retypes_redates_and_rejects_events_by_id(cli, imported, capsys):
    rows = _events(cli, imported)
    talks = next(r["id"] for r in rows if r["type"] == "talks")
    others = [r["id"] for r in rows if r["type"] != "talks"][:2]

    code, out = cli("edit", "--db", imported, "--type", "talks", "--date", "2019-Q3", *others)
    assert (code, out.strip()) == (0, "edited 2 events")
    edited = {r["id"]: r for r in _events(cli, imported) if r["id"] in others}
    assert {(r["type"], r["date_value"], r["origin"]) for r in edited.values()} == {
        ("talks", "2019-Q3", "analyst")
    }

    code, out = cli("reject", "--db", imported, talks)
    assert (code, out.strip()) == (0, "rejected 1 event")
    assert talks not in {r["id"] for r in _events(cli, imported)}

    # what cannot be done is said on one line, with a status a script can test
    assert cli("edit", "--db", imported, "--date", "next March", others[0])[0] == 2
    assert "not a date" in capsys.readouterr().err
    assert cli("edit", "--db", imported, "--type", "picnic", others[0])[0] == 2
    assert "unknown event type 'picnic'" in capsys.readouterr().err
    assert cli("reject", "--db", imported, talks)[0] == 1
    assert "1 event not found" in capsys.readouterr().err


def test_a_script_merges_and_renames_entities_by_id(cli, imported, capsys):
    _, out = cli("entities", "--db", imported, "--format", "jsonl")
    ids = {r["name"]: r["id"] for r in map(json.loads, out.splitlines())}
    keep, branch = ids["al-Qaeda"], ids["al-Qaeda in the Indian Subcontinent"]

    code, out = cli("merge", "--db", imported, keep, branch)
    assert code == 0 and "'al-Qaeda in the Indian Subcontinent' into 'al-Qaeda'" in out
    code, out = cli("rename", "--db", imported, "--kind", "organization", keep, "Al-Qaeda")
    assert code == 0
    _, out = cli("entities", "--db", imported, "--format", "jsonl")
    rows = {r["name"]: r for r in map(json.loads, out.splitlines())}
    assert "al-Qaeda in the Indian Subcontinent" not in rows
    assert {"AQIS", "al-Qaeda"} <= set(rows["Al-Qaeda"]["aliases"])

    assert cli("rename", "--db", imported, keep, "Taliban")[0] == 1
    assert "merge the two instead" in capsys.readouterr().err


def test_a_script_marks_words_the_machine_missed_as_an_event(cli, imported, seed_path, capsys):
    words = "several other AQIS figures were killed in that operation"
    code, out = cli(
        "add", "--db", imported, "--type", "killing", "--date", "2019-09", seed_path, words
    )
    assert code == 0 and out.startswith("added event ")
    added = int(out.split()[-1])
    (row,) = [r for r in _events(cli, imported) if r["id"] == added]
    assert (row["type"], row["date_value"], row["origin"], row["evidence"]) == (
        "killing",
        "2019-09",
        "analyst",
        words,
    )
    assert [e["name"] for e in row["entities"]] == ["al-Qaeda in the Indian Subcontinent"]

    # a document named by its id; words it does not hold; a path never imported
    document = cli("add", "--db", imported, "--type", "talks", "1", "peace talks resumed")
    assert document[0] == 2 and "does not hold the words" in capsys.readouterr().err
    assert cli("add", "--db", imported, "--type", "talks", "nowhere.txt", words)[0] == 2
    assert "no document 'nowhere.txt'" in capsys.readouterr().err
    assert cli("add", "--db", imported, "--type", "picnic", seed_path, words)[0] == 2
    assert "unknown event type 'picnic'" in capsys.readouterr().err


def test_a_script_sets_who_an_event_involves(cli, imported, capsys):
    raid = next(r for r in _events(cli, imported) if r["type"] == "raid")
    code, out = cli(
        "relink", "--db", imported, "--kind", "organization", raid["id"],
        "Asim Umar:target", "Helmand:location", "Shadow Council:actor",
    )  # fmt: skip
    assert (code, out.strip()) == (0, f"event {raid['id']} has 3 entity links (1 new entity)")
    (row,) = [r for r in _events(cli, imported) if r["id"] == raid["id"]]
    assert {(e["name"], e["kind"], e["role"]) for e in row["entities"]} == {
        ("Asim Umar", "person", "target"),
        ("Helmand", "place", "location"),
        ("Shadow Council", "organization", "actor"),
    }
    assert cli("relink", "--db", imported, 999999, "Helmand:location")[0] == 2
    assert "event 999999 no longer exists" in capsys.readouterr().err


def test_timex_reads_a_web_page_as_import_does(cli, tmp_path):
    page = tmp_path / "news.html"
    page.write_text(
        "<html><head><title>Raid</title></head><body><nav>Archive: May 1, 2001</nav>"
        "<article><h1>Raid in Helmand</h1><p>Forces raided a compound in Helmand on "
        "September 23, 2019, officials said.</p><p>Fighters fled before the raid on "
        "September 22, 2019, residents said.</p></article></body></html>"
    )
    _code, read = cli("timex", page)
    _code, raw = cli("timex", "--raw", page)
    values = [json.loads(x)["value"] for x in read.splitlines()]
    assert "2019-09-23" in values and "2001-05-01" not in values
    assert "<p>" not in read and "2019-09-23" in raw


def test_events_type_takes_ids_and_labels_and_refuses_the_unknown(cli, imported, capsys):
    _, by_id = cli("events", "--db", imported, "--type", "report_release", "--format", "jsonl")
    _, by_label = cli("events", "--db", imported, "--type", "Report release", "--format", "jsonl")
    assert by_id == by_label and by_id.strip()
    capsys.readouterr()
    code, _ = cli("events", "--db", imported, "--type", "massacre")
    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1
    assert err.startswith("chronolens: unknown event type 'massacre'") and "raid" in err


def test_events_help_lists_the_types(capsys):
    import pytest

    import main

    with pytest.raises(SystemExit):
        main.build_parser().parse_args(["events", "--help"])
    assert "report_release (Report release)" in " ".join(capsys.readouterr().out.split())


def test_event_rows_say_each_type_in_acled_and_cameo_terms(cli, tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(
        "MOGADISHU, 4 May 2019 - Hundreds of protesters rallied against the government in "
        "Mogadishu on Friday.\n\nSoldiers clashed with al-Shabaab fighters near Afgoye on "
        "Thursday.\n\nThe two sides held talks in Nairobi on Wednesday.\n"
    )
    db = tmp_path / "store.sqlite3"
    assert cli("import", "--db", db, report)[0] == 0
    by_type = {r["type"]: r for r in _events(cli, db)}
    codes = {
        t: (r["acled_event_type"], r["acled_sub_event_type"], r["cameo_root"])
        for t, r in by_type.items()
    }
    assert codes["protest"] == ("Protests", "Peaceful protest", "14")
    assert codes["clash"] == ("Battles", "Armed clash", "19")
    assert codes["talks"] == ("", "", "04")  # ACLED has no type for talks
    _, out = cli("events", "--db", db)
    rows = list(csv.DictReader(out.splitlines()))
    assert {(r["type"], r["acled_event_type"], r["cameo_root"]) for r in rows} >= {
        ("protest", "Protests", "14"),
        ("clash", "Battles", "19"),
    }
