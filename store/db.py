"""Engine and session set-up: the store file, SQLite pragmas, schema and the FTS5 index."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import Connection, Engine, create_engine, event, select, text, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.schema import CreateColumn

from store.models import SCHEMA_VERSION, Base, Meta

# Event ids travel between layers as numpy arrays; one of their items bound as a query
# parameter would otherwise reach SQLite as a blob and match nothing.
for _numpy_int in (np.int64, np.int32):
    sqlite3.register_adapter(_numpy_int, int)

ENV_DB = "CHRONOLENS_DB"


class StoreError(Exception):
    """A store that cannot be opened as asked; the message is one line for the user."""


_FTS_SQL = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(text, content='passages',
           content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS passages_ai AFTER INSERT ON passages BEGIN
           INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text); END""",
    """CREATE TRIGGER IF NOT EXISTS passages_ad AFTER DELETE ON passages BEGIN
           INSERT INTO passages_fts(passages_fts, rowid, text) VALUES('delete', old.id, old.text);
       END""",
    """CREATE TRIGGER IF NOT EXISTS passages_au AFTER UPDATE ON passages BEGIN
           INSERT INTO passages_fts(passages_fts, rowid, text) VALUES('delete', old.id, old.text);
           INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text); END""",
]


# Every change to the events table bumps one counter, in the same transaction, so a derived
# snapshot (the event index cache) knows whether it is still true.
GENERATION_KEY = "events_generation"
_BUMP = f"UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = '{GENERATION_KEY}';"
_GENERATION_SQL = [
    f"CREATE TRIGGER IF NOT EXISTS events_gen_{op} AFTER {verb} ON events BEGIN {_BUMP} END"
    for op, verb in (("ai", "INSERT"), ("ad", "DELETE"), ("au", "UPDATE"))
]


def labels_of(event_id: str) -> str:
    """SQL for the entity cell of the event whose id is the SQL ``event_id``: each linked
    link as "Name (kind, role)", by role then name, joined by "; " ('' for none)."""
    return f"""coalesce((SELECT group_concat(label, '; ') FROM (
        SELECT en.name || ' (' || en.kind || ', ' || ee.role || ')' AS label,
               min(ee.role || char(0) || en.name) AS k
        FROM event_entities ee JOIN entities en ON en.id = ee.entity_id
        WHERE ee.event_id = {event_id} GROUP BY label ORDER BY k, label)), '')"""


def _relabel(event_id: str) -> str:
    return f"UPDATE events SET entity_labels = {labels_of(event_id)} WHERE id = {event_id};"


# events.entity_labels is derived from the links and the entities' names; these triggers keep
# it true whatever code changes them, in the same transaction.
_LABELS_SQL = [
    f"""CREATE TRIGGER IF NOT EXISTS event_entities_labels_ai AFTER INSERT ON event_entities
        BEGIN {_relabel("NEW.event_id")} END""",
    f"""CREATE TRIGGER IF NOT EXISTS event_entities_labels_ad AFTER DELETE ON event_entities
        BEGIN {_relabel("OLD.event_id")} END""",
    f"""CREATE TRIGGER IF NOT EXISTS event_entities_labels_au AFTER UPDATE ON event_entities
        BEGIN {_relabel("OLD.event_id")} {_relabel("NEW.event_id")} END""",
    f"""CREATE TRIGGER IF NOT EXISTS entities_labels_au AFTER UPDATE OF name, kind ON entities
        BEGIN UPDATE events SET entity_labels = {labels_of("events.id")}
        WHERE id IN (SELECT event_id FROM event_entities WHERE entity_id = NEW.id); END""",
]


def _add_new_columns(conn: Connection) -> list[str]:
    """``create_all`` leaves existing tables alone: add the columns a newer version defines
    (each has a server default). Returns them as ``table.column``."""
    added = []
    for table in Base.metadata.sorted_tables:
        have = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table.name})")}
        for column in table.columns:
            if column.name not in have:
                ddl = CreateColumn(column).compile(dialect=conn.dialect)
                conn.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {ddl}")
                added.append(f"{table.name}.{column.name}")
    return added


