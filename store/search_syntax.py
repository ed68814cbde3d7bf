"""What an analyst types in the search box, as an FTS5 query: words (stemmed by the porter
tokenizer, so "raids" finds "raid"), ``"quoted phrases"``, ``prefix*``, ``OR``, ``NOT`` and
``AND`` in capitals, and parentheses. Anything else is read as words, never as FTS5 syntax, so
no input can make the query fail."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'"([^"]*)"?|(\()|(\))|([^\s"()]+)')
_OPERATORS = ("AND", "OR", "NOT")


def _words(text: str) -> list[str]:
    return [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]


def _term(raw: str) -> str | None:
    """One bare word (``raid``, ``raid*``, ``al-Qaeda``): its words as a quoted string, which
    the tokenizer splits and stems as it did the text; a trailing ``*`` makes it a prefix."""
    words = _words(raw)
    if not words:
        return None
    quoted = '"' + " ".join(words) + '"'
    return quoted + "*" if raw.endswith("*") else quoted


@dataclass(frozen=True)
class TextQuery:
    """Passages that match ``include`` (every passage when it is '') and not ``exclude``:
    FTS5's NOT needs a term before it, while a user may start with one ("NOT drill")."""

    include: str = ""
    exclude: str = ""

    def __bool__(self) -> bool:
        return bool(self.include or self.exclude)


def text_query(typed: str) -> TextQuery:
    """The FTS5 queries for what was typed; a leading ``NOT x`` excludes ``x``."""
    parts = _parts(typed)
    exclude: list[str] = []
    if parts and parts[0] == "NOT":
        depth, i = 0, 1
        while i < len(parts):
            depth += (parts[i] == "(") - (parts[i] == ")")
            i += 1
            if depth <= 0:
                break
        exclude, parts = parts[1:i], parts[i:]
    return TextQuery(" ".join(_balanced(parts)), " ".join(_balanced(exclude)))


def fts_query(typed: str) -> str:
    """The FTS5 query for ``typed`` (without a leading NOT); '' when it holds no word."""
    return " ".join(_balanced(_parts(typed)))


def _parts(typed: str) -> list[str]:
    parts: list[str] = []  # terms, operators and parentheses, in order
    for m in _TOKEN.finditer(typed):
        phrase, opening, closing, bare = m.groups()
        if phrase is not None:
            words = _words(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
        elif opening:
            parts.append("(")
        elif closing:
            parts.append(")")
        elif bare in _OPERATORS:
            parts.append(bare)
        else:
            term = _term(bare)
            if term:
                parts.append(term)
    return parts


def _balanced(parts: list[str]) -> list[str]:
    """Drop what FTS5 would refuse: an operator with no term on one side, an empty or
    unmatched parenthesis."""
    out: list[str] = []
    depth = 0
    for part in parts:
        if part == "(":
            if out and out[-1] not in _OPERATORS and out[-1] != "(":
                out.append("AND")
            out.append(part)
            depth += 1
        elif part == ")":
            while out and (out[-1] in _OPERATORS):
                out.pop()
            if depth and out and out[-1] != "(":
                out.append(part)
                depth -= 1
            elif depth and out and out[-1] == "(":
                out.pop()
                depth -= 1
                if out and out[-1] in _OPERATORS:
                    out.pop()
        elif part in _OPERATORS:
            if out and out[-1] not in _OPERATORS and out[-1] != "(":
                out.append(part)
        else:
            if out and out[-1] not in _OPERATORS and out[-1] != "(":
                out.append("AND")  # FTS5 needs no AND between terms, but a ) before one does
            out.append(part)
    while out and (out[-1] in _OPERATORS or out[-1] == "("):
        if out.pop() == "(":
            depth -= 1
    out.extend(")" * depth)
    return out
