"""Searching the index: our query language, filters computed once per searcher, facets, fuzzy fallback."""
from __future__ import annotations

import difflib
import math
from functools import lru_cache
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh import sorting

from ...archive.catalog import rows
from .builder import Builder, analyse
from .grammar import QueryError, Word, parse
from .periods import date_range
from ...cite.masking import mask
from .snippets import matcher, snippet

KINDS = ("item", "decision", "footnote", "memo", "preamble", "closing")
EXACT_BELOW = 2000  # totals below this are counted exactly
RERANK_POOL, RERANK_MIN = 2, 40  # hits fetched per hit shown, for re-ranking by title
TITLE_BONUS = 1.5


@dataclass
class SearchRequest:
    query: str | None = None
    person: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    date: str | None = None
    body: str | None = None
    kind: str | None = None
    sort: str = "relevance"
    limit: int = 20
    page: int = 1
    facets: bool = False
    mask: bool = True  # personal identity numbers hidden in snippets

    def check(self) -> None:
        if self.kind and self.kind not in KINDS:
            raise QueryError(f"--kind must be one of {', '.join(KINDS)}, not {self.kind!r}.")
        if self.sort not in ("relevance", "date"):
            raise QueryError(f"--sort must be relevance or date, not {self.sort!r}.")
        if self.limit < 1 or self.page < 1:
            raise QueryError("--limit and --page must be 1 or more.")


@dataclass
class Searcher:
    """One open Whoosh searcher plus the filter document sets computed for it."""

    searcher: object
    glossary: dict[str, str]
    filters: dict = field(default_factory=dict)

    def person(self, name: str, resolve) -> dict:
        key = ("person-name", name.casefold())
        if key not in self.filters:
            self.filters[key] = resolve()
        return self.filters[key]

    def english(self) -> bool:
        if "english" not in self.filters:
            self.filters["english"] = self.searcher.doc_frequency("language", "en") > 0
        return self.filters["english"]

    def days(self) -> list[int]:
        """The day of every document, by document number: read once, then browsing by date is a sort."""
        if "days" not in self.filters:
            count = self.searcher.doc_count_all()
            column = self.searcher.reader().column_reader("day") if count else []  # an empty index has no column
            self.filters["days"] = [column[n] for n in range(count)]
        return self.filters["days"]

    def all_docs(self) -> set[int]:
        if "all" not in self.filters:
            self.filters["all"] = set(self.searcher.reader().all_doc_ids())
        return self.filters["all"]

    def docset(self, key, make_query) -> set[int]:
        if key not in self.filters:
            self.filters[key] = set(self.searcher.docs_for_query(make_query()))
        return self.filters[key]

    def by_day(self) -> tuple[list[int], list[int]]:
        """Live documents sorted by day, with their days alongside for bisecting."""
        if "by_day" not in self.filters:
            days = self.days()
            ordered = sorted(self.all_docs(), key=lambda n: (days[n], n))
            self.filters["by_day"] = ([days[n] for n in ordered], ordered)
        return self.filters["by_day"]

    def date_filter(self, low: int, high: int) -> set[int]:
        key = ("day", low, high)
        if key not in self.filters:
            days, docs = self.by_day()
            self.filters[key] = set(docs[bisect_left(days, low):bisect_right(days, high)])
        return self.filters[key]

    def kind_filter(self, kind: str) -> set[int]:
        return self.docset(("kind", kind), lambda: wq.Term("kind", kind))

    def body_filter(self, body: str) -> set[int]:
        wanted = body.casefold()
        names = [t.decode() for t in self.searcher.lexicon("body_key") if wanted in t.decode()]
        if not names:
            raise QueryError(f"No body in the archive is called anything like {body!r}.")
        return self.docset(("body", wanted), lambda: wq.Or([wq.Term("body_key", n) for n in names]))

    def person_filter(self, key: str, item_ids: list[str], document_ids: list[str], person_key: str = "") -> set[int]:
        """Records of the items that name the person, and any other record that names them (a preamble or the
        signatures); a person only listed as attending stands for the meetings they attended."""
        def make():
            terms = [wq.Term("item_id", i) for i in item_ids] or [wq.Term("document_id", d) for d in document_ids]
            terms += [wq.Term("persons", person_key)] if person_key else []
            return wq.Or(terms) if terms else wq.NullQuery
        return self.docset(("person", key), make)


def resolve_person(people, name: str) -> dict:
    """One canonical person for --person; an ambiguous name lists its candidates."""
    found = people(name)
    exact = [p for p in found if p["name"].casefold() == name.casefold()]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0]
    if not found:
        close = closest_people(people(None), name)
        hint = f" The closest: {'; '.join(close)}." if close else ""
        raise QueryError(f"No person in the archive is called {name!r}.{hint} 'minutes people' lists them all.")
    listing = "; ".join(f"{p['name']} ({p['first_date'] or '?'}–{p['last_date'] or '?'})" for p in found[:10])
    raise QueryError(f"{name!r} could be {len(found)} people: {listing}. Give the full name.")


