"""Events: typed by trigger words, dated by the expression that governs them, with their
actors, targets and places, and the sentence they come from as evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from importers.clauses import clause_events, clause_of, coordinated_days
from importers.drafts import ByStart, Draft
from importers.entities import FoundMention
from importers.event_dates import (
    RECORD,
    SPAN_OF_TIME,
    datable,
    nearest_date,
    not_the_events,
    offset_from_another,
    on_told_day,
)
from importers.event_roles import link, place_from_context
from importers.segment import sentences
from importers.taxonomy import load_taxonomy
from importers.ticks import Tick, no_tick
from importers.timex import Reference, Timex, tag
from importers.triggers import (
    ANAPHOR,
    BOILERPLATE,
    DEFINITE,
    MODAL,
    NOW_BEFORE,
    TIED,
    about_protesters,
    best_trigger,
    main_trigger,
)
from store.records import NewEvent, summary_of
from store.timespan import span_of_value

RELATION = {"report_release": "published", "statement": "reported"}


def extract_events(
    text: str,
    passages: list[tuple[int, int]],
    timexes: list[Timex],
    mentions: list[FoundMention],
    reference: Reference | None,
    tick: Tick = no_tick,
) -> list[NewEvent]:
    taxonomy = load_taxonomy()
    by_start_timexes, by_start_mentions = ByStart(timexes), ByStart(mentions)
    drafts: list[Draft] = []
    last_date: Timex | None = None  # the latest date of the text so far
    for ordinal, (p_start, p_end) in enumerate(passages):
        tick("events", ordinal / len(passages))
        previous: Draft | None = None
        paragraph_date: Timex | None = None
        for s_start, s_end in sentences(text, p_start, p_end):
            in_sentence = by_start_timexes.within(s_start, s_end)
            if BOILERPLATE.search(text, s_start, s_end):
                continue
            best = main_trigger(text, s_start, s_end, taxonomy)
            # A date sets the scene for what follows ("On Thursday, forces moved in."), unless
            # it dates someone's record ("He led an attack in June 2011.").
            own_dates = [
                t
                for t in in_sentence
                if datable(t)
                and not RECORD.search(text[s_start : t.start][-100:])
                and not not_the_events(text, t)
            ]
            if best is None:
                if own_dates:
                    last_date = paragraph_date = own_dates[-1]
                continue
            _prio, t_start, t_end, etype = best
            trigger = (t_start, t_end)
            etype = about_protesters(text, (s_start, s_end), trigger, etype)
            told = _told_before(text, drafts, etype, trigger, s_start)
            if told is not None:
                # "the shooting", "this attack": the event already told, now said more of;
                # its day, where this sentence gives one and it had none of its own
                date = nearest_date(text, in_sentence, trigger, now_dates=False)
                if date is not None and told.date_source != "sentence" and date.span is not None:
                    told.date, told.date_source = date, "sentence"
                link(told, text, (s_start, s_end), trigger, by_start_mentions)
                if own_dates:
                    last_date = paragraph_date = own_dates[-1]
                continue
            if not own_dates and ANAPHOR.search(text, s_start, s_end):
                told = previous or next((d for d in reversed(drafts) if d.type == etype), None)
                if told is not None:
                    link(told, text, (s_start, s_end), trigger, by_start_mentions)
                    continue
            if not own_dates and etype in _OPERATION and TIED.search(text, s_start, s_end):
                # "The security force also found weapons", "during the search, …": a part of
                # the operation just told
                told = previous or next((d for d in reversed(drafts) if d.type in _OPERATION), None)
                dated = told is not None and (told.date is not None or told.date_from_reference)
                if told is not None and told.type in _OPERATION and dated:
                    if _gives_way(told.type, etype):
                        told.type = etype
                    link(told, text, (s_start, s_end), trigger, by_start_mentions)
                    continue
            modal = MODAL.search(text[s_start:t_start][-120:])
            draft = Draft(
                type=etype,
                passage=ordinal,
                sentence=(s_start, s_end),
                trigger=trigger,
                trigger_text=text[t_start:t_end],
                confidence=0.3 if modal else 0.7,
            )
            # a clause with a date of its own dates its trigger: "… in a raid on June 2, and
            # aircraft struck the town last month"
            clause = clause_of(text, (s_start, s_end), trigger)
            words = etype in _WORDS
            date = nearest_date(
                text,
                by_start_timexes.within(*clause),
                trigger,
                calendar_only=bool(modal),
                now_dates=words,
            ) or nearest_date(
                text, in_sentence, trigger, calendar_only=bool(modal), now_dates=words
            )
            if date is not None:
                date = on_told_day(date, last_date)
            # counted from another event ("two days after the attack"): no date carried
            elsewhen = date is None and offset_from_another(text, in_sentence)
            if date is not None:
                draft.date, draft.date_source = date, "sentence"
                draft.confidence += 0.1
            elif elsewhen or SPAN_OF_TIME.search(text, s_start, s_end):
                pass  # "since then there have been 127 mass shootings": no one day
            elif paragraph_date is not None:
                draft.date, draft.date_source = paragraph_date, "paragraph"
                draft.confidence -= 0.1
            elif reference is not None and NOW_BEFORE.search(text[s_start:t_end][-80:]):
                draft.date_from_reference = True
                draft.date_source = "document"
            elif (
                last_date is not None
                and etype in _CARRIED
                and last_date.granularity in ("day", "time")
            ):
                # A report of an operation tells one story from its lead on: an undated
                # detail of a later paragraph belongs to the last day told (marked carried).
                draft.date, draft.date_source = last_date, "document"
                draft.confidence -= 0.2
            same = _same_operation(drafts, draft)
            if same is not None and date is None:
                if (draft.type in _MEANS and same.type in _OUTCOMES) or _gives_way(
                    same.type, draft.type
                ):
                    same.type = draft.type  # "killed insurgents ... in a precision airstrike"
                link(same, text, (s_start, s_end), trigger, by_start_mentions)
                continue
            if modal and date is None:
                # What may, would or did not happen, told on its own, has no date but one its
                # sentence names ("talks planned for March"): none is carried to it.
                draft.date, draft.date_source, draft.date_from_reference = None, "none", False
            # found first: the first day keeps only the places before the next day's
            days = coordinated_days(text, draft, by_start_timexes)
            link(draft, text, (s_start, s_end), trigger, by_start_mentions)
            drafts.append(draft)
            previous = draft
            for extra in days:
                link(extra, text, (s_start, s_end), extra.trigger, by_start_mentions)
                drafts.append(extra)
            for extra in clause_events(
                text, ordinal, (s_start, s_end), draft, taxonomy, by_start_timexes
            ):
                link(extra, text, extra.sentence, extra.trigger, by_start_mentions)
                drafts.append(extra)
            if own_dates:
                last_date = paragraph_date = own_dates[-1]
    drafts = _without_headline_twins(text, passages, drafts)
    place_from_context(text, passages, drafts, mentions)
    return [_finish(text, d, reference) for d in drafts]


# The parts of one security operation: its detentions, the shots fired, the people killed,
# the weapons found. An undated one on the day the report last named is a detail of it.
def _told_before(
    text: str, drafts: list[Draft], etype: str, trigger: tuple[int, int], s_start: int
) -> Draft | None:
    """The earlier event of this type that a definite noun trigger names again: "the
    shooting", "this attack" after a shooting or an attack was told."""
    if not DEFINITE.search(text, max(s_start, trigger[0] - 30), trigger[0]):
        return None
    word = text[trigger[0] : trigger[1]].lower()
    if not word.endswith(("ing", "ack", "ash", "ush", "id", "ast", "ike", "out", "ight")):
        return None  # a noun of an event; "the wounded" or "the killed" are no such noun
    return next((d for d in reversed(drafts) if d.type == etype), None)


