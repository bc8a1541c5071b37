"""Stable ids: the same bytes give the same ids in any archive."""
from __future__ import annotations

import hashlib

DOC_ID_LENGTH = 12


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document_id(digest: str) -> str:
    return digest[:DOC_ID_LENGTH]


def item_id(doc_id: str, number: str, parent: str | None = None, taken: set[str] | None = None, seq: int = 0) -> str:
    """`<doc>-14`, `<doc>-5.1`, `<doc>-6.A` for sub-item 6A, `<doc>-u3` for the third item when it has no number."""
    if not number:
        base = f"{doc_id}-u{seq}"
    elif parent and "." not in number:
        base = f"{doc_id}-{parent}.{number.removeprefix(parent) or number}"
    else:
        base = f"{doc_id}-{number}"
    candidate, n = base, 1
    while taken is not None and candidate in taken:
        n += 1
        candidate = f"{base}~{n}"
    if taken is not None:
        taken.add(candidate)
    return candidate


def decision_id(item: str, seq: int) -> str:
    return f"{item}-d{seq}"


def footnote_id(doc_id: str, kind: str, number: int) -> str:
    return f"{doc_id}-{'e' if kind == 'endnote' else 'n'}{number}"


def attachment_id(doc_id: str, seq: int) -> str:
    return f"{doc_id}-a{seq}"
