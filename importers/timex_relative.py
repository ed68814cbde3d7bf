"""Temporal rules for dates read against the reference or a date told before: "two years ago",
"last week", "on Tuesday", "later that day", clock times, durations and sets."""

from __future__ import annotations

import datetime as dt
import re

from importers.timex_core import (
    _UNRESOLVED,
    _Ctx,
    _duration,
    _Found,
    _in_year,
    _mod,
    _month_of,
    _number,
    _ref_day,
    _rule,
    _shift,
    _unit_key,
)
from importers.timex_lexicon import (
    DAY_NAMES,
    MONTH_NAMES,
    NUM,
    UNIT,
    WEEKDAY,
    WEEKDAYS,
    YEAR4,
)


# -- relative to the reference ----------------------------------------------------------------
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
