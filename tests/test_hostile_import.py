"""A hostile folder: FIFOs, links to devices, names that are not UTF-8 or carry control characters, unreadable folders.

Each bad entry must end with one reason, the good files must all be imported,
and the import must neither hang, nor read an endless file in the parent, nor
end in a traceback.
"""
import io
import json
import os
import sqlite3
import stat
import time

import pytest

from minutes_archive import Archive
from minutes_archive.archive import importer

from support import LATIN1_NAME, good_file as _good, hostile_folder as _hostile_folder, minutes

def _by_name(report):
    return {os.path.basename(f["path"]): f for f in report}


def test_hostile_folder_gives_one_reason_per_bad_file_and_imports_the_rest(tmp_path):
    folder = _hostile_folder(tmp_path)
    archive = tmp_path / "archive"
    result = minutes(archive, "import", str(folder), "--json", "--jobs", "2", "--timeout", "60", check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    files = json.loads(result.stdout)["files"]
    problems = [f for f in files if f["status"] in ("failed", "skipped")]
    assert sorted(os.path.basename(f["path"]) for f in problems) == ["noll.txt", "rör.txt", "trasig.pdf"]
    by_name = _by_name(files)
    assert "named pipe" in by_name["rör.txt"]["reason"]
    assert "character device" in by_name["noll.txt"]["reason"] and "/dev/zero" in by_name["noll.txt"]["reason"]
    imported = [f for f in files if f["status"] == "imported"]
    assert len(imported) == 5
    # the Latin-1 name is shown escaped and kept byte for byte
    latin1 = by_name["m\\xf6te-1.txt"]
    assert latin1["status"] == "imported"
    assert importer.original_name(os.path.basename(latin1["source"])) == LATIN1_NAME
    with sqlite3.connect(archive / "catalog.sqlite") as db:
        stored = [r[0] for r in db.execute("SELECT source_path FROM documents")]
    assert len(stored) == 5
    assert any(importer.original_name(os.path.basename(p)) == LATIN1_NAME for p in stored)


def test_control_characters_in_names_never_reach_piped_output(tmp_path):
    folder = _hostile_folder(tmp_path)
    (folder / "trasig\x1b]0;titel\x07.pdf").write_bytes(b"%PDF-1.4\n")  # shown in the table of failures
    result = minutes(tmp_path / "archive", "import", str(folder), "--jobs", "2", "--timeout", "60", check=False)
    assert result.returncode == 1
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\x07" not in stream
    assert "Traceback" not in result.stderr
    assert "trasig\\x1b]0;titel\\x07.pdf" in result.stdout
    as_json = minutes(tmp_path / "archive2", "import", str(folder), "--json", "--jobs", "2", check=False).stdout
    assert "\x1b" not in as_json and "\x07" not in as_json
    paths = [f["path"] for f in json.loads(as_json)["files"]]  # display-safe; "source" keeps the raw name, JSON-escaped
    assert not any(ch in p for p in paths for ch in "\x1b\x07\n")
    assert any(p.endswith("m\\x1b[31mrött\\nfalsk rad.txt") for p in paths)


def test_display_path_escapes_controls_and_foreign_bytes():
    assert importer.display_path("a\x1bb\nc\u202ed.txt") == "a\\x1bb\\nc\\u202ed.txt"
    assert importer.display_path(os.fsdecode(b"m\xf6te.txt")) == "m\\xf6te.txt"
    assert importer.display_path("möte § 7.txt") == "möte § 7.txt"


def test_stored_path_round_trips_bytes_and_keeps_utf8_names():
    for raw in (b"m\xf6te.txt", b"a\\xff\xff.txt", b"\xc3(\\\\.pdf"):
        stored = importer.stored_path(os.fsdecode(raw))
        stored.encode("utf-8")  # fits the catalog
        assert importer.original_name(stored) == raw
    assert importer.stored_path("möte\\x.txt") == "möte\\x.txt"


def test_the_parent_never_opens_a_file(tmp_path, monkeypatch):
    """Reads happen in workers only: a parent that opened the FIFO would hang here, /dev/zero would fill memory."""
    folder = _hostile_folder(tmp_path)
    opened = []

    def watching(real):
        def watching_open(path, *args, **kwargs):
            if isinstance(path, (str, bytes, os.PathLike)) and os.fsdecode(path).startswith(os.fspath(folder)):
                opened.append(path)
            return real(path, *args, **kwargs)
        return watching_open

    monkeypatch.setattr(os, "open", watching(os.open))
    monkeypatch.setattr(io, "open", watching(io.open))
    with Archive(tmp_path / "archive") as archive:
        report = archive.import_paths([folder], jobs=2, timeout=60)
    assert opened == []  # workers are forked: their opens do not land in this process's list
    assert report["summary"]["imported"] == 5


def test_an_unreadable_folder_is_reported(tmp_path, monkeypatch):
    folder = _hostile_folder(tmp_path)
    locked = folder / "låst"
    locked.mkdir()
    _good(locked, 320, "dold.txt")
    if os.geteuid() == 0:  # root reads through chmod 000: make the listing fail instead
        real_scandir = os.scandir

        def refusing_scandir(path="."):
            if not isinstance(path, int) and os.fspath(path) == os.fspath(locked):  # rmtree passes fds
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", refusing_scandir)
    else:
        locked.chmod(0)
    try:
        with Archive(tmp_path / "archive") as archive:
            report = archive.import_paths([folder], jobs=2, timeout=60)
    finally:
        locked.chmod(stat.S_IRWXU)
    by_name = _by_name(report["files"])
    assert by_name["låst"]["status"] == "failed"
    assert "folder cannot be read" in by_name["låst"]["reason"]
    assert report["summary"]["imported"] == 5 and report["summary"]["failed"] == 2  # låst and trasig.pdf


@pytest.mark.parametrize("pages, status", [(1, "failed"), (90, "ok")])
def test_a_worker_gets_more_time_once_it_says_how_many_pages_it_has(pages, status):
    from minutes_archive.archive.workers import Task, run

    reported = {}

    def call(ask):
        ask(("pages", pages))
        time.sleep(1.5)
        return "read"

    def answer(key, question):
        reported[key] = question[1]

    limit = lambda key: 1.0 * max(1.0, reported.get(key, 1) / 30)  # noqa: E731 - the importer's rule, 1 s per 30 pages
    (outcome,) = run([Task("scan", call)], 1, limit, None, answer=answer)
    assert outcome.status == status
    assert reported == {"scan": pages}


def test_a_scanned_pdf_is_rendered_one_page_at_a_time():
    """Pages are rendered as the OCR asks for them: while a page is read, no other page's image is alive."""
    import weakref

    from PIL import Image

    from minutes_archive.extraction.readers.ocr import page_count, pdf_images
    from minutes_archive.samples.scan import to_pdf

    pdf = to_pdf([Image.new("L", (300, 400), 255) for _ in range(4)])
    assert page_count(pdf, "skanning.pdf") == 4
    seen = []
    for number, image in pdf_images(pdf):
        seen.append(weakref.ref(image))
        assert sum(ref() is not None for ref in seen) == 1, f"page {number}: earlier pages still in memory"
        del image
    assert len(seen) == 4


def test_an_image_too_large_to_decode_safely_is_a_clear_reason(monkeypatch):
    """Pillow refuses decompression bombs (a 400-megapixel TIFF); the reason says so instead of a traceback."""
    import io

    from PIL import Image

    from minutes_archive.errors import UnreadableFile
    from minutes_archive.extraction.readers.ocr import file_images, page_count

    buffer = io.BytesIO()
    Image.new("L", (100, 100), 255).save(buffer, "TIFF")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # this small image stands for a huge one
    with pytest.raises(UnreadableFile, match="too large to read safely"):
        list(file_images(buffer.getvalue()))
    assert page_count(buffer.getvalue(), "scan.tif") == 1 and page_count(b"not a pdf", "scan.pdf") == 1
