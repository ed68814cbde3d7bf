"""Bad input of every supported format, imported in one command: nothing stops, nothing breaks.

    python benchmarks/hostile_inputs.py [--keep DIR]

Builds a folder of files a real collection holds by accident or by malice (empty, binary,
truncated, too large, encrypted, zip bombs, entity bombs, external entities, a named pipe, a
link to /dev/zero, names with control characters, foreign encodings, damaged mail and feeds)
beside good files of every format, then runs ``main.py import`` once on the folder, as a user
would. It prints the files tried, the failed files with their reasons, the tracebacks seen
(must be 0), the good files imported (must be all), whether any input file changed (none
may), and the store's integrity and foreign-key checks. Exits non-zero if any of these fail.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOOD_TEXT = (
    "KABUL, Afghanistan, 4 May 2019 - Militants attacked a police checkpoint in Kunduz on "
    "Friday, killing three officers, the provincial governor said.\n"
)
Build = Callable[[Path], None]


# -- ways of making files ---------------------------------------------------------------------
def pdf_bytes(text: str, **encryption: object) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    if text:
        pdf.multi_cell(0, 6, text)
    if encryption:
        from fpdf.enums import EncryptionMethod

        pdf.set_encryption(encryption_method=EncryptionMethod.AES_128, **encryption)  # type: ignore[arg-type]
    return bytes(pdf.output())


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


def _rss(items: str) -> bytes:
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
    return f"{head}{items}</channel></rss>".encode()


def _item(title: str, body: str, day: str = "Sat, 04 May 2019 10:00:00 GMT") -> str:
    return (
        f"<item><title>{title}</title><description>{body}</description>"
        f"<pubDate>{day}</pubDate></item>"
    )


def _eml(body: str, subject: str = "Attack in Kunduz") -> bytes:
    return (
        f"From: desk@example.org\nTo: analyst@example.org\nSubject: {subject}\n"
        f"Date: Sat, 04 May 2019 10:00:00 +0000\nContent-Type: text/plain; charset=utf-8\n\n{body}"
    ).encode()


def write(name: str, data: bytes) -> Build:
    def build(folder: Path) -> None:
        (folder / name).write_bytes(data)

    return build


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + ']><rss version="2.0"><channel><item><title>&lol9;</title></item></channel></rss>'
).encode()
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<rss version="2.0"><channel><item><title>leak</title><description>&x;</description>'
    b"</item></channel></rss>"
)


DOCX_XXE = (
    b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>leak &x; end</w:t></w:r></w:p></w:body></w:document>"
)


def docx_with_document(docx: bytes, document: bytes) -> bytes:
    """A real Word file with its main part replaced."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["word/document.xml"] = document
    return _zip(parts)


