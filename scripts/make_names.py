"""Write ``resources/gazetteer/surnames.txt`` and ``census_given.txt``: the commonest US
surnames and given names of the 1990 US Census (public domain), as the ``names`` package
ships them.

    pip download names==0.3.0 --no-deps && tar xzf names-0.3.0.tar.gz
    python scripts/make_names.py names-0.3.0/names

A two-word capitalised name that ends in a common surname is a person's ("Jaquise Lewis");
one that starts with a common given name is too. Names that are also places the gazetteer
knows, or common English words, are left out: "Virginia Beach" and "Will Rise" are not
people.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SURNAMES = 10_000  # the commonest, about nine in ten Americans' surnames
GIVEN = {"dist.male.first": 800, "dist.female.first": 1500}
# Given names and surnames that are English words written with a capital at a sentence's
# start or in a heading.
_WORDS = """
    will hope faith joy grace rose june may april august summer dawn ivy holly lily ruby pearl
    crystal amber page bill mark frank young white black brown green gray grey little long
    short small king queen bishop church hall wall street park lane hill field wood woods
    stone rivers river lake ford hunter fisher baker miller cook carpenter mason porter parker
    walker rice bush price best strong sharp sweet golden rich major love gay early late day
    knight guard marshal judge sheriff chief officer police rescue fire house home post press
    news star sun moon snow frost rain storm winter spring fall autumn west east north south
    ward war peace power can tag chase bond banks bell case cash cross dean duke earl else
    english french german holland jordan israel washington lincoln jackson houston dallas
    austin phoenix denver madison charlotte georgia virginia carolina florence paris sydney
    victoria chelsea brooklyn kent cliff rock glen dale vale christian trinity angel
    """
WORDS = set(_WORDS.split())


def _read(path: Path, limit: int) -> list[str]:
    out = []
    for line in path.read_text("utf-8").splitlines()[:limit]:
        word = line.split()[0]
        out.append(word[:1] + word[1:].lower())
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    from importers.gazetteer import load_gazetteer, plain
    from importers.name_words import COMMON_NOUNS, STOP

    folder = Path(argv[0])
    gaz = load_gazetteer()
    places = {key[0] for key, entry in gaz.index.items() if len(key) == 1 and entry.kind == "place"}
    skip = WORDS | STOP | COMMON_NOUNS | places

    def keep(name: str) -> bool:
        word = plain(name).lower()
        return len(word) > 2 and word.isalpha() and word not in skip

    given = sorted({n for f, k in GIVEN.items() for n in _read(folder / f, k) if keep(n)})
    surnames = sorted({n for n in _read(folder / "dist.all.last", SURNAMES) if keep(n)})
    out = ROOT / "resources" / "gazetteer"
    head = (
        "# {what} of the 1990 US Census (public domain), less places and English words.\n"
        "# Made by scripts/make_names.py; do not edit by hand.\n"
    )
    (out / "census_given.txt").write_text(
        head.format(what="Common given names") + "\n".join(given) + "\n", "utf-8"
    )
    (out / "surnames.txt").write_text(
        head.format(what="The commonest surnames") + "\n".join(surnames) + "\n",
        "utf-8",
    )
    print(f"{len(given)} given names, {len(surnames)} surnames -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
