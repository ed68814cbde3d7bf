"""Temporal rules for dates the text writes out: calendar dates, months and years, decades,
centuries, seasons, holidays and quarters."""

from __future__ import annotations

import datetime as dt
import re

from importers.timex_core import (
    _UNRESOLVED,
    MODPRE,
    _choose_year,
    _Ctx,
    _day_of,
    _explicit_day,
    _Found,
    _mod,
    _month_of,
    _month_ok,
    _rule,
    _shift,
    _spoken_year,
    _tense_cost,
    _underspecified_day,
    _year2,
)
from importers.timex_lexicon import (
    DAYNUM,
    DECADE_WORDS,
    HOLIDAY,
    HOLIDAYS,
    MONTH,
    ORDINALS,
    SEASON_START,
    SEASONS,
    WEEKDAY,
    YEAR4,
    YEAR_CUES,
    YEAR_WORDS,
)
from store.timespan import span_of_value


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
