"""Long scans in bounded memory (issue 12): the searchable copy is joined on disk, OCR temp folders never outlive
their process, and unreadable images get a clean reason."""
from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from minutes_archive import Archive
from minutes_archive.archive import workers
from minutes_archive.storage.blobs import TEMP_PREFIX, BlobStore
from minutes_archive.errors import MinutesError
from minutes_archive.extraction.readers import read_bytes
from minutes_archive.extraction.readers.ocr import merge_pdfs

from support import needs_tesseract as tesseract


def _page(text: str) -> Image.Image:
    from minutes_archive.samples.scan import _font

    image = Image.new("L", (1240, 600), 255)
    ImageDraw.Draw(image).text((60, 200), text, font=_font(), fill=0)
    return image


def _scan_pdf(pages: list[Image.Image]) -> bytes:
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=150)
    return out.getvalue()


@tesseract
def test_searchable_copy_of_a_scan_lands_in_the_archive(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    words = ["Kommunstyrelsen protokoll", "Beslut om budget", "Bilaga ekonomi"]
    (folder / "scan.pdf").write_bytes(_scan_pdf([_page(w) for w in words]))
    with Archive(tmp_path / "a") as archive:
        report = archive.import_paths([folder], jobs=1)
        assert report["summary"]["imported"] == 1, report
    stored = list((tmp_path / "a").rglob("*.ocr.pdf"))
    assert len(stored) == 1
    document = pdfium.PdfDocument(stored[0])
    assert len(document) == 3
    text = document[2].get_textpage().get_text_range()
    assert "Bilaga" in text  # the text layer came along with the pages, in order
    assert not list((tmp_path / "a").rglob(TEMP_PREFIX + "*"))


@tesseract
def test_searchable_copy_is_a_file_not_bytes():
    layout = read_bytes(_scan_pdf([_page("Protokoll"), _page("Bilaga")]), "scan.pdf", "auto", "swe+eng")
    path = layout.searchable_pdf
    assert isinstance(path, Path) and path.exists()
    assert path.parent.name == f"minutes-ocr-{os.getpid()}"
    assert len(pdfium.PdfDocument(path)) == 2
    path.unlink()


def test_merge_joins_pages_in_rounds(tmp_path, monkeypatch):
    """More pages than one round holds: the incremental rounds keep every page, in order."""
    from minutes_archive.extraction.readers import ocr

    monkeypatch.setattr(ocr, "MERGE_CHUNK", 3)
    sources = []
    for n in range(8):
        document = pdfium.PdfDocument.new()
        document.new_page(100 + n, 100)  # the width tells the pages apart
        path = tmp_path / f"p{n}.pdf"
        document.save(path)
        sources.append(path)
    two = pdfium.PdfDocument.new()
    two.new_page(300, 100)
    two.new_page(301, 100)
    data = io.BytesIO()
    two.save(data)
    pages = [(p, None) for p in sources[:4]] + [(data.getvalue(), 1)] + [(p, None) for p in sources[4:]]
    out = merge_pdfs(pages, tmp_path / "out.pdf")
    merged = pdfium.PdfDocument(out)
    widths = [round(merged[i].get_width()) for i in range(len(merged))]
    assert widths == [100, 101, 102, 103, 301, 104, 105, 106, 107]
    assert merge_pdfs([], tmp_path / "none.pdf") is None


def test_merge_memory_does_not_grow_with_pages(tmp_path):
    """400 page PDFs of 200 kB each (80 MB in all) joined: the joining process grows by far less than that."""
    page = tmp_path / "page.pdf"
    document = pdfium.PdfDocument.new()
    pdf_page = document.new_page(595, 842)
    image = pdfium.PdfImage.new(document)
    noise = Image.frombytes("L", (460, 460), random.Random(1).randbytes(460 * 460))
    image.set_bitmap(pdfium.PdfBitmap.from_pil(noise))
    pdf_page.insert_obj(image)
    pdf_page.gen_content()
    document.save(page)
    assert page.stat().st_size > 150_000
    script = (
        "import sys; from pathlib import Path\n"
        "from minutes_archive.extraction.readers.ocr import merge_pdfs\n"
        "def hwm():\n"
        "    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "page, out = Path(sys.argv[1]), Path(sys.argv[2])\n"
        "import pypdfium2; merge_pdfs([(page, None)] * 2, out.with_suffix('.warm.pdf'))\n"
        "before = hwm(); merge_pdfs([(page, None)] * 400, out); print(hwm() - before)\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(page), str(tmp_path / "out.pdf")],
                         capture_output=True, text=True, check=True)
    grown_mb = int(run.stdout.strip()) / 1024
    assert len(pdfium.PdfDocument(tmp_path / "out.pdf")) == 400
    assert grown_mb < 30, f"joining grew the process by {grown_mb:.0f} MB"


def test_put_file_moves_a_finished_file_in(tmp_path):
    store = BlobStore(tmp_path / "originals")
    source = tmp_path / "tmp" / "searchable.pdf"
    source.parent.mkdir()
    source.write_bytes(b"%PDF-1.7 searchable")
    relative = store.put_file(source, "ab" * 32, ".ocr.pdf")
    target = store.root / relative
    assert target.read_bytes() == b"%PDF-1.7 searchable"
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert not source.exists()
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp copy left beside it


@pytest.mark.parametrize("suffix,head", [(".png", b"\x89PNG\r\n\x1a\n"), (".tif", b"II*\x00"), (".tiff", b"MM\x00*"),
                                         (".jpg", b"\xff\xd8\xff\xe0")])
def test_unreadable_image_reason_is_clean_text(suffix, head):
    data = head + random.Random(7).randbytes(4000)
    with pytest.raises(MinutesError) as caught:
        read_bytes(data, "scan" + suffix, "auto", "swe+eng")
    reason = str(caught.value)
    assert "object at 0x" not in reason and "<_io" not in reason, reason
    assert "image" in reason


def _sleeper() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])


