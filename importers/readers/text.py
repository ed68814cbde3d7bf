"""Reading plain-text files (.txt, .md): bytes to text with a clear reason when it fails."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from importers.readers.base import ReadError, ReadResult, expect, looks_binary

EXTENSIONS = (".txt", ".md", ".text", ".markdown")


# Of the readings the detector finds equally free of odd characters, the one with the fewest
# symbols inside words is right: a wrong code page turns letters into symbols ("Żołnierze" read
# as cp1252 is "¯o³nierze"), which the detector's language model let pass. Then its language
# coherence decides; on a tie the commonest code page of English and Western European sources
# wins: Windows-1252, which HTML5 also reads for "latin-1" (taking the first of a tie gave
# Central European cp1250, and "à" became "ŕ").
_TIE_BREAK = "cp1252"
_TYPOGRAPHY = frozenset("’‘“”–—…·\u00ad")


def _symbols_in_words(text: str) -> int:
    """Non-ASCII characters that are neither letters nor typography, between two letters."""
    return sum(
        1
        for i in range(1, len(text) - 1)
        if not text[i].isascii()
        and not text[i].isalpha()
        and text[i] not in _TYPOGRAPHY
        and text[i - 1].isalpha()
        and text[i + 1].isalpha()
    )


# A reading with so few odd characters is text in that code page, however short it is (the
# language model's coherence stays low for a few sentences).
_PLAIN = 0.1


def decode(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """Text from bytes, and a warning when it was not clean UTF-8. Bytes that are not UTF-8
    are read in the ``declared`` encoding (a web page's charset) when Python knows it, else
    in the code page they look like."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "decoded as UTF-16"
    if declared and _known_codec(declared):
        return data.decode(declared, errors="replace"), f"decoded as {declared}, as declared"
    try:
        from charset_normalizer import from_bytes

        matches = from_bytes(data[:200_000])
        best = matches.best()
        if best is not None:
            level = [m for m in matches if m.chaos <= best.chaos]
            best = min(
                level,
                key=lambda m: (
                    _symbols_in_words(str(m)),
                    -m.coherence,
                    _TIE_BREAK not in m.could_be_from_charset,
                    level.index(m),
                ),
            )
    except Exception:  # pragma: no cover - charset detection is a best effort
        best = None
    if (
        best is not None
        and best.encoding not in ("utf_8", "ascii")
        and (best.coherence > 0.5 or best.chaos < _PLAIN)
    ):
        # code pages that read these bytes as the same text are one match; name the common one
        name = _TIE_BREAK if _TIE_BREAK in best.could_be_from_charset else best.encoding
        reading = data.decode(name, errors="replace")
        if not _stray_bytes(data, reading):
            return reading, f"decoded as {name}"
    text = data.decode("utf-8", errors="replace")
    return text, f"invalid UTF-8 from byte {bad_at}; undecodable bytes replaced with U+FFFD"


def _stray_bytes(data: bytes, reading: str) -> bool:
    """Whether a code page's reading of mostly-ASCII English is stray bytes, not letters: in
    a text that is nearly all ASCII, a code page must turn every other byte into a Latin
    letter or common punctuation (French é, Polish ł, Turkish ş), not into Cyrillic or
    symbols; else the few bad bytes are damage in UTF-8 text."""
    ascii_share = sum(b < 128 for b in data) / max(1, len(data))
    if ascii_share < 0.95:
        return False
    for ch in {c for c in reading if ord(c) >= 128}:
        name = unicodedata.name(ch, "")
        if not (name.startswith("LATIN") or unicodedata.category(ch) in ("Pd", "Pi", "Pf", "Sc")):
            return True
    return False


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def clean_text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def read_text(path: Path, data: bytes) -> list[ReadResult]:
    expect(data, path.suffix, "text", "html", "xml", "binary")
    if looks_binary(data):
        raise ReadError("binary content, not text")
    text, warning = decode(data)
    text = clean_text(text)
    if not text.strip():
        raise ReadError("empty file: no text to import")
    title = next(
        (line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip()), ""
    )
    return [
        ReadResult(text=text, title=title[:300] or path.stem, warnings=[warning] if warning else [])
    ]
