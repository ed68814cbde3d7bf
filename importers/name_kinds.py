"""The kind of a name from the words around it: a title, a head noun, an age, a verb of saying,
a preposition of place."""

from __future__ import annotations

import re

from importers.gazetteer import Gazetteer, _tokens_key, coarse_places
from importers.geo import town_named
from importers.name_tokens import Tok
from importers.name_words import ORG_HEADS, PLACE_CUES, PLACE_HEADS, STOP, TITLES, generic
from store.keys import name_key

_AGE_AFTER = re.compile(r"\s*,\s+(?:aged\s+)?\d{1,3}\s*(?:,|\)|$)|\s+\(\d{1,3}\)")
_PERSON_BEFORE = re.compile(
    r"\b(?:suspects?|victims?|officers?|deputy|deputies|troopers?|sergeant|sgt\.|detective|"
    r"det\.|lieutenant|lt\.|mother|father|son|daughter|brother|sister|wife|husband|boyfriend|"
    r"girlfriend|grandmother|grandfather|uncle|aunt|nephew|niece|cousin|student|teen|"
    r"teenager|man|woman|boy|girl|resident|witness|neighbou?r|gunman|shooter|attorney|lawyer|"
    r"judge|prosecutor|spokes(?:man|woman|person)|sheriff|coroner|mayor|pastor|friend)"
    r"(?:\s+named)?,?\s+$",
    re.IGNORECASE,
)


def cued_kind(
    text: str, toks: list[Tok], s: int, e: int, gaz: Gazetteer, *, person_cue: bool
) -> tuple[str, bool] | None:
    """The kind the words around a name give it, and whether that cue is strong: a title,
    a head noun, a verb of saying, a company word. A preposition ("in", "from") is a weak
    cue for a place."""
    n = e - s + 1
    head = toks[e].folded
    prev = toks[s - 1].folded if s > 0 else ""
    after = text[toks[e].end : toks[e].end + 40]
    after_word = re.match(r"\s+([a-z]+)", after)
    if person_cue and head not in ORG_HEADS:
        return "person", True
    if n == 2 and toks[s].folded in gaz.given_names and head in ORG_HEADS:
        return "person", True  # "Jim Press", "Maria Bank": a surname that is also a head
    if head in ORG_HEADS and n >= 2:
        return "organization", True
    if head in PLACE_HEADS and n >= 2:
        return "place", True
    if after_word and after_word.group(1) in PLACE_HEADS:
        return "place", True
    if toks[s].folded in gaz.given_names and 2 <= n <= 4:
        return "person", True
    if n == 2 and head in gaz.surnames and _may_open_a_name(toks[s], gaz):
        return "person", False  # "Jaquise Lewis": a name and a common surname
    said = re.match(r"\s*,\s+(?:who|a|an|the)\s|\s+(?:said|says|told)\b", after)
    if said and 2 <= n <= 3 and all(t.text[:1].isupper() for t in toks[s : e + 1]):
        return "person", True
    before = text[max(0, toks[s].start - 40) : toks[s].start]
    # "Chloe Johnson, 17, was shot", "suspect Derrick Stafford", "her son, Jaxxon Baker": an
    # age in apposition or a word for a person before a name of two to four words
    if (
        2 <= n <= 4
        and all(t.text[:1].isupper() for t in toks[s : e + 1])
        and (_AGE_AFTER.match(after) or _PERSON_BEFORE.search(before))
    ):
        return "person", True
    if _ORG_BEFORE.search(before) or _ORG_AFTER.match(after):
        return "organization", True
    if _PLACE_OF.search(before) or _RESIDENCE_BEFORE.search(before):
        return "place", True
    if _DWELLER_AFTER.match(after) and _DWELLER_BEFORE.search(before):
        return "place", True  # "a 37-year-old Janesville man", "A Shelton woman"
    if _in_area(after, gaz):
        return "place", True  # "Joplin, Missouri", "DAYTON, Ohio": a town and its state
    if (
        _DATELINE_AFTER.match(after)
        and _opens_line(text, toks[s].start)
        and all(t.text.isupper() for t in toks[s : e + 1])
    ):
        return "place", True  # "CROSSVILLE (WATE) –": a dateline's town, then its source
    if _SIDE_AFTER.match(after):
        return "place", True  # "on Rockford's west side": a town's part
    if (
        _POLICE_AFTER.match(after)
        and not generic(head)
        and town_named(text[toks[s].start : toks[e].end])
    ):
        return "place", True  # "Rockford police said": a town the gazetteer knows, policed
    if prev in PLACE_CUES and n <= 2 and not toks[s].text.isupper() and not head.endswith("s"):
        sentence_start = s == 0 or re.search(
            r"[.!?\n]\s*$", text[max(0, toks[s].start - 3) : toks[s].start]
        )
        if not sentence_start and re.match(r"[\s,.;:)]|$", after):
            return "place", False
    if n == 1 and head in gaz.given_names and not opens_sentence(text, toks[s]):
        return "person", False  # "Mariah", "Anthony": a child or a witness by first name
    return None


