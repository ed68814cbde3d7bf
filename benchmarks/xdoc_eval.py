"""Violent events in general news: the 810 shooting articles of ``../shared/data/xdoc-dev``.

    python benchmarks/xdoc_eval.py [--data ../shared/data] [--misses N] [--json OUT]

Each article is read as an import reads it (title line, body; its crawl date as the
document's published date, as a web page's metadata gives it) and its events extracted. The
figures, all development figures (the rules are tried on these texts):

* articles with a harmful event: one of an attack, killing, shooting, bombing, clash,
  shelling, airstrike or abduction (an arrest or a statement does not count);
* incidents whose day is found: one of the incident's articles has an event dated to that
  day (day or time precision);
* dated harmful events on the incident's day: of the harmful events with a date, the share
  whose date holds the incident's day (background events of earlier years count against);
* events by type, events dated before 1990 (none of these incidents is) and statements.

With ``--misses N`` it prints N articles without a harmful event (headline and first
sentence) and N dated harmful events off their incident's day, for reading by class.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importers.readers.base import ReadResult

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HARMFUL = {
    "attack",
    "killing",
    "shooting",
    "bombing",
    "clash",
    "shelling",
    "airstrike",
    "kidnapping",
}


def read_article(folder: Path, gold: dict[str, Any]) -> ReadResult:
    """An article as an import reads it: headline line, body, and its crawl date as the
    published date (as a web page's metadata gives it)."""
    from importers.readers.base import ReadResult
    from importers.readers.text import clean_text

    text = clean_text((folder / "docs" / f"{gold['doc']}.txt").read_text(encoding="utf-8"))
    title = text.split("\n", 1)[0]
    return ReadResult(text=text, title=title, published=dt.date.fromisoformat(gold["dct"]))


def evaluate(data: Path, misses: int) -> dict[str, object]:
    from importers.pipeline import build_document

    folder = data / "xdoc-dev"
    gold = [json.loads(line) for line in (folder / "gold.jsonl").open(encoding="utf-8")]
    with_harm = 0
    day_found: dict[str, bool] = {}
    dated_harm = on_day = 0
    types: Counter[str] = Counter()
    ancient = 0
    events_total = 0
    no_harm: list[str] = []
    off_day: list[str] = []
    off_by: Counter[str] = Counter()
    for g in gold:
        result = read_article(folder, g)
        text, title = result.text, result.title
        doc = build_document(result, path=None, option=None)
        day = dt.date.fromisoformat(g["incident_date"])
        day_found.setdefault(g["incident"], False)
        harm = False
        for ev in doc.events:
            events_total += 1
            types[ev.type] += 1
            if ev.date_start is not None and ev.date_start.year < 1990:
                ancient += 1
            if ev.granularity in ("day", "time") and ev.date_start == day:
                day_found[g["incident"]] = True
            if ev.type not in HARMFUL:
                continue
            harm = True
            if ev.date_start is not None and ev.date_end is not None:
                dated_harm += 1
                if ev.date_start <= day <= ev.date_end:
                    on_day += 1
                    continue
                gap = abs((ev.date_start - day).days)
                off_by[
                    "a day"
                    if gap <= 1
                    else "2-7 days"
                    if gap <= 7
                    else "8-60 days"
                    if gap <= 60
                    else "over 60 days"
                ] += 1
                if len(off_day) < misses:
                    off_day.append(
                        f"{g['doc'][:8]} gold {day} got {ev.date_value} ({ev.date_text!r}): "
                        f"{' '.join(ev.summary.split())[:160]}"
                    )
        with_harm += harm
        if not harm and len(no_harm) < misses:
            lead = " ".join(text.split("\n", 2)[-1].split())[:160]
            no_harm.append(f"{g['doc'][:8]} {title[:80]!r} | {lead}")
    n = len(gold)
    figures: dict[str, object] = {
        "articles": n,
        "incidents": len(day_found),
        "articles_with_harmful_event": round(with_harm / n, 3),
        "incidents_day_found": round(sum(day_found.values()) / len(day_found), 3),
        "dated_harmful_on_incident_day": round(on_day / dated_harm, 3) if dated_harm else 0.0,
        "dated_harmful_events": dated_harm,
        "events": events_total,
        "events_before_1990": ancient,
        "off_day_by": dict(off_by),
        "statements": types["statement"],
        "types": dict(types.most_common()),
    }
    print(f"articles: {n}, incidents: {len(day_found)}, events: {events_total}")
    print(f"articles with a harmful event:          {with_harm / n:.3f}  (target >= 0.95)")
    print(
        f"incidents whose day is found:           {figures['incidents_day_found']:.3f}"
        "  (target >= 0.85)"
    )
    print(
        f"dated harmful events on incident's day: {figures['dated_harmful_on_incident_day']:.3f}"
        f"  of {dated_harm}  (target >= 0.85)"
    )
    print(
        "  off the day by:                      "
        + ", ".join(f"{k} {off_by[k]}" for k in ("a day", "2-7 days", "8-60 days", "over 60 days"))
    )
    print(f"events dated before 1990:               {ancient}")
    print(f"statements:                             {types['statement']}")
    print("events by type:", ", ".join(f"{k} {v}" for k, v in types.most_common()))
    if misses:
        print("\narticles without a harmful event:")
        print("\n".join(f"  {line}" for line in no_harm))
        print("\ndated harmful events off the incident's day:")
        print("\n".join(f"  {line}" for line in off_day))
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--misses", type=int, default=0)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if not (args.data / "xdoc-dev" / "gold.jsonl").exists():
        print(f"xdoc_eval: no xdoc-dev under {args.data}", file=sys.stderr)
        return 2
    figures = evaluate(args.data, args.misses)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