# Types that tell words, not deeds: "now" may be their day ("the group now says …").
_WORDS = {"statement", "report_release", "talks", "agreement"}
_OPERATION = {"raid", "arrest", "killing", "clash", "airstrike", "shooting", "seizure"}
# The parts whose undated telling takes the last day told (marked carried): a security
# operation's raid, detentions, killings, clashes and strikes. Shots and finds are not
# carried: in general news an undated "was shot" is as often another day's shooting.
_CARRIED = {"raid", "arrest", "killing", "clash", "airstrike"}
# An operation told first by its outcome ("killed two insurgents") and then by its means ("the
# force called in an airstrike, killing them") is of the kind its means says.
_OUTCOMES = {"killing", "clash", "raid"}
_MEANS = {"airstrike"}
# Shots fired and things found are parts of an operation: told first, they give way to what
# the operation did to people ("opened fire on the troops ... returned fire, killing him";
# "discovered a weapons cache ... detained an individual associated with the cache").
_PARTS = {"shooting", "seizure"}
# What each part gives way to: shots to the deaths or the fight they were part of, a find to
# the raid, the detentions or the killings of the operation that made it. A shooting and an
# arrest are two events: the arrest of a shooter is news of its own, days later or the same.
_BECOMES = {"shooting": {"killing", "clash"}, "seizure": {"raid", "arrest", "killing", "clash"}}


def _gives_way(part: str, whole: str) -> bool:
    """Whether an event first told as ``part`` is the ``whole`` told next."""
    return whole in _BECOMES.get(part, ())