_ORG_BEFORE = re.compile(
    r"(?i)\b(?:company|firm|carrier|airline|maker|manufacturer|automaker|carmaker|planemaker|"
    r"airframer|rival|competitor|giant|conglomerate|retailer|chipmaker|subsidiary|parent|"
    r"supplier|contractor|insurer|operator|shares\s+(?:of|in)|stake\s+in|"
    r"(?:ceo|chief\s+executive|chairman|spokes(?:man|woman|person))\s+(?:of|at|for))"
    r"[\s,]+(?:the\s+)?$"
)
_ORG_AFTER = re.compile(
    r"(?:'s?|’s?)?\s+(?:shares|stock|ceo|chief\s+executive|chairman|board|headquarters|"
    r"spokes(?:man|woman|person)|employees|workers|plants?|factor(?:y|ies)|earnings|"
    r"revenues?|profits?|sales)\b|\s+said\s+it\b|,\s+(?:which|whose)\b|"
    # what only a business does: "Intel reported record earnings", "Chrysler posted a loss"
    r"\s+(?:(?:has|had|will|would)\s+)?(?:report(?:s|ed)?|post(?:s|ed)?|forecast|book(?:s|ed)?)"
    r"\s+(?:an?\s+|its\s+)?(?:[\w$.,-]+\s+){0,3}?(?:earnings|profits?|loss(?:es)?|"
    r"revenues?|sales|dividends?)\b|"
    # apposition: "Chrysler, another U.S. car maker", "Boeing, the planemaker"
    r",\s+(?:the|a|an|another)\s+(?:[\w.'’-]+\s+){0,4}?(?:company|firm|carrier|airline|"
    r"(?:car|auto|plane|chip)?\s?maker|manufacturer|retailer|conglomerate|bank|insurer|"
    r"automaker|carmaker|planemaker|chipmaker|group|corporation)\b",
    re.IGNORECASE,
)
# "Dwayne Curtis, 27, of Trotwood", "a resident of Bay Shore": where a person lives.
_RESIDENCE_BEFORE = re.compile(
    r"(?:\b\d{1,3}\s*,\s*|\b(?:resident|residents|native|natives)\s+)of\s+$", re.IGNORECASE
)
# "a Shelton man", "a 37-year-old Janesville woman": a town's name for the people of it.
_DWELLER_BEFORE = re.compile(r"(?:\b(?:a|an)\s+(?:\d{1,3}-year-old\s+)?|\d{1,3}-year-old\s+)$",
                             re.IGNORECASE)  # fmt: skip
_DWELLER_AFTER = re.compile(r"\s+(?:man|woman|teen|teenager|boy|girl|resident|native)\b")
# ", Missouri", ", Ohio", ", Fla.": a first-level area or country after a comma.
_AREA_AFTER = re.compile(r"\s*,\s+((?:[A-Z][\w.]*\.?)(?:\s+[A-Z][\w.]*)?)")


