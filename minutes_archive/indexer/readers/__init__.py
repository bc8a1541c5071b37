"""Pick a reader by content, not by file name: a clerk's `.txt` may be anything."""
from __future__ import annotations

from pathlib import Path

from ...errors import EmptyFile, NeedsOCR, UnsupportedFormat
from ..layout import Layout, normalise_layout
from .docx import read_docx
from .pdf import read_pdf
from .txt import read_txt

TEXT_SUFFIXES = {".txt", ".text", ".md"}
IMAGE_SUFFIXES = {".tif", ".tiff", ".png", ".jpg", ".jpeg"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf"} | IMAGE_SUFFIXES
_IMAGE_MAGIC = (b"II*\x00", b"MM\x00*", b"\x89PNG", b"\xff\xd8\xff")


def sniff(data: bytes, suffix: str) -> str:
    """Return "pdf", "docx", "image" or "txt"."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or suffix == ".docx":
            return "docx"
        raise UnsupportedFormat(f"this zip file is not a Word .docx document ({suffix or 'no extension'}).")
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".docx":
        return "docx"
    if suffix in TEXT_SUFFIXES or not suffix:
        return "txt"
    raise UnsupportedFormat(f"files of type {suffix} are not supported yet.")


def read_bytes(data: bytes, name: str = "file") -> Layout:
    """Read any supported file into the common layout, anchors normalised."""
    if not data:
        raise EmptyFile(f"{name} is empty (0 bytes).")
    kind = sniff(data, Path(name).suffix.lower())
    if kind == "image":
        raise NeedsOCR(f"{name} is an image of text; it needs OCR.")
    reader = {"pdf": read_pdf, "docx": read_docx, "txt": read_txt}[kind]
    return normalise_layout(reader(data, name))


def read_path(path: str | Path) -> Layout:
    path = Path(path)
    return read_bytes(path.read_bytes(), path.name)
