"""Clauses: a sentence that tells more than one happening (another clause's event, one
trigger on several days) gives each its own event."""

from __future__ import annotations

import re
from itertools import pairwise

from importers.drafts import ByStart, Draft
from importers.event_dates import nearest_date
from importers.taxonomy import EventType
from importers.timex import Timex
from importers.triggers import MODAL, best_trigger

# Where a sentence joins clauses: "…, and a 16-year-old was arrested", "arrested Tuesday after
# he shot himself", "…; police said". A relative clause ("who", "which") tells about a name,
# not a happening of its own, and is no boundary.
_CLAUSE_BOUNDARY = re.compile(
    r";\s+|,\s+(?:and|but)\s+|,?\s+(?=(?:after|before|when|while|because|following|as|until)\s+"
    r"(?:he|she|they|it|we|police|officers|a|an|the|his|her|their|\w+ed\b|[A-Z]\w*))"
)
# Families of types that tell different kinds of happening: harm done, a legal step, words.
_FAMILY = {
    "arrest": "legal",
    "court": "legal",
    "statement": "words",
    "report_release": "words",
    "talks": "words",
    "agreement": "words",
}
# A trigger that names a happening the reader already knows ("the shooting", "in connection
# with a shooting", "charged in his death") refers back; it does not report a new one.
_REFERS_BACK = re.compile(
    r"(?:\b(?:the|this|that|these|those|its|his|her|their)|['’]s)\s+(?:[\w-]+\s+){0,2}$"
    r"|\b(?:connection\s+with|connected\s+to|related\s+to|charged\s+(?:in|with|for)|"
    r"arrested\s+(?:in|for)|wanted\s+(?:in|for))\s+(?:(?:a|an)\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


def clause_of(text: str, sentence: tuple[int, int], trigger: tuple[int, int]) -> tuple[int, int]:
    """The clause of ``sentence`` that holds ``trigger`` (the sentence, if it has one)."""
    start, end = sentence
    for m in _CLAUSE_BOUNDARY.finditer(text, sentence[0], sentence[1]):
        if m.start() <= trigger[0]:
            start = m.start()
        else:
            end = m.start()
            break
    return start, end


def clause_events(
    text: str,
    passage: int,
    sentence: tuple[int, int],
    main: Draft,
    taxonomy: dict[str, EventType],
    timexes: ByStart[Timex],
) -> list[Draft]:
    """Events told by the other clauses of a sentence: "a student was shot Wednesday, and a
    16-year-old was arrested later" is a shooting and an arrest; "was arrested Tuesday after
    he accidentally shot himself" an arrest and a shooting. A clause gives its own event when
    its trigger is of another family than the sentence's event and asserts a happening (a
    verb, or a noun that does not refer back, as "the shooting" does). Its date is one of its
    own clause or none: the other clause's date is not carried to it."""
    s_start, s_end = sentence
    cuts = [m.start() for m in _CLAUSE_BOUNDARY.finditer(text, s_start, s_end)]
    if not cuts:
        return []
    bounds = [s_start, *cuts, s_end]
    out: list[Draft] = []
    main_family = _FAMILY.get(main.type, "harm")
    for c_start, c_end in pairwise(bounds):
        if c_start <= main.trigger[0] < c_end:
            continue
        best = best_trigger(text, c_start, c_end, taxonomy)
        if best is None:
            continue
        _prio, t_start, t_end, etype = best
        if any(d.type == etype for d in out):
            continue
        if _REFERS_BACK.search(text, max(c_start, t_start - 40), t_start):
            continue
        if MODAL.search(text[c_start:t_start][-120:]):
            continue
        own = nearest_date(text, timexes.within(c_start, c_end), (t_start, t_end))
        if _FAMILY.get(etype, "harm") == main_family:
            # of the same kind, a clause is its own event only with a date of its own: "…
            # killed five in a raid on June 2, and aircraft struck the town last month"
            told = main.date.value if main.date is not None else None
            if own is None or own.value == told or own.span is None:
                continue
        clause = (c_start, c_end)
        draft = Draft(
            type=etype,
            passage=passage,
            sentence=clause,
            trigger=(t_start, t_end),
            trigger_text=text[t_start:t_end],
            confidence=0.6,
        )
        if own is not None:
            draft.date, draft.date_source = own, "sentence"
        out.append(draft)
    return out


# Between two dates of one trigger: "on May 4 in PanKalay and May 6 in Nowbar", "on Monday
# and again on Thursday".
_AND_ANOTHER_DAY = re.compile(
    r"\s*,?\s*(?:(?:in|near|at)\s+(?-i:[A-Z][\w'’-]*)(?:\s+(?-i:[A-Z][\w'’-]*)){0,3}\s*,?\s*)?"
    r"(?P<and>and|as\s+well\s+as)\s+(?:again\s+)?(?:on\s+)?",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(r"\s+(?:in|near|at)\s+(?-i:[A-Z][\w'’-]*)(?:\s+(?-i:[A-Z][\w'’-]*)){0,3}")


def coordinated_days(text: str, main: Draft, timexes: ByStart[Timex]) -> list[Draft]:
    """One trigger, several days: "coalition airstrikes on May 4 in PanKalay and May 6 in
    Nowbar" are two airstrikes, each on its day (and at its place)."""
    if main.date is None or main.date.granularity not in ("day", "time"):
        return []
    out: list[Draft] = []
    last = main.date
    for t in timexes.within(last.end, main.sentence[1]):
        if t.start < last.end or t.granularity not in ("day", "time") or t.span is None:
            continue
        joint = _AND_ANOTHER_DAY.fullmatch(text, last.end, t.start)
        if joint is None:
            break
        if t.value == last.value:
            continue
        place = _PLACE_AFTER.match(text, t.end)
        end = place.end() if place is not None else t.end
        out.append(
            Draft(
                type=main.type,
                passage=main.passage,
                sentence=(main.trigger[0], end),
                trigger=main.trigger,
                trigger_text=main.trigger_text,
                confidence=main.confidence,
                date=t,
                date_source="sentence",
                places=(joint.start("and"), end),
            )
        )
        last = t
    if out:  # the first day keeps the places before the next one (the caller links it after)
        main.places = (main.sentence[0], out[0].places[0] if out[0].places else main.sentence[1])
    return out
