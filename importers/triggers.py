"""Triggers: the word that tells a sentence's event, and what the words around it say of it
(denied, ahead, someone's record or role, a metaphor, an accident, a page's leftovers)."""

from __future__ import annotations

import re

from importers.taxonomy import EventType

ANAPHOR = re.compile(
    r"\b(?:that|this|the same|the)\s+(?:(?:aforementioned|above|earlier|previous|said)\s+)?"
    r"(?:operation|raid|attack|strike|assault|incident|ambush|"
    r"bombing|clash|blast|mission|shooting|shootout|gunfight|stabbing|killing|murder|"
    r"homicide|shelling|protest|riot)\b",
    re.IGNORECASE,
)
# What a web page leaves around an article, in any format: player and sharing lines, captions,
# sign-up and copyright lines. Such a line tells no event.
BOILERPLATE = re.compile(
    r"(?i:enable\s+javascript|see\s+more\s+videos|scroll\s+down\s+for|click\s+(?:or\s+tap\s+)?"
    r"(?:here|to\s+(?:watch|see|read))|tap\s+to\s+(?:watch|see)|watch\s+(?:this|the)\s+video|"
    r"related\s+(?:content|stories|coverage|video)|sign\s+up\s+for|subscribe\s+to\s+(?:our|the)|"
    r"all\s+rights\s+reserved|copyright\s+(?:©\s*)?\d{4}|follow\s+us\s+on|share\s+this|"
    r"hide\s+caption|photo\s*(?:courtesy|credit)?\s*:|image\s+\d+\s+of\s+\d+|advertisement)"
)
# Words that tie a sentence to the operation just told: "also", "during the search", "at the
# scene", "as a result of this operation".
TIED = re.compile(
    r"\b(?:also|additionally|in\s+addition|during\s+(?:the|a|their)\s+(?:search|operation|raid|"
    r"assault|clearance|engagement|exchange)|at\s+the\s+scene|in\s+the\s+(?:process|course\s+of)|"
    r"as\s+a\s+result\s+of\s+(?:this|the)\s+(?:operation|raid))\b",
    re.IGNORECASE,
)
# A word that puts the trigger itself at the document's date, just before it or part of it:
# "a newly released report", "the latest statement", "has just announced", "its new report".
# Elsewhere in the sentence ("intends to develop a new narrative") it says nothing of when the
# event happened.
NOW_BEFORE = re.compile(
    r"\b(?:newly|just|latest|new|this\s+week|today)\b(?:\W+[\w-]+){0,3}\W*$", re.IGNORECASE
)
MODAL = re.compile(
    r"\b(?:will|shall|would|could|might|may|if|unless|in\s+the\s+event\s+that|in\s+case|"
    r"willing(?:ness)?\s+to|intends?\s+to|plans?\s+to|threaten(?:s|ed)?\s+to|"
    r"(?:decides?|wants?|hopes?|seeks?|aims?)\s+to|"
    r"not|no|never|without|hasn't|haven't|didn't|won't|wouldn't|once|whether)\b"
    r"(?:\W+\w+){0,5}\W*$",
    re.IGNORECASE,
)
# Words after which a clause tells someone's record or an accusation.
RECORD_CUES = (
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
    rf"(?<!-)\b(?:(?:{RECORD_CUES}|specializ\w+\s+in|expert\s+in|plann(?:ed|ing)|"
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


PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+\s+)?$", re.IGNORECASE)


# An event named as what words are about: "claimed the bombing", "condemned Monday's attack",
# "blamed the rebels for the killing". The sentence tells the words (a statement), the event
# itself was told elsewhere.
_OBJECT_OF_WORDS = re.compile(
    r"\b(?:claimed|claims|claiming|condemned|condemns|condemning|denied|denies|denying|"
    r"blamed\s+(?:[\w-]+\s+){1,3}?for|praised|welcomed|mourned)\s+"
    r"(?:responsibility\s+for\s+|credit\s+for\s+)?(?:the|a|an|this|that|its|their|"
    r"[\w'’-]+['’]s)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


def best_trigger(
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
            words = _OBJECT_OF_WORDS.search(before, max(0, len(before) - 80))
            if etype.id != "statement" and words and not _not_happened(before[: words.start()]):
                # "JNIM claimed the bombing": the claim is the news; but where nobody claimed
                # it ("No group claimed the bombing"), the bombing is
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


def main_trigger(
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
        best = best_trigger(text, main[0], main[1], taxonomy)
        # "The ambush came two days after forces detained …": a main clause about an event
        # already told says when the other clause's event was
        if best is not None and not DEFINITE.search(text, max(start, best[1] - 30), best[1]):
            return best
    return best_trigger(text, start, end, taxonomy)


DEFINITE = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
# Violence or arrests that protesters suffer are, in ACLED's terms, a protest met with force;
# violence protesters do is a riot.
_PROTESTERS = re.compile(
    r"\b(?:protesters|protestors|demonstrators|marchers|(?:a|the)\s+(?:protest|demonstration|"
    r"rally|march|sit-in))\b",
    re.IGNORECASE,
)
_FORCE_TYPES = {"killing", "shooting", "attack", "arrest", "clash"}


def about_protesters(
    text: str, sentence: tuple[int, int], trigger: tuple[int, int], etype: str
) -> str:
    """``etype``, or protest or riot where the violence or arrest is of or by protesters."""
    if etype not in _FORCE_TYPES:
        return etype
    m = _PROTESTERS.search(text, sentence[0], sentence[1])
    if m is None:
        return etype
    if m.start() < trigger[0] and not PASSIVE.search(text[sentence[0] : trigger[0]]):
        return "riot" if etype != "arrest" else etype  # "protesters attacked a police post"
    return "protest"  # "police arrested dozens of protesters", "demonstrators were killed"
