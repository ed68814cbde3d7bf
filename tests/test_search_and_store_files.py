"""Searching passages as an analyst types, and store files: what is ours is opened (and
upgraded), what is not is left byte for byte as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from importers.pipeline import ImportOptions, import_paths
from store.db import StoreError, open_store
from store.event_index import EventIndex
from store.models import SCHEMA_VERSION
from store.query import EventQuery
from tests.conftest import unprivileged

REPORT = """Kandahar, Afghanistan (March 3, 2019) - Security forces raided a compound in Panjwai
on Saturday and detained two men.

Talks between the elders and the governor resumed in Kandahar city on Sunday.

Insurgents attacked a checkpoint in Zhari the same night, officials said.
"""


@pytest.fixture
def reported(store, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "report.txt"
    path.write_text(REPORT)
    import_paths(store, [path], ImportOptions())
    return store


def _found(store, typed: str) -> set[str]:  # type: ignore[no-untyped-def]
    """The types of the events found by ``typed``, through SQL and through the index alike."""
    query = EventQuery(text=typed)
    with store.session() as s:
        by_sql = set(query.event_ids(s))
        by_index = set(EventIndex.open(store).select(s, query).ids("date", False).tolist())
        assert by_sql == by_index, typed
        from store.read import event_rows

        return {row.type for row in event_rows(s, sorted(by_sql))}


def test_search_reads_words_as_users_type_them(reported):
    assert "raid" in _found(reported, "raids")  # the porter stemmer: raided, raids, raid
    assert _found(reported, "raid OR talks") >= {"raid", "talks"}
    assert "talks" not in _found(reported, "raid OR attack")
    assert _found(reported, '"the governor"') == {"talks"}
    assert _found(reported, '"governor the"') == set()
    assert "raid" in _found(reported, "compou*")
    assert "raid" not in _found(reported, "NOT compound")
    assert "talks" in _found(reported, "NOT compound")
    assert "raid" not in _found(reported, "Kandahar NOT Panjwai")
    for nonsense in ('"', "(", "OR", "NOT", "a AND", "(( raid", 'x" OR'):
        _found(reported, nonsense)  # never an FTS5 syntax error


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_another_applications_database_is_refused_and_left_as_it_was(tmp_path):
    other = tmp_path / "contacts.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
        conn.execute("INSERT INTO people VALUES ('Ada')")
    before = _sha(other)
    with pytest.raises(StoreError, match="another application"):
        open_store(other)
    assert _sha(other) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.db"]  # no -wal, no -shm


def test_files_and_folders_that_are_no_store_are_refused(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    with pytest.raises(StoreError, match="not an SQLite database"):
        open_store(text)
    assert text.read_text() == "not a database"
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "missing" / "store.sqlite3")
    assert not (tmp_path / "missing").exists()
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    open_store(empty).close()  # an empty file becomes a new store


def test_a_store_of_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "store.sqlite3"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION + 1,)
        )
    before = _sha(path)
    with pytest.raises(StoreError, match="newer Chronolens"):
        open_store(path)
    assert _sha(path) == before


def _as_first_release(path: Path) -> None:
    """Turn a store back into the first release's schema: its search index without the
    stemmer, its entity cells without roles, version 1."""
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE passages_fts")
        for name in ("passages_ai", "passages_ad", "passages_au"):
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute(
            "CREATE VIRTUAL TABLE passages_fts USING fts5(text, content='passages', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
        conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
        conn.execute("UPDATE events SET entity_labels = 'Old (organization)'")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")


def _first_release_store(tmp_path: Path) -> Path:
    """A store holding REPORT, turned back into the first release's schema."""
    path = tmp_path / "store.sqlite3"
    report = tmp_path / "report.txt"
    report.write_text(REPORT)
    store = open_store(path)
    import_paths(store, [report], ImportOptions())
    store.close()
    _as_first_release(path)
    return path


def test_a_store_of_the_first_release_is_upgraded_once(tmp_path):
    path = _first_release_store(tmp_path)

    upgraded = open_store(path)
    assert "raid" in _found(upgraded, "raids")
    with upgraded.session() as s:
        labels = [r[0] for r in s.connection().exec_driver_sql("SELECT entity_labels FROM events")]
        version = s.connection().exec_driver_sql(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        )
        assert version.scalar() == str(SCHEMA_VERSION)
    assert "Old (organization)" not in labels
    assert any(", location)" in label for label in labels)
    upgraded.close()


