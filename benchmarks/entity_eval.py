"""Entities of a real collection: the 810 articles of ``../shared/data/xdoc-dev`` imported together.

    python benchmarks/entity_eval.py [--data ../shared/data] [--sample N] [--seed S]

Imports every article into one fresh store, as an analyst would import the folder, and prints
what the entity browser then holds: entities by kind, the share of kind "other", entities
named once, and every entity whose aliases name another place or organisation the gazetteer
knows, or a place holding letters the gazetteer does not give it (an alias that merges two
real things: "AP" making Rockford's shootings New Orleans').
With ``--sample N`` it prints N entities drawn at random (seeded) for reading by hand: how
many are not names at all is a judgement, not a figure this script can make.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def evaluate(data: Path, sample: int, seed: int) -> int:
    from sqlalchemy import select

    from importers.gazetteer import _tokens_key, load_gazetteer
    from importers.pipeline import ImportOptions, import_paths
    from store.db import open_store
    from store.models import Alias, Entity
    from store.read import entity_rows

    docs = data / "xdoc-dev" / "docs"
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "xdoc.sqlite3")
        report = import_paths(store, [docs], ImportOptions())
        gaz = load_gazetteer()
        with store.session() as s:
            rows = entity_rows(s)
            aliases: dict[int, list[str]] = {}
            for entity_id, name in s.execute(select(Alias.entity_id, Alias.name)):
                aliases.setdefault(entity_id, []).append(name)
            names = dict(s.execute(select(Entity.id, Entity.name)).all())
        store.close()
    kinds = Counter(r.kind for r in rows)
    once = sum(1 for r in rows if r.mentions <= 1)
    leaks: list[str] = []
    kind_of = {r.id: r.kind for r in rows}
    for entity_id, held in aliases.items():
        # a place told apart from its namesakes ("Naples, United States", "Kandahar
        # Province") holds the name the text gave it: that is no second thing
        bare = names[entity_id]
        if kind_of.get(entity_id) == "place":
            bare = re.sub(r"\s+(?:Province|State|Department|Region|Governorate|District)$", "",
                          bare.split(",")[0])  # fmt: skip
        own = gaz.lookup(_tokens_key(names[entity_id])) or gaz.lookup(_tokens_key(bare))
        known = {a.lower() for a in (own.aliases | own.acronyms)} if own else set()
        for alias in held:
            if _tokens_key(alias) in (_tokens_key(names[entity_id]), _tokens_key(bare)):
                continue
            entry = gaz.lookup(_tokens_key(alias))
            if entry is not None and entry.kind in ("place", "organization"):
                if own is None or entry.name != own.name:
                    leaks.append(f"{names[entity_id]!r} holds {alias!r} ({entry.name})")
            elif (
                kind_of.get(entity_id) == "place"
                and alias.isupper()
                and len(alias) <= 5
                and " " not in alias
                and alias.lower() not in known
            ):
                # a place named by letters the gazetteer does not give it: a dateline's
                # agency or station ("NEW ORLEANS (AP)", "MINNEAPOLIS (WCCO)")
                leaks.append(f"{names[entity_id]!r} holds {alias!r}")
    n = len(rows)
    print(f"articles imported: {report.count('imported')}, entities: {n}")
    print("by kind:", ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    print(f"share of kind 'other':               {kinds['other'] / n:.3f}  (target <= 0.25)")
    print(f"entities named once:                  {once} ({once / n:.3f})")
    print(f"aliases naming another gazetteer entity: {len(leaks)}  (target 0)")
    for line in leaks[:20]:
        print(f"  {line}")
    if sample:
        print(f"\n{sample} entities drawn at random (seed {seed}), for reading by hand:")
        for r in random.Random(seed).sample(rows, min(sample, n)):
            print(f"  {r.kind:<12} {r.mentions:>4}  {r.name}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if not (args.data / "xdoc-dev" / "docs").is_dir():
        print(f"entity_eval: no xdoc-dev under {args.data}", file=sys.stderr)
        return 2
    return evaluate(args.data, args.sample, args.seed)


if __name__ == "__main__":
    raise SystemExit(main())