def closest_people(everyone: list[dict], name: str, limit: int = 5) -> list[str]:
    """Names a mistyped or half-remembered name may have meant: the whole name, or any one of its words, spelt
    nearly alike ("Mandelbom" -> "Mandelbaum", "Ortis" -> "Hector Ortiz")."""
    wanted = [w for w in name.casefold().split() if w]

    def likeness(person: dict) -> float:
        words = person["key"].split()
        whole = difflib.SequenceMatcher(None, name.casefold(), person["key"]).ratio()
        parts = max((difflib.SequenceMatcher(None, w, v).ratio() for w in wanted for v in words), default=0.0)
        return max(whole, parts)

    scored = sorted(((likeness(p), p["name"]) for p in everyone), key=lambda x: (-x[0], x[1]))
    return [n for score, n in scored if score >= 0.75][:limit]


def _attended(conn, person: dict | None) -> list[str]:
    """Meetings a person only attended (no item mentions them): those documents stand in for items."""
    if not person or person["items"]:
        return []
    return [r["document_id"] for r in rows(conn, "SELECT DISTINCT document_id FROM participants WHERE person_key = ?",
                                           person["key"])]


def _filters(s: Searcher, request: SearchRequest, person: dict | None, attended: list[str]) -> set[int] | None:
    sets = []
    span = date_range(request.date_from, request.date_to, request.date)
    if span:
        sets.append(s.date_filter(*span))
    if request.kind:
        sets.append(s.kind_filter(request.kind))
    if request.body:
        sets.append(s.body_filter(request.body))
    if person:
        sets.append(s.person_filter(person["id"], [i["id"] for i in person["items"]], attended, person["key"]))
    if not sets:
        return None
    sets.sort(key=len)
    result = set(sets[0])
    for other in sets[1:]:
        result &= other
    return result


def _suggest(s: Searcher, tree, request: SearchRequest, allowed) -> str | None:
    """A respelling worth offering: never the query itself, and only one that finds something under the same
    filters ("kulturstipendium budgeten" is no help when it too finds nothing)."""
    words = [w.text.lower() for w in _words(tree)]
    corrector = s.searcher.corrector("words")
    fixed = []
    for word in words:
        suggestion = corrector.suggest(word, limit=1, maxdist=2)
        fixed.append(suggestion[0] if suggestion else word)
    if fixed == words:
        return None
    respelt = " ".join(fixed)
    try:
        built = Builder(s.glossary, english=s.english()).build(parse(respelt))
    except QueryError:  # a respelling that reads as an operator or a stray symbol
        return None
    return respelt if built is not None and _search(s, built, request, allowed)[1] else None


def _words(node):
    if isinstance(node, Word):
        yield node
    for child in getattr(node, "parts", ()) or ([node.part] if hasattr(node, "part") else []):
        yield from _words(child)


def run(s: Searcher, conn, request: SearchRequest, person: dict | None = None) -> dict:
    request.check()
    tree = parse(request.query)
    allowed = _filters(s, request, person, _attended(conn, person))
    fuzzy, suggestion = False, None
    built = Builder(s.glossary, english=s.english()).build(tree) if tree is not None else wq.Every()
    if built is None:
        raise QueryError(f"{request.query!r} has only very common words; add a word that says what you look for.")
    if allowed is not None and not allowed:
        # Whoosh reads an empty filter as no filter at all: filters that match nothing give nothing, here.
        return _response(s, conn, request, person, built, allowed, 0, [], False, None)
    if tree is None:
        return _browse(s, conn, request, person, allowed, built)
    results, total, exact = _search(s, built, request, allowed, tree)
    if total == 0 and any(True for _ in _words(tree)):
        fuzzy = True
        suggestion = _suggest(s, tree, request, allowed)
        built = Builder(s.glossary, all_fuzzy=True, english=s.english()).build(tree) or built
        results, total, exact = _search(s, built, request, allowed, tree)
    terms = {(f, t.decode() if isinstance(t, bytes) else t) for f, t in built.iter_all_terms()}
    fuzzy_terms = {(q.fieldname, q.text, q.maxdist) for q in built.leaves() if isinstance(q, wq.FuzzyTerm)}
    matches = matcher(terms, fuzzy_terms)
    hits = [_hit(fields, score, matches, request.mask) for fields, score in results]
    return _response(s, conn, request, person, built, allowed, total, hits, fuzzy, suggestion, exact)


def _browse(s: Searcher, conn, request: SearchRequest, person, allowed, built) -> dict:
    """No words, only filters: the matching records in date order, without scoring every document."""
    docs = allowed if allowed is not None else s.all_docs()
    days = s.days()
    start = (request.page - 1) * request.limit
    ordered = sorted(docs, key=lambda n: (days[n], n))[start:start + request.limit]
    hits = [_hit(s.searcher.stored_fields(n), None, lambda word: False, request.mask) for n in ordered]
    return _response(s, conn, request, person, built, allowed, len(docs), hits, False, None)


def _hit(fields: dict, score, matches, masked: bool = True) -> dict:
    text, marks = snippet(mask(fields["content"]) if masked else fields["content"], matches)
    return {
        "id": fields["id"], "kind": fields["kind"], "document_id": fields["document_id"],
        "item_id": fields["item_id"] or None, "date": _date(fields["day"]), "body": fields["body"] or None,
        "number": fields["number"] or None, "label": fields["label"] or None, "title": fields["title"] or None,
        "page": fields["page"] or None, "outcome": fields.get("outcome") or None, "persons": fields["person_names"],
        "snippet": text, "highlights": marks,
        "score": round(score, 4) if score else None,
    }


def _response(s, conn, request, person, built, allowed, total, hits, fuzzy, suggestion, exact=True) -> dict:
    out = {
        "query": request.query, "person": person["name"] if person else None,
        "filters": {k: getattr(request, k) for k in ("date_from", "date_to", "date", "body", "kind") if getattr(request, k)},
        "total": total, "total_exact": exact, "page": request.page, "pages": max(1, math.ceil(total / request.limit)),
        "limit": request.limit, "sort": request.sort, "fuzzy": fuzzy, "did_you_mean": suggestion, "hits": hits,
    }
    if request.facets:
        out["facets"] = _facets(s, conn, built, allowed)
    return out


def _date(day: int) -> str | None:
    if not day:
        return None
    text = f"{day:08d}"
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


def _search(s: Searcher, built, request: SearchRequest, allowed, tree=None):
    """(this page's hits as (fields, score), total, whether the total is exact).

    Counting every match of a common word costs more than finding the best ones, so a large total
    is Whoosh's estimate (an upper bound). By relevance, a pool of the best hits is re-ranked so
    that items whose title holds the words come first; a title field in the query itself would
    stop Whoosh from skipping the weak matches.
    """
    wanted = request.page * request.limit
    if request.sort == "date":
        results = s.searcher.search(built, limit=wanted, filter=allowed, sortedby="day")
        ranked = [(hit.fields(), hit.score) for hit in results]
    else:
        results = s.searcher.search(built, limit=max(wanted * RERANK_POOL, RERANK_MIN), filter=allowed)
        ranked = rerank([(hit.fields(), hit.score) for hit in results], title_words(tree))
    total, exact = results.estimated_length(), False
    if total < EXACT_BELOW:
        total, exact = len(results), True
    return ranked[(request.page - 1) * request.limit:wanted], total, exact


def title_words(tree) -> set[str]:
    return {form for word in _words(tree) for form in analyse("folded", word.text)} if tree is not None else set()


@lru_cache(maxsize=4096)
def _title_forms(title: str) -> frozenset[str]:
    return frozenset(analyse("folded", title))


def rerank(hits: list[tuple[dict, float]], words: set[str]) -> list[tuple[dict, float]]:
    """Reward a match in the item's title: the share of query words found there adds up to TITLE_BONUS."""
    if not words:
        return hits
    def score(hit):
        fields, base = hit
        title = _title_forms(fields.get("title") or "")
        return base * (1 + TITLE_BONUS * len(words & title) / len(words))
    return sorted(((fields, score((fields, base))) for fields, base in hits), key=lambda h: -h[1])


def _facets(s: Searcher, conn, built, allowed) -> dict:
    if allowed is not None and not allowed:
        return {"year": {}, "body": {}, "persons": {}}
    facets = sorting.Facets()
    facets.add_field("year")
    facets.add_field("body")
    facets.add_field("persons", allow_overlap=True)
    results = s.searcher.search(built, limit=None, filter=allowed, groupedby=facets)
    out = {}
    for name in ("year", "body", "persons"):
        counts = {(k.decode() if isinstance(k, bytes) else k): len(v) for k, v in results.groups(name).items() if k}
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        out[name] = dict(sorted(top) if name == "year" else top[:15])
    names = {r["person_key"]: r["name"] for r in rows(
        conn, f"SELECT DISTINCT person_key, name FROM person_mentions WHERE person_key IN ({','.join('?' * len(out['persons']))})",
        *out["persons"])}
    out["persons"] = {names.get(key, key): n for key, n in out["persons"].items()}
    return out


def iter_ids(s: Searcher, conn, request: SearchRequest, person: dict | None = None):
    """Every matching record id, best first (or by date), without building hits: for streaming exports."""
    request.check()
    tree = parse(request.query)
    allowed = _filters(s, request, person, _attended(conn, person))
    if allowed is not None and not allowed:
        return  # nothing satisfies the filters (Whoosh would read the empty set as no filter)
    if tree is None:
        docs = allowed if allowed is not None else s.all_docs()
        days = s.days()
        for n in sorted(docs, key=lambda n: (days[n], n)):
            yield s.searcher.stored_fields(n)["id"]
        return
    built = Builder(s.glossary, english=s.english()).build(tree)
    if built is None:
        raise QueryError(f"{request.query!r} has only very common words; add a word that says what you look for.")
    results = s.searcher.search(built, limit=None, filter=allowed, sortedby="day" if request.sort == "date" else None)
    for docnum in (hit.docnum for hit in results):
        yield s.searcher.stored_fields(docnum)["id"]
