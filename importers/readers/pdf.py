"""PDF reports: text page by page (passages keep their page). The metadata's title serves
unless it is a tool's placeholder; its creation date is the day the file was made, which dates
the document only where its text does not (``ReadResult.created``)."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from importers.readers.base import ReadError, ReadResult, expect
from importers.readers.text import clean_text
from importers.readers.titles import choose_title

EXTENSIONS = (".pdf",)


def read_pdf(path: Path, data: bytes) -> list[ReadResult]:
    expect(data, path.suffix, "pdf")
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # AES needs the cryptography package, a dependency, even for an empty password
            try:
                opened = reader.decrypt("")
            except (FileNotDecryptedError, NotImplementedError) as exc:
                raise ReadError(f"encrypted PDF: {exc}") from exc
            if not opened:
                raise ReadError("encrypted PDF (a password is needed)")
        pages: list[tuple[int, int, int]] = []
        parts: list[str] = []
        offset = 0
        for number, page in enumerate(reader.pages, start=1):
            page_text = clean_text(page.extract_text() or "").strip()
            if not page_text:
                continue
            if parts:
                parts.append("\n\n")
                offset += 2
            parts.append(page_text)
            pages.append((offset, offset + len(page_text), number))
            offset += len(page_text)
        meta = reader.metadata
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise ReadError(
            f"damaged PDF: {str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__}"
        ) from exc
    text = "".join(parts)
    if not text.strip():
        raise ReadError("no text layer (a scanned PDF?); OCR is not supported")
    title = (getattr(meta, "title", None) or "") if meta else ""
    producers = tuple(str(getattr(meta, k, None) or "") for k in ("creator", "producer"))
    created = None
    try:
        created = meta.creation_date.date() if meta and meta.creation_date else None
    except (ValueError, TypeError, AttributeError):
        created = None
    return [
        ReadResult(
            text=text,
            title=choose_title(title, text, path, producers),
            created=created,
            format="pdf",
            pages=pages,
        )
    ]
