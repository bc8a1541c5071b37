"""Search filters are exact, checked on generated archives against an oracle read from the catalog.

Importing is the slow part (about 0.1 s a meeting), so each archive holds a few small meetings and answers many
generated searches. Query words come from a fixed vocabulary of made-up words that no analyser changes (each is
indexed as itself in every field), so "the record matches the word" is simply "the record's text has the word".
The oracle never asks the index: it knows the records and their text from the catalog tables, because extraction,
not the generator, decides what becomes an item, a decision, a preamble or a closing.
"""
from __future__ import annotations

import json
import random
import re
import sqlite3
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from minutes_archive import Archive
from minutes_archive.search.grammar import QueryError

VOCABULARY = ("quimbex", "flarnod", "vextil", "gruntap", "plimsok", "dravnik")  # no stemmer changes these
PEOPLE = ("Anna Lindqvist", "Per Holmgren", "Karin Sandberg", "Lars Ekström", "Maria Björk")
BODIES = ("Kulturnämnden", "Tekniska nämnden", "Socialnämnden")
BODY_FILTERS = ("kultur", "NÄMND", "tekniska", "social", "Kulturnämnden")
KINDS = ("item", "decision", "footnote", "memo", "preamble", "closing")
YEARS = (2020, 2021, 2022, 2023)
MONTHS = (1, 3, 6, 12)
DAYS = (1, 15, 28)
LIMIT = 1000  # more than any generated archive holds: every match is on the first page
TOKEN = re.compile(r"\w+(?:\.?\w+)*")  # words as the index's tokenizer cuts them ("a.b" is one word)


# --- generated minutes ---------------------------------------------------------------------------------------

def _sentence(rnd: random.Random) -> str:
    """Filler text with zero to two vocabulary words, in sentence shapes the extractor leaves inside the item."""
    words = rnd.sample(VOCABULARY, rnd.randint(0, 2))
    if not words:
        return rnd.choice(("Ärendet diskuterades.", "Frågan togs upp av förvaltningen."))
    if len(words) == 1:
        return rnd.choice(("Ärendet gäller {0}.", "Förvaltningen redogjorde för {0} i korthet.")).format(*words)
    return "Texten handlar om {0} och {1}.".format(*words)


def _item(rnd: random.Random, number: int) -> str:
    title = rnd.choice((rnd.choice(VOCABULARY).capitalize(), "Övrigt", f"{rnd.choice(VOCABULARY).capitalize()} "
                                                                      f"{rnd.choice(VOCABULARY)}"))
    lines = [f"§ {number} {title}"] + [_sentence(rnd) for _ in range(rnd.randint(1, 2))]
    if rnd.random() < 0.5:
        lines.append(rnd.choice(("Ordförande {0} föredrog ärendet.", "Ledamoten {0} yrkade bifall."))
                     .format(rnd.choice(PEOPLE)))
    if rnd.random() < 0.5:
        lines.append(f"Nämnden beslutar att anta {rnd.choice(VOCABULARY + ('förslaget',))}.")
    return "\n".join(lines)


def meeting_text(rnd: random.Random) -> str:
    """One meeting's minutes: body heading, maybe a date, attendance, one to three items, maybe a signature."""
    body = rnd.choice(BODIES)
    head = [f"{body}s protokoll"]
    if rnd.random() < 0.85:  # some meetings have no date: their records must fall outside every date filter
        head.append(f"Sammanträdesdatum {rnd.choice(YEARS)}-{rnd.choice(MONTHS):02d}-{rnd.choice(DAYS):02d}")
    present = rnd.sample(PEOPLE, rnd.randint(0, 3))
    if present:
        head.append("Närvarande: " + ", ".join(f"{name}, {rnd.choice(('ordförande', 'ledamot'))}" for name in present))
    parts = ["\n".join(head)] + [_item(rnd, n) for n in range(1, rnd.randint(1, 3) + 1)]
    if rnd.random() < 0.4:
        parts.append(f"Vid protokollet\n{rnd.choice(PEOPLE)}")
    return "\n\n".join(parts) + "\n"


