"""Who moved what: "X yrkade på att …", "X föreslog att …", "X moved that …", "moved by X"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...records.text import sentences

_SWEDISH = re.compile(r"^(?P<who>.{2,80}?)\s+(?:yrkade|yrkar|föreslog|föreslår|hemställde)\s+(?:på\s+|om\s+)?(?P<what>att\s.+)$", re.IGNORECASE)
_ENGLISH = re.compile(r"^(?P<who>.{2,80}?)\s+(?:moved|proposed)\s+(?P<what>that\s.+)$", re.IGNORECASE)
_BY = re.compile(r"^(?P<what>.+?),?\s+(?:moved|proposed)\s+by\s+(?P<who>[A-ZÅÄÖ][^,.;]{1,60})", re.IGNORECASE)
_NOT_A_MOVER = re.compile(r"^(?:jag|vi|man|det)$", re.IGNORECASE)


@dataclass
class Proposal:
    mover: str  # as written: "Jan-Eric Jansson", "En av beredningens ledamöter"
    text: str
    offset: int


def find_proposals(text: str) -> list[Proposal]:
    """Pure: an item's text in, its motions and proposals out (the decisions are found elsewhere)."""
    out = []
    for offset, sentence in sentences(text):
        sentence = sentence.lstrip("·•-– ")
        found = _SWEDISH.match(sentence) or _ENGLISH.match(sentence) or _BY.match(sentence)
        if found and not _NOT_A_MOVER.match(found.group("who").strip()):
            out.append(Proposal(found.group("who").strip(), found.group("what").strip(), offset + found.start("what")))
    return out
