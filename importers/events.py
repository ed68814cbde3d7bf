"""Events: typed by trigger words, dated by the expression that governs them, with their
actors, targets and places, and the sentence they come from as evidence."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Generic, Protocol, TypeVar

from importers.entities import FoundMention
from importers.refdate import in_dateline
from importers.segment import sentences
from importers.taxonomy import EventType, load_taxonomy
from importers.ticks import Tick, no_tick
from importers.timex import Reference, Timex, tag
from store.records import NewEntityRef, NewEvent, NewEventLink, summary_of
from store.timespan import span_of_value

VIOLENT = {
    "raid",
    "airstrike",
    "attack",
    "bombing",
    "shelling",
    "shooting",
    "clash",
    "killing",
    "arrest",
    "kidnapping",
    "arson",
    "riot",
    "territory",
}
RELATION = {"report_release": "published", "statement": "reported"}

_ANAPHOR = re.compile(
    r"\b(?:that|this|the same|the)\s+(?:(?:aforementioned|above|earlier|previous|said)\s+)?"
    r"(?:operation|raid|attack|strike|assault|incident|ambush|"
    r"bombing|clash|blast|mission|shooting|shootout|gunfight|stabbing|killing|murder|"
    r"homicide|shelling|protest|riot)\b",
    re.IGNORECASE,
)
# What a web page leaves around an article, in any format: player and sharing lines, captions,
# sign-up and copyright lines. Such a line tells no event.
_BOILERPLATE = re.compile(
    r"(?i:enable\s+javascript|see\s+more\s+videos|scroll\s+down\s+for|click\s+(?:or\s+tap\s+)?"
    r"(?:here|to\s+(?:watch|see|read))|tap\s+to\s+(?:watch|see)|watch\s+(?:this|the)\s+video|"
    r"related\s+(?:content|stories|coverage|video)|sign\s+up\s+for|subscribe\s+to\s+(?:our|the)|"
    r"all\s+rights\s+reserved|copyright\s+(?:©\s*)?\d{4}|follow\s+us\s+on|share\s+this|"
    r"hide\s+caption|photo\s*(?:courtesy|credit)?\s*:|image\s+\d+\s+of\s+\d+|advertisement)"
)
# Words that tie a sentence to the operation just told: "also", "during the search", "at the
# scene", "as a result of this operation".
_TIED = re.compile(
    r"\b(?:also|additionally|in\s+addition|during\s+(?:the|a|their)\s+(?:search|operation|raid|"
    r"assault|clearance|engagement|exchange)|at\s+the\s+scene|in\s+the\s+(?:process|course\s+of)|"
    r"as\s+a\s+result\s+of\s+(?:this|the)\s+(?:operation|raid))\b",
    re.IGNORECASE,
)
# A word that puts the trigger itself at the document's date, just before it or part of it:
# "a newly released report", "the latest statement", "has just announced", "its new report".
# Elsewhere in the sentence ("intends to develop a new narrative") it says nothing of when the
# event happened.
_NOW_BEFORE = re.compile(
    r"\b(?:newly|just|latest|new|this\s+week|today)\b(?:\W+[\w-]+){0,3}\W*$", re.IGNORECASE
)
_MODAL = re.compile(
    r"\b(?:will|shall|would|could|might|may|if|unless|in\s+the\s+event\s+that|in\s+case|"
    r"willing(?:ness)?\s+to|intends?\s+to|plans?\s+to|threaten(?:s|ed)?\s+to|"
    r"(?:decides?|wants?|hopes?|seeks?|aims?)\s+to|"
    r"not|no|never|without|hasn't|haven't|didn't|won't|wouldn't|once|whether)\b"
    r"(?:\W+\w+){0,5}\W*$",
    re.IGNORECASE,
)
# Words after which a clause tells someone's record or an accusation.
_RECORD_CUES = (
    r"responsible\s+for|involved\s+in|involvement\s+in|accused\s+of|suspected\s+of|"
    r"known\s+for|linked\s+to"
)
# A trigger governed by these names what someone does or did in general (a record, a role,
# an accusation), not an event of the text with a date of its own: a record cue ("responsible
# for coordinating attacks"), a relative clause telling a person's role ("who directs IED
# attacks", up to the comma that closes it), or a role noun ("a facilitator of suicide
# attacks"). A verb of the main clause is no such cue: "an operation led by commandos killed
# five militants", "troops conducting a patrol were ambushed".
_ROLE_VERBS = (
    r"led|leads|conducted|conducts|directed|directs|coordinated|coordinates|facilitated|"
    r"facilitates|supplied|supplies|distributed|distributes|planned|plans|organi[sz]ed|"
    r"organi[sz]es|specializ\w+|specialis\w+|trained|trains|financed|finances"
)
_BACKGROUND = re.compile(
    rf"(?<!-)\b(?:(?:{_RECORD_CUES}|specializ\w+\s+in|expert\s+in|plann(?:ed|ing)|"
    r"discuss(?:es|ed|ing)?|(?:for|of)\s+future|tactic)\b[^.;:]*"
    rf"|(?:who|which|that)\s+(?:had\s+|has\s+|have\s+|allegedly\s+|reportedly\s+)?"
    rf"(?:{_ROLE_VERBS})\b[^.;:,]*"
    r"|(?:facilitator|coordinator|planner|organi[sz]er|mastermind|supplier|distributor|"
    r"financier|recruiter|trainer|emplacer|specialist|expert)s?\s+(?:of|for|in|who)\b[^.;:,]*)$",
    re.IGNORECASE,
)
# A trigger denied in its clause: "No women or children were detained", "did not attack",
# "no one was killed". ("No. 2 leader" is a rank, not a denial.)
_DENIED = re.compile(
    r"(?:^\s*(?:No(?!\.)|None|Neither|Nobody)\b[^,;:]*|"
    r"\b(?:not|never|n't|without|no)\s+(?:[\w-]+\s+){0,2})$",
)
# ... unless the trigger is a noun the denial does not reach: "No group claimed the attack",
# "the Taliban did not claim responsibility for the bombing".
_NOUN_OF_ITS_OWN = re.compile(
    r"(?:\b(?:the|a|an|this|that|these|those|its|their|his|her|our|for|of)|['’]s)"
    r"\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# A trigger that has not happened: "upcoming attacks", "a potential suicide attack".
_UNREAL = re.compile(
    r"\b(?:upcoming|potential|possible|future|prospective|planned|would-be|imminent)"
    r"\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)


# A denial that governs the trigger noun itself: "without an agreement", "no deal".
# So does a substitution: "a reduction in violence in place of a ceasefire", "instead of talks".
_DENIED_NOUN = re.compile(
    r"\b(?:without|no|never|not|in\s+place\s+of|instead\s+of|rather\s+than|in\s+lieu\s+of)"
    r"\s+(?:(?:a|an|any|the)\s+)?$",
    re.IGNORECASE,
)


# A thing, not a person, as the subject of a passive harm: "the deal had been killed", "the
# bill was shot down", "plans to be eliminated".
_THING_SUFFERS = re.compile(
    r"\b(?:deal|bill|plan|proposal|project|merger|legislation|measure|program|programme|idea|"
    r"talks|negotiations|bid|offer|story|jobs?|positions?|dealerships?|stores?|plants?|"
    r"products?|features?|services?|routes?|flights?)s?\s+(?:\w+\s+){0,3}?"
    r"(?:was|were|is|are|be|been|being|got|get)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_HARM_TO_SOMEONE = {"killing", "shooting", "attack"}
# Deaths in an accident or a disaster are no political or criminal violence: "crashed into the
# Atlantic, killing all 228 people on board", "a string of accidents ... which killed 102".
_ACCIDENT = re.compile(
    r"\b(?:crash(?:ed|es)?|accidents?|collisions?|collided|derail(?:ed|ment)|earthquakes?|"
    r"floods?|flooding|storms?|hurricanes?|typhoons?|cyclones?|tornado(?:e?s)?|avalanches?|"
    r"landslides?|mudslides?|overdoses?|disasters?|sank|capsized|heat\s?wave)\b[^.;:]*$",
    re.IGNORECASE,
)


# A trigger that is the object of a verb telling someone's role is their line of work, not an
# event: "the leader directs roadside bomb attacks", "he conducted IED and direct fire attacks
# throughout the district", "was believed to have been coordinating an attack". The verb in
# the present tense, or with a plural object, tells a habit; "forces conducted an airstrike on
# Monday" (past, one strike) and "troops conducting a patrol were ambushed" (the trigger is no
# object of it) are events.
_ROLE_OBJECT = re.compile(
    r"\b(?P<verb>(?:direct|coordinat|conduct|lead|led|plann?|facilitat|suppl|distribut|"
    r"organi[sz]|orchestrat|financ|command|control|oversee|manag|emplac|build|manufactur|"
    r"specializ|specialis)(?:e|es|s|ed|ing|ies|ied|y|ned|ning)?)\s+"
    r"(?P<object>(?:(?!(?:was|were|is|are|be|been|has|have|had|by|which|who|that)\b)"
    r"[\w'’()/,-]+\s+){0,7})$",
    re.IGNORECASE,
)


def _role_object(before: str, trigger: str) -> bool:
    m = _ROLE_OBJECT.search(before)
    if m is None or m["verb"].lower() in ("led", "lead"):
        return False if m is None else trigger.lower().endswith("s")
    verb = m["verb"].lower()
    present = verb.endswith("s") and not verb.endswith("ss")
    progressive = verb.endswith("ing") and re.search(r"\b(?:been|be)\s+$", before[: m.start()])
    plural = trigger.lower().endswith(("s", "ings")) and not trigger.lower().endswith("ss")
    return present or bool(progressive) or plural


# A denied verb that only carries its noun denies the noun: "did not fire a shot", "never
# carried out an attack", "made no arrests".
_DENIED_SUPPORT = re.compile(
    r"\b(?:not|never|n't|without)\s+(?:fire|fired|firing|carry\s+out|carried\s+out|launch|"
    r"launched|conduct|conducted|make|made|stage|staged|mount|mounted)\s+(?:a|an|any|the)\s+"
    r"(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)


def _not_happened(before: str) -> bool:
    """Whether the text of its sentence ``before`` a trigger denies it or puts it ahead."""
    if _UNREAL.search(before) or _DENIED_NOUN.search(before) or _DENIED_SUPPORT.search(before):
        return True
    return bool(_DENIED.search(before)) and not _NOUN_OF_ITS_OWN.search(before)


# A date after these words dates someone's record, not the scene of the text's events.
_RECORD = re.compile(rf"\b(?:{_RECORD_CUES}|wanted\s+for)\b[^.;:]*$", re.IGNORECASE)
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


def _offset_from_another(text: str, timexes: list[Timex]) -> bool:
    return any(
        t.type == "DURATION" and (_OFFSET_END.search(t.text) or _OFFSET_AFTER.match(text, t.end))
        for t in timexes
    )


_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+\s+)?$", re.IGNORECASE)


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_S = TypeVar("_S", bound=_Spanned)


class _ByStart(Generic[_S]):
    """Timexes or mentions found by the sentence that holds them: a bisection of their starts,
    where a scan of the whole document for every sentence made long reports quadratic."""

    def __init__(self, items: Sequence[_S]) -> None:
        self.items = sorted(items, key=lambda i: i.start)
        self.starts = [i.start for i in self.items]

    def within(self, start: int, end: int) -> list[_S]:
        lo, hi = bisect_left(self.starts, start), bisect_right(self.starts, end)
        return [i for i in self.items[lo:hi] if i.end <= end]


@dataclass
class _Draft:
    type: str
    passage: int
    sentence: tuple[int, int]
    trigger: tuple[int, int]
    trigger_text: str
    confidence: float
    date: Timex | None = None
    date_source: str = "none"
    date_from_reference: bool = False
    links: dict[tuple[str, str, str], NewEventLink] = field(default_factory=dict)
    # where its own places are, when the sentence names other events' places too
    places: tuple[int, int] | None = None


def _best_trigger(
    text: str, start: int, end: int, taxonomy: dict[str, EventType]
) -> tuple[int, int, int, str] | None:
    """The highest-priority trigger of the sentence that reports something happening, not
    someone's record ("responsible for several bomb attacks")."""
    best: tuple[int, int, int, str] | None = None  # (-priority, start, end, type)
    for etype in taxonomy.values():
        if etype.pattern is None:
            continue
        for m in etype.pattern.finditer(text, start, end):
            before = text[start : m.start()]
            if _BACKGROUND.search(before[-100:]) or _not_happened(before):
                continue
            if _role_object(before[-80:], m.group(0)):
                continue
            if etype.id in _HARM_TO_SOMEONE and _THING_SUFFERS.search(before[-80:]):
                continue
            if etype.id == "killing" and _ACCIDENT.search(before[-160:]):
                continue
            cand = (-etype.priority, m.start(), m.end(), etype.id)
            if best is None or cand < best:
                best = cand
            break
    return best


