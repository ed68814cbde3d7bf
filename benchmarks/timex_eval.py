"""Score `python main.py timex` on annotated TimeML corpora with the shared TempEval-3 scorer.

    python benchmarks/timex_eval.py [--data ../shared/data] [--json OUT.json]

For each corpus (TBAQ, MEANTIME) it dumps the documents' texts and creation dates with
``../shared/tools/timex_score.py --dump-texts``, runs the `timex` sub-command on every document
with its creation date as ``--ref`` (in-process, the same code path as the CLI), and prints the
scorer's figures. Needs ``../shared/`` beside the checkout; says so when it is absent.
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


def predict(texts: Path, out: Path) -> int:
    import main

    n = 0
    with out.open("w", encoding="utf-8") as sink:
        for txt in sorted(texts.glob("*.txt")):
            dct = txt.with_suffix(".dct").read_text().strip()[:10]
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                main.main(
                    ["timex", "--ref", dct, str(txt)] if len(dct) == 10 else ["timex", str(txt)]
                )
            for line in buf.getvalue().splitlines():
                row = json.loads(line)
                row["doc"] = txt.stem
                sink.write(json.dumps(row) + "\n")
                n += 1
    return n


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
            predict(texts, pred)
            metrics = Path(tmp) / "metrics.json"
            cmd = [sys.executable, scorer, gold, pred, "--json", metrics]
            if args.errors:
                cmd.append("--errors")
            shown = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            print(f"== {name} ==\n{shown}")
            results[name] = json.loads(metrics.read_text())
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
