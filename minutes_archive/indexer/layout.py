"""The common page/block text that every reader produces.

Structure extraction only ever sees a :class:`Layout`, so txt, docx, pdf and
(later) OCR output are all handled by the same pure functions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse runs of white space; the form quotes are compared in."""
    return _WS.sub(" ", text).strip()


def join_lines(lines: list[str]) -> str:
    """Join the wrapped lines of a paragraph, undoing end-of-line hyphenation ("förhand-" + "lingarna").

    Only between lowercase letters, and never before "och"/"eller": "Kompetens- och" keeps its hyphen.
    """
    out = ""
    for text in lines:
        text = text.strip()
        if not out:
            out = text
        elif re.search(r"[a-zåäö]-$", out) and re.match(r"[a-zåäö]", text) and not re.match(r"(och|eller|samt|and|or)\b", text):
            out = out[:-1] + text
        else:
            out = f"{out} {text}"
    return out


@dataclass
class Block:
    """One paragraph (txt line, docx paragraph or table row, pdf text box)."""

    text: str
    page: int = 1
    kind: str = "paragraph"  # paragraph | heading | table-row
    size: float | None = None
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom
    style: str | None = None
    blank_before: bool = False


@dataclass
class Note:
    """A footnote or endnote, anchored at (block index, character offset)."""

    number: int
    text: str
    page: int = 1
    kind: str = "footnote"
    anchor: tuple[int, int] | None = None


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
    searchable_pdf: bytes | None = None  # the scan with a text layer, for the archive
    warnings: list[str] = field(default_factory=list)

    def pages(self) -> dict[int, list[Block]]:
        out: dict[int, list[Block]] = {}
        for block in self.blocks:
            out.setdefault(block.page, []).append(block)
        return out


def normalise_layout(layout: Layout) -> Layout:
    """Normalise block text and move note anchors with it.

    Readers keep raw text so that anchors can be placed exactly; everything
    downstream wants single spaces.
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
            offset = len(_WS.sub(" ", raw[: note.anchor[1]]).lstrip())
            note.anchor = (index, min(offset, len(text)))
        if not text and index not in anchors:
            continue
        moved[index] = len(kept)
        block.text = text
        kept.append(block)
    for note in layout.notes:
        if note.anchor is not None:
            note.anchor = (moved[note.anchor[0]], note.anchor[1])
        note.text = normalise(note.text)
    layout.blocks = kept
    return layout