# A subordinate clause: "…, after the opposition leader's arrest", "… when troops opened fire",
# "Following the attack, …". What the main clause tells is the sentence's event.
_SUBORDINATE = re.compile(
    r"(?:^|,?\s+)(?:after|when|because|while|before|following|until|since)\s+"
    r"(?:he|she|they|it|we|its|his|her|their|the|a|an|police|officers|troops|[\w-]+ed\b|[A-Z]\w*)",
    re.IGNORECASE,
)


def _main_trigger(
    text: str, start: int, end: int, taxonomy: dict[str, EventType]
) -> tuple[int, int, int, str] | None:
    """The trigger of the sentence's event: the best of its main clause where a subordinate
    clause ("after…", "when…", "following…") stands beside it, else the best of the sentence.
    "The group named a new leader after its founder was killed" is a change of leader;
    "Youths rioted on Friday after the opposition leader's arrest" a riot."""
    sub = _SUBORDINATE.search(text, start, end)
    if sub is not None:
        if text[start : sub.start()].strip():
            main = (start, sub.start())
        else:  # "Following the attack, forces detained …": the main clause follows the comma
            comma = text.find(",", sub.end(), end)
            main = (comma + 1, end) if comma >= 0 else (start, end)
        best = _best_trigger(text, main[0], main[1], taxonomy)
        # "The ambush came two days after forces detained …": a main clause about an event
        # already told says when the other clause's event was
        if best is not None and not _DEFINITE.search(text, max(start, best[1] - 30), best[1]):
            return best
    return _best_trigger(text, start, end, taxonomy)


