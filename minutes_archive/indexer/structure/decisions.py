"""What the meeting decided, as opposed to what somebody proposed or what happened elsewhere.

Swedish minutes mark decisions with a "Beslut:" label, a passive verb
("beslutades", "fastslogs", "antogs inte") or the meeting itself as subject
("Beredningen beslutade att"). Background ("Nacka kommun har beslutat sig
för") and motions ("yrkade på att", "föreslog") are not decisions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import sentences

_LABEL = re.compile(r"^(?:(?:\w+s\s+)?beslut(?:et)?|decision|resolution|resolved|agreed|beslöts)\s*[:–]\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_LABEL_ALONE = re.compile(r"^(?:(?:\w+s\s+)?beslut|decision|resolution)\s*:?$", re.IGNORECASE)
_PASSIVE = (
    r"beslutades|beslöts|fastslogs|fastställdes|godkändes|antogs|bifölls|bifalles|bifalls|avslogs|avslås|"
    r"tillstyrktes|avstyrktes|beviljades|valdes|utsågs|uppdrogs|återremitterades|bordlades|upphävdes|"
    r"lades\s+till\s+handlingarna|revs\s+(?:\w+\s+)?upp"
)
_ACTIVE = r"beslutade|beslöt|fastställde|godkände|antog|biföll|avslog|beviljade|uppdrog|valde|utsåg|återremitterade|bordlade"
_MEETING_SUBJECT = (
    r"(?:beredningen|nämnden|styrelsen|utskottet|mötet|årsmötet|stämman|föreningen|sammanträdet|fullmäktige|"
    r"kommunstyrelsen|kommunfullmäktige|[\wåäö]+(?:nämnden|styrelsen|beredningen|utskottet|fullmäktige|mötet|stämman)|vi)"
)
_SWEDISH = [
    re.compile(rf"\b(?:{_PASSIVE})\b", re.IGNORECASE),
    re.compile(rf"^(?:\w+\s+)?{_MEETING_SUBJECT}\s+(?:(?:har|hade)\s+)?(?:därför\s+|sedan\s+|också\s+|enhälligt\s+)?(?:{_ACTIVE})\b", re.IGNORECASE),
]
_ENGLISH = [
    re.compile(r"^RESOLVED\b|^Resolved\s*(?:that|:)"),
    re.compile(r"\bmotion\s+(?:was\s+)?carried\b|\bcarried\s+(?:unanimously|nem\.?\s*con)|^carried\b", re.IGNORECASE),
    re.compile(r"\bit\s+was\s+(?:unanimously\s+)?(?:agreed|resolved|decided)\b", re.IGNORECASE),
    re.compile(
        r"\b(?:the\s+)?(?:committee|board|council|meeting|members|trustees|assembly|commission)\s+(?:unanimously\s+)?"
        r"(?:agreed|resolved|decided|approved|adopted|voted|rejected)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:was|were)\s+(?:unanimously\s+)?(?:approved|adopted|accepted|rejected|defeated|ratified|carried)\b", re.IGNORECASE),
]
_NOT_DECISION = re.compile(
    r"\b(?:beslutat\s+sig|yrkade|yrkar|yrkande|föreslog|föreslår|föreslås|moved\s+that|proposed\s+that|suggested\s+that|"
    r"seconded|skall\s+beslutas|ska\s+beslutas|får\s+beslutas|kommer\s+att\s+besluta)\b",
    re.IGNORECASE,
)
_LEADING_ADVERB = re.compile(
    rf"^(?:därefter|därmed|däremot|vidare|dessutom|slutligen|sedan|även|också|samtidigt)\s+(?:{_PASSIVE})\s+att\s+(?P<clause>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_REJECTED = re.compile(r"\b(?:antogs|godkändes|bifölls|beviljades)\s+(?:inte|ej)\b|\b(?:avslogs|avslås|avslog|avstyrktes|rejected|defeated)\b", re.IGNORECASE)
_REVOKED = re.compile(r"\b(?:revs\s+(?:\w+\s+)?upp|upphävdes|rescinded|revoked)\b", re.IGNORECASE)


@dataclass
class DecisionHit:
    block: int  # index among the item's blocks
    offset: int
    text: str
    kind: str  # decision | rejection | revocation
    outcome: str | None = None  # approved | rejected | postponed | referred | elected | noted
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    mover: str | None = None
    seconder: str | None = None


def _kind(text: str) -> str:
    if _REVOKED.search(text):
        return "revocation"
    if _REJECTED.search(text):
        return "rejection"
    return "decision"


def is_decision(sentence: str) -> bool:
    if sentence.endswith("?") or _NOT_DECISION.search(sentence):
        return False
    label = _LABEL.match(sentence)
    if label and label.group("rest").strip():
        return True
    return any(p.search(sentence) for p in _SWEDISH + _ENGLISH)


def find_decisions(blocks: list[str]) -> list[DecisionHit]:
    """Pure: an item's paragraph texts in, its decisions out."""
    hits: list[DecisionHit] = []
    for index, text in enumerate(blocks):
        label = _LABEL.match(text)
        if label and label.group("rest").strip():
            rest = label.group("rest").strip()
            hits.append(DecisionHit(index, label.start("rest"), rest, _kind(rest)))
            continue
        if _LABEL_ALONE.match(text) and index + 1 < len(blocks):
            continue  # the next paragraph is the decision; it is taken below
        if index > 0 and _LABEL_ALONE.match(blocks[index - 1]):
            hits.append(DecisionHit(index, 0, text.strip(), _kind(text)))
            continue
        for offset, sentence in sentences(text):
            if not is_decision(sentence):
                continue
            adverb = _LEADING_ADVERB.match(sentence)
            quote = adverb.group("clause") if adverb else sentence
            start = offset + (adverb.start("clause") if adverb else 0)
            hits.append(DecisionHit(index, start, quote, _kind(sentence)))
    return hits
