"""The evidence pane: the passage an event comes from, with the date expression, the trigger
and the entity mentions highlighted; always plain text, never HTML, nothing from the network."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from store.records import EventRow, Highlight
from ui.date_text import readable_date
from ui.icons import HIGHLIGHT, icon, type_label
from ui.library import Library


def _highlight(edit: QPlainTextEdit, marks: list[Highlight], offset: int) -> None:
    doc_len = len(edit.toPlainText())
    for mark in marks:
        start, end = mark.start - offset, mark.end - offset
        if start < 0 or end > doc_len or end <= start:
            continue
        cursor = QTextCursor(edit.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT[mark.kind])
        if mark.kind == "trigger":
            fmt.setFontWeight(700)
        fmt.setToolTip(f"{mark.kind}: {mark.label}")
        cursor.mergeCharFormat(fmt)


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


def _plain_view() -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setReadOnly(True)
    edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    return edit


class PassageView(QWidget):
    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.current: EventRow | None = None
        self.header = QLabel("Select an event to see where the text says so.")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.text = _plain_view()
        self.text.setObjectName("passageText")
        self.open_button = QPushButton(icon("fa5s.file-alt"), "Open document")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_document)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.text, 1)
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
        if row is None:
            self.header.setText("Select an event to see where the text says so.")
            self.text.setPlainText("")
            return
        doc = self.library.document(row.document_id)
        bounds = self.library.passage_bounds(row.passage_id) if row.passage_id else None
        start, end = bounds or (row.span_start, row.span_end)
        text = doc.text[start:end] if doc else row.evidence
        if doc is None:
            date_line = ""
        elif doc.published:
            date_line = f"published {doc.published} (from {doc.published_source})"
        elif doc.reference_date:
            dated = doc.reference_value or doc.reference_date
            date_line = f"dated {dated} (inferred from the text)"
        else:
            date_line = "undated document"
        page = f" · page {row.page}" if row.page else ""
        when = readable_date(row.date_value) if row.date_value else "undated"
        written = _date_origin(row)
        inferred = " (inferred)" if row.date_inferred else ""
        edited = " · edited by an analyst" if row.origin == "analyst" else ""
        if not text.strip():
            text = "(the sentence this event came from is no longer in the document)"
        self.header.setText(
            f"{type_label(row.type)} · {when}{written}{inferred}{edited}\n"
            f"{row.document_title}\n{date_line}{page}\n{row.document_path or ''}"
        )
        self.text.setPlainText(text)
        _highlight(self.text, self.library.highlights(row.id), start)

    def open_document(self) -> None:
        if self.current is None:
            return
        doc = self.library.document(self.current.document_id)
        if doc is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(doc.title or "Document")
        dialog.resize(800, 700)
        view = _plain_view()
        view.setPlainText(doc.text)
        _highlight(view, self.library.highlights(self.current.id), 0)
        cursor = view.textCursor()
        cursor.setPosition(min(self.current.span_start, len(doc.text)))
        view.setTextCursor(cursor)
        view.centerCursor()
        QVBoxLayout(dialog).addWidget(view)
        dialog.show()
