"""The entity browser: canonical entities by kind with aliases and counts, and the entities
that share events with the chosen one. Choosing an entity filters the timeline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from store.records import EntityRow
from ui.icons import icon
from ui.library import Library

KINDS = (
    ("organization", "Organizations", "fa5s.users"),
    ("person", "People", "fa5s.user"),
    ("place", "Places", "fa5s.map-marker-alt"),
    ("other", "Other", "fa5s.tag"),
)


class EntityBrowser(QWidget):
    entityChosen = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.rows: list[EntityRow] = []
        self._stale = True
        self.search = QLineEdit(placeholderText="Find an entity or alias…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Name", "Mentions", "Events", "Aliases"])
        self.tree.setRootIsDecorated(True)
        self.tree.setSortingEnabled(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(self._current)
        self.related = QListWidget()
        self.related.itemActivated.connect(
            lambda item: self.entityChosen.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel("Related (shares events with the selection):"))
        ll.addWidget(self.related)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(split, 1)
        hint = QLabel("Double-click or press Enter to filter the timeline by an entity.")
        hint.setWordWrap(True)
        layout.addWidget(hint)

    def mark_stale(self) -> None:
        """The store changed: re-read when next shown (counting mentions of a large store
        takes a moment, so a hidden browser does not)."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        self._stale = False
        self.rows = self.library.entities()
        self._fill()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _fill(self) -> None:
        needle = self.search.text().strip().lower()
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        for kind, label, icon_name in KINDS:
            members = [
                r
                for r in self.rows
                if r.kind == kind
                and (
                    not needle
                    or needle in r.name.lower()
                    or any(needle in a.lower() for a in r.aliases)
                )
            ]
            if not members:
                continue
            top = QTreeWidgetItem([f"{label} ({len(members)})"])
            top.setIcon(0, icon(icon_name))
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.tree.addTopLevelItem(top)
            for r in members:
                item = QTreeWidgetItem([r.name, "", "", ", ".join(r.aliases)])
                item.setData(1, Qt.ItemDataRole.DisplayRole, r.mentions)
                item.setData(2, Qt.ItemDataRole.DisplayRole, r.events)
                item.setData(0, Qt.ItemDataRole.UserRole, r.id)
                item.setToolTip(3, ", ".join(r.aliases))
                top.addChild(item)
            top.setExpanded(True)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.tree.resizeColumnToContents(0)

    def _current(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        self.related.clear()
        if item is None or item.data(0, Qt.ItemDataRole.UserRole) is None:
            return
        for name, n in self.library.related(int(item.data(0, Qt.ItemDataRole.UserRole))):
            entry = f"{name}  ({n} shared event{'s' if n != 1 else ''})"
            self.related.addItem(entry)
            self.related.item(self.related.count() - 1).setData(Qt.ItemDataRole.UserRole, name)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, Qt.ItemDataRole.UserRole) is not None:
            self.entityChosen.emit(item.text(0))
