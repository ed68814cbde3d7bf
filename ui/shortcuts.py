"""Help ▸ Keyboard shortcuts: every shortcut of the window's actions, read from the actions
themselves so the list cannot fall behind, plus the keys that views handle on their own."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Keys a view reads in keyPressEvent or a pane's own shortcut, not an action of the menus.
VIEW_KEYS: tuple[tuple[str, str], ...] = (
    ("+  /  −", "Timeline: zoom in / out"),
    ("←  /  →", "Timeline: move the visible range"),
    ("Home", "Timeline: fit the bulk of the events"),
    ("Wheel  /  drag", "Timeline: zoom at the pointer / pan"),
    ("→  /  ←", "Table, one row per incident: list / fold the incident's other reports"),
    ("Escape", "Filter pane: clear all filters"),
    ("F2", "Entity browser: rename the entity or correct its kind"),
    ("Delete", "Event editor: remove the selected entity"),
)


def action_shortcuts(actions: list[QAction]) -> list[tuple[str, str]]:
    """(keys, what) for each action with a shortcut, keys joined by " or "."""
    rows = []
    seen: set[str] = set()
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        what = action.text().replace("&", "").rstrip("…").strip()
        if not keys or what in seen:
            continue
        seen.add(what)
        rows.append((" or ".join(keys), what))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.rows = action_shortcuts(actions) + list(VIEW_KEYS)
        self.table = QTableWidget(len(self.rows), 2)
        self.table.setHorizontalHeaderLabels(["Keys", "Does"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (keys, what) in enumerate(self.rows):
            self.table.setItem(r, 0, QTableWidgetItem(keys))
            self.table.setItem(r, 1, QTableWidgetItem(what))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 560)
