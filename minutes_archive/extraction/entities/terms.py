"""Abbreviations and organisations: what each document says, for the archive-wide glossary.

A document yields initialisms ("FFFN"), definitions it gives itself
("Långasands IF (LIF)", a footnote "Kriminellas revansch i samhället" on
"KRIS") and capitalised phrases that may be the long form of an initialism
used in another document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_INITIALISM = re.compile(r"(?<![\wåäöÅÄÖ])(?P<short>[A-ZÅÄÖ]{3,6})(?=$|[^\wåäöÅÄÖ]|-[a-zåäö]|:[a-zåäö])")
_SMALL_WORDS = {"i", "och", "för", "av", "på", "till", "med", "om", "of", "the", "and", "for", "in", "on", "to", "de", "la"}
_PHRASE = re.compile(r"[”\"“«]?(?P<phrase>[A-ZÅÄÖ][\wåäö-]+(?: +[\wåäö-]+){1,5})")
_ORG_SUFFIX = (
    r"kommun|landsting|landstinget|regionen|kassan|förmedlingen|styrelsen|nämnden|beredningen|utskottet|fullmäktige|"
    r"departementet|departement|verket|myndigheten|vården|förvaltningen|kontoret|förbundet|föreningen|bolaget|"
    r"council|committee|board|trust|association|society|department"
)
_ORGANISATION = re.compile(
    rf"(?<![\wåäö])(?P<org>(?:[A-ZÅÄÖ][\wåäö]+s?\s+(?:läns\s+)?)?(?:[\wåäöÅÄÖ]+-\s+och\s+)?[\wåäöÅÄÖ-]*"
    rf"(?i:{_ORG_SUFFIX}))(?![\wåäö])"
)
NOT_ABBREVIATIONS = {"PM", "OCH", "ATT", "THE", "AND", "NOT", "FÖR"}


@dataclass(frozen=True)
class Term:
    kind: str  # initialism | definition | phrase | organisation
    short: str | None
    long: str | None
    source: str  # the segment (item, footnote, attachment id or "preamble") it came from


def initials(words: list[str], skip_small: bool) -> str:
    return "".join(w[0] for w in words if w and not (skip_small and w.lower() in _SMALL_WORDS)).upper()


def spellings(long: str) -> set[str]:
    """The initialisms a long form spells: with and without its small words."""
    words = re.findall(r"[\wåäöÅÄÖ]+", long)
    return {initials(words, False), initials(words, True)}


def matches(short: str, long: str) -> bool:
    """Does the long form spell the initialism, with or without its small words?"""
    return short.upper() in spellings(long)


def _loose(short: str, long: str) -> bool:
    """"Långasands IF" for "LIF": the letters in order, the first one leading."""
    text = long.upper()
    if not text.startswith(short[0]):
        return False
    at = 0
    for letter in short:
        at = text.find(letter, at)
        if at < 0:
            return False
        at += 1
    return True


def _parenthesised(text: str, segment: str) -> list[Term]:
    out = []
    for found in re.finditer(r"\((?P<short>[A-ZÅÄÖ]{2,6})\)", text):
        before = re.findall(r"[\wåäöÅÄÖ-]+", text[max(0, found.start() - 120):found.start()])
        for size in range(1, min(len(found.group("short")) + 2, len(before)) + 1):
            long = " ".join(before[-size:])
            if long[0].isupper() and (matches(found.group("short"), long) or _loose(found.group("short"), long)):
                out.append(Term("definition", found.group("short"), long, segment))
                break
    for found in re.finditer(r"(?<![\wåäö])(?P<short>[A-ZÅÄÖ]{2,6})\s*\((?P<long>[^)]{4,80})\)", text):
        if matches(found.group("short"), found.group("long")):
            out.append(Term("definition", found.group("short"), found.group("long").strip(), segment))
    return out


def find_terms(text: str, segment: str) -> list[Term]:
    """Pure: one text in, its initialisms, definitions, candidate long forms and organisations out."""
    terms = [Term("initialism", m.group("short"), None, segment) for m in _INITIALISM.finditer(text)
             if m.group("short") not in NOT_ABBREVIATIONS]
    terms += _parenthesised(text, segment)
    for found in _PHRASE.finditer(text):
        words = found.group("phrase").split()
        for size in range(len(words), 1, -1):
            phrase = " ".join(words[:size]).strip("”\"“».,;:")
            capitals = sum(w[0].isupper() for w in phrase.split())
            quoted = found.group().startswith(("”", '"', "“", "«"))
            if len(initials(phrase.split(), True)) >= 3 and (quoted or capitals * 2 >= size and capitals >= 2):
                terms.append(Term("phrase", initials(phrase.split(), False), phrase, segment))
    for found in _ORGANISATION.finditer(text):
        org = found.group("org").strip()
        if len(org) > 4 and not re.fullmatch(rf"(?:{_ORG_SUFFIX})", org, re.IGNORECASE):
            terms.append(Term("organisation", None, org, segment))
    return list(dict.fromkeys(terms))


def footnote_definition(note_text: str, text_before_anchor: str, segment: str) -> Term | None:
    """A note anchored right after an initialism that spells it out: "KRIS" + "Kriminellas revansch i samhället"."""
    found = re.search(r"([A-ZÅÄÖ]{2,6})\W*$", text_before_anchor)
    long = note_text.strip().rstrip(".")
    if found and matches(found.group(1), long):
        return Term("definition", found.group(1), long, segment)
    return None
