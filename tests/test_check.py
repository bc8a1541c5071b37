"""`check`, `backup` and `restore` on generated archives damaged in the ways disks and kills damage them."""
import json
import threading
from pathlib import Path

import pytest

from minutes_archive import Archive
from minutes_archive.storage import catalog
from minutes_archive.archive.backup import backup, restore
from minutes_archive.archive.check import check_archive
from minutes_archive.errors import ArchiveError
from minutes_archive.search import store as index_store
from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.write_txt import write_txt

QUERIES = ["beslut", "föreningsbidrag", "kulturstipendium", "förvaltningen"]


@pytest.fixture
def archive(tmp_path) -> Path:
    files = []
    for number in (1, 2):
        doc, _ = fictional_minutes(number)
        files.append(write_txt(doc, tmp_path / f"protokoll-{number}.txt"))
    path = tmp_path / "archive"
    with Archive(path) as opened:
        assert opened.import_paths(files, jobs=1)["summary"]["imported"] == 2
    return path


def _kinds(result: dict) -> list[str]:
    return sorted(p["kind"] for p in result["problems"])


def _blobs(path: Path) -> list[Path]:
    return sorted(p for p in (path / "originals").rglob("*") if p.is_file())


def _segment(path: Path, ending: str) -> Path:
    return next((path / "index").glob(f"*{ending}"))


def _hits(path: Path) -> dict:
    with Archive(path, create=False) as opened:
        return {q: [h["id"] for h in opened.search(q, limit=50)["hits"]] for q in QUERIES}


def test_a_healthy_archive_passes(archive):
    result = check_archive(archive)
    assert result == {"archive": str(archive), "ok": True, "problems": [], "repaired": []}


def test_a_deleted_original_is_named_and_repaired_from_its_source(archive):
    blob = _blobs(archive)[0]
    blob.unlink()
    result = check_archive(archive)
    assert _kinds(result) == ["original_missing"] and blob.name in result["problems"][0]["detail"]
    assert "still holds it" in result["problems"][0]["detail"]
    assert check_archive(archive, repair=True)["ok"] and blob.is_file()


def test_a_changed_byte_is_named_and_without_its_source_points_to_a_backup(archive, tmp_path):
    blob = _blobs(archive)[1]
    data = bytearray(blob.read_bytes())
    data[10] ^= 1
    blob.write_bytes(bytes(data))
    for source in tmp_path.glob("protokoll-*.txt"):
        source.unlink()
    result = check_archive(archive, repair=True)
    assert _kinds(result) == ["original_changed"] and not result["ok"]
    assert result["problems"][0]["repair"].startswith("minutes restore") and result["repaired"] == []


def test_orphans_and_leftovers_are_removed_by_repair(archive):
    orphan = archive / "originals" / "ab" / ("ab" * 32 + ".txt")
    orphan.parent.mkdir()
    orphan.write_text("no document refers to me")
    temp = _blobs(archive)[0].parent / ".incoming-x1y2"
    temp.write_bytes(b"half")
    (archive / "index.new").mkdir()
    result = check_archive(archive)
    assert _kinds(result) == ["orphan_original", "temp_leftover", "temp_leftover"]
    assert {p["repair"] for p in result["problems"]} == {"minutes check --repair"}
    repaired = check_archive(archive, repair=True)
    assert repaired["ok"] and len(repaired["repaired"]) == 3
    assert not orphan.exists() and not temp.exists() and not (archive / "index.new").exists()
    assert len(_blobs(archive)) == 2


@pytest.mark.parametrize("damage", ["delete", "truncate"])
def test_a_damaged_index_segment_is_named_and_rebuilt(archive, damage):
    before = _hits(archive)
    segment = _segment(archive, ".pst")
    if damage == "delete":
        segment.unlink()
    else:
        segment.write_bytes(segment.read_bytes()[:40])
    result = check_archive(archive)
    assert _kinds(result) == ["index_damaged"] and result["problems"][0]["repair"] == "minutes reindex"
    assert check_archive(archive, repair=True)["ok"]
    assert _hits(archive) == before


def test_a_missing_segment_makes_search_point_to_reindex(archive):
    _segment(archive, ".trm").unlink()
    with pytest.raises(ArchiveError, match="search index is damaged.*minutes reindex"):
        index_store.open_index(archive / "index")