_DEFINITE = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


# Violence or arrests that protesters suffer are, in ACLED's terms, a protest met with force;
# violence protesters do is a riot.
_PROTESTERS = re.compile(
    r"\b(?:protesters|protestors|demonstrators|marchers|(?:a|the)\s+(?:protest|demonstration|"
    r"rally|march|sit-in))\b",
    re.IGNORECASE,
)
_FORCE_TYPES = {"killing", "shooting", "attack", "arrest", "clash"}


def _about_protesters(
    text: str, sentence: tuple[int, int], trigger: tuple[int, int], etype: str
) -> str:
    """``etype``, or protest or riot where the violence or arrest is of or by protesters."""
    if etype not in _FORCE_TYPES:
        return etype
    m = _PROTESTERS.search(text, sentence[0], sentence[1])
    if m is None:
        return etype
    if m.start() < trigger[0] and not _PASSIVE.search(text[sentence[0] : trigger[0]]):
        return "riot" if etype != "arrest" else etype  # "protesters attacked a police post"
    return "protest"  # "police arrested dozens of protesters", "demonstrators were killed"


def _datable(t: Timex) -> bool:
    return t.type in ("DATE", "TIME") and (
        t.span is not None or t.value == "PRESENT_REF" or "X" in t.value
    )


# Before a name, words that say it is where something happened: "in Douma", "an attack on
# Ghouta", "outside the town of Kagara".
_WHERE_BEFORE = re.compile(
    r"\b(?:in|near|outside|at|around|on|on\s+the\s+outskirts\s+of)\s+"
    r"(?:the\s+(?:town|city|village|district|province|region|area)\s+of\s+)?$",
    re.IGNORECASE,
)
# Who tells of the event: "…, the United Nations said", "according to the ministry".
_SPEAKER_AFTER = re.compile(
    r"(?:['’]s\s+(?:\w+\s+){0,2}?(?:spokes(?:man|woman|person)|office|ministry)\s+)?\s*"
    r"(?:said|says|told|reported|announced|stated|added|confirmed|claimed)\b"
)
_SOURCE_BEFORE = re.compile(r"\baccording\s+to\s+(?:the\s+|a\s+)?(?:\w+\s+){0,2}?$", re.I)
_FORCES_AFTER = re.compile(
    r"(?:\s+and\s+[\w-]+)?(?:\s+(?:special|security|government|national|armed|air|border|"
    r"coalition|local))?\s+(?:forces|troops|army|military|soldiers|police|policemen|"
    r"commandos|jets|aircraft|warplanes|government|authorities)\b"
)
# The object of a verb of harm or capture is its target, whatever else the sentence says:
# "forces killed Islamic State fighters", "arrested two al-Shabaab members".
_OBJECT_OF = re.compile(
    r"\b(?:killed|killing|kills|attacked|attacking|struck|striking|targeted|targeting|"
    r"arrested|arresting|detained|detaining|captured|capturing|shot|shooting|ambushed|"
    r"abducted|kidnapped|executed|wounded|wounding|injured|bombed|shelled|raided|"
    r"raiding|seized|overran)\s+(?:[\w'’.-]+\s+){0,4}?$",
    re.I,
)


