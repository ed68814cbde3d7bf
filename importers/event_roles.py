"""The parties of an event: actor, target, source and location, from where each name stands
beside the trigger; and the place a report puts an event in when its sentence names none."""

from __future__ import annotations

import re
from bisect import bisect_left

from importers.drafts import ByStart, Draft
from importers.entities import FoundMention, entity_ref
from importers.triggers import PASSIVE
from store.records import NewEventLink

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
    passive = bool(PASSIVE.search(text[sentence[0] : trigger[0]]))
    if m.end <= trigger[0]:
        return "target" if passive and etype in VIOLENT else "actor"
    if re.search(
        r"\bby\s+(?:the\s+)?$", text[max(sentence[0], m.start - 8) : m.start], re.IGNORECASE
    ):
        return "actor"
    return "target" if etype in VIOLENT else "actor"


def link(
    draft: Draft,
    text: str,
    sentence: tuple[int, int],
    trigger: tuple[int, int],
    mentions: ByStart[FoundMention],
) -> None:
    for m in mentions.within(*sentence):
        own = draft.places
        if own is not None and m.entity.kind == "place" and not own[0] <= m.start < own[1]:
            continue
        role = _role(text, sentence, trigger, draft.type, m)
        ref = entity_ref(m.entity)
        draft.links.setdefault((m.entity.kind, m.entity.name, role), NewEventLink(ref, role))


_DATELINE_PLACE_AFTER = re.compile(r"[\w .,'’-]{0,40}?(?:\(|—|–|\s-{1,2}\s|\s*\(AP\))")


def place_from_context(
    text: str, passages: list[tuple[int, int]], drafts: list[Draft], mentions: list[FoundMention]
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
            ref = entity_ref(found.entity)
            d.links.setdefault(
                ("place", found.entity.name, "location"), NewEventLink(ref, "location")
            )