def default_db_path() -> Path:
    """The store file: ``$CHRONOLENS_DB`` if set, else ``chronolens.sqlite3`` in the data dir."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("chronolens", appauthor=False)) / "chronolens.sqlite3"


@dataclass(frozen=True)
class Store:
    """An opened store: its engine and a session factory. The caller owns sessions."""

    engine: Engine
    sessions: sessionmaker[Session]
    path: str
    read_only: bool = False

    def session(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        self.engine.dispose()


CACHE_KB = 16384
BULK_CACHE_KB = 393216  # 384 MB while a data set is written


def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA synchronous=NORMAL")
    # 16 MB of pages per connection: one scan of a million events (the index read afresh)
    # filled a 64 MB cache, which each pooled connection kept; the file's pages stay in the
    # OS cache anyway, and filters were no slower (benchmarks/gui_scale.py)
    cur.execute(f"PRAGMA cache_size=-{CACHE_KB}")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _inspect(target: Path) -> tuple[bool, int | None]:
    """Whether ``target`` is to become a new store, else the schema version of ours it holds.
    Refuses (StoreError) a folder, a file that is not SQLite, another application's database
    and a missing folder, without writing a byte."""
    if target.is_dir():
        raise StoreError(f"{target} is a folder, not a store file")
    if not target.exists():
        if not target.parent.is_dir():
            raise StoreError(f"the folder {target.parent} does not exist")
        return True, None
    try:
        with target.open("rb") as f:
            head = f.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"cannot read {target}: {exc.strerror}") from exc
    if not head:
        return True, None  # an empty file becomes a new store
    if head != _SQLITE_MAGIC:
        raise StoreError(f"{target} is not a Chronolens store (not an SQLite database)")
    try:
        conn = sqlite3.connect(_read_only_uri(target), uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            version = None
            if "meta" in tables:
                row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                version = int(row[0]) if row else None
        finally:
            conn.close()
    except (sqlite3.Error, ValueError) as exc:
        raise StoreError(f"{target} is not a readable Chronolens store: {exc}") from exc
    if version is None:
        if not tables:
            return True, None
        shown = ", ".join(sorted(tables)[:4]) + (", …" if len(tables) > 4 else "")
        raise StoreError(
            f"{target} is another application's SQLite database (tables {shown}); "
            "Chronolens leaves it alone"
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{target} was made by a newer Chronolens (store version {version}; this one "
            f"reads up to {SCHEMA_VERSION}); it is left unchanged"
        )
    return False, version


def _read_only_uri(file: Path) -> str:
    """The SQLite URI that reads ``file`` without writing a byte. In a folder that cannot be
    written there is no room for the log's index, and nobody can change the file there, so it
    is read as immutable; unless its last changes are still in the log, which only a writer
    can fold in (read as immutable, the store would look older than it is, or empty)."""
    uri = f"{file.resolve().as_uri()}?mode=ro"
    if os.access(file.parent, os.W_OK):
        return uri
    wal = file.with_name(file.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            f"{file} has changes still in {wal.name} and its folder is read-only; "
            "open it once where it can be written"
        )
    return uri + "&immutable=1"


def _writable(target: Path) -> bool:
    """Whether SQLite can write the store: the file and its folder (for the WAL files)."""
    folder_ok = os.access(target.parent, os.W_OK)
    return folder_ok and (not target.exists() or os.access(target, os.W_OK))


def _migrate(conn: Connection, version: int) -> None:
    """Bring a store of schema ``version`` up to SCHEMA_VERSION, in the open transaction."""
    if version < 2:
        # the porter stemmer: the search index is made again from the passages
        conn.exec_driver_sql("DROP TABLE IF EXISTS passages_fts")
        for name in ("passages_ai", "passages_ad", "passages_au"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        for stmt in _FTS_SQL:
            conn.exec_driver_sql(stmt)
        conn.exec_driver_sql("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
        # entity cells with roles
        for name in ("ai", "ad", "au"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS event_entities_labels_{name}")
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS entities_labels_au")
        for stmt in _LABELS_SQL:
            conn.exec_driver_sql(stmt)
        conn.exec_driver_sql(
            f"UPDATE events SET entity_labels = {labels_of('events.id')}"
            " WHERE id IN (SELECT event_id FROM event_entities)"
        )
    conn.exec_driver_sql(
        "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),)
    )


def pending_upgrade(path: str | os.PathLike[str] | None = None) -> int | None:
    """The schema version of the store at ``path`` when opening it will upgrade it (a long
    step on a big store: the search index is made again), else None. Reads only."""
    target = Path(str(path)) if path is not None else default_db_path()
    if str(target) == ":memory:":
        return None
    try:
        new, version = _inspect(target)
    except StoreError:
        return None  # open_store says why
    if new or version is None or version >= SCHEMA_VERSION:
        return None
    return version


def open_store(path: str | os.PathLike[str] | None = None) -> Store:
    """Open the store at ``path``, or make a new one where there is no file (or an empty one);
    ``":memory:"`` works for tests. A store of an older version is migrated forward; a folder,
    another application's file or a newer store is refused with StoreError and left as it was.
    A store that cannot be written (file or folder permissions) is opened read-only."""
    target = str(path) if path is not None else str(default_db_path())
    if target == ":memory:":
        return _open_engine(_engine("sqlite://"), target, new=True, version=None)
    file = Path(target)
    if path is None:  # the default store's folder is ours to make
        file.parent.mkdir(parents=True, exist_ok=True)
    new, version = _inspect(file)
    if not _writable(file):
        if new:
            raise StoreError(f"cannot create a store in {file.parent}: permission denied")
        if version != SCHEMA_VERSION:
            raise StoreError(f"{file} is read-only and needs an upgrade that would write it")
        # a folder that cannot be written has no room for the WAL's index: nobody can change
        # the file there, so SQLite may read it as immutable
        engine = _engine(f"sqlite:///{_read_only_uri(file)}&uri=true")
        sessions = sessionmaker(engine, expire_on_commit=False)
        return Store(engine=engine, sessions=sessions, path=target, read_only=True)
    engine = _engine(f"sqlite:///{target}")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        conn.commit()
    return _open_engine(engine, target, new=new, version=version)


def _engine(url: str) -> Engine:
    """An engine whose every connection has the store's pragmas (foreign keys first)."""
    engine = create_engine(url)
    event.listen(engine, "connect", _on_connect)
    return engine


