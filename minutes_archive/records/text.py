"""Text helpers every floor may use: composed and normalised forms, folding, sentences, function words,
and the masking of personal identity numbers. Pure functions of strings; they import nothing of the package.

Personnummer and samordningsnummer (day + 60) are YYMMDD or YYYYMMDD, then `-`, `+`, an en dash, a
non-breaking hyphen, a space or nothing, then four digits whose last is a Luhn check digit over the
ten-digit form. The check digit is what tells a number from a date, a case number or a 12-digit
reference: one in ten random numbers passes it, and the date must be a real month and day as well.
python-stdnum would add a dependency for these same ten lines, so it is not used.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WS = re.compile(r"\s+")


def composed(text: str) -> str:
    """NFC: macOS and some PDF producers write "å" as "a" + a combining ring, which no pattern or query matches."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def collapse(text: str) -> str:
    """Runs of white space as one space, accents composed; ends left as they are."""
    return _WS.sub(" ", composed(text))


def normalise(text: str) -> str:
    """Collapse runs of white space and compose accents; the form quotes are compared in."""
    return collapse(text).strip()


def lines_of(text: str) -> list[str]:
    """The text's lines, whatever its line ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: "Närvä-Eickenrodt" and "narva-eickenrodt" are one person."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"\s+", " ", "".join(c for c in decomposed if not unicodedata.combining(c))).strip()


# Sentences, tuned for Swedish and English minutes.
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


# The commonest function words of Swedish and English: any real text in either language is full of them.
# Language detection counts them; the text-layer check misses them in glyph soup that merely looks like letters.
FUNCTION_WORDS = {
    "sv": frozenset({"och", "att", "det", "är", "som", "för", "på", "med", "till", "av", "den", "inte", "har", "om",
                     "skall", "ska", "en", "ett", "i", "vid", "de", "var", "sig", "från", "efter"}),
    "en": frozenset({"the", "and", "of", "to", "that", "is", "was", "for", "on", "with", "by", "be", "it", "were", "at",
                     "a", "in", "as", "from", "this", "an", "are"}),
}
_WORD = re.compile(r"[a-zåäöéü]+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def function_word_counts(text: str) -> dict[str, int]:
    found = words(text)
    return {lang: sum(w in vocab for w in found) for lang, vocab in FUNCTION_WORDS.items()}


# Personal identity numbers, masked in everything shown or exported unless asked not to.
# (?=\d) first: the engine then passes over text without digits at once (3x faster on a page of hits).
CANDIDATE = re.compile(r"(?=\d)(?<!\d)(?P<century>18|19|20)?(?P<date>\d{2}(?P<month>\d{2})(?P<day>\d{2}))"
                       r"[-+\u2013\u2011 ]?(?P<serial>\d{4})(?!\d)")
MASK = "[personnummer]"
# Keys whose values are the archive's own ids and hashes: a hexadecimal id that happens to look like a
# number must stay usable, and none of them holds words from the minutes.
KEEP = frozenset({"id", "document_id", "item_id", "related_item_id", "record_id", "sha256"})


def luhn_ok(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(map(int, digits)):
        doubled = digit * (2 - position % 2)
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


def is_personnummer(found: re.Match) -> bool:
    day = int(found["day"])
    return 1 <= int(found["month"]) <= 12 and (1 <= day <= 31 or 61 <= day <= 91) \
        and luhn_ok(found["date"] + found["serial"])


def mask(text: str | None) -> str | None:
    """`text` with every personal identity number replaced by MASK (which holds no digit, so masking twice
    changes nothing)."""
    if not text:
        return text
    return CANDIDATE.sub(lambda found: MASK if is_personnummer(found) else found.group(), text)


def mask_record(value, keep: frozenset[str] = KEEP):
    """Every string in a record (dicts and lists walked, keys too) masked, except ids and hashes in `keep`.

    Applied to a whole result rather than to chosen fields, so a field added later is masked too. Most
    records hold no number at all: one scan of their repr (which keeps every digit and separator as
    written) says so, instead of a call per string (a page of 20 hits holds hundreds)."""
    if not any(is_personnummer(found) for found in CANDIDATE.finditer(repr(value))):
        return value
    return _walk(value, keep)


def _walk(value, keep: frozenset[str]):
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, dict):
        return {mask(k) if isinstance(k, str) else k: v if k in keep else _walk(v, keep)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, keep) for v in value]
    if isinstance(value, tuple):
        return tuple(_walk(v, keep) for v in value)
    return value
