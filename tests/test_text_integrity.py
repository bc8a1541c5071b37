"""Text that is right or says why not: stray bytes, decomposed letters, files without text (issue 12, item 5).

Every bad input is generated here: UTF-8 with a stray byte, NFD text, a 0-page PDF, a blank PNG.
"""
import codecs
import io
import unicodedata

import pytest

from support import needs_tesseract
from minutes_archive import Archive
from minutes_archive.errors import EmptyFile
from minutes_archive.records.layout import Block, Layout, Note, normalise_layout
from minutes_archive.extraction.pipeline import extract_document
from minutes_archive.extraction.readers import read_bytes
from minutes_archive.extraction.readers.txt import decode, decode_text

MINUTES = (
    "Kommunstyrelsens protokoll\n"
    "Sammanträdesdatum 2024-03-12\n"
    "\n"
    "§ 1 Mötets öppnande\n"
    "Ordföranden förklarade mötet öppnat.\n"
    "\n"
    "§ 2 Sjöräddningssällskapets ansökan om bidrag\n"
    "Föreningen ansöker om bidrag till en ny räddningsbåt för Västra fjärden.\n"
    "Beslut: Kommunstyrelsen beviljar bidrag med 50 000 kronor.\n"
    "\n"
    "§ 3 Årsredovisning för förskolan\n"
    "Förvaltningen redovisar årets utfall för förskoleverksamheten.\n"
    "Beslut: Årsredovisningen godkänns.\n"
)


def _stray(data: bytes, byte: bytes, at: int) -> bytes:
    return data[:at] + byte + data[at:]


