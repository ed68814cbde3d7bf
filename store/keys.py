"""Folding of names and text into comparison keys that keep character offsets.

Gazetteers carry diacritics (pycountry writes Khōst, Paktiyā, Kunaṟ) and texts spell groups
as Al-Qaeda, al Qaeda or AL QAEDA: all of them compare on one folded form.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TypeVar

import numpy as np

_PUNCT_MAP = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u2032": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u00a0": " ",
}


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """One character folded to exactly one character: no accents, lower case, plain quotes."""
    mapped = _PUNCT_MAP.get(ch)
    if mapped is not None:
        return mapped
    if ch.isascii():
        return ch.lower()
    base = unicodedata.normalize("NFKD", ch)[:1] or ch
    low = base.lower()
    return low if len(low) == 1 else base


def fold_text(text: str) -> str:
    """Fold a whole text; the result has the same length, so offsets carry over."""
    if text.isascii():
        return text.lower()
    return "".join(fold_char(c) for c in text)


_WORD = re.compile(r"[a-z0-9]+")


def name_key(name: str) -> str:
    """The key two spellings of one name share: folded words joined by single spaces.

    ``Al-Qaeda``, ``al Qaeda`` and ``AL QAEDA`` all give ``al qaeda``; ``U.S.`` gives ``u s``.
    """
    return " ".join(_WORD.findall(fold_text(name)))


def event_fingerprint(evidence: str, trigger: str) -> str:
    """What identifies a machine-made event across re-imports of a changed document: its
    sentence and trigger word, folded; character offsets move when text is added above."""
    key = f"{name_key(evidence)}|{name_key(trigger)}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


_BATCH = 900  # below SQLite's default limit of bound parameters
_Ids = TypeVar("_Ids", Sequence[int], np.ndarray)


def chunks(ids: _Ids, size: int = _BATCH) -> Iterator[_Ids]:
    """``ids`` in slices that SQLite takes as bound parameters."""
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
