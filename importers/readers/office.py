"""Word documents (.docx) and e-mail messages (.eml)."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
from pathlib import Path

from importers.readers.base import ReadError, ReadResult, expect
from importers.readers.html import html_to_text
from importers.readers.text import clean_text
from importers.readers.titles import choose_title

DOCX = (".docx",)
EML = (".eml",)


def read_docx(path: Path, data: bytes) -> list[ReadResult]:
    expect(data, path.suffix, "zip")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ReadError(f"damaged Word document: {exc}") from exc
    text = clean_text("\n\n".join(p.text for p in document.paragraphs if p.text.strip()))
    if not text.strip():
        raise ReadError("empty Word document: no text to import")
    props = document.core_properties
    created = props.created.date() if isinstance(props.created, dt.datetime) else None
    title = choose_title(props.title, text, path)
    return [ReadResult(text=text, title=title, created=created, format="docx")]


def read_eml(path: Path, data: bytes) -> list[ReadResult]:
    message = email.message_from_bytes(data, policy=email.policy.default)
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        raise ReadError("an e-mail without a text part")
    content = body.get_content()
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
        )
    ]