def build_archive(folder, rnd: random.Random, meetings: int, log=note) -> Archive:
    """`log` shows the minutes when a generated example fails (hypothesis' note works only inside a test)."""
    texts = [meeting_text(rnd) for _ in range(meetings)]
    sources = folder / "sources"
    sources.mkdir()
    for n, text in enumerate(texts):
        log(f"meeting {n}:\n{text}")
        (sources / f"m{n}.txt").write_text(text, encoding="utf-8")
    archive = Archive(folder / "archive")
    archive.import_paths([sources], jobs=1)
    return archive


# --- the oracle ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Record:
    id: str
    kind: str
    document_id: str
    item_id: str | None
    date: str | None
    body: str
    words: frozenset[str]
    persons: frozenset[str]  # person keys the record itself names (its item's mentions, or its own segment's)


@dataclass
class Oracle:
    records: dict[str, Record]
    person_items: dict[str, set[str]] = field(default_factory=dict)  # person key -> items that mention them
    attended: dict[str, set[str]] = field(default_factory=dict)  # person key -> documents of their attendance
    names: dict[str, str] = field(default_factory=dict)  # name as written -> person key

    @classmethod
    def read(cls, conn: sqlite3.Connection) -> "Oracle":
        conn.row_factory = sqlite3.Row
        mentions = conn.execute("SELECT document_id, segment, item_id, name, person_key FROM person_mentions "
                                "WHERE person_key IS NOT NULL").fetchall()
        named: dict[str, set[str]] = {}
        oracle = cls(records={})
        for m in mentions:
            place = m["item_id"] or f"{m['document_id']}-{m['segment']}"  # items; else preamble, closing, note
            named.setdefault(place, set()).add(m["person_key"])
            if m["segment"] not in ("preamble", "closing"):
                named.setdefault(m["segment"], set()).add(m["person_key"])
            if m["item_id"]:
                oracle.person_items.setdefault(m["person_key"], set()).add(m["item_id"])
            oracle.names[m["name"]] = m["person_key"]
        for p in conn.execute("SELECT document_id, name, person_key FROM participants"):
            oracle.attended.setdefault(p["person_key"], set()).add(p["document_id"])
            oracle.names[p["name"]] = p["person_key"]
        for kind, record_id, document_id, item_id, text in _catalog_records(conn):
            doc = conn.execute("SELECT COALESCE(meeting_date, signed_date) AS date, body FROM documents WHERE id = ?",
                               (document_id,)).fetchone()
            people = named.get(item_id or "", set()) | named.get(record_id, set())
            oracle.records[record_id] = Record(record_id, kind, document_id, item_id, doc["date"], doc["body"] or "",
                                               frozenset(TOKEN.findall(text.lower())), frozenset(people))
        return oracle

    def person_filter(self, key: str, record: Record) -> bool:
        """Satisfying the person filter: the record belongs to an item that mentions the person (the item, its
        decisions and notes), or names the person itself (a preamble's attendance, the signatures); a person no
        item mentions stands for the meetings they attended, so every record of those meetings counts."""
        items = self.person_items.get(key, set())
        if record.item_id in items or key in record.persons:
            return True
        return not items and record.document_id in self.attended.get(key, set())

    def passes(self, record: Record, request: "Request") -> bool:
        if request.kind and record.kind != request.kind:
            return False
        if request.body and request.body.casefold() not in record.body.casefold():
            return False
        if request.dated() and not _in_period(record.date, request):
            return False
        return not request.person or self.person_filter(self.names[request.person], record)

    def expected(self, request: "Request") -> set[str]:
        return {r.id for r in self.records.values()
                if self.passes(r, request) and all(w in r.words for w in request.words)}

    def refused(self, request: "Request") -> bool:
        """Filters naming nothing in the archive (an unknown person, a body no meeting has) are an error."""
        if request.person and request.person not in self.names:
            return True
        return bool(request.body) and not any(request.body.casefold() in r.body.casefold()
                                              for r in self.records.values())


def _catalog_records(conn):
    """(kind, id, document, item, searchable text) of every record the catalog holds."""
    for r in conn.execute("SELECT id, document_id, title, text FROM items"):
        yield "item", r["id"], r["document_id"], r["id"], f"{r['title']}\n{r['text']}"
    for r in conn.execute("SELECT id, document_id, item_id, text FROM decisions"):
        yield "decision", r["id"], r["document_id"], r["item_id"], r["text"]
    for r in conn.execute("SELECT id, document_id, item_id, text FROM footnotes"):
        yield "footnote", r["id"], r["document_id"], r["item_id"], r["text"]
    for r in conn.execute("SELECT id, document_id, related_item_id, title, text FROM attachments"):
        yield "memo", r["id"], r["document_id"], r["related_item_id"], f"{r['title']}\n{r['text']}"
    for r in conn.execute("SELECT id, preamble, closing FROM documents"):
        for part in ("preamble", "closing"):
            if (r[part] or "").strip():
                yield part, f"{r['id']}-{part}", r["id"], None, r[part]


