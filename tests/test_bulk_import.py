"""Bulk import: resumed after kill -9, a stuck file stopped by its timeout, and old word-processor formats."""
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from minutes_archive import Archive
from minutes_archive.extraction.pipeline import extract_document
from minutes_archive.extraction.readers import read_path
from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.scan import render_pages, to_pdf, to_tiff
from minutes_archive.samples.write_docx import write_docx
from minutes_archive.samples.write_pdf import write_pdf
from minutes_archive.samples.write_txt import write_txt

from support import minutes, needs_tesseract


def _folder(tmp_path, count=40, scanned=(7, 23)):
    folder = tmp_path / "protokoll"
    folder.mkdir()
    writers = [(write_txt, "txt"), (write_docx, "docx"), (write_pdf, "pdf")]
    for seed in range(count):
        doc, _ = fictional_minutes(100 + seed, items=3, with_memo=False)
        if seed in scanned:
            (folder / f"skannat-{seed:02d}.tif").write_bytes(to_tiff(render_pages(doc, specks=200)[:1]))
            continue
        writer, suffix = writers[seed % 3]
        writer(doc, folder / f"protokoll-{seed:02d}.{suffix}")
    return folder


def _documents(archive):
    try:
        with sqlite3.connect(archive / "catalog.sqlite") as db:
            return [r[0] for r in db.execute("SELECT id FROM documents")]
    except sqlite3.OperationalError:  # the catalog is still being created
        return []


@needs_tesseract
def test_killed_import_resumes_without_loss_or_doubles(tmp_path):
    folder = _folder(tmp_path)
    archive = tmp_path / "archive"
    command = [sys.executable, "-m", "minutes_archive", "--archive", str(archive), "import", str(folder), "--jobs", "2"]
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if (archive / "catalog.sqlite").exists() and len(_documents(archive)) >= 8:
            break
        time.sleep(0.2)
    os.killpg(first.pid, signal.SIGKILL)  # the import and its workers, as a power cut would
    first.wait()
    halfway = len(_documents(archive))
    assert 8 <= halfway < 40
    second = json.loads(minutes(archive, "import", str(folder), "--json").stdout)
    assert second["summary"]["failed"] == 0
    assert second["summary"]["duplicate"] >= halfway
    ids = _documents(archive)
    assert len(ids) == len(set(ids)) == 40
    with Archive(archive) as opened:
        indexed = {t.decode() for t in opened.index.searcher(opened.conn).searcher.lexicon("document_id")}
        items = {r[0] for r in opened.conn.execute("SELECT id FROM items")}
        hits = {h["id"] for h in opened.search(None, kind="item", limit=1000)["hits"]}
    assert indexed == set(ids)
    assert hits == items


@needs_tesseract
def test_a_file_that_takes_too_long_fails_and_the_rest_imports(tmp_path):
    folder = tmp_path / "mix"
    folder.mkdir()
    for seed in range(3):
        write_txt(fictional_minutes(seed)[0], folder / f"m{seed}.txt")
    doc, _ = fictional_minutes(9, items=2, with_memo=False)
    (folder / "trög-skanning.pdf").write_bytes(to_pdf(render_pages(doc)))  # OCR takes seconds a page
    with Archive(tmp_path / "a") as archive:
        report = archive.import_paths([folder], timeout=1.5, jobs=2)
    status = {os.path.basename(f["path"]): f for f in report["files"]}
    assert status["trög-skanning.pdf"]["status"] == "failed"
    assert "took longer than 1.5 s" in status["trög-skanning.pdf"]["reason"]
    assert [status[f"m{seed}.txt"]["status"] for seed in range(3)] == ["imported"] * 3


@needs_tesseract
def test_a_file_over_its_memory_cap_fails_with_a_reason(tmp_path):
    doc, _ = fictional_minutes(11, items=2, with_memo=False)
    (tmp_path / "stor.tif").write_bytes(to_tiff(render_pages(doc)))
    write_txt(fictional_minutes(12)[0], tmp_path / "liten.txt")
    with Archive(tmp_path / "a") as archive:
        # 1 MB: less than one decoded page, whatever the readers already have loaded
        report = archive.import_paths([tmp_path / "stor.tif", tmp_path / "liten.txt"], memory_mb=1)
    by_name = {os.path.basename(f["path"]): f for f in report["files"]}
    assert by_name["stor.tif"]["status"] == "failed" and "MB" in by_name["stor.tif"]["reason"]
    assert by_name["liten.txt"]["status"] == "imported"


@pytest.mark.slow  # LibreOffice starts in ~3 s
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed; make test installs it")
@pytest.mark.parametrize("suffix", ["doc", "rtf", "odt"])
def test_old_formats_give_the_same_items_as_docx(tmp_path, suffix):
    doc, expected = fictional_minutes(21)
    docx = write_docx(doc, tmp_path / "protokoll.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                    suffix, "--outdir", str(tmp_path / "out"), str(docx)], check=True, capture_output=True, timeout=180)
    converted = tmp_path / "out" / f"protokoll.{suffix}"
    reference = extract_document(read_path(docx), "doc")
    found = extract_document(read_path(converted), "doc")
    assert [(i.number, i.title) for i in found.items] == [(i.number, i.title) for i in reference.items]
    assert [d.text for d in found.decisions] == [d.text for d in reference.decisions]
