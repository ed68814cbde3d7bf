"""Words and regular-expression fragments of English temporal expressions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from dateutil.easter import easter

from store.timespan import add_months

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sept", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _n in _names:
        MONTHS[_n] = _i

MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June|Jun\.?|July|Jul\.?|"
    r"Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
    r"(?![A-Za-z])"
)
# Month names that are also ordinary words need a capital and a telling context.
AMBIGUOUS_MONTHS = {"may", "march", "mar", "jan", "dec", "jun", "jul", "aug", "sep"}

WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
DAY_NAMES = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
MONTH_NAMES = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
)
WEEKDAY = rf"(?:{DAY_NAMES}|Mon\.|Tues?\.|Wed\.|Thu(?:rs?)?\.|Fri\.|Sat\.|Sun\.)"

DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR4 = r"(?:1[6-9]\d\d|20\d\d)"
_UNITS_W = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS_W = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS_W = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
# A year said aloud, as broadcast transcripts write it: "nineteen ninety-seven", "two thousand".
YEAR_WORDS = (
    rf"(?:(?:seventeen|eighteen|nineteen)[\s-]+(?:hundred|oh[\s-]+{_UNITS_W}|{_TEENS_W}|"
    rf"{_TENS_W}(?:[\s-]+{_UNITS_W})?)|two\s+thousand(?:\s+(?:and\s+)?(?:{_TEENS_W}|{_UNITS_W}))?)"
)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th given weekday of a month (``n`` = -1: the last)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


@dataclass(frozen=True)
class Holiday:
    pattern: str  # its name, a regular expression matched whole
    days: Callable[[int], list[dt.date]]  # its days in a Gregorian year (two, in some years)
    unit: str = "day"
    estimated: bool = False  # the day depends on where the moon is sighted


def _gregorian(month: int, day: int) -> Callable[[int], list[dt.date]]:
    return lambda y: [dt.date(y, month, day)]


def _hijri(month: int, day: int) -> Callable[[int], list[dt.date]]:
    """The days of a date of the Islamic calendar in a Gregorian year (Umm al-Qura tables,
    1924-2077)."""

    def days(year: int) -> list[dt.date]:
        from hijridate import Hijri

        first = round((year - 622) * 33 / 32)  # the Islamic year that begins in ``year``
        out = []
        for hy in range(first - 1, first + 2):
            try:
                g = Hijri(hy, month, day).to_gregorian()
            except (ValueError, OverflowError):
                continue
            if g.year == year:
                out.append(dt.date(g.year, g.month, g.day))
        return sorted(out)

    return days


# Holidays whose date a calendar fixes; a longer name comes before the name it starts with
# ("Easter week" before "Easter"). Names shared by many countries ("Independence Day",
# "Labour Day") are left out: their date depends on the country.
_EID = r"(?:Eid|Id)[\s-]+(?:[Aa]l|[Uu]l|[Ee]l|e)[\s-]+"
HOLIDAYS: list[Holiday] = [
    Holiday(r"Christmas Eve", _gregorian(12, 24)),
    Holiday(r"Christmas(?: Day)?", _gregorian(12, 25)),
    Holiday(r"New Year's Day", _gregorian(1, 1)),
    Holiday(r"New Year's Eve", _gregorian(12, 31)),
    Holiday(r"Easter week", lambda y: [easter(y)], "week"),
    Holiday(r"Easter(?: Sunday)?", lambda y: [easter(y)]),
    Holiday(r"Good Friday", lambda y: [easter(y) - dt.timedelta(days=2)]),
    Holiday(r"Halloween", _gregorian(10, 31)),
    Holiday(r"Valentine's Day", _gregorian(2, 14)),
    Holiday(r"Thanksgiving(?: Day)?", lambda y: [_nth_weekday(y, 11, 3, 4)]),  # in the US
    Holiday(r"Memorial Day", lambda y: [_nth_weekday(y, 5, 0, -1)]),
    Holiday(r"Veterans Day", _gregorian(11, 11)),
    # The US general election: the Tuesday after the first Monday of November.
    Holiday(r"Election Day", lambda y: [_nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1)]),
    Holiday(_EID + r"Fitr", _hijri(10, 1), estimated=True),
    Holiday(_EID + r"Adha", _hijri(12, 10), estimated=True),
    Holiday(r"Ashura", _hijri(1, 10), estimated=True),
]
HOLIDAY = "(?:" + "|".join(h.pattern.replace(" ", r"\s+") for h in HOLIDAYS) + r")\b"

SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "a couple of": 2,
    "couple of": 2,
    "a dozen": 12,
    "half a": 0.5,
    "a half": 0.5,
}
VAGUE_NUMBERS = {"few", "a few", "several", "some", "many", "numerous", "dozens of", "hundreds of"}
NUM = (
    rf"(?:(?:\d+|{_UNITS_W}|ten|eleven|twelve)(?:\s+and\s+a\s+half|(?<=\d)\s+1/2)|"
    rf"\d+(?:\.\d+)?|{_TENS_W}(?:[-\s]{_UNITS_W})?|"
    rf"(?:an?|one|{_UNITS_W}|ten)\s+(?:hundred|thousand)|"
    r"(?:a\s+)?couple\s+of|a\s+dozen|half\s+an?|a\s+half|a\s+few|dozens\s+of|hundreds\s+of|"
    rf"{_UNITS_W}|{_TEENS_W}|an?|few|several|some|many|numerous)"
)

UNITS = {
    "second": ("T", "S"),
    "minute": ("T", "M"),
    "hour": ("T", "H"),
    "day": ("", "D"),
    "night": ("", "NI"),
    "week": ("", "W"),
    "weekend": ("", "WE"),
    "fortnight": ("", "2W"),
    "month": ("", "M"),
    "quarter": ("", "Q"),
    "year": ("", "Y"),
    "decade": ("", "10Y"),  # ISO 8601 has no decade or century unit: counted in years
    "century": ("", "100Y"),
}
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|"
    r"quarters?|years?|decades?|century|centuries)"
)

DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}

# Words before a bare number that make it read as a year.
YEAR_CUES = {
    "in",
    "since",
    "of",
    "by",
    "until",
    "till",
    "from",
    "before",
    "after",
    "during",
    "through",
    "to",
    "year",
    "early",
    "late",
    "mid",
    "around",
    "circa",
    "fiscal",
    "and",
    "or",
    "between",
    "summer",
    "spring",
    "autumn",
    "fall",
    "winter",
}

FUTURE_CUES = {
    "will",
    "'ll",
    "shall",
    "next",
    "upcoming",
    "scheduled",
    "plans",
    "plan",
    "planned",
    "planning",
    "effective",
    "expects",
    "expected",
    "due",
    "tomorrow",
    "coming",
    "intends",
    "aims",
    "hopes",
    "would",
    "slated",
    "supposed",
}
BE_FORMS = {"is", "are", "was", "were", "be", "been", "'s"}
# Words that set a deadline or put something off: "until" after one of them looks ahead of the
# act, so "gave them until Friday" or "postponed until Tuesday" names a day still to come.
DEFERRALS = {
    "postponed",
    "postpone",
    "delayed",
    "delay",
    "deferred",
    "defer",
    "extended",
    "extend",
    "adjourned",
    "adjourn",
    "recessed",
    "given",
    "gave",
    "give",
    "deadline",
    "ultimatum",
}
PAST_CUES = {
    # past tense: the regular forms in -ed are recognised by their ending
    "since",
    "been",
    "was",
    "were",
    "had",
    "did",
    "said",
    "ago",
    "last",
    "earlier",
    "yesterday",
    "previous",
    "previously",
    "told",
    "reported",
    "announced",
    "killed",
    "began",
    "came",
    "went",
    "took",
    "made",
    "met",
    "held",
    "led",
    "left",
    "fell",
    "rose",
    "won",
    "lost",
    "sent",
    "found",
    "saw",
    "gave",
    "brought",
    "bought",
    "sold",
    "paid",
    "thought",
    "caught",
    "fought",
    "taught",
    "sought",
    "built",
    "spent",
    "kept",
    "felt",
    "became",
    "ran",
    "grew",
    "knew",
    "threw",
    "drew",
    "wrote",
    "spoke",
    "broke",
    "chose",
    "stood",
    "understood",
    "struck",
    "meant",
    "lent",
    "heard",
    "fled",
    "shot",
    "sank",
    "rang",
    "swore",
    "stole",
    "wore",
    "tore",
    "hid",
    "fed",
    "dealt",
    "sat",
    "drove",
    "flew",
    "ate",
    "forgot",
    "got",
    "withdrew",
    "overtook",
    "undertook",
    "arose",
    "blew",
    "froze",
    "hung",
    "slept",
    "swept",
    "shook",
    "upheld",
    "withheld",
    "forbade",
    "forgave",
    "sprang",
    "stuck",
    "stung",
    "swung",
}
