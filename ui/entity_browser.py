"""The entity browser: canonical entities by kind with aliases and counts, and the entities
that share events with the chosen one. Choosing an entity filters the timeline; the analyst
renames an entity, corrects its kind, or merges several into one (right-click)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
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
from ui.curation import Curator
from ui.icons import icon
from ui.library import Library

KINDS = (
    ("organization", "Organizations", "fa5s.users"),
    ("person", "People", "fa5s.user"),
    ("place", "Places", "fa5s.map-marker-alt"),
    ("other", "Other", "fa5s.tag"),
)


class RenameDialog(QDialog):
    """A new canonical name and kind for an entity; the old name stays an alias."""

    def __init__(self, row: EntityRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Rename {row.name}")
        self.name = QLineEdit(row.name)
        self.kind = QComboBox()
        for kind, _label, icon_name in KINDS:
            self.kind.addItem(icon(icon_name), kind.capitalize(), kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(row.kind)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Name:", self.name)
        form.addRow("&Kind:", self.kind)
        form.addRow(buttons)


class EntityBrowser(QWidget):
    entityChosen = Signal(str)
    entitiesChanged = Signal()  # renamed or merged: names and labels elsewhere are stale

    def __init__(self, library: Library, curator: Curator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library, self.curator = library, curator
        curator.entitiesChanged.connect(self._changed)
        self.rows: list[EntityRow] = []
        self._stale = True
        self.search = QLineEdit(placeholderText="Find an entity or alias…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill)
        self.tree = QTreeWidget()
        # names and both counts fit the default width; aliases are the name's tooltip
        self.tree.setHeaderLabels(["Name", "Mentions", "Events"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setRootIsDecorated(True)
        self.tree.setSortingEnabled(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(self._current)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.act_rename = QAction(icon("fa5s.pen"), "&Rename or change kind…", self)
        self.act_rename.setShortcut(QKeySequence("F2"))
        self.act_rename.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.act_rename.triggered.connect(self._rename_current)
        self.act_merge = QAction(icon("fa5s.compress-arrows-alt"), "&Merge selected into…", self)
        self.act_merge.triggered.connect(self._merge_selected)
        self.tree.addActions([self.act_rename, self.act_merge])
        self.tree.itemSelectionChanged.connect(self._selection_changed)
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
        hint = QLabel(
            "Double-click or press Enter to filter the timeline by an entity. Right-click to "
            "rename one or to merge the selected entities into one; Ctrl+Z undoes either."
        )
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
            # An unknown name met once is likelier a stray word than an entity: out of the
            # main list, in a closed group of its own (a search finds it as any other).
            once = [r for r in members if kind == "other" and not needle and r.mentions <= 1]
            for r in members:
                if not once or r.mentions > 1:
                    top.addChild(_item(r))
            if once:
                group = QTreeWidgetItem([f"Named once ({len(once)})"])
                group.setData(1, Qt.ItemDataRole.DisplayRole, len(once))
                group.setData(2, Qt.ItemDataRole.DisplayRole, -1)  # sorts after the entities
                group.setText(2, "")
                group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                group.setToolTip(0, "Names met once, with no sign of what they name")
                group.addChildren([_item(r) for r in once])
                top.addChild(group)
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

    # -- an analyst's corrections -------------------------------------------------------------
    def _row(self, item: QTreeWidgetItem | None) -> EntityRow | None:
        entity_id = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return next((r for r in self.rows if r.id == entity_id), None)

    def selected_rows(self) -> list[EntityRow]:
        """The selected entities, the current one first (the one a merge keeps)."""
        rows = [r for r in map(self._row, self.tree.selectedItems()) if r is not None]
        current = self._row(self.tree.currentItem())
        if current is not None and current in rows:
            rows.remove(current)
            rows.insert(0, current)
        return rows

    def _selection_changed(self) -> None:
        rows = self.selected_rows()
        self.act_merge.setEnabled(len(rows) > 1)
        self.act_rename.setEnabled(len(rows) == 1)
        if len(rows) > 1:
            self.act_merge.setText(f"&Merge {len(rows) - 1} more into “{rows[0].name}”")

    def _rename_current(self) -> None:
        row = self._row(self.tree.currentItem())
        if row is None:
            return
        dialog = RenameDialog(row, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.rename(row.id, dialog.name.text(), dialog.kind.currentData())

    def _merge_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) > 1:
            self.merge(rows[0].id, [r.id for r in rows[1:]])

    def rename(self, entity_id: int, name: str, kind: str) -> bool:
        """Rename as an undo step; False when the store refused (the analyst was told why)."""
        return self.curator.rename_entity(entity_id, name, kind)

    def merge(self, keep_id: int, other_ids: list[int]) -> None:
        """Fold ``other_ids`` into ``keep_id`` as an undo step."""
        self.curator.merge_entities(keep_id, other_ids)

    def _changed(self, entity_id: int) -> None:
        self.reload()
        for item in self.tree.findItems(
            "*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive
        ):
            if item.data(0, Qt.ItemDataRole.UserRole) == entity_id:
                self.tree.setCurrentItem(item)
                break
        self.entitiesChanged.emit()


def _item(r: EntityRow) -> QTreeWidgetItem:
    """An entity's row: its name, its counts, its id, and a tooltip of its other names and,
    for a place, where it is."""
    item = QTreeWidgetItem([r.name, "", ""])
    item.setData(1, Qt.ItemDataRole.DisplayRole, r.mentions)
    item.setData(2, Qt.ItemDataRole.DisplayRole, r.events)
    item.setData(0, Qt.ItemDataRole.UserRole, r.id)
    also = f"\nalso: {', '.join(r.aliases)}" if r.aliases else ""
    item.setToolTip(0, f"{r.name}{also}{_where(r)}")
    return item


def _where(row: EntityRow) -> str:
    """A place's whereabouts for its tooltip: what contains it and its coordinates, or that
    the gazetteer does not place it."""
    if row.kind != "place":
        return ""
    if row.latitude is None or row.longitude is None:
        return "\nnot on the map: the gazetteer does not place it"
    inside = f"\nin {row.within}" if row.within else ""
    return f"{inside}\n{row.latitude:.4f}, {row.longitude:.4f}"
