"""RSS and Atom feed files: each entry becomes a document with its own title, date and link.
Entity declarations are refused before parsing (no "billion laughs")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from importers.readers.base import ReadError, ReadResult, expect
from importers.readers.text import clean_text

EXTENSIONS = (".rss", ".atom", ".xml")


def _refuse_entities(data: bytes) -> None:
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        SafeET.fromstring(data)
    except DefusedXmlException as exc:
        raise ReadError(f"refused: the XML declares entities ({type(exc).__name__})") from exc
    except SafeET.ParseError as exc:
        raise ReadError(f"malformed XML: {exc}") from exc


def _entry_text(entry) -> str:  # type: ignore[no-untyped-def]
    from lxml import html as lxml_html

    parts = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    texts = []
    for part in parts:
        if not part.strip():
            continue
        try:
            texts.append(lxml_html.fromstring(part).text_content())
        except Exception:  # plain text or a fragment lxml refuses
            texts.append(part)
    return clean_text("\n\n".join(texts)).strip()


def read_feed(path: Path, data: bytes) -> list[ReadResult]:
    expect(data, path.suffix, "xml")
    _refuse_entities(data)
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        raise ReadError(
            "a feed with no entries" if parsed.get("feed") else "not an RSS or Atom feed"
        )
    results = []
    for i, entry in enumerate(parsed.entries):
        body = _entry_text(entry)
        title = entry.get("title", "").strip()
        if not body and not title:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.date(*when[:3]) if when else None
        results.append(
            ReadResult(
                text=f"{title}\n\n{body}" if title else body,
                title=title[:300] or f"{path.stem} entry {i + 1}",
                published=published,
                url=entry.get("link"),
                format="feed",
                part=entry.get("id") or entry.get("link") or str(i + 1),
            )
        )
    if not results:
        raise ReadError("the feed's entries have no text")
    return results
