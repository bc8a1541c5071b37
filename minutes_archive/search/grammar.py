"""Our own small search language: words, "quoted phrases", word~ (fuzzy), volont* (wildcards), OR, NOT/-word,
parentheses, and filters typed as prefixes (person:, body:, kind:, title:, date:, item: or § 40).

Hyphenated words ("FFFN-projektet", "02091-C-71") are plain words, never ranges,
and nothing of Whoosh's own syntax is exposed. Mistakes raise QueryError with
a message a clerk can act on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import MinutesError


class QueryError(MinutesError):
    """A search the user typed cannot be understood."""


@dataclass(frozen=True)
class Word:
    text: str
    fuzzy: bool = False
    wildcard: bool = False  # text holds * standing for any letters


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


PREFIXES = ("person", "body", "kind", "title", "date", "item")  # the filters a search may also type as field:value
_TOKEN = re.compile(r'''\s*(?:(?P<prefix>(?i:person|body|kind|title|date|item)):(?P<value>"[^"]*"|[^\s()"]+)
                          |(?P<section>§\s*\d+[a-z]?\b)
                          |(?P<quote>"[^"]*"?)|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+))''', re.X)
HELP = ('Search for words, "quoted phrases", word~ for spelling variants, volont* for any ending, OR, -word to leave '
        'a word out, and person:, body:, kind:, title:, date: or § 40 to filter.')
MIN_WILDCARD_LETTERS = 2
# Bounds, like those on imported files: a search is typed or pasted by a person, and each word costs a spelling
# lookup and a fuzzy scan of the word list, so what no person types is refused before it costs anything.
MAX_QUERY_CHARS = 1000  # a long pasted sentence or title fits; 100,000 characters of "x" does not
MAX_TERMS = 50  # words and quoted phrases: a paragraph's worth; keeps the slowest search near a second
MAX_WORD_CHARS = 60  # the longest Swedish compounds are near 40; a spelling scan's cost grows with the length
MAX_DEPTH = 20  # nested parentheses and NOTs: no one nests deeper, and it keeps the parser's recursion shallow
QUOTED = 80  # a message quotes at most this much of what was typed, so an error never repeats a whole paste
_PREFIX = re.compile(rf"(?i:{'|'.join(PREFIXES)}):")


def quote(text: str) -> str:
    """Text typed by the user, quoted for a message: the first QUOTED characters, then an ellipsis."""
    return repr(text if len(text) <= QUOTED else text[:QUOTED] + "…")


def _check_size(query: str) -> None:
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"The search is {len(query):,} characters long; give at most {MAX_QUERY_CHARS:,} "
                         f"(it starts {quote(query)}).")


def _tokens(query: str) -> list[tuple[str, str]]:
    out, at = [], 0
    while at < len(query):
        found = _TOKEN.match(query, at)
        if not found or found.end() == at:
            break
        at = found.end()
        if found.group("prefix"):
            out.append(("prefix", (found.group("prefix").lower(), found.group("value").strip('"').strip())))
        elif found.group("section"):
            out.append(("prefix", ("item", found.group("section").lstrip("§").strip())))
        elif found.group("quote") is not None:
            quoted = found.group("quote")
            if len(quoted) < 2 or not quoted.endswith('"'):
                raise QueryError(f"The search has an opening quote without a closing one: {quote(query)}. {HELP}")
            out.append(("phrase", quoted[1:-1]))
        elif found.group("open"):
            out.append(("open", "("))
        elif found.group("close"):
            out.append(("close", ")"))
        elif found.group("word"):
            word = found.group("word")
            out.append(("op", word) if word in ("AND", "OR", "NOT") else ("word", word))
    return out


def _filters(tokens: list[tuple[str, str]], query: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Take the field:value filters out of the words. They apply to the whole search, so one inside
    parentheses or beside OR/NOT would be ambiguous and is refused."""
    words, filters, depth = [], {}, 0
    for at, (kind, value) in enumerate(tokens):
        depth += (kind == "open") - (kind == "close")
        if kind != "prefix":
            words.append((kind, value))
            continue
        field, text = value
        beside = {tokens[at - 1] if at else None, tokens[at + 1] if at + 1 < len(tokens) else None}
        if depth or beside & {("op", "OR"), ("op", "NOT"), ("op", "AND")}:
            raise QueryError(f"{field}:{quote(text)} filters the whole search; it cannot stand inside parentheses or beside "
                             f"AND/OR/NOT in {quote(query)}.")
        if not text:
            raise QueryError(f"{field}: needs a value, as in {field}:{_EXAMPLES[field]}.")
        if field in filters and filters[field].casefold() != text.casefold():
            raise QueryError(f"{field}: is given twice ({quote(filters[field])} and {quote(text)}); give it once.")
        filters[field] = text
    terms = sum(kind in ("word", "phrase") for kind, _ in words)
    if terms > MAX_TERMS:
        raise QueryError(f"The search has {terms} words and phrases; give at most {MAX_TERMS} (it starts {quote(query)}).")
    return words, filters


