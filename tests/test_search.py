"""Search acceptance with both seeds imported, plus the query language and index upkeep (on the demo samples)."""
import json
import shutil

import pytest

from minutes_archive import Archive
from minutes_archive.search.grammar import QueryError, parse
from minutes_archive.samples.model import Para, SampleDoc
from minutes_archive.samples.write_txt import write_txt

from support import minutes, require_seeds

ITEM_14 = "96a7c7736d8b-14"  # seed 000's id: the first 12 hex digits of its sha256


# The acceptance searches run on both engines: Solr on the session's 2-node cluster (make test-solr).
ENGINES = ["whoosh", pytest.param("solr", marks=pytest.mark.solr)]


def solr_url(request) -> str | None:
    return ",".join(request.getfixturevalue("solr_cluster").urls) if request.param == "solr" else None


@pytest.fixture(scope="module", params=ENGINES)
def seeded(tmp_path_factory, request):
    folder = require_seeds()
    url = solr_url(request)
    archive = tmp_path_factory.mktemp("search") / "archive"
    minutes(archive, *(["--solr-url", url] if url else []), "import", *map(str, sorted(folder.glob("*.txt"))))
    return archive


def search(archive, *args):
    return json.loads(minutes(archive, "search", *args, "--json").stdout)


def ids(result):
    return [h["id"] for h in result["hits"]]


def test_topic_ranks_the_item_first(seeded):
    result = search(seeded, "volontärverksamhet")
    assert result["hits"][0]["id"] == ITEM_14
    first = result["hits"][0]
    assert (first["date"], first["number"], first["title"], first["kind"], first["page"]) == (
        "2007-09-25", "14", "Kommunal volontärverksamhet", "item", 1)
    assert first["body"] == "Kompetens- och integrationsberedningen"
    start, end = first["highlights"][0]
    assert first["snippet"][start:end] == "volontärverksamhet"


def test_compound_part_and_accent_folding(seeded):
    assert ITEM_14 in ids(search(seeded, "verksamhet"))
    assert ITEM_14 in ids(search(seeded, "narva"))


def test_decisions_command(seeded):
    result = json.loads(minutes(seeded, "decisions", "sammanträdesdagar", "--json").stdout)
    assert {h["kind"] for h in result["hits"]} == {"decision"}
    assert any(h["item_id"] == "96a7c7736d8b-16" and "nya sammanträdesdagar" in h["snippet"] for h in result["hits"])


def test_abbreviation_expands_with_dates(seeded):
    early = search(seeded, "FFFN", "--to", "2007-03-31")
    assert {"ece5c4aff02f-3", "ece5c4aff02f-a1"} & set(ids(early))
    late = search(seeded, "FFFN", "--from", "2007-09-01")
    assert {h["item_id"] for h in late["hits"]} == {"96a7c7736d8b-15"}
    back = search(seeded, '"Fler Friska Företagsamma Nackabor"', "--from", "2007-09-01")
    assert "96a7c7736d8b-15" in ids(back)


def test_person_and_date_range(seeded):
    result = search(seeded, "--person", "Lennart Jonasson", "--from", "2007-09-01")
    assert "96a7c7736d8b-15" in ids(result)
    assert all(h["date"] >= "2007-09-01" for h in result["hits"])
    assert search(seeded, "FFFN-projektet")["hits"][0]["id"] == "96a7c7736d8b-15"


def test_malformed_query_is_a_clear_error(samples_archive):
    failed = minutes(samples_archive, "search", "AND OR (", check=False)
    assert failed.returncode == 2 and "Traceback" not in failed.stderr and "AND needs a word" in failed.stderr


def test_ambiguous_and_unknown_person(seeded, tmp_path):
    unknown = minutes(seeded, "search", "--person", "Zelda", check=False)
    assert unknown.returncode == 2 and "No person" in unknown.stderr
    failed = minutes(seeded, "search", "--person", "Jan", check=False)  # Jan-Eric Jansson is the only Jan
    assert failed.returncode == 0


def test_zero_hits_fall_back_to_fuzzy(seeded):
    result = search(seeded, "volontärverksamhett")
    assert result["fuzzy"] and result["did_you_mean"] == "volontärverksamhet" and ITEM_14 in ids(result)
    assert ITEM_14 in ids(search(seeded, "volontarverksamhet~"))


