"""What a reader returns, and the error it raises with a one-line reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class ReadError(Exception):
    """A file that cannot be imported; the message is the one-line reason shown to users."""


@dataclass
class ReadResult:
    text: str
    title: str
    published: dt.date | None = None  # from the source's own metadata
    # the day the file was made (a PDF's or Word file's creation date): it dates the
    # document only where the text does not, and then as inferred
    created: dt.date | None = None
    url: str | None = None
    format: str = "text"
    warnings: list[str] = field(default_factory=list)
    pages: list[tuple[int, int, int]] | None = None  # (start, end, page number)
    part: str | None = None  # which document of a file holding several (a feed entry)


def sniff(data: bytes) -> str:
    """What the bytes look like: pdf, zip, html, xml, text or binary."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith(b"pk\x03\x04"):
        return "zip"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<head" in head:
        return "html"
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf")):
        return "xml"
    return "binary" if looks_binary(data) else "text"


def expect(data: bytes, ext: str, *kinds: str) -> None:
    """Refuse a file whose extension lies about its content, with a one-line reason."""
    found = sniff(data)
    if found not in kinds:
        raise ReadError(f"the extension says {ext} but the content looks like {found}")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean it is not text."""
    head = data[:8192]
    if not head or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with its byte order mark is text
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / len(head) > 0.1
