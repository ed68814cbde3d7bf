"""Bad files get a one-line reason; the others still import; the store stays consistent."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from importers.pipeline import ImportOptions, import_paths
from store.db import check_integrity
from store.models import Document
from store.read import document_row


def _run(store, paths):
    return import_paths(store, paths, ImportOptions())


def test_empty_binary_and_good_files_in_one_import(store, tmp_path, seed_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n \t\n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    report = _run(store, [empty, blank, binary, seed_path])
    by_name = {o.path.rsplit("/", 1)[-1]: o for o in report.outcomes}
    assert by_name["empty.txt"].status == "failed" and "empty" in by_name["empty.txt"].reason
    assert by_name["blank.txt"].status == "failed" and "empty" in by_name["blank.txt"].reason
    assert by_name["image.txt"].status == "failed" and "binary" in by_name["image.txt"].reason
    assert by_name[seed_path.name].status == "imported"
    for o in report.outcomes:
        assert "\n" not in o.line()
    with store.session() as s:
        assert s.scalar(select(func.count(Document.id))) == 1
        assert check_integrity(s)


def test_invalid_utf8_is_decoded_with_replacement_and_said_so(store, tmp_path):
    bad = tmp_path / "latin.txt"
    bad.write_bytes(b"Clashes in Kabul on March 3, 2019 \xff\xfe\xfa killed ten.\n" * 3)
    (outcome,) = _run(store, [bad]).outcomes
    assert outcome.status == "imported"
    assert outcome.warnings, "the user is told the text was not clean UTF-8"
    assert "\n" not in outcome.line() and "decoded" in outcome.line()


def _stored_text(store, outcome) -> str:  # type: ignore[no-untyped-def]
    with store.session() as s:
        doc = document_row(s, outcome.document_ids[0])
    assert doc is not None
    return doc.text


@pytest.mark.parametrize(
    ("words", "code_page"),
    [
        # a tie between cp1250 and cp1252: the Western one ("à", not "ŕ")
        ("Le raid à Kaboul le 3 mai 2019 a tué un émir.", "cp1252"),
        # the detector prefers cp1252, which puts symbols inside words ("¯o³nierze")
        ("Żołnierze zatrzymali dowódcę w Kandaharze 3 maja 2019 r. Świadkowie mówią.", "cp1250"),
        # cp1252 reads it without symbols too ("Mayýs"); the detector's language model decides
        # (a single short sentence is a true tie, and cp1252 wins it)
        (
            "Güvenlik güçleri 3 Mayıs 2019 tarihinde Kandahar'da bir komutanı gözaltına aldı. "
            "Tanıklara göre operasyon iki saat sürdü.",
            "cp1254",
        ),
        ("Силы задержали командира в Кандагаре 3 мая 2019 года.", "cp1251"),
    ],
)
def test_a_file_saved_in_an_old_code_page_reads_as_it_was_written(
    store, tmp_path, words, code_page
):
    old = tmp_path / "communique.txt"
    old.write_bytes((words + "\n").encode(code_page))
    (outcome,) = _run(store, [old]).outcomes
    assert _stored_text(store, outcome) == words + "\n"
    assert f"decoded as {code_page}" in outcome.line()


def test_a_50_mb_text_file_gets_a_reason_and_does_not_stop_the_rest(store, tmp_path, seed_path):
    huge = tmp_path / "huge.txt"
    line = b"Fighting continued in Helmand on March 3, 2019, officials said. " * 16 + b"\n"
    with huge.open("wb") as f:
        while f.tell() < 50 * 1024 * 1024:
            f.write(line * 1000)
    report = _run(store, [huge, seed_path])
    first, second = report.outcomes
    size = huge.stat().st_size / (1024 * 1024)
    assert first.status == "failed"
    assert first.reason == f"too large: {size:.1f} MiB is over the 20 MiB limit"  # not "21 MB"
    assert second.status == "imported"


def test_unsupported_and_missing_files_are_named(store, tmp_path):
    other = tmp_path / "data.xyz"
    other.write_text("hello")
    report = _run(store, [other, tmp_path / "missing.txt"])
    reasons = [o.reason for o in report.outcomes]
    assert "unsupported file type" in reasons[0]
    assert "cannot open" in reasons[1]


def test_a_folder_imports_supported_files_recursively(store, tmp_path, seed_path):
    sub = tmp_path / "in" / "deeper"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_text("Militants attacked Kabul on May 2, 2019.\n")
    (tmp_path / "in" / "b.md").write_text("# Note\n\nTalks in Doha on June 5, 2019.\n")
    (tmp_path / "in" / "skip.bin").write_bytes(b"\x00\x01")
    report = _run(store, [tmp_path / "in"])
    assert sorted(o.path.rsplit("/", 1)[-1] for o in report.outcomes) == ["a.txt", "b.md"]
    assert report.count("imported") == 2


def test_hostile_text_is_stored_as_text(store, tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "<script>alert(1)</script> '); DROP TABLE events; -- attacked on May 2, 2019\n"
        + "(" * 5000
        + "\n"
        + "A" * 100_000
        + "\n"
    )
    (outcome,) = _run(store, [hostile]).outcomes
    assert outcome.status == "imported"
    with store.session() as s:
        assert check_integrity(s)
