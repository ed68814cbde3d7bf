"""An analyst corrects the machine in the app: edits an event (F2), rejects events (Delete),
undoes and redoes, renames and merges entities, and every view follows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tests.dialogs import close_next_message, when_modal
from ui.curation import Draft, EditEventsCommand, EventEditDialog


def _rows(window):  # type: ignore[no-untyped-def]
    return [window.model.event(r) for r in range(window.model.rowCount())]


def _raid(window):  # type: ignore[no-untyped-def]
    return next(r for r in _rows(window) if r.type == "raid" and r.date_value == "2019-09")


def _answer_edit_dialog(kind: str | None, date: str, summary: str | None = None) -> None:
    """Fill in the edit dialog once it is open, as the analyst would, and press OK."""

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, EventEditDialog)
        assert dialog.type.findData(kind) >= 0
        dialog.type.setCurrentIndex(dialog.type.findData(kind))
        dialog.date.setText(date)
        if summary is not None:
            dialog.summary.setText(summary)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_modal(fill)


def test_f2_redates_and_retypes_an_event_and_ctrl_z_puts_it_back(qtbot, window):
    raid = _raid(window)
    window.select_event(raid.id)
    window.table.setFocus()
    _answer_edit_dialog("killing", "2019-09-23", "Emir of AQIS killed in Musa Qala")
    qtbot.keyClick(window.table, Qt.Key.Key_F2)

    edited = window.model.event(window.model.row_of(raid.id))
    assert (edited.type, edited.date_value, edited.origin) == ("killing", "2019-09-23", "analyst")
    assert window.selected_ids() == [raid.id]
    assert window.model.index(window.model.row_of(raid.id), 0).data() == "2019-09-23"
    assert "set by an analyst" in window.passage.header.text()
    assert "edited by an analyst" in window.passage.header.text()
    assert raid.id in {p.item.id for p in window.timeline._placed if p.item.type == "killing"}

    window.curator.act_undo.trigger()
    back = window.model.event(window.model.row_of(raid.id))
    assert (back.type, back.date_value, back.origin) == ("raid", "2019-09", "machine")
    window.curator.act_redo.trigger()
    assert window.model.event(window.model.row_of(raid.id)).type == "killing"


def test_f2_on_several_events_retypes_them_all_in_one_undo_step(qtbot, window):
    from collections import Counter

    common, _n = Counter(r.type for r in _rows(window) if r.type != "talks").most_common(1)[0]
    of_a_type = [r for r in _rows(window) if r.type == common]
    assert len(of_a_type) >= 3
    chosen = {r.id: r for r in of_a_type[:3]}
    window.select_events(list(chosen))
    window.table.setFocus()
    _answer_edit_dialog("talks", "")  # a blank date keeps each event's own
    qtbot.keyClick(window.table, Qt.Key.Key_F2)

    after = {r.id: r for r in _rows(window) if r.id in chosen}
    assert {r.type for r in after.values()} == {"talks"}
    assert {i: r.date_value for i, r in after.items()} == {
        i: r.date_value for i, r in chosen.items()
    }
    assert sorted(window.selected_ids()) == sorted(chosen)
    assert window.curator.act_undo.text() == "&Undo Edit 3 events"

    window.curator.act_undo.trigger()
    assert {r.id: r.type for r in _rows(window) if r.id in chosen} == dict.fromkeys(chosen, common)


def test_the_edit_dialog_refuses_a_date_it_cannot_read(qtbot, window):
    dialog = EventEditDialog(Draft.of(_raid(window)), window)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.date.setText("Sept 23rd")
    assert not ok.isEnabled()
    assert "not a date" in dialog.date_note.text()
    dialog.date.setText("2019-SU")
    assert ok.isEnabled()
    assert dialog.date_note.text() == "summer 2019"
    dialog.date.setText("")
    assert ok.isEnabled() and dialog.date_note.text() == "undated"


def test_delete_rejects_the_selected_events_and_undo_brings_them_back(qtbot, window):
    total = window.library.total()
    shown = len(window.model.ids)
    chosen = [int(i) for i in window.model.ids[:2]]
    window.table.clearSelection()
    assert not window.curator.act_reject.isEnabled()  # Delete with nothing chosen does nothing
    window.select_events(chosen)
    assert window.curator.act_reject.text() == "&Reject 2 events"
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)

    assert window.library.total() == total - 2
    assert len(window.model.ids) == shown - 2
    assert not set(chosen) & {int(i) for i in window.model.ids}
    assert window.count_label.text() == f"{shown - 2} of {total - 2} events"
    assert window.curator.act_undo.text() == "&Undo Reject 2 events"

    window.curator.act_undo.trigger()
    assert window.library.total() == total
    assert sorted(window.selected_ids()) == sorted(chosen)


def test_delete_in_the_search_field_still_edits_text(qtbot, window):
    total = window.library.total()
    search = window.filters.search
    search.setFocus()
    search.setText("raid")
    search.setCursorPosition(0)
    window.select_events([int(window.model.ids[0])])
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_Delete)
    assert search.text() == "aid"
    assert window.library.total() == total


def test_merging_entities_in_the_browser_updates_the_table_and_the_filter(qtbot, window):
    """The analyst counts AQIS, a branch, as al-Qaeda itself."""
    rows = {r.name: r for r in window.library.entities()}
    keep, other = rows["al-Qaeda"], rows["al-Qaeda in the Indian Subcontinent"]
    window.entities.merge(keep.id, [other.id])

    merged = {r.name: r for r in window.library.entities()}
    assert other.name not in merged
    assert {"AQIS", other.name} <= set(merged[keep.name].aliases)
    assert merged[keep.name].events == keep.events + other.events
    linked = {e.name for r in _rows(window) for e in r.entities}
    assert other.name not in linked and keep.name in linked
    # the old short name still filters, now through the kept entity's aliases
    with qtbot.waitSignal(window.filters.queryChanged, timeout=3000):
        window.filters.add_entity("AQIS")
    assert len(window.model.ids) == keep.events + other.events
    assert all(keep.name in {e.name for e in r.entities} for r in _rows(window))

    # on second thoughts the branch is its own group: Ctrl+Z takes the merge back
    assert window.curator.act_undo.text() == "&Undo Merge 1 entity into “al-Qaeda”"
    window.curator.act_undo.trigger()
    assert {r.name: r for r in window.library.entities()} == rows
    assert other.name in {e.name for r in _rows(window) for e in r.entities}
    window.curator.act_redo.trigger()
    assert other.name not in {r.name for r in window.library.entities()}


def test_correcting_an_entitys_name_and_kind_shows_everywhere(qtbot, window):
    baghouz = next(r for r in window.library.entities() if r.name == "Baghouz")
    assert baghouz.kind == "other"
    assert window.entities.rename(baghouz.id, "Al-Baghuz Fawqani", "place")
    labels = {(e.name, e.kind) for r in _rows(window) for e in r.entities}
    assert ("Al-Baghuz Fawqani", "place") in labels
    assert not any(name == "Baghouz" for name, _kind in labels)
    assert "Al-Baghuz Fawqani" in window.filters._names.stringList()
    assert window.entities.tree.currentItem().text(0) == "Al-Baghuz Fawqani"

    window.curator.act_undo.trigger()
    assert ("Baghouz", "other") in {(e.name, e.kind) for r in _rows(window) for e in r.entities}
    assert window.entities.tree.currentItem().text(0) == "Baghouz"
    assert "Baghouz" in window.filters._names.stringList()


def test_a_rename_onto_another_entitys_name_is_refused_with_a_message(qtbot, window):
    rows = {r.name: r for r in window.library.entities()}
    shown = close_next_message()
    aqis = rows["al-Qaeda in the Indian Subcontinent"]
    assert not window.entities.rename(aqis.id, "al-Qaeda", aqis.kind)
    assert shown and "merge the two instead" in shown[0]
    assert window.curator.stack.count() == 0
    assert {r.name: r for r in window.library.entities()} == rows


def test_an_edit_of_an_event_gone_meanwhile_is_a_message_not_an_undo_step(qtbot, window):
    raid = _raid(window)
    window.library.reject_events([raid.id])  # say, from another window on the same store
    shown = close_next_message()
    window.curator.stack.push(EditEventsCommand(window.curator, [raid.id], ("raid", "", "2019")))
    assert shown and "no longer exists" in shown[0]
    assert window.curator.stack.count() == 0
    assert not window.curator.act_undo.isEnabled()


def test_right_click_on_the_timeline_picks_the_event_the_menu_acts_on(qtbot, window):
    window.timeline.fit_all()
    placed = window.timeline._placed[-1]
    window.select_events([int(window.model.ids[0])])
    assert window.selected_ids() != [placed.item.id]
    qtbot.mouseClick(
        window.timeline, Qt.MouseButton.RightButton, pos=placed.rect.center().toPoint()
    )
    assert window.selected_ids() == [placed.item.id]
    assert window.curator.act_reject in window.timeline.actions()


def test_f2_corrects_who_an_event_involves_and_one_undo_takes_it_back(qtbot, window):
    raid = _raid(window)
    before = {(e.name, e.role) for e in raid.entities}
    dropped = raid.entities[0]
    window.select_event(raid.id)
    window.table.setFocus()

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, EventEditDialog) and dialog.links is not None
        editor = dialog.links
        completion = editor.name.completer().model()
        known = {completion.index(r, 0).data() for r in range(completion.rowCount())}
        assert {"Asim Umar", "Taliban"} <= known  # the store's entity names to complete
        editor.list.item(0).setSelected(True)
        editor.remove_selected()
        editor.role.setCurrentText("target")
        qtbot.keyClicks(editor.name, "Asim Umar")
        qtbot.keyClick(editor.name, Qt.Key.Key_Return)  # adds the name; the dialog stays
        assert dialog.isVisible()
        editor.role.setCurrentText("actor")
        editor.kind.setCurrentText("organization")
        editor.name.setText("Helmand Shura")
        editor.add_entered()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_modal(fill)
    qtbot.keyClick(window.table, Qt.Key.Key_F2)

    row = window.model.event(window.model.row_of(raid.id))
    links = {(e.name, e.role) for e in row.entities}
    assert links == (before - {(dropped.name, dropped.role)}) | {
        ("Asim Umar", "target"),
        ("Helmand Shura", "actor"),
    }
    assert row.origin == "analyst"
    assert "Helmand Shura" in window.filters._names.stringList()

    window.curator.act_undo.trigger()  # one step: the entities and the new name go back
    row = window.model.event(window.model.row_of(raid.id))
    assert {(e.name, e.role) for e in row.entities} == before
    assert row.origin == "machine"
    assert "Helmand Shura" not in window.filters._names.stringList()
