"""Running a search plan on Solr: the same request, words and person as on Whoosh (plan.prepare), the same
lookups (builder.py) written as Lucene queries over the analysed fields, the filters as filter queries.

What differs from Whoosh is only how: the partial matches are counted by Solr itself (a function of which parts
each record holds), totals are always exact, and the hits of a page come back in one or two requests.
"""
from __future__ import annotations

import math
import re
import time
from dataclasses import replace
from typing import Iterator

from ..builder import Builder, analyse
from ..engine import RERANK_MIN, RERANK_POOL, title_score, title_words, typed_words
from ..grammar import Not, QueryError, parse, quote
from ..lookups import AllOf, AnyOf, Everything, Fuzzy, Nothing, Phrase, Term, Without, any_of, marked_terms
from ..periods import date_range
from ..plan import SearchRequest, attended, describe, lookup_of, parts as word_parts, prepare
from ..responses import FACETS, facet_counts, hit, response
from .. import searcher
from ..snippets import matcher
from .client import Solr

FIELDS = "id,kind,document_id,item_id,body,day,number,label,title,page,outcome,person_names,content"
_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|\s])')
_NONE = "kind:__none__"  # no record has this kind: a lookup that must match nothing
# Every value is counted: Solr's top values of a field over several shards are picked from each shard's own top
# list and can leave out a value that ties at the edge; counting all of them gives the same top as Whoosh's.
FACET_PARAMS = {"facet": "true", "facet.mincount": 1, "facet.field": list(FACETS), "facet.limit": -1,
                "facet.sort": "index", "json.nl": "map"}
PAGE = 1000  # ids a request while streaming an export
SELECT_DEFAULTS = {"shards.preference": "replica.location:local", "distrib.singlePass": "true"}
ENGLISH_TTL = 60.0


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lucene(node) -> str:
    """A lookup in the standard query parser's syntax. The analysed fields only split on spaces, so each term
    reaches the index exactly as the builder wrote it."""
    if isinstance(node, Term):
        return f"{node.field}:{escape(node.text)}"
    if isinstance(node, Phrase):
        return f"{node.field}:{_quoted(' '.join(node.words))}"
    if isinstance(node, Fuzzy):
        return f"{node.field}:{escape(node.text)}~{node.distance}"
    if isinstance(node, AnyOf):
        return "(" + " ".join(lucene(p) for p in node.parts) + ")"
    if isinstance(node, AllOf):
        return "(" + " ".join("+" + lucene(p) for p in node.parts) + ")"
    if isinstance(node, Without):
        return f"(+{lucene(node.wanted)} -{lucene(node.unwanted)})"
    if isinstance(node, Nothing):
        return _NONE
    if isinstance(node, Everything):
        return "*:*"
    raise TypeError(node)


