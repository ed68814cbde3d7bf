"""Import throughput next to dateparser's ``search_dates`` alone, over the same articles.

    python benchmarks/import_speed.py [--texts DIR] [--json OUT]

The corpus is every ``.txt`` file of ``--texts``; by default the TimeBank + AQUAINT news
articles (TBAQ, dumped by ``../shared/tools/timex_score.py``), else the bundled samples.
The import is the whole pipeline (read, segment, tag dates, find entities and events, save
to a fresh store) through ``importers.pipeline.import_paths``; the baseline is
``dateparser.search.search_dates`` over each text, in the same run. Prints words, words per
second for both, and the ratio (import / search_dates; above 1 means the import is faster).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"


def corpus(texts: Path | None, tmp: Path) -> tuple[list[Path], str]:
    if texts is not None:
        return sorted(texts.glob("*.txt")), str(texts)
    scorer = SHARED / "tools" / "timex_score.py"
    gold = SHARED / "data" / "timeml" / "tbaq"
    if scorer.exists() and gold.is_dir():
        out = tmp / "tbaq"
        subprocess.run(
            [sys.executable, scorer, "--dump-texts", gold, out], check=True, capture_output=True
        )
        return sorted(out.glob("*.txt")), "TBAQ (../shared/data/timeml/tbaq)"
    return sorted((ROOT / "resources" / "samples").glob("*.txt")), "resources/samples"


def measure(paths: list[Path], tmp: Path) -> dict[str, float]:
    from dateparser.search import search_dates

    from importers.pipeline import ImportOptions, import_paths
    from store.db import open_store

    texts = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)
    # Warm both up on one text so neither pays its one-off start-up in the timing.
    search_dates(texts[0][:2000])
    warm = open_store(tmp / "warm.sqlite3")
    import_paths(warm, [str(paths[0])], ImportOptions())
    warm.close()

    store = open_store(tmp / "bench.sqlite3")
    t = time.perf_counter()
    report = import_paths(store, [str(p) for p in paths], ImportOptions())
    import_s = time.perf_counter() - t
    store.close()

    t = time.perf_counter()
    found = 0
    for text in texts:
        found += len(search_dates(text) or [])
    search_s = time.perf_counter() - t
    return {
        "documents": len(paths),
        "imported": report.count("imported"),
        "words": words,
        "import_s": round(import_s, 2),
        "search_dates_s": round(search_s, 2),
        "search_dates_found": found,
        "words_per_s": round(words / import_s, 1),
        "search_dates_words_per_s": round(words / search_s, 1),
        "ratio": round(search_s / import_s, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=Path, help="a folder of .txt articles")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        paths, source = corpus(args.texts, Path(tmp))
        if not paths:
            print(f"import_speed: no .txt files in {source}", file=sys.stderr)
            return 2
        result: dict[str, object] = {"corpus": source, **measure(paths, Path(tmp))}
    for key, value in result.items():
        print(f"{key:>25}: {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
