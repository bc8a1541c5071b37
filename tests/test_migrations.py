"""Catalogs from earlier releases open through named, recorded steps, each in its own transaction."""
import sqlite3

import pytest

from minutes_archive import Archive
from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.write_txt import write_txt
from minutes_archive.storage import catalog, migrations
from minutes_archive.storage.location import CATALOG


def _archive(tmp_path):
    for seed in (1, 2):
        write_txt(fictional_minutes(seed)[0], tmp_path / f"m{seed}.txt")
    with Archive(tmp_path / "a") as archive:
        archive.import_paths([tmp_path / "m1.txt", tmp_path / "m2.txt"], jobs=1)
        listed = archive.documents()
    return tmp_path / "a", listed


def _as_release_8(db):
    """The catalog as the release before attendance was indexed by person: schema version 8."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DROP INDEX participants_person")
    conn.execute("DELETE FROM migrations WHERE name = 'participants-by-person'")
    conn.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    conn.close()


def _as_release_7(db):
    """The catalog as the release before the OCR word boxes wrote it: schema version 7, no `ocr_words`."""
    _as_release_8(db)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DROP TABLE ocr_words")
    conn.execute("DELETE FROM migrations WHERE name = 'ocr-word-boxes'")
    conn.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    conn.close()


def _as_release_6(db):
    """The catalog as the release before the date column wrote it: schema version 6, no `date` column, no
    record of the step that adds it."""
    _as_release_7(db)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DROP INDEX documents_date")
    conn.execute("ALTER TABLE documents DROP COLUMN date")
    conn.execute("DELETE FROM migrations WHERE name = 'meeting-date-column'")
    conn.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
    conn.close()


def _as_release_5(db):
    _as_release_6(db)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DROP TABLE forgotten")
    conn.execute("DELETE FROM migrations WHERE name = 'forgotten-log'")
    conn.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    conn.close()


def test_a_catalog_of_the_last_release_gains_the_index_of_attendance_by_person(tmp_path):
    path, listed = _archive(tmp_path)
    _as_release_8(path / CATALOG)
    with Archive(path, create=False) as archive:
        assert archive.documents() == listed
        plan = " ".join(r[3] for r in archive.conn.execute(
            "EXPLAIN QUERY PLAN SELECT document_id FROM participants WHERE person_key = 'anna'"))
        names = {r[0] for r in archive.conn.execute("SELECT name FROM migrations")}
    assert "participants_person" in plan and "participants-by-person" in names


def test_a_catalog_of_the_last_release_gains_the_ocr_word_table(tmp_path):
    path, listed = _archive(tmp_path)
    _as_release_7(path / CATALOG)
    with Archive(path, create=False) as archive:
        assert archive.documents() == listed
        version = archive.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        names = {r[0] for r in archive.conn.execute("SELECT name FROM migrations")}
        assert archive.conn.execute("SELECT COUNT(*) FROM ocr_words").fetchone()[0] == 0
    assert int(version) == migrations.SCHEMA_VERSION == 9
    assert "ocr-word-boxes" in names


def test_a_catalog_of_an_earlier_release_upgrades_through_its_recorded_steps(tmp_path):
    path, listed = _archive(tmp_path)
    _as_release_6(path / CATALOG)
    with Archive(path, create=False) as archive:
        assert archive.documents() == listed  # the dates come from the new column
        version = archive.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        names = [r[0] for r in archive.conn.execute("SELECT name FROM migrations ORDER BY applied_at, name")]
    assert int(version) == migrations.SCHEMA_VERSION == 9
    assert sorted(names) == sorted(name for name, _ in migrations.MIGRATIONS)
    assert all(listed_doc["date"] for listed_doc in listed)


def test_each_step_is_its_own_transaction(tmp_path, monkeypatch):
    """A step that fails keeps the steps before it: the upgrade resumes where it stopped."""
    path, listed = _archive(tmp_path)
    _as_release_5(path / CATALOG)

    def broken(conn):
        conn.execute("ALTER TABLE documents ADD COLUMN half_done TEXT")
        raise RuntimeError("power cut")

    steps = [(name, broken if name == "meeting-date-column" else step) for name, step in migrations.MIGRATIONS]
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    with pytest.raises(RuntimeError, match="power cut"):
        catalog.connect(path / CATALOG)
    monkeypatch.undo()
    conn = sqlite3.connect(path / CATALOG)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "6"
    recorded = {r[0] for r in conn.execute("SELECT name FROM migrations")}
    columns = {r[1] for r in conn.execute("PRAGMA table_xinfo(documents)")}
    conn.close()
    assert "forgotten-log" in recorded and "meeting-date-column" not in recorded
    assert "half_done" not in columns  # the failed step left nothing
    with Archive(path, create=False) as archive:
        assert archive.documents() == listed


def test_opening_never_starts_a_reextraction(tmp_path):
    path, _ = _archive(tmp_path)
    with Archive(path) as archive:
        mentions = archive.conn.execute("SELECT COUNT(*) FROM person_mentions").fetchone()[0]
        archive.conn.execute("DELETE FROM person_mentions")
        archive.conn.execute("INSERT INTO meta VALUES ('needs_reextract', '1')")
    with Archive(path, create=False) as archive:
        archive.documents()
        assert archive.reextract_due
        assert archive.stats()["reextract_due"]
        assert archive.conn.execute("SELECT COUNT(*) FROM person_mentions").fetchone()[0] == 0
        archive.import_paths([tmp_path / "m1.txt"])  # the next import catches up first
        assert not archive.reextract_due
        assert archive.conn.execute("SELECT COUNT(*) FROM person_mentions").fetchone()[0] == mentions


def test_an_index_naming_modules_that_moved_is_rebuilt(tmp_path):
    """Whoosh pickles the schema with the analyzers' module paths: after code moves, the old index is rebuilt
    from the catalog on the next search instead of ending in a traceback."""
    path, _ = _archive(tmp_path)
    with Archive(path) as archive:
        before = [h["id"] for h in archive.search("beslut", limit=50)["hits"]]
    tocs = list((path / "index").glob("_*.toc"))
    assert tocs
    for toc in tocs:
        data = toc.read_bytes()
        assert b"minutes_archive.search.analysis" in data
        toc.write_bytes(data.replace(b"minutes_archive.search.analysis", b"minutes_archive.zzzzzz.analysis"))
    with Archive(path, create=False) as archive:
        assert [h["id"] for h in archive.search("beslut", limit=50)["hits"]] == before
        assert archive.check()["ok"]


def _shape(db) -> dict:
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    shape = {t: (conn.execute(f"PRAGMA table_xinfo({t})").fetchall(), conn.execute(f"PRAGMA foreign_key_list({t})").fetchall())
             for t in tables}
    shape["indexes"] = sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'"))
    conn.close()
    return shape


def test_an_upgraded_catalog_has_the_shape_of_a_new_one(tmp_path):
    path, _ = _archive(tmp_path)
    _as_release_5(path / CATALOG)
    catalog.connect(path / CATALOG).close()
    fresh = tmp_path / "fresh.sqlite"
    catalog.connect(fresh).close()
    assert _shape(path / CATALOG) == _shape(fresh)


def test_record_tables_are_made_from_the_records(tmp_path):
    """The columns are declared once, as the record's fields; a field added to a record is a column."""
    from dataclasses import fields

    from minutes_archive.records import model

    conn = catalog.connect(tmp_path / "c.sqlite")
    for name, table in catalog._TABLES.items():
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        assert columns == [f.name for f in fields(getattr(model, name))], table
    conn.close()