def test_facets_and_paging(seeded):
    result = search(seeded, "beredningen", "--facets", "--limit", "2")
    assert len(result["hits"]) == 2 and result["pages"] >= 2
    assert result["facets"]["year"] == {"2007": result["total"]}
    assert "Lennart Jonasson" in result["facets"]["persons"]
    second = search(seeded, "beredningen", "--limit", "2", "--page", "2")
    assert not set(ids(second)) & set(ids(result))


def test_sort_by_date_and_timeline(seeded):
    result = search(seeded, "beredningen", "--sort", "date", "--limit", "50")
    dates = [h["date"] for h in result["hits"]]
    assert dates == sorted(dates)
    timeline = json.loads(minutes(seeded, "timeline", "verksamhet", "--json").stdout)
    assert timeline["years"] == {"2007": 2} and [h["date"] for h in timeline["hits"]] == ["2007-02-28", "2007-09-25"]
    assert "█" in minutes(seeded, "timeline", "verksamhet").stdout


def test_reindex_gives_the_same_ids(tmp_path, samples_archive):
    archive = tmp_path / "archive"  # a copy: the shared sample archive is only read
    shutil.copytree(samples_archive, archive)
    queries = [["föreningsbidrag"], ["kulturstipendium", "--to", "2023-03-31"], ["--person", "Tove Dahlqvist"], ["budget"]]
    before = [ids(search(archive, *q)) for q in queries]
    assert all(before)
    minutes(archive, "reindex")
    assert [ids(search(archive, *q)) for q in queries] == before


# The same commands on the demo minutes the project writes itself: these run without ../shared.

def test_samples_decisions_command(samples_archive):
    result = json.loads(minutes(samples_archive, "decisions", "föreningsbidrag", "--json").stdout)
    assert result["hits"] and {h["kind"] for h in result["hits"]} == {"decision"}
    assert all(h["id"].startswith(h["item_id"] + "-d") and "föreningsbidrag" in h["snippet"] for h in result["hits"])


def test_samples_person_date_range_and_unknown_person(samples_archive):
    result = search(samples_archive, "--person", "Tove Dahlqvist", "--from", "2023-03-01")
    assert result["total"] and all(h["date"] >= "2023-03-01" for h in result["hits"])
    unknown = minutes(samples_archive, "search", "--person", "Zelda", check=False)
    assert unknown.returncode == 2 and "No person" in unknown.stderr and "Traceback" not in unknown.stderr


def test_samples_zero_hits_fall_back_to_fuzzy(samples_archive):
    result = search(samples_archive, "föreningsbidragg")
    assert result["fuzzy"] and result["did_you_mean"] == "föreningsbidrag" and result["hits"]


def test_samples_facets_paging_and_sort_by_date(samples_archive):
    result = search(samples_archive, "föreningsbidrag", "--facets", "--limit", "2")
    assert len(result["hits"]) == 2 and result["pages"] >= 2
    assert result["facets"]["year"] == {"2023": result["total"]}
    second = search(samples_archive, "föreningsbidrag", "--limit", "2", "--page", "2")
    assert not set(ids(second)) & set(ids(result))
    dates = [h["date"] for h in search(samples_archive, "föreningsbidrag", "--sort", "date", "--limit", "50")["hits"]]
    assert dates == sorted(dates)


def test_accented_query_searches_the_exact_field_only(tmp_path):
    doc = SampleDoc([Para("Protokoll"), Para("§ 1 Budget"), Para("Under år 2020 ökade kostnaderna."),
                     Para("§ 2 Kommunstyrelsen"), Para("Ärendet gick vidare till kommunstyrelsen."),
                     Para("§ 3 Övrigt"), Para("Ar och dag gick.")])
    with Archive(tmp_path / "a") as archive:
        archive.import_paths([write_txt(doc, tmp_path / "m.txt")])
        assert [h["item_id"] for h in archive.search("år")["hits"]] == ["{}-1".format(archive.documents()[0]["id"])]
        assert archive.search("styrelse")["hits"][0]["item_id"].endswith("-2")


