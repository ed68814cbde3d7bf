"""A local news story read as an analyst reads it: the shooting it reports stays a shooting
however the story goes on (an arrest, a charge, a suspect in custody), and each of those is
an event of its own. The text is our own."""

from __future__ import annotations

import datetime as dt

from importers.pipeline import build_document
from importers.readers.base import ReadResult

PUBLISHED = dt.date(2019, 3, 14)

STORY = """Boy, 15, wounded in Elmhurst shooting; teen in custody

A 15-year-old boy was shot in the leg Wednesday evening at a home on Linden Avenue in
Elmhurst.

Officers found the boy with a gunshot wound and took him to a hospital.

A 16-year-old was found by officers a few blocks away and taken into custody.
"""


def _events(text: str) -> list[tuple[str, str]]:
    doc = build_document(ReadResult(text=text, title=""), path=None, option=PUBLISHED)
    return [(e.type, e.date_value[:10]) for e in doc.events]


def test_a_shooting_stays_a_shooting_when_the_story_goes_on_to_an_arrest():
    events = _events(STORY)
    assert ("shooting", "2019-03-13") in events
    assert any(kind == "arrest" for kind, _day in events)


def test_shots_that_killed_are_one_killing():
    # the shots give way to the death they caused: one event, a killing
    events = _events(
        "Gunmen opened fire on a patrol near the market on Tuesday. The patrol returned fire, "
        "killing one of the attackers.\n"
    )
    assert [kind for kind, _day in events].count("shooting") == 0
    assert ("killing", "2019-03-12") in events


def test_a_time_of_day_without_a_day_is_on_the_day_the_story_told_and_marked_inferred():
    doc = build_document(
        ReadResult(
            text="A girl, 3, was wounded in a shooting Tuesday evening in Elmhurst.\n\n"
            "She was shot about 8:20 p.m. inside an apartment on Linden Avenue.\n",
            title="",
        ),
        path=None,
        option=PUBLISHED,  # filed on Thursday
    )
    clock = next(e for e in doc.events if "8:20" in e.summary)
    assert clock.date_value == "2019-03-12T20:20"  # Tuesday's, not the filing day's
    assert clock.date_inferred
    # with no day told before it, the clock stays on the filing day, inferred
    alone = build_document(
        ReadResult(text="A man was shot about 9 p.m. on Linden Avenue.\n", title=""),
        path=None,
        option=PUBLISHED,
    )
    assert [(e.date_value, e.date_inferred) for e in alone.events] == [("2019-03-14T21:00", True)]