def _in_period(date: str | None, request: "Request") -> bool:
    """A period value covers every day it names: comparing the date's prefix of the same length is exact."""
    if not date:
        return False
    if request.date:
        return date[:len(request.date)] == request.date
    low, high = request.date_from, request.date_to
    return (not low or date[:len(low)] >= low) and (not high or date[:len(high)] <= high)


# --- generated searches --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Request:
    words: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    date: str | None = None
    body: str | None = None
    kind: str | None = None
    person: str | None = None
    sort: str = "relevance"

    def dated(self) -> bool:
        return bool(self.date_from or self.date_to or self.date)

    def query(self) -> str | None:
        return " ".join(self.words) or None

    def filters(self, *drop: str) -> dict:
        names = ("date_from", "date_to", "date", "body", "kind", "person")
        return {k: getattr(self, k) for k in names if getattr(self, k) and k not in drop}


periods = st.one_of(
    st.sampled_from((2019, *YEARS, 2024)).map(str),  # 2019 and 2024 hold no meeting
    st.tuples(st.sampled_from(YEARS), st.sampled_from((*MONTHS, 2))).map(lambda ym: f"{ym[0]}-{ym[1]:02d}"),
    st.tuples(st.sampled_from(YEARS), st.sampled_from(MONTHS), st.sampled_from(DAYS)).map(
        lambda ymd: f"{ymd[0]}-{ymd[1]:02d}-{ymd[2]:02d}"),
)


@st.composite
def requests(draw) -> Request:
    count = draw(st.sampled_from((0, 1, 1, 1, 2, 2, 3)))  # three words rarely meet in one small item
    words = tuple(draw(st.lists(st.sampled_from(VOCABULARY), min_size=count, max_size=count, unique=True)))
    dates = draw(st.sampled_from(("none", "none", "none", "range", "from", "to", "date")))
    date_from = date_to = date = None
    if dates == "date":
        date = draw(periods)
    elif dates != "none":
        first, second = draw(periods), draw(periods)
        low, high = (first, second) if _ordered(first, second) else (second, first)
        date_from = low if dates in ("range", "from") else None
        date_to = high if dates in ("range", "to") else None
    return Request(words, date_from, date_to, date, body=draw(_rarely(BODY_FILTERS)), kind=draw(_rarely(KINDS)),
                   person=draw(_rarely(PEOPLE)), sort=draw(st.sampled_from(("relevance", "date"))))


def _rarely(values: tuple[str, ...]):
    """A filter in about one search of three: with every filter at once most searches would find nothing."""
    return st.sampled_from((None,) * len(values) * 2 + values)


def _ordered(first: str, second: str) -> bool:
    """Whether --from first --to second is a valid period (the search refuses a range that ends before it starts)."""
    common = min(len(first), len(second))
    return first[:common] <= second[:common]


# --- the checks ----------------------------------------------------------------------------------------------

def check_search(archive: Archive, oracle: Oracle, request: Request) -> None:
    note(f"request: {request}")
    if oracle.refused(request):
        with pytest.raises(QueryError):
            archive.search(request.query(), **request.filters(), limit=LIMIT)
        return
    expected = oracle.expected(request)
    found = archive.search(request.query(), **request.filters(), sort=request.sort, limit=LIMIT)
    check_hits(oracle, request, found, expected)
    if len(request.words) > 1:  # without partial matches the hits are exactly the full matches
        strict = archive.search(request.query(), **request.filters(), sort=request.sort, limit=LIMIT, partial=False)
        check_hits(oracle, request, strict, expected)
        assert {h["id"] for h in strict["hits"]} == expected and strict["total"] == len(expected)