def test_old_index_is_rebuilt_automatically(tmp_path):
    doc = SampleDoc([Para("Protokoll"), Para("§ 1 Budget"), Para("Budgeten godkändes.")])
    with Archive(tmp_path / "a") as archive:
        archive.import_paths([write_txt(doc, tmp_path / "m.txt")])
        (archive.path / "index" / "minutes-index.json").write_text('{"schema": 0}')
        assert archive.search("budget")["total"] >= 1
        assert '"schema": 0' not in (archive.path / "index" / "minutes-index.json").read_text()


@pytest.mark.parametrize("query", ["AND", "a OR", '"open', "(a", "a)", "NOT", "-a", "()"])
def test_grammar_errors(query):
    with pytest.raises(QueryError):
        tree = parse(query)
        if tree is not None and type(tree).__name__ == "Not":
            raise QueryError("only exclusion")


def test_hyphenated_words_are_terms():
    assert parse("02091-C-71").text == "02091-C-71"


def test_search_works_while_an_import_holds_the_writer_lock(tmp_path):
    from minutes_archive.storage.lock import WriterLock
    from minutes_archive.errors import ArchiveLocked

    doc = SampleDoc([Para("Protokoll"), Para("§ 1 Budget"), Para("Budgeten godkändes.")])
    with Archive(tmp_path / "a") as archive:
        archive.import_paths([write_txt(doc, tmp_path / "m.txt")])
        with WriterLock(archive.path / "writer.lock"):
            assert archive.search("budget")["total"] >= 1
            (archive.path / "index" / "minutes-index.json").unlink()
            archive.index.close()
            with pytest.raises(ArchiveLocked, match="being built"):
                archive.search("budget")


def test_ambiguous_person_lists_the_candidates(tmp_path):
    doc = SampleDoc([Para("Protokoll"), Para("§ 1 Budget"), Para("Eva Ek och Eva Berg redogjorde för budgeten.")])
    with Archive(tmp_path / "a") as archive:
        archive.import_paths([write_txt(doc, tmp_path / "m.txt")])
        with pytest.raises(QueryError, match="could be 2 people: Eva Berg .*; Eva Ek"):
            archive.search(person="Eva")
        assert archive.search(person="Eva Ek")["total"] >= 1


def test_filters_that_match_nothing_give_nothing(tmp_path):
    """Whoosh reads an empty filter set as "no filter"; every path must answer zero instead of everything."""
    with Archive(tmp_path / "a") as archive:
        assert archive.search("budget", date_from="1990-01-01")["total"] == 0  # nothing indexed at all
        assert archive.search(None, date_from="1990")["total"] == 0
        _import_meeting(archive, tmp_path, "§ 1 Budget\nBudgeten godkändes.\n")
        assert archive.search("budget")["total"] >= 1
        for options in ({"date_from": "1990-01-01", "date_to": "1990-12-31"}, {"kind": "footnote"},
                        {"kind": "memo", "date_from": "2023"}):
            found = archive.search("budget", facets=True, **options)
            assert (found["total"], found["hits"], found["facets"]["year"]) == (0, [], {}), options
            assert archive.search(None, **options)["total"] == 0, options
            if "kind" not in options:  # decisions and timeline choose their own kind
                assert archive.decisions("budget", **options)["total"] == 0, options
                assert archive.timeline("budget", **options)["total"] == 0, options
            written = archive.export(tmp_path / "out.csv", "csv", "budget", **options)
            assert written["citations"] == 0, options


def _import_meeting(archive, folder, items: str) -> None:
    source = folder / "m.txt"
    source.write_text(f"Kulturnämndens protokoll\nSammanträdesdatum 2023-03-07\n{items}", encoding="utf-8")
    archive.import_paths([source])


def test_did_you_mean_only_offers_a_respelling_that_finds_something(tmp_path):
    with Archive(tmp_path / "a") as archive:
        _import_meeting(archive, tmp_path, "§ 1 Kulturstipendium\nKulturstipendiet delas ut i maj.\n§ 2 Budget\n"
                                           "Budgeten godkändes.\n")
        respelt = archive.search("kulturstipendum")
        assert respelt["total"] >= 1 and respelt["did_you_mean"] == "kulturstipendium"
        assert archive.search("Whitmore")["did_you_mean"] is None  # never the query itself
        assert archive.search("kulturstipendum", date_from="1990", date_to="1990")["did_you_mean"] is None


