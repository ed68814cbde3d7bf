"""An analysis piece read as an analyst reads it: what happened is dated, while what may, would
or did not happen (a condition, an intention, a denial, a substitute) is never placed on the
timeline at a day the text does not give it. The text is our own."""

from __future__ import annotations

import datetime as dt

from importers.pipeline import build_document
from importers.readers.base import ReadResult

PUBLISHED = dt.date(2019, 3, 12)


def _events(text: str) -> list[tuple[str, str]]:
    doc = build_document(ReadResult(text=text, title=""), path=None, option=PUBLISHED)
    return [(e.type, e.date_value) for e in doc.events]


def test_a_conditional_agreement_is_not_dated_by_a_new_in_its_sentence():
    # "new" dates "a new report" by the document, but not the agreement of an if-clause
    assert _events(
        "If a peace agreement is reached, the group intends to open a new political office.\n"
    ) == [("agreement", "")]


def test_a_newly_released_report_takes_the_documents_day():
    assert _events("The ministry published a newly released report on the district.\n") == [
        ("report_release", "2019-03-12")
    ]


def test_currently_dates_the_state_of_things_not_an_agreement_nobody_is_willing_to_make():
    assert _events(
        "There is currently no sign that the militants are willing to agree to a ceasefire.\n"
    ) == [("agreement", "")]


def test_a_ceasefire_offered_something_in_place_of_is_no_ceasefire():
    assert _events("Both sides floated a reduction in violence in place of a ceasefire.\n") == []


def test_what_happened_keeps_its_day_while_the_hypothetical_beside_it_gets_none():
    events = _events(
        "Negotiators met in Doha on Monday for talks. In the event that the militants decide "
        "to sign a peace deal, the ministry would release its prisoners.\n"
    )
    assert events[0] == ("talks", "2019-03-11")
    assert all(value == "" for _type, value in events[1:]) and len(events) > 1


def test_a_detail_told_with_a_negation_still_belongs_to_its_operation():
    # "without incident" denies an incident, not the detention: one dated arrest, no twin
    assert _events(
        "KABUL, Afghanistan (March 12, 2019) - Forces detained a commander in the district "
        "yesterday.\n\nThe compound was searched without incident and two militants were "
        "detained.\n"
    ) == [("arrest", "2019-03-11")]
