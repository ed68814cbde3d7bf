"""Which date of its sentence dates an event, and which dates date something else (a birth,
a durative frame, a page stamp, the day a report was made, someone's record)."""

from __future__ import annotations

import re
from dataclasses import replace

from importers.refdate import in_dateline
from importers.timex import Timex
from importers.triggers import RECORD_CUES

# A date after these words dates someone's record, not the scene of the text's events.
RECORD = re.compile(rf"\b(?:{RECORD_CUES}|wanted\s+for)\b[^.;:]*$", re.IGNORECASE)
# The days a news report counts from its own date: they date the report's events.
_NEWS_DAY = re.compile(
    r"(?:yesterday|today|tonight|(?:last|this|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday)\s+(?:night|morning|afternoon|evening)|(?:on\s+)?(?:Sun|Mon|Tues|Wednes|Thurs|Fri|"
    r"Satur)day)",
    re.IGNORECASE,
)
# "two days after", "three days earlier", "a week before": a span counted from another event,
# which puts this sentence's events at a time of their own, not the last date told.
_OFFSET_END = re.compile(r"\b(?:earlier|later|before|after|prior|ago)$", re.IGNORECASE)
_OFFSET_AFTER = re.compile(r"\s+(?:after|before|earlier|later|prior\s+to)\b", re.IGNORECASE)


def offset_from_another(text: str, timexes: list[Timex]) -> bool:
    return any(
        t.type == "DURATION" and (_OFFSET_END.search(t.text) or _OFFSET_AFTER.match(text, t.end))
        for t in timexes
    )


def datable(t: Timex) -> bool:
    return t.type in ("DATE", "TIME") and (
        t.span is not None or t.value == "PRESENT_REF" or "X" in t.value
    )


# Dates in a sentence that are not when its event happened:
# - a date of birth, in parentheses after a name: "Antonio Aguilera (10/18/97)";
_BIRTH_BEFORE = re.compile(r"[A-Z][\w'’.-]+\s*\(\s*(?P<cue>born\s+|b\.\s*|DOB:?\s*)?$")
# - a durative or habitual frame: "working there since 2004", "arrested 10 times since 2005";
_FRAME_BEFORE = re.compile(
    r"\b(?:since|until|till|through(?:out)?)\s+(?:(?:early|late|mid)\s+)?$", re.I
)
# - a page's stamp: "Posted: Thursday, April 30, 2015", "Updated 6:50 PM";
_STAMP_BEFORE = re.compile(
    r"\b(?:Posted|Updated|Published|Last\s+updated|Created|Modified)(?:\s+on)?\s*:?"
    r"[^.\n]{0,40}?$",
    re.I,
)
# - the day a report was made, not what it reports: "police said Thursday", "On Monday, police
#   said the shooting …", "officials told reporters on Friday".
_REPORTED_BEFORE = re.compile(
    r"\b(?:said|says|told\s+(?:\w+\s+){0,2}?|announced|reported|confirmed|stated|added|"
    r"explained|revealed|released|identified)\s+(?:on\s+|early\s+|late\s+)?$",
    re.I,
)
_REPORTED_AFTER = re.compile(
    r",?\s+(?:(?:the\s+)?(?:\w+\s+){0,4}?(?:police|officials?|authorities|investigators|"
    r"sheriff|spokes(?:man|woman|person)|prosecutors?|detectives?|officers?|coroner|"
    r"department|office|agency|ministry|military|army)\s+)(?:said|say|says|told|announced|"
    r"reported|confirmed|released|identified)\b",
    re.I,
)


# A sentence that counts over a span of time tells no single day: "Since then, there have been
# 127 mass shootings", "so far this year", "over the past decade".
SPAN_OF_TIME = re.compile(
    r"\b(?:since\s+then|so\s+far\s+this\s+(?:year|month)|to\s+date|every\s+year|each\s+year|"
    r"in\s+recent\s+(?:years|months|weeks)|over\s+the\s+(?:past|last)\s+(?:\w+\s+)?"
    r"(?:years?|months?|decades?))\b",
    re.IGNORECASE,
)


