"""Partial matches: records holding most of the words, for when all of them find too little.

"kulturstipendium budget" finds no record with both words, but the kulturstipendium items and the
budget follow-up are what the researcher wants to see, ranked by how many of the words they hold and
marked with the words they lack, never passed off as full matches.
"""
from __future__ import annotations

import math
from itertools import islice
from collections import Counter

from whoosh import query as wq

from .grammar import Not
from .plan import Plan, builder, describe, order_by
from .searcher import Searcher
from .whoosh_query import whoosh_query


def partial_matches(s: Searcher, plan: Plan, offset: int, count: int | None) -> tuple[int, list[tuple[int, float, list[str]]]]:
    """(how many records hold most but not all of the words, [(document number, score, the words it lacks)] for
    the window offset..offset+count, or all of them when count is None), more words first, then best first."""
    b = builder(s)
    parts = [(describe(p), whoosh_query(b.build(p))) for p in plan.parts()]
    parts = [(label, q) for label, q in parts if q is not None]  # a part of only common words says nothing
    if len(parts) < 2 or count == 0:
        return 0, []
    left_out = [whoosh_query(b.build(p.part)) for p in plan.tree.parts if isinstance(p, Not)]
    excluded = set(s.searcher.docs_for_query(wq.Or([q for q in left_out if q]))) if any(left_out) else set()
    sets = []
    for _, q in parts:
        docs = set(s.searcher.docs_for_query(q))
        sets.append((docs & plan.allowed if plan.allowed is not None else docs) - excluded)
    held = Counter()
    for docs in sets:
        held.update(docs)
    least = max(1, math.ceil(len(parts) / 2))  # "most of the words": at least half of them
    levels = [[n for n, k in held.items() if k == level] for level in range(len(parts) - 1, least - 1, -1)]
    total = sum(map(len, levels))
    ranking = wq.Or([q for _, q in parts])
    sort = plan.request.sort
    out: list[tuple[int, float, list[str]]] = []
    for docs in levels:
        if count is not None and len(out) >= count:
            break
        if offset >= len(docs):
            offset -= len(docs)
            continue
        limit = None if count is None else offset + count - len(out)
        # When every record holding any of the words is a candidate, the words ORed need no filter, and Whoosh
        # can skip the weak matches instead of scoring every candidate.
        whole = len(levels) == 1 and least == 1 and not excluded and plan.allowed is None and len(docs) == len(held)
        results = s.searcher.search(ranking, filter=None if whole else set(docs), limit=limit, **order_by(sort))
        for hit in islice(results, offset, None):  # not list(): its length hint makes Whoosh count every match
            missing = [label for (label, _), found in zip(parts, sets) if hit.docnum not in found]
            out.append((hit.docnum, hit.score or 0.0, missing))
        offset = 0
    return total, out
