"""The desktop app as an analyst uses it, driven offscreen with real widgets and a real store."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from store.db import open_store
from store.export import EVENT_COLUMNS
from store.timespan import TimeSpan
from ui.icons import HIGHLIGHT
from ui.library import Library
from ui.main_window import MainWindow


def _apply(qtbot, window: MainWindow, change) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.filters.queryChanged, timeout=3000):
        change()


def _visible_types(window: MainWindow) -> set[str]:
    return {p.item.type for p in window.timeline._placed}


def test_turning_a_type_off_updates_table_timeline_and_counts(qtbot, window):
    window.timeline.fit_all()
    before = len(window.model.ids)
    assert "talks" in _visible_types(window)
    talks = window.library.counts_by_type(window.query)["talks"]
    _apply(qtbot, window, lambda: window.filters.set_type_checked("talks", False))
    assert len(window.model.ids) == before - talks
    assert "talks" not in _visible_types(window)
    assert window.count_label.text() == f"{before - talks} of {window.library.total()} events"
    rows = [window.model.event(r) for r in range(window.model.rowCount())]
    assert all(r is not None and r.type != "talks" for r in rows)


def test_choosing_an_entity_filters_the_views(qtbot, window):
    _apply(qtbot, window, lambda: window.entities.entityChosen.emit("AQIS"))
    rows = [window.model.event(r) for r in range(window.model.rowCount())]
    assert rows
    for row in rows:
        assert row is not None
        assert "al-Qaeda in the Indian Subcontinent" in {e.name for e in row.entities}
    assert window.filters.query().entity_names == ("AQIS",)


def test_selecting_an_event_shows_its_passage_with_highlights(qtbot, window):
    raid_id = next(
        i
        for i in window.model.ids
        if (r := window.model.event(window.model.row_of(i)))
        and r.type == "raid"
        and r.date_value == "2019-09"
    )
    window.select_event(raid_id)
    text = window.passage.text.toPlainText()
    assert "raid in the Musa Qala district" in text

    def background_at(word: str):  # type: ignore[no-untyped-def]
        cursor = QTextCursor(window.passage.text.document())
        cursor.setPosition(text.index(word) + 1)
        return cursor.charFormat().background().color().name()

    assert background_at("September") == HIGHLIGHT["date"].name()
    assert background_at("raid") == HIGHLIGHT["trigger"].name()
    assert background_at("Helmand") == HIGHLIGHT["entity"].name()
    assert background_at("monitoring") not in {c.name() for c in HIGHLIGHT.values()}
    assert "2019-09" in window.passage.header.text()
    assert raid_id in window.timeline.selected


def test_a_date_said_in_an_earlier_sentence_is_shown_as_such(qtbot, window, tmp_path):
    report = tmp_path / "valley.txt"
    report.write_text(
        "KABUL, Afghanistan (March 7, 2019) - On Tuesday, troops moved into the valley before "
        "dawn. They raided a compound and detained two men.\n"
    )
    with qtbot.waitSignal(window.transfers.importFinished, timeout=60000):
        window.transfers.run_import([str(report)])
    rows = [window.model.event(r) for r in range(window.model.rowCount())]
    carried = next(r for r in rows if r is not None and r.date_source == "paragraph")
    own = next(r for r in rows if r is not None and r.date_source == "sentence")
    window.select_event(carried.id)
    assert f"from “{carried.date_text}”, said earlier in the paragraph" in (
        window.passage.header.text()
    )
    window.select_event(own.id)
    assert "said earlier" not in window.passage.header.text()


def test_the_table_says_a_week_in_words(window):
    rows = [window.model.event(r) for r in range(window.model.rowCount())]
    (row,) = [r for r in range(len(rows)) if rows[r] is not None and rows[r].date_value[5:6] == "W"]
    shown = window.model.index(row, 0).data()
    assert shown == f"{rows[row].date_value[:4]} week {int(rows[row].date_value[6:8])}"


def test_clicking_an_event_on_the_timeline_selects_it_in_the_table(qtbot, window):
    window.timeline.fit_all()
    placed = window.timeline._placed[0]
    qtbot.mouseClick(window.timeline, Qt.MouseButton.LeftButton, pos=placed.rect.center().toPoint())
    assert window.selected_ids() == [placed.item.id]


def test_zoom_and_pan_change_the_visible_range(qtbot, window):
    window.timeline.fit_all()
    tl = window.timeline
    start = tl.span
    with qtbot.waitSignal(tl.rangeChanged):
        qtbot.keyClick(tl, Qt.Key.Key_Plus)
    assert tl.span.days < start.days
    zoomed_span = tl.span
    qtbot.keyClick(tl, Qt.Key.Key_Right)
    assert tl.span.start > zoomed_span.start and tl.span.days == pytest.approx(
        zoomed_span.days, abs=1
    )
    pos = QPointF(tl.width() * 0.75, 60)
    anchor = tl.scale().ordinal_at(pos.x())
    wheel = QWheelEvent(
        pos,
        tl.mapToGlobal(pos),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    before = tl.span
    QApplication.sendEvent(tl, wheel)
    assert tl.span.days < before.days
    assert tl.scale().ordinal_at(pos.x()) == pytest.approx(anchor, abs=max(2, tl.span.days / 100))
    assert window.overview.visible == tl.span
    qtbot.keyClick(tl, Qt.Key.Key_Home)
    assert tl.span.days > before.days


def test_export_writes_the_cli_columns_with_injection_neutralised(qtbot, window, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text('=HYPERLINK("http://x") gunmen attacked a checkpoint on May 2, 2019.\n')
    with qtbot.waitSignal(window.transfers.importFinished, timeout=30000):
        window.transfers.run_import([str(hostile)])
    out = tmp_path / "shown.csv"
    with qtbot.waitSignal(window.transfers.exportFinished, timeout=30000):
        window.transfers.export_to(out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0]) == EVENT_COLUMNS
    assert len(rows) == len(window.model.ids)
    hostile_rows = [r for r in rows if "HYPERLINK" in r["summary"]]
    assert hostile_rows and all(r["summary"].startswith("'=") for r in hostile_rows)

    window.select_event(window.model.ids[0])
    selection = tmp_path / "selection.csv"
    with qtbot.waitSignal(window.transfers.exportFinished, timeout=30000):
        window.transfers.export_to(selection, ids=window.selected_ids())
    rows = list(csv.DictReader(selection.read_text(encoding="utf-8-sig").splitlines()))
    assert [int(r["id"]) for r in rows] == window.selected_ids()


def test_import_runs_in_a_worker_while_the_window_stays_responsive(qtbot, window, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(12):
        (folder / f"doc{i}.txt").write_text(
            f"KABUL, Afghanistan (March {i + 1}, 2012) — Insurgents attacked a checkpoint in "
            f"Kandahar yesterday and {i + 2} fighters were killed in the clash that followed.\n"
        )
    before = window.library.total()
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(1)
    with qtbot.waitSignal(window.transfers.importFinished, timeout=60000) as blocker:
        window.transfers.run_import([str(folder)])
    timer.stop()
    report = blocker.args[0]
    assert report.count("imported") == 12
    assert ticks, "the event loop kept running during the import"
    assert window.library.total() > before
    assert len(window.model.ids) == window.library.total()
    assert window.count_label.text().startswith(f"{window.library.total()} of")


def test_a_file_whose_reader_breaks_is_one_line_and_the_import_goes_on(
    qtbot, window, tmp_path, monkeypatch
):
    import importers.pipeline as pipeline

    broken, good = tmp_path / "broken.txt", tmp_path / "good.txt"
    broken.write_text("anything")
    good.write_text("Militants attacked a checkpoint in Kunduz on 4 May 2019, police said.\n")
    real = pipeline.reader_for

    def reader_for(path):  # type: ignore[no-untyped-def]
        if path.name != "broken.txt":
            return real(path)

        def explode(_path, _data):  # type: ignore[no-untyped-def]
            raise KeyError("a bug in a reader")

        return explode

    monkeypatch.setattr(pipeline, "reader_for", reader_for)
    before = window.library.total()
    with qtbot.waitSignal(window.transfers.importFinished, timeout=60000) as blocker:
        window.transfers.run_import([str(broken), str(good)])
    report = blocker.args[0]
    assert [o.status for o in report.outcomes] == ["failed", "imported"]
    assert window.library.total() > before  # the good file's event is in the views
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    assert "1 failed" in box.text()
    failed_line = box.detailedText().splitlines()[0]
    assert failed_line.startswith("FAILED") and "broken.txt" in failed_line
    assert "KeyError" in failed_line and "Traceback" not in box.detailedText()


def test_a_second_start_restores_window_and_filters(qtbot, filled_store, settings):
    first = MainWindow(Library(filled_store), settings)
    qtbot.addWidget(first)
    first.resize(1111, 777)
    first.show()
    _apply(qtbot, first, lambda: first.filters.search.setText("Kunduz"))
    _apply(qtbot, first, lambda: first.filters.set_type_checked("statement", False))
    first.timeline.set_span(TimeSpan(dt.date(2018, 1, 1), dt.date(2019, 1, 1)))
    first.table.setColumnWidth(1, 222)
    first.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    shown = list(first.model.ids)
    first.close()

    second = MainWindow(Library(filled_store), settings)
    qtbot.addWidget(second)
    second.show()
    # Restored, not the 1400x900 default (the offscreen platform may shift a frame margin).
    assert abs(second.width() - 1111) <= 10 and abs(second.height() - 777) <= 10
    assert second.filters.search.text() == "Kunduz"
    assert second.filters.query().types is not None
    assert "statement" not in second.filters.query().types
    assert second.timeline.span.start == dt.date(2018, 1, 1)
    assert second.table.columnWidth(1) == 222
    header = second.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        1,
        Qt.SortOrder.DescendingOrder,
    )
    assert list(second.model.ids) == shown  # the rows are in that order too


def test_first_run_offers_the_samples(qtbot, db_path, settings):
    window = MainWindow(Library(open_store(db_path)), settings)
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.empty
    with qtbot.waitSignal(window.transfers.importFinished, timeout=60000):
        window.transfers.import_samples()
    assert window.stack.currentIndex() == 1
    assert window.library.total() > 10


def test_lanes_by_entity(qtbot, window):
    window.timeline.fit_all()
    window.act_lanes.trigger()
    lanes = [name for name, _y, _h in window.timeline._lanes]
    assert "Taliban" in lanes
    assert window.timeline.lane_mode == "entity"


def test_the_event_table_model_is_a_correct_qt_model(qtmodeltester, window):
    qtmodeltester.check(window.model, force_py=True)


def test_the_gui_imports_web_pages_and_pdfs_and_shows_the_page(qtbot, window, tmp_path):
    from tests.test_formats import PAGE, _pdf

    (tmp_path / "page.html").write_text(PAGE)
    (tmp_path / "report.pdf").write_bytes(
        _pdf(["Front matter.", "Insurgents attacked a convoy near Baghlan on April 7, 2013."])
    )
    with qtbot.waitSignal(window.transfers.importFinished, timeout=60000) as blocker:
        window.transfers.run_import([str(tmp_path / "page.html"), str(tmp_path / "report.pdf")])
    assert blocker.args[0].count("imported") == 2
    convoy = next(
        i
        for i in window.model.ids
        if (r := window.model.event(window.model.row_of(i))) and "Baghlan" in r.evidence
    )
    window.select_event(convoy)
    assert "page 2" in window.passage.header.text()


def test_painting_keeps_the_interpreter_sound(qtbot, window):
    """PySide6 6.12.0 drops a reference to None on each void call under Python 3.11, which
    aborts the app after some thousands of paints; the pinned Qt binding must not."""
    import sys

    window.timeline.fit_all()
    before = sys.getrefcount(None)
    for _ in range(20):
        window.timeline.repaint()
        window.overview.repaint()
    assert sys.getrefcount(None) >= before - 20