def _role(
    text: str, sentence: tuple[int, int], trigger: tuple[int, int], etype: str, m: FoundMention
) -> str:
    if m.entity.kind == "place":
        if _FORCES_AFTER.match(text, m.end):
            # "Iraqi forces", "Afghan police": the state's forces act
            return (
                "target"
                if _OBJECT_OF.search(text, max(sentence[0], m.start - 60), m.start)
                else "actor"
            )
        before = text[max(sentence[0], m.start - 12) : m.start].lower()
        between = text[m.end : trigger[0]]
        near_trigger = m.end <= trigger[0] and re.fullmatch(r"[\s\-A-Za-z.]{0,15}", between)
        where = r"\b(?:in|at|near|of|from|to|into|outside|around|across|towards?)\s+(?:the\s+)?$"
        if near_trigger and not re.search(where, before):
            return "actor"
        return "location"
    if m.entity.kind == "other" and _WHERE_BEFORE.search(
        text, max(sentence[0], m.start - 40), m.start
    ):
        return "location"  # a name the gazetteer lacks, where the event took place
    if _SPEAKER_AFTER.match(text, m.end) or _SOURCE_BEFORE.search(
        text, max(sentence[0], m.start - 40), m.start
    ):
        return "source"
    if etype in VIOLENT and _OBJECT_OF.search(text, max(sentence[0], m.start - 60), m.start):
        return "target"  # "forces killed Islamic State fighters in a raid"
    passive = bool(_PASSIVE.search(text[sentence[0] : trigger[0]]))
    if m.end <= trigger[0]:
        return "target" if passive and etype in VIOLENT else "actor"
    if re.search(
        r"\bby\s+(?:the\s+)?$", text[max(sentence[0], m.start - 8) : m.start], re.IGNORECASE
    ):
        return "actor"
    return "target" if etype in VIOLENT else "actor"


