"""Names in the text: tokens, which of them run on as one name, and what the letters of a name
say (an abbreviation of another, capitals text)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from importers.gazetteer import TOKEN
from importers.name_words import STOP
from store.keys import fold_text


@dataclass(frozen=True)
class Tok:
    start: int
    end: int
    text: str
    folded: str


def tokens(text: str) -> list[Tok]:
    folded = fold_text(text)
    return [
        Tok(m.start(), m.end(), m.group(0), folded[m.start() : m.end()])
        for m in TOKEN.finditer(text)
    ]


_WRAPPED_LINE = 50  # characters: a line at least this long may wrap a name onto the next
# Abbreviations that open a name, read with their full stop as part of it: "St. Louis",
# "Ft. Worth", "Mt. Kenya".
_NAME_PREFIXES = frozenset({"St", "Ste", "Ft", "Mt", "Pt"})


def joinable(text: str, a: Tok, b: Tok) -> bool:
    gap = text[a.end : b.start]
    if len(gap) > 3 or "\n\n" in gap:
        return False
    if "\n" in gap and a.end - (text.rfind("\n", 0, a.start) + 1) < _WRAPPED_LINE:
        return False  # a short line is a heading or a header field, not wrapped prose
    if gap == " ‘":
        # "Nad ‘Ali": a transliterated ayin opening the next word of the name; an opening
        # quote that closes after the word ("the ‘Shadow’ governor") quotes it instead
        return not text.startswith("’", b.end)
    if not re.fullmatch(r"[\s\-.'’‐–]*", gap):
        return False
    # "U.S. Army" and "St. Louis" join across ". "; "Kabul. The" does not.
    return not (re.search(r"\.\s", gap) and len(a.text) > 1) or a.text in _NAME_PREFIXES


def cap(tok: Tok) -> bool:
    return tok.text[:1].isupper() or tok.text[:1].isdigit()


def shouting(text: str, start: int, end: int) -> bool:
    """Whether the text around [start, end) is written in capitals (a headline, a transcript),
    so that a capitalised word there says nothing of being a name."""
    around = text[max(0, start - 60) : end + 60]
    letters = [c for c in around if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


# A member noun after a group's short name ("a Haqqani senior leader", "Haqqani fighters").
MEMBER_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:commanders?|leaders?|leadership|facilitators?|fighters?|insurgents?|"
    r"militants?|members?|operatives?|financiers?|suppliers?|couriers?|cells?|supporters?|"
    r"affiliates?|activity|activities|operations?|attacks?|networks?|elements?|safe\s+havens?)\b"
)


def name_part(text: str, prev: Tok, tok: Tok) -> bool:
    """Whether ``prev`` carries a capitalised name on into ``tok`` ("Abraham Lincoln")."""
    return prev.text[:1].isupper() and prev.folded not in STOP and joinable(text, prev, tok)


def word_tail(text: str, a: Tok, b: Tok) -> bool:
    """ "Qal’ah", "Panjwa'i": lower-case letters after an apostrophe inside a name, which
    a possessive or a contraction ("Kabul's", "don't") is not."""
    return text[a.end : b.start] in ("'", "’") and b.folded not in ("s", "t", "d", "ll", "re", "ve")


def ezafe(text: str, a: Tok, b: Tok) -> bool:
    """The Persian and Pashto link of "Nahr-e Saraj", "Nawah-ye Barakzai", "Hezb-i-Islami"."""
    return b.folded in ("e", "ye", "i") and text[a.end : b.start] == "-"


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` can be an abbreviation of ``long`` (Schwartz and Hearst, 2003): its
    letters appear in ``long`` in order, the first at the start of a word. "AQIS" abbreviates
    "al-Qaeda in the Indian Subcontinent"; a dateline's "(AP)" or "(WCCO)" after "NEW ORLEANS"
    or "MINNEAPOLIS" does not, so the agency or station never becomes the city's alias."""
    s, lo = short.lower(), long.lower()
    j = len(lo) - 1
    for i in range(len(s) - 1, -1, -1):
        c = s[i]
        if not c.isalnum():
            continue
        while j >= 0 and (lo[j] != c or (i == 0 and j > 0 and lo[j - 1].isalnum())):
            j -= 1
        if j < 0:
            return False
        j -= 1
    return True
