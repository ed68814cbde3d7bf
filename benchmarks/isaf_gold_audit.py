"""How far the ISAF gold days can be read from the releases' own words, independent of our code.

    python benchmarks/isaf_gold_audit.py [--data ../shared/data] [--list]

For each release of ``isaf-dev/events.jsonl`` it reads the dateline (``(Nov. 27)``, ``(Feb. 3,
2011)`` or a headline ``Dec. 6:``), takes the year from the dateline or else from the release
number (``2010-11-S-342``), and the first day word of the text after the dateline
("yesterday", "last night", "overnight", "today", "this morning", a weekday). It then prints,
per day word, how many days the gold date lies before the dateline, and how many releases
give no day at all (no dateline, or no year anywhere). The reading is deliberately plain; it
imports nothing from the project, so it measures the data, not the extractor. ``--list``
prints every release whose gold day disagrees with its words.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MONTHS = {
    m: i
    for i, m in enumerate(re.findall(r"\w+", "jan feb mar apr may jun jul aug sep oct nov dec"), 1)
}
WEEKDAYS = re.findall(r"\w+", "monday tuesday wednesday thursday friday saturday sunday")
_DATELINE = re.compile(
    r"\((?:[A-Z][a-z]+\.? )?(?P<mon>[A-Z][a-z]{2})[a-z]*\.? (?P<day>\d{1,2})"
    r"(?:, (?P<year>\d{4}))?\)"
)
_HEADLINE_DAY = re.compile(r"^(?P<mon>[A-Z][a-z]{2})[a-z]*\.? (?P<day>\d{1,2}):")
_MONTH_DAY = re.compile(
    r"\b(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? \d"
)
_RELEASE_NUMBER = re.compile(r"\b(?P<year>20\d\d)-\d\d-[A-Z]+-\d+")
_DAY_WORD = re.compile(
    r"\b(yesterday|last night|overnight|today|this morning|tonight|" + "|".join(WEEKDAYS) + r")\b",
    re.IGNORECASE,
)
# days before the dateline that each word names (a weekday: its last occurrence before it)
_BACK = {"yesterday": 1, "last night": 1, "overnight": 1, "today": 0, "this morning": 0}


def dateline(text: str) -> tuple[dt.date | None, int, str]:
    """The dateline's day (None if it has no day or no year can be found), where it ends, and
    why it is missing."""
    m = _DATELINE.search(text) or _HEADLINE_DAY.search(text)
    if m is None:
        return None, 0, "no dateline"
    month = MONTHS.get(m["mon"].lower()[:3])
    if month is None:
        return None, 0, "no dateline"
    year = m.groupdict().get("year") or next(
        (r["year"] for r in _RELEASE_NUMBER.finditer(text)), None
    )
    if year is None:
        return None, m.end(), "dateline without a year"
    try:
        return dt.date(int(year), month, int(m["day"])), m.end(), ""
    except ValueError:
        return None, m.end(), "no dateline"


def named_day(word: str, day: dt.date) -> dt.date:
    word = word.lower()
    if word in WEEKDAYS:
        back = (day.weekday() - WEEKDAYS.index(word)) % 7  # the dateline's own weekday: that day
        return day - dt.timedelta(days=back)
    return day - dt.timedelta(days=_BACK.get(word, 0))


def audit(rows: list[dict[str, object]], show: bool) -> dict[str, object]:
    offsets: dict[str, Counter[int]] = defaultdict(Counter)
    undated: Counter[str] = Counter()
    agree = contradicted = 0
    for row in rows:
        text, gold = str(row["text"]), dt.date.fromisoformat(str(row["date"]))
        day, end, why = dateline(text)
        if day is None:
            # a month and day elsewhere, with a year to be had, might still give the day
            has_year = _RELEASE_NUMBER.search(text) or re.search(r"\b(?:19|20)\d\d\b", text)
            maybe = bool(_MONTH_DAY.search(text, end) and has_year)
            undated["no dateline day, but a day named in the text" if maybe else why] += 1
            continue
        m = _DAY_WORD.search(text, end)
        word = m.group(1).lower() if m else "(no day word: the dateline)"
        read = named_day(m.group(1), day) if m else day
        offsets[word][(gold - day).days] += 1
        agree += read == gold
        # "yesterday" under a full dateline, no other day named, and the gold two days back
        contradicted += (
            word == "yesterday"
            and (gold - day).days < -1
            and not _MONTH_DAY.search(text, end)
            and not any(w.lower() in WEEKDAYS for w in _DAY_WORD.findall(text, end))
        )
        if show and read != gold:
            print(f"  {row['id']} dateline {day} {word!r} reads {read}, gold {gold}")
    dated = sum(sum(c.values()) for c in offsets.values())
    no_day = sum(n for why, n in undated.items() if not why.startswith("no dateline day, but"))
    bound = len(rows) - no_day - contradicted
    return {
        "releases": len(rows),
        "no day in the text": dict(undated),
        "gold day = the day the words name": f"{agree}/{dated} of the releases with a dated "
        f"dateline; {agree}/{len(rows)} = {agree / len(rows):.3f} of all",
        "upper bound of day found, for any reader": f"{bound}/{len(rows)} = "
        f"{bound / len(rows):.3f} (not counting the releases with no day in the text, nor "
        "those whose only day word is 'yesterday' under a full dateline and whose gold is "
        f"two or more days before it: {contradicted})",
        "gold minus dateline, in days, by first day word": {
            w: dict(sorted(c.items()))
            for w, c in sorted(offsets.items(), key=lambda kv: -sum(kv[1].values()))
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--list", action="store_true", help="print each release that disagrees")
    args = ap.parse_args(argv)
    path = args.data / "isaf-dev" / "events.jsonl"
    if not path.exists():
        print(f"no ISAF data at {path}: this audit needs ../shared/data")
        return 1
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    for key, value in audit(rows, args.list).items():
        if isinstance(value, dict) and key.startswith("gold minus"):
            print(f"{key}:")
            for word, counts in value.items():
                print(f"  {word:>28}: {counts}")
        else:
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