def test_person_named_only_in_the_signatures_is_found_there(tmp_path):
    with Archive(tmp_path / "a") as archive:
        _import_meeting(archive, tmp_path, "§ 1 Budget\nBudgeten godkändes.\n\nVid protokollet\nGunnel Åkerlund\n")
        found = archive.search(None, person="Gunnel Åkerlund")
        assert [h["kind"] for h in found["hits"]] == ["closing"]
        assert archive.search("budget", person="Gunnel Åkerlund")["total"] == 0


@pytest.fixture(scope="module", params=ENGINES)
def demo(tmp_path_factory, request):
    """The archive `make demo` builds: three fictional minutes as txt, docx and pdf."""
    from minutes_archive.samples.__main__ import write_samples

    folder = tmp_path_factory.mktemp("demo")
    archive = Archive(folder / "archive", solr_url=solr_url(request))
    archive.import_paths(write_samples(folder / "samples"), jobs=1)
    yield archive
    archive.close()


def test_demo_acceptance_filters_and_partial_matches(demo):
    assert demo.search("föreningsbidrag", date_from="1990-01-01", date_to="1990-12-31")["total"] == 0
    found = demo.search("kulturstipendium budget")
    assert found["all_words"] == 0 and found["partial"] == found["total"] >= 3
    titles = {h["title"] for h in found["hits"]}
    assert "Kulturstipendium" in titles and any(t.startswith("Budgetuppföljning") for t in titles)
    assert all(h["partial"] and len(h["missing"]) == 1 for h in found["hits"])
    assert found["did_you_mean"] is None  # "kulturstipendium budget" is spelt right; nothing better to offer


def test_partial_matches_come_after_full_ones_and_are_marked(demo):
    full = demo.search("kulturstipendium uppföljning")
    assert full["all_words"] >= 1
    flags = [h["partial"] for h in full["hits"]]
    assert flags == sorted(flags)  # every full match before the first partial one
    assert all(not h["missing"] for h in full["hits"] if not h["partial"])
    three = demo.search("kulturstipendium uppföljning zyxwvut")  # a word no record holds: 2 of 3 is "most"
    assert three["all_words"] == 0 and three["partial"] >= 1
    assert all(h["missing"] == ["zyxwvut"] for h in three["hits"])
    assert demo.search("kulturstipendium budget", partial=False)["total"] == 0
    paged = [demo.search("kulturstipendium budget", limit=2, page=p) for p in (1, 2, 3, 4)]
    listed = [h["id"] for r in paged for h in r["hits"]]
    assert len(listed) == len(set(listed)) == paged[0]["total"]  # pages cover the partial matches once each


def test_export_lists_what_search_lists(demo, tmp_path):
    for query in ("kulturstipendium budget", "föreningsbidrag", "kulturstipendum"):
        every = demo.search(query, limit=100)
        demo.export(tmp_path / "out.jsonl", "jsonl", query)
        exported = [json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()]
        assert sorted(exported) == sorted(h["id"] for h in every["hits"]), query


@pytest.mark.parametrize("typed, flags", [
    ("föreningsbidrag kind:decision", {"kind": "decision"}),
    ("föreningsbidrag date:2023-03", {"date": "2023-03"}),
    ("föreningsbidrag date:2023-03..2023-04", {"date_from": "2023-03", "date_to": "2023-04"}),
    ("föreningsbidrag date:..2023-03", {"date_to": "2023-03"}),
    ("§ 41 föreningsbidrag", {"item": "41"}),
    ("föreningsbidrag item:41", {"item": "§ 41"}),
    ("title:kulturstipendium", {"title": "kulturstipendium"}),
    ('person:"Tove Dahlqvist"', {"person": "Tove Dahlqvist"}),
    ("body:utbildning", {"body": "utbildning"}),
])
def test_typed_filters_mean_the_same_as_flags(demo, typed, flags):
    words = " ".join(w for w in typed.split() if ":" not in w and w not in ("§", "41") and '"' not in w) or None
    by_prefix = demo.search(typed, limit=100)
    by_flags = demo.search(words, limit=100, **flags)
    assert by_prefix["total"] >= 1
    assert [h["id"] for h in by_prefix["hits"]] == [h["id"] for h in by_flags["hits"]]


