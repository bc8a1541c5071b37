"""Everything extracted from one layout: structure first, then the entities that live in it.

Text damaged by a wrong encoding (U+FFFD for å, ä, ö, §) is mended before extraction, so headings, decisions
and names are found in it; the records that quote the minutes then take their text back from the source as
archived, which the mending left in place character for character.
"""
from __future__ import annotations

from dataclasses import replace

from ..archive.model import Extraction
from .entities.extract import extract_entities
from .layout import Layout
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
    """Quote-bearing texts as the source has them: each is found in the mended document at the same place."""
    source_text = "\n".join([b.text for b in source.blocks] + [n.text for n in source.notes])
    mended_text = "\n".join([b.text for b in mended.blocks] + [n.text for n in mended.notes])

    def back(text: str) -> str:
        at = mended_text.find(text) if text else -1
        return source_text[at: at + len(text)] if at >= 0 else text

    doc = extraction.document
    return replace(
        extraction,
        document=replace(doc, preamble=back(doc.preamble), closing=back(doc.closing)),
        items=[replace(i, title=back(i.title), text=back(i.text)) for i in extraction.items],
        decisions=[replace(d, text=back(d.text)) for d in extraction.decisions],
        footnotes=[replace(f, text=back(f.text)) for f in extraction.footnotes],
        attachments=[replace(a, title=back(a.title), text=back(a.text)) for a in extraction.attachments],
    )


def extract_document(layout: Layout, doc_id: str = "", sha256: str = "", source_name: str = "") -> Extraction:
    if not any(MARK in b.text for b in layout.blocks) and not any(MARK in n.text for n in layout.notes):
        return extract_entities(extract(layout, doc_id, sha256, source_name))
    mended, restored = _mended(layout)
    extraction = extract_entities(extract(mended, doc_id, sha256, source_name))
    extraction = _as_archived(extraction, layout, mended)
    extraction.document.repaired = restored
    return extraction
