"""From our query tree to what the index is asked: stemmed, accent-folded, compound and abbreviation forms of each
word, as engine-neutral lookups (lookups.py) that Whoosh and Solr both run."""
from __future__ import annotations

from whoosh.analysis import LowercaseFilter, RegexTokenizer

from .analysis import compounds, english, folded, has_accents, swedish
from .grammar import And, Not, Or, Phrase, QueryError, Word, quote
from .lookups import Fuzzy, Nothing, Phrase as PhraseLookup, Term, Without, all_of, any_of

TEXT_FIELDS = ("text_sv", "text_en")
# A word no record holds: an engine must not drop it from an AND, or "volx* budget" would become "budget".
NOTHING = Nothing()
_ANALYZERS = {"text_sv": swedish(), "text_en": english(), "folded": folded(), "parts": compounds(),
              "words": RegexTokenizer() | LowercaseFilter()}


def analyse(field: str, text: str) -> list[str]:
    return [t.text for t in _ANALYZERS[field](text)]


def _phrase_or_term(field: str, tokens: list[str]):
    if not tokens:
        return None
    return Term(field, tokens[0]) if len(tokens) == 1 else PhraseLookup(field, tuple(tokens))


MAX_FUZZY_CHARS = 24  # longer words are looked up as typed: a fuzzy scan's cost grows with the word's length


def _fuzzy(field: str, tokens: list[str]):
    if len(tokens) != 1:
        return None
    if len(tokens[0]) > MAX_FUZZY_CHARS:
        return Term(field, tokens[0])
    distance = 2 if len(tokens[0]) >= 8 else 1
    return Fuzzy(field, tokens[0], distance, prefix=1)


class Builder:
    def __init__(self, glossary: dict[str, str], all_fuzzy: bool = False, english: bool = True, expand=None):
        self.glossary = glossary
        self.english = english  # whether any English document is indexed
        self.reverse = {long.casefold(): short for short, long in glossary.items()}
        self.all_fuzzy = all_fuzzy
        self.expand = expand  # pattern -> the indexed words it stands for (bounded; see Searcher.expand)

    def build(self, node):
        if isinstance(node, Word):
            return self.word(node)
        if isinstance(node, Phrase):
            return self.phrase(node.words)
        if isinstance(node, And):
            positive = [self.build(p) for p in node.parts if not isinstance(p, Not)]
            negative = [self.build(p.part) for p in node.parts if isinstance(p, Not)]
            positive, negative = [p for p in positive if p], [n for n in negative if n]
            if not positive:
                raise QueryError("A search cannot only leave words out; add a word to look for.")
            both = all_of(positive)
            return Without(both, any_of(negative)) if negative else both
        if isinstance(node, Or):
            parts = [p for p in (self.build(p) for p in node.parts) if p]
            return any_of(parts) if parts else None
        if isinstance(node, Not):
            raise QueryError("A search cannot only leave words out; add a word to look for.")
        raise TypeError(node)

    def word(self, word: Word):
        """One word's forms. Unaccented words search the folded field, which holds everything the
        Swedish field holds; accented ones search the Swedish field only ("år" must not find "ar").
        Compound parts widen the set; a match in the title is rewarded afterwards (see `rerank`)."""
        text = word.text
        if word.wildcard:
            if self.expand is None:
                raise QueryError(f"{quote(text)}: wildcards cannot be used here.")
            found = self.expand(text)
            return any_of([Term("words", w) for w in found]) if found else NOTHING
        fuzzy = word.fuzzy or self.all_fuzzy
        make = _fuzzy if fuzzy else _phrase_or_term
        main = [make("text_sv" if has_accents(text) else "folded", analyse("text_sv" if has_accents(text) else "folded", text))]
        if self.english:
            main.append(make("text_en", analyse("text_en", text)))
        if fuzzy:
            main.append(_fuzzy("words", analyse("words", text)))
        main = [m for m in main if m is not None]
        core = any_of(main) if main else None
        stems = analyse("text_sv", text)
        forms = [core] if core is not None else []
        if len(stems) == 1 and not fuzzy:
            forms.append(Term("parts", stems[0]))
        expansion = self.glossary.get(text.upper()) if text.isupper() or text.upper() in self.glossary else None
        if expansion:
            forms.append(self.phrase(tuple(expansion.split()), expand=False))
        forms = [f for f in forms if f is not None]
        return any_of(forms) if forms else None

    def phrase(self, words: tuple[str, ...], expand: bool = True):
        text = " ".join(words)
        forms = [_phrase_or_term(field, analyse(field, text)) for field in TEXT_FIELDS]
        if not has_accents(text):
            forms.append(_phrase_or_term("folded", analyse("folded", text)))
        short = self.reverse.get(text.casefold()) if expand else None
        if short:
            forms.append(self.word(Word(short)))
        forms = [f for f in forms if f is not None]
        return any_of(forms) if forms else None