def not_the_events(text: str, t: Timex) -> bool:
    """Whether the date ``t`` dates something other than its sentence's event: a birth, a
    durative frame, a page stamp, or the report of the event."""
    before = text[max(0, t.start - 40) : t.start]
    # a birth: in parentheses after a name, written in figures ("(10/18/97)") or said to be
    # one ("(born 3 May 1990)"); a dateline's date ("KABUL, Afghanistan (Feb. 1, 2011)") is none
    born = _BIRTH_BEFORE.search(before)
    if (
        born
        and re.match(r"\s*\)", text[t.end : t.end + 3])
        and (born["cue"] or re.fullmatch(r"[\d/.-]+", t.text))
        and not in_dateline(text, t.start, t.end)
    ):
        return True
    if _FRAME_BEFORE.search(before) or _STAMP_BEFORE.search(before):
        return True
    if _REPORTED_BEFORE.search(before):
        return True
    # "On Monday, police said …": a date opening its sentence before the attribution
    opens = re.search(r"(?:^|[.!?\"”]\s+|\n)\s*(?:(?:On|Early|Late|By)\s+)?$", before)
    return bool(opens and _REPORTED_AFTER.match(text, t.end, t.end + 80))


def nearest_date(
    text: str,
    timexes: list[Timex],
    trigger: tuple[int, int],
    *,
    calendar_only: bool = False,
    now_dates: bool = True,
) -> Timex | None:
    """The date of the sentence nearest its trigger, passing over the dateline and a calendar
    date that a record cue after the trigger gives to someone's past: in "detained a man
    linked to the murder of a farmer in March, yesterday", March dates the murder. A day of
    the news cycle ("yesterday", "Thursday") still dates what the sentence reports. With
    ``calendar_only`` (an event that may not happen), "now" and "currently" date the state of
    things, not the event, so only a calendar date counts. Without ``now_dates`` (a deed, not
    words), "now" is never its date: "'Now they're shooting,' she said" tells what a witness
    saw then, not a shooting on the day the report was filed."""
    dated = [
        t
        for t in timexes
        if datable(t)
        and (t.span is not None or not calendar_only)
        and (now_dates or t.value != "PRESENT_REF")
    ]
    if not dated:
        return None
    own = [t for t in dated if not in_dateline(text, t.start, t.end)]
    dated = own or dated

    def of_a_record(t: Timex) -> bool:
        return (
            t.start >= trigger[1]
            and not _NEWS_DAY.fullmatch(t.text)
            and bool(RECORD.search(text, trigger[1], t.start))
        )

    dated = [t for t in dated if not of_a_record(t) and not not_the_events(text, t)]
    if not dated:
        return None
    return min(
        dated,
        key=lambda t: (t.span is None, min(abs(t.start - trigger[1]), abs(trigger[0] - t.end))),
    )


def on_told_day(clock: Timex, told: Timex | None) -> Timex:
    """A time of day the text gives without a day ("shot about 8:20 p.m.") is on the day the
    story last told ("Wednesday evening"), not on the day it was filed: the clock is put on
    that day, still marked inferred, as the day is the story's and not the sentence's."""
    if (
        told is None
        or not _without_day(clock)
        or _without_day(told)
        or told.granularity not in ("day", "time")
        or len(told.value) < 10
    ):
        return clock
    day, hhmm = told.value[:10], clock.value.split("T", 1)[1]
    if clock.value.startswith(day):
        return clock
    return replace(clock, value=f"{day}T{hhmm}", inferred=True)


def _without_day(t: Timex) -> bool:
    """A clock time put on the reference day for want of a day of its own."""
    return t.type == "TIME" and t.granularity == "time" and t.relative and t.inferred
