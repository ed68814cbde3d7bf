"""A PDF's metadata says when the file was made and what a tool called it; an analyst wants the
day of the news and a title that tells two reports apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from importers.pipeline import ImportOptions, import_paths
from importers.readers.titles import choose_title, is_placeholder
from store.query import EventQuery
from store.read import document_list, document_row, iter_event_rows

TODAY = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)


def _pdf(path: Path, text: str, *, title: str | None, made: dt.datetime = TODAY) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    if title is not None:
        pdf.set_title(title)
    pdf.set_creation_date(made)
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, text)
    path.write_bytes(bytes(pdf.output()))
    return path


def _events(store):  # type: ignore[no-untyped-def]
    with store.session() as s:
        return list(iter_event_rows(s, EventQuery()))


def test_a_dateline_in_the_text_wins_over_the_day_the_pdf_was_made(store, tmp_path):
    path = _pdf(
        tmp_path / "wire.pdf",
        "Jihadists attack army base\n\nMAIDUGURI, Nigeria, 3 July 2019 (AFP) - Jihadists "
        "attacked an army base near Maiduguri yesterday, killing four soldiers.",
        title="Enscript Output",
    )
    import_paths(store, [path], ImportOptions())
    (attack, *_rest) = [e for e in _events(store) if e.type in ("attack", "killing")]
    assert attack.date_value == "2019-07-02"
    assert not attack.date_inferred
    assert attack.document_published == dt.date(2019, 7, 3)
    with store.session() as s:
        doc = document_row(s, attack.document_id)
    assert doc is not None and doc.reference_source == "dateline"


def test_without_a_date_in_the_text_the_creation_day_serves_and_is_marked_inferred(store, tmp_path):
    path = _pdf(
        tmp_path / "notes.pdf",
        "Field notes\n\nGunmen attacked a police post in the district yesterday.",
        title=None,
    )
    import_paths(store, [path], ImportOptions())
    (attack,) = [e for e in _events(store) if e.type == "attack"]
    assert attack.date_value == "2026-12-06"
    assert attack.date_inferred  # the file's day is a guess at the text's
    assert attack.document_published is None
    with store.session() as s:
        doc = document_row(s, attack.document_id)
    assert doc is not None and doc.reference_source == "file created"


def test_two_pdfs_with_a_tools_title_are_told_apart_by_their_headings(store, tmp_path):
    first = _pdf(
        tmp_path / "a.pdf",
        "Raid in Musa Qala\n\nForces raided a compound in Musa Qala on 23 September 2019.",
        title="Enscript Output",
    )
    second = _pdf(
        tmp_path / "b.pdf",
        "Talks in Doha\n\nTalks between the two sides resumed in Doha on 7 December 2019.",
        title="Microsoft Word - report.docx",
    )
    import_paths(store, [first, second], ImportOptions())
    with store.session() as s:
        titles = sorted(title for _id, title in document_list(s))
    assert titles == ["Raid in Musa Qala", "Talks in Doha"]


def test_placeholder_titles_and_their_fallbacks():
    for placeholder in ("Enscript Output", "Untitled", "Microsoft Word - report.docx", "", "  "):
        assert is_placeholder(placeholder), placeholder
    assert is_placeholder("LibreOffice Writer", ("Writer",)) or is_placeholder("Writer")
    assert is_placeholder("Acme PDF Maker 3.1", ("Acme PDF Maker 3.1",))
    for real in ("UN Monitoring Team Report", "Word of the day: war", "Outputs of the talks"):
        assert not is_placeholder(real), real
    # a text that opens with prose has no heading: the file name is the title
    prose = "The monitoring team found that the group had moved its fighters. " * 4
    assert choose_title("Untitled", prose, "/tmp/un-report-2020.pdf") == "un-report-2020.pdf"
    assert choose_title("Untitled", "Annual report\n\nText.", "/tmp/x.pdf") == "Annual report"


def test_documents_of_one_title_are_listed_with_their_file_names(store, tmp_path):
    same = "Weekly report\n\nForces raided a compound in Musa Qala on 23 September 2019."
    first = _pdf(tmp_path / "week-38.pdf", same, title="Untitled")
    second = _pdf(tmp_path / "week-39.pdf", same + " Talks resumed.", title="Untitled")
    import_paths(store, [first, second], ImportOptions())
    with store.session() as s:
        titles = sorted(title for _id, title in document_list(s))
    assert titles == ["Weekly report — week-38.pdf", "Weekly report — week-39.pdf"]


def test_a_pdfs_evidence_is_one_line_in_both_exports(store, tmp_path, cli, db_path):
    import csv
    import io
    import json

    long = (
        "Reports\n\nSecurity forces raided a compound belonging to a senior commander of the "
        "group in the outskirts of Lashkar Gah on 23 September 2019 and detained four men "
        "who were later handed over to the provincial police."
    )
    path = _pdf(tmp_path / "wrapped.pdf", long, title="Untitled")
    import_paths(store, [path], ImportOptions())
    with store.session() as s:
        doc = document_row(s, document_list(s)[0][0])
    assert doc is not None and "Lashkar\nGah" in doc.text  # the layout broke the sentence
    _code, out = cli("events", "--db", db_path)
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows and all("\n" not in r["evidence"] and "\r" not in r["evidence"] for r in rows)
    _code, out = cli("events", "--db", db_path, "--format", "jsonl")
    assert all("\n" not in json.loads(line)["evidence"] for line in out.splitlines())
    assert any("Lashkar Gah on 23 September" in r["evidence"] for r in rows)
