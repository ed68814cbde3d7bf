"""Real sources: saved web pages, PDF reports, feeds, Word and e-mail files, each made here."""

from __future__ import annotations

import datetime as dt
import io
import json
from email.message import EmailMessage
from pathlib import Path

import pytest

from importers.pipeline import ImportOptions, import_paths
from store.db import check_integrity
from store.query import EventQuery
from store.read import iter_event_rows

PAGE = """<!DOCTYPE html>
<html><head><title>Bombing in Kabul kills 12 | Example News</title>
<meta property="article:published_time" content="2019-05-03T10:00:00Z">
<link rel="canonical" href="https://example.org/news/kabul-bombing">
<script>document.write('<p>Gunmen stormed a hotel on May 1, 2019.</p>')</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/asia">Asia</a></nav>
<article><h1>Bombing in Kabul kills 12</h1>
<p>A suicide bomber struck a checkpoint in Kabul on Thursday, killing 12 people, officials said.
The Taliban claimed responsibility in a statement.</p>
<p>Police arrested two suspects in Kandahar on Friday after searching a compound, the interior
ministry said.</p></article>
<aside><h3>Related articles</h3><ul>
<li><a href="/a">Airstrike in Helmand on March 3, 2015 kills militants</a></li>
<li><a href="/b">Clashes erupt in Kunduz on June 8, 2016</a></li></ul></aside>
<footer>Copyright 2019 Example News. All rights reserved.</footer></body></html>
"""


def _events(store) -> list:
    with store.session() as s:
        return list(iter_event_rows(s, EventQuery()))


def _import(store, *paths):
    return import_paths(store, list(paths), ImportOptions())


def test_a_saved_page_imports_its_article_and_not_its_boilerplate(store, tmp_path):
    page = tmp_path / "kabul-bombing.html"
    page.write_text(PAGE, encoding="utf-8")
    (outcome,) = _import(store, page).outcomes
    assert outcome.status == "imported", outcome.line()
    events = _events(store)
    assert events
    evidence = " ".join(e.evidence for e in events)
    for boilerplate in ("Helmand", "Kunduz", "Copyright", "hotel"):
        assert boilerplate not in evidence
    bombing = next(e for e in events if e.type == "bombing")
    assert bombing.date_value == "2019-05-02"  # Thursday before the page's date
    assert bombing.document_published == dt.date(2019, 5, 3)
    assert bombing.document_title == "Bombing in Kabul kills 12"
    with store.session() as s:
        from store.read import document_row

        doc = document_row(s, bombing.document_id)
    assert doc is not None and doc.url == "https://example.org/news/kabul-bombing"
    assert doc.published_source == "metadata"


def test_a_page_in_an_old_code_page_is_read_in_the_charset_it_declares(store, tmp_path):
    words = "Güvenlik güçleri 3 Mayıs 2019 tarihinde bir komutanı gözaltına aldı."
    page = tmp_path / "haber.html"
    page.write_bytes(
        (
            '<html><head><meta http-equiv="Content-Type" content="text/html; '
            'charset=windows-1254"><title>Kandahar</title></head><body><article>'
            f"<p>{words}</p><p>{words}</p></article></body></html>"
        ).encode("cp1254")
    )
    (outcome,) = _import(store, page).outcomes
    assert "decoded as windows-1254, as declared" in outcome.line()
    with store.session() as s:
        from store.read import document_row

        doc = document_row(s, outcome.document_ids[0])
    assert doc is not None and words in doc.text  # "Mayıs", not "Mayýs" (cp1252)


def _pdf(pages: list[str], *, title: str = "UN Monitoring Team Report") -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_creation_date(dt.datetime(2020, 1, 27, 9, 0, tzinfo=dt.UTC))
    pdf.set_font("helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def test_a_multi_page_pdf_keeps_page_numbers_through_to_the_export(store, tmp_path, cli, db_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(
        _pdf(
            [
                "Twenty-fifth report of the Monitoring Team.\n\nSummary of findings.",
                "Militants attacked an army base in Kunduz on March 3, 2019, the team found.",
                "Security forces arrested four suspects in Kabul on April 9, 2019.",
            ]
        )
    )
    (outcome,) = _import(store, path).outcomes
    assert outcome.status == "imported", outcome.line()
    events = {e.type: e for e in _events(store)}
    assert events["attack"].page == 2 and events["attack"].date_value == "2019-03-03"
    assert events["arrest"].page == 3
    # the file's creation date is no publication date: the text gives none, so none is shown
    assert events["attack"].document_published is None
    assert events["attack"].document_title == "UN Monitoring Team Report"
    code, out = cli("events", "--db", db_path, "--type", "attack", "--format", "jsonl")
    assert code == 0 and json.loads(out.splitlines()[0])["page"] == 2


