"""PDF pages read as a clerk reads them: margin numbers with their text, headings ending where their line or
style ends, side columns apart, untrusted text layers read another way."""
import os
import re

import pypdfium2 as pdfium
import pytest
import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.ttfonts import TTFontFile
from reportlab.pdfgen import canvas

from minutes_archive.archive.archive import Archive
from minutes_archive.extraction.pipeline import extract_document
from minutes_archive.extraction.readers import read_path
from minutes_archive.extraction.readers.page_layout import body_size, paragraphs, side_columns, to_block
from minutes_archive.extraction.readers.pdf import _collect, _shape
from minutes_archive.extraction.readers.pdfium_text import page_lines
from minutes_archive.extraction.readers.text_layer import untrusted

from support import needs_tesseract

REGULAR, BOLD = "Helvetica", "Helvetica-Bold"


def _pdf(path, pages):
    """pages: lists of (x, y from the top, font, size, text)."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in pages:
        for x, y, font, size, text in page:
            pdf.setFont(font, size)
            pdf.drawString(x, A4[1] - y, text)
        pdf.showPage()
    pdf.save()
    return path


def _items(path):
    return [(i.number, i.title) for i in extract_document(read_path(path), "doc").items]


def test_item_numbers_in_a_margin_column_and_labels_in_bold(tmp_path):
    page = [(200, 60, BOLD, 11, "MINUTES OF THE REGULAR MEETING"), (210, 75, BOLD, 11, "WEDNESDAY, MAY 3, 2023"),
            (60, 110, REGULAR, 11, "1."), (100, 110, REGULAR, 11, "The meeting was called to order at 5:12 p.m."),
            (60, 140, REGULAR, 11, "2."), (100, 140, BOLD, 11, "ROLL CALL:"),
            (170, 140, REGULAR, 11, "Present: Board Members Batchelor and McHugh."),
            (60, 170, REGULAR, 11, "3."), (100, 170, BOLD, 11, "MINUTES:"),
            (160, 170, REGULAR, 11, "The minutes of April 5 were approved as presented."),
            (60, 200, REGULAR, 11, "4."), (100, 200, BOLD, 11, "ADJOURNMENT"),
            (100, 215, REGULAR, 11, "The meeting was adjourned at 6:02 p.m.")]
    path = _pdf(tmp_path / "m.pdf", [page])
    extraction = extract_document(read_path(path), "doc")
    assert [(i.number, i.title) for i in extraction.items] == [
        ("1", "The meeting was called to order at 5:12 p.m."), ("2", "ROLL CALL"), ("3", "MINUTES"), ("4", "ADJOURNMENT")]
    assert extraction.items[1].text == "Present: Board Members Batchelor and McHugh."
    assert extraction.document.meeting_date == "2023-05-03"


def test_a_heading_ends_where_its_style_ends(tmp_path):
    page = [(60, 80, REGULAR, 12, "1. ROLL CALL:"), (140, 80, BOLD, 12, "Present: Cownie, Boesen and Voss."),
            (60, 110, REGULAR, 12, "2. Council Discussion on Cold Weather Events and Direction to Staff"),
            (80, 124, REGULAR, 12, "Thereto."), (130, 124, BOLD, 12, "Moved by Mandelbaum to direct staff."),
            (80, 138, BOLD, 12, "Motion Carried 6-0.")]
    path = _pdf(tmp_path / "m.pdf", [page])
    assert _items(path) == [("1", "ROLL CALL"),
                            ("2", "Council Discussion on Cold Weather Events and Direction to Staff Thereto.")]


def test_a_side_column_stays_out_of_the_text(tmp_path):
    body = ["Valberedningen har hittat tre kandidater för en", "underhållsgrupp som ska ta hand om soprum och",
            "garage. Styrelsen beslutar att fyllnadsvälja dessa.", "Offertförfrågan skickas till två företag."]
    page = [(60, 80, REGULAR, 11, "1. Mötets öppnande"), (80, 95, REGULAR, 11, "Mötet öppnades."),
            (60, 120, REGULAR, 11, "2. Underhåll")]
    page += [(80, 135 + 15 * n, REGULAR, 11, line) for n, line in enumerate(body)]
    page += [(450, 135, REGULAR, 11, "Björn har"), (450, 150, REGULAR, 11, "kontakt med"), (450, 165, REGULAR, 11, "firman"),
             (60, 210, REGULAR, 11, "3. Övrigt"), (80, 225, REGULAR, 11, "Inget.")]
    path = _pdf(tmp_path / "m.pdf", [page])
    extraction = extract_document(read_path(path), "doc")
    assert [i.title for i in extraction.items] == ["Mötets öppnande", "Underhåll", "Övrigt"]
    text = extraction.items[1].text
    assert " ".join(body) in text and "Björn har kontakt med firman" in text


def test_headings_are_not_swallowed_after_a_table_or_across_a_page(tmp_path):
    first = [(60, 80, REGULAR, 11, "1. Ekonomi"), (80, 100, BOLD, 11, "Konto"), (250, 100, BOLD, 11, "Saldo"),
             (80, 115, REGULAR, 11, "Kassa"), (250, 115, REGULAR, 11, "4 803,00"),
             (80, 130, REGULAR, 11, "Plusgiro"), (250, 130, REGULAR, 11, "121 294,55"),
             (60, 150, REGULAR, 11, "2. Lokaler"), (80, 165, REGULAR, 11, "Hyran för lokalen höjs enligt avtalet och")]
    second = [(60, 60, REGULAR, 11, "3. nästa möte"), (80, 75, REGULAR, 11, "Den 9 juni klockan 19 i klubbhuset."),
              (80, 90, REGULAR, 11, "Kallelse skickas ut av sekreteraren.")]
    path = _pdf(tmp_path / "m.pdf", [first, second])
    assert _items(path) == [("1", "Ekonomi"), ("2", "Lokaler"), ("3", "nästa möte")]


def test_pdfium_reads_a_page_like_pdfminer(tmp_path):
    page = [(60, 80, BOLD, 12, "1. Mötets öppnande"), (60, 100, REGULAR, 11, "Ordföranden öppnade mötet och hälsade"),
            (60, 114, REGULAR, 11, "alla välkomna."), (60, 140, REGULAR, 11, "2."), (100, 140, REGULAR, 11, "Val av justerare"),
            (450, 140, REGULAR, 11, "Anna"), (450, 154, REGULAR, 11, "Per"), (450, 168, REGULAR, 11, "Eva")]
    path = _pdf(tmp_path / "m.pdf", [page])
    width, height, raw = _collect(path.read_bytes(), "m.pdf")[0]
    miner = _shape(1, raw, 11.0)
    document = pdfium.PdfDocument(str(path))
    fallback = page_lines(document, 1).lines
    document.close()

    def blocks(lines):
        from minutes_archive.extraction.readers.page_layout import Page
        pages = [Page(1, width, height, lines)]
        size = body_size(pages)
        return [(b.text, b.kind, b.bold) for b, _ in (to_block(p, size, width) for p in paragraphs(lines, side_columns(pages), size))]

    assert blocks(fallback) == blocks(miner)


@pytest.mark.parametrize("text, expected", [
    ("Mötet öppnades av ordföranden som hälsade alla välkomna till årets första möte.", None),
    ("(cid:12)(cid:34)(cid:56) (cid:7)(cid:8)(cid:9)(cid:10) " * 5, "glyph ids"),
    ("\ue001\ue002\ue003 \ue004\ue005 " * 10, "private-use"),
    ("Rtqvqmqnn uv{tgnugo vg 30 O vgvu rrpcpfg Qtfh tcpfgp rrpcfg vgv 40 Xcn cx lwuvgtctg Cppc xcnfgu Dwfigv "
     "Dwfigvgp iqfm pfgu", "Swedish or English words"),
    ("1 234,00 5 678,00 9 101,00 1 121,00 3 141,00 5 161,00 7 181,00", None),
])
def test_untrusted_text_layers(text, expected):
    why = untrusted(text)
    assert (why is None) if expected is None else (expected in why)


def glyph_id_pdf(path):
    """A PDF whose font has no character map: a text engine reads glyph numbers, not the words."""
    font_path = os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")
    glyphs = TTFontFile(font_path).charToGlyph
    lines = ["Protokoll fört vid styrelsemöte i Sjöhamra Båtklubb den 1 mars 2023", "1. Mötets öppnande",
             "Ordföranden öppnade mötet och hälsade alla välkomna till mötet.", "2. Val av justerare",
             "Anna Berg valdes till justerare av protokollet.", "3. Budget för året",
             "Styrelsen beslutade att godkänna budgeten för det kommande året."]
    operations = ["BT", "/F1 12 Tf"]
    for n, line in enumerate(lines):
        codes = "".join(f"{glyphs.get(ord(ch), 0):04x}" for ch in line)
        operations.append(f"1 0 0 1 60 {780 - 24 * n} Tm <{codes}> Tj")
    operations.append("ET")
    content = "\n".join(operations).encode()
    font = open(font_path, "rb").read()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Vera /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Vera /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1)"
        b" /Supplement 0 >> /FontDescriptor 7 0 R /CIDToGIDMap /Identity /DW 600 >>",
        b"<< /Type /FontDescriptor /FontName /Vera /Flags 32 /FontBBox [-183 -236 1287 928] /ItalicAngle 0 /Ascent 928"
        b" /Descent -236 /CapHeight 700 /StemV 80 /FontFile2 8 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(font) + font + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(out)
    return path


def test_a_glyph_id_text_layer_is_never_imported_as_text(tmp_path):
    path = glyph_id_pdf(tmp_path / "glyphs.pdf")
    from minutes_archive.extraction.readers.pdf import _collect
    raw_text = "".join(c[0] for _, _, raw in _collect(path.read_bytes(), "g") for *_, chars in raw for c in chars)
    assert untrusted(raw_text) is not None and "Mötets" not in raw_text


@needs_tesseract
def test_a_glyph_id_pdf_is_read_through_the_fallback(tmp_path):
    path = glyph_id_pdf(tmp_path / "glyphs.pdf")
    with Archive(tmp_path / "a") as archive:
        [result] = archive.import_paths([path])["files"]
        shown = archive.show(result["document_id"])
    assert result["status"] == "imported"
    assert result["pages_read"] == {"ocr": [1]}
    assert any("page 1" in w and "pdfium" in w and "OCR" in w for w in result["warnings"])
    titles = [i["title"] for i in shown["items"]]
    assert len(titles) == 3 and re.search(r"justerare", titles[1]) and re.search(r"Budget", titles[2])
    assert not re.search(r"cid:|Rtqvq", " ".join(i["text"] for i in shown["items"]))


def test_a_superscript_two_after_a_word_does_not_break_reading(tmp_path):
    pdf = canvas.Canvas(str(tmp_path / "m.pdf"), pagesize=A4)
    pdf.setFont(REGULAR, 11)
    pdf.drawString(60, 780, "1. Lokaler")
    pdf.drawString(60, 760, "Lokalen är 45 m")
    pdf.setFont(REGULAR, 6)
    pdf.drawString(139, 764, "²")
    pdf.drawString(60 + pdf.stringWidth("Lokalen är 45 m", REGULAR, 11) + 10, 764, "1")
    pdf.showPage()
    pdf.save()
    layout = read_path(tmp_path / "m.pdf")
    assert any("45 m" in b.text for b in layout.blocks)
