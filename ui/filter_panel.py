"""Filters: event types with counts, entities (any or all), date range, full text, document.
Every change becomes one EventQuery, emitted after a short pause in typing. Escape (or
View ▸ Clear all filters) clears them all."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from importers.date_input import read_period
from store.query import EventQuery
from ui.icons import event_types, icon, type_icon


class FilterPanel(QWidget):
    queryChanged = Signal(object)  # EventQuery

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._emit)

        self.search = QLineEdit(placeholderText="Search passages…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.changed)

        self.types = QListWidget()
        self.types.setObjectName("typeList")
        for type_id, etype in event_types().items():
            item = QListWidgetItem(type_icon(type_id), etype.label)
            item.setData(Qt.ItemDataRole.UserRole, type_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.types.addItem(item)
        self.types.itemChanged.connect(self.changed)
        all_btn = QPushButton("All")
        none_btn = QPushButton("None")
        all_btn.clicked.connect(lambda: self._check_all(True))
        none_btn.clicked.connect(lambda: self._check_all(False))

        self.entity_input = QLineEdit(placeholderText="Add an entity…")
        self.entity_input.setClearButtonEnabled(True)
        self._names = QStringListModel()
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entity_input.setCompleter(completer)
        self.entity_input.returnPressed.connect(self._add_entity_from_input)
        completer.activated.connect(self._picked)
        self.entities = QListWidget()
        self.entities.setMaximumHeight(64)
        self.entities.setToolTip("Double-click an entity to take it out of the filter")
        self.entities.itemDoubleClicked.connect(self._remove_entity)
        self.match = QComboBox()
        self.match.addItems(["match any", "match all"])
        self.match.currentIndexChanged.connect(self.changed)
        clear_entities = QPushButton(icon("fa5s.times"), "")
        clear_entities.setToolTip("Remove all entities from the filter")
        clear_entities.clicked.connect(self.clear_entities)

        self.date_from = QLineEdit(placeholderText="2019, March 2019, 2019-Q3…")
        self.date_to = QLineEdit(placeholderText="2019-09-23, Sept. 2019…")
        for edit in (self.date_from, self.date_to):
            edit.setClearButtonEnabled(True)
            edit.textChanged.connect(self.changed)

        self.date_error = QLabel()
        self.date_error.setStyleSheet("color: #c62828")
        self.date_error.setWordWrap(True)
        self.date_error.hide()

        self.document = QComboBox()
        # Do not measure every title: a store may hold tens of thousands of documents.
        self.document.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.document.setMinimumContentsLength(8)
        self.document.addItem("All documents", None)
        self.document.currentIndexChanged.connect(self.changed)

        self.sources = QSpinBox()
        self.sources.setRange(1, 99)
        self.sources.setSuffix(" sources")
        self.sources.setSpecialValueText("any number of sources")
        self.sources.setToolTip(
            "Only events whose incident is reported by at least this many sources"
        )
        self.sources.valueChanged.connect(self.changed)

        # the map's box (south, west, north, east), shown as a chip that takes it away
        self.area: tuple[float, float, float, float] | None = None
        self.area_chip = QPushButton(icon("fa5s.times-circle"), "")
        self.area_chip.setObjectName("areaChip")
        self.area_chip.setToolTip("Events in this map area only; click to remove the area")
        self.area_chip.setStyleSheet(
            "QPushButton#areaChip { background: #e3f2fd; border: 1px solid #90caf9;"
            " border-radius: 10px; padding: 2px 8px; }"
        )
        self.area_chip.clicked.connect(lambda: self.set_area(None))
        self.area_chip.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        types_box = QGroupBox("Event types")
        tl = QVBoxLayout(types_box)
        tl.addWidget(self.types)
        row = QHBoxLayout()
        row.addWidget(all_btn)
        row.addWidget(none_btn)
        tl.addLayout(row)
        layout.addWidget(types_box)
        ent_box = QGroupBox("Entities")
        el = QVBoxLayout(ent_box)
        el.addWidget(self.entity_input)
        el.addWidget(self.entities)
        row = QHBoxLayout()
        row.addWidget(self.match)
        row.addWidget(clear_entities)
        el.addLayout(row)
        layout.addWidget(ent_box)
        date_box = QGroupBox("Dates and documents")
        form = QFormLayout(date_box)
        form.addRow("From", self.date_from)
        form.addRow("To", self.date_to)
        form.addRow(self.date_error)
        form.addRow("Document", self.document)
        form.addRow("Reported by", self.sources)
        form.addRow(self.area_chip)
        layout.addWidget(date_box)
        layout.addStretch(1)
        self._fit_types()
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.clear_all)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _fit_types(self) -> None:
        """Every type visible without scrolling: the list is as tall as its rows."""
        rows = self.types.count()
        row_h = self.types.sizeHintForRow(0) if rows else 0
        height = rows * row_h + 2 * self.types.frameWidth() + 2
        self.types.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.types.setFixedHeight(height)

    # -- inputs ------------------------------------------------------------------------------
    def set_entity_names(self, names: list[str]) -> None:
        self._names.setStringList(names)

    def set_documents(self, docs: list[tuple[int, str]]) -> None:
        current = self.document.currentData()
        self.document.blockSignals(True)
        self.document.clear()
        self.document.addItem("All documents", None)
        for doc_id, title in docs:
            self.document.addItem(title[:80] or f"document {doc_id}", doc_id)
        index = self.document.findData(current)
        self.document.setCurrentIndex(max(0, index))
        self.document.blockSignals(False)

    def set_counts(self, counts: dict[str, int]) -> None:
        self.types.blockSignals(True)
        types = event_types()
        for i in range(self.types.count()):
            item = self.types.item(i)
            type_id = item.data(Qt.ItemDataRole.UserRole)
            item.setText(f"{types[type_id].label}  ({counts.get(type_id, 0)})")
        self.types.blockSignals(False)

    def add_entity(self, name: str) -> None:
        name = name.strip()
        if name and not self.entities.findItems(name, Qt.MatchFlag.MatchExactly):
            self.entities.addItem(name)
            self.changed()
        self.entity_input.clear()

    def _picked(self, name: str) -> None:
        """A name chosen from the completion: the completer writes it into the box after this
        returns, so the box is cleared once it has."""
        self.add_entity(name)
        QTimer.singleShot(0, self.entity_input.clear)

    def clear_all(self) -> None:
        """No filter at all: every type, no entity, no date, no search, every document,
        anywhere on the map."""
        widgets = (self.search, self.date_from, self.date_to, self.types, self.match, self.sources)
        for w in (*widgets, self.document):
            w.blockSignals(True)
        self.search.clear()
        self.sources.setValue(1)
        self.date_from.clear()
        self.date_to.clear()
        for i in range(self.types.count()):
            self.types.item(i).setCheckState(Qt.CheckState.Checked)
        self.entities.clear()
        self.entity_input.clear()
        self.match.setCurrentIndex(0)
        self.document.setCurrentIndex(0)
        self.area = None
        self.area_chip.hide()
        for w in (*widgets, self.document):
            w.blockSignals(False)
        self._timer.stop()
        self._emit()

    def active(self) -> list[str]:
        """The filters in force, in words ("2 of 15 types", "search “raid”")."""
        found = []
        off = sum(
            self.types.item(i).checkState() != Qt.CheckState.Checked
            for i in range(self.types.count())
        )
        if off:
            found.append(f"{self.types.count() - off} of {self.types.count()} types")
        names = [self.entities.item(i).text() for i in range(self.entities.count())]
        if names:
            found.append("entities " + ", ".join(names))
        if self.date_from.text().strip():
            found.append(f"from {self.date_from.text().strip()}")
        if self.date_to.text().strip():
            found.append(f"to {self.date_to.text().strip()}")
        if self.search.text().strip():
            found.append(f"search “{self.search.text().strip()}”")
        if self.document.currentData() is not None:
            found.append(f"document “{self.document.currentText()}”")
        if self.area is not None:
            found.append(area_text(self.area))
        return found

    def set_area(self, area: tuple[float, float, float, float] | None) -> None:
        """Filter to the map's box (None: anywhere)."""
        self.area = tuple(round(v, 4) for v in area) if area is not None else None  # type: ignore[assignment]
        self.area_chip.setText(area_text(self.area) if self.area else "")
        self.area_chip.setVisible(self.area is not None)
        self.changed()

    def clear_entities(self) -> None:
        if self.entities.count():
            self.entities.clear()
            self.changed()

    def _add_entity_from_input(self) -> None:
        self.add_entity(self.entity_input.text())

    def _remove_entity(self, item: QListWidgetItem) -> None:
        self.entities.takeItem(self.entities.row(item))
        self.changed()

    def _check_all(self, on: bool) -> None:
        self.types.blockSignals(True)
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for i in range(self.types.count()):
            self.types.item(i).setCheckState(state)
        self.types.blockSignals(False)
        self.changed()

    def set_type_checked(self, type_id: str, on: bool) -> None:
        for i in range(self.types.count()):
            item = self.types.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == type_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def changed(self, *_args: object) -> None:
        self._timer.start()

    def _emit(self) -> None:
        self.queryChanged.emit(self.query())

    # -- the query ---------------------------------------------------------------------------
    def query(self) -> EventQuery:
        checked = []
        for i in range(self.types.count()):
            item = self.types.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                checked.append(item.data(Qt.ItemDataRole.UserRole))
        all_types = len(checked) == self.types.count()
        date_from = date_to = None
        errors = []
        for label, edit, end in (("From", self.date_from, False), ("To", self.date_to, True)):
            if not edit.text().strip():
                edit.setStyleSheet("")
                continue
            try:
                period = read_period(edit.text())
            except ValueError as exc:
                errors.append(f"{label}: {exc}")
                edit.setStyleSheet("border: 1px solid #c62828")
                continue
            edit.setStyleSheet("")
            if end:
                date_to = period.end
            else:
                date_from = period.start
        self.date_error.setText("\n".join(errors))
        self.date_error.setVisible(bool(errors))
        doc = self.document.currentData()
        return EventQuery(
            types=None if all_types else frozenset(checked),
            entity_names=tuple(self.entities.item(i).text() for i in range(self.entities.count())),
            match_all_entities=self.match.currentIndex() == 1,
            date_from=date_from,
            date_to=date_to,
            include_undated=date_from is None and date_to is None,
            text=self.search.text(),
            document_ids=(doc,) if doc is not None else (),
            min_sources=self.sources.value(),
            area=self.area,
        )

    # -- persistence -------------------------------------------------------------------------
    def state(self) -> dict[str, object]:
        unchecked = [
            self.types.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.types.count())
            if self.types.item(i).checkState() != Qt.CheckState.Checked
        ]
        return {
            "search": self.search.text(),
            "unchecked": unchecked,
            "entities": [self.entities.item(i).text() for i in range(self.entities.count())],
            "match_all": self.match.currentIndex() == 1,
            "from": self.date_from.text(),
            "to": self.date_to.text(),
            "min_sources": self.sources.value(),
            "area": list(self.area) if self.area else None,
        }

    def restore(self, state: dict[str, object]) -> None:
        widgets = (self.search, self.date_from, self.date_to, self.types, self.match, self.sources)
        for w in widgets:
            w.blockSignals(True)
        self.search.setText(str(state.get("search", "")))
        try:
            self.sources.setValue(int(state.get("min_sources", 1) or 1))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            self.sources.setValue(1)
        unchecked = set(state.get("unchecked", []) or [])  # type: ignore[arg-type]
        for i in range(self.types.count()):
            item = self.types.item(i)
            off = item.data(Qt.ItemDataRole.UserRole) in unchecked
            item.setCheckState(Qt.CheckState.Unchecked if off else Qt.CheckState.Checked)
        self.entities.clear()
        for name in state.get("entities", []) or []:  # type: ignore[union-attr]
            self.entities.addItem(str(name))
        self.match.setCurrentIndex(1 if state.get("match_all") else 0)
        self.date_from.setText(str(state.get("from", "")))
        self.date_to.setText(str(state.get("to", "")))
        area = state.get("area")
        try:
            box = tuple(float(v) for v in area) if area else None  # type: ignore[union-attr]
        except (TypeError, ValueError):
            box = None
        self.area = box if box is not None and len(box) == 4 else None  # type: ignore[assignment]
        self.area_chip.setText(area_text(self.area) if self.area else "")
        self.area_chip.setVisible(self.area is not None)
        for w in widgets:
            w.blockSignals(False)


def area_text(area: tuple[float, float, float, float]) -> str:
    """A map box in words: "Map area 31.0°N–35.5°N, 60.2°E–70.0°E"."""
    south, west, north, east = area

    def lat(v: float) -> str:
        return f"{abs(v):.1f}°{'N' if v >= 0 else 'S'}"

    def lon(v: float) -> str:
        return f"{abs(v):.1f}°{'E' if v >= 0 else 'W'}"

    return f"Map area {lat(south)}–{lat(north)}, {lon(west)}–{lon(east)}"
