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
