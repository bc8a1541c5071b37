"""Abbreviations and organisations: what each document says, for the archive-wide glossary.

A document yields initialisms ("FFFN"), definitions it gives itself
("Långasands IF (LIF)", a footnote "Kriminellas revansch i samhället" on
"KRIS") and capitalised phrases that may be the long form of an initialism
used in another document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

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
# An organisation is written in word characters, hyphens and spaces only, and holds one of the suffixes.
_ORG_RUN = re.compile(r"[\w\s-]+")
_LOWER_SUFFIX = re.compile(_ORG_SUFFIX)
# The only characters that IGNORECASE takes for a suffix letter while lower() does not turn them into it.
_CASE_ODDITIES = ("İ", "ı", "ſ")
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


def _phrases(words: list[str], quoted: bool, segment: str) -> list[Term]:
    """Each leading run of two or more of a capitalised phrase's words, longest first, that could be a long form.
    The words hold only word characters and hyphens, so each run is a plain prefix: its letters and capitals are
    counted word by word once rather than joined and split again for every length."""
    found = []
    letters = kept = ""
    capitals = 0
    for size, word in enumerate(words, 1):
        letter = word[0].upper()
        letters += letter
        kept += "" if word.lower() in _SMALL_WORDS else letter
        capitals += word[0].isupper()
        if size > 1 and len(kept) >= 3 and (quoted or capitals * 2 >= size and capitals >= 2):
            found.append(Term("phrase", letters, " ".join(words[:size]), segment))
    return found[::-1]


def _organisations(text: str) -> Iterator[re.Match[str]]:
    """_ORGANISATION.finditer(text), faster. The pattern backtracks through every word looking for a suffix, while
    most of the text holds none. A match never leaves a run of word characters, spaces and hyphens (the characters
    either side of a run are no word characters, just as its lookarounds want at the ends of a search), so only
    runs where the lower-cased text holds a suffix are searched; a case-sensitive search of the lower-cased text
    is many times faster than an IGNORECASE one."""
    lowered = text.lower()
    if len(lowered) != len(text) or any(odd in text for odd in _CASE_ODDITIES):
        yield from _ORGANISATION.finditer(text)
        return
    suffixes = [found.start() for found in _LOWER_SUFFIX.finditer(lowered)]
    at = 0
    for run in _ORG_RUN.finditer(text) if suffixes else ():
        while at < len(suffixes) and suffixes[at] < run.start():
            at += 1
        if at == len(suffixes):
            return
        if suffixes[at] < run.end():
            yield from _ORGANISATION.finditer(text, run.start(), run.end())


def find_terms(text: str, segment: str) -> list[Term]:
    """Pure: one text in, its initialisms, definitions, candidate long forms and organisations out."""
    terms = [Term("initialism", m.group("short"), None, segment) for m in _INITIALISM.finditer(text)
             if m.group("short") not in NOT_ABBREVIATIONS]
    terms += _parenthesised(text, segment)
    for found in _PHRASE.finditer(text):
        terms += _phrases(found.group("phrase").split(), found.group().startswith(("”", '"', "“", "«")), segment)
    for found in _organisations(text):
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
