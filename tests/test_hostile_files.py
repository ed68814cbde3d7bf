"""Bad input of any kind: each file gets its own one-line reason, the others still import,
and nothing blocks or eats memory."""

from __future__ import annotations

import os
import threading
import zipfile
from pathlib import Path

import importers.pipeline as pipeline
from benchmarks.hostile_inputs import DOCX_XXE, docx_bytes, docx_with_document, pdf_bytes
from importers.pipeline import ImportOptions, import_paths
from store.db import check_integrity, open_store
from tests.conftest import unprivileged

GOOD = "Militants attacked a checkpoint in Kunduz on 4 May 2019, police said.\n"


def _good(tmp_path: Path, name: str = "good.txt") -> Path:
    path = tmp_path / name
    path.write_text(GOOD)
    return path


def test_a_reader_that_breaks_fails_its_file_only_and_logs_the_traceback(
    store, tmp_path, monkeypatch
):
    broken = tmp_path / "broken.txt"
    broken.write_text("anything")
    real = pipeline.reader_for

    def reader_for(path: Path):  # type: ignore[no-untyped-def]
        if path.name == "broken.txt":

            def explode(_path: Path, _data: bytes):  # type: ignore[no-untyped-def]
                raise KeyError("a bug in a reader")

            return explode
        return real(path)

    monkeypatch.setattr(pipeline, "reader_for", reader_for)
    heard: list[str] = []
    report = import_paths(
        store,
        [broken, _good(tmp_path)],
        ImportOptions(),
        on_outcome=lambda o: heard.append(o.line()),
    )
    failed, imported = report.outcomes
    assert failed.status == "failed" and "KeyError" in failed.reason and "a bug" in failed.reason
    assert imported.status == "imported"
    assert heard == [o.line() for o in report.outcomes]  # each line as soon as it was done
    log = Path(os.environ["CHRONOLENS_LOG_DIR"]) / "chronolens.log"
    assert "a bug in a reader" in log.read_text() and "Traceback" in log.read_text()


def test_a_fifo_and_endless_devices_are_refused_without_blocking(store, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    folder = tmp_path / "folder"
    folder.mkdir()
    os.mkfifo(folder / "inner.txt")
    report = import_paths(store, [fifo, zero, folder, _good(tmp_path)], ImportOptions())
    reasons = {Path(o.path).name: o.reason for o in report.outcomes if o.status == "failed"}
    assert reasons["pipe.txt"] == "not a regular file: a named pipe (FIFO)"
    assert reasons["zero.txt"] == "not a regular file: a device"
    assert reasons["inner.txt"].startswith("not a regular file")
    assert report.outcomes[-1].status == "imported"


def test_a_truncated_word_file_and_a_zip_bomb_are_refused(store, tmp_path):
    truncated = tmp_path / "cut.docx"
    truncated.write_bytes(docx_bytes(GOOD)[:3000])
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (200 * 1024 * 1024))  # 200 MiB of zeros
    assert bomb.stat().st_size < 1024 * 1024
    report = import_paths(store, [truncated, bomb, _good(tmp_path)], ImportOptions())
    cut, boom, good = report.outcomes
    assert cut.status == "failed" and cut.reason.startswith("damaged Word document")
    assert boom.status == "failed" and "zip bomb" in boom.reason
    assert good.status == "imported"


def test_a_word_file_declaring_entities_and_a_binary_mail_are_refused(store, tmp_path):
    xxe = tmp_path / "xxe.docx"
    xxe.write_bytes(docx_with_document(docx_bytes(GOOD), DOCX_XXE))
    noise = tmp_path / "noise.eml"
    noise.write_bytes(bytes(range(256)) * 20)
    bare = tmp_path / "bare.eml"
    bare.write_text("Militants attacked a checkpoint.\n")  # text, but no mail headers
    report = import_paths(store, [xxe, noise, bare, _good(tmp_path)], ImportOptions())
    reasons = [o.reason for o in report.outcomes]
    assert reasons[:3] == [
        "refused: the Word document's XML declares entities",
        "binary content, not an e-mail",
        "not an e-mail: none of From, To, Subject or Date",
    ]
    assert report.outcomes[3].status == "imported"


def test_a_damaged_mail_imports_what_it_says_and_says_it_is_damaged(store, tmp_path):
    mail = tmp_path / "damaged.eml"
    mail.write_bytes(
        b"From: desk@example.org\nSubject: Kunduz\nContent-Type: text/plain\n"
        b"Content-Transfer-Encoding: base64\n\n!!!not base64!!!\n"
    )
    (outcome,) = import_paths(store, [mail], ImportOptions()).outcomes
    assert outcome.status == "imported"
    assert outcome.warnings == ["damaged e-mail: InvalidBase64LengthDefect"]


