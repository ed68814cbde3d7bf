"""Entity mentions: gazetteer matches plus general patterns for names the gazetteers lack.

Within a document, later short forms join earlier full names: an acronym defined in
parentheses ("Al-Qaeda in the Indian Subcontinent (AQIS)"), a nickname ("Sirajuddin (Siraj)
Haqqani"), a surname after a full name ("Mike Pompeo" ... "Pompeo").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from importers.gazetteer import GazEntry, Gazetteer, is_acronym, load_gazetteer
from importers.name_gazetteer import match_gazetteer, opened_town
from importers.name_kinds import COMMON_SHAPE, SUBJECT_OF, cued_kind, opens_sentence
from importers.name_tokens import (
    Tok,
    abbreviates,
    ezafe,
    joinable,
    tokens,
    word_tail,
)
from importers.name_words import (
    COMMON_ACRONYMS,
    CONNECTORS,
    MULTI_TITLES,
    ORG_HEADS,
    PLACE_CUES,
    PLACE_HEADS,
    REGION_ADJECTIVES,
    STOP,
    TITLES,
    generic,
)
from importers.ticks import Tick, no_tick
from store.keys import name_key
from store.records import NewEntityRef, PlaceFacts


@dataclass
class EntityInfo:
    name: str
    kind: str
    aliases: set[str] = field(default_factory=set)
    place: PlaceFacts | None = None  # where a place is, once importers.geo has found it

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, name_key(self.name))


def entity_ref(info: EntityInfo) -> NewEntityRef:
    """The entity as the store takes it."""
    return NewEntityRef(info.name, info.kind, tuple(sorted(info.aliases)), info.place)


@dataclass(frozen=True)
class FoundMention:
    start: int
    end: int
    text: str
    entity: EntityInfo


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
    toks = tokens(text)
    doc = _DocEntities()
    mentions: dict[int, FoundMention] = {}  # by start offset
    covered = [False] * len(toks)

    _nicknames(text, doc)
    i = next_tick = 0
    while i < len(toks):
        if i >= next_tick:  # the first half of the stage: names the gazetteer knows
            tick("names", i / len(toks) / 2)
            next_tick = i + 4096
        hit = match_gazetteer(text, toks, i, gaz)
        if hit is None:
            town = opened_town(text, toks, i)
            if town is None:
                i += 1
                continue
            n, info = town[0], doc.get(town[1], "place")
        else:
            n, info = hit[0], doc.from_gazetteer(hit[1])
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
    _surnames_over_places(text, mentions, doc)
    return _dedupe(sorted(mentions.values(), key=lambda m: (m.start, -m.end)))


def _surnames_over_places(text: str, mentions: dict[int, FoundMention], doc: _DocEntities) -> None:
    """A one-word place the gazetteer knows that is the surname of a person this document
    names in full before it: "Nasser Hamad ... Hamad said" is not the town of Hamad; but
    "arrived in Austin" is the city, whoever Jack Austin is."""
    first_full: dict[int, int] = {}  # id of a person entity -> where its full name first stands
    for m in mentions.values():
        if m.entity.kind == "person" and " " in m.text.strip():
            first_full[id(m.entity)] = min(first_full.get(id(m.entity), m.start), m.start)
    for start, m in list(mentions.items()):
        if m.entity.kind != "place" or " " in m.text.strip():
            continue
        before = re.search(r"(\w+)\s+$", text[max(0, m.start - 20) : m.start])
        if before and before.group(1).lower() in PLACE_CUES:
            continue
        person = doc.surnames.get(name_key(m.text))
        if (
            person is not None
            and person.kind == "person"
            and first_full.get(id(person), start) < start
        ):
            mentions[start] = FoundMention(m.start, m.end, m.text, person)


# Particles that open a name and belong to it: "El Baraf", "al-Shabaab", "bin Laden", "De la
# Cruz", "Van Gogh" (capitalised at the start of a name; "the" and "of" are no such part).
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "da", "van", "von", "la"})


def _runs(text: str, toks: list[Tok], covered: list[bool]) -> list[tuple[int, int]]:
    """Maximal sequences of capitalised tokens (with connectors inside), not yet covered."""
    runs: list[tuple[int, int]] = []
    given = load_gazetteer().given_names
    i = 0
    while i < len(toks):
        if covered[i] or not toks[i].text[:1].isupper():
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and not covered[j + 1] and joinable(text, toks[j], toks[j + 1]):
            nxt = toks[j + 1]
            if (
                nxt.folded in TITLES
                and toks[j].folded not in TITLES
                and toks[j].folded not in given
                and _titled_name(toks, j + 1)
            ):
                break  # "Apple CEO Steve Jobs": the company, then the person; but after a
                # given name a title word is part of the name ("Hassan Sheikh Mohamud")
            if nxt.text[:1].isupper() or word_tail(text, toks[j], nxt):
                j += 1
            elif (
                (nxt.folded in CONNECTORS or ezafe(text, toks[j], nxt))
                and nxt.folded != "and"
                and j + 2 < len(toks)
                and toks[j + 2].text[:1].isupper()
                and not covered[j + 2]
                and joinable(text, nxt, toks[j + 2])
            ):
                j += 2
            else:
                break
        j = _listed_name(text, toks, covered, i, j)
        runs.append((i, j))
        i = j + 1
    return runs


def _listed_name(text: str, toks: list[Tok], covered: list[bool], i: int, j: int) -> int:
    """Where a name of the form "<Head> of A, B, C and D" ends: "Bureau of Alcohol, Tobacco,
    Firearms and Explosives" is one organisation, its commas and "and" inside it."""
    if toks[i].folded == "the":
        i += 1
    if not (j == i + 2 and toks[i].folded in ORG_HEADS and toks[i + 1].folded == "of"):
        return j
    if load_gazetteer().lookup((toks[j].folded,)) is not None:
        return j  # "Bank of America, Citigroup and Wells Fargo": a name, then a list of others
    k = j
    while k + 2 < len(toks) and not covered[k + 1]:
        gap = text[toks[k].end : toks[k + 1].start]
        nxt = toks[k + 1]
        if gap == ", " and nxt.text[:1].isupper() and nxt.folded not in STOP:
            k += 1
        elif (
            gap.strip() in ("", ",")
            and nxt.folded == "and"
            and toks[k + 2].text[:1].isupper()
            and not covered[k + 2]
            and not (
                k + 3 < len(toks)
                and toks[k + 3].text[:1].isupper()
                and joinable(text, toks[k + 2], toks[k + 3])
            )
        ):
            return k + 2  # the list ends with its last item, a single word as the others
        else:
            break
    return j  # no "and" closed the list: the commas were the sentence's


