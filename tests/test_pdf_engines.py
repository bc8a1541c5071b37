"""pdfium (the default) and pdfminer read a born-digital PDF into the same layout, and each stands in for the other
on a page the first cannot read."""
import pypdfium2 as pdfium
import pytest

from minutes_archive.archive.importer import Options
from minutes_archive.errors import NeedsOCR
from minutes_archive.extraction.readers import read_bytes, read_path
from minutes_archive.extraction.readers import pdf, pdfium_text
from minutes_archive.extraction.readers.pdf import DEFAULT_ENGINE, PDF_ENGINES, read_pdf
from minutes_archive.extraction.structure import extract
from minutes_archive.samples.convert import sample_from_layout
from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.write_pdf import write_pdf

from support import require_seeds, seed_names

HEADER = "Kompetens- och integrationsberedningen MINNESANTECKNINGAR Sida {page} av {pages}"


def _layout(layout):
    return {
        "blocks": [(b.page, b.kind, b.text, b.bold) for b in layout.blocks],
        "notes": [(n.number, n.text, n.page, n.anchor) for n in layout.notes],
        "furniture": sorted(layout.furniture),
        "pages": (layout.page_count, layout.empty_pages, layout.page_sources),
    }


def _extraction(layout):
    x = extract(layout, "doc")
    number = {i.id: i.number for i in x.items}
    return {
        "items": [(i.number, i.title, i.text) for i in x.items],
        "decisions": [(number[d.item_id], d.text, d.kind) for d in x.decisions],
        "footnotes": [(n.number, n.text, number.get(n.item_id), n.anchor_offset) for n in x.footnotes],
        "metadata": (x.document.body, x.document.meeting_date, x.document.signed_date),
    }


def _both(data: bytes, name: str = "m.pdf"):
    return [read_bytes(data, name, ocr="never", pdf_engine=engine) for engine in PDF_ENGINES]


def test_pdfium_is_the_default():
    assert DEFAULT_ENGINE == "pdfium" and Options().pdf_engine == "pdfium"


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_both_engines_read_generated_minutes_alike(tmp_path, seed):
    """Items, decisions, bold headings, footnotes with their marks, running headers: all the same."""
    doc, expected = fictional_minutes(seed)
    data = write_pdf(doc, tmp_path / "m.pdf").read_bytes()
    fast, miner = _both(data)
    assert _layout(fast) == _layout(miner)
    assert _extraction(fast) == _extraction(miner)
    assert fast.furniture and fast.notes and any(b.bold for b in fast.blocks)
    assert [n for n, *_ in _extraction(fast)["footnotes"]] == [e["number"] for e in expected["footnotes"]]


@pytest.mark.parametrize("name", seed_names() or ["(no seeds)"])
def test_both_engines_read_the_seeds_as_pdf_alike(tmp_path, name):
    layout = read_path(require_seeds() / f"{name}.txt")
    data = write_pdf(sample_from_layout(layout, header=HEADER), tmp_path / "seed.pdf").read_bytes()
    fast, miner = _both(data)
    assert _layout(fast) == _layout(miner)
    assert _extraction(fast) == _extraction(miner)
    assert fast.page_count > 1 and len(fast.furniture) == fast.page_count


def test_an_unknown_engine_is_a_clear_error(tmp_path):
    data = write_pdf(fictional_minutes(1)[0], tmp_path / "m.pdf").read_bytes()
    for call in (lambda: read_bytes(data, "m.pdf", pdf_engine="xpdf"), lambda: read_pdf(data, "m.pdf", "xpdf"),
                 lambda: Options(pdf_engine="xpdf")):
        with pytest.raises(ValueError, match="pdfium, pdfminer.*'xpdf'"):
            call()


def test_a_page_pdfium_cannot_read_is_read_by_pdfminer(tmp_path, monkeypatch):
    data = write_pdf(fictional_minutes(2)[0], tmp_path / "m.pdf").read_bytes()
    miner = read_pdf(data, "m.pdf", "pdfminer")
    real = pdfium_text.page_raw

    def failing(document, number):
        if number == 2:
            raise pdfium.PdfiumError("cannot load page")
        return real(document, number)

    monkeypatch.setattr(pdfium_text, "page_raw", failing)
    mixed = read_pdf(data, "m.pdf", "pdfium")
    assert _layout(mixed) == _layout(miner)
    assert mixed.warnings == ["page 2: pdfium could not read it; read with pdfminer's text instead"]


def test_a_file_pdfium_cannot_open_is_read_by_pdfminer(tmp_path, monkeypatch):
    data = write_pdf(fictional_minutes(3)[0], tmp_path / "m.pdf").read_bytes()

    def refused(*args, **kwargs):
        raise pdfium.PdfiumError("cannot open")

    monkeypatch.setattr(pdfium, "PdfDocument", refused)
    assert _layout(read_pdf(data, "m.pdf")) == _layout(read_pdf(data, "m.pdf", "pdfminer"))


def test_a_page_whose_pdfium_text_is_untrusted_is_read_by_pdfminer(tmp_path, monkeypatch):
    data = write_pdf(fictional_minutes(2)[0], tmp_path / "m.pdf").read_bytes()
    miner = read_pdf(data, "m.pdf", "pdfminer")
    real = pdfium_text.page_raw

    def private_use(document, number):
        width, height, lines = real(document, number)
        if number == 1:
            lines = [(*box, [("\ue001" if text.strip() else text, bold, size) for text, bold, size in chars])
                     for *box, chars in lines]
        return width, height, lines

    monkeypatch.setattr(pdfium_text, "page_raw", private_use)
    mixed = read_pdf(data, "m.pdf", "pdfium")
    assert _layout(mixed) == _layout(miner)
    assert mixed.warnings == ["page 1: its text layer holds private-use characters instead of letters; "
                              "read with pdfminer's text instead"]


def test_a_page_neither_engine_can_trust_waits_for_ocr_alike(tmp_path, monkeypatch):
    """The same reason and the same need for OCR, whichever engine came first."""
    data = write_pdf(fictional_minutes(2)[0], tmp_path / "m.pdf").read_bytes()
    monkeypatch.setattr(pdf, "untrusted", lambda text: "its text layer holds glyph ids instead of characters")
    reasons = []
    for engine in PDF_ENGINES:
        with pytest.raises(NeedsOCR) as caught:
            read_pdf(data, "m.pdf", engine)
        reasons.append((str(caught.value), caught.value.page_reasons))
    assert reasons[0] == reasons[1]
    assert all("pdfium's text is no better" in r and "OCR" in r for r in reasons[0][1])


def test_raised_footnote_marks_stay_in_their_line(tmp_path):
    """pdfium breaks the line after a raised mark; the mark is still taken out and the words go on unspaced."""
    doc, _ = fictional_minutes(1)
    data = write_pdf(doc, tmp_path / "m.pdf").read_bytes()
    layout = read_pdf(data, "m.pdf", "pdfium")
    assert all(" ," not in b.text for b in layout.blocks)
    assert any(n.anchor is not None for n in layout.notes)
