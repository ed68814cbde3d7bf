"""An analyst marks words the machine read past as an event: it is the analyst's, links the
entities named in those words, survives a re-import of the changed document, and adding it
can be undone."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from importers.events import Suggestion, suggest
from importers.pipeline import ImportOptions, import_paths
from importers.refdate import stored_reference
from store.additions import NewEvent, add_event, remove_events
from store.curation import CurationError
from store.db import check_integrity
from store.models import ANALYST, Document, Event, EventEntity, Passage
from store.query import EventQuery
from store.read import event_highlights, event_rows, passage_bounds

MISSED = "Elders in Herat counted forty displaced families on March 4, 2019."
REPORT = (
    "Militants attacked a checkpoint in Kandahar on March 3, 2019.\n\n"
    f"{MISSED}\n\n"
    "Police arrested two suspects in Herat on March 5, 2019.\n"
)


def _import(store, path) -> None:  # type: ignore[no-untyped-def]
    import_paths(store, [path], ImportOptions(published=dt.date(2019, 3, 6)))


def _report(store, tmp_path, text: str = REPORT):  # type: ignore[no-untyped-def]
    path = tmp_path / "report.txt"
    path.write_text(text)
    _import(store, path)
    with store.session() as s:
        document_id = s.scalar(select(Document.id))
    return path, document_id


def _mark(store, document_id: int, words: str, **fields: str) -> int:  # type: ignore[no-untyped-def]
    """Select ``words`` in the document (with the blank line before them, as a mouse
    drag would) and add an event for them."""
    with store.session() as s, s.begin():
        text = s.scalar(select(Document.text).where(Document.id == document_id))
        start = text.index(words)
        new = NewEvent(document_id, start - 2, start + len(words), fields.pop("type"), **fields)
        return add_event(s, new)


def test_an_analyst_marks_a_sentence_the_machine_read_past_as_an_event(store, tmp_path):
    _, document_id = _report(store, tmp_path)
    with store.session() as s:
        machine = set(s.scalars(select(Event.id)))

    event_id = _mark(store, document_id, MISSED, type="other", date_value="2019-03-04")

    assert event_id not in machine
    with store.session() as s:
        (row,) = event_rows(s, [event_id])
        links = {(e.name, e.role) for e in row.entities}
        marks = {(h.kind, h.label) for h in event_highlights(s, event_id)}
        found = EventQuery(entity_names=("Herat",)).event_ids(s)
        assert check_integrity(s)
    assert row.evidence == MISSED  # the blank line before the words is not kept
    assert (row.type, row.date_value, row.granularity) == ("other", "2019-03-04", "day")
    assert (row.origin, row.date_source, row.date_inferred) == (ANALYST, "analyst", False)
    assert row.summary == MISSED
    assert links == {("Herat", "location")}  # Kandahar is named in another sentence
    assert ("evidence", "marked by an analyst") in marks
    assert event_id in found


def test_an_undated_event_stays_undated(store, tmp_path):
    _, document_id = _report(store, tmp_path)
    event_id = _mark(store, document_id, "forty displaced families", type="other")
    with store.session() as s:
        (row,) = event_rows(s, [event_id])
    assert (row.date_value, row.date_start, row.date_source) == ("", None, "none")


def test_an_added_event_follows_its_words_when_the_document_comes_back_changed(store, tmp_path):
    path, document_id = _report(store, tmp_path)
    event_id = _mark(store, document_id, MISSED, type="other", date_value="2019-03-04")

    path.write_text("Update, March 6: a correction was added above.\n\n" + REPORT)
    _import(store, path)

    with store.session() as s:
        (row,) = event_rows(s, [event_id])
        passage = passage_bounds(s, row.passage_id) if row.passage_id else None
        text = s.scalar(select(Document.text).where(Document.id == document_id))
        assert check_integrity(s)
    assert row.evidence == MISSED
    assert passage is not None and MISSED in text[passage[0] : passage[1]]
    assert (row.type, row.origin) == ("other", ANALYST)

    # its words are gone: kept, with no place; and no place after the next version either
    for version in ("Elders in Herat met the governor.", "Elders in Herat met no one."):
        path.write_text(REPORT.replace(MISSED, version))
        _import(store, path)
        with store.session() as s:
            (row,) = event_rows(s, [event_id])
        assert (row.passage_id, row.span_start, row.span_end) == (None, 0, 0)
        assert row.type == "other"


def test_removing_an_added_event_undoes_it_and_redo_gives_its_id_back(store, tmp_path):
    _, document_id = _report(store, tmp_path)
    event_id = _mark(store, document_id, MISSED, type="other")
    with store.session() as s:
        new = NewEvent(document_id, *_span(s, event_id), "other")

    with store.session() as s, s.begin():
        assert remove_events(s, [event_id, 999_999]) == [event_id]
    with store.session() as s:
        assert s.get(Event, event_id) is None
        assert not s.scalars(select(EventEntity).where(EventEntity.event_id == event_id)).all()

    with store.session() as s, s.begin():
        assert add_event(s, new, event_id=event_id) == event_id


def _span(session, event_id: int) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    ev = session.get(Event, event_id)
    return ev.span_start, ev.span_end


@pytest.mark.parametrize(
    ("start", "end", "type", "date", "reason"),
    [
        (0, 10, " ", "", "needs a type"),
        (5, 5, "attack", "", "mark some"),
        (0, 10_000, "attack", "", "mark some"),
        (0, 10, "attack", "March", "not a date"),
    ],
)
def test_what_cannot_be_an_event_is_refused_with_a_reason(
    store, tmp_path, start, end, type, date, reason
):
    _, document_id = _report(store, tmp_path)
    with store.session() as s, s.begin(), pytest.raises(CurationError, match=reason):
        add_event(s, NewEvent(document_id, start, end, type, date))


def test_blank_words_or_a_document_that_is_gone_are_refused(store, tmp_path):
    _, document_id = _report(store, tmp_path)
    with store.session() as s:
        (blank,) = s.scalars(select(Passage.end).where(Passage.ordinal == 0))
    with store.session() as s, s.begin(), pytest.raises(CurationError, match="mark some"):
        add_event(s, NewEvent(document_id, blank, blank + 2, "attack"))
    with store.session() as s, s.begin(), pytest.raises(CurationError, match="no longer"):
        add_event(s, NewEvent(document_id + 1, 0, 5, "attack"))


def test_the_form_starts_from_what_the_import_reads_in_the_words_alone():
    dateline = stored_reference(dt.date(2010, 6, 14), "dateline", "2010-06-14")
    found = suggest("a joint force detained a Taliban facilitator last night", dateline)
    assert (found.type, found.date_value, found.date_text) == (
        "arrest",
        "2010-06-13TNI",
        "last night",
    )
    assert suggest("Elders counted forty displaced families", dateline) == Suggestion()

    # a release number gives only the month: a weekday names no day, a month is inferred
    month = stored_reference(dt.date(2011, 7, 31), "release number", "2011-07")
    assert suggest("insurgents were killed on Tuesday", month).date_value == ""
    june = suggest("insurgents were killed in June", month)
    assert (june.date_value, june.date_inferred) == ("2011-06", True)


def test_a_long_passage_marked_whole_gets_a_short_summary(store, tmp_path):
    long_report = REPORT + "\n" + " ".join(["Elders met again."] * 40) + "\n"
    _, document_id = _report(store, tmp_path, long_report)
    with store.session() as s, s.begin():
        text = s.scalar(select(Document.text).where(Document.id == document_id))
        event_id = add_event(s, NewEvent(document_id, 0, len(text), "other"))
    with store.session() as s:
        (row,) = event_rows(s, [event_id])
    assert len(row.summary) == 220 and row.summary.endswith("…")
    assert "\n" not in row.summary and row.evidence == text.strip()
