"""Everything extracted from one layout: structure first, then the entities that live in it.

Text damaged by a wrong encoding (U+FFFD for å, ä, ö, §) is mended before extraction, so headings, decisions
and names are found in it; the records that quote the minutes then take their text back from the source as
archived, which the mending left in place character for character.

Text is composed (NFC) here as well as in the readers, so that `minutes reextract` also mends archives whose
blocks were stored decomposed (NFD) before the readers composed them.
"""
from __future__ import annotations

from dataclasses import replace

from ..records.model import Extraction
from .entities.extract import extract_entities
from ..records.layout import Layout
from ..records.text import composed
from .repair import MARK, restore
from .structure import extract


def _mended(layout: Layout) -> tuple[Layout, int]:
    restored = 0
    blocks, notes = [], []
    for block in layout.blocks:
        repair = restore(block.text)
        restored += repair.restored
        blocks.append(replace(block, text=repair.text))
    for note in layout.notes:
        repair = restore(note.text)
        restored += repair.restored
        notes.append(replace(note, text=repair.text))
    return replace(layout, blocks=blocks, notes=notes), restored


def _as_archived(extraction: Extraction, source: Layout, mended: Layout) -> Extraction:
    """Quote-bearing texts as the source has them: each is found in the mended document in document order and
    the same span taken from the source, so a passage that occurs twice is mapped where it belongs."""
    blocks_end = len("\n".join(b.text for b in mended.blocks))
    source_text = "\n".join([b.text for b in source.blocks] + [n.text for n in source.notes])
    mended_text = "\n".join([b.text for b in mended.blocks] + [n.text for n in mended.notes])

    def back(text: str, start: int) -> tuple[str, int]:
        """The source's span for `text` found from `start`, and where it ends."""
        at = mended_text.find(text, start) if text else -1
        if at < 0:
            return text, start
        return source_text[at: at + len(text)], at + len(text)

    doc = extraction.document
    preamble, cursor = back(doc.preamble, 0)
    items, regions = [], {}
    for item in extraction.items:
        title, after_title = back(item.title, cursor)
        text, end = back(item.text, after_title if item.title else cursor)
        regions[item.id] = after_title
        cursor = max(cursor, end)
        items.append(replace(item, title=title, text=text))
    closing, cursor = back(doc.closing, cursor)
    attachments = []
    for attachment in extraction.attachments:
        title, after = back(attachment.title, cursor)
        text, cursor = back(attachment.text, after)
        attachments.append(replace(attachment, title=title, text=text))
    notes_start = blocks_end
    footnotes = []
    for footnote in extraction.footnotes:
        text, notes_start = back(footnote.text, notes_start)
        footnotes.append(replace(footnote, text=text))
    return replace(
        extraction,
        document=replace(doc, preamble=preamble, closing=closing),
        items=items,
        decisions=[replace(d, text=back(d.text, regions.get(d.item_id, 0))[0]) for d in extraction.decisions],
        footnotes=footnotes,
        attachments=attachments,
    )


def _composed(layout: Layout) -> Layout:
    """The layout in NFC, note anchors moved with the text they point into; the same layout when it already is."""
    if all(composed(b.text) == b.text for b in layout.blocks) and all(composed(n.text) == n.text for n in layout.notes):
        return layout
    notes = []
    for note in layout.notes:
        anchor = note.anchor
        if anchor is not None and 0 <= anchor[0] < len(layout.blocks):
            anchor = (anchor[0], len(composed(layout.blocks[anchor[0]].text[: anchor[1]])))
        notes.append(replace(note, text=composed(note.text), anchor=anchor))
    blocks = [replace(b, text=composed(b.text), lead=None if b.lead is None else len(composed(b.text[: b.lead])),
                      cells=None if b.cells is None else [composed(c) for c in b.cells]) for b in layout.blocks]
    return replace(layout, blocks=blocks, notes=notes)


def extract_document(layout: Layout, doc_id: str = "", sha256: str = "", source_name: str = "") -> Extraction:
    layout = _composed(layout)
    if not any(MARK in b.text for b in layout.blocks) and not any(MARK in n.text for n in layout.notes):
        return extract_entities(extract(layout, doc_id, sha256, source_name))
    mended, restored = _mended(layout)
    extraction = extract_entities(extract(mended, doc_id, sha256, source_name))
    extraction = _as_archived(extraction, layout, mended)
    extraction.document.repaired = restored
    return extraction
