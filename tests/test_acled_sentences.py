"""Each ACLED sub-event type read in sentences of our own, with its day, actor, target and
place; and sentences of other fields that must not read as violence."""

from __future__ import annotations

import pytest

from importers.pipeline import build_document
from importers.readers.base import ReadResult
from store.type_codes import codes_of
from tests.acled_sentences import CASES, NOT_VIOLENT, REFERENCE, Case

VIOLENT = {"airstrike", "bombing", "shelling", "shooting", "attack", "killing", "clash", "riot"}


def _events(sentence: str):  # type: ignore[no-untyped-def]
    # a report's body; the title line keeps the sentence from being read as a headline
    text = f"Report\n\n{sentence}\n"
    return build_document(
        ReadResult(text=text, title="Report", published=REFERENCE), path=None, option=None
    ).events


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c.known_miss))
        if c.known_miss
        else c
        for c in CASES
    ],
    ids=[c.sentence[:48] for c in CASES],
)
def test_each_acled_sub_event_type_is_read_with_its_day_parties_and_place(case: Case):
    events = _events(case.sentence)
    assert events, "no event read"
    ev = events[0]
    codes = codes_of(ev.type, ev.acled_sub_event)
    assert (ev.type, codes.acled_sub_event_type) == (case.type, case.sub_event)
    if case.day:
        assert (ev.date_value, ev.granularity) == (case.day, "day")
    roles = {(link.entity.name, link.role) for link in ev.links}
    for name, role in ((case.actor, "actor"), (case.target, "target"), (case.place, "location")):
        if name:
            assert (name, role) in roles


def test_every_acled_sub_event_type_has_three_sentences():
    from collections import Counter

    from store.type_codes import ACLED_SUB_EVENTS

    counts = Counter(c.sub_event for c in CASES)
    assert {s: counts[s] for s in ACLED_SUB_EVENTS if s != "Other" and counts[s] < 3} == {}


@pytest.mark.parametrize("sentence", NOT_VIOLENT)
def test_other_fields_words_are_no_violence(sentence: str):
    assert [e.type for e in _events(sentence) if e.type in VIOLENT] == []


def _read(sentence: str) -> list[tuple[str, str, set[str]]]:
    return [
        (e.type, e.date_value, {link.entity.name for link in e.links if link.role == "location"})
        for e in _events(sentence)
    ]


def test_one_trigger_on_two_days_in_two_places_is_two_events():
    assert _read(
        "Coalition airstrikes on 4 March in Kunduz and 6 March in Baghlan killed 14 "
        "Taliban fighters."
    ) == [
        ("airstrike", "2021-03-04", {"Kunduz"}),
        ("airstrike", "2021-03-06", {"Baghlan"}),
    ]


def test_two_clauses_with_their_own_dates_are_two_events_dated_by_their_own_clause():
    read = _read(
        "Soldiers killed 12 fighters in a raid near Mosul on 2 March 2021, and coalition "
        "aircraft struck positions near Kirkuk last month."
    )
    assert [(t, d) for t, d, _places in read] == [("airstrike", "2021-02"), ("raid", "2021-03-02")]


def test_a_clause_telling_the_same_happening_again_is_not_a_second_event():
    read = _read("Gunmen attacked a checkpoint in Kandahar on Monday, and the attack killed two.")
    assert [d for _t, d, _places in read] == ["2021-03-08"]  # one event, the attack's day


def test_an_event_without_a_place_of_its_own_takes_its_paragraph_s_or_the_dateline_s():
    text = (
        "Attack on police post\n\nKANDAHAR, Afghanistan (March 3, 2021) — Gunmen attacked a "
        "police post on Tuesday.\n\nFighting went on in Panjwai district on Wednesday. Two "
        "soldiers were killed on Thursday.\n\nA bomb exploded near a school on Friday.\n"
    )
    doc = build_document(ReadResult(text=text, title="Report"), path=None, option=None)
    places = [
        (e.type, sorted(link.entity.name for link in e.links if link.role == "location"))
        for e in doc.events
    ]
    assert places[-2:] == [("killing", ["Panjwai"]), ("bombing", ["Kandahar"])]


def test_dates_of_births_ages_street_numbers_and_counts_since_do_not_date_events():
    text = (
        "Report\n\nAntonio Aguilera (10/18/97) and Elijah Cantu (09/23/83) were arrested. "
        "The suspects are in their late teens to early twenties.\n\nA man was shot in the 2000 "
        "block of Main Street. The deputy, who has worked there since 2004, was also shot.\n\n"
        "A gunman killed five people at a school on Aug. 1, 1996. Since then, there have been "
        "40 mass shootings in the state.\n"
    )
    doc = build_document(
        ReadResult(text=text, title="Report", published=REFERENCE), path=None, option=None
    )
    years = {e.date_start.year for e in doc.events if e.date_start is not None}
    assert years <= {1996, 2021}
    (counted,) = [e for e in doc.events if "Since then" in e.summary]
    assert counted.date_value == ""


def test_a_claim_of_a_bombing_is_a_statement_of_its_own_day():
    text = (
        "Report\n\nA car bomb exploded outside a camp in Gao on Monday. JNIM claimed the bombing "
        "on Tuesday.\n"
    )
    doc = build_document(
        ReadResult(text=text, title="Report", published=REFERENCE), path=None, option=None
    )
    assert [(e.type, e.date_value) for e in doc.events] == [
        ("bombing", "2021-03-08"),
        ("statement", "2021-03-09"),
    ]
