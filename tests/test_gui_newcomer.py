"""A newcomer's first hour with the window: redo, the shortcuts list, filters that say what
they do, a passage pane that follows the selection, a timeline that fits the events, search
as typed, and a store that changes under the window."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from importers.pipeline import ImportOptions, import_paths
from store.db import open_store
from store.timespan import TimeSpan
from ui.library import Library
from ui.main_window import MainWindow


def _apply(qtbot, window: MainWindow, change) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.filters.queryChanged, timeout=3000):
        change()


def _first_of(window: MainWindow, type_id: str) -> int:
    for event_id in window.model.ids:
        row = window.model.event(window.model.row_of(int(event_id)))
        if row is not None and row.type == type_id:
            return int(event_id)
    raise AssertionError(f"no {type_id} event")


def test_redo_answers_ctrl_shift_z_and_ctrl_y(qtbot, window):
    keys = {k.toString() for k in window.curator.act_redo.shortcuts()}
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= keys
    assert len(keys) == len(window.curator.act_redo.shortcuts())  # none twice: not ambiguous
    raid = _first_of(window, "raid")
    window.select_event(raid)
    from ui.curation import EditEventsCommand

    # the values as the edit dialog gives them: type, summary, date (None keeps the field)
    window.curator.stack.push(EditEventsCommand(window.curator, [raid], ("bombing", None, None)))
    assert window.library.rows([raid])[0].type == "bombing"
    window.activateWindow()
    window.table.setFocus()
    for redo in (
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
    ):
        window.curator.stack.undo()
        assert window.library.rows([raid])[0].type == "raid"
        qtbot.keyClick(window.table, redo[0], redo[1])
        qtbot.waitUntil(lambda: window.library.rows([raid])[0].type == "bombing", timeout=2000)


def test_help_lists_every_shortcut(qtbot, window):
    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    listed = "\n".join(f"{keys}\t{what}" for keys, what in dialog.rows)
    for action in (window.curator.act_undo, window.curator.act_redo, window.act_import):
        for key in action.shortcuts():
            assert key.toString(QKeySequence.SequenceFormat.NativeText) in listed
    for words in ("Ctrl+Y", "F2", "Escape", "Ctrl+N", "Ctrl+Shift+O", "Home"):
        assert words in listed, words


def test_the_passage_pane_follows_the_selection_out_of_the_filters(qtbot, window):
    raid = _first_of(window, "raid")
    window.select_event(raid)
    assert window.passage.current is not None and window.passage.current.id == raid
    assert window.passage.open_button.isEnabled()

    _apply(qtbot, window, lambda: window.filters.set_type_checked("talks", False))
    assert window.passage.current is not None and window.passage.current.id == raid  # kept

    _apply(qtbot, window, lambda: window.filters.set_type_checked("raid", False))
    assert window.passage.current is None
    assert not window.passage.open_button.isEnabled()
    assert "Select an event" in window.passage.header.text()


def test_a_rejected_event_leaves_the_passage_pane(qtbot, window):
    raid = _first_of(window, "raid")
    window.select_event(raid)
    window.curator.reject_selected()
    qtbot.waitUntil(lambda: window.passage.current is None, timeout=2000)
    assert not window.passage.open_button.isEnabled()


def test_date_filters_read_words_and_name_the_field_at_fault(qtbot, window):
    _apply(qtbot, window, lambda: window.filters.date_from.setText("Sept. 2019"))
    query = window.filters.query()
    assert query.date_from == dt.date(2019, 9, 1) and not window.filters.date_error.isVisible()
    _apply(qtbot, window, lambda: window.filters.date_to.setText("2019-Q3"))
    assert window.filters.query().date_to == dt.date(2019, 10, 1)
    _apply(qtbot, window, lambda: window.filters.date_to.setText("March 2019"))
    assert window.filters.query().date_to == dt.date(2019, 4, 1)
    _apply(qtbot, window, lambda: window.filters.date_to.setText("Marhc 2019"))
    query = window.filters.query()
    assert query.date_from == dt.date(2019, 9, 1) and query.date_to is None  # the good one stays
    message = window.filters.date_error.text()
    assert message.startswith("To: not a date") and "From" not in message


def test_the_entity_box_clears_after_a_pick_and_escape_clears_every_filter(qtbot, window):
    filters = window.filters
    completer = filters.entity_input.completer()
    filters.entity_input.setText("Tali")
    _apply(qtbot, window, lambda: completer.activated.emit("Taliban"))
    qtbot.waitUntil(lambda: filters.entity_input.text() == "", timeout=1000)
    assert filters.query().entity_names == ("Taliban",)
    assert filters.entity_input.isClearButtonEnabled()

    _apply(qtbot, window, lambda: filters.search.setText("raid"))
    _apply(qtbot, window, lambda: filters.set_type_checked("talks", False))
    window.left.setCurrentIndex(0)
    filters.search.setFocus()
    _apply(qtbot, window, lambda: qtbot.keyClick(filters.search, Qt.Key.Key_Escape))
    cleared = filters.query()
    assert (cleared.text, cleared.entity_names, cleared.types) == ("", (), None)
    assert len(window.model.ids) == window.library.total()


def test_when_filters_hide_everything_the_timeline_says_which_and_clears_them(qtbot, window):
    _apply(qtbot, window, lambda: window.filters.search.setText("zzzqqq"))
    assert len(window.model.ids) == 0
    assert window.timeline.clear_button.isVisible()
    assert any("zzzqqq" in words for words in window.timeline._active)
    _apply(qtbot, window, window.timeline.clear_button.click)
    assert len(window.model.ids) == window.library.total()
    assert not window.timeline.clear_button.isVisible()


def test_every_type_shows_without_scrolling_at_the_default_size(qtbot, window):
    window.resize(1400, 900)
    types = window.filters.types
    assert types.verticalScrollBar().maximum() == 0
    last = types.visualItemRect(types.item(types.count() - 1))
    assert last.bottom() <= types.viewport().height()


def test_search_stems_and_marks_the_words_found(qtbot, window):
    _apply(qtbot, window, lambda: window.filters.search.setText("raids"))
    assert len(window.model.ids) >= 1
    window.select_event(int(window.model.ids[0]))
    row = window.passage.current
    assert row is not None
    hits = window.library.search_hits(row.document_id, "raids")
    assert hits and all(
        window.library.document(row.document_id).text[h.start : h.end].lower().startswith("raid")
        for h in hits
    )
    doc = window.passage.text.document()
    found = [
        fragment.text()
        for block in _blocks(doc)
        for fragment in _fragments(block)
        if fragment.charFormat().background().color().name() == "#ffb74d"
    ]
    assert found and all(word.lower().startswith("raid") for word in found)


def _blocks(doc):  # type: ignore[no-untyped-def]
    block = doc.begin()
    while block.isValid():
        yield block
        block = block.next()


def _fragments(block):  # type: ignore[no-untyped-def]
    it = block.begin()
    while not it.atEnd():
        yield it.fragment()
        it += 1


def test_home_fits_the_bulk_and_counts_what_lies_beyond(qtbot, window, tmp_path):
    far = tmp_path / "old.txt"
    far.write_text("Archive note.\n\nRebels attacked the garrison at Ghazni on 3 March 1921.\n")
    import_paths(window.library.store, [far], ImportOptions())
    window.library.reload_index()
    window.refresh_all()
    window.timeline.fit_all()
    span = window.timeline.span
    assert span.start >= dt.date(2018, 1, 1)  # not the century the 1921 date would span
    before, after = window.timeline._outside
    assert before >= 1 and after == 0
    for _step in range(10):  # the arrow goes to the nearest earlier events, then the next
        if not window.timeline._outside[0]:
            break
        window.timeline.go_outside(later=False)
    assert window.timeline.span.start <= dt.date(1921, 3, 3) < window.timeline.span.end


def test_the_overview_draws_all_events_beneath_the_filtered(qtbot, window):
    _apply(qtbot, window, lambda: window.filters.set_type_checked("talks", False))
    assert sum(window.overview._all) == window.library.total() - window.library.undated(
        type(window.query)()
    )
    assert sum(window.overview._bins) < sum(window.overview._all)


def test_an_import_from_the_command_line_shows_in_a_running_window(
    qtbot, window, db_path, cli, tmp_path
):
    raid = _first_of(window, "raid")
    window.select_event(raid)
    total = window.library.total()
    report = tmp_path / "later.txt"
    report.write_text("Militants attacked a checkpoint in Kunduz on 4 May 2019, police said.\n")
    assert cli("import", "--db", db_path, report)[0] == 0
    qtbot.waitUntil(lambda: window.library.total() > total, timeout=4000)
    assert window.count_label.text().endswith(f"{window.library.total()} events")
    assert window.table.selected_ids().tolist() == [raid]  # the selection is kept


def test_two_windows_on_one_store_see_each_others_edits(qtbot, filled_store, settings, db_path):
    first = MainWindow(Library(filled_store), settings)
    other_store = open_store(db_path)
    second = MainWindow(Library(other_store), settings)
    for w in (first, second):
        qtbot.addWidget(w)
        w.show()
    raid = _first_of(first, "raid")
    first.library.edit_events([raid], type="clash")
    qtbot.waitUntil(
        lambda: second.library.counts_by_type(second.query).get("clash", 0) >= 1, timeout=4000
    )
    assert second.library.rows([raid])[0].type == "clash"
    assert not first.check_store()  # its own edit is no news to the first
    first.close()
    second.close()
    other_store.close()


def test_a_remembered_range_that_hides_events_says_so(qtbot, window):
    window.timeline.set_span(TimeSpan(dt.date(2010, 1, 1), dt.date(2011, 1, 1)))
    before, after = window.timeline._outside
    assert before == 0 and after == len(
        window.library.selection(window.query)
    ) - window.library.undated(window.query)
