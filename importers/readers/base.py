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
    url: str | None = None
    format: str = "text"
    warnings: list[str] = field(default_factory=list)
    pages: list[tuple[int, int, int]] | None = None  # (start, end, page number)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean it is not text."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / len(head) > 0.1
