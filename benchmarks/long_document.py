"""Import time of one long document as it grows: whether the pipeline stays linear in its size.

    python benchmarks/long_document.py [--sizes 0.25,0.5,1,2] [--one-paragraph] [--texts DIR]
                                       [--dates] [--json OUT]

A long report (a UN monitoring-team report, a year of press releases saved as one page) is
one document with thousands of events. The document here is made of real conflict reporting:
the 200 ISAF press releases of ``../shared/data/isaf-dev`` (else the bundled samples, or the
``.txt`` files of ``--texts``), joined by blank lines and repeated until each size in MB is
reached. Each size is imported whole (read, dates, names, events, save) into a fresh store;
the script prints seconds, words per second, events, and how much slower per word each size
is than the smallest: about 1.0 when the cost grows linearly with the document. With
``--one-paragraph`` the texts are joined by spaces into one line, as some PDF and web exports
come: no line breaks to bound a search by. With ``--dates`` the document is a list of dates,
one a line in the forms news and tables use ("3 July 2019", "July 3, 2019", "2019-07-03"):
a chronology or a data table pasted as text, about 15 bytes a date, 100,000 dates in 1.5 MB.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ISAF = ROOT.parent / "shared" / "data" / "isaf-dev" / "events.jsonl"


def corpus(texts: Path | None) -> tuple[list[str], str]:
    if texts is not None:
        return [p.read_text(encoding="utf-8") for p in sorted(texts.glob("*.txt"))], str(texts)
    if ISAF.exists():
        rows = [json.loads(line) for line in ISAF.open(encoding="utf-8")]
        return [str(r["text"]) for r in rows], "ISAF press releases (../shared/data/isaf-dev)"
    samples = sorted((ROOT / "resources" / "samples").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in samples], "resources/samples"


def date_lines(blocks: int = 400, per_block: int = 250) -> list[str]:
    """Blocks of dates one a line, days spread over 1950-2025 in three written forms."""
    import datetime as dt
    import random

    rng = random.Random(7)
    first, days = dt.date(1950, 1, 1).toordinal(), 365 * 76
    forms = ("{d.day} {d:%B} {d.year}", "{d:%B} {d.day}, {d.year}", "{d:%Y-%m-%d}")
    out = []
    for _ in range(blocks):
        lines = []
        for i in range(per_block):
            day = dt.date.fromordinal(first + rng.randrange(days))
            lines.append(forms[i % 3].format(d=day))
        out.append("\n".join(lines))
    return out


def long_text(texts: list[str], size_mb: float, *, one_paragraph: bool = False) -> str:
    target = int(size_mb * 1_000_000)
    parts: list[str] = []
    total = 0
    while total < target:
        for text in texts:
            parts.append(text.strip())
            total += len(text) + 2
            if total >= target:
                break
    if one_paragraph:
        return " ".join(" ".join(p.split()) for p in parts) + "\n"
    return "\n\n".join(parts) + "\n"


def measure(
    texts: list[str], sizes: list[float], tmp: Path, *, one_paragraph: bool = False
) -> list[dict[str, float]]:
    from importers.pipeline import ImportOptions, import_paths
    from store.db import open_store

    first = tmp / "warm.txt"
    first.write_text(texts[0], encoding="utf-8")
    warm = open_store(tmp / "warm.sqlite3")  # one-off start-up (gazetteer, taxonomy) apart
    import_paths(warm, [str(first)], ImportOptions())
    warm.close()
    rows: list[dict[str, float]] = []
    for size in sizes:
        doc = tmp / f"long-{size}.txt"
        doc.write_text(long_text(texts, size, one_paragraph=one_paragraph), encoding="utf-8")
        words = len(doc.read_text(encoding="utf-8").split())
        store = open_store(tmp / f"long-{size}.sqlite3")
        t = time.perf_counter()
        report = import_paths(store, [str(doc)], ImportOptions())
        seconds = time.perf_counter() - t
        store.close()
        rate = words / seconds
        rows.append(
            {
                "mb": size,
                "words": words,
                "events": report.events,
                "seconds": round(seconds, 2),
                "words_per_s": round(rate),
                "slower_per_word": round(rows[0]["words_per_s"] / rate, 2) if rows else 1.0,
            }
        )
        print(
            f"{size:6.2f} MB {words:9,} words {report.events:7,} events {seconds:8.2f} s "
            f"{rate:8,.0f} words/s  x{rows[-1]['slower_per_word']:.2f} per word",
            flush=True,
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0.25,0.5,1,2", help="sizes in MB, comma-separated")
    ap.add_argument("--one-paragraph", action="store_true", help="no line breaks at all")
    ap.add_argument("--texts", type=Path, help="a folder of .txt articles")
    ap.add_argument("--dates", action="store_true", help="a list of dates, one a line")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        if args.dates:
            texts, source = date_lines(), "dates one a line (1950-2025, three forms)"
        else:
            texts, source = corpus(args.texts)
        if not texts:
            print(f"long_document: no .txt files in {source}", file=sys.stderr)
            return 2
        print(f"corpus: {source}")
        rows = measure(texts, sizes, Path(tmp), one_paragraph=args.one_paragraph)
    if args.json:
        args.json.write_text(json.dumps({"corpus": source, "sizes": rows}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
