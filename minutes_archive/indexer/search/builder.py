"""From our query tree to a Whoosh query: stemmed, accent-folded, compound and abbreviation forms of each word."""
from __future__ import annotations

from whoosh import query as wq
from whoosh.analysis import LowercaseFilter, RegexTokenizer

from .analysis import compounds, english, folded, has_accents, swedish
from .grammar import And, Not, Or, Phrase, QueryError, Word

TEXT_FIELDS = ("text_sv", "text_en")
_ANALYZERS = {"text_sv": swedish(), "text_en": english(), "folded": folded(), "parts": compounds(),
              "words": RegexTokenizer() | LowercaseFilter()}


def analyse(field: str, text: str) -> list[str]:
    return [t.text for t in _ANALYZERS[field](text)]


def _phrase_or_term(field: str, tokens: list[str]):
    if not tokens:
        return None
    return wq.Term(field, tokens[0]) if len(tokens) == 1 else wq.Phrase(field, tokens)


def _fuzzy(field: str, tokens: list[str]):
    if len(tokens) != 1:
        return None
    distance = 2 if len(tokens[0]) >= 8 else 1
    return wq.FuzzyTerm(field, tokens[0], maxdist=distance, prefixlength=1)


class Builder:
    def __init__(self, glossary: dict[str, str], all_fuzzy: bool = False):
        self.glossary = glossary
        self.reverse = {long.casefold(): short for short, long in glossary.items()}
        self.all_fuzzy = all_fuzzy

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
            both = wq.And(positive) if len(positive) > 1 else positive[0]
            return wq.AndNot(both, wq.Or(negative)) if negative else both
        if isinstance(node, Or):
            parts = [p for p in (self.build(p) for p in node.parts) if p]
            return wq.Or(parts) if parts else None
        if isinstance(node, Not):
            raise QueryError("A search cannot only leave words out; add a word to look for.")
        raise TypeError(node)

    def word(self, word: Word):
        text = word.text
        fuzzy = word.fuzzy or self.all_fuzzy
        forms = []
        for field in TEXT_FIELDS:
            tokens = analyse(field, text)
            forms.append(_fuzzy(field, tokens) if fuzzy else _phrase_or_term(field, tokens))
        if not has_accents(text):  # "år" must not find "ar"; "narva" may find "Närvä"
            tokens = analyse("folded", text)
            forms.append(_fuzzy("folded", tokens) if fuzzy else _phrase_or_term("folded", tokens))
        if fuzzy:
            forms.append(_fuzzy("words", analyse("words", text)))
        stems = analyse("text_sv", text)
        if len(stems) == 1 and not fuzzy:
            forms.append(wq.Term("parts", stems[0]))
            forms.append(wq.Term("heading", stems[0]))
        expansion = self.glossary.get(text.upper()) if text.isupper() or text.upper() in self.glossary else None
        if expansion:
            forms.append(self.phrase(tuple(expansion.split()), expand=False))
        forms = [f for f in forms if f is not None]
        return wq.Or(forms) if forms else None

    def phrase(self, words: tuple[str, ...], expand: bool = True):
        text = " ".join(words)
        forms = [_phrase_or_term(field, analyse(field, text)) for field in TEXT_FIELDS]
        if not has_accents(text):
            forms.append(_phrase_or_term("folded", analyse("folded", text)))
        short = self.reverse.get(text.casefold()) if expand else None
        if short:
            forms.append(self.word(Word(short)))
        forms = [f for f in forms if f is not None]
        return wq.Or(forms) if forms else None
