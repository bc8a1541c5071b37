"""Pick a reader by content, not by file name: a clerk's `.txt` may be anything."""
from __future__ import annotations

from pathlib import Path

from ...errors import EmptyFile, NeedsOCR, UnsupportedFormat
from ...records.layout import Layout, normalise_layout
from .docx import read_docx
from .legacy import LEGACY_SUFFIXES, read_legacy
from .markup import MARKUP_SUFFIXES, read_markup
from .markup.markdown import looks_like_markdown, read_markdown
from .ocr import DEFAULT_LANG
from .pdf import read_pdf
from .txt import decode_text, read_text

TEXT_SUFFIXES = {".txt", ".text"}
IMAGE_SUFFIXES = {".tif", ".tiff", ".png", ".jpg", ".jpeg"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKUP_SUFFIXES | {".docx", ".pdf"} | IMAGE_SUFFIXES | LEGACY_SUFFIXES
OCR_MODES = ("auto", "always", "never")
_IMAGE_MAGIC = (b"II*\x00", b"MM\x00*", b"\x89PNG", b"\xff\xd8\xff")


def sniff(data: bytes, suffix: str) -> str:
    """Return "pdf", "docx", "image", "legacy", "markup" or "txt"."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if suffix == ".odt" or b"opendocument.text" in data[:200]:
            return "legacy"
        if b"word/" in data[:65536] or suffix == ".docx":
            return "docx"
        raise UnsupportedFormat(f"this zip file is not a Word .docx document ({suffix or 'no extension'}).")
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    if suffix in LEGACY_SUFFIXES:
        return "legacy"
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".docx":
        return "docx"
    if suffix in MARKUP_SUFFIXES:
        return "markup"
    if suffix in TEXT_SUFFIXES or not suffix:
        return "txt"
    if suffix in IMAGE_SUFFIXES:
        raise UnsupportedFormat(f"named {suffix} but not an image it can read (damaged, or another format).")
    raise UnsupportedFormat(f"files of type {suffix} are not supported yet.")


def read_bytes(data: bytes, name: str = "file", ocr: str = "auto", lang: str = DEFAULT_LANG) -> Layout:
    """Read any supported file into the common layout, anchors normalised.

    `ocr`: "auto" reads scans and PDF pages without a text layer with OCR, "always" OCRs every PDF
    page, "never" reports such files as needing OCR.
    """
    if ocr not in OCR_MODES:
        raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, not {ocr!r}")
    if not data:
        raise EmptyFile(f"{name} is empty (0 bytes).")
    suffix = Path(name).suffix.lower()
    kind = sniff(data, suffix)
    return _with_text(normalise_layout(_read(data, name, kind, suffix, ocr, lang)), name, kind)


def _read(data: bytes, name: str, kind: str, suffix: str, ocr: str, lang: str) -> Layout:
    if kind == "image":
        if ocr == "never":
            raise NeedsOCR(f"{name} is an image of text; it needs OCR.")
        from .ocr import file_images
        from .scanned import scanned_layout

        return scanned_layout(file_images(data), suffix.lstrip(".") or "image", lang)
    if kind == "pdf":
        return _read_pdf(data, name, ocr, lang)
    if kind == "legacy":
        return read_legacy(data, suffix if suffix in LEGACY_SUFFIXES else ".odt", name)
    if kind == "docx":
        return read_docx(data, name)
    decoded = decode_text(data, name)
    text, encoding = decoded.text, decoded.encoding
    if kind == "markup":
        layout = read_markup(text, suffix)
    elif looks_like_markdown(text):  # a .txt of notes written with Markdown headings
        layout = read_markdown(text, loose=True)
    else:
        layout = read_text(text, encoding)
    layout.encoding, layout.damage = encoding, text.count("\ufffd")
    layout.warnings += decoded.warnings
    return layout


# Why a file gave no text at all, by the kind it was read as.
_NO_TEXT = {
    "pdf": "its {pages} page(s) hold no text layer and OCR found none (blank or unreadable pages)",
    "image": "OCR found none in the image (a blank or unreadable scan)",
}


def _with_text(layout: Layout, name: str, kind: str) -> Layout:
    """The layout, or EmptyFile when it holds no text at all.

    An empty PDF or a blank scan would otherwise become an empty document with no items and no warning; it is
    reported as failed with "no text found", the same status an empty text file gets, and nothing is archived.
    """
    if any(block.text for block in layout.blocks) or any(note.text for note in layout.notes):
        return layout
    if kind == "pdf" and layout.page_count == 0:
        why = "the PDF has no pages"
    else:
        why = _NO_TEXT.get(kind, "the file holds none").format(pages=layout.page_count)
    raise EmptyFile(f"no text found in {name}: {why}; it was not imported.")


def _read_pdf(data: bytes, name: str, ocr: str, lang: str) -> Layout:
    from .ocr import pdf_images
    from .scanned import fill_empty_pages, scanned_layout

    if ocr == "always":
        return scanned_layout(pdf_images(data), "pdf", lang)
    try:
        layout = read_pdf(data, name)
    except NeedsOCR as exc:
        if ocr == "never":
            raise
        layout = scanned_layout(pdf_images(data), "pdf", lang)
        layout.warnings += exc.page_reasons
        return layout
    if layout.empty_pages and ocr == "auto":
        return fill_empty_pages(layout, data, lang)
    return layout


def read_path(path: str | Path, ocr: str = "auto", lang: str = DEFAULT_LANG) -> Layout:
    path = Path(path)
    return read_bytes(path.read_bytes(), path.name, ocr, lang)
