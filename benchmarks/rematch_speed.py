"""How long ``main.py rematch`` takes on a large store, measured on a sample of its documents.

    python benchmarks/make_store.py --events 1000000 --out /tmp/chronolens-1m.sqlite3
    python benchmarks/rematch_speed.py --db /tmp/chronolens-1m.sqlite3 [--sample 60]

Rematching runs the matching of every document in turn (store.incidents.rematch). This
times that matching for ``--sample`` documents spread evenly over the store, each with its
events taken out of their incidents first, inside a transaction that is rolled back (the
store is not changed), and prints the mean seconds a document and what that makes for all
of them: an estimate, labelled so; the target is 5 minutes at a million events.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from sqlalchemy import func, select, update

    from importers.gazetteer import coarse_places
    from store.db import open_store
    from store.incidents import match_document
    from store.models import Document, Event

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--sample", type=int, default=60)
    args = parser.parse_args(argv)
    store = open_store(args.db)
    coarse = coarse_places()
    with store.session() as s:
        documents = list(s.scalars(select(Document.id).order_by(Document.id)))
        events = s.scalar(select(func.count()).select_from(Event)) or 0
        step = max(1, len(documents) // args.sample)
        chosen = documents[::step][: args.sample]
        s.execute(update(Event).where(Event.document_id.in_(chosen)).values(incident_id=None))
        seconds = []
        for document_id in chosen:
            t = time.perf_counter()
            match_document(s, document_id, coarse)
            seconds.append(time.perf_counter() - t)
        s.rollback()
    store.close()
    mean = statistics.fmean(seconds)
    print(f"store: {events:,} events in {len(documents):,} documents")
    print(
        f"matching one document: mean {mean:.3f} s, median {statistics.median(seconds):.3f} s,"
        f" max {max(seconds):.3f} s (of {len(seconds)} spread over the store)"
    )
    print(
        f"estimate for rematch of the whole store: {mean * len(documents) / 60:,.0f} minutes"
        " (target: 5)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
