"""An analyst imports a folder of saved news articles: plain text says nothing of the day it
was written, so "Sunday night" stays undated. The analyst who knows the day gives it; the
article is read again against it, and what the analyst did to it before stands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from importers.pipeline import ImportOptions, import_paths
from importers.redate import Dating, dating_of, redate
from store.curation import CurationError, edit_events
from store.db import Store
from store.models import Document, Event
from store.rejection import reject_events
from tests.texts import imported

ARTICLE = (
    "Man wounded in Dayton shooting\n\n"
    "A 24-year-old man was shot Sunday night outside a bar on Wayne Avenue in Dayton, "
    "police said.\n\n"
    "Officers arrested a 19-year-old suspect on Monday.\n\n"
    "In 2009 the same bar was closed for a year after a stabbing.\n"
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return imported(tmp_path, "article.txt", ARTICLE)


def _events(store: Store) -> dict[str, tuple[str, str]]:
    """Each event's type by its evidence's first words: (type, date)."""
    with store.session() as s:
        doc = s.scalar(select(Document))
        assert doc is not None
        return {
            doc.text[e.span_start : e.span_end][:20]: (e.type, e.date_value)
            for e in s.scalars(select(Event).order_by(Event.span_start))
        }


def _document_id(store: Store) -> int:
    with store.session() as s:
        found = s.scalar(select(Document.id))
        assert found is not None
        return found


def test_a_day_the_analyst_gives_dates_the_weekdays_of_the_article(store: Store):
    before = _events(store)
    assert before["A 24-year-old man wa"][0] == "shooting"
    assert not before["A 24-year-old man wa"][1].startswith("2015")
    assert before["In 2009 the same bar"][1] == "2009"

    outcome = redate(store, Dating(_document_id(store), given=dt.date(2015, 6, 10)))

    assert outcome.status == "replaced"
    after = _events(store)
    assert after["A 24-year-old man wa"] == ("shooting", "2015-06-07TNI")
    assert after["Officers arrested a "] == ("arrest", "2015-06-08")
    assert after["In 2009 the same bar"][1] == "2009"  # a date the text states stays its own
    assert dating_of(store, _document_id(store)).given == dt.date(2015, 6, 10)


def test_the_analysts_edits_and_rejections_stand_and_undo_gives_the_old_reading(store: Store):
    first = dating_of(store, _document_id(store))
    assert first.given is None
    with store.session() as s, s.begin():
        ids = {
            s.scalar(select(Document)).text[e.span_start : e.span_end][:20]: e.id  # type: ignore[union-attr]
            for e in s.scalars(select(Event))
        }
        edit_events(s, [ids["Officers arrested a "]], summary="Suspect, 19, arrested")
        reject_events(s, [ids["In 2009 the same bar"]])

    redate(store, Dating(first.document_id, given=dt.date(2015, 6, 10)))
    after = _events(store)
    assert "In 2009 the same bar" not in after  # still rejected
    with store.session() as s:
        edited = s.scalar(select(Event).where(Event.summary == "Suspect, 19, arrested"))
        assert edited is not None

    redate(store, first)  # undo
    assert not _events(store)["A 24-year-old man wa"][1].startswith("2015")
    assert dating_of(store, first.document_id).given is None


def test_importing_the_file_again_with_its_date_reads_it_again(store: Store, tmp_path: Path):
    outcomes = import_paths(
        store, [str(tmp_path / "article.txt")], ImportOptions(published=dt.date(2015, 6, 10))
    )
    assert [o.status for o in outcomes.outcomes] == ["replaced"]
    assert _events(store)["A 24-year-old man wa"] == ("shooting", "2015-06-07TNI")
    again = import_paths(
        store, [str(tmp_path / "article.txt")], ImportOptions(published=dt.date(2015, 6, 10))
    )
    assert [o.status for o in again.outcomes] == [
        "unchanged"
    ]  # the same day: nothing to read again
    with store.session() as s:
        assert len(s.scalars(select(Document)).all()) == 1


def test_a_data_sets_document_has_no_one_date(tmp_path: Path):
    opened = imported(
        tmp_path,
        "gtd.csv",
        "eventid,iyear,imonth,iday,approxdate,country_txt,provstate,city,latitude,longitude,"
        "summary,attacktype1_txt,targtype1_txt,gname,nkill,nwound\n"
        "201501010001,2015,1,1,,Iraq,Nineveh,Mosul,36.34,43.13,A bomb exploded.,"
        "Bombing/Explosion,Military,ISIL,2,3\n",
    )
    with pytest.raises(CurationError, match="own dates"):
        dating_of(opened, _document_id(opened))


def test_in_the_window_the_analyst_dates_the_article_and_undo_takes_it_back(
    qtbot, settings, store: Store
):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QApplication

    from tests.dialogs import when_modal
    from ui.document_dates import DocumentDateDialog
    from ui.library import Library
    from ui.main_window import MainWindow

    window = MainWindow(Library(store), settings)
    qtbot.addWidget(window)
    window.resize(1300, 850)
    window.show()
    qtbot.waitExposed(window)

    def rows():  # type: ignore[no-untyped-def]
        return [window.model.event(r) for r in range(window.model.rowCount())]

    shooting = next(r for r in rows() if r.type == "shooting")
    assert not shooting.date_value.startswith("2015")
    window.select_event(shooting.id)
    assert "dated 2009 (inferred from the text)" in window.passage.header.text()

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DocumentDateDialog)
        dialog.date.setDate(QDate(2015, 6, 10))
        dialog.accept()

    when_modal(answer)
    assert window.act_redate.shortcut().toString() == "Ctrl+Shift+D"
    window.act_redate.trigger()

    dated = next(r for r in rows() if r.type == "shooting")
    assert dated.date_value == "2015-06-07TNI"
    assert dated.id in window.selected_ids()
    assert "written 2015-06-10" in window.passage.header.text()
    assert window.curator.stack.undoText() == "Date document 2015-06-10"

    window.curator.act_undo.trigger()
    back = next(r for r in rows() if r.type == "shooting")
    assert not back.date_value.startswith("2015")
    window.curator.act_redo.trigger()
    assert next(r for r in rows() if r.type == "shooting").date_value == "2015-06-07TNI"