def bad_files() -> dict[str, Build]:
    """Name -> builder of each bad file; every one must fail with a reason or import clean."""
    deep = "<div>" * 50_000 + "Kunduz" + "</div>" * 50_000

    def fifo(folder: Path) -> None:
        os.mkfifo(folder / "pipe.txt")

    def link(name: str, target: str) -> Build:
        def build(folder: Path) -> None:
            (folder / name).symlink_to(target)

        return build

    def too_large(folder: Path) -> None:
        with (folder / "huge.txt").open("wb") as f:
            line = GOOD_TEXT.encode()
            for _ in range(21 * 1024 * 1024 // len(line) + 1):
                f.write(line)

    good_docx = docx_bytes(GOOD_TEXT)
    return {
        # text
        "empty.txt": write("empty.txt", b""),
        "blank.md": write("blank.md", b" \n\t\n   \n"),
        "random.txt": write("random.txt", os.urandom(4096)),
        "nuls.text": write("nuls.text", b"\0" * 10_000),
        "elf.txt": write("elf.txt", b"\x7fELF\x02\x01\x01" + os.urandom(2000)),
        "huge.txt": too_large,
        "pipe.txt": fifo,
        "zero.txt": link("zero.txt", "/dev/zero"),
        "urandom.md": link("urandom.md", "/dev/urandom"),
        "dangling.txt": link("dangling.txt", "/nonexistent/chronolens/none.txt"),
        "report\nFAILED evil\u202etxt.exe.txt": write("report\nFAILED evil\u202etxt.exe.txt", b""),
        # web pages
        "binary.html": write("binary.html", os.urandom(3000)),
        "tags-only.html": write("tags-only.html", b"<html><head></head><body></body></html>"),
        "script-only.htm": write("script-only.htm", b"<html><script>var a=1;</script></html>"),
        "deep.html": write("deep.html", deep.encode()),
        "laughs.xhtml": write("laughs.xhtml", LAUGHS.replace(b"rss", b"html")),
        # feeds
        "laughs.rss": write("laughs.rss", LAUGHS),
        "xxe.rss": write("xxe.rss", XXE),
        "broken.xml": write("broken.xml", b"<?xml version='1.0'?><rss><channel><item><ti"),
        "not-a-feed.xml": write(
            "not-a-feed.xml", b"<?xml version='1.0'?><config><a>1</a></config>"
        ),
        "no-items.atom": write(
            "no-items.atom", b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>'
        ),
        "empty-items.rss": write(
            "empty-items.rss", _rss("<item></item><item><title></title></item>")
        ),
        # PDF
        "fake.pdf": write("fake.pdf", b"%PDF-1.4\n" + os.urandom(5000)),
        "text-as.pdf": write("text-as.pdf", GOOD_TEXT.encode()),
        "truncated.pdf": write("truncated.pdf", pdf_bytes(GOOD_TEXT * 20)[:1500]),
        "locked.pdf": write(
            "locked.pdf", pdf_bytes(GOOD_TEXT, owner_password="o", user_password="u")
        ),
        "blank-page.pdf": write("blank-page.pdf", pdf_bytes("")),
        # Word
        "truncated.docx": write("truncated.docx", good_docx[:3000]),
        "bomb.docx": write(
            "bomb.docx",
            _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (200 << 20)}),
        ),
        "many-parts.docx": write("many-parts.docx", _zip({f"p{i}": b"" for i in range(12_000)})),
        "no-document.docx": write("no-document.docx", _zip({"readme.txt": b"hello"})),
        "not-zip.docx": write("not-zip.docx", b"PK\x03\x04" + os.urandom(3000)),
        "xxe.docx": write("xxe.docx", docx_with_document(good_docx, DOCX_XXE)),
        # mail
        "headers-only.eml": write("headers-only.eml", b"From: a@b.c\nSubject: nothing\n\n"),
        "bad-base64.eml": write(
            "bad-base64.eml",
            b"From: a@b.c\nSubject: x\nContent-Transfer-Encoding: base64\n"
            b"Content-Type: text/plain\n\n!!!not base64!!!\n",
        ),
        "bad-boundary.eml": write(
            "bad-boundary.eml",
            b'From: a@b.c\nSubject: x\nContent-Type: multipart/mixed; boundary="zz"\n\n'
            b"--yy\nbody\n",
        ),
        "attachment-only.eml": write(
            "attachment-only.eml",
            b'From: a@b.c\nSubject: x\nContent-Type: multipart/mixed; boundary="b"\n\n--b\n'
            b"Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n"
            + base64.b64encode(os.urandom(300))
            + b"\n--b--\n",
        ),
        "binary.eml": write("binary.eml", os.urandom(4000)),
        # event data tables
        "binary.csv": write("binary.csv", os.urandom(4000)),
        "budget.csv": write("budget.csv", b"month,spent,left\nJanuary,10,90\n"),
        "empty.tsv": write("empty.tsv", b"\n\n"),
        "not-zip.xlsx": write("not-zip.xlsx", b"PK\x03\x04" + os.urandom(3000)),
        "text-as.xlsx": write("text-as.xlsx", GOOD_TEXT.encode()),
        "bomb.xlsx": write(
            "bomb.xlsx",
            _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"\0" * (200 << 20)}),
        ),
        "broken.jsonl": write("broken.jsonl", b"{not json\n[1, 2]\n"),
    }


