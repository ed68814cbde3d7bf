"""Edit ▸ Date of document…: the analyst gives the day a document was written, and it is read
again against that day (``importers.redate``), as one undo step.

A folder of saved articles imports with "on Sunday" undated, since plain text carries no date;
this is where the analyst who knows the day says so, or takes back a day given before."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from importers.redate import Dating
from importers.ticks import Cancelled
from store.records import DocumentRow
from ui.curation import Curator, StepProgress, StoreCommand

LONG_TEXT = 200_000  # characters from which reading a document again shows its progress
_SOURCES = {
    "option": "the day you gave",
    "metadata": "its file's metadata",
    "header": "a date at its head",
    "dateline": "its dateline",
    "filename": "its file name",
    "file created": "the day its file was made (inferred)",
    "release number": "its release number's month",
    "inferred": "the latest date its text names (inferred)",
}


def dating_line(doc: DocumentRow) -> str:
    """How the document is dated now, in words."""
    if doc.reference_date is None:
        return (
            "It has no date: a weekday or “last week” in it is left undated, and only the "
            "dates it writes out in full are read."
        )
    source = _SOURCES.get(doc.reference_source, doc.reference_source)
    return f"It is read as written on {doc.reference_date:%-d %B %Y}, from {source}."


class DocumentDateDialog(QDialog):
    """The day the document was written, or none of the analyst's (its text and file date it)."""

    def __init__(self, doc: DocumentRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Date of document")
        title = QLabel(doc.title or "(untitled)")
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: bold;")
        now = QLabel(dating_line(doc))
        now.setWordWrap(True)
        now.setStyleSheet("color: #555;")
        self.written = QRadioButton("&Written on:")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        start = doc.reference_date or dt.date.today()
        self.date.setDate(QDate(start.year, start.month, start.day))
        self.own = QRadioButton("&Let its text and file date it")
        self.own.setToolTip("Takes back a day given before")
        group = QButtonGroup(self)
        group.addButton(self.written)
        group.addButton(self.own)
        given = doc.reference_source == "option"
        self.own.setEnabled(given)
        self.written.setChecked(True)
        self.date.setEnabled(True)
        self.written.toggled.connect(self.date.setEnabled)
        note = QLabel(
            "The document is read again against this day. Your own events, edits and "
            "rejections in it stay."
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (title, now, self.written, self.date, self.own, note, buttons):
            layout.addWidget(widget)
        self.resize(460, self.sizeHint().height())

    def chosen(self) -> dt.date | None:
        """The day given, or None for the text's and file's own dating."""
        if self.own.isChecked():
            return None
        return self.date.date().toPython()  # type: ignore[no-any-return]


class RedateCommand(StoreCommand):
    """Read a document again against the analyst's day; undo reads it as it was dated
    before. Both select the document's events afterwards."""

    def __init__(self, curator: Curator, doc: DocumentRow, given: dt.date | None) -> None:
        what = f"Date document {given:%Y-%m-%d}" if given else "Take back the document's date"
        super().__init__(curator, what)
        self.dating = Dating(doc.id, given=given)
        self.length = len(doc.text)
        self.before: Dating | None = None

    def _read(self, dating: Dating, stoppable: bool) -> list[int] | None:
        """Read the document as ``dating`` says, with progress for a long one; its events."""
        steps = 1000
        total = steps if self.length >= LONG_TEXT else 0
        label = "Reading the document again…"
        with StepProgress(self.curator.window, label, total, stoppable=stoppable) as progress:

            def tick(stage: str, done: float) -> None:
                if not progress(int(done * steps), steps):
                    raise Cancelled

            try:
                before, ids = self.curator.library.redate_document(dating, tick)
            except Cancelled:
                return None
        if dating is self.dating:
            self.before = before
        self.curator.namesChanged.emit()
        self.curator.changed.emit(ids)
        return ids

    def redo(self) -> None:
        done = self.attempt(lambda: self._read(self.dating, stoppable=True))
        if done is None and self.error is None:
            self.setObsolete(True)
            self.curator.stopped.emit("Stopped: the document was left as it was.")

    def undo(self) -> None:
        if self.before is not None:
            before = self.before
            self.put_back(lambda: self._read(before, stoppable=False))
