"""From a hit to its page: `minutes open` finds the stored file and page, `minutes page` draws the page with the
hit's words marked where the page itself has them (the text layer's characters, OCR's word boxes)."""
import io
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.scan import render_pages, to_tiff
from minutes_archive.samples.write_pdf import write_pdf
from minutes_archive.samples.write_txt import write_txt
from minutes_archive.storage.location import CATALOG

from support import ENV, minutes, needs_tesseract


def _query(archive: Path, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(archive / CATALOG)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def _decisions(archive: Path, fmt: str) -> list[tuple[str, int, str]]:
    return _query(archive, "SELECT d.id, d.page, d.text FROM decisions d JOIN documents doc ON doc.id = d.document_id "
                           "WHERE doc.format = ? ORDER BY d.id", fmt)


def _marked_box(png: bytes) -> tuple[int, int, int, int] | None:
    """The bounding box of the yellow pixels: the pages are black on white (or grey), so only a mark has much
    more red than blue."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    red, _, blue = image.split()
    return ImageChops.subtract(red, blue).point(lambda v: 255 if v > 40 else 0).getbbox()


def _contains(outer, inner, slack: float = 1.0) -> bool:
    return (outer[0] - slack <= inner[0] and outer[1] - slack <= inner[1]
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


@pytest.fixture(scope="module")
def text_archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("source")
    write_pdf(fictional_minutes(3)[0], folder / "protokoll.pdf")
    write_txt(fictional_minutes(4)[0], folder / "protokoll.txt")
    archive = folder / "archive"
    minutes(archive, "import", folder / "protokoll.pdf", folder / "protokoll.txt")
    return archive


def _unique_words_box(pdf: Path, page_number: int, sentence: str, scale: float):
    """Three words of `sentence` found once on the page, and their box as pypdfium2 reports it, in the pixels
    of the page drawn at `scale`."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    page = document[page_number - 1]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    height = page.get_height()
    words = sentence.rstrip(".").split()
    for start in range(len(words) - 2):
        phrase = " ".join(words[start:start + 3])
        if text.count(phrase) != 1:
            continue
        searcher = textpage.search(phrase, match_case=True)
        index, count = searcher.get_next()
        boxes = [textpage.get_charbox(i) for i in range(index, index + count)]
        x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
        x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
        return phrase, (x0 * scale, (height - y1) * scale, x1 * scale, (height - y0) * scale)
    raise AssertionError(f"no three words of {sentence!r} are found once on the page")


def test_page_marks_a_decision_on_the_text_layer_of_a_pdf(text_archive, tmp_path):
    import pypdfium2 as pdfium

    decision_id, page, text = _decisions(text_archive, "pdf")[2]
    out = tmp_path / "page.png"
    minutes(text_archive, "page", decision_id, "-o", out)
    png = out.read_bytes()
    assert png.startswith(b"\x89PNG")
    assert out.stat().st_mode & 0o777 == 0o600  # the original page, names and all: private as exports are
    stored, shown_page = minutes(text_archive, "open", "--print", decision_id).stdout.rstrip("\n").split("\t")
    assert int(shown_page) == page
    image = Image.open(out)
    width = pdfium.PdfDocument(stored)[page - 1].get_width()
    word, box = _unique_words_box(Path(stored), page, text, image.width / width)
    marked = _marked_box(png)
    assert marked is not None, "nothing was marked"
    assert _contains(marked, box), (word, marked, box)
    assert marked[3] - marked[1] < image.height / 8  # the decision's lines, not the page


def test_words_chooses_what_is_marked(text_archive, tmp_path):
    decision_id, _, text = _decisions(text_archive, "pdf")[0]
    own = _marked_box(minutes_bytes(text_archive, "page", decision_id, "-o", "-"))
    other = _marked_box(minutes_bytes(text_archive, "page", decision_id, "--words", "Närvarande", "-o", "-"))
    assert own and other and other[3] < own[1]  # the attendance line, above the decision
    missing = minutes(text_archive, "page", decision_id, "--words", "ordetfinnsinte", "-o", tmp_path / "x.png")
    assert _marked_box((tmp_path / "x.png").read_bytes()) is None and missing.returncode == 0


def minutes_bytes(archive: Path, *args: str) -> bytes:
    """The command in a process of its own, its stdout as bytes (a PNG written with -o -)."""
    code = "import sys; from minutes_archive.cli.app import run; sys.exit(run())"
    run = subprocess.run([sys.executable, "-c", code, "--archive", str(archive), *args], env={**ENV, **_config_env()},
                         capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode()
    return run.stdout


def _config_env() -> dict:
    return {"MINUTES_CONFIG": os.environ["MINUTES_CONFIG"]}


def test_dash_writes_the_png_to_stdout(text_archive):
    decision_id = _decisions(text_archive, "pdf")[0][0]
    png = minutes_bytes(text_archive, "page", decision_id, "-o", "-")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width > 1000
    assert _marked_box(png) is not None


def test_an_existing_file_is_kept_without_force(text_archive, tmp_path):
    decision_id = _decisions(text_archive, "pdf")[0][0]
    out = tmp_path / "page.png"
    out.write_bytes(b"mine")
    refused = minutes(text_archive, "page", decision_id, "-o", out, check=False)
    assert refused.returncode == 2
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert out.read_bytes() == b"mine"
    minutes(text_archive, "page", decision_id, "-o", out, "--force")
    assert out.read_bytes().startswith(b"\x89PNG")


def test_a_txt_record_is_set_as_text_with_its_words_marked(text_archive, tmp_path):
    decision_id, _, text = _decisions(text_archive, "txt")[0]
    out = tmp_path / "txt.png"
    minutes(text_archive, "page", decision_id, "-o", out)
    image = Image.open(out).convert("RGB")
    marked = _marked_box(out.read_bytes())
    assert marked is not None
    # the mark lies on the last lines (the decision ends the item), with the item's other text above it
    assert marked[1] > image.height / 3
    assert minutes(text_archive, "open", "--print", decision_id).stdout.split("\t")[0].endswith(".txt")


def test_open_print_and_json_name_the_stored_file_and_page(text_archive):
    decision_id, page, _ = _decisions(text_archive, "pdf")[0]
    printed = minutes(text_archive, "open", "--print", decision_id).stdout
    path, shown = printed.rstrip("\n").split("\t")
    assert printed.count("\n") == 1 and Path(path).is_file() and path.endswith(".pdf") and int(shown) == page
    import json

    place = json.loads(minutes(text_archive, "open", "--json", decision_id).stdout)
    assert place["file"] == path and place["page"] == page and place["copy"] == "original"
    doc_id = place["document_id"]
    assert minutes(text_archive, "open", "--print", doc_id).stdout == f"{path}\t1\n"  # a document: its first page


def test_an_unknown_id_is_one_line(text_archive, tmp_path):
    for args in (("open", "--print", "0123456789ab-7"), ("page", "nosuchid", "-o", tmp_path / "x.png")):
        ran = minutes(text_archive, *args, check=False)
        assert ran.returncode == 2 and "Nothing in the archive has the id" in ran.stderr
        assert ran.stderr.count("\n") == 1
    assert not (tmp_path / "x.png").exists()


def _recorder(folder: Path, name: str) -> Path:
    """A program that writes the arguments it was given, one a line, to `args.txt` beside it."""
    script = folder / name
    script.write_text(f"#!{sys.executable}\nimport sys\nopen({str(folder / 'args.txt')!r}, 'w').write('\\n'.join(sys.argv[1:]))\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_the_viewer_setting_gets_the_file_and_page(text_archive, tmp_path, monkeypatch):
    decision_id, page, _ = _decisions(text_archive, "pdf")[0]
    viewer = _recorder(tmp_path, "my viewer")
    monkeypatch.setenv("MINUTES_VIEWER", f"'{viewer}' --page={{page}} {{file}}")
    ran = minutes(text_archive, "open", decision_id)
    path = minutes(text_archive, "open", "--print", decision_id).stdout.split("\t")[0]
    assert (tmp_path / "args.txt").read_text().split("\n") == [f"--page={page}", path]
    assert ran.stderr == ""


def test_without_a_viewer_the_desktop_opener_is_used_and_the_page_told(text_archive, tmp_path, monkeypatch):
    decision_id, page, _ = _decisions(text_archive, "pdf")[0]
    _recorder(tmp_path, "xdg-open")
    _recorder(tmp_path, "open")
    monkeypatch.delenv("MINUTES_VIEWER", raising=False)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    ran = minutes(text_archive, "open", decision_id)
    path = minutes(text_archive, "open", "--print", decision_id).stdout.split("\t")[0]
    assert (tmp_path / "args.txt").read_text() == path
    assert f"page {page}" in ran.stderr and ran.stderr.count("\n") == 1


def test_a_viewer_that_fails_is_reported(text_archive, monkeypatch):
    decision_id = _decisions(text_archive, "pdf")[0][0]
    monkeypatch.setenv("MINUTES_VIEWER", "false {file}")
    ran = minutes(text_archive, "open", decision_id, check=False)
    assert ran.returncode == 2 and "exit status 1" in ran.stderr
    monkeypatch.setenv("MINUTES_VIEWER", "no-such-viewer-anywhere {file}")
    ran = minutes(text_archive, "open", decision_id, check=False)
    assert ran.returncode == 2 and "cannot be started" in ran.stderr


# ---- scans ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scan_archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scan")
    doc, _ = fictional_minutes(5, items=2, with_memo=False)
    (folder / "skannat.tif").write_bytes(to_tiff(render_pages(doc, specks=100, seed=2)[:1]))
    write_txt(fictional_minutes(7, items=2, with_memo=False)[0], folder / "annat.txt")
    archive = folder / "archive"
    minutes(archive, "import", folder / "skannat.tif", folder / "annat.txt")
    return archive


def _read(image: Image.Image) -> str:
    with io.BytesIO() as out:
        image.save(out, format="PNG")
        run = subprocess.run(["tesseract", "-", "-", "-l", "swe+eng", "--psm", "6"], input=out.getvalue(),
                             capture_output=True, timeout=60)
    return run.stdout.decode()


@needs_tesseract
def test_page_marks_a_decision_on_a_scan_where_ocr_read_it(scan_archive, tmp_path):
    doc_id = _query(scan_archive, "SELECT id FROM documents WHERE format = 'tif'")[0][0]
    assert _query(scan_archive, "SELECT COUNT(*) FROM ocr_words WHERE document_id = ?", doc_id)[0][0] > 50
    decision_id, page, text = _decisions(scan_archive, "tif")[-1]
    path, _ = minutes(scan_archive, "open", "--print", decision_id).stdout.rstrip("\n").split("\t")
    assert path.endswith(".ocr.pdf")  # the searchable copy, not the TIFF
    out = tmp_path / "scan.png"
    minutes(scan_archive, "page", decision_id, "-o", out)
    image = Image.open(out).convert("RGB")
    marked = _marked_box(out.read_bytes())
    assert marked is not None and marked[3] - marked[1] < image.height / 8
    # Read again, the marked part of the drawn page says the whole decision: the marks sit on its words.
    crop = image.crop((marked[0] - 5, marked[1] - 5, marked[2] + 5, marked[3] + 5))
    read = set(_read(crop).replace(".", " ").split())
    missing = [w for w in text.replace(".", " ").split() if w not in read]
    assert not missing, (missing, read)


@needs_tesseract
def test_forget_erases_the_word_boxes(scan_archive):
    doc_id = _query(scan_archive, "SELECT id FROM documents WHERE format = 'tif'")[0][0]
    other = _query(scan_archive, "SELECT id FROM documents WHERE format = 'txt'")[0][0]
    assert _query(scan_archive, "SELECT COUNT(*) FROM ocr_words WHERE document_id = ?", doc_id)[0][0]
    minutes(scan_archive, "forget", doc_id, "--yes")
    assert _query(scan_archive, "SELECT COUNT(*) FROM ocr_words")[0][0] == 0
    assert _query(scan_archive, "SELECT COUNT(*) FROM documents WHERE id = ?", other)[0][0] == 1
    gone = minutes(scan_archive, "open", "--print", doc_id, check=False)
    assert gone.returncode == 2
