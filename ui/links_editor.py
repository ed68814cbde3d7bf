"""The entities of one event in its edit dialog: each name with its role, to remove (Delete)
or add (a name completed from the store's, or a new one with its kind)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from store.links import KINDS, ROLES, LinkSpec
from ui.icons import icon


class _NameField(QLineEdit):
    """Enter adds the name typed, rather than closing the dialog around it."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip():
            self.returnPressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class LinksEditor(QWidget):
    """Edits a list of :class:`LinkSpec`; :meth:`links` gives it back as shown."""

    def __init__(
        self, links: tuple[LinkSpec, ...], names: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.initial = tuple(links)
        self.list = QListWidget()
        self.list.setMaximumHeight(110)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        for spec in links:
            self._append(spec)
        self.name = _NameField()
        self.name.setPlaceholderText("Add an entity: a name, or a new one…")
        completer = QCompleter(names, self.name)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name.setCompleter(completer)
        self.role = QComboBox()
        self.role.addItems(ROLES)
        self.role.setToolTip("The entity's part in the event")
        self.kind = QComboBox()
        self.kind.addItems(KINDS)
        self.kind.setCurrentText("other")
        self.kind.setToolTip("The kind of a name the store does not know yet")
        add = QPushButton(icon("fa5s.plus"), "Add")
        add.setAutoDefault(False)
        remove = QPushButton(icon("fa5s.minus"), "Remove")
        remove.setAutoDefault(False)
        add.clicked.connect(self.add_entered)
        remove.clicked.connect(self.remove_selected)
        self.name.returnPressed.connect(self.add_entered)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list, self.remove_selected)
        row = QHBoxLayout()
        row.addWidget(QLabel("role"))
        row.addWidget(self.role)
        row.addWidget(QLabel("kind, if new"))
        row.addWidget(self.kind)
        row.addStretch(1)
        row.addWidget(add)
        row.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.name)
        layout.addLayout(row)

    def _append(self, spec: LinkSpec) -> None:
        item = QListWidgetItem(f"{spec.name} — {spec.role}")
        item.setData(Qt.ItemDataRole.UserRole, spec)
        item.setToolTip(f"{spec.name} ({spec.kind}), {spec.role}")
        self.list.addItem(item)

    def add_entered(self) -> None:
        """Add the name typed, in the role chosen, unless it is there in that role."""
        name = " ".join(self.name.text().split())
        if not name:
            return
        spec = LinkSpec(name, self.role.currentText(), self.kind.currentText())
        if all((s.name, s.role) != (spec.name, spec.role) for s in self.links()):
            self._append(spec)
        self.name.clear()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))

    def links(self) -> tuple[LinkSpec, ...]:
        return tuple(
            self.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.list.count())
        )

    def changed(self) -> bool:
        return self.links() != self.initial
