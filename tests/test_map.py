"""The map: its arithmetic (projection, zoom at the pointer, marks gathered by screen cell,
hit testing, a dragged box) as plain functions, and the pane as an analyst uses it beside
the timeline: it follows the filters and the visible range, a click selects, a Shift-drag
filters to an area shown as a removable chip."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from store.query import EventQuery
from ui.map_layout import Viewport, gather, hit, mark_radius


def test_the_point_under_the_pointer_stays_put_when_zooming():
    view = Viewport(lon=60, lat=30, scale=10, width=800, height=600)
    lon, lat = view.to_geo(620, 150)
    zoomed = view.zoomed(2.0, 620, 150)
    x, y = zoomed.to_screen(lon, lat)
    assert zoomed.scale == 20
    assert abs(float(x) - 620) < 0.01 and abs(float(y) - 150) < 0.01  # within a pixel's hundredth


def test_screen_and_degrees_are_inverse_and_panning_follows_the_pointer():
    view = Viewport(lon=10, lat=45, scale=50, width=400, height=300)
    x, y = view.to_screen(12.5, 44.0)
    assert view.to_geo(float(x), float(y)) == pytest.approx((12.5, 44.0))
    moved = view.panned(30, -20)  # the world is dragged right and up
    nx, ny = moved.to_screen(12.5, 44.0)
    assert float(nx) == pytest.approx(float(x) + 30, abs=0.5)
    assert float(ny) == pytest.approx(float(y) - 20, abs=0.5)


def test_a_fitted_view_holds_the_box_and_a_dragged_box_reads_back_in_degrees():
    view = Viewport(width=500, height=400).fitted(29.0, 60.0, 38.0, 72.0)
    for lon, lat in ((60.0, 29.0), (72.0, 38.0)):
        x, y = view.to_screen(lon, lat)
        assert 0 <= float(x) <= 500 and 0 <= float(y) <= 400
    x0, y0 = view.to_screen(62.0, 36.0)
    x1, y1 = view.to_screen(66.0, 31.0)
    south, west, north, east = view.box(float(x0), float(y0), float(x1), float(y1))
    assert (south, west, north, east) == pytest.approx((31.0, 62.0, 36.0, 66.0))


def test_near_places_are_one_mark_with_their_events_summed_and_the_commonest_type():
    view = Viewport(lon=65, lat=33, scale=2, width=600, height=400)  # a continent on screen
    lon = np.array([64.70, 64.75, 10.0])  # two villages of one district, and Europe
    lat = np.array([32.40, 32.45, 50.0])
    counts = np.array([3, 5, 2])
    types = np.array([0, 1, 1], dtype=np.int16)
    marks = gather(view, lon, lat, counts, types, ("raid", "airstrike"))
    assert sorted(m.count for m in marks) == [2, 8]
    district = max(marks, key=lambda m: m.count)
    assert district.type == "airstrike"  # five airstrikes beat three raids
    assert sorted(district.places.tolist()) == [0, 1]
    close = Viewport(lon=64.72, lat=32.42, scale=3000, width=600, height=400)
    assert len(gather(close, lon, lat, counts, types, ("raid", "airstrike"))) == 2


def test_a_mark_is_hit_within_its_circle_and_the_top_one_wins():
    view = Viewport(lon=0, lat=0, scale=10, width=200, height=200)
    marks = gather(
        view, np.array([0.0, 5.0]), np.array([0.0, 0.0]), np.array([1, 500]),
        np.array([0, 0], dtype=np.int16), ("raid",),
    )  # fmt: skip
    big = max(marks, key=lambda m: m.count)
    assert hit(marks, big.x + mark_radius(500) - 1, big.y) is big
    assert hit(marks, big.x, big.y + 60) is None
    assert mark_radius(1) < mark_radius(1000) <= 22


def test_the_map_counts_the_events_in_the_timelines_range_by_place(qtbot, window):
    pane = window.map_pane
    _show_map(qtbot, window)
    placed = sum(m.count for m in pane.map.marks)
    assert "events on the map" in pane.note.text()
    assert f"{placed:,} events on the map" in pane.note.text()
    counts = window.library.places(window.query, window.timeline.span)
    assert placed == int(counts.counts[window.library.place_table().rows_of(counts.ids) >= 0].sum())


def test_clicking_a_mark_selects_its_events_and_a_table_selection_rings_its_mark(qtbot, window):
    view = _show_map(qtbot, window)
    qtbot.wait(50)  # the window has settled: the marks are where they are drawn
    mark = max(view.marks, key=lambda m: m.count)
    with qtbot.waitSignal(view.eventsChosen, timeout=3000) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(int(mark.x), int(mark.y)))
    emitted = set(blocker.args[0].tolist())
    chosen = set(window.table.selected_ids().tolist())
    assert chosen and chosen == emitted
    under = hit(view.marks, int(mark.x), int(mark.y))
    assert under is not None
    # every chosen event is at one of the mark's places, and all of theirs are chosen
    assert set(window.library.places_of(list(chosen)).tolist()) <= set(
        view._place_ids[under.places].tolist()
    )
    expected = window.library.events_at(window.query, view.span, view._place_ids[under.places])
    assert chosen == set(expected.tolist())
    # the passage pane follows the table, and the map rings the mark of what is selected
    assert window.passage.current is not None and window.passage.current.id in chosen
    assert set(view._selected_places.tolist()) & set(view._place_ids[under.places].tolist())


def test_shift_drag_filters_every_view_to_the_area_and_the_chip_takes_it_away(qtbot, window):
    view = _show_map(qtbot, window)
    view.set_view(view.view.fitted(29.0, 60.0, 38.0, 72.0))  # Afghanistan
    x0, y0 = view.view.to_screen(60.5, 37.5)
    x1, y1 = view.view.to_screen(71.5, 29.5)
    before = len(window.model.ids)
    with qtbot.waitSignal(window.filters.queryChanged, timeout=3000):
        qtbot.mousePress(
            view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
            QPoint(int(x0), int(y0)),
        )  # fmt: skip
        view.mouseMoveEvent(_move(view, QPointF(float(x1), float(y1))))
        qtbot.mouseRelease(
            view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
            QPoint(int(x1), int(y1)),
        )  # fmt: skip
    area = window.filters.area
    assert area is not None and area[0] < 34 < area[2] and area[1] < 66 < area[3]
    assert window.filters.area_chip.isVisible()
    shown = len(window.model.ids)
    assert 0 < shown < before
    with window.library.store.session() as s:
        assert set(window.model.ids) == set(EventQuery(area=area).event_ids(s))
    with qtbot.waitSignal(window.filters.queryChanged, timeout=3000):
        window.filters.area_chip.click()
    assert window.filters.area is None and len(window.model.ids) == before


def _show_map(qtbot, window):  # type: ignore[no-untyped-def]
    """View > Map on, the timeline fitted to the events, the marks drawn."""
    window.act_map.setChecked(True)
    window._toggle_map()
    window.timeline.fit_all()
    qtbot.waitUntil(lambda: bool(window.map.marks), timeout=3000)
    return window.map


def _move(widget, pos: QPointF):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QMouseEvent

    return QMouseEvent(
        QEvent.Type.MouseMove,
        pos,
        widget.mapToGlobal(pos),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
    )


def test_the_map_is_remembered_shown_or_hidden(qtbot, filled_store, settings):
    from ui.library import Library
    from ui.main_window import MainWindow

    first = MainWindow(Library(filled_store), settings)
    qtbot.addWidget(first)
    first.act_map.setChecked(False)
    first._toggle_map()
    first.close()
    again = MainWindow(Library(filled_store), settings)
    qtbot.addWidget(again)
    assert not again.act_map.isChecked() and not again.map_pane.isVisibleTo(again)


def test_a_marks_tooltip_names_its_places_and_the_incidents_its_reports_tell(
    qtbot, tmp_path, settings
):
    from importers.pipeline import ImportOptions, import_paths
    from store.db import open_store
    from ui.library import Library
    from ui.main_window import MainWindow

    first = (
        "Gunman wounds man in Rockford\n\nROCKFORD, Ill. (June 4, 2016) — A man was shot on "
        "Saturday on Maple Street in Rockford, Illinois, police said. Daniel Reyes was hurt.\n"
    )
    second = (
        "Police seek Rockford gunman\n\nROCKFORD, Ill. (June 5, 2016) — Police are looking for "
        "the gunman who shot Daniel Reyes on Maple Street in Rockford, Illinois, on Saturday.\n"
    )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(first, encoding="utf-8")
    (folder / "b.txt").write_text(second, encoding="utf-8")
    store = open_store(tmp_path / "s.sqlite3")
    import_paths(store, [folder], ImportOptions())
    settings.setValue("map/visible", True)
    window = MainWindow(Library(store), settings)
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    window.timeline.fit_all()
    view = window.map
    qtbot.waitUntil(lambda: bool(view.marks), timeout=3000)
    rockford = next(m for m in view.marks if "Rockford" in view.describe(m))
    tip = view.describe(rockford)
    assert "Rockford (Illinois, United States)" in tip
    assert f"{rockford.count:,} events telling 1 incident ·" in tip  # two reports, one shooting
    window.close()
    store.close()


def test_the_entity_browser_says_where_a_place_is_or_that_it_is_not_on_the_map(qtbot, window):
    window.left.setCurrentIndex(1)  # the Entities tab
    tree = window.entities.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0, timeout=3000)
    tips = {}
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            tips[top.child(j).text(0)] = top.child(j).toolTip(0)
    assert "in Helmand, Afghanistan" in tips["Musa Qala"]
    unplaced = [t for t in tips.values() if "not on the map" in t]
    assert unplaced  # the samples name places the gazetteer lacks (Chahar Dara)
    assert all("not on the map" not in t for n, t in tips.items() if n in ("Doha", "Kunar"))


def test_unknown_names_met_once_wait_in_a_closed_group_that_a_search_opens(qtbot, window):
    window.left.setCurrentIndex(1)
    browser = window.entities
    qtbot.waitUntil(lambda: browser.tree.topLevelItemCount() > 0, timeout=3000)
    rare = [r for r in browser.rows if r.kind == "other" and r.mentions <= 1]
    assert rare, "the samples hold unknown names met once"
    top = next(
        browser.tree.topLevelItem(i)
        for i in range(browser.tree.topLevelItemCount())
        if browser.tree.topLevelItem(i).text(0).startswith("Other")
    )
    direct = {top.child(j).text(0) for j in range(top.childCount())}
    group = next(
        top.child(j) for j in range(top.childCount()) if "Named once" in top.child(j).text(0)
    )
    assert rare[0].name not in direct and not group.isExpanded()
    assert rare[0].name in {group.child(j).text(0) for j in range(group.childCount())}
    browser.search.setText(rare[0].name)
    top = browser.tree.topLevelItem(0)
    assert rare[0].name in {top.child(j).text(0) for j in range(top.childCount())}
