"""Engine and session set-up: the store file, SQLite pragmas, schema and the FTS5 index."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.orm import Session, sessionmaker

from store.models import SCHEMA_VERSION, Base, Meta

ENV_DB = "CHRONOLENS_DB"

_FTS_SQL = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(text, content='passages',
           content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
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

    def session(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        self.engine.dispose()


def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA cache_size=-65536")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def open_store(path: str | os.PathLike[str] | None = None) -> Store:
    """Open (creating if needed) the store at ``path``; ``":memory:"`` works for tests."""
    target = str(path) if path is not None else str(default_db_path())
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{target}"
    else:
        url = "sqlite://"
    engine = create_engine(url)
    event.listen(engine, "connect", _on_connect)
    with engine.connect() as conn:
        if target != ":memory:":
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        conn.commit()
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        # create_all skips the indexes of tables that exist: add those a newer version defines.
        for table in Base.metadata.sorted_tables:
            for index in table.indexes:
                index.create(conn, checkfirst=True)
        for stmt in (*_FTS_SQL, *_GENERATION_SQL):
            conn.exec_driver_sql(stmt)
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions.begin() as s:
        for key, value in (("schema_version", str(SCHEMA_VERSION)), (GENERATION_KEY, "0")):
            if s.scalar(select(Meta).where(Meta.key == key)) is None:
                s.add(Meta(key=key, value=value))
    return Store(engine=engine, sessions=sessions, path=target)


def fts_phrase(query: str) -> str:
    """Turn what a user typed into a safe FTS5 query: each word a quoted prefix term."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in query).split() if w]
    return " ".join(f'"{w}"*' for w in words)


def generation(session: Session) -> int:
    """How many times the events table has changed; see ``_GENERATION_SQL``."""
    value = session.scalar(select(Meta.value).where(Meta.key == GENERATION_KEY))
    return int(value or 0)


def check_integrity(session: Session) -> bool:
    return session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
