"""Entity mentions: gazetteer matches plus general patterns for names the gazetteers lack.

Within a document, later short forms join earlier full names: an acronym defined in
parentheses ("Al-Qaeda in the Indian Subcontinent (AQIS)"), a nickname ("Sirajuddin (Siraj)
Haqqani"), a surname after a full name ("Mike Pompeo" ... "Pompeo").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from importers.gazetteer import TOKEN, GazEntry, Gazetteer, load_gazetteer
from importers.ticks import Tick, no_tick
from store.keys import fold_text, name_key


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CONNECTORS = {
    "of",
    "the",
    "for",
    "and",
    "al",
    "bin",
    "ibn",
    "el",
    "de",
    "da",
    "van",
    "von",
    "ul",
    "ud",
    "la",
}
STOP = _words(
    """
    a an the according as in on at but and also this that these those however thus still instead
    therefore nevertheless again other various of for if when while after before since during
    under over it its he she they we i you his her their our my your there here then some many
    most all both each every no not yes so such what which who whom whose where why how nor or
    to from by with without about against between into through despite although though because
    unless until once meanwhile moreover furthermore indeed later earlier today yesterday
    tomorrow last next first second third new former mr mrs ms dr tags read more related see
    click share comments posted updated news breaking one two three several monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july august
    september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    amid among whether nothing everything something anything nobody everyone someone
    """
)
TITLES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "secretary",
    "minister",
    "general",
    "gen",
    "lt",
    "col",
    "colonel",
    "sgt",
    "sergeant",
    "capt",
    "captain",
    "maj",
    "major",
    "admiral",
    "adm",
    "commander",
    "cmdr",
    "sheikh",
    "shaykh",
    "mullah",
    "maulana",
    "mawlawi",
    "maulvi",
    "mufti",
    "imam",
    "emir",
    "amir",
    "senator",
    "sen",
    "rep",
    "representative",
    "governor",
    "gov",
    "ambassador",
    "king",
    "queen",
    "prince",
    "princess",
    "judge",
    "justice",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chief",
    "director",
    "chairman",
    "chairwoman",
    "ceo",
    "pope",
    "rev",
    "lord",
    "sir",
    "professor",
    "prof",
    "leader",
    "deputy",
    "envoy",
    "founder",
    "qari",
    "hafiz",
    "mawlana",
    "analyst",
    "officer",
    "official",
    "pilot",
    "soldier",
    "militant",
    "chancellor",
    "premier",
    "diplomat",
    "lawyer",
    "attorney",
    "correspondent",
    "editor",
    "fellow",
    "columnist",
    "author",
    "reporter",
    "writer",
    "assemblyman",
    "vice",
    "acting",
    "executive",
    "cfo",
    "coo",
    # police and courts
    "detective",
    "det",
    "trooper",
    "sheriff",
    "lieutenant",
    "patrolman",
    "constable",
    "inspector",
    "superintendent",
    "coroner",
    "prosecutor",
    "pastor",
    "bishop",
    "mayor",
    "councilman",
    "councilwoman",
}
MULTI_TITLES = ("secretary of state", "prime minister", "secretary of defense", "defense secretary")
ORG_HEADS = _words(
    """
    group network movement party army front council ministry department team committee
    organization organisation brigade brigades battalion force forces command agency office
    union commission corporation corp inc company co ltd llc plc gmbh foundation institute
    university bank
    court assembly parliament government alliance coalition journal news times post service
    services police guard militia association center centre airlines airways motors board bureau
    administration federation league society church school college academy fund trust program
    programme mission authority senate congress cabinet tribunal caliphate brotherhood jihad
    mujahideen council regiment division corps fleet ministry reserve press
    """
)
PLACE_HEADS = _words(
    """
    district province village city town valley region county governorate mountains mountain
    river border camp base airport square street area island islands desert peninsula sea gulf
    lake strait parish municipality oblast prefecture avenue boulevard road neighborhood
    neighbourhood township borough
    """
)
_STREET_HEADS = frozenset(
    {"street", "avenue", "road", "boulevard", "drive", "lane", "ave", "st", "rd", "blvd"}
)
PLACE_CUES = {"in", "near", "at", "outside", "across", "from", "into", "to", "toward", "towards"}


@dataclass
class EntityInfo:
    name: str
    kind: str
    aliases: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, name_key(self.name))


@dataclass(frozen=True)
class FoundMention:
    start: int
    end: int
    text: str
    entity: EntityInfo


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str
    folded: str


def _tokens(text: str) -> list[_Tok]:
    folded = fold_text(text)
    return [
        _Tok(m.start(), m.end(), m.group(0), folded[m.start() : m.end()])
        for m in TOKEN.finditer(text)
    ]


_WRAPPED_LINE = 50  # characters: a line at least this long may wrap a name onto the next


# Abbreviations that open a name, read with their full stop as part of it: "St. Louis",
# "Ft. Worth", "Mt. Kenya".
_NAME_PREFIXES = frozenset({"St", "Ste", "Ft", "Mt", "Pt"})


def _joinable(text: str, a: _Tok, b: _Tok) -> bool:
    gap = text[a.end : b.start]
    if len(gap) > 3 or "\n\n" in gap:
        return False
    if "\n" in gap and a.end - (text.rfind("\n", 0, a.start) + 1) < _WRAPPED_LINE:
        return False  # a short line is a heading or a header field, not wrapped prose
    if not re.fullmatch(r"[\s\-.'’‐–]*", gap):
        return False
    # "U.S. Army" and "St. Louis" join across ". "; "Kabul. The" does not.
    return not (re.search(r"\.\s", gap) and len(a.text) > 1) or a.text in _NAME_PREFIXES


def _cap(tok: _Tok) -> bool:
    return tok.text[:1].isupper() or tok.text[:1].isdigit()


class _DocEntities:
    """The entities of one document, merged by kind and key."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], EntityInfo] = {}
        self.alias_of: dict[str, EntityInfo] = {}  # folded alias key -> entity
        self.surnames: dict[str, EntityInfo] = {}
        # "Apple" after "Apple Computer": the first word of an organization's name
        self.short_names: dict[str, EntityInfo] = {}
        self._weak: set[int] = set()  # ids of entities whose kind is a guess, open to change

    def guessed(self, info: EntityInfo) -> EntityInfo:
        self._weak.add(id(info))
        return info

    def is_guess(self, info: EntityInfo) -> bool:
        return id(info) in self._weak

    def settle(self, info: EntityInfo, kind: str) -> None:
        """Give ``info``, so far of a guessed kind, the kind a strong cue shows."""
        self._weak.discard(id(info))
        if kind == info.kind:
            return
        self.by_key.pop(info.key, None)
        info.kind = kind
        self.by_key.setdefault(info.key, info)

    def get(self, name: str, kind: str, aliases: set[str] | None = None) -> EntityInfo:
        key = (kind, name_key(name))
        info = self.by_key.get(key)
        if info is None:
            info = EntityInfo(name, kind)
            self.by_key[key] = info
        for alias in aliases or ():
            info.aliases.add(alias)
            self.alias_of.setdefault(name_key(alias), info)
        self.alias_of.setdefault(name_key(name), info)
        if kind == "person" and len(name.split()) >= 2:
            self.surnames.setdefault(name_key(name.split()[-1]), info)
        first = re.match(r"[A-Z][a-z]{2,}\b(?![-'’])", name)
        if kind == "organization" and first and len(name.split()) >= 2:
            self.short_names.setdefault(name_key(first.group(0)), info)
        return info

    def from_gazetteer(self, entry: GazEntry) -> EntityInfo:
        return self.get(entry.name, entry.kind, set(entry.aliases))