_HEADLINE_VERB = re.compile(r"[A-Z][a-z]+ed")
_PREP_AFTER = re.compile(r"\s+(?:in|by|during|near|at|after|for|with|on|from|outside)\b")
_AFTER_TITLE = re.compile(r"[.,]?[ \t]+")


def _title_before(text: str, title: Tok) -> bool:
    """Whether the title word ``title`` stands right before the name after it: "Gen. Gary
    Volesky", "the leader, Mullah Omar"; not the last word of a sentence or a paragraph
    ("an army general.\n\nIntelligence reports ...")."""
    lead = _AFTER_TITLE.match(text, title.end)
    if lead is None:
        return False
    return not lead.group(0).startswith(".") or len(title.text) <= 4


def _titled_name(toks: list[Tok], i: int) -> bool:
    """Whether titles starting at ``i`` lead on to a capitalised name ("CEO Steve Jobs")."""
    while i < len(toks) and toks[i].folded in TITLES:
        i += 1
    return i < len(toks) and toks[i].text[:1].isupper() and toks[i].folded not in STOP


def _classify(
    text: str,
    toks: list[Tok],
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
    h = s + 1 if toks[s].folded == "the" and e > s else s  # "the Ministry of Defense"
    if (
        e >= h + 2
        and toks[h].folded in ORG_HEADS
        and toks[h + 1].folded == "of"
        and toks[h].text[:1].isupper()
        and toks[e].text[:1].isupper()
    ):
        name = text[toks[h].start : toks[e].end]
        return h, e, doc.alias_of.get(name_key(name)) or doc.get(name, "organization")
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
        elif toks[s].folded in STOP or (
            toks[s].folded in CONNECTORS and toks[s].folded not in _PARTICLES
        ):
            s += 1
        else:
            break
    while e >= s and (toks[e].folded in CONNECTORS or toks[e].folded in STOP):
        if e > s and word_tail(text, toks[e - 1], toks[e]):
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
    if n == 1 and (toks[s].folded in PLACE_HEADS or toks[s].folded in REGION_ADJECTIVES):
        # "KANDAHAR PROVINCE": a head left after its name; "in Eastern, Southern Afghanistan":
        # a part of the place named after it
        return None
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
    if (
        known is not None
        and known.name.isupper()
        and not name.isupper()
        and not is_acronym(known.name)  # NATO stays NATO after a "Nato"
    ):
        # a dateline's or headline's capitals give way to the name as the text writes it:
        # "MILLBROOK, Ohio" then "in Millbrook" is Millbrook
        known.aliases.add(known.name)
        known.name = name
        known.aliases.discard(name)
    if known is not None and not doc.is_guess(known):
        return s, e, known
    if known is None and n == 1 and key in doc.surnames:
        return s, e, doc.surnames[key]
    if (
        known is None
        and n == 1
        and key in doc.short_names
        and not lines.lower(toks[s].folded)
        and not generic(toks[s].folded)
        and toks[s].folded not in STOP
    ):
        return s, e, doc.short_names[key]  # "Boeing" after "Boeing Commercial Airplanes"
    words = toks[s : e + 1]
    if (
        known is None
        and not person_cue
        and (
            # one word the text also writes in lower case is a common noun with a capital
            # (a headline's "Shooting", a caption's "Nightclub"), not a name
            (n == 1 and lines.lower(toks[s].folded) and not toks[s].text.isupper())
            or
            # a headline's words: "People Found Shot To Death Inside Car On Long Island"
            (n > 4 and any(t.text in _HEADLINE_WORDS for t in words))
            or (n > 2 and words[1].folded == "of" and _common_noun(words[0].folded))
        )
    ):
        return None  # "Possession of Marijuana": a common noun's phrase, not a name
    cued = cued_kind(text, toks, s, e, gaz, person_cue=person_cue)
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
    if opens_sentence(text, toks[s]) and not (
        # "Boeing unveils ...", "Boeing's newest jet": the subject of a sentence, and no word
        # of it written in lower case elsewhere in the text or shaped like a common noun.
        SUBJECT_OF.match(after)
        and not any(lines.lower(t.folded) or COMMON_SHAPE.search(t.folded) for t in toks[s : e + 1])
    ):
        return None
    if all(generic(t.folded) for t in toks[s : e + 1]):
        return None  # "Member States", "Provinces": common nouns written with a capital
    if n == 1 and prev == "the" and re.match(r"\s+of\b", after):
        return None  # "the Shade of ...": a word of a title, not a name
    if n == 1 and len(name) >= 2 and name.isupper() and toks[s].folded not in COMMON_ACRONYMS:
        return s, e, doc.get(name, "organization")
    if n == 1 and (len(name) < 3 or not name[1:].islower()):
        return None
    return s, e, doc.guessed(doc.get(name, "other"))


# Words a Title Case headline capitalises and no name does inside itself.
_HEADLINE = "To On In At For By With From Into Inside After Over Near Is Are Was Were Says Say"
_HEADLINE_WORDS = frozenset(_HEADLINE.split())


def _common_noun(word: str) -> bool:
    """A capitalised common noun that no name opens with before "of" ("Possession of
    Marijuana"), as "Bank of America" and "City of Miami Police" do with their heads."""
    return generic(word) and word not in ORG_HEADS and word not in PLACE_HEADS


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


def _acronyms(
    text: str,
    toks: list[Tok],
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
                or abbreviates(after.group(1), text[m.start : m.end])
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