def good_files() -> dict[str, Build]:
    """Name -> builder of each good file; every one must be imported."""
    samples = sorted((ROOT / "resources" / "samples").glob("*.txt"))
    out: dict[str, Build] = {p.name: write(p.name, p.read_bytes()) for p in samples}
    out.update(
        {
            "page.html": write(
                "page.html",
                f"<html><head><title>Kunduz</title></head><body><p>{GOOD_TEXT}</p></body></html>".encode(),
            ),
            "report.pdf": write("report.pdf", pdf_bytes(GOOD_TEXT.replace("Kunduz", "Baghlan"))),
            "aes-open.pdf": write(
                "aes-open.pdf", pdf_bytes(GOOD_TEXT.replace("4 May", "5 May"), owner_password="o")
            ),
            "memo.docx": write("memo.docx", docx_bytes(GOOD_TEXT.replace("Kunduz", "Takhar"))),
            "wire.rss": write(
                "wire.rss",
                _rss(
                    _item("Attack in Kunduz", GOOD_TEXT)
                    + _item("Clash in Helmand", GOOD_TEXT.replace("Kunduz", "Helmand"))
                ),
            ),
            "desk.eml": write("desk.eml", _eml(GOOD_TEXT.replace("Kunduz", "Kapisa"))),
            "wide.txt": write("wide.txt", GOOD_TEXT.replace("Kunduz", "Faryab").encode("utf-16")),
            "stray.txt": write(
                "stray.txt",
                GOOD_TEXT.replace("Kunduz", "Logar").encode() * 20 + b"\xff\xfe\x81 and more.\n",
            ),
            "notes.md": write("notes.md", GOOD_TEXT.replace("Kunduz", "Ghazni").encode()),
            "ged.csv": write(
                "ged.csv",
                b"id,type_of_violence,side_a,side_b,date_start,date_end,source_headline\n"
                b"1,1,Government of Afghanistan,Taleban,2019-05-04,2019-05-04,Clash in Kunduz\n"
                b"2,3,IS,Civilians,2019-05-05,2019-05-32,a bad date on this row\n",
            ),
        }
    )
    return out


def _hashes(folder: Path) -> dict[str, str]:
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def run(folder: Path) -> int:
    corpus = folder / "corpus"
    corpus.mkdir()
    bad, good = bad_files(), good_files()
    for build in (*bad.values(), *good.values()):
        build(corpus)
    before = _hashes(corpus)
    db = folder / "store.sqlite3"
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "import", "--db", str(db), str(corpus)],
        capture_output=True,
        text=True,
        timeout=1200,
        env={**os.environ, "CHRONOLENS_LOG_DIR": str(folder / "log")},
    )
    lines = done.stdout.splitlines()
    tracebacks = (done.stdout + done.stderr).count("Traceback")
    status: dict[str, str] = {}
    for line in lines[:-1]:
        word, _, rest = line.partition(" ")
        name = rest.strip().split(": ")[0]
        status[name] = word
    from importers.pipeline import printable

    def shown(name: str) -> str:
        return printable(str(corpus / name))

    failed = [line for line in lines if line.startswith("FAILED")]
    good_in = [n for n in good if status.get(shown(n)) in ("imported", "replaced")]
    bad_in = [n for n in bad if status.get(shown(n)) in ("imported", "replaced")]
    unheard = [n for n in (*bad, *good) if shown(n) not in status]
    changed = [
        p for p, h in before.items() if hashlib.sha256(Path(p).read_bytes()).hexdigest() != h
    ]

    from sqlalchemy import text

    from store.db import open_store

    store = open_store(db)
    with store.session() as s:
        integrity = s.execute(text("PRAGMA integrity_check")).scalar()
        fk = s.execute(text("PRAGMA foreign_key_check")).fetchall()
        documents = s.execute(text("SELECT count(*) FROM documents")).scalar()
    store.close()

    print(f"files tried:          {len(bad) + len(good)} ({len(bad)} bad, {len(good)} good)")
    print(f"exit status:          {done.returncode}")
    print(f"tracebacks:           {tracebacks}")
    print(f"failed, with reasons: {len(failed)}")
    for line in failed:
        print(f"    {line[len('FAILED') :].strip()[:150]}")
    print(f"bad files imported:   {len(bad_in)} (their text was readable) {', '.join(bad_in)}")
    print(f"good files imported:  {len(good_in)} of {len(good)}")
    print(f"files without a line: {len(unheard)} {', '.join(map(repr, unheard))}")
    print(f"input files changed:  {len(changed)}")
    print(f"documents stored:     {documents}")
    print(f"integrity check:      {integrity}")
    print(f"foreign-key check:    {'clean' if not fk else f'{len(fk)} violations'}")
    print(f"summary line:         {lines[-1] if lines else '(none)'}")
    if done.stderr.strip():
        print(f"stderr:               {done.stderr.strip()[:300]}")
    ok = (
        tracebacks == 0
        and len(good_in) == len(good)
        and not unheard
        and not changed
        and integrity == "ok"
        and not fk
        and len(bad) >= 30
    )
    print("hostile inputs:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", type=Path, help="build in this (new) folder and keep it")
    args = ap.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True)
        return run(args.keep)
    folder = Path(tempfile.mkdtemp(prefix="chronolens-hostile-"))
    try:
        return run(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