def test_a_feed_becomes_one_document_per_entry_with_its_own_date(store, tmp_path):
    feed = tmp_path / "news.rss"
    feed.write_text(
        """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Conflict wire</title>
<item><title>Raid in Helmand</title><link>https://example.org/1</link>
<pubDate>Tue, 10 Sep 2019 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Afghan forces raided a compound in Helmand yesterday.&lt;/p&gt;
</description></item>
<item><title>Talks resume in Doha</title><link>https://example.org/2</link>
<pubDate>Mon, 07 Dec 2020 08:00:00 GMT</pubDate>
<description>Negotiations between the two sides resumed in Doha on Saturday.</description></item>
</channel></rss>""",
        encoding="utf-8",
    )
    (outcome,) = _import(store, feed).outcomes
    assert outcome.status == "imported" and len(outcome.document_ids) == 2
    events = {e.type: e for e in _events(store)}
    assert events["raid"].date_value == "2019-09-09"
    assert events["raid"].document_published == dt.date(2019, 9, 10)
    assert events["talks"].date_value == "2020-12-05"
    assert events["talks"].document_title == "Talks resume in Doha"
    assert _import(store, feed).outcomes[0].status == "unchanged"


def test_word_and_email_files(store, tmp_path):
    import docx

    document = docx.Document()
    document.core_properties.title = "Field note"
    document.add_paragraph("Gunmen kidnapped two engineers near Mosul on June 4, 2017.")
    buf = io.BytesIO()
    document.save(buf)
    (tmp_path / "note.docx").write_bytes(buf.getvalue())

    msg = EmailMessage()
    msg["Subject"] = "Clash near Gao"
    msg["Date"] = "Wed, 14 Nov 2018 10:00:00 +0000"
    msg.set_content("Soldiers clashed with militants near Gao on Monday, a source said.")
    (tmp_path / "tip.eml").write_bytes(bytes(msg))

    report = _import(store, tmp_path)
    assert report.count("imported") == 2, [o.line() for o in report.outcomes]
    events = {e.type: e for e in _events(store)}
    assert events["kidnapping"].date_value == "2017-06-04"
    assert events["clash"].date_value == "2018-11-12"
    assert events["clash"].document_title == "Clash near Gao"


@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    from pypdf import PdfReader, PdfWriter

    good = _pdf(["Militants attacked Kunduz on March 3, 2019."])
    files: dict[str, Path] = {}
    files["truncated"] = tmp_path / "truncated.pdf"
    files["truncated"].write_bytes(good[: len(good) // 3])
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(good)).pages:
        writer.add_page(page)
    writer.encrypt("secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    files["encrypted"] = tmp_path / "encrypted.pdf"
    files["encrypted"].write_bytes(buf.getvalue())
    from fpdf import FPDF

    scanned = FPDF()
    scanned.add_page()
    scanned.rect(20, 20, 100, 100, style="F")
    files["scanned"] = tmp_path / "scanned.pdf"
    files["scanned"].write_bytes(bytes(scanned.output()))
    files["huge_html"] = tmp_path / "huge.html"
    with files["huge_html"].open("w") as f:
        f.write("<html><body>")
        while f.tell() < 20 * 1024 * 1024:
            f.write("<div><p>Militants attacked a checkpoint on May 2, 2019.</p></div>\n" * 1000)
        f.write("</body></html>")
    files["bomb"] = tmp_path / "bomb.rss"
    files["bomb"].write_text(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{"&lol" + str(i - 1) + ";" if i else "&lol;"}' * 1 + '">'
            for i in range(1, 10)
        )
        + "]><rss><channel><item><title>&lol9;</title></item></channel></rss>"
    )
    files["external"] = tmp_path / "external.xml"
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET LINE")
    files["external"].write_text(
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<rss><channel><item><title>&x;</title></item></channel></rss>"
    )
    files["lying_pdf"] = tmp_path / "report.pdf"
    files["lying_pdf"].write_text("<html><body>not a pdf</body></html>")
    files["lying_txt"] = tmp_path / "notes.txt"
    files["lying_txt"].write_bytes(good)
    return files


def test_bad_files_get_one_line_reasons_and_the_good_one_still_imports(store, bad_files, seed_path):
    report = _import(store, *bad_files.values(), seed_path)
    reasons = {Path(o.path).name: o for o in report.outcomes}
    expect = {
        "truncated.pdf": "damaged PDF",
        "encrypted.pdf": "encrypted PDF",
        "scanned.pdf": "no text layer",
        "huge.html": "too large",
        "bomb.rss": "entities",
        "external.xml": "entities",
        "report.pdf": "the extension says .pdf",
        "notes.txt": "the extension says .txt",
    }
    for name, words in expect.items():
        outcome = reasons[name]
        assert outcome.status == "failed" and words in outcome.reason, outcome.line()
        assert "\n" not in outcome.line()
    assert reasons[seed_path.name].status == "imported"
    with store.session() as s:
        assert check_integrity(s)
    assert all("TOP SECRET" not in e.evidence for e in _events(store))


def test_importing_each_format_from_the_cli(cli, db_path, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "page.html").write_text(PAGE)
    (folder / "report.pdf").write_bytes(_pdf(["Militants attacked Kunduz on March 3, 2019."]))
    (folder / "empty.txt").write_text("")
    code, out = cli("import", "--db", db_path, folder)
    assert code == 0
    lines = out.splitlines()
    assert lines[-1].startswith("2 imported, 0 replaced, 0 already present, 1 failed")
    assert any("empty.txt" in line and "FAILED" in line for line in lines)
