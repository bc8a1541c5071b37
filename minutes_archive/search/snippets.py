"""Snippets with the matching words marked, cut from the text stored in the index."""
from __future__ import annotations

import re

from .analysis import fold_text
from .builder import analyse

WINDOW = 220
_WORD = re.compile(r"\w+(?:-\w+)*")


def _near(a: str, b: str, distance: int) -> bool:
    if abs(len(a) - len(b)) > distance:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] <= distance


def matcher(terms: set[tuple[str, str]], fuzzy: set[tuple[str, str, int]]):
    """A test for one word of text: does any of its analysed forms meet a query term?

    Stems are prefixes of the words they come from, so a word that starts
    like no query term is passed over without running the analyzers.
    """
    parts = {t for f, t in terms if f == "parts"}
    two = {fold_text(t.lower())[:2] for _, t in terms}
    one = {fold_text(t.lower())[:1] for _, t, _ in fuzzy}
    seen: dict[str, bool] = {}

    def analysed(word: str) -> bool:
        for field in ("text_sv", "text_en", "folded", "words"):
            for form in analyse(field, word):
                if (field, form) in terms or any(f == field and _near(form, t, d) for f, t, d in fuzzy):
                    return True
        return False

    def matches(word: str) -> bool:
        lower = word.lower()
        if lower in seen:
            return seen[lower]
        folded = fold_text(lower)
        found = (folded[:2] in two or folded[:1] in one) and analysed(word) \
            or bool(parts) and any(part in lower for part in parts)  # a compound's part, without the word list
        seen[lower] = found
        return found
    return matches


def snippet(text: str, matches) -> tuple[str, list[tuple[int, int]]]:
    """(snippet, [(start, end) of each marked word in the snippet]); words past the window are not examined."""
    first = next((m.span() for m in _WORD.finditer(text) if matches(m.group())), None)
    if first is None:
        cut = text[:WINDOW].replace("\n", " ")
        return (cut + "…" if len(text) > WINDOW else cut), []
    start = max(0, first[0] - WINDOW // 4)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + WINDOW)
    if end < len(text):
        space = text.find(" ", end)
        end = space if space >= 0 else len(text)
    prefix = "…" if start else ""
    shown = prefix + text[start:end].replace("\n", " ") + ("…" if end < len(text) else "")
    marks = [(m.start() + len(prefix), m.end() + len(prefix)) for m in _WORD.finditer(text[start:end]) if matches(m.group())]
    return shown, marks
