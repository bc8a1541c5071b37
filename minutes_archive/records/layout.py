"""The common page/block text that every reader produces.

Structure extraction only ever sees a :class:`Layout`, so txt, docx, markup, pdf and
OCR output are all handled by the same pure functions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .text import collapse, composed, normalise

def join_lines(lines: list[str]) -> str:
    """Join the wrapped lines of a paragraph, undoing end-of-line hyphenation ("förhand-" + "lingarna").

    Only between lowercase letters, and never before "och"/"eller": "Kompetens- och" keeps its hyphen.
    """
    out = ""
    for text in lines:
        text = text.strip()
        if not out:
            out = text
        elif re.fullmatch(r"[a-zåäö]-", out[-2:]) and re.match(r"[a-zåäö]", text) and not re.match(r"(och|eller|samt|and|or)\b", text):
            out = out[:-1] + text
        else:
            out = f"{out} {text}"
    return out


BLOCK_KINDS = ("paragraph", "heading", "table-row", "list-item", "code")


@dataclass
class Block:
    """One paragraph (txt line, docx paragraph or table row, pdf or OCR paragraph, markup element).

    Readers say what the layout shows, so that structure extraction can tell a heading from the start of a
    paragraph: `lead` is where the block's first line (or its first differently styled run) ends, `indent`
    where the block starts from the left, `level` a heading's level in markup and Word styles.
    """

    text: str
    page: int = 1
    kind: str = "paragraph"  # one of BLOCK_KINDS
    size: float | None = None
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom
    style: str | None = None
    blank_before: bool = False
    level: int | None = None
    indent: float | None = None  # where the block starts, as a share of the page width (of 80 columns in plain text)
    bold: bool = False
    lead: int | None = None  # end of the first line or run in `text`; None when the block is one line
    cells: list[str] | None = None  # a table row's cells


@dataclass
class Note:
    """A footnote or endnote, anchored at (block index, character offset)."""

    number: int
    text: str
    page: int = 1
    kind: str = "footnote"
    anchor: tuple[int, int] | None = None


class OcrWord(NamedTuple):
    """One word as OCR read it, kept so that a hit can be shown on the scan: its box is a share (0..1) of the
    page image Tesseract read (the searchable copy's page), so it fits that page at any rendering size."""

    page: int
    text: str
    box: tuple[float, float, float, float]  # x0, top, x1, bottom
    confidence: float  # 0-100, as Tesseract gives it


@dataclass
class Layout:
    blocks: list[Block]
    notes: list[Note] = field(default_factory=list)
    page_count: int = 1
    format: str = "txt"
    encoding: str | None = None
    damage: int = 0  # U+FFFD characters found in the source
    furniture: list[str] = field(default_factory=list)  # removed headers/footers
    empty_pages: list[int] = field(default_factory=list)  # pages with no text layer
    ocr_confidence: dict[int, float] = field(default_factory=dict)  # page -> mean word confidence (0-100)
    # The scan with a text layer, for the archive: a finished file in the OCR temp folder (readers/ocr.py
    # scratch_folder), not bytes, so a long scan's copy never sits in memory; the importer moves it in.
    searchable_pdf: Path | None = None
    warnings: list[str] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)  # front matter and the like: title, date, numbering
    page_sources: dict[int, str] = field(default_factory=dict)  # page -> how it was read (see PAGE_SOURCES)
    words: list[OcrWord] = field(default_factory=list)  # the OCR'd pages' words with their boxes

    def pages(self) -> dict[int, list[Block]]:
        out: dict[int, list[Block]] = {}
        for block in self.blocks:
            out.setdefault(block.page, []).append(block)
        return out


PAGE_SOURCES = {
    "text": "the text layer",
    "pdfium": "pdfium's text (the text layer could not be trusted)",
    "ocr": "OCR",
}


def _moved_offset(raw: str, offset: int, text: str) -> int:
    """Where `offset` in `raw` lands once white space is collapsed."""
    return min(len(collapse(raw[:offset]).lstrip()), len(text))


def normalise_layout(layout: Layout) -> Layout:
    """Normalise block text and move note anchors with it.

    Readers keep raw text so that anchors can be placed exactly; everything
    downstream wants single spaces and composed (NFC) letters. Every reader's
    layout passes through here, so decomposed and composed å/ä/ö are one word
    whatever the source format.
    """
    anchors: dict[int, list[Note]] = {}
    for note in layout.notes:
        if note.anchor is not None:
            anchors.setdefault(note.anchor[0], []).append(note)
    kept: list[Block] = []
    moved: dict[int, int] = {}
    for index, block in enumerate(layout.blocks):
        raw = block.text
        text = normalise(raw)
        for note in anchors.get(index, []):
            note.anchor = (index, _moved_offset(raw, note.anchor[1], text))
        if not text and index not in anchors:
            continue
        moved[index] = len(kept)
        if block.lead is not None:
            lead = _moved_offset(raw, block.lead, text)
            block.lead = lead if 0 < lead < len(text) else None
        if block.cells is not None:
            block.cells = [normalise(c) for c in block.cells]
        block.text = text
        kept.append(block)
    for note in layout.notes:
        if note.anchor is not None:
            note.anchor = (moved[note.anchor[0]], note.anchor[1])
        note.text = normalise(note.text)
    layout.blocks = kept
    layout.properties = {key: composed(value) if isinstance(value, str) else value
                         for key, value in layout.properties.items()}
    layout.furniture = [composed(line) for line in layout.furniture]
    return layout
