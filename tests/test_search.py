"""Search acceptance with both seeds imported, plus the query language and index upkeep."""
import json

import pytest

from minutes_archive import Archive
from minutes_archive.indexer.search.grammar import QueryError, parse
from minutes_archive.samples.model import Para, SampleDoc
from minutes_archive.samples.write_txt import write_txt

from conftest import require_seeds
from test_cli import minutes

ITEM_14 = "96a7c7736d8b-14"  # seed 000's id: the first 12 hex digits of its sha256


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    folder = require_seeds()
    archive = tmp_path_factory.mktemp("search") / "archive"
    minutes(archive, "import", *map(str, sorted(folder.glob("*.txt"))))
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


def test_malformed_query_is_a_clear_error(seeded):
    failed = minutes(seeded, "search", "AND OR (", check=False)
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


def test_reindex_gives_the_same_ids(seeded):
    queries = [["volontärverksamhet"], ["FFFN", "--to", "2007-03-31"], ["--person", "Lennart Jonasson"], ["narva"]]
    before = [ids(search(seeded, *q)) for q in queries]
    minutes(seeded, "reindex")
    assert [ids(search(seeded, *q)) for q in queries] == before


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
    from minutes_archive.archive.lock import WriterLock
    from minutes_archive.errors import ArchiveLocked

    doc = SampleDoc([Para("Protokoll"), Para("§ 1 Budget"), Para("Budgeten godkändes.")])
    with Archive(tmp_path / "a") as archive:
        archive.import_paths([write_txt(doc, tmp_path / "m.txt")])
        with WriterLock(archive.path / "writer.lock"):
            assert archive.search("budget")["total"] >= 1
            (archive.path / "index" / "minutes-index.json").unlink()
            archive._open_searcher = None
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