def test_an_encrypted_pdf_says_it_needs_a_password(store, tmp_path):
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(pdf_bytes(GOOD, owner_password="owner", user_password="secret"))
    open_to_all = tmp_path / "aes.pdf"
    open_to_all.write_bytes(pdf_bytes(GOOD, owner_password="owner"))
    report = import_paths(store, [locked, open_to_all], ImportOptions())
    assert report.outcomes[0].reason == "encrypted PDF (a password is needed)"
    assert report.outcomes[1].status == "imported"  # AES without a user password reads


def test_names_that_would_split_or_disguise_a_line_are_escaped(store, tmp_path):
    odd = tmp_path / "report\nFAILED evil\u202etxt.exe.txt"
    odd.write_text("")
    (line,) = [o.line() for o in import_paths(store, [odd], ImportOptions()).outcomes]
    assert "\n" not in line and "\u202e" not in line
    assert "report\\nFAILED evil\\u202etxt.exe.txt" in line


def test_two_imports_of_the_same_files_at_once_both_finish(db_path, tmp_path):
    files = [_good(tmp_path, f"g{i}.txt") for i in range(3)]
    for i, f in enumerate(files):
        f.write_text(GOOD.replace("4 May", f"{i + 4} May"))
    stores = [open_store(db_path), open_store(db_path)]
    reports: list[object] = [None, None]
    errors: list[BaseException] = []

    def run(k: int) -> None:
        try:
            reports[k] = import_paths(stores[k], files, ImportOptions())
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    lines = [o.line() for r in reports for o in r.outcomes]  # type: ignore[attr-defined]
    statuses = sorted(line.split()[0] for line in lines)
    assert statuses.count("imported") == 3 and statuses.count("unchanged") == 3, lines
    with stores[0].session() as s:
        assert check_integrity(s)
    for st in stores:
        st.close()


def test_an_unreadable_sub_folder_is_reported(shared_tmp):
    closed = shared_tmp / "closed"
    closed.mkdir()
    _good(closed)
    _good(shared_tmp, "open.txt")
    closed.chmod(0)

    def listed() -> list[str]:
        problems: list[pipeline.FileOutcome] = []
        files = [p.name for p in pipeline.expand_paths([shared_tmp], problems)]
        return files + [f"{Path(p.path).name}: {p.reason}" for p in problems]

    assert unprivileged(listed) == ["open.txt", "closed: cannot read folder: Permission denied"]


def test_utf16_with_a_bom_is_text_and_stray_bytes_in_english_stay_utf8(store, tmp_path):
    wide = tmp_path / "wide.txt"
    wide.write_text(GOOD, encoding="utf-16")
    stray = tmp_path / "stray.txt"
    stray.write_bytes(GOOD.encode() * 20 + b"\xff\xfe\x81 and more words.\n")
    report = import_paths(store, [wide, stray], ImportOptions())
    assert [o.status for o in report.outcomes] == ["imported", "imported"]
    assert report.outcomes[0].warnings == ["decoded as UTF-16"]
    (said,) = report.outcomes[1].warnings
    assert said.startswith("invalid UTF-8") and "replaced" in said  # not code page 857


def test_the_hostile_corpus_imports_in_one_command_without_harm(capsys):
    from benchmarks.hostile_inputs import main

    assert main([]) == 0
    out = capsys.readouterr().out
    assert "tracebacks:           0" in out and "hostile inputs: PASS" in out


def test_an_import_killed_midway_leaves_a_sound_store_and_importing_again_completes_it(
    tmp_path,
):
    import signal
    import subprocess
    import sys

    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(40):
        (folder / f"r{i:02d}.txt").write_text(
            f"KABUL, {i % 28 + 1} May 2019 - Militants attacked a checkpoint in Kunduz, police "
            f"said. Report number {i}.\n" * 200
        )
    db = tmp_path / "store.sqlite3"
    main_py = str(Path(__file__).resolve().parents[1] / "main.py")
    command = [sys.executable, main_py, "import", "--db", str(db), str(folder)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    heard = [proc.stdout.readline() for _ in range(3)]  # three files done, each line flushed
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    assert all(line.startswith("imported") for line in heard)
    store = open_store(db)
    with store.session() as s:
        assert check_integrity(s)
        assert not s.connection().exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        stored = s.connection().exec_driver_sql("SELECT count(*) FROM documents").scalar()
        # no half-written document: each stored one has its passages
        bare = s.connection().exec_driver_sql(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM passages p WHERE p.document_id = d.id)"
        )
        assert bare.scalar() == 0
    store.close()
    assert 3 <= stored < 40  # what was printed is stored; the kill came before the end
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0
    statuses = [line.split()[0] for line in again.stdout.splitlines()[:-1]]
    assert statuses.count("unchanged") == stored
    assert len(statuses) == 40 and statuses.count("imported") == 40 - stored
