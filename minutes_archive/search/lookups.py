"""What a search looks up in the index, before any engine: terms, phrases and spelling variants in named fields,
combined with all/any/without.

The query tree (grammar.py) says what the user typed; the builder turns each word into the forms the index holds
(stems, folded forms, compound parts, abbreviations). Both engines run the result of the same builder, so Whoosh
and Solr look up the very same terms: only the translation to each engine's query differs (whoosh_query.py,
solr/query.py).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    field: str
    text: str


@dataclass(frozen=True)
class Phrase:
    field: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Fuzzy:
    """Words within `distance` edits of `text` that share its first `prefix` letters."""
    field: str
    text: str
    distance: int
    prefix: int = 1


@dataclass(frozen=True)
class AnyOf:
    parts: tuple


@dataclass(frozen=True)
class AllOf:
    parts: tuple


@dataclass(frozen=True)
class Without:
    wanted: object
    unwanted: object


@dataclass(frozen=True)
class Nothing:
    """A lookup no record matches (a wildcard that stands for no word): it must not drop out of an AllOf."""


@dataclass(frozen=True)
class Everything:
    """No words: every record the filters allow."""


def any_of(parts: list):
    return parts[0] if len(parts) == 1 else AnyOf(tuple(parts))


def all_of(parts: list):
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts))


def leaves(node):
    """The terms, phrases and spelling variants of a lookup, for highlighting what it found."""
    if isinstance(node, (Term, Phrase, Fuzzy)):
        yield node
    elif isinstance(node, (AnyOf, AllOf)):
        for part in node.parts:
            yield from leaves(part)
    elif isinstance(node, Without):
        yield from leaves(node.wanted)
        yield from leaves(node.unwanted)


def marked_terms(node) -> tuple[set[tuple[str, str]], set[tuple[str, str, int]]]:
    """(field, text) of every term and phrase word, and (field, text, distance) of every spelling variant: what
    snippets.matcher needs to mark the words a hit was found by."""
    terms, fuzzy = set(), set()
    for leaf in leaves(node):
        if isinstance(leaf, Phrase):
            terms.update((leaf.field, w) for w in leaf.words)
        else:
            terms.add((leaf.field, leaf.text))
            if isinstance(leaf, Fuzzy):
                fuzzy.add((leaf.field, leaf.text, leaf.distance))
    return terms, fuzzy
