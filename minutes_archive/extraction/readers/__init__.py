"""Pick a reader by content, not by file name: a clerk's `.txt` may be anything.

`READERS` is the one table of file types: what each is called, the names and the bytes that claim a file for it, how
it is read, and what the OCR mode does to it. Sniffing, the importer's list of suffixes and the reading itself walk
it, so a new type is one entry.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from ...errors import EmptyFile, NeedsOCR, UnsupportedFormat
from ...records.layout import Layout, normalise_layout
from .docx import read_docx
from .legacy import LEGACY_SUFFIXES, read_legacy
from .markup import MARKUP_SUFFIXES, read_markup
from .markup.markdown import looks_like_markdown, read_markdown
from .ocr import DEFAULT_LANG
from .pdf import DEFAULT_ENGINE, check_engine, read_pdf
from .txt import decode_text, read_text

TEXT_SUFFIXES = {".txt", ".text"}
IMAGE_SUFFIXES = {".tif", ".tiff", ".png", ".jpg", ".jpeg"}
OCR_MODES = ("auto", "always", "never")
_IMAGE_MAGIC = (b"II*\x00", b"MM\x00*", b"\x89PNG", b"\xff\xd8\xff")
_ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class Source:
    """One file on its way to a reader, with the caller's OCR wishes."""

    data: bytes
    name: str
    suffix: str
    ocr: str
    lang: str
    pdf_engine: str = DEFAULT_ENGINE  # which text engine reads a born-digital PDF: pdfium or pdfminer


@dataclass(frozen=True)
class Reader:
    """One file type. `content` claims a file by its bytes (it may raise for bytes that are almost this type);
    `suffixes` claim it by name when no entry's content does. `misnamed`, when set, is the complaint for a file
    whose name claims this type but whose bytes do not: an image cannot be trusted by name alone."""

    kind: str
    suffixes: frozenset[str]
    read: Callable[[Source], Layout]
    content: Optional[Callable[[bytes, str], bool]] = None
    misnamed: Optional[str] = None
    unnamed: bool = False  # a file without a suffix is read as this type
    ocr: str = "none"  # none: the mode changes nothing; pages: text-less pages only; whole: the file is a scan
    no_text: Callable[[Layout], str] = lambda layout: "the file holds none"


def _is_pdf(data: bytes, suffix: str) -> bool:
    return b"%PDF-" in data[:1024]


def _is_odt(data: bytes, suffix: str) -> bool:
    return data.startswith(_ZIP) and (suffix == ".odt" or b"opendocument.text" in data[:200])


def _is_docx(data: bytes, suffix: str) -> bool:
    """Any other zip is a docx or nothing we read (the ODF zip was claimed by the entry before)."""
    if not data.startswith(_ZIP):
        return False
    if b"word/" in data[:65536] or suffix == ".docx":
        return True
    raise UnsupportedFormat(f"this zip file is not a Word .docx document ({suffix or 'no extension'}).")


def _is_image(data: bytes, suffix: str) -> bool:
    return data.startswith(_IMAGE_MAGIC)


def _read_image(source: Source) -> Layout:
    if source.ocr == "never":
        raise NeedsOCR(f"{source.name} is an image of text; it needs OCR.")
    from .ocr import file_images
    from .scanned import scanned_layout

    return scanned_layout(file_images(source.data), source.suffix.lstrip(".") or "image", source.lang)


def _read_pdf(source: Source) -> Layout:
    from .ocr import pdf_images
    from .scanned import fill_empty_pages, scanned_layout

    data, lang = source.data, source.lang
    if source.ocr == "always":
        return scanned_layout(pdf_images(data), "pdf", lang)
    try:
        layout = read_pdf(data, source.name, source.pdf_engine)
    except NeedsOCR as exc:
        if source.ocr == "never":
            raise
        layout = scanned_layout(pdf_images(data), "pdf", lang)
        layout.warnings += exc.page_reasons
        return layout
    if layout.empty_pages and source.ocr == "auto":
        return fill_empty_pages(layout, data, lang)
    return layout


def _read_legacy(source: Source) -> Layout:
    suffix = source.suffix if source.suffix in LEGACY_SUFFIXES else ".odt"  # an ODF zip under another name
    return read_legacy(source.data, suffix, source.name)


def _read_docx(source: Source) -> Layout:
    return read_docx(source.data, source.name)


def _decoded(source: Source, read: Callable[[str], Layout]) -> Layout:
    """Text formats share decoding: its encoding, damage and warnings travel with the layout."""
    decoded = decode_text(source.data, source.name)
    text, encoding = decoded.text, decoded.encoding
    layout = read(text, encoding)
    layout.encoding, layout.damage = encoding, text.count("\ufffd")
    layout.warnings += decoded.warnings
    return layout