def _open_engine(engine: Engine, target: str, *, new: bool, version: int | None) -> Store:
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        added = _add_new_columns(conn)
        # create_all skips the indexes of tables that exist: add those a newer version defines
        # (after the columns they index).
        for table in Base.metadata.sorted_tables:
            for index in table.indexes:
                index.create(conn, checkfirst=True)
        if version is not None and version < SCHEMA_VERSION:
            _migrate(conn, version)
        for stmt in (*_FTS_SQL, *_GENERATION_SQL, *_LABELS_SQL):
            conn.exec_driver_sql(stmt)
        if "events.entity_labels" in added:
            conn.exec_driver_sql(
                f"UPDATE events SET entity_labels = {labels_of('events.id')}"
                " WHERE id IN (SELECT event_id FROM event_entities)"
            )
    sessions = sessionmaker(engine, expire_on_commit=False)
    # A new store has them done as documents come; an older one takes each step once.
    done = "1" if new else "0"
    with sessions.begin() as s:
        for key, value in (
            ("schema_version", str(SCHEMA_VERSION)),
            (GENERATION_KEY, "0"),
            *((step, done) for step in ONCE),
        ):
            if s.scalar(select(Meta).where(Meta.key == key)) is None:
                s.add(Meta(key=key, value=value))
    return Store(engine=engine, sessions=sessions, path=target)


# Steps a store made by an older version takes once, each noted in ``meta`` when done
# (importers.repair): its places given the gazetteer's coordinates, its machine-made aliases
# read again from its documents.
PLACES_LOCATED = "places_located"
ALIASES_REDERIVED = "aliases_rederived"
ONCE = (PLACES_LOCATED, ALIASES_REDERIVED)


def done_once(session: Session, step: str) -> bool:
    """Whether the store has taken ``step`` (one of ``ONCE``)."""
    return session.scalar(select(Meta.value).where(Meta.key == step)) == "1"


def mark_done(session: Session, step: str) -> None:
    session.execute(update(Meta).where(Meta.key == step).values(value="1"))


def take_write_lock(session: Session) -> None:
    """Begin the session's transaction by taking SQLite's write lock, so that what it reads
    next is the latest state and stays so until it commits: a check and the insert it
    decides ("is this text stored yet?") are then one atomic step. pysqlite begins a
    transaction only at the first write, so a read before it would see a state another
    import may change before this one writes. The statement changes no row."""
    session.execute(text("UPDATE meta SET value = value WHERE 0"))


# The per-row triggers that a bulk write (a data set of a million rows) replaces by one step
# of its own: it writes the entity cells itself and bumps the generation once.
_PER_ROW_TRIGGERS = (
    *(f"events_gen_{op}" for op in ("ai", "ad", "au")),
    *(f"event_entities_labels_{op}" for op in ("ai", "ad", "au")),
    "passages_ai",
)


_REBUILT = frozenset({"ix_events_place_id"})


@contextmanager
def bulk_writes(session: Session) -> Iterator[None]:
    """Inside the session's open transaction, write events, links and passages without the
    per-row triggers: the caller fills ``events.entity_labels`` itself (:func:`labels_of`
    gives the form) and writes passages with ids above those stored (they are indexed for
    search at the end, in one step); the generation is bumped once and the triggers are made
    again, all in the same transaction, so other connections never see a store without
    them."""
    conn = session.connection()
    for name in _PER_ROW_TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    # an index whose keys land all over it (each row's place) is made again in one sorted pass
    rebuilt = [i for t in Base.metadata.sorted_tables for i in t.indexes if i.name in _REBUILT]
    for index in rebuilt:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {index.name}")
    # the indexes of a million new rows take keys all over them: with room for their pages
    # the writes stay in memory until the commit (the usual 16 MB made it a third slower)
    conn.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KB}")
    first_passage = conn.exec_driver_sql("SELECT coalesce(max(id), 0) + 1 FROM passages").scalar()
    try:
        yield
        # the new passages into the search index in one statement, not a trigger a row
        conn.exec_driver_sql(
            "INSERT INTO passages_fts(rowid, text) SELECT id, text FROM passages WHERE id >= ?",
            (first_passage,),
        )
        conn.exec_driver_sql(_BUMP)
        for stmt in (*_FTS_SQL, *_GENERATION_SQL, *_LABELS_SQL):
            conn.exec_driver_sql(stmt)
    finally:
        for index in rebuilt:
            index.create(conn, checkfirst=True)
        conn.exec_driver_sql(f"PRAGMA cache_size=-{CACHE_KB}")


def generation(session: Session) -> int:
    """How many times the events table has changed; see ``_GENERATION_SQL``."""
    value = session.scalar(select(Meta.value).where(Meta.key == GENERATION_KEY))
    return int(value or 0)


def check_integrity(session: Session) -> bool:
    return session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
