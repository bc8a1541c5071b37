import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from minutes_archive.errors import EncryptedPDF, NeedsOCR, UnreadableFile
from minutes_archive.extraction.readers import read_bytes, read_path
from minutes_archive.extraction.readers.furniture import PageLine, furniture
from minutes_archive.extraction.structure import extract
from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.write_pdf import write_pdf


def test_headers_and_footers_leave_item_text(tmp_path):
    doc, expected = fictional_minutes(5, items=6)
    doc.header = "Långasands Byalag PROTOKOLL 2023-07-25 {page} ({pages})"
    doc.footer = "Doc ID: 4711-ABC-{page}    Sida {page} av {pages}"
    layout = read_path(write_pdf(doc, tmp_path / "m.pdf"))
    assert layout.page_count > 1
    text = "\n".join(b.text for b in layout.blocks)
    assert "Långasands Byalag" not in text and "Doc ID" not in text and "Sida " not in text
    assert len(layout.furniture) == 2 * layout.page_count
    extraction = extract(layout, "doc")
    assert [i.title for i in extraction.items] == [e["title"] for e in expected["items"]]
    assert len(extraction.footnotes) == 1 and extraction.footnotes[0].item_id is not None


def test_body_and_date_from_the_running_header(tmp_path):
    doc, _ = fictional_minutes(6)
    doc.paras = doc.paras[3:]  # no title lines: the header is all there is
    doc.header = "Långasands Byalag PROTOKOLL 2023-07-25 {page} ({pages})"
    extraction = extract(read_path(write_pdf(doc, tmp_path / "m.pdf")), "doc")
    assert extraction.document.body == "Långasands Byalag"
    assert extraction.document.meeting_date == "2023-07-25"


def _drawing_only(pdf):
    pdf.rect(100, 100, 300, 400, fill=1)
    pdf.showPage()


def test_scan_without_text_layer_needs_ocr(tmp_path):
    pdf = canvas.Canvas(str(tmp_path / "scan.pdf"), pagesize=A4)
    _drawing_only(pdf)
    _drawing_only(pdf)
    pdf.save()
    with pytest.raises(NeedsOCR, match="needs OCR"):
        read_path(tmp_path / "scan.pdf", ocr="never")


def test_mixed_pdf_reports_the_pages_without_text(tmp_path):
    pdf = canvas.Canvas(str(tmp_path / "mixed.pdf"), pagesize=A4)
    pdf.drawString(72, 700, "§ 1 Mötets öppnande")
    pdf.drawString(72, 680, "Ordföranden öppnade mötet och hälsade alla välkomna till sammanträdet.")
    pdf.showPage()
    _drawing_only(pdf)
    pdf.save()
    layout = read_path(tmp_path / "mixed.pdf", ocr="never")
    assert layout.empty_pages == [2]
    assert "need OCR" in layout.warnings[0]


def test_password_protected_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("hemligt", "ägare"))
    pdf.drawString(72, 700, "Hemligt protokoll")
    pdf.save()
    with pytest.raises(EncryptedPDF, match="password"):
        read_path(path)


def test_truncated_pdf(tmp_path):
    doc, _ = fictional_minutes(1)
    data = write_pdf(doc, tmp_path / "m.pdf").read_bytes()
    with pytest.raises(UnreadableFile):
        read_bytes(data[: len(data) // 3], "trasig.pdf")


def test_furniture_rules_without_positions():
    lines = [PageLine(1, "Sida 1 av 2"), PageLine(1, "§ 1 Budget"), PageLine(1, "Text"), PageLine(1, "Mer text"),
             PageLine(2, "Sida 2 av 2"), PageLine(2, "Text två"), PageLine(2, "Mer"), PageLine(2, "- 2 -")]
    assert furniture(lines) == {0, 4, 7}


def test_a_cross_reference_chain_that_loops_is_a_clear_reason():
    """A trailer whose /Prev points at its own table made pdfminer recurse until Python gave up."""
    from minutes_archive.extraction.readers.pdf import read_pdf

    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    table = (b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
             b"trailer<</Size 3/Root 1 0 R/Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (len(body), len(body)))
    with pytest.raises(UnreadableFile, match="cross-reference chain loops"):
        read_pdf(body + table, "loop.pdf")
