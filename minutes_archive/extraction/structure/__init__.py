"""Structure extraction: a layout in, items, decisions, footnotes and attachments out.

Everything here is pure so it can be tested on text alone and re-run from
the catalog's stored blocks without touching the original files.
"""
from __future__ import annotations

from ...records import ids
from ...records.model import Attachment, Decision, Document, Extraction, Footnote, Item
from ...records.layout import Block, Layout
from .attachments import draft_attachment, is_attachment_start, is_banner, related_item
from .decisions import find_decisions
from .headings import Heading, find_headings
from .language import detect_language
from .markers import parse_marker
from .metadata import extract_metadata, is_signature_line
from .prose import prose_items
from .trailing_notes import is_separator, prepare_layout

ANCHOR_CONTEXT = 60
CLOSING_LINE = 160  # signature blocks are short lines: names, titles, places and dates


def _main_end(blocks: list[Block], probe: list[Heading]) -> int:
    """Where the minutes stop and attachments begin: at a rule or an attachment heading after which no item follows.

    An attachment heading counts after the first line that could be an item, so that an appendix's own numbered
    sections are never taken for the minutes' items."""
    starts = [i for i, b in enumerate(blocks) if b.kind == "heading" and b.level is not None]
    starts += [i for i, b in enumerate(blocks) if b.kind != "code" and (m := parse_marker(b.text)) is not None and m.top]
    first_item = min(starts, default=probe[0].block if probe else None)
    last_item = max((h.block for h in probe if h.parent is None), default=-1)
    for index, block in enumerate(blocks):
        if is_separator(block):
            following = next((b.text for b in blocks[index + 1:] if not is_separator(b)), "")
            marker = parse_marker(following)
            if (marker and marker.scheme in ("paragraph", "word")) or index < last_item:
                continue  # a decorative rule between items
            if first_item is None or index > first_item:
                return index
            continue
        if first_item is not None and index > first_item and is_banner(block.text):
            return index
        if first_item is not None and index > first_item and is_attachment_start(block.text):
            page_break = index > 0 and block.page != blocks[index - 1].page
            if page_break or block.kind == "heading" or (block.blank_before and len(block.text.split()) <= 3):
                return index
    return len(blocks)


def _closing_start(texts: list[str], after: int, end: int) -> int:
    """Where the signatures begin after the last item: a signature line followed by nothing but short lines."""
    for index in range(after + 1, end):
        if is_signature_line(texts[index]) and all(len(t) <= CLOSING_LINE for t in texts[index:end]):
            return index
    return end


def _segments(blocks: list[Block], start: int) -> list[list[int]]:
    segments: list[list[int]] = []
    for index in range(start, len(blocks)):
        block = blocks[index]
        if is_separator(block):
            segments.append([])
            continue
        if not segments or (is_attachment_start(block.text) and segments[-1]):
            segments.append([])
        segments[-1].append(index)
    return [s for s in segments if s]


def _anchor_after(text: str, offset: int) -> str:
    before = text[:offset].rstrip()
    if len(before) > ANCHOR_CONTEXT:
        before = before[-ANCHOR_CONTEXT:]
        before = before.split(" ", 1)[1] if " " in before else before
    return before


def _prose_headings(blocks: list[Block], end: int) -> list[Heading]:
    return [Heading(item.blocks[0], "", "", item.title, title_block=None, title_end=0) for item in prose_items(blocks, end)]