def extract_mentions(
    text: str, gazetteer: Gazetteer | None = None, tick: Tick = no_tick
) -> list[FoundMention]:
    """Every entity mention in ``text``, left to right, without overlaps; ``tick`` is called
    every few thousand words."""
    gaz = gazetteer or load_gazetteer()
    toks = _tokens(text)
    doc = _DocEntities()
    mentions: dict[int, FoundMention] = {}  # by start offset
    covered = [False] * len(toks)

    _nicknames(text, doc)
    i = next_tick = 0
    while i < len(toks):
        if i >= next_tick:  # the first half of the stage: names the gazetteer knows
            tick("names", i / len(toks) / 2)
            next_tick = i + 4096
        hit = _match_gazetteer(text, toks, i, gaz)
        if hit is None:
            i += 1
            continue
        n, entry = hit
        info = doc.from_gazetteer(entry)
        start, end = toks[i].start, toks[i + n - 1].end
        mentions[start] = FoundMention(start, end, text[start:end], info)
        for k in range(i, i + n):
            covered[k] = True
        i += n

    # Three passes: a name the text only explains later ("Boeing said ..." before "rival
    # Boeing") is still a mention of it the second time round, and a headline's "Boeing
    # unveils ..." the third, once the body has found the name. Only the second discovers
    # names: the third would judge a run by the same words and reject it again.
    pending = _runs(text, toks, covered)
    lines = _Lines(text)
    for _pass in range(3):
        unresolved = []
        for r, run in enumerate(pending):
            if r % 1024 == 0:  # the second half: three passes over the other names
                tick("names", 0.5 + (_pass + r / len(pending)) / 6)
            found = _classify(text, toks, run, gaz, doc, lines, discover=_pass == 1)
            if found is None:
                unresolved.append(run)
                continue
            s, e, info = found
            mentions[toks[s].start] = FoundMention(
                toks[s].start, toks[e].end, text[toks[s].start : toks[e].end], info
            )
            for k in range(s, e + 1):
                covered[k] = True
        pending = unresolved

    _acronyms(text, toks, mentions, covered, doc)
    return _dedupe(sorted(mentions.values(), key=lambda m: (m.start, -m.end)))


