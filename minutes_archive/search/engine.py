"""Running a search plan on Whoosh: all the words first, then most of them, then spelling variants; facets;
every matching id in order for streaming exports."""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from itertools import chain

from whoosh import query as wq

from .builder import analyse
from .grammar import QueryError, Word, parse
from .lookups import marked_terms
from .plan import Plan, SearchRequest, builder, make_plan, order_by
from .relax import partial_matches
from .responses import FACETS, facet_counts, hit as _hit, response
from .searcher import Searcher
from .snippets import matcher
from .whoosh_query import whoosh_query

EXACT_BELOW = 2000  # totals below this are counted exactly
RERANK_POOL, RERANK_MIN = 2, 40  # hits fetched per hit shown, for re-ranking by title
TITLE_BONUS = 1.5


def _suggest(s: Searcher, plan: Plan) -> str | None:
    """A respelling worth offering: never the query itself, and only one that finds something under the same
    filters ("kulturstipendium budgeten" is no help when it too finds nothing)."""
    words = [w.text.lower() for w in typed_words(plan.tree) if not w.wildcard]
    corrector = s.searcher.corrector("words")
    fixed, seen = [], {}
    for word in words:
        if word not in seen:  # a repeated word costs one lookup; prefix=1 as the fuzzy fallback's own
            suggestion = corrector.suggest(word, limit=1, maxdist=2, prefix=1) if not _found(s, word) else None
            seen[word] = suggestion[0] if suggestion else word
        fixed.append(seen[word])
    if fixed == words:
        return None
    respelt = " ".join(fixed)
    try:
        built = whoosh_query(builder(s).build(parse(respelt)))
    except QueryError:  # a respelling that reads as an operator or a stray symbol
        return None
    return respelt if built is not None and _search(s, built, plan.request, plan.allowed)[1] else None


def _found(s: Searcher, word: str) -> bool:
    """Whether a word finds anything by itself (as a stem, a compound part, an abbreviation): such a word is
    kept as typed, and only the others are respelt."""
    try:
        built = whoosh_query(builder(s).build(parse(word)))
    except QueryError:
        return False
    return built is not None and next(iter(s.searcher.docs_for_query(built)), None) is not None  # one match, unscored


def typed_words(node):
    if isinstance(node, Word):
        yield node
    for child in getattr(node, "parts", ()) or ([node.part] if hasattr(node, "part") else []):
        yield from typed_words(child)


def run(s: Searcher, conn, request: SearchRequest, people) -> dict:
    """One page of hits: records with all the words; when they do not fill the page, records with most of them
    (marked partial); only when neither finds anything, spelling variants."""
    plan = make_plan(s, conn, request, people)
    request = plan.request
    if plan.nothing:
        return _response(s, conn, plan, 0, [])
    if plan.tree is None:
        return _browse(s, conn, plan)
    results, total, exact = _search(s, plan.query, request, plan.allowed, plan.tree)
    matches = matcher(*marked_terms(plan.lookup))
    hits = [_hit(fields, score, matches, request.mask) for fields, score in results]
    partial_total = 0
    if total < request.limit and request.partial:
        offset = max(0, (request.page - 1) * request.limit - total)
        partial_total, partial = partial_matches(s, plan, offset, request.limit - len(hits))
        hits += [_hit(s.searcher.stored_fields(n), score, matches, request.mask, missing) for n, score, missing in partial]
    if total or partial_total:
        suggestion = _suggest(s, plan) if not total else None
        return _response(s, conn, plan, total, hits, exact=exact, partial=partial_total, suggestion=suggestion)
    suggestion = _suggest(s, plan)
    fuzzy = spelling_variants(s, plan)
    results, total, exact = _search(s, whoosh_query(fuzzy), request, plan.allowed, plan.tree)
    hits = [_hit(fields, score, matcher(*marked_terms(fuzzy)), request.mask) for fields, score in results]
    return _response(s, conn, plan, total, hits, exact=exact, fuzzy=True, suggestion=suggestion)


def spelling_variants(s, plan):
    """The last resort of `run` and `iter_ids` alike (on either engine): every word widened to its spelling
    variants, as lookups."""
    return builder(s, all_fuzzy=True).build(plan.tree) or plan.lookup


def _by_date(s: Searcher, docs, sort: str, count: int | None = None) -> list[int]:
    """Filter-only results in date order: oldest first for --sort date, else newest first (within a day, by
    document number); with `count`, only the first that many."""
    if count is not None and len(docs) * WIDE_FILTER >= len(s.all_docs()):
        return _first_by_date(s, docs, sort, count)
    days = s.days()
    newest = sort != "date"
    return sorted(docs, key=lambda n: (-days[n], n) if newest else (days[n], n))[:count]


WIDE_FILTER = 4  # a filter that lets through a quarter of the records or more is read in date order, not sorted


def _first_by_date(s: Searcher, docs, sort: str, count: int) -> list[int]:
    """The first `count` of many records in date order, picked from the searcher's date-ordered list of all
    records instead of sorting them all (a page of a ten-year browse at 100k items: 150 ms -> a few)."""
    days, ordered = s.by_day()  # by (day, document number)
    out: list[int] = []
    if sort == "date":
        for n in ordered:
            if n in docs:
                out.append(n)
                if len(out) == count:
                    break
        return out
    end = len(ordered)
    while end and len(out) < count:  # newest day first; within a day, document numbers ascending as when sorted
        start = bisect_left(days, days[end - 1], 0, end)
        out += [n for n in ordered[start:end] if n in docs]
        end = start
    return out[:count]


