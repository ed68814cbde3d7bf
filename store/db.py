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
        for stmt in _FTS_SQL:
            conn.exec_driver_sql(stmt)
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions.begin() as s:
        if s.scalar(select(Meta).where(Meta.key == "schema_version")) is None:
            s.add(Meta(key="schema_version", value=str(SCHEMA_VERSION)))
    return Store(engine=engine, sessions=sessions, path=target)


def fts_phrase(query: str) -> str:
    """Turn what a user typed into a safe FTS5 query: each word a quoted prefix term."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in query).split() if w]
    return " ".join(f'"{w}"*' for w in words)


def check_integrity(session: Session) -> bool:
    return session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