_EXAMPLES = {"person": '"Anna Svensson"', "body": "kommunstyrelsen", "kind": "decision", "title": "budget",
             "date": "2007-01..2007-06", "item": "40"}


class _Parser:
    def __init__(self, query: str):
        self.query = query
        _check_size(query)
        self.tokens, self.filters = _filters(_tokens(query), query)
        self.at = 0
        self.depth = 0  # parentheses and NOTs open around the token being read

    def peek(self):
        return self.tokens[self.at] if self.at < len(self.tokens) else (None, None)

    def fail(self, why: str):
        raise QueryError(f"{why} in the search {quote(self.query)}. {HELP}")

    def deeper(self):
        """Enter a parenthesis or a NOT: refused past MAX_DEPTH, before the parser recurses any further."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError(f"The search nests parentheses or NOTs more than {MAX_DEPTH} deep; "
                             f"write it more simply (it starts {quote(self.query)}).")

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
            self.deeper()
            node = Not(self.unary())
            self.depth -= 1
            return node
        if kind == "word" and value.startswith("-") and len(value) > 1:
            if _PREFIX.match(value[1:]):
                self.fail(f"{quote(value)} would leave a filter out; filters can only narrow a search")
            self.at += 1
            return Not(self._word(value[1:]))
        return self.primary()

    def _word(self, text: str):
        if len(text) > MAX_WORD_CHARS:
            self.fail(f"{quote(text)} is {len(text)} characters long; a word may have at most {MAX_WORD_CHARS}")
        fuzzy = text.endswith("~")
        text = text.rstrip("~")
        if not re.search(r"\w", text):
            self.fail(f"{quote(text or '~')} is not a word")
        if "*" in text:
            if fuzzy:
                self.fail(f"{quote(text + '~')} mixes a wildcard with spelling variants; use one of them")
            if len(re.sub(r"\W", "", text)) < MIN_WILDCARD_LETTERS:
                self.fail(f"{quote(text)} needs at least {MIN_WILDCARD_LETTERS} letters besides the *")
            return Word(text, wildcard=True)
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
            self.deeper()
            node = self.either()
            if self.peek()[0] != "close":
                self.fail("A parenthesis is not closed")
            self.at += 1
            self.depth -= 1
            return node
        self.fail("Something is missing")


def parse_query(query: str | None) -> tuple[object, dict[str, str]]:
    """(the words as a small tree of Word, Phrase, And, Or and Not, or None; the field:value filters typed)."""
    parser = _Parser(query or "")
    return parser.parse(), parser.filters


def parse(query: str | None):
    """The words of a query as a tree; a typed filter is an error here (only the search plan reads them)."""
    tree, filters = parse_query(query)
    if filters:
        raise QueryError(f"Filters ({', '.join(f + ':' for f in filters)}) are not allowed here.")
    return tree