def extract(layout: Layout, doc_id: str = "", sha256: str = "", source_name: str = "") -> Extraction:
    layout = prepare_layout(layout)
    blocks, notes = layout.blocks, layout.notes
    texts = [b.text for b in blocks]
    probe = find_headings(blocks)
    end = _main_end(blocks, probe)
    # With no attachments cut off, the probe already read exactly these blocks.
    headings = probe if end == len(blocks) else find_headings(blocks[:end])
    if not headings:
        headings = _prose_headings(blocks, end)
    closing_at = _closing_start(texts, max(h.title_block or h.block for h in headings), end) if headings else end

    # Where each block lands: (record kind, record index, offset of the block in its text).
    place: dict[int, tuple[str, int, int]] = {}
    items: list[Item] = []
    taken: set[str] = set()
    decisions: list[Decision] = []
    for n, heading in enumerate(headings):
        first = (heading.title_block if heading.title_block is not None else heading.block) + 1
        last = headings[n + 1].block if n + 1 < len(headings) else closing_at
        parts: list[tuple[int, str]] = []  # (block, text) of the item's body
        if heading.title_end is not None:
            rest = texts[heading.block][heading.title_end:]
            lead = len(rest) - len(rest.lstrip())
            if rest.strip():
                parts.append((heading.block, rest.strip()))
            place[heading.block] = ("item", n, -(heading.title_end + lead))
        else:
            place[heading.block] = ("title", n, 0)
        parts += [(index, texts[index]) for index in range(first, last)]
        offset = 0
        for index, text in parts:
            if index != heading.block:
                place[index] = ("item", n, offset)
            offset += len(text) + 1
        pages = [blocks[i].page for i in [heading.block] + [i for i, _ in parts]]
        item = Item(
            id=ids.item_id(doc_id, heading.number, heading.parent, taken, seq=n + 1),
            document_id=doc_id,
            seq=n + 1,
            number=heading.number,
            label=heading.label,
            title=heading.title,
            text="\n".join(text for _, text in parts),
            page_start=min(pages),
            page_end=max(pages),
            parent_number=heading.parent,
        )
        items.append(item)
        for k, hit in enumerate(find_decisions([text for _, text in parts], title=heading.title), start=1):
            source_block = heading.block if hit.block < 0 else parts[hit.block][0]  # -1: the title is the decision
            decisions.append(
                Decision(ids.decision_id(item.id, k), doc_id, item.id, k, hit.text, hit.kind, blocks[source_block].page,
                         hit.outcome, hit.votes_for, hit.votes_against, hit.votes_abstain, hit.mover, hit.seconder)
            )

    attachments: list[Attachment] = []
    item_texts = [(item.id, f"{item.title}\n{item.text}") for item in items]
    for segment in _segments(blocks, end):
        draft = draft_attachment(segment, texts)
        if draft is None:
            continue
        seq = len(attachments) + 1
        offset = 0
        for index in draft.text_blocks:
            place[index] = ("attachment", seq - 1, offset)
            offset += len(texts[index]) + 1
        pages = [blocks[i].page for i in segment]
        attachments.append(
            Attachment(
                id=ids.attachment_id(doc_id, seq),
                document_id=doc_id,
                seq=seq,
                kind=draft.kind,
                label=draft.label,
                title=draft.title,
                text="\n".join(texts[i] for i in draft.text_blocks),
                sections=draft.sections,
                related_item_id=related_item(draft, item_texts),
                page_start=min(pages),
                page_end=max(pages),
            )
        )

    footnotes = [_footnote(note, doc_id, place, items, attachments, texts) for note in notes]

    preamble = texts[: headings[0].block] if headings else texts[: min(end, 12)]
    closing = texts[closing_at:end]
    meta = extract_metadata(preamble, layout.furniture, bool(decisions), bool(items), closing, layout.properties,
                            texts[: min(end, 12)], "\n".join(texts[:end]))
    document = Document(
        id=doc_id,
        sha256=sha256,
        source_name=source_name,
        format=layout.format,
        kind=meta.kind,
        body=meta.body,
        title=meta.title,
        meeting_date=meta.meeting_date,
        signed_date=meta.signed_date,
        place=meta.place,
        language=detect_language(" ".join(texts)),
        page_count=layout.page_count,
        encoding=layout.encoding,
        damage=layout.damage,
        preamble="\n".join(preamble),
        closing="\n".join(closing),
    )
    return Extraction(document, items, decisions, footnotes, attachments)


def _footnote(note, doc_id, place, items, attachments, texts) -> Footnote:
    record = Footnote(ids.footnote_id(doc_id, note.kind, note.number), doc_id, note.number, note.kind, note.text, note.page)
    if note.anchor is None:
        return record
    block, offset = note.anchor
    where = place.get(block)
    if where is None:
        record.anchor_after = _anchor_after(texts[block], offset) if block < len(texts) else None
        return record
    kind, index, start = where
    offset = max(0, offset + start) - start if kind == "item" else offset
    if kind == "attachment":
        record.attachment_id = attachments[index].id
        record.anchor_offset = start + offset
        record.anchor_after = _anchor_after(attachments[index].text, start + offset)
    else:
        item = items[index]
        record.item_id = item.id
        text = item.text if kind == "item" else texts[block]
        record.anchor_offset = start + offset if kind == "item" else 0
        record.anchor_after = _anchor_after(text, start + offset if kind == "item" else offset)
    return record