def _same_operation(drafts: list[Draft], draft: Draft) -> Draft | None:
    """An earlier event this undated detail retells: the same type, or both part of one
    security operation (a raid's detentions and killings), on the same carried date."""
    if draft.date_source not in ("paragraph", "document") or draft.date is None:
        return None
    for earlier in reversed(drafts):
        if earlier.date is None or earlier.date.value != draft.date.value:
            continue
        if {earlier.type, draft.type} <= _OPERATION and {earlier.type, draft.type} != {
            "shooting",
            "arrest",
        }:
            return earlier
    return None


# "... despite talks with U.S.": a title may end in an abbreviation's full stop
_ENDS_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.){2,}$")


def _is_headline(text: str, span: tuple[int, int]) -> bool:
    line = text[span[0] : span[1]].strip()
    if not 0 < len(line) <= 160 or "\n" in line:
        return False
    return not line.endswith((".", "!", "?", '"', "”")) or bool(_ENDS_ABBREVIATION.search(line))


def _stem(word: str) -> str:
    """A trigger word without its inflection: "ambushed", "ambushes" and "ambush" share one."""
    word = word.lower().split()[0] if word.strip() else ""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _without_headline_twins(
    text: str, passages: list[tuple[int, int]], drafts: list[Draft]
) -> list[Draft]:
    """A headline's event is dropped when the body reports an event of the same type (or the
    same operation), or tells one with the headline's own trigger word ("Taliban ambush
    convoy" over "fighters ambushed a convoy, killing seven"): the body has the date and the
    detail, the headline only repeats it."""
    if not passages:
        return drafts
    first_line_end = text.find("\n", passages[0][0])
    line = (passages[0][0], first_line_end if first_line_end >= 0 else passages[0][1])
    if not _is_headline(text, line):
        return drafts

    def in_headline(d: Draft) -> bool:
        return d.trigger[1] <= line[1]

    body = {d.type for d in drafts if not in_headline(d)}
    told = " ".join(
        text[d.sentence[0] : d.sentence[1]].lower() for d in drafts if not in_headline(d)
    )

    def retold(d: Draft) -> bool:
        stem = _stem(d.trigger_text)
        return bool(stem) and re.search(rf"\b{re.escape(stem)}", told) is not None

    return [
        d
        for d in drafts
        if not in_headline(d)
        or (
            d.type not in body
            and not (d.type in _OPERATION and body & _OPERATION)
            and not retold(d)
        )
    ]


def _finish(text: str, d: Draft, reference: Reference | None) -> NewEvent:
    value, granularity, date_text, inferred, span_range = "", "none", "", False, None
    start = end = None
    if d.date is not None:
        t = d.date
        date_text, span_range = t.text, (t.start, t.end)
        # a day carried from an earlier paragraph is the story's best guess, not the text's word
        value, inferred = t.value, t.inferred or d.date_source == "document"
        if t.value == "PRESENT_REF" and reference is not None:
            value, inferred = reference.value, reference.inferred
        span = span_of_value(value)
        if span is not None:
            start, end, granularity = span.start, span.end, span.granularity
        else:
            granularity = t.granularity if t.granularity not in ("ref", "duration") else "none"
    elif d.date_from_reference and reference is not None:
        value, inferred = reference.value, reference.inferred
        span = span_of_value(value)
        assert span is not None
        start, end, granularity = span.start, span.end, span.granularity
    summary = summary_of(text[d.sentence[0] : d.sentence[1]])
    etype = load_taxonomy().get(d.type)
    sub_event = etype.sub_event_of(text[d.sentence[0] : d.sentence[1]]) if etype else ""
    return NewEvent(
        type=d.type,
        passage_ordinal=d.passage,
        span_start=d.sentence[0],
        span_end=d.sentence[1],
        summary=summary,
        date_start=start,
        date_end=end,
        date_value=value,
        granularity=granularity,
        date_text=date_text,
        date_inferred=inferred,
        date_source=d.date_source if start is not None else "none",
        date_relation=RELATION.get(d.type, "occurred"),
        date_span=span_range,
        trigger_span=d.trigger,
        trigger_text=d.trigger_text,
        confidence=round(max(0.05, min(1.0, d.confidence)), 2),
        links=tuple(d.links.values()),
        acled_sub_event=sub_event,
    )


@dataclass(frozen=True)
class Suggestion:
    """What the machine reads in words an analyst marks as an event, to start the analyst's
    form from: the type of their strongest trigger and their first date, each only if the
    words hold one."""

    type: str | None = None
    date_value: str = ""
    date_text: str = ""
    date_inferred: bool = False


def suggest(words: str, reference: Reference | None) -> Suggestion:
    """The type and date the import would give ``words``, read alone against ``reference``
    (their document's date); a date that names no calendar range ("recently") is none."""
    best = best_trigger(words, 0, len(words), load_taxonomy())
    date = next((t for t in tag(words, reference) if t.span is not None), None)
    return Suggestion(
        type=best[3] if best else None,
        date_value=date.value if date else "",
        date_text=date.text if date else "",
        date_inferred=bool(date and date.inferred),
    )
