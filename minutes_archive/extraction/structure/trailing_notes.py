"""Footnotes of text exported from Word, where the reference marks were lost.

The notes follow a ``---`` line and start with U+FFFD; each note's anchor
survives only as a line break in the middle of a sentence, in order.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ...records.layout import Block, Layout, Note

SEPARATORS = {"___"}
_RULE = re.compile(r"^([-=*~])(?:\1{2,}|(?: \1){2,})$")  # "---", "=====", "* * *"; not "----   ----" (a table's rule)
MARK = "\ufffd"
_CONTINUES = re.compile(r"^[a-zåäöéü,.;:)]")


def is_separator(block: Block) -> bool:
    """A rule across the page ("---", "=====", "* * *"); signature lines of underscores are not one."""
    text = block.text.strip()
    return text in SEPARATORS or bool(_RULE.match(text))


def split_trailing_notes(blocks: list[Block]) -> tuple[list[Block], list[Note]]:
    """Take the marked notes out of the blocks and re-join their anchor line breaks."""
    try:
        separator = next(i for i, b in enumerate(blocks) if is_separator(b))
    except StopIteration:
        return blocks, []
    kept = blocks[: separator + 1]
    notes: list[Note] = []
    in_note = False
    for block in blocks[separator + 1:]:
        text = block.text.strip()
        if text.startswith(MARK):
            notes.append(Note(len(notes) + 1, text.lstrip(MARK).strip(), page=block.page))
            in_note = True
        elif in_note and not block.blank_before:
            notes[-1].text = f"{notes[-1].text} {text}"
        else:
            in_note = False
            kept.append(block)
    if not notes:
        return blocks, []
    return _join_anchor_breaks(kept, notes)


def _join_anchor_breaks(blocks: list[Block], notes: list[Note]) -> tuple[list[Block], list[Note]]:
    out: list[Block] = []
    pending = list(notes)
    for block in map(replace, blocks):
        previous = out[-1] if out else None
        if (
            pending
            and previous is not None
            and not block.blank_before
            and not is_separator(block)
            and not is_separator(previous)
            and _CONTINUES.match(block.text)
            and not re.search(r"[.!?:;]$", previous.text)
        ):
            note = pending.pop(0)
            note.anchor = (len(out) - 1, len(previous.text))
            glue = " " if block.text[0].isalnum() else ""
            previous.text = f"{previous.text}{glue}{block.text}"
            continue
        out.append(block)
    return out, notes


def prepare_layout(layout: Layout) -> Layout:
    """The layout with txt-export notes taken out of the body; a no-op when notes are known."""
    if layout.notes:
        return layout
    blocks, notes = split_trailing_notes(layout.blocks)
    return replace(layout, blocks=blocks, notes=notes) if notes else layout
