"""One open Whoosh searcher with what is worth computing once for it: filter sets, days, the word list."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from whoosh import query as wq

from .grammar import QueryError, quote

MAX_EXPANSION = 200  # words one wildcard may stand for before it is refused as too broad


@dataclass
class Searcher:
    """A searcher and its cache: filters are sets of document numbers, valid as long as the searcher is."""

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
            self.filters["days"] = list(column) if count else []
        return self.filters["days"]

    def all_docs(self) -> set[int]:
        if "all" not in self.filters:
            self.filters["all"] = set(self.searcher.reader().all_doc_ids())
        return self.filters["all"]

    def facet_values(self, field: str) -> list[tuple[str, ...]]:
        """Each document's values of a facet field, by document number, read once for this searcher from the
        field's word list. Whoosh's own grouping reads every posting of the field again on every search: 0.5 s
        a search at 100k items, where the search itself takes 5 ms."""
        key = ("facet", field)
        if key not in self.filters:
            reader = self.searcher.reader()
            values: list[tuple[str, ...]] = [()] * self.searcher.doc_count_all()
            for term in reader.lexicon(field):
                text = (term.decode(),)
                for docnum in reader.postings(field, term).all_ids():
                    values[docnum] += text
            self.filters[key] = values
        return self.filters[key]

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

    def item_filter(self, number: str) -> set[int]:
        return self.docset(("number", number), lambda: wq.Term("number", number))

    def title_filter(self, words: list[str]) -> set[int]:
        return self.docset(("title", tuple(words)), lambda: wq.And([wq.Term("title_text", w) for w in words]))

    def body_filter(self, body: str) -> set[int]:
        wanted = body.casefold()
        names = [t.decode() for t in self.searcher.lexicon("body_key") if wanted in t.decode()]
        if not names:
            raise QueryError(f"No body in the archive is called anything like {quote(body)}.")
        return self.docset(("body", wanted), lambda: wq.Or([wq.Term("body_key", n) for n in names]))

    def person_filter(self, person: dict, attended: list[str]) -> set[int]:
        """Records of the items that name the person, and any other record that names them (a preamble or the
        signatures); a person only listed as attending stands for the meetings they attended. Each record carries
        the people of its item, so the person's names are enough unless people.toml splits one of them."""
        def make():
            if person["items"] and person.get("keys_whole"):
                return wq.Or([wq.Term("persons", k) for k in person["keys"]])
            terms = [wq.Term("item_id", i["id"]) for i in person["items"]] or [wq.Term("document_id", d) for d in attended]
            terms += [wq.Term("persons", person["key"])]
            return wq.Or(terms)
        return self.docset(("person", person["id"]), make)

    def expand(self, pattern: str) -> list[str]:
        """The indexed words a wildcard stands for: a prefix reads a slice of the sorted word list, any other
        pattern scans it (read once per searcher). Too many words is an error, not a slow search."""
        text = pattern.lower()
        if text.endswith("*") and "*" not in text[:-1]:
            found = []
            for term in self.searcher.reader().expand_prefix("words", text[:-1]):
                found.append(term.decode() if isinstance(term, bytes) else term)
                if len(found) > MAX_EXPANSION:
                    break
        else:
            if "lexicon" not in self.filters:
                self.filters["lexicon"] = [t.decode() for t in self.searcher.lexicon("words")]
            wanted = re.compile(".*".join(map(re.escape, text.split("*"))) + r"\Z")
            found = [w for w in self.filters["lexicon"] if wanted.match(w)][:MAX_EXPANSION + 1]
        if len(found) > MAX_EXPANSION:
            raise QueryError(f"{quote(pattern)} stands for more than {MAX_EXPANSION} different words; give more letters.")
        return found
