"""Layouts from scanned pages: OCR, repair, page furniture removed, confidence kept per page."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from PIL import Image

from ...records.layout import Block, Layout
from .furniture import PageLine, furniture
from .ocr import DEFAULT_LANG, OcrPage, merge_pdfs, ocr_image, page_blocks, scratch_folder, tesseract_available
from .ocr_repair import repair_item_numbers


def ocr_pages(images: Iterable[tuple[int, Image.Image]], lang: str = DEFAULT_LANG, spool: Path | None = None
              ) -> list[OcrPage]:
    """Pages OCR'd one at a time as `images` renders them, each image let go once read.

    With `spool`, each page's PDF (its image with a text layer, most of a page's weight) goes to a file there
    instead of staying in memory, so a long scan costs memory for its text only: what a page keeps is its
    lines (text and positions) and, after furniture removal, its blocks.
    """
    tesseract_available(lang)
    pages = []
    for number, image in images:
        page = ocr_image(image, number, lang)
        del image  # the next page is rendered only after this one is gone
        if spool is not None:
            path = spool / f"page-{number}.pdf"
            path.write_bytes(page.pdf)
            page.pdf = path
        pages.append(page)
    lines = [PageLine(p.number, line.text, line.top) for p in pages for line in p.lines]
    drop = furniture(lines)
    at = 0
    for page in pages:
        own = {i - at for i in drop if at <= i < at + len(page.lines)}
        at += len(page.lines)
        page.blocks = page_blocks(page, own)
        for block, text in zip(page.blocks, repair_item_numbers([b.text for b in page.blocks])):
            block.text = text
    return pages


def blank_pages(pages: list[OcrPage]) -> list[str]:
    """A warning for scanned pages where OCR found no text: a blank page, or one too faint to read."""
    blank = [str(p.number) for p in pages if not any(b.text.strip() for b in p.blocks)]
    return [f"no text found on page(s) {', '.join(blank)} (blank, or too faint for OCR)"] if blank else []


def scanned_layout(images: Iterable[tuple[int, Image.Image]], fmt: str, lang: str = DEFAULT_LANG) -> Layout:
    with tempfile.TemporaryDirectory(prefix="spool-", dir=scratch_folder()) as spool:
        pages = ocr_pages(images, lang, Path(spool))
        searchable = merge_pdfs([(p.pdf, None) for p in pages], _searchable_path())
    return Layout(
        blocks=[b for p in pages for b in p.blocks],
        page_count=len(pages),
        format=fmt,
        ocr_confidence={p.number: p.confidence for p in pages},
        page_sources={p.number: "ocr" for p in pages},
        searchable_pdf=searchable,
        warnings=blank_pages(pages),
        words=[w for p in pages for w in p.words],
    )


def _searchable_path() -> Path:
    """A new file name in this process's OCR folder for the searchable copy; the importer moves it into the
    archive (BlobStore.put_file), and the folder is removed with the worker whatever happens."""
    fd, name = tempfile.mkstemp(prefix="searchable-", suffix=".pdf", dir=scratch_folder())
    os.close(fd)
    os.unlink(name)  # merge_pdfs starts a new file
    return Path(name)


def fill_empty_pages(layout: Layout, data: bytes, lang: str = DEFAULT_LANG) -> Layout:
    """OCR the pages of a PDF that had no text layer and put their text where those pages were."""
    from .ocr import pdf_images

    with tempfile.TemporaryDirectory(prefix="spool-", dir=scratch_folder()) as spool:
        pages = {p.number: p for p in ocr_pages(pdf_images(data, layout.empty_pages), lang, Path(spool))}
        searchable = merge_pdfs([(pages[n].pdf, None) if n in pages else (data, n - 1)
                                 for n in range(1, layout.page_count + 1)], _searchable_path())
    blocks: list[Block] = []
    for number in range(1, layout.page_count + 1):
        blocks += pages[number].blocks if number in pages else [b for b in layout.blocks if b.page == number]
    index = {id(b): i for i, b in enumerate(blocks)}
    old = {i: id(b) for i, b in enumerate(layout.blocks)}
    for note in layout.notes:
        if note.anchor is not None:
            note.anchor = (index[old[note.anchor[0]]], note.anchor[1])
    layout.blocks = blocks
    layout.ocr_confidence = {n: p.confidence for n, p in pages.items()}
    layout.page_sources.update({n: "ocr" for n in pages})
    layout.searchable_pdf = searchable
    layout.words = [w for n in sorted(pages) for w in pages[n].words]
    layout.warnings = [w if "pdfium's text is no better" not in w else f"{w}; read with OCR"
                       for w in layout.warnings if "need OCR" not in w] + blank_pages(list(pages.values()))
    layout.empty_pages = []
    return layout
