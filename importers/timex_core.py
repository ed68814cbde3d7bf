"""What the temporal tagger's rules share: the reference date, a found expression, the context
a rule reads (the text and the tense around a match), the rule registry and the helpers that
turn words into calendar values."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from importers.timex_lexicon import (
    AMBIGUOUS_MONTHS,
    BE_FORMS,
    DEFERRALS,
    FUTURE_CUES,
    MONTHS,
    NUMBER_WORDS,
    PAST_CUES,
    UNITS,
    VAGUE_NUMBERS,
    YEAR_CUES,
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


def _in_year(value: str, year: int) -> str:
    """A quarter, half or other period value ("1989-Q3") moved to another year."""
    return f"{year:04d}{value[4:]}"