def _nfd(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    return decomposed


# --- one bad byte never turns a UTF-8 file into another code page ---

@pytest.mark.parametrize("byte", [b"\xff", b"\x81", b"\x9d", b"\xe4", b"\xc3", b"\xf6"])
@pytest.mark.parametrize("at", [0, 40, len(MINUTES.encode()) // 2, len(MINUTES.encode())])
def test_one_stray_byte_keeps_utf8(byte, at):
    decoded = decode_text(_stray(MINUTES.encode(), byte, at))
    assert decoded.encoding == "utf-8"
    assert decoded.bad_bytes == 1
    assert decoded.text.count("\ufffd") == 1
    assert decoded.text.replace("\ufffd", "") == MINUTES
    assert decoded.warnings and "not valid UTF-8" in decoded.warnings[0]


def test_stray_bytes_after_a_bom_are_damage_not_an_error():
    decoded = decode_text(codecs.BOM_UTF8 + _stray(MINUTES.encode(), b"\xff", 30))
    assert (decoded.encoding, decoded.bad_bytes) == ("utf-8-sig", 1)
    assert decoded.text.replace("\ufffd", "") == MINUTES


def test_a_pasted_cp1252_passage_is_marked_not_mojibake():
    """Mixed files: the UTF-8 majority wins and each cp1252 letter is one mark, which repair can mend."""
    data = MINUTES.encode() + "Övriga frågor: inga.\n".encode("cp1252")
    decoded = decode_text(data)
    assert decoded.encoding == "utf-8" and decoded.bad_bytes == 2
    assert decoded.text.startswith(MINUTES)
    assert "Ã" not in decoded.text


@pytest.mark.parametrize("encoding, expected", [
    ("cp1252", "cp1252"), ("latin-1", "cp1252"), ("cp850", "cp850"), ("mac_roman", "mac_roman"),
    ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
])
def test_real_legacy_files_still_decode(encoding, expected):
    text, found = decode(MINUTES.encode(encoding))
    assert text.lstrip("\ufeff") == MINUTES
    assert found == expected


def test_latin1_with_bytes_unassigned_in_cp1252():
    text, found = decode(MINUTES.encode("latin-1") + b"\x81\n")
    assert found == "latin_1" and text.startswith(MINUTES)


def test_a_stray_byte_is_reported_and_counted_through_the_reader():
    layout = read_bytes(_stray(MINUTES.encode(), b"\xff", 20), "protokoll.txt")
    assert layout.encoding == "utf-8" and layout.damage == 1
    assert any("not valid UTF-8" in w for w in layout.warnings)
    extraction = extract_document(layout)
    assert len(extraction.items) == 3


def test_a_latin1_letter_in_a_utf8_file_is_mended():
    """The usual stray byte: one "ö" saved in latin-1 inside a UTF-8 file; the word list restores it."""
    data = MINUTES.encode().replace("förklarade".encode(), "förklarade".encode("latin-1"))
    layout = read_bytes(data, "protokoll.txt")
    assert layout.damage == 1
    extraction = extract_document(layout)
    assert extraction.document.repaired == 1
    assert len(extraction.items) == 3


# --- decomposed (NFD) and composed (NFC) letters are the same word ---

def test_nfd_text_is_composed_for_every_text_reader(tmp_path):
    from minutes_archive.samples.model import Para, SampleDoc
    from minutes_archive.samples.write_docx import write_docx

    nfd = _nfd(MINUTES)
    sources = {
        "protokoll.txt": nfd.encode(),
        "protokoll.md": ("# " + nfd).encode(),
        "protokoll.docx": write_docx(SampleDoc([Para(line) for line in nfd.splitlines() if line]),
                                     tmp_path / "p.docx").read_bytes(),
    }
    for name, data in sources.items():
        layout = read_bytes(data, name)
        text = "\n".join(block.text for block in layout.blocks)
        assert unicodedata.is_normalized("NFC", text), name
        assert "Sjöräddningssällskapets" in text, name


def test_nfd_pdf_text_is_composed(tmp_path):
    from minutes_archive.samples.model import Para, SampleDoc
    from minutes_archive.samples.write_pdf import write_pdf

    path = write_pdf(SampleDoc([Para(line) for line in MINUTES.splitlines() if line]), tmp_path / "p.pdf")
    layout = read_bytes(path.read_bytes(), "p.pdf", ocr="never")
    text = "\n".join(block.text for block in layout.blocks)
    assert unicodedata.is_normalized("NFC", text) and "Sjöräddningssällskapets" in text


def test_note_anchors_move_with_composed_text():
    raw = _nfd("Åtgärden för älgstammen beslutades") + " här"
    layout = Layout([Block(raw)], notes=[Note(1, _nfd("Se bilaga för år 2024."), anchor=(0, len(raw) - 4))])
    layout = normalise_layout(layout)
    text = layout.blocks[0].text
    assert text == "Åtgärden för älgstammen beslutades här"
    assert layout.notes[0].anchor == (0, len(text) - 4)
    assert layout.notes[0].text == "Se bilaga för år 2024."


def test_extraction_composes_stored_nfd_blocks():
    """`minutes reextract` reads the blocks as stored: archives imported before NFC are mended by it."""
    blocks = [Block(line) for line in _nfd(MINUTES).splitlines() if line]
    extraction = extract_document(Layout(blocks))
    titles = [item.title for item in extraction.items]
    assert len(titles) == 3
    assert all(unicodedata.is_normalized("NFC", t) for t in titles)
    assert any("Sjöräddningssällskapets" in t for t in titles)


def test_nfd_import_is_found_by_composed_words(tmp_path):
    source = tmp_path / "in" / "protokoll.txt"
    source.parent.mkdir()
    source.write_bytes(_nfd(MINUTES).encode())
    with Archive(tmp_path / "archive") as archive:
        report = archive.import_paths([source.parent], jobs=1)
        assert report["files"][0]["status"] == "imported"
        assert report["files"][0]["items"] == 3
        for word in ("sjöräddningssällskapets", "årsredovisning", "förskoleverksamheten"):
            assert archive.search(word)["hits"], word


# --- files without text say so ---

def _pdf(pages: int) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()


def _blank_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (1240, 1754), 255).save(out, "PNG")
    return out.getvalue()


def test_a_pdf_without_pages_has_no_text():
    with pytest.raises(EmptyFile, match="no text found in empty.pdf: the PDF has no pages"):
        read_bytes(_pdf(0), "empty.pdf")


def test_a_text_file_of_form_feeds_has_no_text():
    with pytest.raises(EmptyFile, match="no text found"):
        read_bytes(b"\f\f\n\f", "sidor.txt")


@needs_tesseract
def test_a_blank_scan_has_no_text():
    with pytest.raises(EmptyFile, match="no text found in blank.png: OCR found none"):
        read_bytes(_blank_png(), "blank.png")
    with pytest.raises(EmptyFile, match="no text found in blank.pdf: its 2 page"):
        read_bytes(_pdf(2), "blank.pdf")


def test_files_without_text_are_reported_not_archived(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.pdf").write_bytes(_pdf(0))
    (folder / "protokoll.txt").write_bytes(_stray(MINUTES.encode(), b"\xff", 20))
    with Archive(tmp_path / "archive") as archive:
        report = archive.import_paths([folder], jobs=1)
        stats = archive.stats()
    files = {f["path"].rsplit("/", 1)[-1]: f for f in report["files"]}
    assert files["empty.pdf"]["status"] == "failed"
    assert files["empty.pdf"]["reason"].startswith("no text found")
    good = files["protokoll.txt"]
    assert good["status"] == "imported" and good["items"] == 3
    assert any("not valid UTF-8" in w for w in good["warnings"])
    assert any("damaged character" in w for w in good["warnings"])
    assert stats["documents"] == 1


@needs_tesseract
def test_a_blank_page_among_text_pages_is_named(tmp_path):
    import pypdfium2 as pdfium

    from minutes_archive.samples.model import Para, SampleDoc
    from minutes_archive.samples.write_pdf import write_pdf

    path = write_pdf(SampleDoc([Para(line) for line in MINUTES.splitlines() if line]), tmp_path / "p.pdf")
    document = pdfium.PdfDocument(path.read_bytes())
    document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    document.close()
    layout = read_bytes(out.getvalue(), "p.pdf")
    assert layout.page_count == 2
    assert "no text found on page(s) 2 (blank, or too faint for OCR)" in layout.warnings
    assert len(extract_document(layout).items) == 3
