import io

import docx

from minutes_archive.extraction.readers.docx import read_docx
from minutes_archive.samples.model import Para, SampleDoc
from minutes_archive.samples.write_docx import write_docx


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_paragraphs_and_tables_in_reading_order_with_styles():
    document = docx.Document()
    document.add_heading("Protokoll", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Närvarande", "Anna Ek, ordförande"
    table.cell(1, 0).text, table.cell(1, 1).text = "Ersättare", "Bo Ek"
    document.add_paragraph("Efter tabellen")
    layout = read_docx(_bytes(document))
    assert [(b.kind, b.text) for b in layout.blocks] == [
        ("heading", "Protokoll"),
        ("table-row", "Närvarande\tAnna Ek, ordförande"),
        ("table-row", "Ersättare\tBo Ek"),
        ("paragraph", "Efter tabellen"),
    ]


def test_automatic_numbering_is_rendered():
    document = docx.Document()
    for title in ("Mötets öppnande", "Val av justerare", "Budget"):
        document.add_paragraph(title, style="List Number")
    layout = read_docx(_bytes(document))
    assert [b.text for b in layout.blocks] == ["1. Mötets öppnande", "2. Val av justerare", "3. Budget"]


def test_footnotes_with_anchor_offsets(tmp_path):
    doc = SampleDoc([
        Para("§ 1 Budget", heading=True),
        Para("Förslaget diskuterades länge, men inget beslut fattades.", notes=[(28, "Se bilaga 2."), (56, "Enligt sekreteraren.")]),
    ])
    layout = read_docx(write_docx(doc, tmp_path / "n.docx").read_bytes())
    assert [(n.number, n.text, n.kind, n.anchor) for n in layout.notes] == [
        (1, "Se bilaga 2.", "footnote", (1, 28)),
        (2, "Enligt sekreteraren.", "footnote", (1, 56)),
    ]
    assert layout.blocks[1].text == doc.paras[1].text


def test_page_breaks_count_pages():
    document = docx.Document()
    document.add_paragraph("Sida ett")
    document.add_page_break()
    document.add_paragraph("Sida två")
    layout = read_docx(_bytes(document))
    assert [(b.text, b.page) for b in layout.blocks] == [("Sida ett", 1), ("Sida två", 2)]
