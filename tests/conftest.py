"""Shared fixtures: a fresh store file per test, a synthetic store of a few thousand events,
the seed article, a CLI runner."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# tracebacks of failed files go to a log of the test run's own, not the user's
os.environ.setdefault("CHRONOLENS_LOG_DIR", tempfile.mkdtemp(prefix="chronolens-test-log-"))

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "resources" / "samples" / "lwj-2020-01-27-un-al-qaeda-taliban.txt"


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite3"


@pytest.fixture
def store(db_path: Path):  # type: ignore[no-untyped-def]
    from store.db import open_store

    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """3,000 events built by ``benchmarks/make_store.py``: every granularity, undated and
    analyst events, Zipf-popular entities, passages with text. Tests must not change it."""
    from benchmarks.make_store import build
    from store.db import open_store

    path = tmp_path_factory.mktemp("synthetic") / "synthetic.sqlite3"
    build(path, 3000, seed=3, report=False)
    opened = open_store(path)
    yield opened
    opened.close()


@pytest.fixture
def cli() -> Callable[..., tuple[int, str]]:
    """Run ``main.py`` in-process with arguments; returns (exit status, stdout)."""
    import main

    def run(*args: str) -> tuple[int, str]:
        raw = io.BytesIO()  # a text stream over bytes, as the real standard output is
        out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        with contextlib.redirect_stdout(out):
            code = main.main([str(a) for a in args])
        out.flush()
        return code, raw.getvalue().decode("utf-8")

    return run


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def filled_store(db_path: Path):  # type: ignore[no-untyped-def]
    """A store holding the sample documents (the seed and three short fictional texts)."""
    from importers.pipeline import ImportOptions, import_paths
    from store.db import open_store
    from ui.empty_state import sample_paths

    store = open_store(db_path)
    import_paths(store, sample_paths(), ImportOptions())
    yield store
    store.close()


@pytest.fixture
def window(qtbot, filled_store, settings):  # type: ignore[no-untyped-def]
    """The main window on ``filled_store``, shown offscreen at 1300x850."""
    from ui.library import Library
    from ui.main_window import MainWindow

    w = MainWindow(Library(filled_store), settings)
    qtbot.addWidget(w)
    w.resize(1300, 850)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def shared_tmp():  # type: ignore[no-untyped-def]
    """A folder every user can reach (pytest's own are private to the user running it), so a
    test can close parts of it to :func:`unprivileged` code."""
    import shutil

    folder = Path(tempfile.mkdtemp(prefix="chronolens-perm-"))
    folder.chmod(0o755)
    yield folder
    for root, dirs, _files in os.walk(folder):
        for d in dirs:
            (Path(root) / d).chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


def unprivileged(fn: Callable[[], object]) -> object:
    """``fn()`` as a user without privileges: file modes bind it. Run as is by a normal user;
    as root (CI) in a forked child that gives up root for "nobody" before calling, so tests
    of permissions run everywhere instead of skipping where they matter. ``fn``'s result (or
    exception, as its text) comes back pickled. Whatever happens, the child ends with
    ``os._exit`` and never returns into pytest; it gets a minute, then SIGALRM ends it."""
    import pickle
    import signal

    if os.geteuid() != 0:
        return fn()
    # What a command of ours may import is imported here first: the child, as "nobody",
    # cannot read the interpreter's own library under /root.
    import main  # noqa: F401
    import store.db
    import store.event_csv
    import store.event_index
    import store.export
    import store.read  # noqa: F401

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root, run, send the outcome, never return into pytest
        try:
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
            signal.alarm(60)
            os.close(read)
            try:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
                outcome: tuple[bool, object] = (True, fn())
            except BaseException as exc:  # sent to the parent, to be raised there
                outcome = (False, f"{type(exc).__name__}: {exc}")
            try:
                data = pickle.dumps(outcome)
            except Exception as exc:
                data = pickle.dumps((False, f"unpicklable outcome: {exc!r}"))
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    if not data:
        raise RuntimeError("the unprivileged child ended without an answer")
    ok, value = pickle.loads(data)
    if not ok:
        raise RuntimeError(f"as nobody: {value}")
    return value