def _link(
    draft: _Draft,
    text: str,
    sentence: tuple[int, int],
    trigger: tuple[int, int],
    mentions: _ByStart[FoundMention],
) -> None:
    for m in mentions.within(*sentence):
        own = draft.places
        if own is not None and m.entity.kind == "place" and not own[0] <= m.start < own[1]:
            continue
        role = _role(text, sentence, trigger, draft.type, m)
        ref = NewEntityRef(m.entity.name, m.entity.kind, tuple(sorted(m.entity.aliases)))
        draft.links.setdefault((m.entity.kind, m.entity.name, role), NewEventLink(ref, role))


# Dates in a sentence that are not when its event happened:
# - a date of birth, in parentheses after a name: "Antonio Aguilera (10/18/97)";
_BIRTH_BEFORE = re.compile(r"[A-Z][\w'’.-]+\s*\(\s*(?:born\s+|b\.\s*|DOB:?\s*)?$")
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


def _not_the_events(text: str, t: Timex) -> bool:
    """Whether the date ``t`` dates something other than its sentence's event: a birth, a
    durative frame, a page stamp, or the report of the event."""
    before = text[max(0, t.start - 40) : t.start]
    if _BIRTH_BEFORE.search(before) and re.match(r"\s*\)", text[t.end : t.end + 3]):
        return True
    if _FRAME_BEFORE.search(before) or _STAMP_BEFORE.search(before):
        return True
    if _REPORTED_BEFORE.search(before):
        return True
    # "On Monday, police said …": a date opening its sentence before the attribution
    opens = re.search(r"(?:^|[.!?\"”]\s+|\n)\s*(?:(?:On|Early|Late|By)\s+)?$", before)
    return bool(opens and _REPORTED_AFTER.match(text, t.end, t.end + 80))


