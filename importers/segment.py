"""Splitting a document's text into passages (paragraphs) and sentences, keeping offsets."""

from __future__ import annotations

import re

MAX_PASSAGE = 2000

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "lt",
    "col",
    "sgt",
    "capt",
    "maj",
    "adm",
    "cmdr",
    "sen",
    "rep",
    "gov",
    "st",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "no",
    "vs",
    "inc",
    "co",
    "corp",
    "ltd",
    "jr",
    "sr",
    "prof",
    "pres",
    "approx",
    "est",
    "fig",
    "u.s",
    "u.n",
    "u.k",
    "e.u",
    "a.m",
    "p.m",
    "i.e",
    "e.g",
    "etc",
}

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def passages(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blocks separated by blank lines; long blocks are cut at sentences."""
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"\S(?:.*?\S)??(?=\s*\n\s*\n|\s*\Z)", text, re.DOTALL):
        start, end = m.span()
        if end - start <= MAX_PASSAGE:
            spans.append((start, end))
            continue
        chunk_start = start
        last_cut = start
        for s, e in sentences(text, start, end):
            if e - chunk_start > MAX_PASSAGE and last_cut > chunk_start:
                spans.append((chunk_start, last_cut))
                chunk_start = s
            last_cut = e
            while e - chunk_start > MAX_PASSAGE * 2:  # a "sentence" with no stop at all
                cut = _soft_cut(text, chunk_start, chunk_start + MAX_PASSAGE)
                spans.append((chunk_start, cut))
                chunk_start = cut
                while chunk_start < e and text[chunk_start].isspace():
                    chunk_start += 1
        if chunk_start < end:
            spans.append((chunk_start, end))
    return spans


def _soft_cut(text: str, start: int, limit: int) -> int:
    space = text.rfind(" ", start + MAX_PASSAGE // 2, limit)
    return space if space > start else limit


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``; lines of a heading count as sentences."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        word = re.search(r"([A-Za-z.]+)$", text[max(pos, m.start() - 12) : m.start()])
        head = word.group(1).strip(".").lower() if word else ""
        if head in _ABBREV or re.fullmatch(r"[a-z]", head):
            continue
        stop = m.start() + len(m.group(0).rstrip())
        out.extend(_lines(text, pos, stop))
        pos = m.end()
    if pos < end:
        out.extend(_lines(text, pos, end))
    return [(s, e) for s, e in out if e > s]


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A single newline inside a paragraph ends a sentence only after a short heading line."""
    out = []
    pos = start
    for m in re.finditer(r"\n", text[start:end]):
        cut = start + m.start()
        line = text[pos:cut].strip()
        if line and (len(line) < 60 and not line.endswith((",", "the", "a", "of", "and"))):
            out.append((pos, cut))
            pos = cut + 1
    out.append((pos, end))
    return [_strip(text, s, e) for s, e in out if text[s:e].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
