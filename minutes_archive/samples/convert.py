"""Any layout (a seed txt, say) as a sample document, so it can be written in another format."""
from __future__ import annotations

from ..records.layout import Layout
from ..extraction.structure.markers import parse_marker
from ..extraction.structure.trailing_notes import prepare_layout
from .model import Para, SampleDoc


def sample_from_layout(layout: Layout, header: str | None = None) -> SampleDoc:
    layout = prepare_layout(layout)
    paras = [Para(block.text, heading=parse_marker(block.text) is not None and len(block.text) < 100) for block in layout.blocks]
    for note in layout.notes:
        if note.anchor is not None:
            block, offset = note.anchor
            paras[block].notes.append((offset, note.text))
    return SampleDoc(paras, header=header)
