"""Readers: one small module per format, chosen by file extension."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from importers.readers import feed, html, office, pdf, text
from importers.readers.base import ReadError, ReadResult

Reader = Callable[[Path, bytes], list[ReadResult]]

READERS: dict[str, Reader] = {}
for _exts, _reader in (
    (text.EXTENSIONS, text.read_text),
    (html.EXTENSIONS, html.read_html),
    (pdf.EXTENSIONS, pdf.read_pdf),
    (feed.EXTENSIONS, feed.read_feed),
    (office.DOCX, office.read_docx),
    (office.EML, office.read_eml),
):
    for _ext in _exts:
        READERS[_ext] = _reader
SUPPORTED = tuple(sorted(READERS))

__all__ = ["READERS", "SUPPORTED", "ReadError", "ReadResult", "reader_for"]


def reader_for(path: Path) -> Reader | None:
    return READERS.get(path.suffix.lower())