def test_a_read_only_store_can_be_read(shared_tmp, cli):
    folder = shared_tmp / "ro"
    folder.mkdir()
    path = folder / "store.sqlite3"
    report = shared_tmp / "report.txt"
    report.write_text(REPORT)
    assert cli("import", "--db", path, report)[0] == 0
    before = _sha(path)
    path.chmod(0o444)
    folder.chmod(0o555)

    def read_then_write() -> tuple[int, int, int]:
        code, out = cli("events", "--db", path, "--format", "jsonl")
        return code, len(out.splitlines()), cli("reject", "--db", path, "1")[0]

    read, rows, wrote = unprivileged(read_then_write)  # type: ignore[misc]
    assert read == 0 and rows >= 1
    assert wrote != 0
    assert _sha(path) == before


def test_a_store_whose_last_changes_are_in_its_log_is_not_shown_older_than_it_is(
    shared_tmp, tmp_path
):
    import shutil

    live = tmp_path / "live.sqlite3"
    report = tmp_path / "report.txt"
    report.write_text(REPORT)
    writer = open_store(live)
    import_paths(writer, [report], ImportOptions())
    folder = shared_tmp / "ro"
    folder.mkdir()
    for name in ("live.sqlite3", "live.sqlite3-wal"):  # as a crash leaves them
        shutil.copy(tmp_path / name, folder / name)
    writer.close()
    folder.chmod(0o555)

    def opened() -> str:
        try:
            open_store(folder / "live.sqlite3").close()
        except StoreError as exc:
            return str(exc)
        return "opened"

    said = unprivileged(opened)
    assert "changes still in live.sqlite3-wal" in str(said) and "read-only" in str(said)


def test_a_store_that_cannot_be_written_is_read_and_refuses_writes_in_one_line(
    tmp_path, cli, monkeypatch, capsys
):
    import store.db

    path = tmp_path / "store.sqlite3"
    report = tmp_path / "report.txt"
    report.write_text(REPORT)
    assert cli("import", "--db", path, report)[0] == 0
    before = _sha(path)
    monkeypatch.setattr(store.db, "_writable", lambda _target: False)  # as for file modes
    code, out = cli("events", "--db", path, "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) >= 3
    capsys.readouterr()
    assert cli("reject", "--db", path, "1")[0] != 0
    err = capsys.readouterr().err
    assert err.startswith("chronolens: the store is read-only") and err.count("\n") == 1
    assert _sha(path) == before


def test_every_command_line_failure_is_one_line(tmp_path, cli, capsys):
    other = tmp_path / "contacts.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    for args in (
        ("events", "--db", other),
        ("entities", "--db", tmp_path),
        ("import", "--db", other, other),
    ):
        code, _out = cli(*args)
        err = capsys.readouterr().err
        assert code != 0 and err.startswith("chronolens: ") and err.count("\n") == 1, err


def test_the_app_upgrades_an_old_store_under_a_progress_dialog(tmp_path, qtbot, monkeypatch):
    import ui.upgrade

    path = _first_release_store(tmp_path)
    shown: list[str] = []
    real = ui.upgrade.upgrade_dialog

    def watched(old, parent=None):  # type: ignore[no-untyped-def]
        dialog = real(old, parent)
        shown.append(dialog.labelText())
        return dialog

    monkeypatch.setattr(ui.upgrade, "upgrade_dialog", watched)
    upgraded = ui.upgrade.open_with_progress(str(path))
    assert shown and "from version 1 to" in shown[0]
    assert "raid" in _found(upgraded, "raids")
    upgraded.close()
    ui.upgrade.open_with_progress(str(path)).close()  # once: a current store opens plainly
    assert len(shown) == 1


def test_the_command_line_says_it_upgrades_an_old_store(tmp_path, cli, capsys):
    path = tmp_path / "store.sqlite3"
    report = tmp_path / "report.txt"
    report.write_text(REPORT)
    assert cli("import", "--db", path, report)[0] == 0
    _as_first_release(path)
    capsys.readouterr()
    assert cli("events", "--db", path)[0] == 0
    assert "upgrading the store from version 1" in capsys.readouterr().err
    assert cli("events", "--db", path)[0] == 0
    assert "upgrading" not in capsys.readouterr().err