def _nearest_date(
    text: str, timexes: list[Timex], trigger: tuple[int, int], *, calendar_only: bool = False
) -> Timex | None:
    """The date of the sentence nearest its trigger, passing over the dateline and a calendar
    date that a record cue after the trigger gives to someone's past: in "detained a man
    linked to the murder of a farmer in March, yesterday", March dates the murder. A day of
    the news cycle ("yesterday", "Thursday") still dates what the sentence reports. With
    ``calendar_only`` (an event that may not happen), "now" and "currently" date the state of
    things, not the event, so only a calendar date counts."""
    dated = [t for t in timexes if _datable(t) and (t.span is not None or not calendar_only)]
    if not dated:
        return None
    own = [t for t in dated if not in_dateline(text, t.start, t.end)]
    dated = own or dated

    def of_a_record(t: Timex) -> bool:
        return (
            t.start >= trigger[1]
            and not _NEWS_DAY.fullmatch(t.text)
            and bool(_RECORD.search(text, trigger[1], t.start))
        )

    dated = [t for t in dated if not of_a_record(t) and not _not_the_events(text, t)]
    if not dated:
        return None
    return min(
        dated,
        key=lambda t: (t.span is None, min(abs(t.start - trigger[1]), abs(trigger[0] - t.end))),
    )