def _browse(s: Searcher, conn, plan: Plan) -> dict:
    """No words, only filters: the matching records by date, without scoring every document."""
    request = plan.request
    docs = plan.allowed if plan.allowed is not None else s.all_docs()
    start = (request.page - 1) * request.limit
    ordered = _by_date(s, docs, request.sort, start + request.limit)[start:]
    hits = [_hit(s.searcher.stored_fields(n), None, lambda word: False, request.mask) for n in ordered]
    return _response(s, conn, plan, len(docs), hits)


def _response(s, conn, plan: Plan, total, hits, exact=True, partial=0, fuzzy=False, suggestion=None) -> dict:
    facets = _facets(s, conn, plan) if plan.request.facets else None
    return response(plan.request, plan.person, total, hits, exact, partial, fuzzy, suggestion, facets)


def _search(s: Searcher, built, request: SearchRequest, allowed, tree=None):
    """(this page's hits as (fields, score), total, whether the total is exact).

    By relevance, a pool of the best hits is re-ranked so that items whose title holds the words come
    first (a title field in the query itself would stop Whoosh from skipping the weak matches); the
    titles are looked up in the index, so only the hits shown have their stored fields read.
    """
    wanted = request.page * request.limit
    pool = wanted if request.sort != "relevance" else max(wanted * RERANK_POOL, RERANK_MIN)
    results = s.searcher.search(built, limit=pool, filter=allowed, **order_by(request.sort))
    ranked = [(hit.docnum, hit.score) for hit in results]
    if request.sort == "relevance":
        ranked = rerank(s, ranked, title_words(tree))
    page = [(s.searcher.stored_fields(n), score) for n, score in ranked[(request.page - 1) * request.limit:wanted]]
    total, exact = _count(results, pool)
    return page, total, exact


def _count(results, limit: int) -> tuple[int, bool]:
    """How many records match. A pool that was not filled holds every match; otherwise they are counted,
    exactly up to EXACT_BELOW (Whoosh's estimate, an upper bound, beyond)."""
    if results.has_exact_length():
        return len(results), True
    if results.scored_length() < limit:
        return results.scored_length(), True
    estimate = results.estimated_length()
    if estimate >= EXACT_BELOW:
        return estimate, False
    return len(results), True


def title_words(tree) -> set[str]:
    return {form for word in typed_words(tree) if not word.wildcard for form in analyse("folded", word.text)} \
        if tree is not None else set()


def rerank(s: Searcher, hits: list[tuple[int, float]], words: set[str]) -> list[tuple[int, float]]:
    """Reward a match in the item's title: the share of query words found there adds up to TITLE_BONUS."""
    if not words:
        return hits
    titled = [s.docset(("title-word", w), lambda w=w: wq.Term("title_text", w)) for w in words]

    def score(docnum: int, base: float) -> float:
        return title_score(base, sum(docnum in docs for docs in titled), len(words))
    return sorted(((n, score(n, base)) for n, base in hits), key=lambda h: -h[1])


def title_score(base: float, in_title: int, words: int) -> float:
    """A hit's score with the bonus for `in_title` of the query's `words` found in its item's title."""
    return base * (1 + TITLE_BONUS * in_title / words)


def _facets(s: Searcher, conn, plan: Plan) -> dict:
    if plan.nothing:
        return {name: {} for name in FACETS}
    if plan.tree is None:  # no words: the records the filters allow (all of them without a filter)
        matched = plan.allowed if plan.allowed is not None else s.all_docs()
    else:  # no scoring: only which records count
        matched = [n for n in s.searcher.docs_for_query(plan.query) if plan.allowed is None or n in plan.allowed]
    return facet_counts(conn, {name: Counter(chain.from_iterable(map(s.facet_values(name).__getitem__, matched)))
                               for name in FACETS})


def iter_ids(s: Searcher, conn, request: SearchRequest, people):
    """Every record a search lists on all its pages, in the same order, without building hits: for streaming
    exports (the same plan as `run`: all the words, then most of them, then spelling variants). The plan is
    made here, so a mistake in the search is reported before anything is written."""
    return _ids(s, make_plan(s, conn, request, people))


def _ids(s: Searcher, plan: Plan):
    request = plan.request
    if plan.nothing:
        return
    if plan.tree is None:
        for n in _by_date(s, plan.allowed if plan.allowed is not None else s.all_docs(), request.sort):
            yield s.searcher.stored_fields(n)["id"]
        return
    results = s.searcher.search(plan.query, limit=None, filter=plan.allowed, **order_by(request.sort))
    total = len(results)
    for docnum in (hit.docnum for hit in results):
        yield s.searcher.stored_fields(docnum)["id"]
    partial = []
    if total < request.limit and request.partial:
        partial = partial_matches(s, plan, 0, None)[1]
        for docnum, _, _ in partial:
            yield s.searcher.stored_fields(docnum)["id"]
    if not total and not partial:
        fuzzy = whoosh_query(spelling_variants(s, plan))
        for hit in s.searcher.search(fuzzy, limit=None, filter=plan.allowed, **order_by(request.sort)):
            yield hit.fields()["id"]