def _read_markup(source: Source) -> Layout:
    return _decoded(source, lambda text, encoding: read_markup(text, source.suffix))


def _read_txt(source: Source) -> Layout:
    def read(text: str, encoding: str) -> Layout:
        if looks_like_markdown(text):  # a .txt of notes written with Markdown headings
            return read_markdown(text, loose=True)
        return read_text(text, encoding)

    return _decoded(source, read)


def _pdf_no_text(layout: Layout) -> str:
    if layout.page_count == 0:
        return "the PDF has no pages"
    return f"its {layout.page_count} page(s) hold no text layer and OCR found none (blank or unreadable pages)"


# In order of precedence: content beats the name (a .txt holding a PDF is a PDF), and an ODF zip is claimed
# before the docx entry turns every other zip away.
READERS: tuple[Reader, ...] = (
    Reader("pdf", frozenset({".pdf"}), _read_pdf, content=_is_pdf, ocr="pages", no_text=_pdf_no_text),
    Reader("legacy", frozenset(LEGACY_SUFFIXES), _read_legacy, content=_is_odt),
    Reader("docx", frozenset({".docx"}), _read_docx, content=_is_docx),
    Reader("image", frozenset(IMAGE_SUFFIXES), _read_image, content=_is_image, ocr="whole",
           misnamed="named {suffix} but not an image it can read (damaged, or another format).",
           no_text=lambda layout: "OCR found none in the image (a blank or unreadable scan)"),
    Reader("markup", frozenset(MARKUP_SUFFIXES), _read_markup),
    Reader("txt", frozenset(TEXT_SUFFIXES), _read_txt, unnamed=True),
)
SUPPORTED_SUFFIXES = set().union(*(reader.suffixes for reader in READERS))


def reader_for(data: bytes, suffix: str, readers: tuple[Reader, ...] = READERS) -> Reader:
    """The entry that reads these bytes: the first whose content test claims them, else the one the name gives."""
    for reader in readers:
        if reader.content is not None and reader.content(data, suffix):
            return reader
    for reader in readers:
        if suffix in reader.suffixes or (reader.unnamed and not suffix):
            if reader.misnamed:
                raise UnsupportedFormat(reader.misnamed.format(suffix=suffix))
            return reader
    raise UnsupportedFormat(f"files of type {suffix} are not supported yet.")


def sniff(data: bytes, suffix: str, readers: tuple[Reader, ...] = READERS) -> str:
    """Return the kind of the entry that reads these bytes: "pdf", "docx", "image", "legacy", "markup" or "txt"."""
    return reader_for(data, suffix, readers).kind


def read_bytes(data: bytes, name: str = "file", ocr: str = "auto", lang: str = DEFAULT_LANG,
               readers: tuple[Reader, ...] = READERS, pdf_engine: str = DEFAULT_ENGINE) -> Layout:
    """Read any supported file into the common layout, anchors normalised.

    `ocr`: "auto" reads scans and PDF pages without a text layer with OCR, "always" OCRs every PDF
    page, "never" reports such files as needing OCR. `pdf_engine`: "pdfium" or "pdfminer" reads the text layer
    of a born-digital PDF, the other one the pages the first cannot read.
    """
    if ocr not in OCR_MODES:
        raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, not {ocr!r}")
    check_engine(pdf_engine)
    if not data:
        raise EmptyFile(f"{name} is empty (0 bytes).")
    suffix = Path(name).suffix.lower()
    reader = reader_for(data, suffix, readers)
    layout = normalise_layout(reader.read(Source(data, name, suffix, ocr, lang, pdf_engine)))
    return _with_text(layout, name, reader)


def _with_text(layout: Layout, name: str, reader: Reader) -> Layout:
    """The layout, or EmptyFile when it holds no text at all.

    An empty PDF or a blank scan would otherwise become an empty document with no items and no warning; it is
    reported as failed with "no text found", the same status an empty text file gets, and nothing is archived.
    """
    if any(block.text for block in layout.blocks) or any(note.text for note in layout.notes):
        return layout
    raise EmptyFile(f"no text found in {name}: {reader.no_text(layout)}; it was not imported.")


def read_path(path: str | Path, ocr: str = "auto", lang: str = DEFAULT_LANG,
              pdf_engine: str = DEFAULT_ENGINE) -> Layout:
    path = Path(path)
    return read_bytes(path.read_bytes(), path.name, ocr, lang, pdf_engine=pdf_engine)
