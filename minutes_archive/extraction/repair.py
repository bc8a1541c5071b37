"""Mending Swedish text whose å, ä, ö and § were lost to U+FFFD by a wrong encoding somewhere upstream.

A damaged word is restored only when exactly one of its possible restorations is a Swedish word (wordfreq's
Swedish list), so "m\ufffdte" becomes "möte" but "v\ufffdg" (väg or våg) stays as it is. A lone U+FFFD before a
number is a paragraph sign. Every restoration replaces one character by one, so offsets, and with them quotes of
the archived text, stay where they were: extraction and search read the mended text, citations the source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

MARK = "\ufffd"
KNOWN = 2.0  # wordfreq zipf frequency from which a word counts as a Swedish word
MAX_DAMAGE = 3  # restorations tried for at most this many damaged letters in one word
_LETTERS = "åäö"
_WORD = re.compile(rf"[\w{MARK}]*{MARK}[\w{MARK}]*")
_PARAGRAPH_SIGN = re.compile(rf"(?<![\w{MARK}]){MARK}(?=\s?\d)")


@dataclass
class Repair:
    text: str
    restored: int = 0
    left: int = 0


@lru_cache(maxsize=4096)
def _known(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "sv") >= KNOWN


def _restore_word(word: str, sentence_start: bool) -> str | None:
    damaged = [i for i, ch in enumerate(word) if ch == MARK]
    if not damaged or len(damaged) > MAX_DAMAGE or not re.search(r"[^\W\d_]", word.replace(MARK, "")):
        return None
    lower = word.lower()
    found = []
    for letters in product(_LETTERS, repeat=len(damaged)):
        candidate = list(lower)
        for index, letter in zip(damaged, letters):
            candidate[index] = letter
        candidate = "".join(candidate)
        if _known(candidate):
            found.append(candidate)
    if len(found) != 1:
        return None
    restored = list(found[0])
    others = [ch for ch in word if ch != MARK and ch.isalpha()]
    upper_word = bool(others) and all(ch.isupper() for ch in others)
    for index in damaged:
        capital = upper_word or (index == 0 and (sentence_start or (len(word) > 1 and word[1:2].isupper())))
        restored[index] = restored[index].upper() if capital else restored[index]
    for index, ch in enumerate(word):
        if ch != MARK:
            restored[index] = ch
    return "".join(restored)


def restore(text: str) -> Repair:
    """The text with every damaged word restored that the word list confirms; counts of restored and left marks."""
    if MARK not in text:
        return Repair(text)
    out = _PARAGRAPH_SIGN.sub("§", text)
    restored = text.count(MARK) - out.count(MARK)
    pieces, last = [], 0
    for found in _WORD.finditer(out):
        before = out[: found.start()].rstrip()
        fixed = _restore_word(found.group(), sentence_start=not before or before[-1] in ".!?:\n")
        if fixed is not None:
            pieces += [out[last: found.start()], fixed]
            last = found.end()
            restored += found.group().count(MARK)
    pieces.append(out[last:])
    result = "".join(pieces)
    return Repair(result, restored, result.count(MARK))
