"""An analyst selects every event a filter shows (Ctrl+A) and rejects them all (Delete) or
retypes them all (F2): the selection is read at once, the change shows its progress and can
be stopped, which leaves every event as it was, and Ctrl+Z undoes a finished one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from tests.test_gui_curation import _answer_edit_dialog
from ui.curation import StepProgress

EVENTS = 2000


@pytest.fixture
def big_window(qtbot, tmp_path, settings, monkeypatch):  # type: ignore[no-untyped-def]
    from benchmarks.make_store import build
    from store.db import open_store
    from ui.library import Library
    from ui.main_window import MainWindow

    path = tmp_path / "bulk.sqlite3"
    build(path, EVENTS, seed=11, report=False)
    # a change of a few hundred events counts as long here, and its dialog shows at once
    monkeypatch.setattr(StepProgress, "LONG", 500)
    monkeypatch.setattr(StepProgress, "SHOW_AFTER_MS", 0)
    w = MainWindow(Library(open_store(path)), settings)
    qtbot.addWidget(w)
    w.resize(1300, 850)
    w.show()
    qtbot.waitExposed(w)
    return w


def _press_stop_when_progress_shows(window) -> list[str]:  # type: ignore[no-untyped-def]
    """Press Stop on the progress dialog as soon as it is up; the labels it showed land in
    the list."""
    seen: list[str] = []

    def stop() -> None:
        dialogs = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        if not dialogs:
            QTimer.singleShot(0, stop)
            return
        seen.append(dialogs[0].labelText())
        dialogs[0].cancel()

    QTimer.singleShot(0, stop)
    return seen


def test_ctrl_a_then_delete_rejects_everything_shown_and_can_be_stopped(qtbot, big_window):
    window = big_window
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(window.selected_ids()) == EVENTS
    assert window.curator.act_reject.text() == f"&Reject {EVENTS:,} events"

    seen = _press_stop_when_progress_shows(window)
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert seen == [f"Rejecting {EVENTS:,} events…"]
    assert window.model.rowCount() == EVENTS
    assert window.library.total() == EVENTS
    assert window.curator.stack.count() == 0  # nothing to undo
    assert window.statusBar().currentMessage() == (
        f"Stopped: none of the {EVENTS:,} events was rejected."
    )

    # the keyboard is back in the table, so Delete works again
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table)
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert window.model.rowCount() == 0
    assert window.library.total() == 0
    assert window.curator.act_undo.text() == f"&Undo Reject {EVENTS:,} events"

    window.curator.act_undo.trigger()
    assert window.library.total() == EVENTS
    assert window.model.rowCount() == EVENTS


def test_f2_over_every_event_retypes_them_all_and_can_be_stopped(qtbot, big_window):
    window = big_window
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    counts = window.library.counts_by_type(window.query)
    assert counts.get("statement", 0) < EVENTS

    seen = _press_stop_when_progress_shows(window)
    _answer_edit_dialog("statement", "")
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    assert seen == [f"Editing {EVENTS:,} events…"]
    assert window.library.counts_by_type(window.query) == counts
    assert window.curator.stack.count() == 0
    assert window.statusBar().currentMessage() == (
        f"Stopped: none of the {EVENTS:,} events was changed."
    )

    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table)
    _answer_edit_dialog("statement", "")
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    assert window.library.counts_by_type(window.query) == {"statement": EVENTS}
    window.curator.act_undo.trigger()
    assert window.library.counts_by_type(window.query) == counts
