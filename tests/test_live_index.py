"""Workers that serve many files, and an index that follows the catalog while an import runs."""
import os
import sqlite3
import time

from minutes_archive import Archive
from minutes_archive.archive import live_index, workers
from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.write_txt import write_txt
from minutes_archive.search import store as index_store
from minutes_archive.storage import catalog
from minutes_archive.storage.location import CATALOG, INDEX

_kept = []  # what a task leaves behind in its worker, as a leaking reader would


def _pid(ask):
    return os.getpid()


def _outcomes(tasks, **options):
    options = {"jobs": 1, "timeout": 30.0, "memory_mb": None, **options}
    return {o.key: o for o in workers.run(tasks, **options)}


def test_one_worker_reads_file_after_file():
    out = _outcomes([workers.Task(n, _pid) for n in range(5)])
    assert len({o.value for o in out.values()}) == 1
    assert out[0].value != os.getpid()


def test_a_worker_stopped_at_its_time_limit_is_replaced_and_the_rest_goes_on():
    def slow(ask):
        time.sleep(30)

    out = _outcomes([workers.Task("a", _pid), workers.Task("slow", slow), workers.Task("b", _pid)], timeout=1.5)
    assert out["slow"].status == "failed" and "longer than" in out["slow"].reason
    assert out["a"].status == out["b"].status == "ok" and out["a"].value != out["b"].value


def test_a_worker_that_grew_is_replaced_before_the_next_file():
    def grow(ask):
        _kept.append(bytearray(48 * 1024 * 1024))  # more than half of the 64 MB a file may add
        return os.getpid()

    out = _outcomes([workers.Task("grow", grow), workers.Task("next", _pid)], memory_mb=64)
    assert out["grow"].status == out["next"].status == "ok"
    assert out["grow"].value != out["next"].value


def test_a_file_over_its_memory_cap_fails_alone():
    def hog(ask):
        return len(bytearray(256 * 1024 * 1024))

    out = _outcomes([workers.Task("hog", hog), workers.Task("next", _pid)], memory_mb=64)
    assert out["hog"].status == "failed" and "64 MB" in out["hog"].reason
    assert out["next"].status == "ok"


def test_the_index_holds_files_before_the_import_ends(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in range(12):
        write_txt(fictional_minutes(seed)[0], folder / f"m{seed:02d}.txt")
    seen = []

    def on_file(result):
        if len(seen) or result.status != "imported":
            return
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not seen:  # the indexing process looks every LOOK_EVERY seconds
            if index_store.is_current(tmp_path / "a" / INDEX):
                with index_store.open_index(tmp_path / "a" / INDEX).searcher() as searcher:
                    if searcher.document_number(document_id=result.document_id) is not None:
                        seen.append(result.document_id)
            time.sleep(0.05)

    with Archive(tmp_path / "a") as archive:
        report = archive.import_paths([folder], jobs=1, on_file=on_file)
        assert seen, "the first imported file was not indexed while the import went on"
        items = {r[0] for r in archive.conn.execute("SELECT id FROM items")}
        assert {h["id"] for h in archive.search(None, kind="item", limit=1000)["hits"]} == items
    assert report["index"]["added"] + report["index"].get("documents", 0) > 0


def test_the_import_indexes_everything_when_the_indexing_process_fails(tmp_path, monkeypatch):
    def broken(*args):
        raise OSError("no index for you")

    monkeypatch.setattr(live_index, "_follow", broken)  # the forked process runs the patched module
    for seed in range(4):
        write_txt(fictional_minutes(seed)[0], tmp_path / f"m{seed}.txt")
    with Archive(tmp_path / "a") as archive:
        archive.import_paths([tmp_path], jobs=1)
        items = {r[0] for r in archive.conn.execute("SELECT id FROM items")}
        assert {h["id"] for h in archive.search(None, kind="item", limit=1000)["hits"]} == items


def test_a_snapshot_does_not_see_commits_made_during_it(tmp_path):
    """The index joins each document's records from several tables: all of them must come from one state."""
    with Archive(tmp_path / "a"):
        pass
    writer = catalog.connect(tmp_path / "a" / CATALOG)
    reader = catalog.open_readonly(tmp_path / "a" / CATALOG)
    count = "SELECT COUNT(*) FROM import_log"
    with catalog.snapshot(reader):
        before = reader.execute(count).fetchone()[0]
        catalog.log_import(writer, "x.txt", None, "failed", None, "a reason")
        assert reader.execute(count).fetchone()[0] == before
    assert reader.execute(count).fetchone()[0] == before + 1
    assert isinstance(reader, sqlite3.Connection)


def test_syncs_keep_the_compound_vocabulary_as_a_fresh_count_would(tmp_path):
    """A sync adds the new documents' words to the last count instead of counting the whole archive again."""
    from minutes_archive.archive import importer
    from minutes_archive.search.documents import item_words

    with Archive(tmp_path / "a") as archive:
        for seed in range(3):
            folder = tmp_path / f"in{seed}"
            folder.mkdir()
            write_txt(fictional_minutes(seed)[0], folder / "m.txt")
            importer.import_paths(archive.conn, archive.store, [folder], importer.Options(jobs=1))  # no index
            report = index_store.sync(archive.conn, archive.path / INDEX)
            assert report["rebuilt"] or report["added"] == 1
            fresh = {word for word, n in item_words(archive.conn).items() if n >= 2}
            assert index_store._WORDS.common == fresh
        assert len(index_store._WORDS.documents) == 3
