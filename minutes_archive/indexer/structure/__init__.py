"""Structure extraction: a layout in, items, decisions, footnotes and attachments out.

Everything here is pure so it can be tested on text alone and re-run from
the catalog's stored blocks without touching the original files.
"""
from __future__ import annotations

from ...archive import ids
from ...archive.model import Attachment, Decision, Document, Extraction, Footnote, Item
from ..layout import Block, Layout
from .attachments import draft_attachment, is_attachment_start, related_item
from .decisions import find_decisions
from .items import find_headings, parse_heading
from .language import detect_language
from .metadata import extract_metadata, is_signature_line
from .trailing_notes import is_separator, prepare_layout

ANCHOR_CONTEXT = 60


def _main_end(blocks: list[Block], first_item: int | None) -> int:
    """Where the minutes stop and attachments begin."""
    for index, block in enumerate(blocks):
        if is_separator(block):
            following = next((b.text for b in blocks[index + 1:] if not is_separator(b)), "")
            parsed = parse_heading(following)
            if parsed and parsed[0] in ("paragraph", "word"):
                continue  # a decorative rule between items
            return index
        if first_item is not None and index > first_item and is_attachment_start(block.text):
            page_break = index > 0 and block.page != blocks[index - 1].page
            if page_break or block.kind == "heading" or (block.blank_before and len(block.text.split()) <= 3):
                return index
    return len(blocks)


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


def extract(layout: Layout, doc_id: str = "", sha256: str = "", source_name: str = "") -> Extraction:
    layout = prepare_layout(layout)
    blocks, notes = layout.blocks, layout.notes
    texts = [b.text for b in blocks]

    probe = find_headings(texts)
    end = _main_end(blocks, probe[0].block if probe else None)
    headings = find_headings(texts[:end])
    closing_at = end
    if headings:
        while closing_at - 1 > headings[-1].block and is_signature_line(texts[closing_at - 1]):
            closing_at -= 1

    # Where each block lands: (record kind, record index, offset of the block in its text).
    place: dict[int, tuple[str, int, int]] = {}
    items: list[Item] = []
    taken: set[str] = set()
    decisions: list[Decision] = []
    for n, heading in enumerate(headings):
        first = (heading.title_block if heading.title_block is not None else heading.block) + 1
        last = headings[n + 1].block if n + 1 < len(headings) else closing_at
        body = list(range(first, last))
        offset = 0
        for index in body:
            place[index] = ("item", n, offset)
            offset += len(texts[index]) + 1
        place[heading.block] = ("title", n, 0)
        pages = [blocks[i].page for i in [heading.block] + body]
        item = Item(
            id=ids.item_id(doc_id, heading.number, heading.parent, taken),
            document_id=doc_id,
            seq=n + 1,
            number=heading.number,
            label=heading.label,
            title=heading.title,
            text="\n".join(texts[i] for i in body),
            page_start=min(pages),
            page_end=max(pages),
            parent_number=heading.parent,
        )
        items.append(item)
        for k, hit in enumerate(find_decisions([texts[i] for i in body]), start=1):
            decisions.append(
                Decision(ids.decision_id(item.id, k), doc_id, item.id, k, hit.text, hit.kind, blocks[body[hit.block]].page)
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

    preamble = texts[: headings[0].block] if headings else texts[: min(end, 6)]
    meta = extract_metadata(preamble, layout.furniture, bool(decisions), bool(items), texts[closing_at:end])
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
        closing="\n".join(texts[closing_at:end]),
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