def test_sweep_removes_temp_folders_of_dead_processes_only(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    live = _sleeper()
    try:
        folders = {
            "dead_worker": tmp_path / f"minutes-worker-{dead_pid}",
            "dead_ocr": tmp_path / f"minutes-ocr-{dead_pid}",
            "live_worker": tmp_path / f"minutes-worker-{live.pid}",
            "live_ocr": tmp_path / f"minutes-ocr-{os.getpid()}",
            "old_random": tmp_path / "minutes-ocr-k2j4h5l1",
            "new_random": tmp_path / "minutes-ocr-q8w7e6r5",
            "other": tmp_path / "unrelated-123",
        }
        for folder in folders.values():
            (folder / "page-x").mkdir(parents=True)
            (folder / "page-x" / "page.png").write_bytes(b"image")
        old = time.time() - 2 * workers.LEGACY_AGE
        os.utime(folders["old_random"], (old, old))
        named = set(workers.sweep_temp(remove=False))  # what `check` would report
        assert all(folder.exists() for folder in named)
        removed = set(workers.sweep_temp())
        assert removed == named
        assert removed == {folders["dead_worker"], folders["dead_ocr"], folders["old_random"]}
        assert {name for name, f in folders.items() if f.exists()} == {"live_worker", "live_ocr", "new_random", "other"}
    finally:
        live.kill()
        live.wait()


def test_worker_temp_folder_goes_even_when_the_worker_is_stopped(tmp_path, monkeypatch):
    """A worker past its time limit is killed mid-work; what it wrote to its temp folder goes with it."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    seen = tmp_path / "seen"

    def slow(ask):
        folder = Path(tempfile.mkdtemp(prefix="minutes-ocr-"))
        (folder / "page.png").write_bytes(b"x" * 1000)
        seen.write_text(str(folder))
        time.sleep(30)

    def quick(ask):
        return Path(tempfile.mkdtemp()).parent.name

    outcomes = {o.key: o for o in workers.run([workers.Task("slow", slow), workers.Task("quick", quick)],
                                              jobs=2, timeout=2.0, memory_mb=None)}
    assert outcomes["slow"].status == "failed" and "longer than" in outcomes["slow"].reason
    assert outcomes["quick"].value.startswith(workers.WORKER_TEMP_PREFIX)  # the worker's temp files went there
    assert seen.read_text().startswith(str(tmp_path / workers.WORKER_TEMP_PREFIX))
    assert not list(tmp_path.glob(workers.WORKER_TEMP_PREFIX + "*"))


def test_rendering_reopens_the_scan_and_keeps_every_page(monkeypatch):
    """pdfium holds each rendered page's image until the document closes, so a long scan is reopened every few
    pages; no page may be lost or repeated on the way."""
    from minutes_archive.extraction.readers import ocr

    monkeypatch.setattr(ocr, "DPI", 20)
    monkeypatch.setattr(ocr, "REOPEN_EVERY", 2)
    opened = []
    real = pdfium.PdfDocument

    def counting(*args, **kwargs):
        opened.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pdfium, "PdfDocument", counting)
    pages = [Image.new("L", (100 + 10 * n, 100), 255) for n in range(5)]
    rendered = [(n, image.width) for n, image in ocr.pdf_images(_scan_pdf(pages))]
    assert [n for n, _ in rendered] == [1, 2, 3, 4, 5]
    assert [w for _, w in rendered] == sorted(w for _, w in rendered) and len(set(w for _, w in rendered)) == 5
    assert len(opened) == 3
    assert [n for n, _ in ocr.pdf_images(_scan_pdf(pages), [2, 5])] == [2, 5]


def test_half_written_copies_of_a_killed_import_can_be_removed(tmp_path):
    store = BlobStore(tmp_path / "originals")
    kept = store.root / store.put(b"original", "cd" * 32, ".pdf")
    leftover = kept.parent / (TEMP_PREFIX + "x1y2")
    leftover.write_bytes(b"half")
    assert store.remove_leftovers() == [leftover]
    assert not leftover.exists() and kept.read_bytes() == b"original"


@pytest.mark.parametrize("suffix", [".png", ".tif", ".jpg"])
def test_random_bytes_named_as_an_image_say_so(suffix):
    """Not "files of type .png are not supported": the type is supported, this file is not one."""
    with pytest.raises(MinutesError) as caught:
        read_bytes(random.Random(3).randbytes(4000), "scan" + suffix, "auto", "swe+eng")
    assert "not an image it can read" in str(caught.value)
