"""Run every entity extractor over one extraction.

Pure: an :class:`Extraction` of structure in, the same extraction with its
entity records filled in out.
"""
from __future__ import annotations

from dataclasses import replace

from ...archive.model import DateMention, Extraction, Participant, PersonMention, Proposal, Term
from .attendance import find_participants
from .dated import find_dated
from .names import fold
from .persons import Mention, find_mentions, resolve
from .proposals import find_proposals
from .terms import find_terms, footnote_definition


def _segments(extraction: Extraction) -> list[tuple[str, str | None, str]]:
    """(segment id, item id, text) for every piece of text that belongs somewhere."""
    doc = extraction.document
    out = [("preamble", None, doc.preamble)]
    out += [(item.id, item.id, f"{item.title}\n{item.text}") for item in extraction.items]
    out += [(a.id, a.related_item_id, f"{a.title}\n{a.text}") for a in extraction.attachments]
    out += [(n.id, n.item_id, n.text) for n in extraction.footnotes]
    out.append(("closing", None, doc.closing))
    return [s for s in out if s[2]]


def extract_entities(extraction: Extraction) -> Extraction:
    doc = extraction.document
    segments = _segments(extraction)
    item_of = {segment: item for segment, item, _ in segments}
    participants = find_participants(doc.preamble.split("\n"))
    roles: dict[str, set[str]] = {}
    for p in participants:
        if p.role:
            roles.setdefault(fold(p.name), set()).add(p.role)

    raw: list[Mention] = []
    for segment, _, text in segments:
        raw += find_mentions(text, segment, doc.language)
    known = {fold(m.name) for m in raw if m.kind == "name"}
    raw += [Mention("attendance", 0, 0, p.name, "name", p.name, p.role) for p in participants if fold(p.name) not in known]
    mentions, _ = resolve(raw, roles)

    year = int((doc.meeting_date or doc.signed_date or "0")[:4]) or None
    dates = [
        DateMention(doc.id, segment, item, found.start, found.text, found.iso, found.precision, role, found.weekday_mismatch)
        for segment, item, text in segments
        for found, role in find_dated(text, segment, year, doc.meeting_date)
    ]

    names = {fold(m.name): m.name for m in mentions if m.name}
    proposals = []
    for item in extraction.items:
        for p in find_proposals(item.text):
            name = next((full for key, full in names.items() if key in fold(p.mover)), None)
            proposals.append(Proposal(doc.id, item.id, p.mover, name, p.text))

    terms = []
    for segment, _, text in segments:
        terms += [Term(doc.id, segment, t.kind, t.short, t.long) for t in find_terms(text, segment)]
    for note in extraction.footnotes:
        if note.anchor_after:
            found = footnote_definition(note.text, note.anchor_after, note.id)
            if found:
                terms.append(Term(doc.id, note.id, found.kind, found.short, found.long))

    return replace(
        extraction,
        mentions=[
            PersonMention(doc.id, m.segment, item_of.get(m.segment), m.start, m.text, m.kind, m.name,
                          fold(m.name) if m.name else None, m.role, m.resolved_by)
            for m in mentions
        ],
        participants=[Participant(doc.id, p.name, fold(p.name), p.role, p.status) for p in participants],
        proposals=proposals,
        dates=dates,
        terms=list({(t.segment, t.kind, t.short, t.long): t for t in terms}.values()),
    )