class SolrSearch:
    """Searches on an archive's collection (its alias): the calls `Archive.search` and `export` make."""

    def __init__(self, solr: Solr, collection: str, glossary):
        """`glossary()` gives the abbreviations as they are now."""
        self.solr, self.collection, self.glossary = solr, collection, glossary
        self._english: tuple[float, bool] | None = None
        self._persons: tuple[tuple, dict] = ((), {})

    def select(self, params: dict) -> dict:
        """A search on the collection. Replicas on the node that was asked answer first: each shard's copy there
        is as good as any, and the sub-requests stay in one process (halves the time on two nodes). A page is a
        few records, so each shard sends their fields with the first answer instead of in a second round."""
        return self.solr.query(self.collection, {**SELECT_DEFAULTS, **params})

    def count(self, q: str, fq: list[str]) -> int:
        return self.select({"q": q, "fq": fq, "rows": 0})["response"]["numFound"]

    def builder(self, all_fuzzy: bool = False) -> Builder:
        return Builder(self.glossary(), all_fuzzy=all_fuzzy, english=self.english(), expand=self.expand)

    def resolver(self, conn):
        """Persons resolved in the catalog, kept until the catalog changes (in this connection or another):
        looking a name up costs more than the search itself (as on Whoosh, where the searcher keeps them)."""
        version = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
        if self._persons[0] != version:
            self._persons = version, {}
        known = self._persons[1]

        def resolve(name: str, find):
            key = name.casefold()
            if key not in known:
                known[key] = find()
            return known[key]
        return resolve

    def english(self) -> bool:
        """Whether any English record is indexed (English forms are looked up only then), asked again after a
        minute: a server stays up while imports add to the collection."""
        now = time.monotonic()
        if self._english is None or now - self._english[0] > ENGLISH_TTL:
            self._english = now, self.count("language:en", []) > 0
        return self._english[1]

    def expand(self, pattern: str) -> list[str]:
        """The indexed words a wildcard stands for, from Solr's word list: at most MAX_EXPANSION of them."""
        text = pattern.lower()
        most = searcher.MAX_EXPANSION
        params = {"terms.fl": "words", "terms.limit": most + 1, "terms.sort": "index", "wt": "json",
                  "json.nl": "map"}
        if text.endswith("*") and "*" not in text[:-1]:
            params["terms.prefix"] = text[:-1]
        else:
            params["terms.regex"] = ".*".join(map(_java_literal, text.split("*")))
        found = list(self.solr.get(f"/{self.collection}/terms", params).get("terms", {}).get("words", {}))
        if len(found) > most:
            raise QueryError(f"{quote(pattern)} stands for more than {most} different words; give more letters.")
        return found

    def filters(self, conn, request: SearchRequest, person: dict | None) -> tuple[list[str], dict]:
        """Filter queries for the request's filters, and the parameters they refer to."""
        fq, params = [], {}
        span = date_range(request.date_from, request.date_to, request.date)
        if span:
            fq.append(f"day:[{span[0]} TO {span[1]}]")
        if request.kind:
            fq.append(f"kind:{escape(request.kind)}")
        if request.item:
            fq.append(f"number:{escape(request.item.strip().lstrip('§').strip().rstrip('.'))}")
        if request.title:
            words = analyse("folded", request.title)
            if not words:
                raise QueryError(f"title:{quote(request.title)} has only very common words.")
            fq.append(" ".join(f"+title_text:{escape(w)}" for w in words))
        if request.body:
            fq.append(self._body(request.body))
        if person:
            fq.append("{!bool should=$who should=$named}")
            if person["items"] and person.get("keys_whole"):
                params["who"], params["named"] = _NONE, " ".join(f"persons:{_quoted(k)}" for k in person["keys"])
            else:
                ids = [i["id"] for i in person["items"]]
                field, values = ("item_id", ids) if ids else ("document_id", attended(conn, person))
                params["who"] = f"{{!terms f={field}}}{','.join(values)}" if values else _NONE
                params["named"] = f"persons:{_quoted(person['key'])}"
        return fq, params

    def _body(self, body: str) -> str:
        wanted = body.casefold()
        found = self.select({"q": "*:*", "rows": 0, "facet": "true", "facet.field": "body_key", "facet.limit": -1,
                             "facet.mincount": 1, "facet.contains": wanted, "json.nl": "map"})
        names = list(found["facet_counts"]["facet_fields"]["body_key"])
        if not names:
            raise QueryError(f"No body in the archive is called anything like {quote(body)}.")
        return "body_key:(" + " OR ".join(map(_quoted, names)) + ")"

    def run(self, conn, request: SearchRequest, people) -> dict:
        prepared = prepare(request, people, self.resolver(conn))
        request, tree, person = prepared.request, prepared.tree, prepared.person
        fq, params = self.filters(conn, request, person)
        build = self.builder()
        lookup = lookup_of(build, prepared)
        matches = matcher(*marked_terms(lookup))
        found = self._page(lucene(lookup), fq, params, request, tree, matches)
        hits, total = found["hits"], found["total"]
        facets = facet_counts(conn, found["facets"] or {}) if request.facets else None
        if tree is None:
            return response(request, person, total, hits, facets=facets)
        partial_total = 0
        if total < request.limit and request.partial:
            offset = max(0, (request.page - 1) * request.limit - total)
            partial_total, partial = self.partial(build, tree, fq, params, request, offset, request.limit - len(hits),
                                                  matches)
            hits += partial
        if total or partial_total:
            suggestion = self.suggest(build, tree, fq, params) if not total else None
            return response(request, person, total, hits, partial=partial_total, suggestion=suggestion, facets=facets)
        suggestion = self.suggest(build, tree, fq, params)
        fuzzy = self.builder(all_fuzzy=True).build(tree) or lookup
        found = self._page(lucene(fuzzy), fq, params, replace(request, facets=False), tree,
                           matcher(*marked_terms(fuzzy)))
        return response(request, person, found["total"], found["hits"], fuzzy=True, suggestion=suggestion,
                        facets=facets)

    def _page(self, q, fq, params, request, tree, matches) -> dict:
        """This page's hits, the total and (when asked) the facet counts, in one request. By relevance, a pool
        of the best is re-ranked by their titles, as on Whoosh (engine.rerank)."""
        start, wanted = (request.page - 1) * request.limit, request.page * request.limit
        base = {**params, "q": q, "fq": fq, "fl": FIELDS + ",score", **(FACET_PARAMS if request.facets else {})}
        if tree is None or request.sort != "relevance":
            found = self.select({**base, "sort": _sort(request.sort, tree is None), "start": start,
                                 "rows": request.limit})
            docs = [(d, d.get("score") if tree is not None else None) for d in found["response"]["docs"]]
        else:
            found = self.select({**base, "sort": _sort("relevance", False), "rows": max(wanted * RERANK_POOL, RERANK_MIN)})
            words = title_words(tree)
            ranked = sorted(((d, _title_score(d, words)) for d in found["response"]["docs"]), key=lambda r: -r[1])
            docs = ranked[start:wanted]
        return {"hits": [hit(_fields(d), score, matches, request.mask) for d, score in docs],
                "total": found["response"]["numFound"], "facets": found.get("facet_counts", {}).get("facet_fields")}

    def partial(self, build, tree, fq, params, request, offset, count, matches) -> tuple[int, list[dict]]:
        """Records holding most but not all of the words (see relax.py): Solr counts the parts each record
        holds, keeps those with at least half, ranks more parts first."""
        parts = [(describe(p), build.build(p)) for p in word_parts(tree)]
        parts = [(label, q) for label, q in parts if q is not None]
        if len(parts) < 2 or count == 0:
            return 0, []
        named = {f"part{i}": lucene(q) for i, (_, q) in enumerate(parts)}
        held = "sum(" + ",".join(f"if(exists(query(${n})),1,0)" for n in named) + ")"
        least = max(1, math.ceil(len(parts) / 2))
        filters = [*fq, f"{{!frange l={least} u={len(parts) - 1}}}{held}"]
        left_out = [q for q in (build.build(p.part) for p in tree.parts if isinstance(p, Not)) if q is not None]
        if left_out:
            filters.append(f"-{lucene(any_of(left_out))}")
        order = _sort(request.sort, False)
        held_fields = ",".join(f"held{i}:exists(query(${n}))" for i, n in enumerate(named))
        found = self.select({**params, **named, "q": lucene(any_of([q for _, q in parts])), "fq": filters,
                             "sort": f"{held} desc,{order}", "start": offset, "rows": count,
                             "fl": f"{FIELDS},score,{held_fields}"})["response"]
        hits = [hit(_fields(d), d.get("score"), matches, request.mask,
                    [label for i, (label, _) in enumerate(parts) if not d.get(f"held{i}")]) for d in found["docs"]]
        return found["numFound"], hits

    def suggest(self, build, tree, fq, params) -> str | None:
        """A respelling worth offering (as engine._suggest): each word that finds nothing by itself replaced by
        Solr's closest indexed word, and only when the respelling finds something under the same filters."""
        words = [w.text.lower() for w in typed_words(tree) if not w.wildcard]
        fixed, seen = [], {}
        for word in words:
            if word not in seen:
                seen[word] = word if self._found(build, word) else self._closest(word)
            fixed.append(seen[word])
        if fixed == words:
            return None
        respelt = " ".join(fixed)
        try:
            built = build.build(parse(respelt))
        except QueryError:
            return None
        return respelt if built is not None and self.select(
            {**params, "q": lucene(built), "fq": fq, "rows": 0})["response"]["numFound"] else None

    def _found(self, build, word: str) -> bool:
        try:
            built = build.build(parse(word))
        except QueryError:
            return False
        return built is not None and self.count(lucene(built), []) > 0

    def _closest(self, word: str) -> str:
        found = self.solr.get(f"/{self.collection}/spell", {"spellcheck.q": word, "wt": "json", "json.nl": "map"})
        suggestions = found.get("spellcheck", {}).get("suggestions", {})
        entry = suggestions.get(word) if isinstance(suggestions, dict) else None
        options = (entry or {}).get("suggestion") or []
        return (options[0]["word"] if isinstance(options[0], dict) else options[0]) if options else word

    def ids(self, conn, request: SearchRequest, people) -> Iterator[str]:
        """Every record a search lists on all its pages, in order (as engine.iter_ids). The plan is made before
        the first id is asked for, so a mistake in the search is reported before anything is written."""
        prepared = prepare(request, people, self.resolver(conn))
        fq, params = self.filters(conn, prepared.request, prepared.person)
        build = self.builder()
        lookup = lookup_of(build, prepared)
        return self._ids(build, prepared, lucene(lookup), fq, params)

    def _ids(self, build, prepared, q, fq, params) -> Iterator[str]:
        request, tree = prepared.request, prepared.tree
        total = 0
        for record_id in self._stream(q, fq, params, _sort(request.sort, tree is None)):
            total += 1
            yield record_id
        if tree is None:
            return
        partial = 0
        if total < request.limit and request.partial:
            start = 0
            while True:
                _, hits = self.partial(build, tree, fq, params, request, start, PAGE, lambda word: False)
                for h in hits:
                    yield h["id"]
                partial += len(hits)
                start += PAGE
                if len(hits) < PAGE:
                    break
        if not total and not partial:
            fuzzy = self.builder(all_fuzzy=True).build(tree)
            if fuzzy is not None:
                yield from self._stream(lucene(fuzzy), fq, params, _sort(request.sort, False))

    def _stream(self, q, fq, params, sort: str) -> Iterator[str]:
        """Every matching id through Solr's cursor (deep paging without re-sorting from the start each time)."""
        cursor = "*"
        while True:
            found = self.select({**params, "q": q, "fq": fq, "sort": sort, "rows": PAGE, "fl": "id",
                                 "cursorMark": cursor})
            for doc in found["response"]["docs"]:
                yield doc["id"]
            if found["nextCursorMark"] == cursor:
                return
            cursor = found["nextCursorMark"]


def _sort(sort: str, browse: bool) -> str:
    """Ties by id: replicas number their documents each in their own way, so without it the order of records of
    the same day (or score) would depend on which node answered."""
    if sort == "date":
        return "day asc,id asc"
    if sort == "-date" or browse:  # browsing without words: newest first
        return "day desc,id asc"
    return "score desc,id asc"


def _title_score(doc: dict, words: set[str]) -> float:
    base = doc.get("score") or 0.0
    if not words:
        return base
    return title_score(base, len(words & set(analyse("folded", doc.get("title") or ""))), len(words))


def _fields(doc: dict) -> dict:
    """A Solr document as the stored fields `hit` reads (Solr leaves out the empty ones)."""
    out = {name: doc.get(name, "") for name in FIELDS.split(",")}
    out["day"], out["page"] = doc.get("day", 0), doc.get("page", 0)
    out["person_names"] = doc.get("person_names", [])
    return out


def _java_literal(text: str) -> str:
    """A piece of a Java regular expression that matches `text` literally."""
    return "".join("\\" + c if not c.isalnum() else c for c in text)