def test_a_stale_stamp_and_an_index_out_of_step_are_named(archive):
    (archive / "index" / index_store.MARK).write_text('{"schema": 0}')
    assert _kinds(check_archive(archive)) == ["index_stale"]
    assert check_archive(archive, repair=True)["ok"]
    ix = index_store.open_index(archive / "index")
    writer = ix.writer()
    writer.delete_by_term("kind", "decision")
    writer.commit()
    result = check_archive(archive)
    assert _kinds(result) == ["index_out_of_step"] and "missing from the index" in result["problems"][0]["detail"]
    assert check_archive(archive, repair=True)["ok"]


def test_a_garbage_catalog_page_is_named_and_commands_point_to_check(archive):
    db = archive / "catalog.sqlite"
    conn = catalog.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'documents'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with db.open("r+b") as handle:  # the documents table's page: the catalog opens, its first query fails
        handle.seek(size * (root - 1))
        handle.write(b"\xde\xad\xbe\xef" * (size // 4))
    result = check_archive(archive, repair=True)
    assert _kinds(result)[0] == "catalog_damaged" and not result["ok"]
    assert result["problems"][0]["repair"].startswith("minutes restore")
    with Archive(archive, create=False) as opened:
        for command in (opened.stats, opened.documents):
            with pytest.raises(ArchiveError, match="catalog is damaged.*minutes check"):
                command()


def test_a_garbage_catalog_header_is_named(archive):
    with (archive / "catalog.sqlite").open("r+b") as handle:
        handle.write(b"not a database at all!")
    result = check_archive(archive)
    assert _kinds(result)[0] == "catalog_damaged" and not result["ok"]
    with pytest.raises(ArchiveError, match="damaged.*minutes check"):
        Archive(archive, create=False)


def test_an_old_catalog_is_named_and_upgraded(archive):
    conn = catalog.connect(archive / "catalog.sqlite")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.close()
    assert _kinds(check_archive(archive)) == ["catalog_old"]
    result = check_archive(archive, repair=True)
    assert "catalog_old" not in _kinds(result)  # a reextract may now be asked for: that is not check's to do


def test_backup_during_searches_then_restore(archive, tmp_path):
    before = _hits(archive)
    failures, stop = [], threading.Event()

    def search_loop():
        with Archive(archive, create=False) as opened:
            while not stop.is_set():
                try:
                    opened.search("beslut")
                except Exception as exc:  # noqa: BLE001 - any failure is what the test looks for
                    failures.append(exc)

    thread = threading.Thread(target=search_loop)
    thread.start()
    try:
        first = backup(archive, tmp_path / "backup")
        second = backup(archive, tmp_path / "backup")
    finally:
        stop.set()
        thread.join()
    assert failures == []
    assert first["documents"] == 2 and first["originals_copied"] == 2
    assert second["originals_copied"] == 0 and second["originals_already_there"] == 2  # incremental
    assert not (tmp_path / "backup" / "index").exists()
    restored = restore(tmp_path / "backup", tmp_path / "restored")
    assert restored["check"]["ok"] and restored["index_documents"] > 0
    assert _hits(tmp_path / "restored") == before
    assert (tmp_path / "restored" / "people.toml").read_text() == (archive / "people.toml").read_text()


def test_restore_refuses_an_archive_with_documents(archive, tmp_path):
    backup(archive, tmp_path / "backup")
    with pytest.raises(ArchiveError, match="already holds"):
        restore(tmp_path / "backup", archive)
    Archive(tmp_path / "empty").close()  # an archive nothing was imported into may be restored over
    assert restore(tmp_path / "backup", tmp_path / "empty")["check"]["ok"]


def test_backup_refuses_a_folder_of_other_files(archive, tmp_path):
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(ArchiveError, match="holds other files"):
        backup(archive, tmp_path / "other")


def test_check_backup_and_restore_from_the_command_line(tmp_path):
    from support import minutes

    archive, copy, back = tmp_path / "archive", tmp_path / "backup", tmp_path / "restored"
    source = tmp_path / "m.txt"
    source.write_text("Kulturnämndens protokoll\nSammanträdesdatum 2023-03-07\n§ 1 Budget\nBudgeten godkändes.\n",
                      encoding="utf-8")
    minutes(archive, "import", str(source))
    assert "healthy" in minutes(archive, "check").stdout
    minutes(archive, "backup", str(copy))
    restored = minutes(back, "restore", str(copy), "--json")
    assert json.loads(restored.stdout)["check"]["ok"]
    assert minutes(back, "search", "budget", "--json").stdout.count('"id"') >= 1
    (next((archive / "originals").rglob("*.txt"))).unlink()
    damaged = minutes(archive, "check", check=False)
    assert damaged.returncode == 1 and "original" in damaged.stdout
    assert minutes(tmp_path / "nowhere", "check", check=False).returncode == 2
