"""Events on the ISAF press releases and entity recall on MEANTIME, through the real import.

    python benchmarks/extraction_eval.py [--data ../shared/data] [--json OUT] [--misses N]

ISAF (``isaf-dev/events.jsonl``): each release is written to a file named only by its id
and imported with no date given, as a user would. A release counts as *day found* when one
of its events is dated to the operation's day, and as *typed* when such an event also has a
compatible type (detention: arrest or raid; insurgents killed: raid, killing or clash;
capture-and-kill: arrest, raid, killing or clash; airstrike: airstrike; civilian casualty:
killing, attack or airstrike). *Extra events* are the events of a release beyond the one
that matches.

MEANTIME (``meantime-entities-dev.jsonl``, business and technology news): the violent
events read in it (airstrikes, bombings, shelling, raids, abductions, killings, shootings,
attacks, clashes, riots, territory taken), nearly all misreadings; and recall of the gold
proper-name mentions (``syntactic_type`` NAM or PRE.NAM) of people, organizations and
places. A gold mention is found when an entity mention of the imported document overlaps
it, and *typed* when that mention's entity is of the matching kind. Needs
``../shared/data``; says so when absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COMPATIBLE = {
    "detention": {"arrest", "raid"},
    "insurgentskilled": {"raid", "killing", "clash"},
    "captureandkill": {"arrest", "raid", "killing", "clash"},
    "airstrike": {"airstrike"},
    "civiliancasualty": {"killing", "attack", "airstrike"},
}
KINDS = {"PER": "person", "ORG": "organization", "LOC": "place"}
# Violence in MEANTIME's business and technology news is almost always a misreading
VIOLENT_TYPES = {
    "airstrike",
    "bombing",
    "shelling",
    "raid",
    "kidnapping",
    "killing",
    "shooting",
    "attack",
    "clash",
    "riot",
    "territory",
}


def _import(texts: dict[str, str], tmp: Path, published: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    from importers.pipeline import ImportOptions, import_paths
    from store.db import open_store

    store = open_store(tmp / "eval.sqlite3")
    ids: dict[str, int] = {}
    for name, text in texts.items():
        path = tmp / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        day = (published or {}).get(name)
        options = ImportOptions(published=dt.date.fromisoformat(day)) if day else ImportOptions()
        report = import_paths(store, [str(path)], options)
        outcome = report.outcomes[0]
        if outcome.status == "failed":  # a broken rule file must not read as a score of 0
            raise SystemExit(f"extraction_eval: {outcome.line()}")
        if outcome.document_ids:
            ids[name] = outcome.document_ids[0]
    return store, ids


def isaf(data: Path, tmp: Path, misses: int) -> dict[str, object]:
    from sqlalchemy import select

    from store.models import Event

    rows = [json.loads(line) for line in (data / "isaf-dev" / "events.jsonl").open()]
    texts = {f"release-{i:03d}": r["text"] for i, r in enumerate(rows)}
    store, ids = _import(texts, tmp)
    found = typed = events_total = extra = 0
    by_type: Counter[str] = Counter()
    by_type_ok: Counter[str] = Counter()
    misses_by_kind: Counter[str] = Counter()
    shown = 0
    with store.session() as s:
        for i, row in enumerate(rows):
            doc = ids.get(f"release-{i:03d}")
            evs = (
                s.execute(
                    select(Event.type, Event.date_start, Event.granularity).where(
                        Event.document_id == doc
                    )
                ).all()
                if doc is not None
                else []
            )
            events_total += len(evs)
            gold_day = row["date"]
            on_day = [
                t
                for t, d, g in evs
                if d is not None and d.isoformat() == gold_day and g in ("day", "time")
            ]
            wanted = set().union(*(COMPATIBLE.get(t, set()) for t in row["event_types_all"]))
            by_type[row["event_type"]] += 1
            hit_day = bool(on_day)
            hit_type = any(t in wanted for t in on_day)
            found += hit_day
            typed += hit_type
            by_type_ok[row["event_type"]] += hit_type
            extra += max(0, len(evs) - (1 if hit_day else 0))
            if not hit_type:
                misses_by_kind[_miss_kind(evs, gold_day, hit_day)] += 1
            if not hit_type and shown < misses:
                shown += 1
                got = ", ".join(f"{t}@{d}" for t, d, _g in evs) or "no events"
                print(f"  miss {row['id']} gold {row['event_type']}@{gold_day}: {got}")
    store.close()
    n = len(rows)
    return {
        "releases": n,
        "day_found": round(found / n, 3),
        "day_and_type": round(typed / n, 3),
        "events_per_release": round(events_total / n, 2),
        "extra_events_per_release": round(extra / n, 2),
        "day_and_type_by_gold_type": {
            t: f"{by_type_ok[t]}/{by_type[t]}"
            for t in sorted(by_type, key=by_type.get, reverse=True)  # type: ignore[arg-type]
        },
        "misses_by_kind": dict(misses_by_kind.most_common()),
    }


def _miss_kind(evs: list, gold_day: str, hit_day: bool) -> str:  # type: ignore[type-arg]
    """Why a release missed: no events, none dated to a day, the day off by N, or the type."""
    if hit_day:
        return "right day, incompatible type"
    if not evs:
        return "no events"
    days = [d for _t, d, g in evs if d is not None and g in ("day", "time")]
    if not days:
        return "no event dated to a day"
    gold = dt.date.fromisoformat(gold_day)
    off = min(((d - gold).days for d in days), key=abs)
    return f"nearest day off by {off:+d}" if abs(off) <= 3 else "nearest day off by more than 3"


def meantime_entities(data: Path, tmp: Path, misses: int) -> dict[str, object]:
    from sqlalchemy import select

    from store.models import Document, Entity, Event, Mention

    rows = [json.loads(line) for line in (data / "meantime-entities-dev.jsonl").open()]
    names = {f"doc-{i:03d}": r for i, r in enumerate(rows)}
    store, ids = _import(
        {k: r["text"] for k, r in names.items()},
        tmp,
        {k: r["dct_iso"][:10] for k, r in names.items() if r.get("dct_iso")},
    )
    gold_n = found = typed = 0
    per_type: Counter[str] = Counter()
    per_type_found: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    mistyped: Counter[str] = Counter()
    shifted = 0
    violent: list[str] = []
    with store.session() as s:
        for key, row in names.items():
            doc = ids.get(key)
            if doc is None:
                continue
            for etype, summary in s.execute(
                select(Event.type, Event.summary).where(Event.document_id == doc)
            ):
                if etype in VIOLENT_TYPES:
                    violent.append(f"{etype}: {' '.join(summary.split())[:140]}")
            stored = s.scalar(select(Document.text).where(Document.id == doc))
            if stored != row["text"]:
                shifted += 1
            mentions = s.execute(
                select(Mention.start, Mention.end, Entity.kind)
                .join(Entity, Entity.id == Mention.entity_id)
                .where(Mention.document_id == doc)
            ).all()
            for g in row["entities"]:
                if g["type"] not in KINDS or g["syntactic_type"] not in ("NAM", "PRE.NAM"):
                    continue
                gold_n += 1
                per_type[g["type"]] += 1
                over = [k for a, b, k in mentions if a < g["end"] and g["start"] < b]
                if over:
                    found += 1
                    per_type_found[g["type"]] += 1
                    typed += KINDS[g["type"]] in over
                    if KINDS[g["type"]] not in over:
                        mistyped[f"{g['type']} {g['text']} as {'/'.join(sorted(set(over)))}"] += 1
                else:
                    missed[f"{g['type']} {g['text']}"] += 1
    store.close()
    if misses:
        for label, n in missed.most_common(misses):
            print(f"  missed {n}x {label}")
        for label, n in mistyped.most_common(misses):
            print(f"  wrong kind {n}x {label}")
        for line in violent[:misses]:
            print(f"  violent event in business news: {line}")
    return {
        "gold_mentions": gold_n,
        "recall": round(found / gold_n, 3) if gold_n else 0.0,
        "recall_with_kind": round(typed / gold_n, 3) if gold_n else 0.0,
        "recall_by_type": {t: round(per_type_found[t] / per_type[t], 3) for t in sorted(per_type)},
        "documents_whose_text_changed_on_import": shifted,
        "documents": len(names),
        "violent_events": len(violent),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--misses", type=int, default=0, help="print this many misses of each")
    args = ap.parse_args(argv)
    if not (args.data / "isaf-dev" / "events.jsonl").exists():
        print(f"extraction_eval: no annotated data at {args.data} (needs ../shared/data)")
        return 1
    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "isaf").mkdir()
        (Path(tmp) / "meantime").mkdir()
        result["isaf"] = isaf(args.data, Path(tmp) / "isaf", args.misses)
        result["meantime_entities"] = meantime_entities(
            args.data, Path(tmp) / "meantime", args.misses
        )
    for section, figures in result.items():
        print(f"== {section} ==")
        for key, value in figures.items():  # type: ignore[union-attr]
            print(f"{key:>42}: {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
