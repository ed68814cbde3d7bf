"""Reading a whole document: File ▸ Read document… picks one by title (also one in which the
machine found no event) and shows it in a window of its own, where words can be marked as a
new event."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


class DocumentPicker(QDialog):
    """Titles of the stored documents, narrowed as one types; Enter or a double-click picks."""

    def __init__(
        self, documents: list[tuple[int, str]], current: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Read document")
        self.resize(560, 480)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type part of a title…")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)  # tens of thousands of titles stay quick
        for document_id, title in documents:
            item = QListWidgetItem(title or f"document {document_id}")
            item.setData(Qt.ItemDataRole.UserRole, document_id)
            self.list.addItem(item)
            if document_id == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.filter.textChanged.connect(self._narrow)
        self.filter.returnPressed.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.filter.setFocus()

    def _narrow(self, text: str) -> None:
        wanted = text.casefold().strip()
        first: QListWidgetItem | None = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(wanted) and wanted not in item.text().casefold()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        current = self.list.currentItem()
        if current is None or current.isHidden():
            self.list.setCurrentItem(first)

    def chosen(self) -> int | None:
        """The id of the document picked, if one is shown and current."""
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return int(item.data(Qt.ItemDataRole.UserRole))