def extract_events(
    text: str,
    passages: list[tuple[int, int]],
    timexes: list[Timex],
    mentions: list[FoundMention],
    reference: Reference | None,
    tick: Tick = no_tick,
) -> list[NewEvent]:
    taxonomy = load_taxonomy()
    by_start_timexes, by_start_mentions = _ByStart(timexes), _ByStart(mentions)
    drafts: list[_Draft] = []
    last_date: Timex | None = None  # the latest date of the text so far
    for ordinal, (p_start, p_end) in enumerate(passages):
        tick("events", ordinal / len(passages))
        previous: _Draft | None = None
        paragraph_date: Timex | None = None
        for s_start, s_end in sentences(text, p_start, p_end):
            in_sentence = by_start_timexes.within(s_start, s_end)
            if _BOILERPLATE.search(text, s_start, s_end):
                continue
            best = _main_trigger(text, s_start, s_end, taxonomy)
            # A date sets the scene for what follows ("On Thursday, forces moved in."), unless
            # it dates someone's record ("He led an attack in June 2011.").
            own_dates = [
                t
                for t in in_sentence
                if _datable(t) and not _RECORD.search(text[s_start : t.start][-100:])
            ]
            if best is None:
                if own_dates:
                    last_date = paragraph_date = own_dates[-1]
                continue
            _prio, t_start, t_end, etype = best
            trigger = (t_start, t_end)
            etype = _about_protesters(text, (s_start, s_end), trigger, etype)
            if not own_dates and _ANAPHOR.search(text, s_start, s_end):
                told = previous or next((d for d in reversed(drafts) if d.type == etype), None)
                if told is not None:
                    _link(told, text, (s_start, s_end), trigger, by_start_mentions)
                    continue
            if not own_dates and etype in _OPERATION and _TIED.search(text, s_start, s_end):
                # "The security force also found weapons", "during the search, …": a part of
                # the operation just told
                told = previous or next((d for d in reversed(drafts) if d.type in _OPERATION), None)
                dated = told is not None and (told.date is not None or told.date_from_reference)
                if told is not None and told.type in _OPERATION and dated:
                    if told.type in _PARTS and etype not in _PARTS:
                        told.type = etype
                    _link(told, text, (s_start, s_end), trigger, by_start_mentions)
                    continue
            modal = _MODAL.search(text[s_start:t_start][-120:])
            draft = _Draft(
                type=etype,
                passage=ordinal,
                sentence=(s_start, s_end),
                trigger=trigger,
                trigger_text=text[t_start:t_end],
                confidence=0.3 if modal else 0.7,
            )
            # a clause with a date of its own dates its trigger: "… in a raid on June 2, and
            # aircraft struck the town last month"
            clause = _clause_of(text, (s_start, s_end), trigger)
            date = _nearest_date(
                text, by_start_timexes.within(*clause), trigger, calendar_only=bool(modal)
            ) or _nearest_date(text, in_sentence, trigger, calendar_only=bool(modal))
            # counted from another event ("two days after the attack"): no date carried
            elsewhen = date is None and _offset_from_another(text, in_sentence)
            if date is not None:
                draft.date, draft.date_source = date, "sentence"
                draft.confidence += 0.1
            elif elsewhen:
                pass
            elif paragraph_date is not None:
                draft.date, draft.date_source = paragraph_date, "paragraph"
                draft.confidence -= 0.1
            elif reference is not None and _NOW_BEFORE.search(text[s_start:t_end][-80:]):
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
                if (draft.type in _MEANS and same.type in _OUTCOMES) or (
                    same.type in _PARTS and draft.type not in _PARTS
                ):
                    same.type = draft.type  # "killed insurgents ... in a precision airstrike"
                _link(same, text, (s_start, s_end), trigger, by_start_mentions)
                continue
            if modal and date is None:
                # What may, would or did not happen, told on its own, has no date but one its
                # sentence names ("talks planned for March"): none is carried to it.
                draft.date, draft.date_source, draft.date_from_reference = None, "none", False
            _link(draft, text, (s_start, s_end), trigger, by_start_mentions)
            drafts.append(draft)
            previous = draft
            days = _coordinated_days(text, draft, by_start_timexes)
            if days:  # the first day keeps only its own places
                _link(draft, text, (s_start, s_end), trigger, by_start_mentions)
            for extra in days:
                _link(extra, text, (s_start, s_end), extra.trigger, by_start_mentions)
                drafts.append(extra)
            for extra in _clause_events(
                text, ordinal, (s_start, s_end), draft, taxonomy, by_start_timexes
            ):
                _link(extra, text, extra.sentence, extra.trigger, by_start_mentions)
                drafts.append(extra)
            if own_dates:
                last_date = paragraph_date = own_dates[-1]
    drafts = _without_headline_twins(text, passages, drafts)
    _place_from_context(text, passages, drafts, mentions)
    return [_finish(text, d, reference) for d in drafts]


_DATELINE_PLACE_AFTER = re.compile(r"[\w .,'’-]{0,40}?(?:\(|—|–|\s-{1,2}\s|\s*\(AP\))")


def _place_from_context(
    text: str, passages: list[tuple[int, int]], drafts: list[_Draft], mentions: list[FoundMention]
) -> None:
    """An event whose sentence names no place takes the last place its paragraph named before
    it, else the dateline's ("KANDAHAR, Afghanistan (March 3) —"): where the report puts it."""
    places = sorted((m for m in mentions if m.entity.kind == "place"), key=lambda m: m.start)
    starts = [m.start for m in places]
    dateline = next(
        (
            m
            for m in places[:5]
            if m.start < 300
            and text.rfind("\n", 0, m.start) + 1 >= m.start - 3
            and _DATELINE_PLACE_AFTER.match(text, m.end)
        ),
        None,
    )
    for d in drafts:
        if any(kind == "place" for kind, _name, _role in d.links):
            continue
        p_start = passages[d.passage][0] if d.passage < len(passages) else 0
        i = bisect_left(starts, d.sentence[0]) - 1
        found = places[i] if i >= 0 and places[i].start >= p_start else dateline
        if found is not None:
            ref = NewEntityRef(
                found.entity.name, found.entity.kind, tuple(sorted(found.entity.aliases))
            )
            d.links.setdefault(
                ("place", found.entity.name, "location"), NewEventLink(ref, "location")
            )


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


