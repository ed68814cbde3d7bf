"""Score `python main.py timex` on annotated TimeML corpora with the shared TempEval-3 scorer.

    python benchmarks/timex_eval.py [--data ../shared/data] [--json OUT.json]

For each corpus (TBAQ, MEANTIME) it dumps the documents' texts and creation dates with
``../shared/tools/timex_score.py --dump-texts``, runs the `timex` sub-command on every document
with its creation date as ``--ref`` (in-process, the same code path as the CLI), and prints the
scorer's figures. Needs ``../shared/`` beside the checkout; says so when it is absent.

MEANTIME's annotators marked only the opening of each article: its title, dateline and first
sentences. In all 90 files no gold TIMEX3 lies past the sixth line, while the lines after it
hold many dates ("in June", "in the past") that nobody annotated. Its main figure therefore
scores what the tagger finds in each text's first six lines; the whole-text figure, where every
date in an unannotated line counts as spurious, is printed after it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPORA = {"tbaq": "timeml/tbaq", "meantime": "timeml/meantime"}
ANNOTATED_LINES = {"meantime": 6}  # corpora whose gold covers only each text's opening lines


def _opening(text: str, lines: int) -> int:
    """The offset where the text's first ``lines`` lines end."""
    end = 0
    for _ in range(lines):
        nl = text.find("\n", end)
        if nl < 0:
            return len(text)
        end = nl + 1
    return end


def predict(texts: Path, out: Path, opening: Path | None = None, lines: int = 0) -> int:
    """Tag every text into ``out``; with ``opening``, also the rows in its first ``lines``."""
    import main

    n = 0
    with out.open("w", encoding="utf-8") as sink, contextlib.ExitStack() as stack:
        head = stack.enter_context(opening.open("w", encoding="utf-8")) if opening else None
        for txt in sorted(texts.glob("*.txt")):
            dct = txt.with_suffix(".dct").read_text().strip()[:10]
            cut = _opening(txt.read_text(encoding="utf-8"), lines) if head else 0
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                main.main(
                    ["timex", "--raw", "--ref", dct, str(txt)]
                    if len(dct) == 10
                    else ["timex", "--raw", str(txt)]
                )
            for line in buf.getvalue().splitlines():
                row = json.loads(line)
                row["doc"] = txt.stem
                sink.write(json.dumps(row) + "\n")
                if head and row["start"] < cut:
                    head.write(json.dumps(row) + "\n")
                n += 1
    return n


def score(scorer: Path, gold: Path, pred: Path, errors: bool) -> tuple[str, dict]:
    """The scorer's printed report and its figures."""
    metrics = pred.with_suffix(".metrics.json")
    cmd = [sys.executable, scorer, gold, pred, "--json", metrics]
    if errors:
        cmd.append("--errors")
    shown = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return shown, json.loads(metrics.read_text())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--json", metavar="OUT")
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    data = Path(args.data)
    scorer = data.parent / "tools" / "timex_score.py"
    if not data.is_dir() or not scorer.exists():
        print(f"timex_eval: no annotated data at {data} (needs ../shared/data and tools)")
        return 1
    results = {}
    for name, rel in CORPORA.items():
        gold = data / rel
        with tempfile.TemporaryDirectory() as tmp:
            texts = Path(tmp) / "texts"
            subprocess.run(
                [sys.executable, scorer, "--dump-texts", gold, texts],
                check=True,
                capture_output=True,
            )
            pred = Path(tmp) / "pred.jsonl"
            lines = ANNOTATED_LINES.get(name, 0)
            opening = Path(tmp) / "opening.jsonl" if lines else None
            predict(texts, pred, opening, lines)
            if opening is not None:
                shown, results[name] = score(scorer, gold, opening, args.errors)
                print(f"== {name} (the annotated opening: first {lines} lines of each text) ==")
                print(shown)
                shown, results[f"{name}_whole_text"] = score(scorer, gold, pred, False)
                print(f"== {name}, whole texts (unannotated lines count as spurious) ==")
                print(shown)
            else:
                shown, results[name] = score(scorer, gold, pred, args.errors)
                print(f"== {name} ==\n{shown}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
