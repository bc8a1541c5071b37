"""Our own small search language: words, "quoted phrases", word~ (fuzzy), OR, NOT/-word and parentheses.

Hyphenated words ("FFFN-projektet", "02091-C-71") are plain words, never ranges,
and nothing of Whoosh's own syntax is exposed. Mistakes raise QueryError with
a message a clerk can act on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...errors import MinutesError


class QueryError(MinutesError):
    """A search the user typed cannot be understood."""


@dataclass(frozen=True)
class Word:
    text: str
    fuzzy: bool = False


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class And:
    parts: tuple


@dataclass(frozen=True)
class Or:
    parts: tuple


@dataclass(frozen=True)
class Not:
    part: object


_TOKEN = re.compile(r'\s*(?:(?P<quote>"[^"]*"?)|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+))')
HELP = 'Search for words, "quoted phrases", word~ for spelling variants, OR, and -word to leave a word out.'


def _tokens(query: str) -> list[tuple[str, str]]:
    out, at = [], 0
    while at < len(query):
        found = _TOKEN.match(query, at)
        if not found or found.end() == at:
            break
        at = found.end()
        if found.group("quote") is not None:
            quoted = found.group("quote")
            if len(quoted) < 2 or not quoted.endswith('"'):
                raise QueryError(f"The search has an opening quote without a closing one: {query!r}. {HELP}")
            out.append(("phrase", quoted[1:-1]))
        elif found.group("open"):
            out.append(("open", "("))
        elif found.group("close"):
            out.append(("close", ")"))
        elif found.group("word"):
            word = found.group("word")
            out.append(("op", word) if word in ("AND", "OR", "NOT") else ("word", word))
    return out


class _Parser:
    def __init__(self, query: str):
        self.query = query
        self.tokens = _tokens(query)
        self.at = 0

    def peek(self):
        return self.tokens[self.at] if self.at < len(self.tokens) else (None, None)

    def fail(self, why: str):
        raise QueryError(f"{why} in the search {self.query!r}. {HELP}")

    def parse(self):
        if not self.tokens:
            return None
        node = self.either()
        if self.at < len(self.tokens):
            self.fail("There is a closing parenthesis without an opening one")
        return node

    def either(self):
        parts = [self.both()]
        while self.peek() == ("op", "OR"):
            self.at += 1
            if self.peek()[0] in (None, "close") or self.peek() == ("op", "OR"):
                self.fail("OR needs a word after it")
            parts.append(self.both())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def both(self):
        parts = []
        while True:
            kind, value = self.peek()
            if kind is None or kind == "close" or (kind, value) == ("op", "OR"):
                break
            if (kind, value) == ("op", "AND"):
                self.at += 1
                if not parts or self.peek()[0] in (None, "close") or self.peek()[0] == "op" and self.peek()[1] != "NOT":
                    self.fail("AND needs a word on each side")
                continue
            parts.append(self.unary())
        if not parts:
            self.fail("OR needs a word before it" if self.peek() == ("op", "OR") else "Something is missing")
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def unary(self):
        kind, value = self.peek()
        if (kind, value) == ("op", "NOT"):
            self.at += 1
            if self.peek()[0] in (None, "close", "op"):
                self.fail("NOT needs a word after it")
            return Not(self.unary())
        if kind == "word" and value.startswith("-") and len(value) > 1:
            self.at += 1
            return Not(self._word(value[1:]))
        return self.primary()

    def _word(self, text: str):
        fuzzy = text.endswith("~")
        text = text.rstrip("~")
        if not re.search(r"\w", text):
            self.fail(f"{text or '~'!r} is not a word")
        return Word(text, fuzzy)

    def primary(self):
        kind, value = self.peek()
        self.at += 1
        if kind == "word":
            return self._word(value)
        if kind == "phrase":
            words = tuple(re.findall(r"[\w-]+", value))
            if not words:
                self.fail("The quoted phrase is empty")
            return Phrase(words)
        if kind == "open":
            if self.peek()[0] == "close":
                self.fail("The parentheses are empty")
            node = self.either()
            if self.peek()[0] != "close":
                self.fail("A parenthesis is not closed")
            self.at += 1
            return node
        self.fail("Something is missing")


def parse(query: str | None):
    """The query as a small tree of Word, Phrase, And, Or and Not; None for an empty query."""
    return _Parser(query or "").parse()
