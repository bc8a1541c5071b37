"""The Solr engine on a real 2-node SolrCloud (make test-solr): a node killed mid-search, a node restarted,
updates while a leader is gone, check, forget, reindex. The acceptance searches themselves run on both engines in
test_search.py."""
import json
import threading
import time

import pytest

from minutes_archive import Archive
from minutes_archive.search.solr.client import Solr

from support import minutes, minutes_folder

QUERIES = [("föreningsbidrag", {}), ("kulturstipendium budget", {}), (None, {"person": "Tove Dahlqvist"}),
           (None, {"date_from": "2023-03-01", "date_to": "2023-04-30"}), ("volont*", {"facets": True}),
           ("föreningsbidrag", {"person": "Tove Dahlqvist", "date_from": "2023-01-01", "date_to": "2023-12-31"})]


@pytest.fixture
def solr_archive(solr_cluster, tmp_path):
    from minutes_archive.samples.__main__ import write_samples

    archive = Archive(tmp_path / "archive", solr_url=",".join(solr_cluster.urls))
    archive.import_paths(write_samples(tmp_path / "samples"), jobs=1)
    yield archive
    archive.close()


def _answers(archive) -> list[tuple]:
    out = []
    for query, options in QUERIES:
        found = archive.search(query, limit=100, **options)
        out.append((found["total"], sorted(h["id"] for h in found["hits"]), found.get("facets")))
    return out


@pytest.mark.solr
@pytest.mark.slow
def test_a_node_killed_mid_search_loses_no_query_and_catches_up_when_restarted(solr_archive, solr_cluster, tmp_path):
    expected = _answers(solr_archive)
    with Archive(solr_archive.path, engine="whoosh") as whoosh:  # the same archive on the other engine
        assert _answers(whoosh) == expected
    collection = solr_archive.index.index.current()
    solr_cluster.wait_active(collection)
    failures, answered, stop = [], [0], threading.Event()

    def loop():
        with Archive(solr_archive.path) as reader:  # its own archive: the engine recorded by the import (Solr)
            while not stop.is_set():
                try:
                    if _answers(reader) != expected:
                        failures.append("different answers")
                    answered[0] += 1
                except Exception as exc:  # noqa: BLE001 - every failure is the finding
                    failures.append(repr(exc))
    worker = threading.Thread(target=loop)
    worker.start()
    try:
        time.sleep(2)
        solr_cluster.kill(1)
        killed_at = answered[0]
        time.sleep(8)
    finally:
        stop.set()
        worker.join(60)
    assert not failures, failures[:3]
    assert answered[0] > killed_at >= 1  # searches went on after the kill

    # Updates while node 1 is dead: its shard leaders move to node 0 once ZooKeeper notices; the import retries.
    added = minutes_folder(tmp_path / "more", 3, first_seed=7100)
    report = solr_archive.import_paths([added], jobs=1)
    assert report["summary"]["imported"] == 3
    assert solr_archive.check()["ok"]
    expected = _answers(solr_archive)  # answered by node 0 alone
    solr_cluster.start(1)
    took = solr_cluster.wait_active(collection, timeout=120)
    assert took < 120
    for url in solr_cluster.urls:  # each node now answers with every record, the restarted one included
        compared = Archive(solr_archive.path, solr_url=url)
        try:
            assert compared.index.compare(compared.conn)["records"]["catalog"] == \
                compared.index.compare(compared.conn)["records"]["collection"]
            assert _answers(compared) == expected
        finally:
            compared.close()
    result = solr_archive.reindex()
    state = solr_archive.index.compare(solr_archive.conn)
    assert result["engine"] == "solr" and result["index_documents"] == state["records"]["catalog"] \
        == state["records"]["collection"]
    assert not state["missing"] and not state["extra"] and not state["different"]


@pytest.mark.solr
def test_check_finds_a_collection_out_of_step_and_repair_rebuilds_it(solr_archive):
    document = solr_archive.documents()[0]["id"]
    solr = Solr(solr_archive.engine_settings()[1]["url"])
    collection = solr_archive.engine_settings()[1]["collection"]
    solr.update(collection, {"delete": {"query": f"document_id:{document}"}}, commit=True)
    found = json.loads(minutes(solr_archive.path, "check", "--json", check=False).stdout)
    assert not found["ok"] and [p["kind"] for p in found["problems"]] == ["index_out_of_step"]
    assert document in found["problems"][0]["detail"]
    repaired = json.loads(minutes(solr_archive.path, "check", "--repair", "--json").stdout)
    assert repaired["ok"] and repaired["repaired"]
    assert solr_archive.search(None, limit=1)["total"] == solr_archive.index.compare(solr_archive.conn)["records"]["catalog"]