# English words of three letters that are also acronyms of names: in all-capitals text they
# are words (shorter ones always are there).
_ENGLISH_CAPS = frozenset(
    {
        "aid",
        "art",
        "can",
        "car",
        "cut",
        "due",
        "end",
        "far",
        "few",
        "fit",
        "gas",
        "god",
        "job",
        "law",
        "lot",
        "man",
        "may",
        "men",
        "new",
        "now",
        "old",
        "one",
        "own",
        "pay",
        "per",
        "put",
        "red",
        "run",
        "sea",
        "see",
        "set",
        "sun",
        "tax",
        "two",
        "war",
        "was",
        "way",
        "who",
        "win",
        "won",
    }
)


def _shouting(text: str, start: int, end: int) -> bool:
    """Whether the text around [start, end) is written in capitals (a headline, a transcript),
    so that a capitalised word there says nothing of being a name."""
    around = text[max(0, start - 60) : end + 60]
    letters = [c for c in around if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _org_head_of_before(text: str, toks: list[_Tok], i: int) -> bool:
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


def _org_head_ends(text: str, toks: list[_Tok], nxt: int) -> bool:
    """Whether capitalised words after a place end, within three, in an organisation head:
    "Nigerian Air Force", "Afghan National Army"."""
    for k in range(nxt, min(nxt + 3, len(toks))):
        tok = toks[k]
        if not tok.text[:1].isupper() or not _joinable(text, toks[k - 1], tok):
            return False
        if tok.folded in ORG_HEADS:
            return k > nxt  # one word right after is the older rule's ("American Airlines")
    return False


def _match_gazetteer(
    text: str, toks: list[_Tok], i: int, gaz: Gazetteer
) -> tuple[int, GazEntry] | None:
    # How far the tokens from i run on joined: a longer window could never match.
    reach = 1
    while reach < min(gaz.max_len, len(toks) - i) and _joinable(
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
        if joined in entry.modifiers and not _MEMBER_AFTER.match(text, window[-1].end):
            continue  # "Haqqani" names the network only in "a Haqqani commander"
        if joined in entry.acronyms:
            if not all(t.text.isupper() or t.text.isdigit() for t in window):
                continue
            if _shouting(text, window[0].start, window[-1].end) and (
                len(joined.replace(" ", "")) < 3 or joined in _ENGLISH_CAPS
            ):
                continue  # "WHAT IS DESCRIBED AS A DRIVE-BY SHOOTING": the verb, not IS
        elif not _cap(window[-1]):
            continue
        if n == 1 and len(window[0].text) <= 2 and joined not in entry.acronyms:
            continue
        if entry.standalone and i > 0 and _name_part(text, toks[i - 1], toks[i]):
            continue
        nxt = i + n
        if (
            entry.kind == "place"
            and n == 1
            and key[0] in gaz.given_names
            and nxt < len(toks)
            and _name_part(text, window[0], toks[nxt])
        ):
            continue  # "Mary Barra": a given name before a surname, not the city of Mary
        demonym = n == 1 and not window[0].text.isupper() and window[0].text != entry.name
        if entry.kind == "place" and (
            _org_head_of_before(text, toks, i) or (demonym and _org_head_ends(text, toks, nxt))
        ):
            continue  # "Bank of America", "Nigerian Air Force": the organization, not the place
        if (
            entry.kind == "place"
            and nxt < len(toks)
            and toks[nxt].folded in _STREET_HEADS
            and toks[nxt].text[:1].isupper()
            and _joinable(text, window[-1], toks[nxt])
        ):
            continue  # "Fremont Avenue": a street, not the city of Fremont
        if (
            entry.kind == "place"
            and nxt < len(toks)
            and toks[nxt].folded in ORG_HEADS
            and toks[nxt].text[:1].isupper()
            and _joinable(text, window[-1], toks[nxt])
        ):
            continue  # "American Airlines", "Pakistani Army": the organization, not the place
        return n, entry
    return None


# A member noun after a group's short name ("a Haqqani senior leader", "Haqqani fighters").
_MEMBER_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:commanders?|leaders?|leadership|facilitators?|fighters?|insurgents?|"
    r"militants?|members?|operatives?|financiers?|suppliers?|couriers?|cells?|supporters?|"
    r"affiliates?|activity|activities|operations?|attacks?|networks?|elements?|safe\s+havens?)\b"
)


def _name_part(text: str, prev: _Tok, tok: _Tok) -> bool:
    """Whether ``prev`` carries a capitalised name on into ``tok`` ("Abraham Lincoln")."""
    return prev.text[:1].isupper() and prev.folded not in STOP and _joinable(text, prev, tok)


def _word_tail(text: str, a: _Tok, b: _Tok) -> bool:
    """ "Qal’ah", "Panjwa'i": lower-case letters after an apostrophe inside a name, which
    a possessive or a contraction ("Kabul's", "don't") is not."""
    return text[a.end : b.start] in ("'", "’") and b.folded not in ("s", "t", "d", "ll", "re", "ve")


def _ezafe(text: str, a: _Tok, b: _Tok) -> bool:
    """The Persian and Pashto link of "Nahr-e Saraj", "Nawah-ye Barakzai", "Hezb-i-Islami"."""
    return b.folded in ("e", "ye", "i") and text[a.end : b.start] == "-"


def _runs(text: str, toks: list[_Tok], covered: list[bool]) -> list[tuple[int, int]]:
    """Maximal sequences of capitalised tokens (with connectors inside), not yet covered."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if covered[i] or not toks[i].text[:1].isupper():
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and not covered[j + 1] and _joinable(text, toks[j], toks[j + 1]):
            nxt = toks[j + 1]
            if nxt.folded in TITLES and toks[j].folded not in TITLES and _titled_name(toks, j + 1):
                break  # "Apple CEO Steve Jobs": the company, then the person
            if nxt.text[:1].isupper() or _word_tail(text, toks[j], nxt):
                j += 1
            elif (
                (nxt.folded in CONNECTORS or _ezafe(text, toks[j], nxt))
                and nxt.folded != "and"
                and j + 2 < len(toks)
                and toks[j + 2].text[:1].isupper()
                and not covered[j + 2]
                and _joinable(text, nxt, toks[j + 2])
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j + 1
    return runs


_HEADLINE_VERB = re.compile(r"[A-Z][a-z]+ed")
_PREP_AFTER = re.compile(r"\s+(?:in|by|during|near|at|after|for|with|on|from|outside)\b")
_AFTER_TITLE = re.compile(r"[.,]?[ \t]+")


def _title_before(text: str, title: _Tok) -> bool:
    """Whether the title word ``title`` stands right before the name after it: "Gen. Gary
    Volesky", "the leader, Mullah Omar"; not the last word of a sentence or a paragraph
    ("an army general.\n\nIntelligence reports ...")."""
    lead = _AFTER_TITLE.match(text, title.end)
    if lead is None:
        return False
    return not lead.group(0).startswith(".") or len(title.text) <= 4


def _titled_name(toks: list[_Tok], i: int) -> bool:
    """Whether titles starting at ``i`` lead on to a capitalised name ("CEO Steve Jobs")."""
    while i < len(toks) and toks[i].folded in TITLES:
        i += 1
    return i < len(toks) and toks[i].text[:1].isupper() and toks[i].folded not in STOP


def _classify(
    text: str,
    toks: list[_Tok],
    run: tuple[int, int],
    gaz: Gazetteer,
    doc: _DocEntities,
    lines: _Lines,
    *,
    discover: bool = False,
) -> tuple[int, int, EntityInfo] | None:
    """What a capitalised run names. Cues decide the kind; with ``discover``, a name with no
    cue is still kept, as an organization when written as an acronym and otherwise as
    ``other``, unless it may only be capitalised for opening a sentence or a title."""
    s, e = run
    person_cue = False
    whole = " ".join(t.folded for t in toks[s : e + 1])
    # "Bank of America", "Army of National Liberation", "Ministry of Interior": an
    # organisation head opens a capitalised run, "of" follows it.
    if (
        e >= s + 2
        and toks[s].folded in ORG_HEADS
        and toks[s + 1].folded == "of"
        and toks[s].text[:1].isupper()
        and toks[e].text[:1].isupper()
    ):
        name = text[toks[s].start : toks[e].end]
        return s, e, doc.alias_of.get(name_key(name)) or doc.get(name, "organization")
    # "General Motors", "Royal Air Force": an organization head ends a capitalised run;
    # after a given name it is a surname ("Jim Press").
    if (
        e > s
        and toks[e].folded in ORG_HEADS
        and not (e == s + 1 and toks[s].folded in gaz.given_names)
        and toks[s].folded not in STOP
        and all(t.text[:1].isupper() for t in toks[s : e + 1])
    ):
        name = text[toks[s].start : toks[e].end]
        place = gaz.lookup((toks[s].folded,))
        if toks[e].folded == "department" and e == s + 1 and place and place.kind == "place":
            # "Cordoba Department": a country's first-level area named for its town
            return s, e, doc.alias_of.get(name_key(name)) or doc.get(name, "place")
        return s, e, doc.alias_of.get(name_key(name)) or doc.get(name, "organization")
    if whole in MULTI_TITLES or all(
        t.folded in TITLES or t.folded in CONNECTORS for t in toks[s : e + 1]
    ):
        return None
    # Titles in front: "Secretary of State Mike Pompeo", "emir Asim Umar".
    while s <= e:
        words = " ".join(t.folded for t in toks[s : e + 1])
        multi = next((m for m in MULTI_TITLES if words.startswith(m + " ")), None)
        if multi:
            s += len(multi.split())
            person_cue = True
        elif toks[s].folded in TITLES and s < e:
            s += 1
            person_cue = True
        elif toks[s].folded in STOP or toks[s].folded in CONNECTORS:
            s += 1
        else:
            break
    while e >= s and (toks[e].folded in CONNECTORS or toks[e].folded in STOP):
        if e > s and _word_tail(text, toks[e - 1], toks[e]):
            break  # the "i" of "Panjwa'i"
        e -= 1
    if s > e:
        return None
    prev = toks[s - 1].folded if s > 0 else ""
    if (prev in TITLES or prev in ("secretary", "minister")) and _title_before(text, toks[s - 1]):
        person_cue = True
    name = text[toks[s].start : toks[e].end]
    key = name_key(name)
    n = e - s + 1
    after = text[toks[e].end : toks[e].end + 40]

    if (
        person_cue
        and lines.is_title(toks[s].start)
        and (
            all(lines.lower(t.folded) for t in toks[s : e + 1])
            or (s == e and _HEADLINE_VERB.fullmatch(toks[s].text) and _PREP_AFTER.match(after))
        )
    ):
        return None  # "Taliban Leader Captured in Kandahar": a headline's verb, not a name
    known = doc.alias_of.get(key)
    if known is not None and not doc.is_guess(known):
        return s, e, known
    if known is None and n == 1 and key in doc.surnames:
        return s, e, doc.surnames[key]
    if (
        known is None
        and n == 1
        and key in doc.short_names
        and not lines.lower(toks[s].folded)
        and not _generic(toks[s].folded)
        and toks[s].folded not in STOP
    ):
        return s, e, doc.short_names[key]  # "Boeing" after "Boeing Commercial Airplanes"
    cued = _cued_kind(text, toks, s, e, gaz, person_cue=person_cue)
    if known is not None:
        # A name first met with only a weak cue ("from Apple", a sentence's subject) takes
        # the kind a stronger cue gives it later ("Apple's shares"), in every mention.
        if cued is not None and cued[1]:
            doc.settle(known, cued[0])
        return s, e, known
    if cued is not None:
        info = doc.get(name, cued[0])
        return s, e, info if cued[1] else doc.guessed(info)
    if not discover or n > 4 or lines.is_title(toks[s].start):
        return None
    if any(t.folded in STOP or t.folded in TITLES for t in (toks[s], toks[e])):
        return None
    if _opens_sentence(text, toks[s]) and not (
        # "Boeing unveils ...", "Boeing's newest jet": the subject of a sentence, and no word
        # of it written in lower case elsewhere in the text or shaped like a common noun.
        _SUBJECT_OF.match(after)
        and not any(
            lines.lower(t.folded) or _COMMON_SHAPE.search(t.folded) for t in toks[s : e + 1]
        )
    ):
        return None
    if all(_generic(t.folded) for t in toks[s : e + 1]):
        return None  # "Member States", "Provinces": common nouns written with a capital
    if n == 1 and prev == "the" and re.match(r"\s+of\b", after):
        return None  # "the Shade of ...": a word of a title, not a name
    if n == 1 and len(name) >= 2 and name.isupper() and toks[s].folded not in COMMON_ACRONYMS:
        return s, e, doc.get(name, "organization")
    if n == 1 and (len(name) < 3 or not name[1:].islower()):
        return None
    return s, e, doc.guessed(doc.get(name, "other"))


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


def _cued_kind(
    text: str, toks: list[_Tok], s: int, e: int, gaz: Gazetteer, *, person_cue: bool
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
    if _PLACE_OF.search(before):
        return "place", True
    if prev in PLACE_CUES and n <= 2 and not toks[s].text.isupper() and not head.endswith("s"):
        sentence_start = s == 0 or re.search(
            r"[.!?\n]\s*$", text[max(0, toks[s].start - 3) : toks[s].start]
        )
        if not sentence_start and re.match(r"[\s,.;:)]|$", after):
            return "place", False
    return None


# Capitalised in titles and headings, rarely a name on their own.
COMMON_NOUNS = _words(
    """
    chapter commission assembly university government house project terminal province company
    city highway soldiers commandos coalition republic release report section article page
    president minister state states national international federal central general member
    avenue ave street st road rd drive dr boulevard blvd lane ln highway hwy park hospital
    jail court channel ward sheriff children year weather sports video image caption photo
    javascript east west south north southeast southwest northeast northwest authorities
    police officials people christmas eve thanksgiving easter halloween day night morning
    """
)


def _generic(word: str) -> bool:
    singular = word[:-1] if word.endswith("s") else word
    return any(w in COMMON_NOUNS or w in ORG_HEADS or w in PLACE_HEADS for w in (word, singular))


COMMON_ACRONYMS = _words(
    """
    ceo cfo coo cto vp tv am pm utc gmt est pst ok id pdf gdp dna hiv aids suv vip faq
    ied ieds ak usd eur gbp ph phd mp mps pr it uk us hq rpg rpgs ap afp mph km kg lb lbs
    cd dvd pc os sdk led usb gps sms mb gb kb
    """
)
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
    # apposition: "Chrysler, another U.S. car maker", "Boeing, the planemaker"
    r",\s+(?:the|a|an|another)\s+(?:[\w.'’-]+\s+){0,4}?(?:company|firm|carrier|airline|"
    r"(?:car|auto|plane|chip)?\s?maker|manufacturer|retailer|conglomerate|bank|insurer|"
    r"automaker|carmaker|planemaker|chipmaker|group|corporation)\b",
    re.IGNORECASE,
)


# "the village of Goldar", "the town of Sonjaray": a settlement named after its kind.
_PLACE_OF = re.compile(
    r"(?i)\b(?:village|villages|town|city|district|province|region|valley|outskirts|suburb|"
    r"neighbou?rhood|port|island)\s+of\s+$"
)


def _opens_sentence(text: str, tok: _Tok) -> bool:
    return tok.start == 0 or bool(
        re.search(r"(?:^|[.!?:;\n\"“‘'`(\[—–-])\s*$", text[max(0, tok.start - 4) : tok.start])
    )


# What follows a sentence's subject when it is a name: a possessive or a reporting verb.
_SUBJECT_OF = re.compile(
    r"(?:['’]s\b|(?:\s+(?:today|yesterday|also|now|recently|officially|finally))?"
    r"\s+(?:said|says|has|had|is|was|will|would|announced|announces|unveiled|"
    r"unveils|launched|launches|released|releases|reported|reports|claims|claimed|plans|"
    r"planned|agreed|agrees|posted|posts|expects|expected|sold|sells|bought|buys|won|wins|"
    r"delivered|delivers|signed|signs|filed|files|denied|denies|confirmed|confirms|"
    r"introduced|introduces|issued|issues|rejected|rejects|named|names|hired|hires)\b)"
)


# Endings of common nouns and adjectives ("Officials", "Intelligence", "Construction",
# "Declining", "Preliminary"), rare at the end of a name.
_COMMON_SHAPE = re.compile(
    r"(?:[^su]s|ing|ness|tion|sion|ence|ance|ment|ity|ial|ary|ive|ous|ful|less|ly)$"
)


class _Lines:
    """The lines of one text, each judged once: is it written in Title Case (a headline)?
    Judging the line again for every name on it made a text of one long line quadratic. Also
    the words the text writes in lower case, collected once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._title: dict[int, bool] = {}
        self._lower: frozenset[str] | None = None

    def lower(self, word: str) -> bool:
        """Is ``word`` (folded) written in lower case somewhere in the text?"""
        if self._lower is None:
            self._lower = frozenset(re.findall(r"\b[a-z][a-z'’-]*\b", self.text))
        return word in self._lower

    def is_title(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i not in self._title:
            end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
            words = re.findall(r"[A-Za-z][\w'’-]{3,}", self.text[self.starts[i] : end])
            capital = sum(w[0].isupper() for w in words)
            self._title[i] = len(words) >= 2 and capital >= 0.6 * len(words)
        return self._title[i]


def _nicknames(text: str, doc: _DocEntities) -> None:
    """ "Sirajuddin (Siraj) Haqqani": the short form becomes an alias of the full name."""
    for m in re.finditer(r"\b([A-Z][a-z]+)\s+\(([A-Z][a-z]+)\)\s+([A-Z][a-z]+)\b", text):
        full = f"{m[1]} {m[3]}"
        doc.get(full, "person", {f"{m[2]} {m[3]}"})


def _abbreviates(short: str, long: str) -> bool:
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


def _acronyms(
    text: str,
    toks: list[_Tok],
    mentions: dict[int, FoundMention],
    covered: list[bool],
    doc: _DocEntities,
) -> None:
    """ "Long Name (ACR)": ACR joins Long Name, and later bare ACRs are mentions of it; a
    dateline's "(AP)" after a city is no such definition."""
    ordered = sorted(mentions.values(), key=lambda m: m.start)
    defined: dict[str, EntityInfo] = {}
    for m in ordered:
        after = re.match(r"\s*\(([A-Z][A-Za-z]{1,7})\)", text[m.end : m.end + 12])
        if (
            after
            and (after.group(1).isupper() or sum(c.isupper() for c in after.group(1)) >= 2)
            # an organisation's short form may be of its name in another language ("State
            # Property Agency (AVAS)"); any other name's must abbreviate it
            and (
                m.entity.kind == "organization"
                or _abbreviates(after.group(1), text[m.start : m.end])
            )
        ):
            acr = after.group(1)
            m.entity.aliases.add(acr)
            defined[acr] = m.entity
    if not defined:
        return
    for idx, tok in enumerate(toks):
        if covered[idx] or tok.text not in defined:
            continue
        mentions[tok.start] = FoundMention(tok.start, tok.end, tok.text, defined[tok.text])
        covered[idx] = True


def _dedupe(found: list[FoundMention]) -> list[FoundMention]:
    out: list[FoundMention] = []
    for m in found:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out
