"""Names the gazetteer knows, found where they stand in running text: the longest entry that
matches at a token, unless the words around it say it is part of another name ("Bank of
America", "Nigerian Air Force", "Colorado Springs Police", "Fremont Avenue") or a region's
people ("Central Asian"); and towns whose name opens with "New", a word no name has alone."""

from __future__ import annotations

from importers.gazetteer import GazEntry, Gazetteer
from importers.geo import town_named
from importers.name_tokens import MEMBER_AFTER, Tok, cap, joinable, name_part, shouting
from importers.name_words import ENGLISH_CAPS, ORG_HEADS, REGION_ADJECTIVES, STREET_HEADS


def _org_head_of_before(text: str, toks: list[Tok], i: int) -> bool:
    """Whether "<Organisation head> of" stands just before token ``i``: "Bank of America",
    "Army of National Liberation", "Ministry of Interior"."""
    if i < 2 or toks[i - 1].folded != "of":
        return False
    head = toks[i - 2]
    return (
        head.folded in ORG_HEADS
        and head.text[:1].isupper()
        and text[head.end : toks[i].start].strip() == "of"
    )


def _org_head_ends(text: str, toks: list[Tok], nxt: int) -> bool:
    """Whether capitalised words after a place end, within three, in an organisation head:
    "Nigerian Air Force", "Afghan National Army"."""
    for k in range(nxt, min(nxt + 3, len(toks))):
        tok = toks[k]
        if not tok.text[:1].isupper() or not joinable(text, toks[k - 1], tok):
            return False
        if tok.folded in ORG_HEADS:
            return k > nxt  # one word right after is the older rule's ("American Airlines")
    return False


def opened_town(text: str, toks: list[Tok], i: int) -> tuple[int, str] | None:
    """A town whose name opens with "New" ("New Haven", "NEW BRITAIN"), a word that alone is
    no name, so a run of capitalised words would drop it: how many words the town's name
    spans and its own name, where the gazetteer holds it."""
    if toks[i].folded != "new" or not cap(toks[i]):
        return None
    if i > 0 and name_part(text, toks[i - 1], toks[i]):
        return None  # "Yale-New Haven Hospital", a headline's "Shot In New Haven"
    for n in (3, 2):
        last = i + n - 1
        if last >= len(toks) or not all(
            cap(toks[k]) and joinable(text, toks[k - 1], toks[k]) for k in range(i + 1, last + 1)
        ):
            continue
        town = town_named(text[toks[i].start : toks[last].end])
        if town is not None:
            return n, town.name
    return None


def match_gazetteer(
    text: str, toks: list[Tok], i: int, gaz: Gazetteer
) -> tuple[int, GazEntry] | None:
    # How far the tokens from i run on joined: a longer window could never match.
    reach = 1
    while reach < min(gaz.max_len, len(toks) - i) and joinable(
        text, toks[i + reach - 1], toks[i + reach]
    ):
        reach += 1
    for n in range(reach, 0, -1):
        window = toks[i : i + n]
        key = tuple(t.folded for t in window)
        entry = gaz.lookup(key)
        if entry is None:
            continue
        joined = " ".join(key)
        if joined in entry.modifiers and not MEMBER_AFTER.match(text, window[-1].end):
            continue  # "Haqqani" names the network only in "a Haqqani commander"
        if joined in entry.acronyms:
            if not all(t.text.isupper() or t.text.isdigit() for t in window):
                continue
            if shouting(text, window[0].start, window[-1].end) and (
                len(joined.replace(" ", "")) < 3 or joined in ENGLISH_CAPS
            ):
                continue  # "WHAT IS DESCRIBED AS A DRIVE-BY SHOOTING": the verb, not IS
        elif not cap(window[-1]):
            continue
        if n == 1 and len(window[0].text) <= 2 and joined not in entry.acronyms:
            continue
        if entry.standalone and i > 0 and name_part(text, toks[i - 1], toks[i]):
            continue
        nxt = i + n
        if (
            entry.kind == "place"
            and n == 1
            and key[0] in gaz.given_names
            and nxt < len(toks)
            and name_part(text, window[0], toks[nxt])
        ):
            continue  # "Mary Barra": a given name before a surname, not the city of Mary
        demonym = n == 1 and not window[0].text.isupper() and window[0].text != entry.name
        if (
            demonym
            and entry.kind == "place"
            and i > 0
            and toks[i - 1].folded in _DIRECTIONS
            and toks[i - 1].text[:1].isupper()
            and joinable(text, toks[i - 1], window[0])
        ):
            continue  # "Central Asian", "West African": a region's people, not Asia or Africa
        if entry.kind == "place" and (
            _org_head_of_before(text, toks, i) or (demonym and _org_head_ends(text, toks, nxt))
        ):
            continue  # "Bank of America", "Nigerian Air Force": the organization, not the place
        if (
            entry.kind == "place"
            and nxt < len(toks)
            and (
                toks[nxt].folded in ORG_HEADS
                or toks[nxt].folded in STREET_HEADS
                or toks[nxt].folded in REGION_ADJECTIVES
            )
            and toks[nxt].text[:1].isupper()
            and joinable(text, window[-1], toks[nxt])
        ):
            # "American Airlines", "Pakistani Army", "Fremont Avenue", "China Eastern": an
            # organization or a street named for the place, not the place; nor a shorter place
            # inside its name
            # ("Colorado" of "Colorado Springs Police")
            return None
        return n, entry
    return None


_DIRECTIONS = frozenset(
    {
        "central",
        "east",
        "west",
        "north",
        "south",
        "southeast",
        "southwest",
        "northeast",
        "northwest",
        "eastern",
        "western",
        "northern",
        "southern",
    }
)
