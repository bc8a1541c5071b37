"""Lookups (lookups.py) as Whoosh queries."""
from __future__ import annotations

from functools import lru_cache
from weakref import WeakKeyDictionary

from whoosh import query as wq
from whoosh.automata import lev
from whoosh.codec.base import Automata
from whoosh.reading import SegmentReader

from .lookups import AllOf, AnyOf, Everything, Fuzzy, Nothing, Phrase, Term, Without

# A word no record holds: Whoosh drops an empty query from an AND, so "volx* budget" would become "budget".
_NOTHING = wq.Term("kind", "\x00")


class FuzzyTerm(wq.FuzzyTerm):
    """Whoosh's fuzzy term, with the words it stands for looked up once per index reader: Whoosh builds a
    Levenshtein automaton and walks the word list each time it sizes, matches or re-runs the term, which made
    every fuzzy word cost several scans (a 50-word search fell back to 350 of them)."""

    _found: WeakKeyDictionary = WeakKeyDictionary()

    def _btexts(self, ixreader):
        known = self._found.setdefault(ixreader, {})
        key = (self.fieldname, self.text, self.maxdist, self.prefixlength)
        if key not in known:
            if isinstance(ixreader, SegmentReader):  # the automaton is shared by the fields a word is looked up in
                cursor = ixreader.cursor(ixreader.schema[self.fieldname].spelling_fieldname(self.fieldname))
                known[key] = list(Automata.find_matches(_automaton(self.text, self.maxdist, self.prefixlength), cursor))
            else:
                known[key] = list(super()._btexts(ixreader))
        return known[key]


@lru_cache(maxsize=512)
def _automaton(text: str, maxdist: int, prefix: int):
    return lev.levenshtein_automaton(text, maxdist, prefix).to_dfa()


def whoosh_query(node):
    if node is None:
        return None
    if isinstance(node, Term):
        return wq.Term(node.field, node.text)
    if isinstance(node, Phrase):
        return wq.Phrase(node.field, list(node.words))
    if isinstance(node, Fuzzy):
        return FuzzyTerm(node.field, node.text, maxdist=node.distance, prefixlength=node.prefix)
    if isinstance(node, AnyOf):
        return wq.Or([whoosh_query(p) for p in node.parts])
    if isinstance(node, AllOf):
        return wq.And([whoosh_query(p) for p in node.parts])
    if isinstance(node, Without):
        return wq.AndNot(whoosh_query(node.wanted), whoosh_query(node.unwanted))
    if isinstance(node, Nothing):
        return _NOTHING
    if isinstance(node, Everything):
        return wq.Every()
    raise TypeError(node)
