"""Sentence splitting tuned for Swedish and English minutes."""
from __future__ import annotations

import re

_ABBREVIATIONS = {
    "bl.a", "s.k", "t.ex", "m.fl", "d.v.s", "dvs", "kl", "ca", "c:a", "resp", "nr", "fr.o.m", "t.o.m",
    "o.s.v", "osv", "f.d", "p.g.a", "pga", "jfr", "ev", "st", "mr", "mrs", "ms", "dr", "e.g", "i.e",
    "etc", "no", "cf", "vs", "prof", "tel", "ang", "enl", "inkl", "exkl", "bil", "s", "sid", "p",
    # titles before a name: "Rev. Carter", "Cr. Bowman", "herr. Lund", "ordf. Sundström"
    "rev", "cr", "cllr", "hon", "mt", "fr", "sr", "jr", "gen", "col", "capt", "lt", "sgt", "messrs",
    "herr", "hr", "fru", "fröken", "frk", "ordf", "sekr", "v.ordf",
}
# An initial ("E.", "J.P.") stands before a surname, never at a sentence's end.
_INITIALS = re.compile(r"(?:[A-ZÅÄÖÉ]\.)*[A-ZÅÄÖÉ]")
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”»)]?\s+(?=[\"”«(]?[A-ZÅÄÖÉ0-9·•–-])")


def sentences(text: str) -> list[tuple[int, str]]:
    """Split into (start offset, sentence); bullets and line breaks also end sentences."""
    out: list[tuple[int, str]] = []
    for line_match in re.finditer(r"[^\n]+", text):
        line, base = line_match.group(), line_match.start()
        start = 0
        for boundary in _BOUNDARY.finditer(line):
            before = line[start: boundary.start()]
            word = re.search(r"(\S+)\.$", before)
            if word and (word.group(1).lower().lstrip("(") in _ABBREVIATIONS or _INITIALS.fullmatch(word.group(1).lstrip("("))):
                continue
            out.append((base + start, before.strip()))
            start = boundary.end()
        if line[start:].strip():
            out.append((base + start, line[start:].strip()))
    return [(offset, s) for offset, s in out if s]


def strip_genitive(name: str) -> str:
    """"Kommunstyrelsens" -> "Kommunstyrelsen": a body named before its minutes is in the genitive."""
    name = name.strip()
    if name.endswith("s") and not name.endswith(("ss", "'s")) and len(name) > 3:
        return name[:-1]
    return name.removesuffix("'s")