@pytest.mark.solr
def test_forget_erases_a_document_from_the_collection(solr_archive):
    hit = solr_archive.search("kulturstipendium")["hits"][0]
    solr_archive.forget([hit["document_id"]])
    assert all(h["document_id"] != hit["document_id"] for h in solr_archive.search("kulturstipendium", limit=100)["hits"])
    assert hit["document_id"] not in solr_archive.index.index.indexed(solr_archive.index.index.current())
    assert solr_archive.check()["ok"]


@pytest.mark.solr
def test_cli_search_export_and_reindex_on_solr(solr_archive, tmp_path):
    listed = json.loads(minutes(solr_archive.path, "search", "föreningsbidrag", "--limit", "100", "--json").stdout)
    minutes(solr_archive.path, "export", "föreningsbidrag", "--format", "jsonl", "-o", str(tmp_path / "out.jsonl"))
    exported = [json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert listed["total"] >= 3 and sorted(exported) == sorted(h["id"] for h in listed["hits"])
    rebuilt = json.loads(minutes(solr_archive.path, "reindex", "--json").stdout)
    assert rebuilt["engine"] == "solr" and rebuilt["index_documents"] >= listed["total"]
    back = json.loads(minutes(solr_archive.path, "--engine", "whoosh", "reindex", "--json").stdout)
    assert back["engine"] == "whoosh" and back["index_documents"] == rebuilt["index_documents"]
    assert json.loads(minutes(solr_archive.path, "search", "föreningsbidrag", "--limit", "100", "--json").stdout)[
        "total"] == listed["total"]  # now on Whoosh, as recorded by the last reindex


@pytest.mark.slow
def test_an_unreachable_cluster_is_a_one_line_error(tmp_path, samples_archive):
    started = time.monotonic()
    result = minutes(samples_archive, "--solr-url", "http://127.0.0.1:9/solr", "search", "budget", check=False)
    assert result.returncode == 2 and time.monotonic() - started < 15
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "no Solr node answers at http://127.0.0.1:9/solr" in message
    bad = minutes(samples_archive, "--solr-url", "localhost:8983", "search", "budget", check=False)
    assert bad.returncode == 2 and "not a Solr address" in bad.stderr


def _compared(found: dict) -> tuple:
    """What both engines must agree on: ranking within a page and a respelling offered may differ."""
    return (found["total"], found["all_words"], found["partial"], found["fuzzy"], found.get("facets"),
            sorted((h["id"], tuple(h["missing"]), h["snippet"], tuple(map(tuple, h["highlights"])))
                   for h in found["hits"]))


@pytest.mark.solr
def test_both_engines_give_the_same_records_filters_facets_and_partial_matches(solr_archive):
    import random

    rng = random.Random(17)
    titles = [r[0] for r in solr_archive.conn.execute("SELECT title FROM items ORDER BY id")]
    words = sorted({w.strip(".,:;()").lower() for t in titles for w in t.split() if len(w) > 4})
    people = [p["name"] for p in solr_archive.people()][:6]
    searches = [(w, {}) for w in rng.sample(words, 15)] + [(" ".join(rng.sample(words, 2)), {}) for _ in range(8)]
    searches += [(None, {"person": p}) for p in people] + [(w, {"facets": True}) for w in rng.sample(words, 5)]
    searches += [(None, {"facets": True}), ("beslut", {"kind": "decision", "facets": True}), ("volont*", {}),
                 ("föreningsbidrag -kultur", {}), ('"kommunstyrelsen beslutar"', {}), ("kulturstipendum", {}),
                 ("budget OR stipendium", {"date": "2023"}), ("title:kulturstipendium", {}), ("§ 41", {}),
                 (None, {"body": "utbildning", "sort": "date"}), ("föreningsbidrag", {"sort": "-date"})]
    with Archive(solr_archive.path, engine="whoosh") as whoosh:
        for query, options in searches:
            on_whoosh = whoosh.search(query, limit=1000, **options)
            on_solr = solr_archive.search(query, limit=1000, **options)
            assert _compared(on_solr) == _compared(on_whoosh), (query, options)
            if options.get("sort"):
                assert [h["date"] for h in on_solr["hits"]] == [h["date"] for h in on_whoosh["hits"]]


@pytest.mark.solr
def test_a_restored_copy_searches_with_whoosh_not_the_originals_collection(solr_archive, tmp_path):
    from minutes_archive.archive.archive import restore

    solr_archive.backup(tmp_path / "backup")
    restored = restore(tmp_path / "backup", tmp_path / "copy")
    assert restored["check"]["ok"] and restored["engine"] == "whoosh"
    with Archive(tmp_path / "copy") as copy:
        assert copy.engine_settings() == ("whoosh", {})
        assert copy.search("föreningsbidrag")["total"] == solr_archive.search("föreningsbidrag")["total"] >= 1
