"""Temporal tagger: finds temporal expressions and normalises them to TIMEX3-style values.

Finding spans and keeping granularity are ours (regular grammar over English expressions);
dateparser confirms the month words of explicit calendar dates. Relative and underspecified
expressions ("last September", "in September", "two years ago", "on Tuesday") resolve against a
:class:`Reference`; without one they keep an unresolved value such as ``XXXX-09``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from importers.ticks import Tick, no_tick
from importers.timex_lexicon import (
    AMBIGUOUS_MONTHS,
    BE_FORMS,
    DAY_NAMES,
    DAYNUM,
    DECADE_WORDS,
    DEFERRALS,
    FUTURE_CUES,
    HOLIDAY,
    HOLIDAYS,
    MONTH,
    MONTH_NAMES,
    MONTHS,
    NUM,
    NUMBER_WORDS,
    ORDINALS,
    PAST_CUES,
    SEASON_START,
    SEASONS,
    UNIT,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAY,
    WEEKDAYS,
    YEAR4,
    YEAR_CUES,
    YEAR_WORDS,
)
from store.timespan import TimeSpan, add_months, span_of_value


@dataclass(frozen=True)
class Reference:
    """The date relative expressions are resolved against, and whether it was inferred.

    A reference inferred from the text may be known only to a month or a year (``period``,
    a TIMEX3 value): ``date`` is then the last day of that period, and an expression finer
    than the period ("Thursday" against "June 2011") is left unresolved."""

    date: dt.date
    inferred: bool = False
    source: str = "option"
    period: str = ""

    @property
    def value(self) -> str:
        """The reference as a TIMEX3 value, no finer than it is known."""
        return self.period or self.date.isoformat()

    @property
    def granularity(self) -> str:
        span = span_of_value(self.period) if self.period else None
        return span.granularity if span is not None else "day"


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    granularity: str
    mod: str = ""
    relative: bool = False  # resolved against the reference date
    inferred: bool = False  # ... and that reference was itself inferred

    @property
    def span(self) -> TimeSpan | None:
        """The calendar range this expression names, if it names one."""
        if self.type not in ("DATE", "TIME"):
            return None
        return span_of_value(self.value)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "granularity": self.granularity,
        }
        if self.mod:
            out["mod"] = self.mod
        if self.inferred:
            out["inferred"] = True
        return out


@dataclass(frozen=True)
class _Found:
    type: str
    value: str
    granularity: str
    mod: str = ""
    relative: bool = False
    years_back: int = 0  # "a year earlier": the period under discussion, this many years back
    # "later that day", "the following year": (unit, shift) from the last date the text named
    anaphor: tuple[str, int] | None = None
    estimated: bool = False  # the calendar gives the day only within a day or so
    # the finest part of the reference the value rests on, when coarser than the value:
    # "Dec. 9" takes only a year, chosen by the month, so a reference known to a month will do
    anchor: str = ""
    compared: bool = False  # "the quarter a year ago": a period a year back, not the one reported


def _cue(token: str, beyond: tuple[str, ...], left: bool) -> str | None:
    """The tense a word signals, if any. ``beyond`` are the next words away from the
    expression (lower case), and ``left`` says the word comes before it."""
    word = token.lower()
    neighbour = beyond[0] if beyond else ""
    if left and word in FUTURE_CUES and (neighbour == "had" or beyond[:2] == ("been", "had")):
        return "past"  # a plan overtaken: "had been due to expire Friday", "had planned to"
    if word in FUTURE_CUES or (word == "going" and neighbour == "to"):
        return "future"
    if left and word == "set" and neighbour in BE_FORMS:
        return "future"  # "is set for Friday"; "the record set on Aug. 6" is a participle
    if left and word == "to" and neighbour in ("set", "is", "are", "about"):
        return "future"  # "set to resume Monday", "is to resume trading Tuesday"
    if left and word in ("soon", "early") and neighbour == "as":
        return "future"  # "as soon as Tuesday", "as early as Tuesday"
    if neighbour in ("be", "been", "being", "to"):
        return None  # "will be held": a participle; the auxiliary further out has the tense
    if not left and neighbour == "by":
        return None  # a participle after its noun: "markets untouched by the crisis"
    if word in PAST_CUES or (len(word) > 4 and token.islower() and word.endswith("ed")):
        return "past"  # a capital -ed word is a name: "the United States Thursday"
    return None


# The end of a sentence, a clause after a semicolon, or a paragraph: tense and the day a
# clock time is on are read within it.
# A full stop after an abbreviation ("9 a.m. Tuesday", "Mr. Bush", "Jan. 5") ends nothing.
_ABBREVIATIONS = (
    "a.m p.m Mr Mrs Ms Dr Gen Lt Col Maj Brig Adm Sgt Cpl Pvt Capt Gov Sen Rep Prof Rev St Mt Ft "
    "Jr Sr No vs Inc Corp Co Ltd Bros U.S U.N U.K "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thurs Fri Sat Sun"
)
_CLAUSE_END = (
    r"(?:[!?;\n]|" + "".join(rf"(?<!\b{re.escape(a)})" for a in _ABBREVIATIONS.split()) + r"\.)\s"
)


class _Ctx:
    """What a rule may look at: the text, the reference and the tense around a match."""

    def __init__(self, text: str, ref: Reference | None) -> None:
        self.text = text
        self.ref = ref

    def tense(self, start: int, end: int) -> str | None:
        """ "past", "future" or None: the tense of the sentence around [start, end)."""
        found = self.cue(start, end)
        return found[0] if found else None

    def cue(self, start: int, end: int) -> tuple[str, str] | None:
        """The tense around [start, end) and the word that signals it."""
        # The whole sentence, within reason: its verb may be far from the date ("Shares rose
        # sharply ..., lifting the index to within a few points of its high of June").
        lo = max(0, start - 250)
        hi = min(len(self.text), end + 250)
        before = re.split(_CLAUSE_END, self.text[lo:start])[-1]
        # "and" or "but" before a lower-case word starts another clause; before a capital it
        # joins names ("the National Abortion and Reproductive Rights Action League").
        after = re.split(rf"{_CLAUSE_END}|\s(?:and|but)\s(?![A-Z])", self.text[end:hi])[0]
        # The cue nearest the expression governs it: in "said on Tuesday that Iraq would
        # retaliate", "said" (two words away) dates Tuesday, not "would".
        # "next to the embassy" is a place, not a time to come
        before, after = (re.sub(r"(?i)\bnext\s+to\b", "beside", x) for x in (before, after))
        left = re.findall(r"[A-Za-z']+", before)[::-1]
        right = re.findall(r"[A-Za-z']+", after)
        # a deadline: "gave the relatives until 9 a.m. Tuesday", "postponed until Tuesday"
        until = next((i for i, w in enumerate(left[:4]) if w.lower() in ("until", "till")), None)
        if until is not None and DEFERRALS.intersection(
            w.lower() for w in left[until + 1 : until + 8]
        ):
            return "future", left[until]
        nearest: tuple[int, int, str, str] | None = None  # (distance, side, tense, word)
        for side, words in enumerate((left, right)):
            for distance, word in enumerate(words):
                beyond = tuple(w.lower() for w in words[distance + 1 : distance + 3])
                tense = _cue(word, beyond, left=side == 0)
                if tense is not None:
                    if nearest is None or (distance, side) < nearest[:2]:
                        nearest = (distance, side, tense, word)
                    break
        return (nearest[2], nearest[3]) if nearest else None

    def word_before(self, start: int) -> str:
        m = re.search(r"([A-Za-z]+)[\s,]*$", self.text[max(0, start - 30) : start])
        return m.group(1).lower() if m else ""


Rule = Callable[[re.Match[str], _Ctx], _Found | None]
_RULES: list[tuple[re.Pattern[str], Rule, int]] = []


def _rule(pattern: str, priority: int = 5, flags: int = re.IGNORECASE) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        _RULES.append((re.compile(pattern, flags), fn, priority))
        return fn

    return register


# -- helpers ----------------------------------------------------------------------------------
def _month_of(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _day_of(word: str) -> int:
    """The day of the month in "23", "23rd"."""
    return int(re.sub(r"\D", "", word))


def _month_ok(m: re.Match[str], group: str, ctx: _Ctx, *, bare: bool) -> bool:
    word = m.group(group)
    if not word[0].isupper():
        return False
    key = word.lower().rstrip(".")
    if bare and key in AMBIGUOUS_MONTHS and not word.endswith("."):
        if re.match(r" [A-Z][a-z]", ctx.text[m.end(group) : m.end(group) + 3]):
            return False  # a given name: "Jan Kavan", "May Smith"
        return ctx.word_before(m.start(group)) in YEAR_CUES | {"last", "this", "next", "mid"}
    return True


def _number(word: str) -> float | None:
    w = re.sub(r"\s+", " ", word.lower())
    half = re.fullmatch(r"(.+?)(?: and a half| 1/2)", w)  # "two and a half", "2 1/2"
    if half:
        whole = _number(half.group(1))
        return None if whole is None else whole + 0.5
    if w in VAGUE_NUMBERS:
        return None
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    parts = re.split(r"[-\s]", w)
    if len(parts) == 2 and parts[1] in ("hundred", "thousand"):  # "a hundred", "two thousand"
        times = 1 if parts[0] in ("a", "an") else NUMBER_WORDS.get(parts[0])
        return None if times is None else times * NUMBER_WORDS[parts[1]]
    if len(parts) == 2 and all(p in NUMBER_WORDS for p in parts):  # "twenty-four", "twenty four"
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    try:
        return float(w)
    except ValueError:
        return None


def _fmt_num(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


def _unit_key(word: str) -> str:
    w = word.lower()
    if w == "centuries":
        return "century"
    return w[:-1] if w.endswith("s") and w[:-1] in UNITS else w


# A fraction of these units is written in the next smaller one: P2Y6M, PT5H30M, P1DT12H.
_SMALLER = {
    "year": ("month", 12),
    "day": ("hour", 24),
    "hour": ("minute", 60),
    "minute": ("second", 60),
}


def _duration(n: float | None, unit: str) -> str:
    if n is not None and not float(n).is_integer() and unit in _SMALLER:
        smaller, factor = _SMALLER[unit]
        whole, part = int(n), (n - int(n)) * factor
        if float(part).is_integer():
            big = _duration(whole, unit) if whole else "P"
            small = _duration(part, smaller)[1:]
            if "T" in big and small.startswith("T"):
                small = small[1:]
            return big + small
    t, code = UNITS[unit]
    factor = re.match(r"\d+", code)
    if factor:  # a fortnight, a decade, a century: a multiple of a smaller unit
        times = int(factor.group(0))
        return f"P{t}{_fmt_num(None if n is None else n * times)}{code[factor.end() :]}"
    return f"P{t}{_fmt_num(n)}{code}"


def _year2(yy: int, ref: Reference | None) -> int:
    pivot = (ref.date.year if ref else dt.date.today().year) + 10
    year = 2000 + yy
    return year if year <= pivot else 1900 + yy


def _spoken_year(words: str) -> int | None:
    """The year of "nineteen ninety-seven", "nineteen oh five" or "two thousand and one"."""
    w = re.split(r"[\s-]+", words.lower())
    if w[:2] == ["two", "thousand"]:
        rest = [x for x in w[2:] if x != "and"]
        return 2000 + int(sum(NUMBER_WORDS[x] for x in rest))
    century = NUMBER_WORDS[w[0]]
    if w[1] == "hundred":
        return century * 100
    return century * 100 + int(sum(NUMBER_WORDS[x] for x in w[1:] if x != "oh"))


_AGAINST_TENSE = 180  # days: the tense outweighs up to half a year's difference in distance


def _choose_year(month: int, day: int, ctx: _Ctx, m: re.Match[str], rel: str = "") -> int | None:
    """The year of an underspecified month (and day) by the news convention."""
    if ctx.ref is None:
        return None
    ref = ctx.ref.date
    here = (month, day)
    now = (ref.month, ref.day if day else 0)
    if rel in ("last", "past", "previous"):
        return ref.year if here < now else ref.year - 1
    if rel in ("next", "coming"):
        return ref.year if here > now else ref.year + 1
    if rel == "this":
        return ref.year
    cue = ctx.cue(m.start(), m.end())
    tense = cue[0] if cue else None
    stated = cue is not None and cue[1].lower() in ("will", "'ll", "shall")

    def days_away(y: int) -> int | None:
        if not day:
            return round(((y - ref.year) * 12 + month - ref.month) * 30.4)
        try:
            return (dt.date(y, month, day) - ref).days
        except ValueError:  # 29 February of a common year
            return None

    return _nearest_year(ref.year, days_away, tense, stated)


def _nearest_year(
    year: int, days_away: Callable[[int], int | None], tense: str | None, stated: bool = False
) -> int:
    """Of the years around ``year``, the one whose reading is nearest the reference, unless it
    goes against the tense around the expression and is not half a year nearer; a tie goes to
    the past, as news mostly reports what happened. A future ``stated`` by "will" ("will fly
    a mission in December", said in March) is never read against."""

    def cost(y: int) -> float:
        days = days_away(y)
        if days is None or (stated and days < 0):
            return float("inf")
        return _tense_cost(days, tense)

    return min((year - 1, year, year + 1), key=cost)


def _tense_cost(days: int, tense: str | None) -> float:
    """How far a reading ``days`` from the reference lies, counting a reading against the
    tense as half a year further, and a future one a little further than a past one."""
    against = (tense == "past" and days > 0) or (tense == "future" and days < 0)
    return abs(days) + (_AGAINST_TENSE if against else 0) + (0.5 if days > 0 else 0)


@lru_cache(maxsize=1024)
def _dp_month(word: str, order: str) -> int | None:
    """The month dateparser reads in one month word, cached by the word: the grammar has found
    day, month and year, dateparser confirms how the word reads ("Sept.", "Febr"), and the
    calendar checks the day. One parse per distinct word keeps a list of 100,000 dates as
    cheap per line as prose."""
    import dateparser

    settings = {
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month", "year"],
        "DATE_ORDER": order,
        "PARSERS": ["absolute-time"],
    }
    # day 15 cannot be read as a month, year 2000 as anything but a year
    probe = f"{word} 15, 2000" if order == "MDY" else f"15 {word} 2000"
    got = dateparser.parse(probe, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return got.month if got else None


def _explicit_day(word: str, year: int, month: int, day: int, order: str = "MDY") -> str | None:
    """The ISO day of an explicit date whose month is written ``word``, or None where the
    calendar has no such day or dateparser reads the word as another month."""
    try:
        expected = dt.date(year, month, day)
    except ValueError:
        return None
    read = _dp_month(re.sub(r"\s+", " ", word).strip(" ,"), order)
    if read is not None and read != month:
        return None
    return expected.isoformat()


def _mod(word: str | None) -> str:
    if not word:
        return ""
    w = re.sub(r"\s+", " ", word.lower()).strip(" -")
    if w in ("early", "the beginning of", "the start of", "beginning of", "start of"):
        return "START"
    if w in ("late", "the end of", "end of", "the close of"):
        return "END"
    if w in ("mid", "the middle of", "middle of"):
        return "MID"
    return ""


MODPRE = (
    r"(?P<mod>early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
    r"the\s+middle\s+of|end\s+of|the\s+close\s+of)"
)


def _underspecified_day(
    month: int, day: int, ctx: _Ctx, m: re.Match[str], rel: str = ""
) -> _Found | None:
    """A month and day without a year ("Dec. 9", "last Oct. 23"), its year from the reference
    date."""
    year = _choose_year(month, day, ctx, m, rel)
    if year is None:
        return _Found("DATE", f"XXXX-{month:02d}-{day:02d}", "day", relative=True)
    try:
        value = dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    return _Found("DATE", value, "day", relative=True, anchor="month")


# -- absolute dates ---------------------------------------------------------------------------
@_rule(r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d))?\b")
def _iso(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["H"]:
        return _Found("TIME", f"{day.isoformat()}T{m['H']}:{m['M']}", "time")
    return _Found("DATE", day.isoformat(), "day")


@_rule(r"(?<![\d/])(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![\d/])")
def _slash(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    a, b = int(m["a"]), int(m["b"])
    year = int(m["y"]) if len(m["y"]) == 4 else _year2(int(m["y"]), ctx.ref)
    month, day = (a, b) if a <= 12 else (b, a)
    try:
        return _Found("DATE", dt.date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


_RANGE_JOIN = r"\s*(?:-|–|\band\b|\bor\b|\bto\b|\bthrough\b)\s*"
# after the last day of a range: not a count ("April 24 and 25 percent", "25 people")
_NOT_A_COUNT = (
    r"(?![\d:])(?!\s*%)"
    r"(?!\s+(?:percent|per|of|more|other|people|men|women|children|[a-z]+s)\b)"
)


@_rule(
    rf"\b(?:{WEEKDAY},?\s+)?(?:{MODPRE}\s+)?(?:(?P<rel>last|this|next)\s+)?(?P<mon>{MONTH})"
    rf"\s+(?P<d>{DAYNUM})(?:,?\s+(?P<y>{YEAR4})(?!\d)|(?={_RANGE_JOIN}{DAYNUM},?\s+(?P<ry>{YEAR4})(?!\d)))?",
    priority=3,
    flags=0,
)
def _month_day(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "Sept. 23, 2019", "Dec. 9", "last Oct. 23"; the first day of "Dec. 24-26, 1998" takes
    the year the range ends with."""
    if not _month_ok(m, "mon", ctx, bare=False):
        return None
    month, day = _month_of(m["mon"]), _day_of(m["d"])
    year = m["y"] or m.groupdict().get("ry")
    if year:
        value = _explicit_day(m["mon"], int(year), month, day, "MDY")
        return _Found("DATE", value, "day") if value else None
    return _underspecified_day(month, day, ctx, m, (m.groupdict().get("rel") or "").lower())


@_rule(
    rf"\b(?P<mon>{MONTH})\s+(?P<d1>{DAYNUM}){_RANGE_JOIN}"
    rf"(?P<t>(?P<d>{DAYNUM})(?:,?\s+(?P<y>{YEAR4})(?!\d)|{_NOT_A_COUNT}))",
    priority=3,
    flags=0,
)
def _range_end(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """The second day of "April 24 and 25", "Dec. 24-26, 1998": a day of the same month."""
    if _day_of(m["d1"]) >= _day_of(m["d"]):
        return None
    return _month_day(m, ctx)


@_rule(
    rf"(?<![\d.,])(?P<t>(?P<d>{DAYNUM})){_RANGE_JOIN}(?P<d2>{DAYNUM})(?:\s+of)?\s+(?P<mon>{MONTH})"
    rf"(?:,?\s+(?P<y>{YEAR4})(?!\d))?",
    priority=3,
    flags=0,
)
def _range_start(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """The first day of "24 and 25 April", "3-4 May 2011": a day of the month named after."""
    if _day_of(m["d"]) >= _day_of(m["d2"]):
        return None
    return _month_day(m, ctx)


@_rule(
    rf"\bthe\s+week\s+of\s+(?P<mon>{MONTH})\s+(?P<d>{DAYNUM})(?:,?\s+(?P<y>{YEAR4})(?!\d))?",
    priority=3,
    flags=0,
)
def _week_of(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "the week of March 6": the calendar week that holds the day."""
    day = _month_day(m, ctx)
    if day is None:
        return None
    span = span_of_value(day.value)
    if span is None:  # no year to the day, so no week either
        return _Found("DATE", _UNRESOLVED["week"], "week", relative=True)
    return _Found("DATE", _shift(span.start, "week", 0)[0], "week", relative=day.relative)


@_rule(
    rf"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{DAYNUM})(?:\s+of)?\s+(?P<mon>{MONTH})"
    rf"(?:,?\s+(?P<y>{YEAR4}(?!\d)|'?\d\d(?=\s*(?:\(|--|[-,.;:)]|$))))?",
    priority=3,
    flags=re.MULTILINE,
)
def _day_month(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if not _month_ok(m, "mon", ctx, bare=False):
        return None
    month, day = _month_of(m["mon"]), _day_of(m["d"])
    if m["y"]:
        digits = m["y"].lstrip("'")
        year = int(digits) if len(digits) == 4 else _year2(int(digits), ctx.ref)
        value = _explicit_day(m["mon"], year, month, day, "DMY")
        return _Found("DATE", value, "day") if value else None
    return _underspecified_day(month, day, ctx, m)


@_rule(
    rf"\b(?:{MODPRE}\s+|(?P<mid>mid-))?(?P<mon>{MONTH}),?\s+(?:of\s+)?"
    rf"(?:(?P<y>{YEAR4})(?!\d)|(?P<wy>{YEAR_WORDS})\b|(?P<rel>last|this|next)\s+year\b)"
)
def _month_year(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if not _month_ok(m, "mon", ctx, bare=False):
        return None
    month, mod = _month_of(m["mon"]), _mod(m["mod"] or m["mid"])
    if m["rel"]:  # "July last year"
        if ctx.ref is None:
            return _Found("DATE", f"XXXX-{month:02d}", "month", mod, relative=True)
        year = ctx.ref.date.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
        return _Found("DATE", f"{year:04d}-{month:02d}", "month", mod, relative=True)
    year = int(m["y"]) if m["y"] else _spoken_year(m["wy"])
    return _Found("DATE", f"{year:04d}-{month:02d}", "month", mod)


@_rule(
    rf"\b(?:(?P<rel>last|this|next|past|coming|previous)\s+|{MODPRE}\s+|(?P<mid>mid-))?"
    rf"(?P<mon>{MONTH})(?!\s*\d)",
    priority=6,
)
def _month_alone(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if not _month_ok(m, "mon", ctx, bare=not (m["rel"] or m["mod"] or m["mid"])):
        return None
    month = _month_of(m["mon"])
    mod = _mod(m["mod"] or m["mid"])
    rel = (m["rel"] or "").lower()
    year = _choose_year(month, 0, ctx, m, rel)
    if year is None:
        return _Found("DATE", f"XXXX-{month:02d}", "month", mod, relative=True)
    just_gone = ctx.ref is not None and month == (ctx.ref.date.month - 2) % 12 + 1
    if rel in ("last", "past", "previous") and just_gone:
        year -= 1  # the month just gone is "last month": "last February" in March
    return _Found("DATE", f"{year:04d}-{month:02d}", "month", mod, relative=True)


# A number before its own year in brackets ("resolution 1989 (2011)") or before a committee
# named for it ("the 1988 Committee") is an identifier, as is one after a word that numbers
# things ("Flight 2004", "No. 1999", "paragraph 2010").
# What makes a number no year: "resolution 1989 (2011)", "the 1988 Committee", and a street
# number, "the 2000 block of Broadway", "2004 Main Street"
_IDENTIFIER_AFTER = re.compile(
    r"\s*\((?:19|20)\d\d\)|\s+(?-i:Committee|Monitoring\s+Team)\b|\s+block\b|"
    r"\s+(?:[NSEW]\.?\s+|(?:North|South|East|West)\s+)?(?-i:[A-Z][a-z]+\s+)?"
    r"(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Drive|Dr\.|Lane|Ln\.|Court|Ct\.|"
    r"Place|Pl\.|Parkway|Pkwy\.|Highway|Hwy\.|Way|Terrace|Circle)(?!\w)"
)
_IDENTIFIER_BEFORE = re.compile(r"\b(?P<w>[A-Za-z]+)\.?\s+$")
_NAME_BEFORE = re.compile(
    r"\b(?:called|named|dubbed|titled|entitled)\s+(?-i:[A-Z][\w'’-]*\s+){1,4}$"
)
_IDENTIFIER_NOUNS = {
    "resolution",
    "resolutions",
    "no",
    "nos",
    "number",
    "article",
    "articles",
    "flight",
    "room",
    "route",
    "highway",
    "page",
    "pages",
    "paragraph",
    "paragraphs",
    "para",
    "section",
    "chapter",
    "decree",
    "form",
    "case",
    "docket",
}
_PLURAL_AFTER = re.compile(
    r"\s+(?:(?!(?:was|has|is|does|as|plus|this|its|his|thus|across|towards)\b)[a-z]+s"
    r"|people|men|women|children)\b(?!')"
)


@_rule(
    rf"(?<![\d$£€.,#])(?<!\d-)\b(?:{MODPRE}\s+|(?P<mid>mid-)|fiscal\s+)?(?P<y>{YEAR4})\b"
    r"(?![.,]\d|-\d\d-|%)"
)
def _year(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """A year written in digits; "fiscal 1989" is that year too, as TimeML writes it. A number
    that names something is no year: "resolution 1989 (2011)", "Flight 2004", "the 1988
    Committee"."""
    year = int(m["y"])
    cue = ctx.word_before(m.start("y"))
    has_cue = bool(m["mod"] or m["mid"]) or cue in YEAR_CUES
    if not has_cue:
        if not 1900 <= year <= 2099:
            return None
        # "1992 protests" is a count, but "the 1992 protests" and "Iraq's 2005 elections" are
        # the protests and elections of that year
        modified = cue == "the" or re.search(
            r"['’]s\s+$", ctx.text[max(0, m.start() - 4) : m.start()]
        )
        if (_PLURAL_AFTER.match(ctx.text, m.end()) and not modified) or _IDENTIFIER_AFTER.match(
            ctx.text, m.end()
        ):
            return None
        named = _IDENTIFIER_BEFORE.search(ctx.text, max(0, m.start() - 16), m.start())
        if named is not None and named["w"].lower() in _IDENTIFIER_NOUNS:
            return None
        if _NAME_BEFORE.search(ctx.text, max(0, m.start() - 60), m.start()):
            return None  # "a joint venture called Orion 1980": part of a name
    if ctx.text[m.end() : m.end() + 1] == "s":
        return None  # a decade, handled elsewhere
    return _Found("DATE", f"{year:04d}", "year", _mod(m["mod"] or m["mid"]))


@_rule(rf"\b(?P<the>the\s+year\s+)?(?P<wy>{YEAR_WORDS})\b")
def _spoken_year_rule(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """A year said aloud; "two thousand" only where it reads as a year ("the year two thousand",
    "in two thousand"), never "two thousand people"."""
    if _PLURAL_AFTER.match(ctx.text, m.end()):
        return None
    said = m["wy"].lower()
    if said.startswith("two") and not m["the"] and ctx.word_before(m.start()) not in YEAR_CUES:
        return None
    return _Found("DATE", f"{_spoken_year(said):04d}", "year")


# -- decades, centuries, seasons, quarters ----------------------------------------------------
# "in his early twenties", "aged in their thirties", "late teens to early twenties": an age
_AGE_BEFORE = re.compile(
    r"\b(?:his|her|their|my|your|our|its|whose|aged?|teens\s+(?:to|or|and))\s+$",
    re.IGNORECASE,
)


@_rule(
    r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?"
    r"(?:(?P<dec>(?:1[5-9]|20)\d0)'?s|'(?P<d2>\d0)s|(?P<wd>twenties|thirties|forties|fifties|"
    r"sixties|seventies|eighties|nineties))\b"
)
def _decade(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if m["dec"]:
        value = m["dec"][:3]
    elif m["d2"]:
        value = "19" + m["d2"][0]
    else:
        if not m.group(0).lower().startswith(("the", "early", "mid", "late")):
            return None
        if _AGE_BEFORE.search(ctx.text, max(0, m.start() - 40), m.start()):
            return None  # "in his early twenties", "late teens to early twenties": an age
        value = "19" + str(DECADE_WORDS[m["wd"].lower()])
    return _Found("DATE", value, "decade", _mod(m["mod"]))


@_rule(
    r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?"
    r"(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<rel>this|last|next|past|previous))\s+century\b"
)
def _century(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if m["n"]:
        return _Found("DATE", f"{int(m['n']) - 1:02d}", "century", _mod(m["mod"]))
    if ctx.ref is None:
        return _Found("DATE", "XX", "century", relative=True)
    shift = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1}[m["rel"].lower()]
    if m["rel"].lower() == "past" and m.group(0).lower().startswith("the"):
        return _Found("DURATION", "P100Y", "duration")
    return _Found("DATE", f"{ctx.ref.date.year // 100 + shift:02d}", "century", relative=True)


@_rule(
    rf"\b(?:(?P<rel>last|this|next|past|coming|previous|early|late|mid)[\s-]+)?"
    rf"(?P<s>spring|summer|autumn|fall|winter)"
    rf"(?:\s+(?:of\s+)?(?:(?P<y>{YEAR4})(?!\d)|(?P<wy>{YEAR_WORDS})))?\b"
)
def _season(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    code = SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    mod = _mod(rel) if rel in ("early", "late", "mid") else ""
    if mod:
        rel = ""
    if m["y"] or m["wy"]:
        year = int(m["y"]) if m["y"] else _spoken_year(m["wy"])
        return _Found("DATE", f"{year}-{code}", "season", mod)
    before = ctx.word_before(m.start() if mod else m.start("s"))  # "in early summer"
    if not rel and before not in ("the", "this", "in", "during", "by", "until", "since", "of"):
        return None
    if ctx.ref is None:
        return _Found("DATE", f"XXXX-{code}", "season", mod, relative=True)
    start_month = SEASON_START[code]
    year = _choose_year(start_month, 0, ctx, m, rel or ("this" if before == "this" else ""))
    return _Found("DATE", f"{year}-{code}", "season", mod, relative=True) if year else None


@_rule(
    rf"\b(?:(?P<rel>last|this|next|coming|past|previous)\s+)?(?P<h>{HOLIDAY})"
    rf"(?:\s+(?:of\s+)?(?P<y>{YEAR4})(?!\d))?",
    flags=0,
)
def _holiday(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """A holiday whose date the calendar fixes: "Christmas", "Thanksgiving Day", "Easter week",
    "Eid al-Fitr". A holiday of the Islamic calendar is marked inferred: where the new moon is
    sighted a day later, it falls a day later."""
    name = re.sub(r"\s+", " ", m["h"])
    hol = next(h for h in HOLIDAYS if re.fullmatch(h.pattern, name, re.IGNORECASE))

    def found(day: dt.date, relative: bool) -> _Found:
        value = _shift(day, "week", 0)[0] if hol.unit == "week" else day.isoformat()
        return _Found("DATE", value, hol.unit, relative=relative, estimated=hol.estimated)

    if m["y"]:
        days = hol.days(int(m["y"]))
        return found(days[0], False) if days else None
    if ctx.ref is None:
        return _Found("DATE", _UNRESOLVED[hol.unit], hol.unit, relative=True)
    ref = ctx.ref.date
    around = [d for y in (ref.year - 1, ref.year, ref.year + 1) for d in hol.days(y)]
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past", "previous"):
        around = [d for d in around if d < ref]
    elif rel in ("next", "coming"):
        around = [d for d in around if d > ref]
    elif rel == "this":
        around = [d for d in around if d.year == ref.year] or around
    if not around:
        return None
    tense = None if rel else ctx.tense(m.start(), m.end())
    return found(min(around, key=lambda d: _tense_cost((d - ref).days, tense)), True)


@_rule(
    rf"\b(?:the\s+)?(?:(?P<py>{YEAR4}|(?:this|last|next)\s+year's)\s+|"
    rf"(?P<ago>year-(?:ago|earlier))\s+)?(?P<fy>fiscal[\s-]+)?"
    rf"(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+"
    rf"(?P<kind>quarter|half)(?:\s+(?:of\s+)?(?P<y>{YEAR4}(?!\d)|this\s+year|last\s+year|"
    rf"next\s+year|the\s+year))?\b(?!-)"
)
def _quarter(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    letter = "H" if m["kind"].lower() == "half" else "Q"
    ordinal = m["ord"].lower()
    if ordinal == "last" and not m["y"]:
        return None  # "the last quarter" alone is the one before this one (_relative_unit)
    n = 2 if letter == "H" and ordinal in ("final", "last") else ORDINALS[ordinal]
    if letter == "H" and n > 2:
        return None
    gran = "quarter" if letter == "Q" else "half"
    year_words = re.sub(r"\s+", " ", (m["y"] or m["py"] or "").lower()).removesuffix("'s")
    if year_words[:1].isdigit():
        return _Found("DATE", f"{year_words}-{letter}{n}", gran)
    if ctx.ref is None:
        return _Found("DATE", f"XXXX-{letter}{n}", gran, relative=True)
    if m["ago"]:  # "the year-ago third quarter": a year before the one reported on
        last = _choose_year(n * (3 if letter == "Q" else 6), 0, ctx, m, "last")
        year = (last or ctx.ref.date.year) - 1
    elif year_words in ("last year", "next year"):
        year = ctx.ref.date.year + (1 if year_words == "next year" else -1)
    elif year_words or m["fy"]:  # "this year", "the year"; a fiscal year is named for its end
        year = ctx.ref.date.year
    else:  # "the third quarter": the nearest one, by the tense around it
        middle = (n - 1) * (12 // (4 if letter == "Q" else 2)) + (2 if letter == "Q" else 4)
        year = _choose_year(middle, 0, ctx, m) or ctx.ref.date.year
    return _Found("DATE", f"{year}-{letter}{n}", gran, relative=True)


@_rule(rf"\bQ(?P<q>[1-4])\s+(?P<y>{YEAR4})\b", flags=0)
def _q_year(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    return _Found("DATE", f"{m['y']}-Q{m['q']}", "quarter")


# -- relative to the reference ----------------------------------------------------------------
def _ref_day(ctx: _Ctx, offset: int = 0) -> str:
    """The day ``offset`` days from the reference, or an unresolved day without one."""
    if ctx.ref is None:
        return "XXXX-XX-XX"
    return (ctx.ref.date + dt.timedelta(days=offset)).isoformat()


def _shift(ref: dt.date, unit: str, n: int) -> tuple[str, str]:
    """The value and granularity of the ``unit`` that lies ``n`` units from ``ref``."""
    if unit == "day":
        return (ref + dt.timedelta(days=n)).isoformat(), "day"
    if unit in ("week", "weekend"):
        y, w, _ = (ref + dt.timedelta(weeks=n)).isocalendar()
        return f"{y}-W{w:02d}" + ("-WE" if unit == "weekend" else ""), unit
    if unit == "month":
        d = add_months(ref, n)
        return f"{d.year:04d}-{d.month:02d}", "month"
    if unit == "quarter":
        q = (ref.year * 4 + (ref.month - 1) // 3) + n
        return f"{q // 4}-Q{q % 4 + 1}", "quarter"
    if unit == "year":
        return f"{ref.year + n:04d}", "year"
    if unit == "decade":
        return f"{ref.year // 10 + n:03d}", "decade"
    if unit == "century":
        return f"{ref.year // 100 + n:02d}", "century"
    raise ValueError(unit)


_UNRESOLVED = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}


@_rule(
    r"\b(?:(?P<mod>early|late|mid)[\s-]+)?(?:the\s+)?(?P<rel>this|last|next|past|previous|coming|current|"
    r"earlier\s+this|later\s+this|(?:earlier|later)\s+in\s+the)\s+"
    r"(?P<u>year|month|week|weekend|quarter|decade)\b"
)
def _relative_unit(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["u"].lower()
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    mod = {"earlier this": "START", "later this": "END"}.get(rel, "") or _mod(m["mod"])
    if ctx.ref is None:
        return _Found("DATE", _UNRESOLVED[unit], unit, mod, relative=True)
    value, gran = _shift(ctx.ref.date, unit, shift)
    return _Found("DATE", value, gran, mod, relative=True)


@_rule(
    rf"\b(?:the\s+(?:(?P<py>{YEAR4})\s+)?|(?P<last>last|this)\s+year's\s+)"
    r"(?:(?P<ago>year-(?:ago|earlier)|year\s+(?:ago|earlier))|latest|most\s+recent|"
    r"same|current|comparable)?\s*(?:fiscal\s+)?(?P<u>quarter|period|weekend)\b"
    r"(?!-|\s+(?:of|ended|ending)\b)"
)
def _anaphoric_period(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """News convention for a period named without a date: "the quarter", "the latest period"
    and "the 1988 quarter" in a results report mean the last quarter completed before the
    report (in that year); "the year-ago quarter" is the quarter the report is about, a year
    before; "the weekend" is the last one, or the next one when the sentence looks ahead."""
    text = m.group(0).lower()
    unit = "weekend" if m["u"].lower() == "weekend" else "quarter"  # a results period
    if unit == "weekend" and (m["py"] or m["last"]):
        return None
    if m["u"].lower() == "period" and not (m["py"] or re.search(r"latest|recent|year", text)):
        return None
    if ctx.ref is None:
        return _Found("DATE", _UNRESOLVED[unit], unit, relative=True)
    if unit == "weekend":
        back = ctx.ref.date.weekday() < 5 and ctx.tense(m.start(), m.end()) != "future"
        value, gran = _shift(ctx.ref.date, "weekend", -1 if back else 0)
        return _Found("DATE", value, gran, relative=True)
    years_back = 1 if m["ago"] or (m["last"] or "").lower() == "last" else 0
    value, gran = _shift(ctx.ref.date, "quarter", 0 if "current" in text else -1)
    if m["py"]:
        value = _in_year(value, int(m["py"]))
    elif years_back:
        value = _in_year(value, int(value[:4]) - 1)
    return _Found("DATE", value, gran, relative=True, years_back=years_back)


@_rule(
    r"\bthe\s+(?:(?P<q>full|fiscal|(?:latest|current)\s+fiscal)\s+)?year\b"
    r"(?!-|\s+(?:\d|two\s+thousand|ago|earlier|before|after|of|in|that|when)\b)"
)
def _the_year(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "the year" in a news report is the current one ("sales for the full year"); "the year
    ended Sept. 30" is a year's length ending on that day."""
    if re.match(r"\s+(?:ended|ending|to)\b", ctx.text[m.end() : m.end() + 8]):
        return _Found("DURATION", "P1Y", "duration")
    if ctx.ref is None:
        return _Found("DATE", "XXXX", "year", relative=True)
    latest = "latest" in (m["q"] or "")  # the latest complete fiscal year
    return _Found("DATE", f"{ctx.ref.date.year - latest:04d}", "year", relative=True)


@_rule(
    r"\b(?:end|beginning|start|middle|close)\s+of\s+(?P<t>the\s+(?P<u>month|week))\b(?!-|\s+of\b)"
)
def _edge_of_the_unit(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "by the end of the month": the current month (the edge is added by _edge_of)."""
    unit = m["u"].lower()
    if ctx.ref is None:
        return _Found("DATE", _UNRESOLVED[unit], unit, relative=True)
    value, gran = _shift(ctx.ref.date, unit, 0)
    return _Found("DATE", value, gran, relative=True)


@_rule(
    r"\b(?:(?:earlier|later)\s+(?:in\s+)?)?(?P<det>that|the\s+same|the\s+following|"
    r"the\s+corresponding|the\s+comparable|the\s+next(?=\s+(?:day|morning|afternoon|evening|night)\b))\s+"
    r"(?P<u>day|morning|afternoon|evening|night|week|month|quarter|year|period)\b(?!-)"
    r"(?P<back>\s+(?:a\s+year\s+(?:ago|earlier|before)|(?:of\s+)?(?:the\s+)?(?:last|previous)"
    r"\s+year)\b)?"
)
def _anaphoric_unit(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "that year", "later that day", "the following month", "the same period last year": a
    unit of the last date the text named (resolved in tag()); left unresolved when the text
    named none fine enough."""
    unit = m["u"].lower()
    det = re.sub(r"\s+", " ", m["det"].lower())
    if unit == "period" and (
        det not in ("the same", "the corresponding", "the comparable") or not m["back"]
    ):
        return None  # "that period" names no unit of its own
    shift = 1 if det in ("the following", "the next") else 0  # "the next morning"
    back = 1 if m["back"] else 0
    if unit in _PARTS:
        return _Found(
            "TIME", f"XXXX-XX-XXT{_PARTS[unit]}", "day", years_back=back, anaphor=("day", shift)
        )
    gran = "quarter" if unit == "period" else unit
    return _Found("DATE", _UNRESOLVED[gran], gran, years_back=back, anaphor=(unit, shift))


@_rule(r"\byear-(?:earlier|ago)\b")
def _year_ago_adjective(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "the year-earlier $4.5 million": the period under discussion, a year before."""
    return _year_earlier(ctx)


def _year_earlier(ctx: _Ctx) -> _Found:
    """The reported period a year before; until tag() knows that period, the year before the
    reference."""
    value, gran = ("XXXX", "year") if ctx.ref is None else _shift(ctx.ref.date, "year", -1)
    return _Found("DATE", value, gran, relative=True, years_back=1)


# Words that hedge a count ("almost four years"), and the TIMEX3 mod each gives.
_QUALIFIER_MOD = {
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "less than": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "under": "LESS_THAN",
    "up to": "EQUAL_OR_LESS",
    "about": "APPROX",
    "around": "APPROX",
    "almost": "APPROX",
    "nearly": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
}
QUALIFIER = (
    r"(?P<q>(?:more|less|fewer)\s+than|at\s+least|about|around|almost|nearly|roughly|"
    r"approximately|(?:over|under)(?!\s+the\b)|up\s+to)"
)


def _qualifier_mod(m: re.Match[str]) -> str:
    return _QUALIFIER_MOD.get(re.sub(r"\s+", " ", (m["q"] or "").lower()), "")


@_rule(
    rf"\b(?:{QUALIFIER}\s+)?(?P<num>{NUM})\s+(?P<u>{UNIT})\s+(?:or\s+so\s+)?"
    r"(?P<dir>ago|earlier|before|later|from\s+now|hence)\b"
)
def _ago(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    unit = _unit_key(m["u"])
    if unit not in _UNRESOLVED:
        return None
    direction = m["dir"].lower()
    n = _number(m["num"])
    mod = _qualifier_mod(m)
    if unit == "year" and n == 1 and direction in ("ago", "earlier"):
        # "net rose to $5 from $4 a year earlier": the same period, a year before; which
        # period is settled once the text's earlier expressions are known (see tag()).
        return _year_earlier(ctx)
    if direction in ("earlier", "before", "later"):
        # Anchored to another event of the text, not to the document: a duration.
        return _Found("DURATION", _duration(n, unit), "duration", mod)
    if n is None or not float(n).is_integer():
        ref_value = "PAST_REF" if direction == "ago" else "FUTURE_REF"
        return _Found("DATE", ref_value, "ref", relative=True)
    sign = -1 if direction == "ago" else 1
    if ctx.ref is None:
        return _Found("DATE", _UNRESOLVED[unit], unit, mod, relative=True)
    value, gran = _shift(ctx.ref.date, unit, sign * int(n))
    return _Found("DATE", value, gran, mod, relative=True)


_ORDINAL_AFTER = re.compile(
    r"\s+(?!(?:and|or|but|to|of|in|on|at|for|before|after|later|earlier|ago|that|when|"
    r"while|as|so|the|a|an|he|she|it|they|we|i|you)\b)[a-z]"
)
_MODALS = {"will", "would", "could", "might", "may", "can", "shall", "ll", "to"}
_AGE = re.compile(r"\s+(?:old|of\s+age)\b")
# "three-quarters of its food", "more than a quarter of the market": a share, not a time;
# "a quarter of a century" and "several quarters of losses" are still times.
_SHARE_OF = re.compile(
    r"\s+of\s+(?!a\s+century\b|the\s+year\b)"
    r"(?:the|its|their|his|her|our|all|a|an|this|that|these|those)\b"
)
_RATE_BEFORE = re.compile(
    r"(?:\d|\b(?:million|billion|thousand|hundred|percent|times|once|twice)|"
    r"\b(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|dozen)\s+[a-z]+s)\s+$"
)


@_rule(
    rf"\b(?:{QUALIFIER}\s+)?"
    rf"(?:(?P<each>each\s+of\s+)?(?:the\s+)?(?:past|last|next|previous|coming)\s+)?"
    rf"(?P<num>{NUM})[\s-]+(?:(?:more|additional|further|extra|trading|business|working)\s+)?"
    rf"(?P<u>{UNIT})(?P<old>-old|-long)?\b(?P<half>\s+and\s+a\s+half\b)?",
    priority=7,
)
def _duration_rule(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if (m["old"] or "").lower() == "-old" or _AGE.match(ctx.text, m.end()):
        return None  # "a 6-year-old", "52 years old": an age, not a time the text reports
    unit = _unit_key(m["u"])
    num = m["num"].lower()
    if num in ("a", "an") and m["u"].lower().endswith("s"):
        return None
    if unit == "quarter" and _SHARE_OF.match(ctx.text, m.end()):
        return None
    if (
        unit == "second"
        and not m["u"].lower().endswith("s")
        and _ORDINAL_AFTER.match(ctx.text, m.end())
    ):
        return None  # "a second bomb", "the second time": an ordinal
    if num in ("a", "an") and _RATE_BEFORE.search(ctx.text[max(0, m.start() - 40) : m.start()]):
        return _Found("SET", _duration(1, unit), "set")  # "15 a year", "four flights a week"
    if num == "some" and not m["u"].lower().endswith("s"):
        return None
    if m.group(0).lower() == "one day" and ctx.word_before(m.start()) in _MODALS:
        return _Found("DATE", "FUTURE_REF", "ref")  # "Islam will one day be …": some day
    if m["each"]:  # "each of the last three years": every one of them, a set
        return _Found("SET", _duration(1, unit), "set")
    mod = _qualifier_mod(m)
    n = _number(num)
    if m["half"] and n is not None:  # "a minute and a half"
        n += 0.5
    return _Found("DURATION", _duration(n, unit), "duration", mod)


@_rule(
    r"\b(?:for|over|in|within|after|during)\s+(?P<t>(?:recent\s+)?(?P<u>years|months|weeks|decades|days))\b"
    r"|\b(?:over|in|within|during|for)\s+(?:the\s+)?(?P<t2>coming\s+"
    r"(?P<u2>years|months|weeks|decades|days|quarters)|(?P<u3>years|months|weeks|days)\s+ahead)\b"
    r"|\bfor\s+(?P<t3>a\s+(?:little\s+)?while)\b"
)
def _vague_duration(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "for years", "in recent months", "in the coming weeks", "in the days ahead": some
    number of that unit; "for a while": some time, in no unit."""
    if m["t3"]:
        return _Found("DURATION", "PXX", "duration")
    unit = _unit_key(m["u"] or m["u2"] or m["u3"])
    return _Found("DURATION", _duration(None, unit), "duration")


@_rule(r"\b(?P<u>years|decades|months|weeks|days|hours|centuries|year|month|week|day|hour)-long\b")
def _long(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "a decades-long feud", "the day-long strike": how long, in that unit."""
    word = m["u"].lower()
    n = None if word.endswith("s") else 1
    return _Found("DURATION", _duration(n, _unit_key(word)), "duration")


@_rule(rf"\b(?P<p>pre|post)-(?P<y>{YEAR4})\b")
def _pre_post_year(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "post-1959 politics": the year, before or after it."""
    return _Found("DATE", m["y"], "year", "BEFORE" if m["p"].lower() == "pre" else "AFTER")


@_rule(
    r"\b(?:(?:every|each|per)\s+(?:(?P<num>other|\w+)\s+)?(?P<u>second|minute|hour|day|night|week|"
    rf"weekend|month|quarter|year|decade|(?P<wd>{DAY_NAMES})|(?-i:(?P<mon>{MONTH_NAMES})))|"
    r"(?P<adv>daily|weekly|monthly|yearly|annually|annual|quarterly|hourly|nightly)|"
    rf"(?-i:(?P<wds>{DAY_NAMES}))(?:s(?:\s+(?P<p1>morning|afternoon|evening|night)s?)?|"
    r"\s+(?P<p2>morning|afternoon|evening|night)s))\b"
)
def _set(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    # A reporting period before a noun names a kind of figure ("quarterly earnings", "the
    # annual meeting"); "daily", "weekly", "hourly" still say how often ("a daily rally").
    period = (m["adv"] or "").lower() in ("monthly", "quarterly", "annual", "yearly")
    if period and re.match(r"\s+[A-Za-z]", ctx.text[m.end() : m.end() + 3]):
        return None
    # Before a name, "daily" and "weekly" are newspapers: "the party daily Granma", "the
    # Daily Telegraph", "the news weekly Der Spiegel".
    paper = (m["adv"] or "").lower() in ("daily", "weekly")
    if paper and re.match(r"\s+[A-Z]", ctx.text[m.end() : m.end() + 3]):
        return None
    if m["adv"]:
        unit = {
            "daily": "day",
            "nightly": "night",
            "weekly": "week",
            "monthly": "month",
            "yearly": "year",
            "annually": "year",
            "annual": "year",
            "quarterly": "quarter",
            "hourly": "hour",
        }[m["adv"].lower()]
        return _Found("SET", _duration(1, unit), "set")
    if m["wd"]:
        return _Found("SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()] + 1}", "set")
    if m["wds"]:  # "on Mondays", "Tuesday nights"
        part = _PARTS.get((m["p1"] or m["p2"] or "").lower(), "")
        value = f"XXXX-WXX-{WEEKDAYS[m['wds'].lower()] + 1}"
        return _Found("SET", f"{value}T{part}" if part else value, "set")
    if m["mon"]:  # "each July"
        return _Found("SET", f"XXXX-{_month_of(m['mon']):02d}", "set")
    n: float | None = 1
    if m["num"]:
        n = 2 if m["num"].lower() == "other" else _number(m["num"])
        if n is None:
            return None
    return _Found("SET", _duration(n, m["u"].lower()), "set")


_GENERIC_DAY = re.compile(
    r"(?:today|tomorrow)'s\s+(?:[a-z]+\s+)?(?:world|youth|young|society|generations?|economy|"
    r"computers|technology|technologies|children|kids|teenagers|youngsters|standards|culture|"
    r"dollars)\b",
    re.IGNORECASE,
)
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


@_rule(
    r"\b(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|"
    r"the\s+day\s+after\s+tomorrow)(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
)
def _deictic_day(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    era = _GENERIC_DAY.match(ctx.text, m.start()) or (
        w == "tomorrow" and ctx.word_before(m.start()) == "of"
    )
    if era and not m["part"]:
        return None  # "today's youth", "the people of tomorrow": an era, not a day
    offset = {
        "today": 0,
        "tonight": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }[w]
    part = "NI" if w == "tonight" else _PARTS.get((m["part"] or "").lower(), "")
    value = _ref_day(ctx, offset)
    if part:
        return _Found("TIME", f"{value}T{part}", "day", relative=True)
    return _Found("DATE", value, "day", relative=True)


@_rule(r"\b(?P<rel>this|last)\s+(?P<part>morning|afternoon|evening|night)\b")
def _day_part(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    rel, part = m["rel"].lower(), m["part"].lower()
    if rel == "last" and part != "night":
        return None
    day = _ref_day(ctx, -1 if rel == "last" else 0)
    return _Found("TIME", f"{day}T{_PARTS[part]}", "day", relative=True)


@_rule(
    r"\bovernight\b(?!\s+(?:rates?|loans?|lending|money|funds?|repos?|deposits?|interest|"
    r"market|delivery|deliveries|shipping|success|sensation|stays?|bags?|flights?)\b)"
)
def _overnight(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "captured overnight", "an overnight raid": the night before the reference day, the
    coming night when the text looks ahead. Money-market "overnight rates" are no time."""
    ahead = ctx.tense(m.start(), m.end()) == "future"
    return _Found("TIME", f"{_ref_day(ctx, 0 if ahead else -1)}TNI", "day", relative=True)


@_rule(
    rf"\b(?:(?P<rel>last|this|next|coming|past|previous|preceding)\s+)?(?P<wd>{WEEKDAY})"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
    r"(?![\w,]*\s+(?:the\s+)?\d+(?:st|nd|rd|th)?(?:\s+of)?\s+[A-Z])",
    flags=0,
)
def _weekday(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    target = WEEKDAYS[m["wd"].lower().rstrip(".")]
    rel = (m["rel"] or "").lower()
    part = _PARTS.get((m["part"] or "").lower(), "")
    if ctx.ref is None:
        value = f"XXXX-WXX-{target + 1}"
        return _Found("TIME" if part else "DATE", value, "day", relative=True)
    ref = ctx.ref.date
    back = (ref.weekday() - target) % 7  # days since the last such weekday (0 = today)
    if rel in ("last", "past", "previous", "preceding"):
        offset = -(back or 7)
    elif rel in ("next", "coming"):
        offset = (target - ref.weekday()) % 7 or 7
    elif rel == "this":
        offset = target - ref.weekday()
    else:
        # "Wednesday's ruling" names an event the reader knows of: the verbs around it date
        # something else ("said they would look for ways around Wednesday's ruling").
        possessive = ctx.text.startswith(("'s", "’s"), m.end())
        tense = None if possessive else ctx.tense(m.start(), m.end())
        ahead = (target - ref.weekday()) % 7
        offset = ahead if tense == "future" else -back
    value = (ref + dt.timedelta(days=offset)).isoformat()
    # "down from the previous Friday": the Friday before the day under discussion
    anaphor = ("weekday", target) if rel in ("previous", "preceding") else None
    if anaphor and ctx.word_before(m.start()) != "the":
        anaphor = None
    if part:
        return _Found("TIME", f"{value}T{part}", "day", relative=True, anaphor=anaphor)
    return _Found("DATE", value, "day", relative=True, anaphor=anaphor)


def _clock_time(ctx: _Ctx, hh: int, mm: int, zone: str | None) -> _Found:
    """A clock time on the reference day; UTC (or GMT, Zulu) is written with a Z. Without a
    day of its own, the day is only a guess (a report filed in the morning tells of "8:20
    p.m." the evening before): it is marked estimated, hence inferred, until a day joins it."""
    z = "Z" if (zone or "").upper() in ("UTC", "GMT", "ZULU") else ""
    value = f"{_ref_day(ctx)}T{hh:02d}:{mm:02d}{z}"
    return _Found("TIME", value, "time", relative=True, estimated=True)


@_rule(
    r"(?:\b(?P<prep>at|by|until|till|from|before|after|around|about)\s+)?(?P<t>"
    r"\b(?P<h>[01]\d|2[0-3]):?(?P<mi>[0-5]\d)\s*(?P<z>UTC|GMT|Zulu|local\s+time|hours|hrs)\b"
    r"|(?<=\bat\s)(?P<h2>[01]\d|2[0-3]):(?P<mi2>[0-5]\d)\b(?!\s*(?:[ap]\.?m\b|[-:.,/]\d)))",
    priority=3,
)
def _clock24(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "16:15 UTC", "at 2200 hours", "at 14:30": a 24-hour clock. UTC is written with a Z.
    "2200 hours" without a preposition may be a count of hours."""
    if (m["z"] or "").lower() in ("hours", "hrs") and not m["prep"]:
        return None
    hh, mm = (int(m["h"]), int(m["mi"])) if m["h"] else (int(m["h2"]), int(m["mi2"]))
    return _clock_time(ctx, hh, mm, m["z"])


@_rule(
    r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*"
    r"(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|in\s+the\s+(?:morning|afternoon|evening)\b|at\s+night\b)"
    r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC)\b)?|(?<!\bhigh\s)\b(?P<word>noon|midnight|midday)\b"
)
def _clock(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "10:35 a.m.", "4 in the morning", "9 at night", "noon" (not the "high noon" of a
    showdown)."""
    if m["word"]:
        hh, mm = (24, 0) if m["word"].lower() == "midnight" else (12, 0)
    else:
        hh, mm = int(m["h"]), int(m["mi"] or 0)
        if hh > 12 or hh == 0:
            return None
        ap = m["ap"].lower()
        # "9 at night" is evening, "2 at night" the small hours
        pm = ap.startswith(("p", "in the afternoon", "in the evening")) or (
            ap.startswith("at") and hh >= 6
        )
        hh = (hh % 12) + (12 if pm else 0)
    return _clock_time(ctx, hh, mm, m["tz"])


@_rule(r"\bmid[\s-]?(?P<part>morning|afternoon|evening)\b")
def _mid_part(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "by mid-afternoon": that part of the day; a day after it joins it ("mid-afternoon
    yesterday")."""
    return _Found("TIME", f"{_ref_day(ctx)}T{_PARTS[m['part'].lower()]}", "time", relative=True)


@_rule(
    r"\b(?P<w>now|currently|nowadays|at\s+present|these\s+days|at\s+the\s+moment|right\s+now|"
    r"this\s+(?:(?:very|crucial|critical|difficult|historic|decisive)\s+)?moment|"
    r"recently|lately|the\s+past|the\s+present|"
    r"the\s+(?:(?:near|immediate|distant)\s+)?future|the\s+(?:near|short)\s+term)\b(?!-)"
)
def _refs(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "now", "recently", "in the near future"; not "the future of the alliance", which is
    its fate, not a time."""
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w.startswith("the ") and re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]):
        return None
    if w == "the past" and re.match(rf"\s+{NUM}\s+\w", ctx.text[m.end() : m.end() + 40], re.I):
        return None  # "the past three summers": a count of something, not "the past" itself
    if w in ("recently", "lately", "the past"):
        return _Found("DATE", "PAST_REF", "ref")
    if w.endswith(("future", "term")):  # "in the near future", "in the short term"
        return _Found("DATE", "FUTURE_REF", "ref")
    return _Found("DATE", "PRESENT_REF", "ref")


@_rule(
    r"\b(?P<prep>by|since|at|until|till|before|after|around|through|toward|towards|near|from)\s+"
    r"(?P<t>year(?:-|\s+|['’]s\s+)end)\b(?!-)"
)
def _year_end(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "by year-end", "since year end": the end of this year, or of the last one when the
    text counts from it. After no preposition it is an adjective ("year-end results")."""
    if ctx.ref is None:
        return _Found("DATE", _UNRESOLVED["year"], "year", mod="END", relative=True)
    back = m["prep"].lower() in ("since", "after", "from")
    value, gran = _shift(ctx.ref.date, "year", -back)
    return _Found("DATE", value, gran, mod="END", relative=True)


# -- the tagger ---------------------------------------------------------------------------------
_PERIOD = re.compile(r"\d{4}-(?:Q[1-4]|H[12])$")  # a quarter or half a report is about


def _in_year(value: str, year: int) -> str:
    """A quarter, half or other period value ("1989-Q3") moved to another year."""
    return f"{year:04d}{value[4:]}"


def _over(value: str, ref: Reference | None) -> bool:
    span = span_of_value(value)
    return ref is None or (span is not None and span.end <= ref.date)


def _reported(f: _Found, period: _Found | None, ref: Reference | None) -> bool:
    """Whether ``f`` is a quarter or half a report is about. One still ahead ("the fourth
    quarter" in October) has no results yet, and an earlier one than the period already
    named is a comparison ("the 1988 period"), as is one said to be "a year ago"."""
    if f.compared or f.type != "DATE" or not _PERIOD.match(f.value) or not _over(f.value, ref):
        return False
    return period is None or f.value[:4] >= period.value[:4]


_FINENESS = {"time": 0, "day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}
_COARSENESS = {**_FINENESS, "weekend": 1, "season": 3, "half": 3}  # of any resolved period


def _resolve_anaphor(anchor: _Found, f: _Found) -> _Found:
    """``f`` ("the following year") counted from ``anchor``, the last date the text named."""
    assert f.anaphor is not None
    unit, shift = f.anaphor
    if unit == "weekday":  # "the previous Friday": the last such weekday before the anchor
        day = span_of_value(anchor.value[:10]) if anchor.granularity in ("day", "time") else None
        if day is None:
            return replace(f, anaphor=None)  # no day named: counted from the reference
        start = day.start - dt.timedelta(days=(day.start.weekday() - shift) % 7 or 7)
        return _Found(f.type, start.isoformat() + f.value[10:], "day", relative=True)
    if unit == "period":  # "the same period last year": whatever unit the anchor is
        unit = anchor.granularity if anchor.granularity in _FINENESS else "year"
        unit = "day" if unit == "time" else unit
    span = span_of_value(anchor.value[:10] if anchor.type == "TIME" else anchor.value)
    if span is None or _FINENESS.get(anchor.granularity, 9) > _FINENESS[unit]:
        return f  # "that day" after "in 1998": no day to take
    start = span.start
    if f.years_back:  # "the same month a year ago"
        start = start.replace(year=start.year - f.years_back, day=min(start.day, 28))
    value, gran = _shift(start, unit, shift)
    if f.type == "TIME":  # "later that night"
        value = value + f.value[10:]
    return _Found(f.type, value, gran, relative=True)


def _year_before(period: _Found, f: _Found) -> _Found:
    """``f`` ("a year earlier") as the reported ``period`` moved back ``f.years_back`` years."""
    value = _in_year(period.value, int(period.value[:4]) - f.years_back)
    return _Found("DATE", value, period.granularity, relative=True)


_DAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-\d\d-\d\d$")


# Between clock times and their day: an aside ("10:35 a.m. (0735 GMT) Friday")
_ASIDE = re.compile(r"[\s,]*(?:\([^()]{0,30}\)|[()])?[\s,]*(?:on\s+)?")


def _on_day(clock: _Found, day: _Found) -> _Found:
    hhmm = clock.value.split("T", 1)[1]
    return _Found("TIME", f"{day.value}T{hhmm}", "time", relative=day.relative)


def _clock_on_day(taken: list[tuple[int, int, _Found]], text: str) -> list[tuple[int, int, _Found]]:
    """A clock time followed by its day ("10 p.m. Wednesday", "noon Nov. 9") is one time on
    that day, not a time today and a separate day. Across an aside ("10:35 a.m. (0735 GMT)
    Friday") each clock time is on that day, and all stay named."""
    out: list[tuple[int, int, _Found]] = []
    for start, end, f in taken:
        if out and f.type == "DATE" and _DAY_VALUE.match(f.value):
            c_start, c_end, clock = out[-1]
            if clock.granularity == "time" and re.fullmatch(r",?\s+(?:on\s+)?", text[c_end:start]):
                out[-1] = (c_start, end, _on_day(clock, f))
                continue
            j, pos = len(out), start  # "10:35 a.m. (0735 GMT) Friday"
            while j and out[j - 1][2].granularity == "time":
                c_start, c_end, clock = out[j - 1]
                if not _ASIDE.fullmatch(text[c_end:pos]):
                    break
                out[j - 1] = (c_start, c_end, _on_day(clock, f))
                j, pos = j - 1, c_start
        elif f.type == "TIME" and f.granularity == "time" and f.relative:
            # "flew Tuesday in Everett at 18:00 UTC": a clock time is on the day its sentence
            # names, if any, rather than the reference day
            for _d_start, d_end, day in reversed(out):
                if re.search(_CLAUSE_END, text[d_end:start]):
                    break
                if day.type == "DATE" and _DAY_VALUE.match(day.value):
                    f = _on_day(f, day)
                    break
        out.append((start, end, f))
    return out


_TRAILING = re.compile(r"['’]s$|[,\s]+$")
# An opening quotation mark and the capitalised words of a title before the expression
_TITLE_OPENING = re.compile(r"(?:\"|``|“|(?<![\w.,!?])'')((?:[A-Z0-9][\w'’-]*\s+)*)$")


def _in_title(text: str, start: int, end: int) -> bool:
    """Whether the expression is part of a quoted title: ABC's "This Week," the film
    ``High Noon,'' CBS's ''60 Minutes''; or a name ending in "Today": "This is VOA Today"."""
    if text[start:end] == "Today" and re.search(
        r"\b[A-Z]{2,}\s$", text[max(0, start - 12) : start]
    ):
        return True
    words = text[start:end].split()
    if not all((w[:1].isupper() and w.isalpha()) or w.isdigit() for w in words[:1]):
        return False
    if not all(w[:1].isupper() and w.isalpha() for w in words[1:]):
        return False
    m = _TITLE_OPENING.search(text, max(0, start - 60), start)
    return m is not None and (len(words) > 1 or bool(m.group(1)))


_EDGE = re.compile(r"\bthe\s+(?:very\s+)?(?P<w>end|beginning|start|middle|close)\s+of\s+$", re.I)


def _edge_of(taken: list[tuple[int, int, _Found]], text: str) -> list[tuple[int, int, _Found]]:
    """ "the end of last year", "the beginning of the year": the period, with the part of it
    meant, spelled as one expression."""
    out: list[tuple[int, int, _Found]] = []
    for start, end, f in taken:
        if f.type == "DATE" and not f.mod and f.granularity not in ("day", "time", "ref"):
            m = _EDGE.search(text, max(0, start - 30), start)
            if m is not None and m.end() == start:
                f = replace(f, mod=_mod("the " + m["w"] + " of"))
                start = m.start()
        out.append((start, end, f))
    return out


def _year_back_joined(
    taken: list[tuple[int, int, _Found]], text: str
) -> list[tuple[int, int, _Found]]:
    """ "the quarter a year ago", "the month a year earlier": that period, a year back, as
    one expression."""
    out: list[tuple[int, int, _Found]] = []
    for start, end, f in taken:
        if out and f.years_back == 1 and f.granularity == "year":
            p_start, p_end, p = out[-1]
            if (
                p.type == "DATE"
                and p.granularity in ("quarter", "half", "month")
                and p.value[:4].isdigit()
                and not text[p_end:start].strip()
            ):
                value = _in_year(p.value, int(p.value[:4]) - 1)
                out[-1] = (p_start, end, replace(p, value=value, compared=True, relative=True))
                continue
        out.append((start, end, f))
    return out


_DAY_BESIDE = re.compile(r"\bthe\s+day\s+(?P<w>before|after)\s+$", re.I)


def _day_beside(taken: list[tuple[int, int, _Found]], text: str) -> list[tuple[int, int, _Found]]:
    """ "the day before last Tuesday", "the day after Christmas": the day next to the one
    named, spelled as one expression."""
    out: list[tuple[int, int, _Found]] = []
    for start, end, f in taken:
        m = _DAY_BESIDE.search(text, max(0, start - 20), start)
        span = span_of_value(f.value) if f.type == "DATE" and f.granularity == "day" else None
        if m is not None and span is not None and span.granularity == "day":
            step = -1 if m["w"].lower() == "before" else 1
            f = replace(f, value=(span.start + dt.timedelta(days=step)).isoformat())
            start = m.start()
        out.append((start, end, f))
    return out


def tag(text: str, ref: Reference | None = None, tick: Tick = no_tick) -> list[Timex]:
    """All temporal expressions of ``text``, left to right, without overlaps; ``tick`` is
    called between rules."""
    ctx = _Ctx(text, ref)
    # Against a reference known only to a month, "Thursday" names no day: it is read as if
    # there were no reference at all.
    coarse = _COARSENESS.get(ref.granularity, 9) if ref is not None else 0
    blind = _Ctx(text, None)
    candidates: list[tuple[int, int, int, _Found]] = []
    for k, (pattern, fn, priority) in enumerate(_RULES):
        tick("dates", k / len(_RULES))
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            found = fn(m, ctx)
            rests_on = found.anchor or found.granularity if found else ""
            if found and found.relative and _COARSENESS.get(rests_on, 9) < coarse:
                found = fn(m, blind)
            if found is None:
                continue
            # the expression is group "t" (or "t2", "t3" in other alternatives) when a rule
            # needs context around it
            start, end = next(
                (m.span(g) for g in ("t", "t2", "t3") if g in pattern.groupindex and m[g]),
                m.span(),
            )
            if _in_title(text, start, end):
                continue
            candidates.append((start, end, priority, found))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int, _Found]] = []
    # the characters of the taken spans: a span overlapping none of them is taken, in time
    # proportional to its length however many are taken already
    covered = bytearray(len(text))
    for start, end, _prio, found in candidates:
        if covered.find(1, start, end) != -1:
            continue
        covered[start:end] = b"\x01" * (end - start)
        taken.append((start, end, found))
    taken.sort(key=lambda t: t[0])
    out = []
    period: _Found | None = None  # the last quarter or half over that the text named
    named: _Found | None = None  # the last date the text named
    joined = _year_back_joined(_clock_on_day(taken, text), text)
    for start, end, f in _day_beside(_edge_of(joined, text), text):
        if f.anaphor:
            f = f if named is None else _resolve_anaphor(named, f)
        elif f.years_back and period is not None:
            f = _year_before(period, f)
        elif _reported(f, period, ref):
            period = f
        if f.type in ("DATE", "TIME") and f.value[:1].isdigit():
            named = f
        surface = text[start:end]
        trail = _TRAILING.search(surface)
        if trail:
            end -= len(trail.group(0))
            surface = text[start:end]
        inferred = bool(f.relative and ref is not None and ref.inferred) or f.estimated
        out.append(
            Timex(start, end, surface, f.type, f.value, f.granularity, f.mod, f.relative, inferred)
        )
    return out
