"""Memos and "Bilaga 1" that follow the minutes: their own records, never agenda items."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...records.text import normalise
from .headings import find_headings

_LABEL = re.compile(r"^(?P<label>(?:bilaga|bil\.|appendix|attachment|annex|enclosure)\s*\d*[a-z]?|pm|promemoria|memo|memorandum)\b[:.]?\s*(?P<rest>.*)$", re.IGNORECASE)
_MEMO_WORDS = re.compile(r"\b(?:pm|promemoria|memo|memorandum)\b", re.IGNORECASE)


@dataclass
class AttachmentDraft:
    blocks: list[int]  # block indexes of the whole attachment
    kind: str
    label: str | None
    title: str
    text_blocks: list[int] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)


_BANNER = re.compile(r"^(?:attachments|appendices|annexes|enclosures|bilagor|bilagda\s+handlingar)\s*:?$", re.IGNORECASE)


def is_banner(text: str) -> bool:
    """"ATTACHMENTS:" alone on a line: everything after it is attached material."""
    return bool(_BANNER.match(text.strip()))


def is_attachment_start(text: str) -> bool:
    found = _LABEL.match(text.strip())
    return bool(found) and len(text) <= 100


def draft_attachment(indexes: list[int], texts: list[str]) -> AttachmentDraft | None:
    """Title, kind and numbered sections of one attachment's blocks."""
    if not indexes:
        return None
    first = texts[indexes[0]].strip()
    label_match = _LABEL.match(first) if len(first) <= 100 else None
    label, title_at = None, 0
    if label_match:
        label = label_match.group("label").strip()
        if label_match.group("rest").strip():
            title = label_match.group("rest").strip(" :–-")
            title_at = 1
        elif len(indexes) > 1:
            title, title_at = texts[indexes[1]].strip(), 2
        else:
            title, title_at = label, 1
    else:
        title, title_at = first, 1
    kind = "memo" if label is None or _MEMO_WORDS.match(label) else "appendix"
    body = indexes[title_at:]
    sections = [h.title for h in find_headings([texts[i] for i in body]) if h.parent is None]
    return AttachmentDraft(indexes, kind, label, normalise(title), body, sections)


def related_item(draft: AttachmentDraft, items: list[tuple[str, str]]) -> str | None:
    """The item that mentions the attachment: by its title first, then by its label or "PM"."""
    title = draft.title.lower()
    for item_id, text in items:
        if title and len(title) > 5 and title in text.lower():
            return item_id
    needles = [draft.label.lower()] if draft.label else []
    if draft.kind == "memo":
        needles += ["pm", "promemoria", "memo", "memorandum"]
    for item_id, text in items:
        if any(re.search(rf"\b{re.escape(n)}\b", text.lower()) for n in needles):
            return item_id
    return None
