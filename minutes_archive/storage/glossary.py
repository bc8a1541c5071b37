"""Abbreviations and organisations learned from the whole archive.

An initialism used in one document is expanded by a definition anywhere in
the archive, or else by a capitalised phrase in any document whose words
spell it ("FFFN" in one meeting, "Fler Friska Företagsamma Nackabor" in another).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..extraction.entities.terms import spellings
from .catalog import rows


def glossary(conn) -> dict:
    terms = rows(conn, "SELECT document_id, segment, kind, short, long FROM terms")
    used: dict[str, set[str]] = defaultdict(set)
    defined: dict[str, Counter] = defaultdict(Counter)
    how: dict[tuple[str, str], str] = {}
    phrases: dict[str, Counter] = defaultdict(Counter)
    organisations: dict[str, dict] = {}
    for t in terms:
        if t["kind"] == "initialism":
            used[t["short"]].add(t["document_id"])
        elif t["kind"] == "definition":
            defined[t["short"]][t["long"]] += 1
            used[t["short"]].add(t["document_id"])
            how[(t["short"], t["long"])] = "footnote" if re.search(r"-[ne]\d+$", t["segment"]) else "definition"
        elif t["kind"] == "phrase":
            phrases[t["long"]][t["document_id"]] += 1
        elif t["kind"] == "organisation":
            key = t["long"][:1].lower() + t["long"][1:]
            entry = organisations.setdefault(key, {"name": t["long"], "documents": set()})
            entry["documents"].add(t["document_id"])
    spelled: dict[str, list[str]] = defaultdict(list)  # what each phrase's initials spell, worked out once
    for phrase in phrases:
        for spelling in spellings(phrase):
            spelled[spelling].append(phrase)
    abbreviations = []
    for short in sorted(used):
        long, source = None, None
        if defined[short]:
            long = defined[short].most_common(1)[0][0]
            source = how[(short, long)]
        else:
            candidates = [(len(phrases[phrase]), phrase) for phrase in spelled.get(short.upper(), ())]
            if candidates:
                long, source = max(candidates)[1], "phrase"
        abbreviations.append({
            "short": short,
            "long": long,
            "source": source,
            "documents": sorted(used[short]),
            "long_documents": sorted(phrases[long]) if source == "phrase" else [],
        })
    return {
        "abbreviations": abbreviations,
        "organisations": sorted(
            ({"name": o["name"], "documents": len(o["documents"])} for o in organisations.values()),
            key=lambda o: (-o["documents"], o["name"].lower()),
        ),
    }
