"""A document's title: the file's own metadata title unless it is a tool's placeholder
("Enscript Output", "Microsoft Word - report.docx", "Untitled"), else the text's first heading
line, else the file name."""

from __future__ import annotations

import re
from pathlib import PurePath

# What tools write into a file's title field when nobody gave it one.
_PLACEHOLDER = re.compile(
    r"""(?ix)^(?:
        untitled(?:\s*\d*|\s+document)? | no\s+title | title | document\s*\d* | doc\d+
      | (?:microsoft\s+)?(?:word|excel|powerpoint)(?:\s+-\s+.*)?
      | powerpoint\s+presentation | presentation\d* | slide\s*\d+
      | enscript\s+output | a2ps.* | print(?:ed)?\s+.* | output
      | .*\.(?:docx?|odt|rtf|txt|pdf|html?|xlsx?|pptx?|tex|dvi|ps)
      | (?:microsoft|adobe|acrobat|pdf(?:la)?tex|latex|libre\s*office|open\s*office|writer
        |ghostscript|quartz|skia|chromium|chrome|mozilla|wkhtmltopdf|pages|google\s+docs)
        (?:\s+[\w.]+)*
    )$"""
)
_HEADING_MAX = 150


def is_placeholder(title: str, producers: tuple[str, ...] = ()) -> bool:
    """Whether ``title`` names no document: empty, a tool's placeholder, or the name of the
    program that made the file (``producers``: a PDF's Creator and Producer)."""
    folded = " ".join(title.split()).casefold()
    if not folded or not re.search(r"\w", folded):
        return True
    if any(folded == " ".join(p.split()).casefold() for p in producers if p):
        return True
    return bool(_PLACEHOLDER.match(folded))


def first_heading(text: str) -> str | None:
    """The first line of the text that reads as a heading: short, with letters, and not a
    sentence running on into the next line."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        letters = sum(ch.isalpha() for ch in line)
        if len(line) <= _HEADING_MAX and letters >= 3 and letters >= len(line) / 3:
            return line
        return None  # the text starts with prose or a table, not a heading
    return None


def choose_title(
    metadata: str | None, text: str, path: PurePath | str, producers: tuple[str, ...] = ()
) -> str:
    """The metadata title, unless a placeholder; else the first heading line; else the file
    name."""
    title = " ".join((metadata or "").split())
    if title and not is_placeholder(title, producers):
        return title[:300]
    return (first_heading(text) or PurePath(path).name)[:300]
