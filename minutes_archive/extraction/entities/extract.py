"""Run every entity extractor over one extraction.

Pure: an :class:`Extraction` of structure in, the same extraction with its
entity records filled in out.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ...records.model import DateMention, Extraction, Participant, PersonMention, Proposal, Term
from .attendance import find_participants
from .dated import find_dated
from ...records.text import fold
from .persons import Mention, find_known, find_mentions, resolve
from .signatures import find_layout_roles
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


def _participants(segments: list[tuple[str, str | None, str]], language: str):
    """The preamble's attendance lists, and a roll call that is an item's body."""
    out, seen = [], set()
    for _, _, text in segments:
        for p in find_participants(text.split("\n"), surnames_alone=language != "sv"):
            if fold(p.name) not in seen:
                seen.add(fold(p.name))
                out.append(p)
    return out


def _mentions(segments, participants, roles: dict[str, set[str]], language: str) -> list[Mention]:
    """Names in context first; then bare surnames and nicknames of the people those named, outside other mentions."""
    raw: list[Mention] = []
    for segment, _, text in segments:
        raw += find_mentions(text, segment, language)
    known = {fold(m.name) for m in raw if m.kind == "name"}
    raw += [Mention("attendance", 0, 0, p.name, "surname" if " " not in p.name else "name", p.name, p.role)
            for p in participants if fold(p.name) not in known]
    mentions, persons = resolve(raw, roles)
    words = {w for _, _, text in segments for w in re.findall(r"\b[a-zåäöéü]{3,}\b", text)}
    folded = {fold(w) for w in words}  # the document's lower-case words, folded once for every segment
    extra: list[Mention] = []
    for segment, _, text in segments:
        taken = [(m.start, m.end) for m in mentions if m.segment == segment]
        extra += [m for m in find_known(text, segment, persons, folded)
                  if not any(a < m.end and m.start < b for a, b in taken)]
    for m in extra:
        person = next(p for p in persons if p.name == m.name)
        person.mentions += 1
        if m.segment not in person.segments:
            person.segments.append(m.segment)
    order = {segment: index for index, (segment, _, _) in enumerate(segments)}
    return sorted(mentions + extra, key=lambda m: (order.get(m.segment, len(order)), m.start))


def _with_layout_roles(mentions: list[Mention], layout: list[tuple[str, str, str]]) -> list[Mention]:
    """A role that a signature block or a role heading gives is carried by the person's mention there, so that the
    people listing (built from mentions) shows it; a second role there gets a second mention at the same place."""
    out = list(mentions)
    for segment, name, role in layout:
        here = [m for m in out if m.segment == segment and m.name and fold(m.name) == fold(name)]
        if not here or any(m.role == role for m in here):
            continue
        free = next((m for m in here if m.role is None), None)
        if free is not None:
            free.role = role
        else:
            out.insert(out.index(here[-1]) + 1, replace(here[-1], role=role))
    return out


def _full_name(written: str | None, full_names: set[str]) -> str | None:
    """"Commissioner Walsh moved" with "Brian T. Walsh" present: a mover or seconder written by surname alone (or
    with a particle, "Van Buren") is the one full name in the document that ends in it; otherwise as written."""
    if not written:
        return written
    found = [n for n in full_names if fold(n).endswith(" " + fold(written))]
    return found[0] if len(found) == 1 else written


def _decisions_with_full_names(extraction: Extraction, mentions: list[Mention], participants) -> list:
    full_names = {m.name for m in mentions if m.name and len(m.name.split()) > 1}
    full_names |= {p.name for p in participants if len(p.name.split()) > 1}
    return [replace(d, mover=_full_name(d.mover, full_names), seconder=_full_name(d.seconder, full_names))
            for d in extraction.decisions]


def extract_entities(extraction: Extraction) -> Extraction:
    doc = extraction.document
    segments = _segments(extraction)
    item_of = {segment: item for segment, item, _ in segments}
    participants = _participants(segments, doc.language)
    roles: dict[str, set[str]] = {}
    for p in participants:
        if p.role:
            roles.setdefault(fold(p.name), set()).add(p.role)
    layout = [(segment, name, role) for segment, _, text in segments for name, role in find_layout_roles(text)]
    for _, name, role in layout:
        roles.setdefault(fold(name), set()).add(role)
    mentions = _with_layout_roles(_mentions(segments, participants, roles, doc.language), layout)
    year = int((doc.date or "0")[:4]) or None
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
        decisions=_decisions_with_full_names(extraction, mentions, participants),
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
