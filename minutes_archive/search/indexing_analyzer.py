"""An analyzer that gives the same tokens as a Whoosh chain but works out each distinct word only once.

Indexing runs every token of four text fields through a chain of generators (lower-casing, stop words,
accent folding, stemming, compound splitting), and that was half the cost of building the index. Every filter
in these chains looks at one token alone, so a word's terms are the same wherever it stands: they are
computed once per word and remembered. Only indexing takes this short way; queries, highlighting and any call
asking for character offsets go through the chain itself.
"""
from __future__ import annotations

import re

from whoosh.analysis import Analyzer, CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter, Token
from whoosh.fields import TEXT
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

MAX_WORDS = 500_000  # remembered words per analyzer; past this the memory starts afresh
# Filters that turn one token into at most one, dropping only stop words: with these the positions can be
# worked out from the words alone (the stop filter numbers the kept tokens on from the first kept one).
_ONE_TO_ONE = (LowercaseFilter, CharsetFilter, StemFilter, StopFilter)

_WHOOSH_WORD = re.compile(r"[\w\*]+(\.?[\w\*]+)*")  # RegexTokenizer's default pattern
_WORD = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")
_generation = 0  # raised when remembered words go stale


def forget_words() -> None:
    """Drop every remembered word: a filter's answer changed (the compound parts follow the vocabulary)."""
    global _generation
    _generation += 1


class IndexingAnalyzer(Analyzer):
    """`chain` (a RegexTokenizer and per-token filters), with each word's terms remembered while indexing."""

    def __init__(self, chain):
        tokenizer, *filters = chain.items
        if type(tokenizer) is not RegexTokenizer or tokenizer.gaps:
            raise ValueError("IndexingAnalyzer needs a chain that starts with a matching RegexTokenizer")
        self.chain = chain
        self._setup()

    def _setup(self) -> None:
        tokenizer, *self.filters = self.chain.items
        self.expression = tokenizer.expression
        if self.expression.pattern == _WHOOSH_WORD.pattern:  # the same matches, and findall then gives them whole
            self.expression = _WORD
        self.plain = self.expression.groups == 0
        self.positional = all((type(f) in _ONE_TO_ONE or getattr(f, "one_to_one", False))
                              and (type(f) is not StopFilter or f.renumber) for f in self.filters)
        self.words: dict[str, tuple[str, ...]] = {}
        self.generation = _generation

    def __getstate__(self):
        return {"chain": self.chain}  # the schema is pickled into the index: no remembered words

    def __setstate__(self, state):
        self.chain = state["chain"]
        self._setup()

    def __eq__(self, other):
        return type(self) is type(other) and self.chain == other.chain

    def __repr__(self):
        return f"{type(self).__name__}({self.chain!r})"

    def has_morph(self):
        return self.chain.has_morph()

    def clean(self):
        self.chain.clean()
        self.words.clear()

    def _terms(self, word: str) -> tuple[str, ...]:
        """The texts the chain's filters make of one token: () when it is dropped, several for a compound."""
        token = Token(positions=True, removestops=True, mode="index", text=word, boost=1.0, stopped=False, pos=0)
        stream = iter((token,))
        for f in self.filters:
            stream = f(stream)
        return tuple(t.text for t in stream)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True, start_pos=0,
                 start_char=0, tokenize=True, mode="", **kwargs):
        if (mode != "index" or chars or keeporiginal or not removestops or start_pos or start_char or not tokenize
                or not isinstance(value, str) or (positions and not self.positional)):
            return self.chain(value, positions=positions, chars=chars, keeporiginal=keeporiginal,
                              removestops=removestops, start_pos=start_pos, start_char=start_char,
                              tokenize=tokenize, mode=mode, **kwargs)
        return self._index(value, positions, mode, kwargs)

    def _found(self):
        """The remembered words, for this vocabulary."""
        if len(self.words) > MAX_WORDS or self.generation != _generation:
            self.words, self.generation = {}, _generation
        return self.words

    def places(self, value: str) -> dict[str, list[int]]:
        """Each term of `value` with its positions, as indexing the chain's tokens would find them."""
        words, terms, out = self._found(), self._terms, {}
        pos = None
        for index, word in enumerate(self.expression.findall(value) if self.plain else
                                     (m.group(0) for m in self.expression.finditer(value))):
            found = words.get(word)
            if found is None:
                found = words[word] = terms(word)
            if found:
                pos = index if pos is None else pos + 1  # see _index
                for text in found:
                    out.setdefault(text, []).append(pos)
        return out

    def sequence(self, value: str) -> list[str]:
        """The terms of `value` in order (a compound's parts one after the other), as indexing finds them: for an
        engine that is handed analysed words (Solr) and numbers their positions itself."""
        words, terms, out = self._found(), self._terms, []
        for word in (self.expression.findall(value) if self.plain else
                     (m.group(0) for m in self.expression.finditer(value))):
            found = words.get(word)
            if found is None:
                found = words[word] = terms(word)
            out.extend(found)
        return out

    def counts(self, value: str) -> dict[str, int]:
        """Each term of `value` with how often it occurs."""
        words, terms, out = self._found(), self._terms, {}
        for word in (self.expression.findall(value) if self.plain else
                     (m.group(0) for m in self.expression.finditer(value))):
            found = words.get(word)
            if found is None:
                found = words[word] = terms(word)
            for text in found:
                out[text] = out.get(text, 0) + 1
        return out

    def _index(self, value, positions, mode, kwargs):
        words, terms = self._found(), self._terms
        token = Token(positions, False, removestops=True, mode=mode, **kwargs)
        token.boost = 1.0
        token.stopped = False
        pos = None
        for index, match in enumerate(self.expression.finditer(value)):
            word = match.group(0)
            found = words.get(word)
            if found is None:
                found = words[word] = terms(word)
            if positions and found:
                # as the stop filter numbers them: the first kept token keeps its place, the others follow it
                pos = index if pos is None else pos + 1
                token.pos = pos
            for text in found:
                token.text = text
                yield token


class WordText(TEXT):
    """A TEXT field that turns its analyzer's terms into postings directly, without a token stream in between.

    Gives what TEXT.index gives through its format (Positions or Frequency): the positions or count of each
    term, a weight of one per occurrence times the field boost; anything else goes the usual way.
    """

    def index(self, value, **kwargs):
        fmt, analyzer = self.format, self.analyzer
        if kwargs or not isinstance(value, str) or not isinstance(analyzer, IndexingAnalyzer) \
                or type(fmt) not in (Positions, Frequency) or (type(fmt) is Positions and not analyzer.positional):
            yield from super().index(value, **kwargs)
            return
        boost = fmt.field_boost
        if type(fmt) is Positions:
            for term, places in analyzer.places(value).items():
                yield term.encode("utf-8"), len(places), float(len(places)) * boost, fmt.encode(places)
        else:
            for term, count in analyzer.counts(value).items():
                yield term.encode("utf-8"), count, float(count) * boost, pack_uint(count)
