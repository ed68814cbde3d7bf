"""Word documents (.docx) and e-mail messages (.eml)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import zipfile
from pathlib import Path

from importers.readers.base import ReadError, ReadResult, expect, looks_binary
from importers.readers.html import html_to_text
from importers.readers.text import clean_text
from importers.readers.titles import choose_title

DOCX = (".docx",)
EML = (".eml",)


# A zip-based file may unpack to far more than it weighs: what it declares and what it really
# unpacks to are both checked before a reader opens it, at five times the text limit.
ZIP_MAX_BYTES = 100 * 1024 * 1024
ZIP_MAX_ENTRIES = 10_000


def check_zip(data: bytes, what: str) -> None:
    """Refuse a damaged zip or a zip bomb (too many entries, or more than ZIP_MAX_BYTES
    declared or really unpacked), before any reader unpacks it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > ZIP_MAX_ENTRIES:
                raise ReadError(f"{what}: {len(entries):,} parts, over {ZIP_MAX_ENTRIES:,}")
            declared = sum(e.file_size for e in entries)
            limit = f"{ZIP_MAX_BYTES // (1024 * 1024)} MiB"
            if declared > ZIP_MAX_BYTES:
                raise ReadError(f"{what}: it unpacks to over {limit} (a zip bomb?)")
            unpacked = 0
            for entry in entries:
                with archive.open(entry) as part:
                    first = True
                    while chunk := part.read(1 << 20):
                        if first and b"<!doctype" in chunk[:2048].lower():
                            # Office never writes one; it is how entity bombs and external
                            # entities come in
                            raise ReadError(f"refused: the {what}'s XML declares entities")
                        first = False
                        unpacked += len(chunk)
                        if unpacked > ZIP_MAX_BYTES:
                            raise ReadError(f"{what}: it unpacks to over {limit} (a zip bomb?)")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        raise ReadError(f"damaged {what}: {exc}") from exc
    except NotImplementedError as exc:  # an unknown compression method
        raise ReadError(f"damaged {what}: {exc}") from exc


def read_docx(path: Path, data: bytes) -> list[ReadResult]:
    expect(data, path.suffix, "zip")
    check_zip(data, "Word document")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [p.text for p in document.paragraphs]
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReadError(f"damaged Word document: {exc}") from exc
    except Exception as exc:  # python-docx meeting parts it does not expect
        raise ReadError(f"damaged Word document: {type(exc).__name__}: {exc}") from exc
    text = clean_text("\n\n".join(p for p in paragraphs if p.strip()))
    if not text.strip():
        raise ReadError("empty Word document: no text to import")
    props = document.core_properties
    created = props.created.date() if isinstance(props.created, dt.datetime) else None
    title = choose_title(props.title, text, path)
    return [ReadResult(text=text, title=title, created=created, format="docx")]


# Headers one of which any real message carries
_MAIL_HEADERS = ("from", "to", "subject", "date", "message-id", "received", "mime-version")


def read_eml(path: Path, data: bytes) -> list[ReadResult]:
    if looks_binary(data):
        raise ReadError("binary content, not an e-mail")
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not any(message.get(h) is not None for h in _MAIL_HEADERS):
        raise ReadError("not an e-mail: none of From, To, Subject or Date")
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        raise ReadError("an e-mail without a text part")
    content = body.get_content()
    defects = {type(d).__name__ for d in (*message.defects, *body.defects)}
    warnings = [f"damaged e-mail: {', '.join(sorted(defects))}"] if defects else []
    if body.get_content_type() == "text/html":
        content = html_to_text(content)[0]
    text = clean_text(content).strip()
    subject = str(message.get("subject", "")).strip()
    if not text and not subject:
        raise ReadError("empty e-mail: no text to import")
    published = None
    try:
        sent = message.get("date")
        published = sent.datetime.date() if sent is not None and sent.datetime else None
    except (TypeError, ValueError, AttributeError):
        published = None
    return [
        ReadResult(
            text=f"{subject}\n\n{text}" if subject else text,
            title=subject[:300] or path.stem,
            published=published,
            format="eml",
            warnings=warnings,
        )
    ]
