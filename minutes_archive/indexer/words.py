"""The commonest function words of Swedish and English: any real text in either language is full of them.

Language detection counts them; the text-layer check misses them in glyph soup that merely looks like letters.
"""
from __future__ import annotations

import re

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
