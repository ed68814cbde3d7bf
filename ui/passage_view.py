"""The evidence pane: the passage an event comes from, with the date expression, the trigger
and the entity mentions highlighted; always plain text, never HTML, nothing from the network.
Words selected in it, or in the whole document (*Open document*), can be marked as a new event
the machine read past (``markRequested``)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from store.records import DocumentRow, EventRow, Highlight
from ui.date_text import readable_date
from ui.icons import HIGHLIGHT, icon, type_label
from ui.library import Library


@dataclass(frozen=True)
class Marked:
    """Words an analyst selected in a document: ``[start, end)`` of the document's text."""

    document_id: int
    start: int
    end: int


class _QtOffsets:
    """Qt counts a text in UTF-16 code units, in which a character beyond the Basic
    Multilingual Plane (an emoji, say) is two; the store counts characters. This maps one to
    the other for one text."""

    def __init__(self, text: str) -> None:
        wide = [] if text.isascii() else [i for i, c in enumerate(text) if ord(c) > 0xFFFF]
        self._wide = wide  # character offsets of the wide characters
        self._at = [i + k for k, i in enumerate(wide)]  # ... and their Qt positions

    def to_qt(self, index: int) -> int:
        return index + bisect.bisect_left(self._wide, index)

    def from_qt(self, position: int) -> int:
        return position - bisect.bisect_right(self._at, position - 2)