def test_typed_filter_narrows_and_checks(demo):
    item_41 = demo.search("§ 41", limit=100)["hits"]
    assert item_41 and {h["number"] for h in item_41} == {"41"}
    assert {h["title"] for h in demo.search("title:kulturstipendium", limit=100)["hits"]} == {"Kulturstipendium"}
    assert demo.search("föreningsbidrag kind:decision", kind="decision")["total"] >= 1  # flag and prefix agree
    with pytest.raises(QueryError, match="given twice"):
        demo.search("föreningsbidrag kind:decision", kind="item")
    with pytest.raises(QueryError, match="must be one of"):
        demo.search("kind:minutes")
    with pytest.raises(QueryError, match="not a date"):
        demo.search("date:yesterday")


def test_wildcards(demo, monkeypatch):
    prefix = demo.search("volont*", limit=100)
    assert prefix["total"] >= 3 and all("volontär" in h["snippet"].lower() for h in prefix["hits"])
    assert any(h["highlights"] for h in prefix["hits"])
    suffix = demo.search("*stipendium", limit=100)
    assert {h["title"] for h in suffix["hits"]} == {"Kulturstipendium"}
    assert demo.search("zzq*")["total"] == 0
    assert demo.search("zzq* föreningsbidrag")["all_words"] == 0  # a pattern that finds nothing is not dropped
    from minutes_archive.search import searcher

    monkeypatch.setattr(searcher, "MAX_EXPANSION", 3)  # the demo's few hundred words never reach the real bound
    with pytest.raises(QueryError, match="stands for more than 3 different words"):
        demo.search("*er*")
    with pytest.raises(QueryError, match="stands for more than 3"):
        demo.search("för*")
    with pytest.raises(QueryError, match="at least 2 letters"):
        demo.search("v*")


def test_sort_by_date_both_ways_and_browse_newest_first(demo):
    oldest = [h["date"] for h in demo.search("föreningsbidrag", sort="date", limit=100)["hits"]]
    newest = [h["date"] for h in demo.search("föreningsbidrag", sort="-date", limit=100)["hits"]]
    assert oldest == sorted(oldest) and newest == sorted(newest, reverse=True) and oldest[0] < newest[0]
    browsed = [h["date"] for h in demo.search(None, limit=100)["hits"]]
    assert browsed == sorted(browsed, reverse=True)
    assert [h["date"] for h in demo.search(None, sort="date", limit=100)["hits"]] == sorted(browsed)
    with pytest.raises(QueryError, match="--sort"):
        demo.search("budget", sort="newest")


def test_a_decomposed_query_finds_what_the_composed_one_does(demo):
    import unicodedata

    for query, options in (("föreningsbidrag", {}), ("kulturstipendium", {"body": "Äldreomsorg"})):
        decomposed = {k: unicodedata.normalize("NFD", v) for k, v in options.items()}
        assert ids(demo.search(unicodedata.normalize("NFD", query), **decomposed)) == ids(demo.search(query, **options))
        assert demo.search(query, **options)["total"] >= 1


def test_a_word_finds_its_definite_neuter_form_and_words_ending_in_et_stay_whole(tmp_path):
    """Snowball leaves "-et" on: "beslut" would miss "beslutet" and "protokoll" miss "protokollet"."""
    with Archive(tmp_path / "a") as archive:
        _import_meeting(archive, tmp_path, "§ 1 Lokaler\nBeslutet om lokalerna överklagades.\n§ 2 Ekonomi\n"
                                           "Budgetförslaget och paketet till föreningen godkändes.\n§ 3 Bidrag\n"
                                           "Budgeten och ett paket med bidrag diskuterades.\n")
        for query, item in (("beslut", "1"), ("beslutet", "1"), ("budgetförslag", "2"), ("förslag", "2")):
            found = archive.search(query)
            assert {h["number"] for h in found["hits"] if not h["partial"]} == {item}, query
            assert found["hits"][0]["highlights"], query  # the definite form is marked in the snippet
        assert {h["number"] for h in archive.search("budget")["hits"]} == {"2", "3"}  # budget is not "budg"
        assert {h["number"] for h in archive.search("paket")["hits"]} == {"2", "3"}