def check_hits(oracle: Oracle, request: Request, found: dict, expected: set[str]) -> None:
    """Every hit passes every filter (partial hits too); the full hits are exactly the records with every word,
    and a partial hit holds some of them."""
    ids = [h["id"] for h in found["hits"]]
    assert len(ids) == len(set(ids)), f"a record listed twice: {ids}"
    for hit in found["hits"]:
        record = oracle.records.get(hit["id"])
        assert record is not None, f"hit {hit['id']} is no record of the catalog"
        assert (hit["kind"], hit["date"], hit["document_id"]) == (record.kind, record.date, record.document_id)
        assert oracle.passes(record, request), f"hit {hit['id']} ({record}) breaks a filter of {request}"
        if hit.get("partial", False):
            assert set(request.words) & record.words, f"partial hit {hit['id']} holds none of {request.words}"
    full = {h["id"] for h in found["hits"] if not h.get("partial", False)}
    assert full - expected == set(), f"hits without every word or filter: {sorted(full - expected)}"
    assert expected - full == set(), f"records missing from the hits: {sorted(expected - full)}"
    if full == set(ids):
        assert found["total"] == len(expected)
    if not expected and not request.words:
        assert (found["total"], found["hits"]) == (0, [])


def check_decisions(archive: Archive, oracle: Oracle, request: Request) -> None:
    decision = Request(**{**request.__dict__, "kind": "decision"})
    if oracle.refused(decision):
        return
    found = archive.decisions(request.query(), **request.filters("kind"), limit=LIMIT)
    assert {h["kind"] for h in found["hits"]} <= {"decision"}
    check_hits(oracle, decision, found, oracle.expected(decision))


def check_export(archive: Archive, oracle: Oracle, request: Request, path) -> None:
    """Without partial matches the export holds exactly the matching records; with them (the default, as the
    search lists them) it holds those and maybe records with some of the words, all within the filters."""
    if oracle.refused(request):
        return
    expected = oracle.expected(request)
    strict = _export(archive, request, path, partial=False)
    assert set(strict) == expected, f"export of {request}"
    listed = _export(archive, request, path)
    assert expected <= set(listed), f"export of {request} misses {sorted(expected - set(listed))}"
    for record_id in listed:
        record = oracle.records.get(record_id)
        assert record is not None and oracle.passes(record, request), f"export of {request} holds {record_id}"
        assert not request.words or set(request.words) & record.words, f"{record_id} holds none of {request.words}"


def _export(archive: Archive, request: Request, path, **options) -> list[str]:
    written = archive.export(path, "jsonl", request.query(), **request.filters(), **options)
    exported = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert written["citations"] == len(exported) == len(set(exported))
    return exported


# --- the tests -----------------------------------------------------------------------------------------------

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                                       HealthCheck.data_too_large])


@pytest.mark.slow
@settings(max_examples=25, **SETTINGS)
@given(rnd=st.randoms(use_true_random=False), meetings=st.integers(1, 4),
       searches=st.lists(requests(), min_size=6, max_size=6))
def test_generated_archive_answers_generated_searches_exactly(tmp_path_factory, rnd, meetings, searches):
    folder = tmp_path_factory.mktemp("generated")
    with build_archive(folder, rnd, meetings) as archive:
        oracle = Oracle.read(archive.conn)
        for request in searches:
            check_search(archive, oracle, request)
            check_decisions(archive, oracle, request)
            check_export(archive, oracle, request, folder / "out.jsonl")
        for words in ((), VOCABULARY[:1]):  # a filter no record satisfies gives nothing, with or without words
            nothing = archive.search(" ".join(words) or None, date_from="1990", date_to="1990", limit=LIMIT)
            assert (nothing["total"], nothing["hits"]) == (0, [])


@pytest.fixture(scope="module")
def fixed(tmp_path_factory):
    """Two archives of generated meetings (seeded), shared by many generated searches."""
    built = []
    for seed, meetings in ((1, 8), (2, 5)):
        folder = tmp_path_factory.mktemp(f"fixed{seed}")
        archive = build_archive(folder, random.Random(seed), meetings, log=lambda text: None)
        built.append((archive, Oracle.read(archive.conn), folder))
    yield built
    for archive, _, _ in built:
        archive.close()


@settings(max_examples=200, **SETTINGS)
@given(which=st.integers(0, 1), request=requests())
def test_searches_of_one_archive_are_exact(fixed, which, request):
    archive, oracle, folder = fixed[which]
    check_search(archive, oracle, request)
    check_decisions(archive, oracle, request)
    if request.words:
        check_export(archive, oracle, request, folder / "out.jsonl")
