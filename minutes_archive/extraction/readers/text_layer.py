"""Whether a PDF page's text layer can be trusted: glyph ids, private-use characters and symbol soup are not text.

A PDF whose fonts lack a usable character map still "has text", but what a text engine reads from it is glyph
numbers (`(cid:12)`), characters from the private-use area, or letters that spell no word. Importing that
would make the page unsearchable and its quotes false, so such a page is read another way.
"""
from __future__ import annotations

import re

from ...records.text import function_word_counts, words

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
    if len(_PRIVATE.findall(visible)) * 3 >= len(visible):
        return "its text layer holds private-use characters instead of letters"
    letters = _LETTER.findall(visible)
    if len(_ODD.findall(visible)) * 2 >= len(visible):
        return "its text layer is mostly symbols"
    # the plain letters counted by map in C: a generator per letter cost as much as the rest of the checks
    plain = sum(map(_PLAIN_LETTERS.__contains__, map(str.lower, letters)))
    if len(letters) >= MIN_CHARS and (len(letters) - plain) * 3 >= len(letters):
        return "its text layer decodes to letters of no Swedish or English word"
    if "\ufffd" in text and text.count("\ufffd") * 4 >= len(visible):
        return "its text layer is mostly replacement characters"
    found = words(text)
    if len(found) >= MIN_WORDS and not any(function_word_counts(text).values()):
        letters = "".join(found)
        if sum(c in _VOWELS for c in letters) < VOWEL_SHARE * len(letters):
            return "its text layer does not decode to Swedish or English words"
    return None