def _clause_of(text: str, sentence: tuple[int, int], trigger: tuple[int, int]) -> tuple[int, int]:
    """The clause of ``sentence`` that holds ``trigger`` (the sentence, if it has one)."""
    start, end = sentence
    for m in _CLAUSE_BOUNDARY.finditer(text, sentence[0], sentence[1]):
        if m.start() <= trigger[0]:
            start = m.start()
        else:
            end = m.start()
            break
    return start, end


def _clause_events(
    text: str,
    passage: int,
    sentence: tuple[int, int],
    main: _Draft,
    taxonomy: dict[str, EventType],
    timexes: _ByStart[Timex],
) -> list[_Draft]:
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
    out: list[_Draft] = []
    main_family = _FAMILY.get(main.type, "harm")
    for c_start, c_end in pairwise(bounds):
        if c_start <= main.trigger[0] < c_end:
            continue
        best = _best_trigger(text, c_start, c_end, taxonomy)
        if best is None:
            continue
        _prio, t_start, t_end, etype = best
        if any(d.type == etype for d in out):
            continue
        if _REFERS_BACK.search(text, max(c_start, t_start - 40), t_start):
            continue
        if _MODAL.search(text[c_start:t_start][-120:]):
            continue
        own = _nearest_date(text, timexes.within(c_start, c_end), (t_start, t_end))
        if _FAMILY.get(etype, "harm") == main_family:
            # of the same kind, a clause is its own event only with a date of its own: "…
            # killed five in a raid on June 2, and aircraft struck the town last month"
            told = main.date.value if main.date is not None else None
            if own is None or own.value == told or own.span is None:
                continue
        clause = (c_start, c_end)
        draft = _Draft(
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


def _coordinated_days(text: str, main: _Draft, timexes: _ByStart[Timex]) -> list[_Draft]:
    """One trigger, several days: "coalition airstrikes on May 4 in PanKalay and May 6 in
    Nowbar" are two airstrikes, each on its day (and at its place)."""
    if main.date is None or main.date.granularity not in ("day", "time"):
        return []
    out: list[_Draft] = []
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
            _Draft(
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
    if out:  # the first day keeps the places before the next one
        main.places = (main.sentence[0], out[0].places[0] if out[0].places else main.sentence[1])
        for key in [k for k in main.links if k[0] == "place"]:
            del main.links[key]
    return out


# The parts of one security operation: its detentions, the shots fired, the people killed,
# the weapons found. An undated one on the day the report last named is a detail of it.
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


def _same_operation(drafts: list[_Draft], draft: _Draft) -> _Draft | None:
    """An earlier event this undated detail retells: the same type, or both part of one
    security operation (a raid's detentions and killings), on the same carried date."""
    if draft.date_source not in ("paragraph", "document") or draft.date is None:
        return None
    for earlier in reversed(drafts):
        if earlier.date is None or earlier.date.value != draft.date.value:
            continue
        if {earlier.type, draft.type} <= _OPERATION:
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
    text: str, passages: list[tuple[int, int]], drafts: list[_Draft]
) -> list[_Draft]:
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

    def in_headline(d: _Draft) -> bool:
        return d.trigger[1] <= line[1]

    body = {d.type for d in drafts if not in_headline(d)}
    told = " ".join(
        text[d.sentence[0] : d.sentence[1]].lower() for d in drafts if not in_headline(d)
    )

    def retold(d: _Draft) -> bool:
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


def _finish(text: str, d: _Draft, reference: Reference | None) -> NewEvent:
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
    best = _best_trigger(words, 0, len(words), load_taxonomy())
    date = next((t for t in tag(words, reference) if t.span is not None), None)
    return Suggestion(
        type=best[3] if best else None,
        date_value=date.value if date else "",
        date_text=date.text if date else "",
        date_inferred=bool(date and date.inferred),
    )
