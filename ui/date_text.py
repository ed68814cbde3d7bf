"""An event's date as a reader says it: ``2010-03-04TNI`` is "2010-03-04 night", ``199`` the
"1990s", ``2019-SU`` "summer 2019". The stored value stays the TIMEX3 one (CSV, sorting); only
what the views show is made readable. A value this module does not know is shown as it is."""

from __future__ import annotations

import calendar
import re

_PARTS_OF_DAY = {
    "MO": "morning",
    "MI": "midday",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "DT": "daytime",
}
# the parts of a year, as "YYYY-XX": quarters, seasons, halves
_PERIODS = {
    **{f"Q{q}": f"Q{q} {{}}" for q in range(1, 5)},
    "SP": "spring {}",
    "SU": "summer {}",
    "FA": "autumn {}",
    "WI": "winter {}",
    "H1": "first half of {}",
    "H2": "second half of {}",
}
_REFS = {"PRESENT_REF": "the present", "PAST_REF": "the past", "FUTURE_REF": "the future"}


def readable_date(value: str) -> str:
    """``value`` (a TIMEX3 date or time value) in words a reader expects."""
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)T(MO|MI|AF|EV|NI|DT)", value)
    if m:
        return f"{m[1]} {_PARTS_OF_DAY[m[2]]}"
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)T(\d\d)(?::(\d\d))?(?::\d\d)?(Z?)", value)
    if m:
        return f"{m[1]} {m[2]}:{m[3] or '00'}{' UTC' if m[4] else ''}"
    m = re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value)
    if m:
        return f"{m[1]} week {int(m[2])}{' weekend' if m[3] else ''}"
    m = re.fullmatch(r"(\d{4})-([A-Z]\w)", value)
    if m and m[2] in _PERIODS:
        return _PERIODS[m[2]].format(m[1])
    m = re.fullmatch(r"XXXX-(\d\d)(?:-(\d\d))?", value)
    if m and 1 <= int(m[1]) <= 12:
        month = calendar.month_name[int(m[1])]
        return f"{month} {int(m[2])}, no year" if m[2] else f"{month}, no year"
    m = re.fullmatch(r"XXXX-WXX-([1-7])", value)
    if m:
        return f"a {calendar.day_name[int(m[1]) - 1]}"
    if value.startswith("XXXX-XX-XX"):
        return "a day not known"
    if value in _REFS:
        return _REFS[value]
    if re.fullmatch(r"\d{3}", value):
        return f"{value}0s"
    if re.fullmatch(r"\d{2}", value):
        return f"{value}00s"
    return value
