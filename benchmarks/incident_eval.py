"""Incidents from many reports: the 810 articles on 320 shootings of ``../shared/data/xdoc-dev``.

    python benchmarks/incident_eval.py [--data ../shared/data] [--misses N]

Every article is imported into one new store as an import reads it (its crawl date as the
published date) and its events are matched into incidents as they are saved. Over all pairs
of articles, two share an incident when one harmful event of each (an attack, killing,
shooting…) is in the same incident; the gold says whether they report the same one. Prints
the pairs' precision, recall and F1, and the dated timeline marks per real incident: the
distinct incidents (an unmatched event is one) among the harmful events dated within a week
of the incident's day, over the incidents (1.0 is one mark each). These are development
figures: the matching was tried on these texts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.xdoc_eval import HARMFUL, read_article  # noqa: E402


def evaluate(data: Path, misses: int) -> dict[str, object]:
    from sqlalchemy import select

    from importers.gazetteer import coarse_places
    from importers.pipeline import build_document
    from store.db import open_store, take_write_lock
    from store.incidents import match_document
    from store.models import Event
    from store.writer import save_document

    folder = data / "xdoc-dev"
    gold = [json.loads(line) for line in (folder / "gold.jsonl").open(encoding="utf-8")]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "xdoc.sqlite3")
        doc_of: dict[int, str] = {}
        for g in gold:
            doc = build_document(read_article(folder, g), path=f"/xdoc/{g['doc']}.txt", option=None)
            with store.session() as s, s.begin():
                take_write_lock(s)
                saved = save_document(s, doc)
                match_document(s, saved.document_id, coarse_places())
                doc_of[saved.document_id] = g["doc"]
        with store.session() as s:
            events = s.execute(
                select(
                    Event.id,
                    Event.document_id,
                    Event.type,
                    Event.date_start,
                    Event.date_end,
                    Event.incident_id,
                    Event.summary,
                )
            ).all()
        store.close()
    seconds = time.perf_counter() - t0
    by_doc = {g["doc"]: g for g in gold}
    incidents_of: dict[str, set[object]] = defaultdict(set)  # article -> incidents it reports
    marks: dict[str, set[object]] = defaultdict(set)  # real incident -> timeline marks
    for event_id, doc_id, etype, start, end, incident, _summary in events:
        if etype not in HARMFUL:
            continue
        article = doc_of[doc_id]
        key = incident if incident is not None else f"event {event_id}"
        incidents_of[article].add(key)
        g = by_doc[article]
        day = dt.date.fromisoformat(g["incident_date"])
        if (
            start is not None
            and end is not None
            and start - dt.timedelta(7) <= day < end + dt.timedelta(7)
        ):
            marks[g["incident"]].add(key)
    tp = fp = fn = 0
    wrong: list[str] = []
    missed: list[str] = []
    for a, b in itertools.combinations(sorted(by_doc), 2):
        same = by_doc[a]["incident"] == by_doc[b]["incident"]
        said = bool(incidents_of[a] & incidents_of[b])
        if said and same:
            tp += 1
        elif said:
            fp += 1
            if len(wrong) < misses:
                wrong.append(
                    f"{a[:8]} {by_doc[a]['title'][:60]!r} / {b[:8]} {by_doc[b]['title'][:60]!r}"
                )
        elif same:
            fn += 1
            if len(missed) < misses:
                missed.append(
                    f"{a[:8]} {by_doc[a]['title'][:60]!r} / {b[:8]} {by_doc[b]['title'][:60]!r}"
                )
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    real = {g["incident"] for g in gold}
    per_incident = sum(len(marks[i]) for i in real) / len(real)
    # the marks: reports in no incident (each its own mark) and incidents
    lone = sum(1 for i in real for k in marks[i] if isinstance(k, str))
    joined = sum(1 for i in real for k in marks[i] if not isinstance(k, str))
    figures = {
        "articles": len(gold),
        "incidents": len(real),
        "pairs_same": tp + fn,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "marks_per_incident": round(per_incident, 2),
        "incidents_without_mark": sum(1 for i in real if not marks[i]),
        "marks_alone": lone,
        "marks_of_incidents": joined,
        "seconds": round(seconds, 1),
    }
    print(
        f"articles: {len(gold)}, incidents: {len(real)}, article pairs of one incident: {tp + fn}"
    )
    print(
        f"pairs said to share an incident: precision {precision:.3f} (target >= 0.90), "
        f"recall {recall:.3f}, F1 {f1:.3f} (target >= 0.85)"
    )
    print(
        f"dated timeline marks per real incident: {per_incident:.2f} (target <= 1.3); "
        f"incidents with no mark near their day: {figures['incidents_without_mark']}"
    )
    print(f"  of the marks: {lone} reports in no incident, {joined} incidents")
    print(f"imported and matched in {seconds:.0f} s")
    if misses:
        print("\npairs joined wrongly:")
        print("\n".join(f"  {w}" for w in wrong))
        print("\npairs of one incident not joined:")
        print("\n".join(f"  {m}" for m in missed))
    return figures


def distinct_operations(data: Path, show: int) -> dict[str, object]:
    """The ISAF releases and the project's samples, each report of its own operation (a
    release tells an operation once): every incident these make is printed, for reading, as
    one that joins two releases' reports is one of two operations unless they tell the same."""
    from sqlalchemy import func, select

    from importers.pipeline import import_paths
    from store.db import open_store
    from store.models import Document, Event, Incident
    from ui.empty_state import sample_paths

    rows = [json.loads(line) for line in (data / "isaf-dev" / "events.jsonl").open()]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        for row in rows:
            (folder / f"{row['id'].replace(':', '-')}.txt").write_text(row["text"], "utf-8")
        store = open_store(Path(tmp) / "isaf.sqlite3")
        import_paths(store, [folder, *sample_paths()])
        with store.session() as s:
            incidents = s.scalars(select(Incident)).all()
            told = {
                i.id: s.execute(
                    select(Event.summary, Event.date_value, Document.title)
                    .join(Document, Document.id == Event.document_id)
                    .where(Event.incident_id == i.id)
                ).all()
                for i in incidents
            }
            events = s.scalar(select(func.count()).select_from(Event))
        store.close()
    across = [i for i in incidents if i.documents > 1]
    print(
        f"\nISAF releases ({len(rows)}) and samples: {events} events, {len(incidents)} incidents "
        f"of several reports, {len(across)} of them across documents"
    )
    for incident in sorted(incidents, key=lambda i: -i.documents)[:show]:
        where = "across documents" if incident.documents > 1 else "in one document"
        print(f"  incident {incident.id} ({incident.type}, {incident.date_value}, {where}):")
        for summary, value, title in told[incident.id]:
            print(f"    {value:<12} {title[:40]!r}: {' '.join(summary.split())[:90]}")
    return {"incidents": len(incidents), "across_documents": len(across)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--misses", type=int, default=0)
    args = parser.parse_args(argv)
    evaluate(args.data, args.misses)
    if (args.data / "isaf-dev" / "events.jsonl").exists():
        distinct_operations(args.data, 20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
