"""Reading plain-text files (.txt, .md): bytes to text with a clear reason when it fails."""

from __future__ import annotations

from pathlib import Path

from importers.readers.base import ReadError, ReadResult, expect, looks_binary

EXTENSIONS = (".txt", ".md", ".text", ".markdown")


def decode(data: bytes) -> tuple[str, str | None]:
    """Text from bytes, and a warning when it was not clean UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "decoded as UTF-16"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:  # pragma: no cover - charset detection is a best effort
        best = None
    if best is not None and best.encoding not in ("utf_8", "ascii") and best.coherence > 0.5:
        return data.decode(best.encoding, errors="replace"), f"decoded as {best.encoding}"
    text = data.decode("utf-8", errors="replace")
    return text, f"invalid UTF-8 from byte {bad_at}; undecodable bytes replaced with U+FFFD"


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
