"""Pick a reader by content, not by file name: a clerk's `.txt` may be anything."""
from __future__ import annotations

from pathlib import Path

from ...errors import EmptyFile, NeedsOCR, UnsupportedFormat
from ..layout import Layout, normalise_layout
from .docx import read_docx
from .legacy import LEGACY_SUFFIXES, read_legacy
from .markup import MARKUP_SUFFIXES, read_markup
from .markup.markdown import looks_like_markdown, read_markdown
from .ocr import DEFAULT_LANG
from .pdf import read_pdf
from .txt import decode, read_text

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
    if kind == "image":
        if ocr == "never":
            raise NeedsOCR(f"{name} is an image of text; it needs OCR.")
        from .ocr import file_images
        from .scanned import scanned_layout

        return normalise_layout(scanned_layout(file_images(data), suffix.lstrip(".") or "image", lang))
    if kind == "pdf":
        return normalise_layout(_read_pdf(data, name, ocr, lang))
    if kind == "legacy":
        return normalise_layout(read_legacy(data, suffix if suffix in LEGACY_SUFFIXES else ".odt", name))
    if kind == "docx":
        return normalise_layout(read_docx(data, name))
    text, encoding = decode(data, name)
    if kind == "markup":
        layout = read_markup(text, suffix)
    elif looks_like_markdown(text):  # a .txt of notes written with Markdown headings
        layout = read_markdown(text, loose=True)
    else:
        return normalise_layout(read_text(text, encoding))
    layout.encoding, layout.damage = encoding, text.count("\ufffd")
    return normalise_layout(layout)


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