class DocumentText(QPlainTextEdit):
    """Read-only text of a document, or of a stretch of it starting at ``offset``. Selected
    words can be marked as a new event from the context menu, and with Ctrl+N when
    ``shortcut`` (in a window of its own, where no other Ctrl+N competes)."""

    markRequested = Signal(object)  # Marked

    def __init__(self, *, shortcut: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document_id: int | None = None
        self.offset = 0
        self._offsets = _QtOffsets("")
        self.act_mark = QAction(icon("fa5s.plus-circle"), "&New event from selection…", self)
        self.act_mark.setToolTip("Mark the selected words as an event the machine read past")
        if shortcut:
            self.act_mark.setShortcut(QKeySequence("Ctrl+N"))
            self.act_mark.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(self.act_mark)
        self.act_mark.setEnabled(False)
        self.act_mark.triggered.connect(self._request)
        self.copyAvailable.connect(self._selection_changed)

    def _selection_changed(self, selected: bool) -> None:
        self.act_mark.setEnabled(selected and self.document_id is not None)

    def show_text(self, document_id: int | None, text: str, offset: int = 0) -> None:
        """Show ``text``, which starts at ``offset`` of document ``document_id`` (None: text
        that is not the document's, which cannot be marked)."""
        self.document_id, self.offset = document_id, offset
        self._offsets = _QtOffsets(text)
        self.setPlainText(text)
        self.act_mark.setEnabled(False)

    def highlight(self, marks: list[Highlight]) -> None:
        """Colour the highlights (in document offsets) that fall inside the text shown."""
        length = self.document().characterCount() - 1
        for mark in marks:
            if mark.start < self.offset or mark.end <= mark.start:
                continue
            start = self._offsets.to_qt(mark.start - self.offset)
            end = self._offsets.to_qt(mark.end - self.offset)
            if end > length:
                continue
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(HIGHLIGHT[mark.kind])
            if mark.kind == "trigger":
                fmt.setFontWeight(700)
            fmt.setToolTip(f"{mark.kind}: {mark.label}")
            cursor.mergeCharFormat(fmt)

    def place_cursor(self, offset: int) -> None:
        """Put the cursor at a document offset, scrolled to the middle."""
        cursor = self.textCursor()
        position = self._offsets.to_qt(max(0, offset - self.offset))
        cursor.setPosition(min(position, self.document().characterCount() - 1))
        self.setTextCursor(cursor)
        self.centerCursor()

    def marked(self) -> Marked | None:
        """The selected words, in document offsets; None without a selection."""
        cursor = self.textCursor()
        if self.document_id is None or not cursor.hasSelection():
            return None
        start = self._offsets.from_qt(cursor.selectionStart()) + self.offset
        end = self._offsets.from_qt(cursor.selectionEnd()) + self.offset
        return Marked(self.document_id, start, end)

    def _request(self) -> None:
        marked = self.marked()
        if marked is not None:
            self.markRequested.emit(marked)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self.document_id is not None:
            menu.addSeparator()
            menu.addAction(self.act_mark)
        menu.exec(event.globalPos())
        menu.deleteLater()


def _date_origin(row: EventRow) -> str:
    """Where the event's date comes from, when not from its own sentence: an analyst checking
    the evidence must know the highlighted passage may not hold the date."""
    if row.date_source == "analyst":
        return ", set by an analyst"
    if not row.date_text:
        return " from the document's date" if row.date_source == "document" else ""
    carried = {
        "paragraph": ", said earlier in the paragraph",
        "document": ", carried from an earlier paragraph",
    }
    return f" from “{row.date_text}”{carried.get(row.date_source, '')}"


class DocumentDialog(QDialog):
    """A whole document in a window of its own."""

    def __init__(self, doc: DocumentRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(doc.title or "Document")
        self.resize(800, 700)
        self.view = DocumentText(shortcut=True)
        self.view.show_text(doc.id, doc.text)
        hint = QLabel(
            "Coloured: what was found (dates, trigger words, entities, words marked by an "
            "analyst). Select words the machine read past and press Ctrl+N to add an event."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)


class PassageView(QWidget):
    markRequested = Signal(object)  # Marked: words of a document to add an event for

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.current: EventRow | None = None
        self.search_text = ""  # the search box's words, found words are marked in the text
        self.header = QLabel("Select an event to see where the text says so.")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        # the other reports of the event's incident, when other documents tell it too
        self.reports = QLabel()
        self.reports.setWordWrap(True)
        self.reports.setTextFormat(Qt.TextFormat.PlainText)
        self.reports.setStyleSheet("color: #37474f; border-top: 1px solid #cfd8dc;")
        self.reports.hide()
        self.text = DocumentText()
        self.text.setObjectName("passageText")
        self.text.markRequested.connect(self.markRequested)
        self.open_button = QPushButton(icon("fa5s.file-alt"), "Open document")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_document)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.reports)
        row = QHBoxLayout()
        for kind, label in (("date", "date"), ("trigger", "trigger"), ("entity", "entity")):
            chip = QLabel(f" {label} ")
            chip.setStyleSheet(f"background: {HIGHLIGHT[kind].name()}; border-radius: 3px;")
            row.addWidget(chip)
        row.addStretch(1)
        row.addWidget(self.open_button)
        layout.addLayout(row)

    def show_event(self, row: EventRow | None) -> None:
        self.current = row
        self.open_button.setEnabled(row is not None)
        self._show_reports(row)
        if row is None:
            self.header.setText("Select an event to see where the text says so.")
            self.text.show_text(None, "")
            return
        doc = self.library.document(row.document_id)
        passage = self.library.passage(row.passage_id) if row.passage_id else None
        start, _end, text = passage or (row.span_start, row.span_end, row.evidence)
        if doc is None:
            date_line = ""
        elif row.source_id:  # a data set's row: what the data set says of it
            counted = "" if row.fatalities is None else f" · {row.fatalities} fatalities"
            coded = f" · coded as {row.source_type}" if row.source_type else ""
            date_line = f"data set row {row.source_id}{coded}{counted}"
        elif doc.published and doc.published_source == "option":
            date_line = f"written {doc.published} (the day you gave)"
        elif doc.published:
            date_line = f"published {doc.published} (from {doc.published_source})"
        elif doc.reference_source == "file created":
            date_line = (
                f"dated {doc.reference_date} (the file's creation date; the text gives none)"
            )
        elif doc.reference_date:
            dated = doc.reference_value or doc.reference_date
            date_line = f"dated {dated} (inferred from the text)"
        else:
            date_line = "undated document (its day: Edit ▸ Date of document…, Ctrl+Shift+D)"
        page = f" · page {row.page}" if row.page else ""
        when = readable_date(row.date_value) if row.date_value else "undated"
        written = _date_origin(row)
        inferred = " (inferred)" if row.date_inferred else ""
        marks = self.library.highlights(row.id)
        edited = " · edited by an analyst" if row.origin == "analyst" else ""
        if any(m.kind == "evidence" for m in marks):
            edited = " · marked by an analyst (the words in blue)"
        self.header.setText(
            f"{type_label(row.type)} · {when}{written}{inferred}{edited}\n"
            f"{row.document_title}\n{date_line}{page}\n{row.document_path or ''}"
        )
        if doc is None or not text.strip():
            gone = "(the sentence this event came from is no longer in the document)"
            self.text.show_text(None, text if text.strip() else gone)
            return
        self.text.show_text(row.document_id, text, start)
        self.text.highlight(marks)
        self.text.highlight(self.library.search_hits(row.document_id, self.search_text))

    def _show_reports(self, row: EventRow | None) -> None:
        """Under the passage: the incident's other reports, each with its document and the
        date as it wrote it."""
        if row is None or row.incident_id is None:
            self.reports.hide()
            return
        agreed, reports = self.library.incident_reports(row.incident_id)
        others = [r for r in reports if r.event_id != row.id]
        lines = [
            f"One of {len(others) + 1} reports of this incident "
            f"({row.incident_sources} source{'s' if row.incident_sources != 1 else ''});"
            f" {agreed}. The others:"
        ]
        for r in others[:6]:
            when = f"{r.date_text!r} ({r.date_value})" if r.date_text else "undated"
            differs = []
            if (
                r.date_start
                and row.date_start
                and (r.date_start, r.date_end)
                != (
                    row.date_start,
                    row.date_end,
                )
            ):
                differs.append("another date")
            if r.type != row.type:
                differs.append(f"typed {type_label(r.type).lower()}")
            flag = f" [{', '.join(differs)}]" if differs else ""
            lines.append(f"• {r.document_title[:60]} — {when}{flag}: {r.summary[:90]}")
        if len(others) > 6:
            lines.append(f"and {len(others) - 6} more")
        self.reports.setText("\n".join(lines))
        self.reports.show()

    def open_document(self) -> DocumentDialog | None:
        """The event's whole document, at the event's place, in a window of its own."""
        if self.current is None:
            return None
        return self.read_document(self.current.document_id, self.current)

    def read_document(
        self, document_id: int, event: EventRow | None = None
    ) -> DocumentDialog | None:
        """A document in a window of its own, with everything found in it coloured; with
        ``event``, at its place. Words marked there reach ``markRequested`` as the pane's
        own do."""
        doc = self.library.document(document_id)
        if doc is None:
            return None
        dialog = DocumentDialog(doc, self)
        dialog.view.highlight(self.library.document_highlights(document_id))
        dialog.view.highlight(self.library.search_hits(document_id, self.search_text))
        if event is not None:
            dialog.view.place_cursor(event.span_start)
        dialog.view.markRequested.connect(self.markRequested)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog
