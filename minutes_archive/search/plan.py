"""The query plan: what a search asks for, worked out once and used by search, decisions, timeline and export.

Words typed as filters (person:, body:, kind:, title:, date:, item:, § 40) and the flags mean the same and
end up in one request (`prepare`, the same for every engine); the words become engine-neutral lookups
(builder.py). For Whoosh (`make_plan`) the filters become one set of index documents and the lookups one Whoosh
query; Solr makes its own filter queries from the same request (solr/query.py).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields, replace

from ..storage.catalog import rows
from .builder import Builder, analyse
from .grammar import And, Not, Phrase, QueryError, Word, parse_query, quote
from .lookups import Everything
from .periods import date_range
from .searcher import Searcher

KINDS = ("item", "decision", "footnote", "memo", "preamble", "closing")
SORTS = ("relevance", "date", "-date")  # date: oldest first; -date: newest first
MAX_FILTER_CHARS = 80  # names, bodies, titles and dates are short; a longer value would only be echoed back whole


@dataclass
class SearchRequest:
    query: str | None = None
    person: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    date: str | None = None
    body: str | None = None
    kind: str | None = None
    title: str | None = None
    item: str | None = None
    sort: str = "relevance"
    limit: int = 20
    page: int = 1
    facets: bool = False
    partial: bool = True  # fill a short page with records holding most of the words
    mask: bool = True  # personal identity numbers hidden in snippets

    def check(self) -> None:
        if self.kind and self.kind not in KINDS:
            raise QueryError(f"The kind (--kind or kind:) must be one of {', '.join(KINDS)}, not {quote(self.kind)}.")
        if self.sort not in SORTS:
            raise QueryError(f"--sort must be relevance, date (oldest first) or -date (newest first), not {quote(self.sort)}.")
        if self.limit < 1 or self.page < 1:
            raise QueryError("--limit and --page must be 1 or more.")
        for name, value in self.filters().items():
            if len(str(value)) > MAX_FILTER_CHARS:
                raise QueryError(f"{name.replace('_', ' ')} {quote(str(value))} is {len(str(value))} characters long; "
                                 f"a filter takes at most {MAX_FILTER_CHARS}.")

    def filters(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)
                if f.name in FILTERS and getattr(self, f.name)}


FILTERS = ("person", "date_from", "date_to", "date", "body", "kind", "title", "item")


@dataclass
class Plan:
    request: SearchRequest  # flags and typed filters together
    tree: object | None  # the words; None when only filters were given
    person: dict | None
    allowed: set[int] | None  # index documents the filters allow; None: no filter
    query: object  # the Whoosh query of all the words (Every when there are none)
    lookup: object = Everything()  # the same, engine-neutral (lookups.py)

    @property
    def nothing(self) -> bool:
        """Filters that match nothing give nothing (Whoosh would read an empty set as no filter at all)."""
        return self.allowed is not None and not self.allowed

    def parts(self) -> list:
        return parts(self.tree)


def parts(tree) -> list:
    """The words a hit may match only some of: the top-level words and phrases of an all-words search."""
    if not isinstance(tree, And):
        return []
    return [p for p in tree.parts if not isinstance(p, Not)]


def order_by(sort: str) -> dict:
    """Whoosh's sort arguments for --sort; relevance is its default."""
    return {"sortedby": "day", "reverse": sort == "-date"} if sort != "relevance" else {}


def builder(s: Searcher, all_fuzzy: bool = False) -> Builder:
    return Builder(s.glossary, all_fuzzy=all_fuzzy, english=s.english(), expand=s.expand)


@dataclass
class Prepared:
    """What every engine starts from: the request with its typed filters merged and checked, the words' tree,
    and the person resolved in the catalog."""
    request: SearchRequest
    tree: object | None
    person: dict | None


def prepare(request: SearchRequest, people, resolve=None) -> Prepared:
    """Parse, merge typed filters into the request, resolve the person (through `resolve(name, find)` when the
    engine keeps resolved persons)."""
    request = _composed(request)
    request.check()
    tree, typed = parse_query(request.query)
    request = _merge(request, typed)
    request.check()
    person = None
    if request.person:
        def find():
            return resolve_person(people, request.person)
        person = resolve(request.person, find) if resolve else find()
    return Prepared(request, tree, person)


def lookup_of(build: Builder, prepared: Prepared):
    """The lookups of all the words, or Everything without words; only very common words are an error."""
    if prepared.tree is None:
        return Everything()
    found = build.build(prepared.tree)
    if found is None:
        raise QueryError(f"{quote(prepared.request.query)} has only very common words; add a word that says what you look for.")
    return found


def make_plan(s: Searcher, conn, request: SearchRequest, people) -> Plan:
    """The Whoosh plan: the prepared request, its filter set, its query."""
    from .whoosh_query import whoosh_query

    prepared = prepare(request, people, s.person)
    request, tree, person = prepared.request, prepared.tree, prepared.person
    allowed = _allowed(s, conn, request, person)
    lookup = lookup_of(builder(s), prepared)
    return Plan(request, tree, person, allowed, whoosh_query(lookup), lookup)


def _composed(request: SearchRequest) -> SearchRequest:
    """Typed text in composed form (NFC), as the archive's text is stored: "å" typed on a Mac arrives as "a" and
    a combining ring, and would otherwise match nothing."""
    changes = {f.name: unicodedata.normalize("NFC", v) for f in fields(request)
               if isinstance(v := getattr(request, f.name), str) and not unicodedata.is_normalized("NFC", v)}
    return replace(request, **changes) if changes else request


def _merge(request: SearchRequest, typed: dict[str, str]) -> SearchRequest:
    """A typed filter fills the same field as its flag; the two may agree but not contradict."""
    changes: dict[str, str] = {}
    for field, value in typed.items():
        if field == "date":
            low, _, high = value.partition("..")
            wanted = {"date_from": low or None, "date_to": high or None} if ".." in value else {"date": value}
        else:
            wanted = {field: value}
        for name, new in wanted.items():
            old = getattr(request, name)
            if old and new and old.casefold() != new.casefold():
                raise QueryError(f"{field} is given twice, as {quote(old)} and {quote(new)}; give it once.")
            if new:
                changes[name] = new
    return replace(request, **changes) if changes else request


def _allowed(s: Searcher, conn, request: SearchRequest, person: dict | None) -> set[int] | None:
    sets = []
    span = date_range(request.date_from, request.date_to, request.date)
    if span:
        sets.append(s.date_filter(*span))
    if request.kind:
        sets.append(s.kind_filter(request.kind))
    if request.item:
        sets.append(s.item_filter(request.item.strip().lstrip("§").strip().rstrip(".")))
    if request.title:
        words = analyse("folded", request.title)
        if not words:
            raise QueryError(f"title:{quote(request.title)} has only very common words.")
        sets.append(s.title_filter(words))
    if request.body:
        sets.append(s.body_filter(request.body))
    if person:
        sets.append(s.person_filter(person, attended(conn, person)))
    if not sets:
        return None
    sets.sort(key=len)
    result = set(sets[0])
    for other in sets[1:]:
        result &= other
    return result


def attended(conn, person: dict) -> list[str]:
    """Meetings a person only attended (no item mentions them): those documents stand in for items."""
    if person["items"]:
        return []
    return [r["document_id"] for r in rows(conn, "SELECT DISTINCT document_id FROM participants WHERE person_key = ?",
                                           person["key"])]


def resolve_person(people, name: str) -> dict:
    """One canonical person for --person; an ambiguous name lists its candidates."""
    found = people(name)
    exact = [p for p in found if p["name"].casefold() == name.casefold()]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0]
    if not found:
        close = closest_people(people(None), name)
        hint = f" The closest: {'; '.join(close)}." if close else ""
        raise QueryError(f"No person in the archive is called {quote(name)}.{hint} 'minutes people' lists them all.")
    listing = "; ".join(f"{p['name']} ({p['first_date'] or '?'}–{p['last_date'] or '?'})" for p in found[:10])
    raise QueryError(f"{quote(name)} could be {len(found)} people: {listing}. Give the full name.")


def closest_people(everyone: list[dict], name: str, limit: int = 5) -> list[str]:
    """Names a mistyped or half-remembered name may have meant: the whole name, or any one of its words, spelt
    nearly alike ("Mandelbom" -> "Mandelbaum", "Ortis" -> "Hector Ortiz")."""
    import difflib  # only when a name is not found: not loaded for every search

    wanted = [w for w in name.casefold().split() if w]

    def likeness(person: dict) -> float:
        words = person["key"].split()
        whole = difflib.SequenceMatcher(None, name.casefold(), person["key"]).ratio()
        parts = max((difflib.SequenceMatcher(None, w, v).ratio() for w in wanted for v in words), default=0.0)
        return max(whole, parts)

    scored = sorted(((likeness(p), p["name"]) for p in everyone), key=lambda x: (-x[0], x[1]))
    return [n for score, n in scored if score >= 0.75][:limit]


def describe(node) -> str:
    """A part of the query as the user would write it, for "matches 1 of 2 words; not: budget"."""
    if isinstance(node, Word):
        return node.text + ("~" if node.fuzzy else "")
    if isinstance(node, Phrase):
        return '"' + " ".join(node.words) + '"'
    if isinstance(node, Not):
        return "-" + describe(node.part)
    joiner = " OR " if type(node).__name__ == "Or" else " "
    return "(" + joiner.join(describe(p) for p in node.parts) + ")"
