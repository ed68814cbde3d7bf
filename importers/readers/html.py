"""Saved web pages: the article's main text (no navigation, sidebars or footers), its title,
publication date and canonical URL. Nothing is fetched and no script runs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from importers.readers.base import ReadError, ReadResult, expect
from importers.readers.text import clean_text, decode
from store.timespan import date_from_match

EXTENSIONS = (".html", ".htm", ".xhtml")
MAX_HTML_BYTES = 8 * 1024 * 1024


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    return date_from_match(re.match(r"(\d{4})-(\d{2})-(\d{2})", value))


def html_to_text(html: str) -> tuple[str, str | None, dt.date | None, str | None]:
    """Main text, title, date and canonical URL of a page (trafilatura and htmldate)."""
    import trafilatura

    text = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=True,
    )
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta else None
    url = meta.url if meta else None
    date = parse_date(meta.date) if meta else None
    return text or "", title, date, url


# <meta charset="windows-1256"> or <meta http-equiv="Content-Type" content="...; charset=...">
_DECLARED_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{2,40})", re.I)


def read_html(path: Path, data: bytes) -> list[ReadResult]:
    expect(data, path.suffix, "html", "xml", "text")
    if len(data) > MAX_HTML_BYTES:
        raise ReadError(
            f"too large for a web page: {len(data) / 1e6:.1f} MB (limit "
            f"{MAX_HTML_BYTES / 1e6:.0f} MB); save the article as text instead"
        )
    declared = _DECLARED_CHARSET.search(data[:4096])
    html, warning = decode(data, declared.group(1).decode("ascii") if declared else None)
    text, title, date, url = html_to_text(html)
    text = clean_text(text).strip()
    if not text:
        raise ReadError("no article text found in the page")
    # One paragraph per line in trafilatura's output: make each a passage.
    text = re.sub(r"\n+", "\n\n", text)
    return [
        ReadResult(
            text=text,
            title=(title or text.split("\n", 1)[0])[:300],
            published=date,
            url=url,
            format="html",
            warnings=[warning] if warning else [],
        )
    ]
