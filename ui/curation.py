"""The analyst's corrections in the app: edit an event (F2), reject events (Delete), add an
event the machine read past (Ctrl+N on words of its document), rename and merge entities, and
undo and redo any of them (Ctrl+Z, Ctrl+Shift+Z). Each change is a QUndoCommand over the
library's writes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, TypeVar

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from store.additions import NewEvent
from store.batches import Cancelled
from store.curation import CurationError, Edited, Merge, Renaming, parse_date_value
from store.incident_decisions import IncidentState
from store.links import LinkSpec, Relinked
from store.records import EventRow, summary_of
from ui.date_text import readable_date
from ui.icons import event_types, icon, type_icon, type_label
from ui.library import Library
from ui.links_editor import LinksEditor
from ui.passage_view import Marked

T = TypeVar("T")
MAX_MERGED = 500  # reports the analyst may put into one incident at once
EditValues = tuple[str | None, str | None, str | None]  # type, summary, date; None keeps it


@dataclass(frozen=True)
class Draft:
    """What the event dialog starts from: an event's fields, or what the machine suggests for
    words an analyst marked (``note`` says where the date came from)."""

    type: str
    date_value: str
    summary: str
    evidence: str
    note: str = ""
    links: tuple[LinkSpec, ...] | None = None  # an event's entities, to edit with it

    @classmethod
    def of(cls, row: EventRow) -> Draft:
        links = tuple(LinkSpec(e.name, e.role, e.kind) for e in row.entities)
        return cls(row.type, row.date_value, row.summary, row.evidence, links=links)


class EventEditDialog(QDialog):
    """Type, date and summary of one event (or of a new one), or type and date of several at
    once (what is left blank keeps each event's own); the date is checked as it is typed."""

    def __init__(
        self,
        draft: Draft | None,
        parent: QWidget | None = None,
        *,
        count: int = 1,
        title: str = "Edit event",
        names: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.many = draft is None
        self.setWindowTitle(f"Edit {count:,} events" if self.many else title)
        self.type = QComboBox()
        types = sorted(set(event_types()) | ({draft.type} if draft else set()), key=type_label)
        if self.many:
            self.type.addItem("(keep each event's type)", None)
        for kind in types:
            self.type.addItem(type_icon(kind), type_label(kind), kind)
        self.type.setCurrentIndex(0 if draft is None else types.index(draft.type))
        self.date = QLineEdit("" if draft is None else draft.date_value)
        self.date.setPlaceholderText(
            ("keep each date, or " if self.many else "")
            + "YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Q1, YYY…"
            + ("" if self.many else " (empty: undated)")
        )
        self.date.setClearButtonEnabled(True)
        self.date_note = QLabel()
        self.summary = QLineEdit("" if draft is None else draft.summary)
        self.summary.setCursorPosition(0)
        if draft is None:
            shown = f"{count:,} selected events; a blank field keeps what each one has."
        else:
            shown = draft.evidence.strip() or "(no passage)"
        evidence = QLabel(shown)
        evidence.setWordWrap(True)
        evidence.setTextFormat(Qt.TextFormat.PlainText)
        evidence.setStyleSheet("color: #555;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Events:" if self.many else "Evidence:", evidence)
        form.addRow("&Type:", self.type)
        form.addRow("&Date:", self.date)
        form.addRow("", self.date_note)
        if draft is not None and draft.note:
            note = QLabel(draft.note)
            note.setWordWrap(True)
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setStyleSheet("color: #555;")
            form.addRow("", note)
        if not self.many:
            form.addRow("&Summary:", self.summary)
        self.links: LinksEditor | None = None
        if draft is not None and draft.links is not None:
            self.links = LinksEditor(draft.links, names or [])
            form.addRow("E&ntities:", self.links)
        form.addRow(self.buttons)
        self.date.textChanged.connect(self._check_date)
        self._check_date(self.date.text())
        self.resize(520, self.sizeHint().height())

    def _check_date(self, value: str) -> None:
        ok = QDialogButtonBox.StandardButton.Ok
        try:
            parse_date_value(value)
        except CurationError as exc:
            self.date_note.setText(str(exc))
            self.date_note.setStyleSheet("color: #c62828;")
            self.buttons.button(ok).setEnabled(False)
            return
        if value.strip():
            note = readable_date(value.strip())
        else:
            note = "each keeps its date" if self.many else "undated"
        self.date_note.setText(note)
        self.date_note.setStyleSheet("color: #2e7d32;")
        self.buttons.button(ok).setEnabled(True)

    def values(self) -> EditValues:
        """Type, summary and date value as entered; None for what several events keep."""
        date = self.date.text().strip()
        if self.many:
            return self.type.currentData(), None, date or None
        return self.type.currentData(), self.summary.text(), date

    def new_links(self) -> tuple[LinkSpec, ...] | None:
        """The event's entities as edited, or None if they did not change."""
        if self.links is None or not self.links.changed():
            return None
        return self.links.links()


class StoreCommand(QUndoCommand):
    """An undo step over one of the library's writes. The first write may be refused (the
    event or entity is gone, a name clashes): then the step is obsolete, nothing is left to
    undo, and the analyst reads why."""

    def __init__(self, curator: Curator, text: str) -> None:
        super().__init__(text)
        self.curator = curator
        self.error: str | None = None

    def attempt(self, write: Callable[[], T]) -> T | None:
        """``write()``, or None once the store refused it."""
        try:
            return write()
        except CurationError as exc:
            self.error = str(exc)
            self.setObsolete(True)
            self.curator.failed.emit(self.error)
            return None

    def put_back(self, write: Callable[[], T]) -> T | None:
        """An undo's ``write()``; a refusal (what it restores is gone meanwhile) is told, and
        the step stays, as the rest of the view must follow anyway."""
        try:
            return write()
        except CurationError as exc:
            self.curator.failed.emit(str(exc))
            return None


class EditEventsCommand(QUndoCommand):
    def __init__(self, curator: Curator, ids: Sequence[int], values: EditValues) -> None:
        kind = values[0]
        if len(ids) > 1:
            text = f"Edit {len(ids):,} events"
        else:
            text = f"Edit {type_label(kind).lower()} event" if kind else "Edit event"
        super().__init__(text)
        self.curator, self.ids, self.values = curator, list(ids), values
        self.before: Edited | None = None

    def redo(self) -> None:
        kind, summary, date_value = self.values
        n = len(self.ids)
        try:
            with StepProgress(self.curator.window, f"Editing {n:,} events…", n) as progress:
                self.before = self.curator.library.edit_events(
                    self.ids, type=kind, summary=summary, date_value=date_value, progress=progress
                )
            if not len(self.before.ids):
                raise CurationError(_gone(self.ids))
        except CurationError as exc:  # gone meanwhile: nothing to undo later
            self.setObsolete(True)
            self.curator.failed.emit(str(exc))
            return
        except Cancelled:
            self.setObsolete(True)
            self.curator.stopped.emit(f"Stopped: none of the {n:,} events was changed.")
            return
        self.curator.changed.emit(self.before.ids)

    def undo(self) -> None:
        if self.before is not None and len(self.before.ids):
            n = len(self.before.ids)
            label = f"Undoing the edit of {n:,} events…"
            with StepProgress(self.curator.window, label, n, stoppable=False) as progress:
                restored = self.curator.library.restore_events(self.before, progress)
            self.curator.changed.emit(restored)


def _gone(ids: Sequence[int]) -> str:
    if len(ids) == 1:
        return f"event {ids[0]} no longer exists"
    return f"none of the {len(ids):,} events exists any more"


class RejectEventsCommand(QUndoCommand):
    """Reject events; thousands at once show their progress and can be stopped, which leaves
    every event in place. Its undo cannot be stopped half-way: the step would be lost."""

    def __init__(self, curator: Curator, ids: Sequence[int]) -> None:
        n = len(ids)
        super().__init__(f"Reject {n:,} event{'s' if n != 1 else ''}")
        # arrays: Ctrl+A, Delete keeps a million ids here for undo
        self.curator, self.ids = curator, np.asarray(ids, dtype=np.int64)
        self.rejections = np.zeros(0, dtype=np.int64)

    def redo(self) -> None:
        n = len(self.ids)
        label = f"Rejecting {n:,} events…"
        try:
            with StepProgress(self.curator.window, label, n) as progress:
                self.rejections = self.curator.library.reject_events(self.ids, progress)
        except Cancelled:
            self.setObsolete(True)  # nothing was rejected: no step to undo
            self.curator.stopped.emit(f"Stopped: none of the {n:,} events was rejected.")
            return
        self.curator.changed.emit([])

    def undo(self) -> None:
        # a restored event keeps its id unless another event took it meanwhile
        n = len(self.rejections)
        label = f"Bringing back {n:,} events…"
        with StepProgress(self.curator.window, label, n, stoppable=False) as progress:
            self.ids = self.curator.library.restore_rejected(self.rejections, progress)
        self.curator.changed.emit(self.ids)


class AddEventCommand(StoreCommand):
    """Add the analyst's event; its undo removes it, and redo gives it its id back."""

    def __init__(self, curator: Curator, new: NewEvent) -> None:
        super().__init__(curator, f"Add {type_label(new.type).lower()} event")
        self.new = new
        self.event_id: int | None = None

    def redo(self) -> None:
        added = self.attempt(lambda: self.curator.library.add_event(self.new, self.event_id))
        if added is not None:
            self.event_id = added
            self.curator.changed.emit([added])

    def undo(self) -> None:
        if self.event_id is not None:
            self.curator.library.remove_events([self.event_id])
            self.curator.changed.emit([])


class RelinkEventCommand(StoreCommand):
    """Give one event the entities the analyst listed; new names become entities."""

    def __init__(self, curator: Curator, event_id: int, links: tuple[LinkSpec, ...]) -> None:
        super().__init__(curator, "Change the event's entities")
        self.event_id, self.links = event_id, links
        self.before: Relinked | None = None

    def redo(self) -> None:
        self.before = self.attempt(
            lambda: self.curator.library.set_links(self.event_id, self.links)
        )
        if self.before is not None:
            self._changed()

    def undo(self) -> None:
        if self.before is None:
            return
        before = self.before
        self.put_back(lambda: self.curator.library.restore_links(before))
        self._changed()

    def _changed(self) -> None:
        if self.before is not None and self.before.created:
            self.curator.namesChanged.emit()  # new entities to complete in the filter
        self.curator.changed.emit([self.event_id])


class StepProgress:
    """Progress of a change of ``total`` events made on the UI thread batch by batch: from
    :data:`LONG` events on, a window-modal dialog that shows itself after half a second and
    keeps the window painted; with ``stoppable`` its Stop button ends the change (the
    callback answers False)."""

    LONG = 5_000
    SHOW_AFTER_MS = 500

    def __init__(self, parent: QWidget, label: str, total: int, *, stoppable: bool = True) -> None:
        self.stoppable = stoppable
        self.dialog: QProgressDialog | None = None
        self.parent = parent
        if total >= self.LONG:
            self.dialog = QProgressDialog(label, "Stop", 0, total, parent)
            self.dialog.setWindowTitle("Chronolens")
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(self.SHOW_AFTER_MS)
            if not stoppable:
                self.dialog.setCancelButton(None)  # type: ignore[arg-type]

    def __call__(self, done: int, total: int) -> bool:
        if self.dialog is None:
            return True
        self.dialog.setValue(done)  # a modal dialog lets the window repaint here
        return not (self.stoppable and self.dialog.wasCanceled())

    def __enter__(self) -> StepProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None
            # the keyboard goes back to the window's own focus (the table, say)
            window = self.parent.window()
            window.activateWindow()
            (window.focusWidget() or window).setFocus()


class RenameEntityCommand(StoreCommand):
    def __init__(self, curator: Curator, entity_id: int, name: str, kind: str) -> None:
        super().__init__(curator, f"Rename to “{name.strip()}”")
        self.entity_id, self.name, self.kind = entity_id, name, kind
        self.before: Renaming | None = None

    def redo(self) -> None:
        library = self.curator.library
        self.before = self.attempt(
            lambda: library.rename_entity(self.entity_id, self.name, self.kind)
        )
        if self.before is not None:
            self.curator.entitiesChanged.emit(self.entity_id)

    def undo(self) -> None:
        if self.before is None:
            return
        before = self.before
        self.put_back(lambda: self.curator.library.restore_name(before))
        self.curator.entitiesChanged.emit(self.entity_id)


class MergeEntitiesCommand(StoreCommand):
    def __init__(self, curator: Curator, keep_id: int, other_ids: Sequence[int]) -> None:
        super().__init__(curator, "Merge entities")
        self.keep_id, self.other_ids = keep_id, list(other_ids)
        self.merge: Merge | None = None

    def redo(self) -> None:
        library = self.curator.library
        self.merge = self.attempt(lambda: library.merge_entities(self.keep_id, self.other_ids))
        if self.merge is None:
            return
        n = len(self.merge.folded)
        self.setText(f"Merge {n} entit{'ies' if n != 1 else 'y'} into “{self.merge.keep_name}”")
        self.curator.entitiesChanged.emit(self.keep_id)

    def undo(self) -> None:
        if self.merge is None:
            return
        merge = self.merge
        # the folded entities keep their ids unless others took them meanwhile
        back = self.put_back(lambda: self.curator.library.unmerge_entities(merge))
        if back is not None:
            self.other_ids = back
        self.curator.entitiesChanged.emit(self.keep_id)


class IncidentCommand(StoreCommand):
    """The analyst's word on incidents (same, own, not the same) as an undo step."""

    TEXTS: ClassVar[dict[str, str]] = {
        "merge": "Same incident",
        "split": "Own incident",
        "apart": "Not the same incident",
    }

    def __init__(self, curator: Curator, command: str, ids: Sequence[int]) -> None:
        super().__init__(curator, self.TEXTS[command])
        self.command, self.ids = command, list(ids)
        self.before: IncidentState | None = None

    def redo(self) -> None:
        library = self.curator.library
        self.before = self.attempt(lambda: library.decide_incidents(self.command, self.ids))
        if self.before is not None:
            self.curator.changed.emit(self.ids)

    def undo(self) -> None:
        if self.before is None:
            return
        before = self.before
        self.put_back(lambda: self.curator.library.restore_incidents(before))
        self.curator.changed.emit(self.ids)


class Curator(QObject):
    """Owns the undo stack and the Edit actions; ``changed(ids)`` asks the views to re-read,
    then select ``ids`` (the events just edited or restored); ``entitiesChanged(id)`` asks the
    same after a rename or merge, to show entity ``id``."""

    changed = Signal(object)  # the event ids to select: a list or an array
    entitiesChanged = Signal(int)
    failed = Signal(str)
    stopped = Signal(str)  # the analyst stopped a long change; nothing changed
    namesChanged = Signal()  # entities were made or removed: lists of names are stale

    def __init__(
        self, library: Library, parent: QWidget, selected: Callable[[], list[int]]
    ) -> None:
        super().__init__(parent)
        self.library, self.window, self.selected = library, parent, selected
        self.stack = QUndoStack(self)
        Std = QKeySequence.StandardKey
        self.act_undo = self.stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(QKeySequence(Std.Undo))
        self.act_undo.setIcon(icon("fa5s.undo"))
        self.act_redo = self.stack.createRedoAction(self, "&Redo")
        # Ctrl+Shift+Z and Ctrl+Y on every platform; the platform's own Redo is one of them
        # on most, and a key bound twice on one action is ambiguous and does nothing
        redo = [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
        redo += [k for k in QKeySequence.keyBindings(Std.Redo) if k not in redo]
        self.act_redo.setShortcuts(redo)
        self.act_redo.setIcon(icon("fa5s.redo"))
        self.act_edit = QAction(icon("fa5s.pen"), "&Edit event…", self)
        self.act_edit.setShortcut(QKeySequence("F2"))
        self.act_edit.triggered.connect(self.edit_selected)
        self.act_reject = QAction(icon("fa5s.ban"), "&Reject event", self)
        self.act_reject.setShortcut(QKeySequence(Std.Delete))
        self.act_reject.setToolTip("Remove the selected events; a re-import will not bring them")
        self.act_reject.triggered.connect(self.reject_selected)
        # the analyst's word on incidents: which reports tell one happening
        self.act_same = QAction(icon("fa5s.object-group"), "Same &incident", self)
        self.act_same.setShortcut(QKeySequence("Ctrl+G"))
        self.act_same.setToolTip(
            "The selected reports tell one happening: one incident, kept through re-imports"
        )
        self.act_same.triggered.connect(lambda: self.decide_incidents("merge"))
        self.act_own = QAction(icon("fa5s.object-ungroup"), "&Own incident", self)
        self.act_own.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.act_own.setToolTip("Take the selected report out of its incident, to stand alone")
        self.act_own.triggered.connect(lambda: self.decide_incidents("split"))
        self.act_apart = QAction(icon("fa5s.not-equal"), "&Not the same incident", self)
        self.act_apart.setShortcut(QKeySequence("Ctrl+Alt+G"))
        self.act_apart.setToolTip("The two selected reports tell two happenings: never joined")
        self.act_apart.triggered.connect(lambda: self.decide_incidents("apart"))
        self.failed.connect(lambda message: QMessageBox.warning(parent, "Chronolens", message))
        self.selection_changed(0)

    def selection_changed(self, count: int) -> None:
        """Name and enable the event actions for ``count`` selected events."""
        self.act_edit.setEnabled(count > 0)
        self.act_reject.setEnabled(count > 0)
        self.act_edit.setText("&Edit event…" if count <= 1 else f"&Edit {count:,} events…")
        self.act_reject.setText("&Reject event" if count <= 1 else f"&Reject {count:,} events")
        self.act_same.setEnabled(2 <= count <= MAX_MERGED)
        self.act_own.setEnabled(count == 1)
        self.act_apart.setEnabled(count == 2)

    def actions(self) -> list[QAction | None]:
        return [self.act_undo, self.act_redo, None, self.act_edit, self.act_reject]

    def incident_actions(self) -> list[QAction | None]:
        return [self.act_same, self.act_own, self.act_apart]

    def decide_incidents(self, command: str) -> None:
        """Merge the selected reports' incidents, split the one selected out, or mark the two
        selected not the same: an undo step each."""
        ids = self.selected()
        wanted = {"merge": 2, "split": 1, "apart": 2}[command]
        if len(ids) < wanted or (command == "merge" and len(ids) > MAX_MERGED):
            return
        if command != "merge":
            ids = ids[:wanted]
        self.stack.push(IncidentCommand(self, command, ids))

    def bind_to(self, widget: QWidget) -> None:
        """Edit and reject act while ``widget`` (the table, the timeline) has the focus, so
        Delete in a text field still deletes text."""
        for action in (self.act_edit, self.act_reject):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            widget.addAction(action)

    def edit_selected(self) -> None:
        """One event: all its fields. Several: their type or date, in one undo step."""
        ids = self.selected()
        if not ids:
            return
        if len(ids) == 1:
            rows = self.library.rows(ids)
            if not rows:
                return
            names = self.library.entity_names()
            dialog = EventEditDialog(Draft.of(rows[0]), self.window, names=names)
        else:
            dialog = EventEditDialog(None, self.window, count=len(ids))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values, links = dialog.values(), dialog.new_links()
        if links is None:
            if values != (None, None, None):  # else nothing to change
                self.stack.push(EditEventsCommand(self, ids, values))
            return
        self.stack.beginMacro("Edit event")  # one undo step for the fields and the entities
        self.stack.push(EditEventsCommand(self, ids, values))
        self.stack.push(RelinkEventCommand(self, ids[0], links))
        self.stack.endMacro()

    def add_marked(self, marked: Marked) -> None:
        """A new event for words an analyst marked in a document: the dialog starts from the
        type and date the machine reads in them, and the analyst decides."""
        doc = self.library.document(marked.document_id)
        if doc is None:
            self.failed.emit(f"document {marked.document_id} no longer exists")
            return
        words = doc.text[marked.start : marked.end]
        if marked.end > len(doc.text):  # a data set's row, past its document's own text
            self.failed.emit("these words are a data set's row, which is an event already")
            return
        if not words.strip():
            return
        found = self.library.suggest_event(marked.document_id, marked.start, marked.end)
        summary = summary_of(words)
        if found.date_value:
            against = doc.reference_value or doc.reference_date or "no date"
            note = f"Date read from “{found.date_text}” (the document's date: {against})."
        else:
            note = "No date in the marked words: the event stays undated unless you give one."
        draft = Draft(found.type or "other", found.date_value, summary, words, note)
        parent = QApplication.activeWindow() or self.window
        dialog = EventEditDialog(draft, parent, title="New event")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        kind, summary, date_value = dialog.values()
        new = NewEvent(
            marked.document_id,
            marked.start,
            marked.end,
            kind or "other",
            date_value or "",
            summary or "",
        )
        self.stack.push(AddEventCommand(self, new))

    def reject_selected(self) -> None:
        ids = self.selected()
        if ids:
            self.stack.push(RejectEventsCommand(self, ids))

    def rename_entity(self, entity_id: int, name: str, kind: str) -> bool:
        """Rename as an undo step; False (and a message) when the store refuses."""
        command = RenameEntityCommand(self, entity_id, name, kind)
        self.stack.push(command)
        return command.error is None

    def merge_entities(self, keep_id: int, other_ids: Sequence[int]) -> None:
        self.stack.push(MergeEntitiesCommand(self, keep_id, other_ids))
