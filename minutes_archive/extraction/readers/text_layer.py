"""Whether a PDF page's text layer can be trusted: glyph ids, private-use characters and symbol soup are not text.

A PDF whose fonts lack a usable character map still "has text", but what a text engine reads from it is glyph
numbers (`(cid:12)`), characters from the private-use area, or letters that spell no word. Importing that
would make the page unsearchable and its quotes false, so such a page is read another way.
"""
from __future__ import annotations

import re
from collections import Counter

from ...records.text import FUNCTION_WORDS, words

MIN_CHARS = 20  # fewer visible characters than this: nothing to judge
MIN_WORDS = 12  # this many words without one "och", "att", "the" or "and", and few vowels: not Swedish or English
VOWEL_SHARE = 0.25  # Swedish and English letters are over a third vowels; glyph codes read as letters are not
_VOWELS = set("aeiouyåäöéü")
_CID = re.compile(r"\(cid:\d+\)")
_PLAIN_LETTERS = set("abcdefghijklmnopqrstuvwxyzåäöæøéèêëüáàâíìóòôúùñçß")
_SPACE = re.compile(r"\s+")
_PRIVATE = re.compile(r"[\ue000-\uf8ff]")
_LETTER = re.compile(r"[^\W\d_]")
# Anything but letters, digits and the punctuation minutes are written with.
_ODD = re.compile(r"[^\w .,;:!?\-–—()\[\]/'\"”“’‘«»%&§$€£+*=#@<>|\\^~°½…•·\uf0b7\u00a0]")


def untrusted(text: str) -> str | None:
    """Why the page's text is not text (a short reason), or None when it reads as text."""
    cids = len(_CID.findall(text))
    visible = _SPACE.sub("", _CID.sub("\0", text))
    if len(visible) < MIN_CHARS and not cids:
        return None
    if cids and cids * 5 >= len(visible):
        return "its text layer holds glyph ids instead of characters"
    # A page holds a few dozen distinct characters: each is classed once and counted as often as it occurs, instead
    # of every character going through each pattern (and a list of them made) in turn.
    counts = Counter(visible)

    def counted(pattern: re.Pattern) -> int:
        return sum(n for ch, n in counts.items() if pattern.match(ch))

    if counted(_PRIVATE) * 3 >= len(visible):
        return "its text layer holds private-use characters instead of letters"
    if counted(_ODD) * 2 >= len(visible):
        return "its text layer is mostly symbols"
    letter_count = counted(_LETTER)
    plain = sum(n for ch, n in counts.items() if _LETTER.match(ch) and ch.lower() in _PLAIN_LETTERS)
    if letter_count >= MIN_CHARS and (letter_count - plain) * 3 >= letter_count:
        return "its text layer decodes to letters of no Swedish or English word"
    if "\ufffd" in text and text.count("\ufffd") * 4 >= len(visible):
        return "its text layer is mostly replacement characters"
    found = words(text)
    # any function word at all, as any(function_word_counts(text).values()) but without counting them all
    if len(found) >= MIN_WORDS and not any(word in vocabulary for vocabulary in FUNCTION_WORDS.values()
                                           for word in found):
        letters = "".join(found)
        if sum(c in _VOWELS for c in letters) < VOWEL_SHARE * len(letters):
            return "its text layer does not decode to Swedish or English words"
    return None