def _in_area(after: str, gaz: Gazetteer) -> bool:
    """Whether a name is followed by ", " and a country or a first-level area the gazetteer
    knows ("Joplin, Missouri"), not as a possessive ("Smith, Georgia's governor")."""
    m = _AREA_AFTER.match(after)
    if m is None or after[m.end() : m.end() + 1] in ("'", "’"):
        return False
    coarse = coarse_places()
    for words in (m.group(1), m.group(1).split()[0]):
        entry = gaz.lookup(_tokens_key(words))
        if entry is not None and entry.kind == "place" and name_key(entry.name) in coarse:
            return True
    return False


# "the village of Goldar", "the town of Sonjaray", "the west side of Rockford": a settlement
# named after its kind, or a part of one.
_PLACE_OF = re.compile(
    r"(?i)\b(?:village|villages|town|city|district|province|region|valley|outskirts|suburb|"
    r"neighbou?rhood|port|island|(?:north|south|east|west)(?:ern)?\s+side)\s+of\s+$"
)
# A dateline's source after its town, then a dash: "CROSSVILLE (WATE) –", "ROCKFORD (AP) --".
_DATELINE_AFTER = re.compile(r"\s*\([A-Z][A-Za-z0-9 .&-]{0,15}\)\s*(?:--|[-–—])")


def _opens_line(text: str, start: int) -> bool:
    """Whether only spaces stand between the line's start and ``start``."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


# "Rockford's west side", "Boston's South End": a town's part after its name.
_SIDE_AFTER = re.compile(
    r"(?:'s|’s)\s+(?:far\s+)?(?:north|south|east|west|northeast|northwest|southeast|southwest)"
    r"(?:ern)?\s+(?:side|end)\b",
    re.IGNORECASE,
)
# "Rockford police": the police of a town, in lower case (capitalised, "Rockford Police" is
# the force's own name, an organisation).
_POLICE_AFTER = re.compile(r"\s+police\b")


# Words that open a place's name before a word that is also a surname: "Fort Lewis",
# "Lake Jackson", "Port Wilson", "New Castle".
_OPENERS = """fort camp lake mount mt port saint st san santa new north south east west upper
    lower great little old grand glen cape point bay"""
_PLACE_OPENERS = frozenset(_OPENERS.split())


def _may_open_a_name(tok: Tok, gaz: Gazetteer) -> bool:
    """Whether a capitalised word may be a given name before a surname: not a word that
    opens places' names, a common noun, a title, a head noun or a place or organisation the
    gazetteer knows."""
    word = tok.folded
    if not tok.text[:1].isupper() or tok.text.isupper() or word in _PLACE_OPENERS:
        return False
    if word in STOP or word in TITLES or generic(word) or word in ORG_HEADS:
        return False
    return gaz.lookup((word,)) is None


def opens_sentence(text: str, tok: Tok) -> bool:
    return tok.start == 0 or bool(
        re.search(r"(?:^|[.!?:;\n\"“‘'`(\[—–-])\s*$", text[max(0, tok.start - 4) : tok.start])
    )


# What follows a sentence's subject when it is a name: a possessive or a reporting verb.
SUBJECT_OF = re.compile(
    r"(?:['’]s\b|(?:\s+(?:today|yesterday|also|now|recently|officially|finally))?"
    r"\s+(?:said|says|has|had|is|was|will|would|announced|announces|unveiled|"
    r"unveils|launched|launches|released|releases|reported|reports|claims|claimed|plans|"
    r"planned|agreed|agrees|posted|posts|expects|expected|sold|sells|bought|buys|won|wins|"
    r"delivered|delivers|signed|signs|filed|files|denied|denies|confirmed|confirms|"
    r"introduced|introduces|issued|issues|rejected|rejects|named|names|hired|hires)\b)"
)
# Endings of common nouns and adjectives ("Officials", "Intelligence", "Construction",
# "Declining", "Preliminary"), rare at the end of a name.
COMMON_SHAPE = re.compile(
    r"(?:[^su]s|ing|ness|tion|sion|ence|ance|ment|ity|ial|ary|ive|ous|ful|less|ly)$"
)
