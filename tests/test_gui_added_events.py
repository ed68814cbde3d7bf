"""An analyst reads past what the machine found: selects words in the evidence pane or in the
whole document, presses Ctrl+N, and those words become an event of the analyst's, which the
table, the timeline and the evidence pane show, and which Ctrl+Z takes back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPlainTextEdit

from store.records import Highlight
from tests.dialogs import when_modal
from ui.curation import EventEditDialog
from ui.documents import DocumentPicker
from ui.icons import HIGHLIGHT
from ui.passage_view import DocumentText, Marked

KILLED = (
    "Asim Umar, the first emir of Al-Qaeda in the Indian Subcontinent (AQIS), and several "
    "other AQIS figures were killed in that operation."
)
NOTES = "The UN team notes that the Taliban’s “shadow governor” for the district"


def _raid(window):  # type: ignore[no-untyped-def]
    rows = (window.model.event(r) for r in range(window.model.rowCount()))
    return next(r for r in rows if r.type == "raid" and r.date_value == "2019-09")


def _qt(text: str) -> int:
    """The length of ``text`` as Qt counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _select(view: QPlainTextEdit, words: str) -> None:
    """Drag over ``words`` in the view, as the mouse would."""
    shown = view.toPlainText()
    start = _qt(shown[: shown.index(words)])
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + _qt(words), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def _answer_new_event_dialog(kind: str, date: str) -> list[tuple[str, str, str]]:
    """Once the dialog opens, note what it suggests (title, type, date), then set the type
    and date as the analyst would and press OK."""
    suggested: list[tuple[str, str, str]] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, EventEditDialog)
        suggested.append((dialog.windowTitle(), dialog.type.currentData(), dialog.date.text()))
        dialog.type.setCurrentIndex(dialog.type.findData(kind))
        dialog.date.setText(date)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_modal(fill)
    return suggested


def test_words_marked_in_the_evidence_pane_become_an_event_and_ctrl_z_takes_it_back(qtbot, window):
    raid = _raid(window)
    window.select_event(raid.id)
    assert not window.act_add_event.isEnabled()  # nothing selected yet
    _select(window.passage.text, KILLED)
    assert window.act_add_event.isEnabled()

    suggested = _answer_new_event_dialog("killing", "2019-09")
    qtbot.keyClick(window.passage.text, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    # the machine's reading of the words alone: a killing, with no date in them
    assert suggested == [("New event", "killing", "")]
    (added,) = window.selected_ids()
    assert added != raid.id
    row = window.model.event(window.model.row_of(added))
    assert (row.type, row.date_value, row.origin) == ("killing", "2019-09", "analyst")
    assert row.evidence == KILLED
    # the entities named in the words, with no role the analyst did not give
    assert {(e.name, e.role) for e in row.entities} == {
        ("Asim Umar", "other"),
        ("al-Qaeda in the Indian Subcontinent", "other"),
    }
    assert "set by an analyst" in window.passage.header.text()
    assert added in {p.item.id for p in window.timeline._placed}
    assert window.curator.stack.undoText() == "Add killing event"

    window.curator.act_undo.trigger()
    assert window.model.row_of(added) == -1
    window.curator.act_redo.trigger()
    assert window.model.row_of(added) >= 0  # the same id again


def test_ctrl_n_in_the_document_window_adds_an_undated_event(qtbot, window):
    window.select_event(_raid(window).id)
    dialog = window.passage.open_document()
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    _select(dialog.view, NOTES)
    dialog.view.setFocus()

    suggested = _answer_new_event_dialog("statement", "")
    qtbot.keyClick(dialog.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    assert suggested and suggested[0][2] == ""  # no date in the words: none suggested
    (added,) = window.selected_ids()
    row = window.model.event(window.model.row_of(added))
    assert (row.type, row.date_value, row.evidence) == ("statement", "", NOTES)
    kinds = {h.kind for h in window.library.highlights(added)}
    assert "evidence" in kinds and "trigger" not in kinds
    assert "marked by an analyst" in window.passage.header.text()
    # the pane colours the marked words
    text = window.passage.text
    at = text.toPlainText().index(NOTES) + 3
    cursor = QTextCursor(text.document())
    cursor.setPosition(at + 1)
    assert cursor.charFormat().background().color() == HIGHLIGHT["evidence"]
    dialog.close()


def test_an_event_added_outside_the_filters_is_named_in_the_status_bar(qtbot, window):
    window.select_event(_raid(window).id)
    window.filters.set_type_checked("killing", False)
    window.select_event(_raid(window).id)
    _select(window.passage.text, KILLED)
    _answer_new_event_dialog("killing", "2019-09")
    window.act_add_event.trigger()
    assert "1 changed event is hidden by the filters" in window.statusBar().currentMessage()


def test_marked_words_are_the_words_selected_even_after_an_emoji(qtbot):
    view = DocumentText()
    qtbot.addWidget(view)
    text = "Claimed 🔥🔥 online: militants burned a school in Kunduz."
    view.show_text(7, text[8:], offset=8)  # the stretch of document 7 from offset 8
    _select(view, "burned a school")
    marked = view.marked()
    assert marked is not None
    start = text.index("burned")
    assert marked == Marked(7, start, start + len("burned a school"))
    assert text[marked.start : marked.end] == "burned a school"

    # and a highlight (in document offsets) colours the very words, up to their last letter
    school = text.index("school")
    view.highlight([Highlight(school, school + len("school"), "entity", "school")])
    shown = view.toPlainText()
    cursor = QTextCursor(view.document())
    for word, coloured in (("school", True), (" in", False)):
        end = _qt(shown[: shown.index(word) + len(word)])
        cursor.setPosition(end)  # the format of the character before the cursor
        assert (cursor.charFormat().background().color() == HIGHLIGHT["entity"]) is coloured


def test_a_document_where_the_machine_found_nothing_can_be_read_and_marked(qtbot, window, tmp_path):
    from importers.pipeline import ImportOptions, import_paths

    quiet = tmp_path / "council-minutes.txt"
    quiet.write_text(
        "Council minutes\n\nThe district council met on 4 May 2021. Residents said the "
        "council's archive in Lashkar Gah was lost that night.\n"
    )
    report = import_paths(window.library.store, [quiet], ImportOptions())
    assert report.events == 0  # nothing for the machine here, so no event to open it from
    window.library.reload_index()
    window.refresh_all()
    before = len(window.model.ids)

    def pick() -> None:
        picker = QApplication.activeModalWidget()
        assert isinstance(picker, DocumentPicker)
        qtbot.keyClicks(picker.filter, "council")
        visible = [
            picker.list.item(r).text()
            for r in range(picker.list.count())
            if not picker.list.item(r).isHidden()
        ]
        assert visible == ["Council minutes"]
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)

    when_modal(pick)
    dialog = window.read_document()
    assert dialog is not None and dialog.windowTitle() == "Council minutes"
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    _select(dialog.view, "the council's archive in Lashkar Gah was lost that night")
    suggested = _answer_new_event_dialog("arson", "2021-05-04")
    qtbot.keyClick(dialog.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    assert suggested == [("New event", "other", "")]  # no trigger word, no date of its own
    assert len(window.model.ids) == before + 1
    (added,) = window.selected_ids()
    row = window.model.event(window.model.row_of(added))
    assert (row.type, row.date_value, row.document_title) == (
        "arson",
        "2021-05-04",
        "Council minutes",
    )
    dialog.close()
