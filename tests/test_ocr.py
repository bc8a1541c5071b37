"""Scanned minutes: OCR of a scanned PDF, a multi-page TIFF and a mixed PDF; OCR repair."""
import difflib
import io

import pypdfium2 as pdfium

from minutes_archive import Archive
from minutes_archive.records.text import fold
from minutes_archive.records.layout import join_lines
from minutes_archive.records.text import normalise
from minutes_archive.extraction.pipeline import extract_document
from minutes_archive.extraction.readers import read_bytes, read_path
from minutes_archive.extraction.readers.ocr_repair import repair_item_numbers
from minutes_archive.samples.convert import sample_from_layout
from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.model import SampleDoc
from minutes_archive.samples.scan import render_pages, to_pdf, to_tiff
from minutes_archive.samples.write_pdf import write_pdf

from support import needs_tesseract, require_seeds

MIN_ACCURACY = 0.97


def _seed(name):
    layout = read_path(require_seeds() / f"{name}.txt")
    return layout, sample_from_layout(layout)


def _as_paragraphs(doc: SampleDoc) -> SampleDoc:
    """The body as printed: notes are left out of the scan (the txt export's marks are not text)."""
    return SampleDoc([type(p)(p.text, p.heading) for p in doc.paras if p.text.strip() != "---"])


def _accuracy(expected: str, found: str) -> float:
    return difflib.SequenceMatcher(None, normalise(expected), normalise(found), autojunk=False).ratio()


def _alike(expected: str, found: str) -> float:
    """Similarity ignoring accents: OCR with swe+eng sometimes reads "Övrig fråga" as "Ovrig fraga"."""
    return _accuracy(fold(expected), fold(found))


def _same_structure(reference, scanned):
    assert [i.number for i in scanned.items] == [i.number for i in reference.items]
    for mine, theirs in zip(scanned.items, reference.items):
        assert _alike(theirs.title, mine.title) > 0.9, (mine.title, theirs.title)
    numbers = {i.id: i.number for i in scanned.items}
    ref_numbers = {i.id: i.number for i in reference.items}
    assert [numbers[d.item_id] for d in scanned.decisions] == [ref_numbers[d.item_id] for d in reference.decisions]
    for mine, theirs in zip(scanned.decisions, reference.decisions):
        assert _alike(theirs.text, mine.text) > 0.9, (mine.text, theirs.text)


@needs_tesseract
def test_scanned_pdf_reads_like_the_text(tmp_path):
    layout, doc = _seed("000_e09e653c5afdebd9")
    body = _as_paragraphs(doc)
    body.paras = [p for p in body.paras if not p.text.startswith("\ufffd")]
    scanned = read_bytes(to_pdf(render_pages(body, angle=0.7)), "skannad.pdf")
    expected = " ".join(p.text for p in body.paras)
    assert _accuracy(expected, " ".join(b.text for b in scanned.blocks)) >= MIN_ACCURACY
    assert set(scanned.ocr_confidence) == set(range(1, scanned.page_count + 1))
    assert scanned.searchable_pdf and len(pdfium.PdfDocument(scanned.searchable_pdf)) == scanned.page_count
    reference = extract_document(layout, "doc")
    _same_structure(reference, extract_document(scanned, "doc"))


@needs_tesseract
def test_multipage_tiff_keeps_paragraph_signs(tmp_path):
    layout, doc = _seed("004_62916a7d4b27fb79")
    body = SampleDoc([type(p)(p.text, p.heading) for p in doc.paras])  # minutes, "---" and the memo
    for para in body.paras:
        if para.heading:
            number, title = para.text.split(". ", 1)
            para.text = f"§ {number} {title}"
    scanned = read_bytes(to_tiff(render_pages(body, angle=-0.9, seed=3)), "skannad.tif")
    assert scanned.page_count >= 2 and scanned.format == "tif"
    extraction = extract_document(scanned, "doc")
    assert [(i.label.replace(" ", ""), i.number) for i in extraction.items] == [("§1", "1"), ("§2", "2"), ("§3", "3"), ("§4", "4")]
    reference = extract_document(read_bytes("\n".join(p.text for p in body.paras).encode(), "m.txt"), "doc")
    _same_structure(reference, extraction)


@needs_tesseract
def test_mixed_pdf_ocrs_only_the_scanned_page(tmp_path):
    doc, expected = fictional_minutes(4, items=4, with_memo=False)
    half = next(i for i, p in enumerate(doc.paras) if p.heading and i > len(doc.paras) // 2)
    first = write_pdf(SampleDoc(doc.paras[:half]), tmp_path / "first.pdf").read_bytes()
    second = to_pdf(render_pages(SampleDoc(doc.paras[half:]), angle=0.5))
    merged = pdfium.PdfDocument.new()
    for part in (first, second):
        source = pdfium.PdfDocument(part)
        merged.import_pages(source)
    out = io.BytesIO()
    merged.save(out)
    (tmp_path / "blandad.pdf").write_bytes(out.getvalue())
    with Archive(tmp_path / "a") as archive:
        report = archive.import_paths([tmp_path / "blandad.pdf"], jobs=1)
        doc_id = report["files"][0]["document_id"]
        shown = archive.show(doc_id)
    assert list(shown["document"]["ocr_confidence"]) == [2]
    assert shown["document"]["searchable_blob"].endswith(".ocr.pdf")
    assert [i["number"] for i in shown["items"]] == [e["number"] for e in expected["items"]]
    assert len([d for i in shown["items"] for d in i["decisions"]]) == len(expected["decisions"])


def test_ocr_repair_of_item_numbers():
    assert repair_item_numbers(["$ 14 Kommunal volontärverksamhet", "8 15 Senaste nytt", "816 Antal sammanträden",
                                "8 personer deltog.", "«17: Övrig fråga"]) == [
        "§ 14 Kommunal volontärverksamhet", "§ 15 Senaste nytt", "§ 16 Antal sammanträden",
        "8 personer deltog.", "17. Övrig fråga"]


def test_words_hyphenated_at_line_ends_are_joined():
    assert join_lines(["Ordföranden ledde förhand-", "lingarna och Kompetens-", "och integrationsberedningen"]) == \
        "Ordföranden ledde förhandlingarna och Kompetens- och integrationsberedningen"


def test_ocr_never_keeps_scans_for_later(tmp_path):
    doc, _ = fictional_minutes(5, items=1, with_memo=False)
    (tmp_path / "scan.tif").write_bytes(to_tiff(render_pages(doc)))
    with Archive(tmp_path / "a") as archive:
        report = archive.import_paths([tmp_path / "scan.tif"], ocr="never")
        assert report["files"][0]["status"] == "needs_ocr"
        assert list((archive.path / "originals").rglob("*.tif"))


@needs_tesseract
def test_a_page_scanned_sideways_is_turned_upright():
    doc, expected = fictional_minutes(6, items=2, with_memo=False)
    page = render_pages(doc, angle=0)[0].rotate(90, expand=True)
    layout = read_bytes(to_tiff([page]), "liggande.tif")
    extraction = extract_document(layout, "doc")
    assert [i.number for i in extraction.items] == [e["number"] for e in expected["items"]]
    assert layout.ocr_confidence[1] > 70
