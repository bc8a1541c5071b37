"""Queries are bounded like inputs: a length, a nesting depth and a number of words, each refused with a one-line
QueryError that quotes at most the first 80 characters; no query ends in a traceback or takes over 2 s.

The archive is the demo minutes, written and imported once for the module.
"""
from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from whoosh.reading import SegmentReader

from minutes_archive import Archive
from minutes_archive.errors import MinutesError
from minutes_archive.search import grammar
from minutes_archive.search.grammar import MAX_DEPTH, MAX_QUERY_CHARS, MAX_TERMS, QUOTED, QueryError, parse_query
from minutes_archive.samples.__main__ import write_samples

SLOWEST_ALLOWED = 2.0  # seconds, for any query within MAX_QUERY_CHARS on the demo archive
TIMES: list[tuple[float, str]] = []


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("query-limits")
    archive = Archive(folder / "archive")
    archive.import_paths(write_samples(folder / "samples"), jobs=1)
    archive.search("budget")  # opens the searcher, so the first timed query does not pay for it
    yield archive
    if TIMES:
        slowest, query = max(TIMES)
        print(f"\nslowest of {len(TIMES)} queries: {slowest:.3f} s for {query[:80]!r} ({len(query)} characters)")


def timed_search(archive, query: str, **options):
    """The search's result or its MinutesError; any other exception fails the test. Records the time."""
    started = time.perf_counter()
    try:
        result = archive.search(query, **options)
    except MinutesError as exc:
        result = exc
    took = time.perf_counter() - started
    if len(query) <= MAX_QUERY_CHARS:
        TIMES.append((took, query))
    return result, took


def one_line_quoting_little(message: str, query: str) -> None:
    assert "\n" not in message
    assert query[:QUOTED + 1] not in message or len(query) <= QUOTED, "the message repeats more than 80 characters"
    assert len(message) < 1000  # two quotes of 80 characters, control characters escaped, and the help line


@pytest.mark.parametrize("query", [
    "(" * 500 + "budget" + ")" * 500,
    "a~ " * 1000,
    "x" * 100_000,
    " ".join(f"w{i}" for i in range(300)),
    '"' + "lång fras " * 200 + '"',
])
def test_the_campaign_queries_are_refused_at_once(archive, query):
    result, took = timed_search(archive, query)
    assert isinstance(result, QueryError), result
    one_line_quoting_little(str(result), query)
    assert took < 0.5


def test_the_bounds_themselves_are_allowed(archive):
    for query in ["(" * MAX_DEPTH + "budget" + ")" * MAX_DEPTH, "NOT " * 1 + "x budget",
                  " ".join(["budget"] * MAX_TERMS), " ".join(["b" * 19] * MAX_TERMS)]:
        result, took = timed_search(archive, query)
        assert isinstance(result, dict), (query[:40], result)
        assert took < SLOWEST_ALLOWED


def test_one_past_each_bound_is_refused_with_its_reason():
    cases = {
        "(" * (MAX_DEPTH + 1) + "budget" + ")" * (MAX_DEPTH + 1): "nests",
        " ".join(["budget"] * (MAX_TERMS + 1)): "words",
        "b" * (MAX_QUERY_CHARS + 1): "characters long",
    }
    for query, reason in cases.items():
        with pytest.raises(QueryError, match=reason) as caught:
            parse_query(query)
        one_line_quoting_little(str(caught.value), query)


def test_depth_is_bounded_before_recursing_whatever_the_length(monkeypatch):
    """The depth check, not the length check, keeps the recursive-descent parser off Python's stack limit."""
    monkeypatch.setattr(grammar, "MAX_QUERY_CHARS", 10 ** 7)
    monkeypatch.setattr(grammar, "MAX_TERMS", 10 ** 7)
    for query in ["(" * 5000 + "a" + ")" * 5000, "NOT (" * 3000 + "a" + ")" * 3000 + " b"]:
        with pytest.raises(QueryError, match="nests"):
            parse_query(query)


@pytest.mark.parametrize("query", [
    '"' + "x" * 500,  # an unclosed quote
    "a AND " + "y" * 500 + " OR",
    "kind:" + "z" * 500,
    "-person:" + "q" * 500,
    "*" + "k" * 500 + "~",
])
def test_messages_quote_at_most_80_characters(archive, query):
    result, _ = timed_search(archive, query)
    assert isinstance(result, MinutesError), result
    one_line_quoting_little(str(result), query)
    assert "x" * (QUOTED + 1) not in str(result) and "y" * (QUOTED + 1) not in str(result)
    assert "z" * (QUOTED + 1) not in str(result) and "q" * (QUOTED + 1) not in str(result)
    assert "k" * (QUOTED + 1) not in str(result)


def test_each_fuzzy_word_scans_the_word_list_a_bounded_number_of_times(archive, monkeypatch):
    """Cost linear in the words, with a small constant: a word the archive lacks falls back to spelling variants
    in three fields and one spelling suggestion, and each of those walks the word list once, not once per use."""
    scans = []
    original = SegmentReader.terms_within

    def counting(self, fieldname, text, maxdist, prefix=0):
        scans.append((fieldname, text))
        return original(self, fieldname, text, maxdist, prefix)
    monkeypatch.setattr(SegmentReader, "terms_within", counting)
    words = [f"qzxvw{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(MAX_TERMS)]
    result, took = timed_search(archive, " ".join(words))
    assert isinstance(result, dict) and result["fuzzy"]
    assert len(scans) <= 5 * len(words), f"{len(scans)} word-list scans for {len(words)} words"
    assert took < SLOWEST_ALLOWED


PIECES = ["budget", "kommun", "nämnd", "Anna", "OR", "AND", "NOT", "(", ")", '"', "~", "*", "-", "§", "§ 4",
          "kind:", "kind:decision", "date:", "date:2023", "date:2023-01..2023-06", "date:..", "person:", "person:Anna",
          "body:", "title:", "item:", "item:4", "-kind:item", "bu*", "*et", "volont*", "budgt~", "a~", "ÅÄÖ", "é",
          "\u0301", "\u00a0", "\t", "\n", "\x00", "🙂", "ß", "İ", "ﬁ", "1", "02091-C-71", "—", "‐", ":", "::", "''"]
HOSTILE = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=80).map(
    lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts))
LONG = st.tuples(st.sampled_from(PIECES[:40]), st.integers(1, 1200), st.booleans()).map(
    lambda t: ((t[0] + " ") if t[2] else t[0]) * t[1])
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(max_examples=300, **SETTINGS)
@given(query=st.one_of(HOSTILE, LONG, st.text(max_size=1100)))
def test_fuzzed_queries_give_a_result_or_a_query_error_in_time(archive, query):
    note(repr(query[:200]))
    result, took = timed_search(archive, query)
    assert isinstance(result, (dict, MinutesError)), result
    if isinstance(result, MinutesError):
        one_line_quoting_little(str(result), query)
    if len(query) <= MAX_QUERY_CHARS:
        assert took < SLOWEST_ALLOWED, f"{took:.2f} s"
    else:
        assert isinstance(result, QueryError)


@settings(max_examples=60, **SETTINGS)
@given(query=HOSTILE, sort=st.sampled_from(["relevance", "date", "-date"]), page=st.integers(1, 3))
def test_fuzzed_queries_with_options(archive, query, sort, page):
    note(repr(query[:200]))
    result, took = timed_search(archive, query, sort=sort, page=page, facets=page == 2)
    assert isinstance(result, (dict, MinutesError)), result
    assert took < SLOWEST_ALLOWED or len(query) > MAX_QUERY_CHARS
