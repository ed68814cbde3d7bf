"""Temporal tagger: finds temporal expressions and normalises them to TIMEX3-style values.

Finding spans and keeping granularity are ours (regular grammar over English expressions);
dateparser confirms the month words of explicit calendar dates. Relative and underspecified
expressions ("last September", "in September", "two years ago", "on Tuesday") resolve against a
:class:`Reference`; without one they keep an unresolved value such as ``XXXX-09``.

The rules are in ``timex_absolute`` (dates the text writes out) and ``timex_relative`` (dates
read against the reference), over ``timex_core``'s context and helpers; this module runs them
over a text and settles what they found: overlaps, anaphors, clock times on their day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from importers import timex_absolute, timex_relative  # noqa: F401  (their rules register)
from importers.ticks import Tick, no_tick
from importers.timex_core import (
    _CLAUSE_END,
    _RULES,
    Reference,
    Timex,
    _Ctx,
    _Found,
    _in_year,
    _mod,
    _shift,
)
from store.timespan import span_of_value

__all__ = ["Reference", "Timex", "tag"]

# -- the tagger ---------------------------------------------------------------------------------
_PERIOD = re.compile(r"\d{4}-(?:Q[1-4]|H[12])$")  # a quarter or half a report is about


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
