import os
import stat
import subprocess
import sys
import textwrap

import pytest

from minutes_archive import Archive
from minutes_archive.storage.lock import WriterLock
from minutes_archive.errors import ArchiveLocked, NotFound
from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.write_docx import write_docx
from minutes_archive.samples.write_txt import write_txt


@pytest.fixture
def sample(tmp_path):
    doc, _ = fictional_minutes(2)
    return write_txt(doc, tmp_path / "protokoll.txt")


def test_import_then_duplicate(archive_dir, sample):
    with Archive(archive_dir) as archive:
        first = archive.import_paths([sample])
        second = archive.import_paths([sample])
        stats = archive.stats()
    assert first["files"][0]["status"] == "imported"
    assert second["files"][0]["status"] == "duplicate"
    assert second["files"][0]["document_id"] == first["files"][0]["document_id"]
    assert stats["documents"] == 1 and stats["imports"] == {"duplicate": 1, "imported": 1}


def test_ids_are_the_same_in_any_archive(tmp_path, sample):
    results = []
    for name in ("a", "b"):
        with Archive(tmp_path / name) as archive:
            doc_id = archive.import_paths([sample])["files"][0]["document_id"]
            results.append([i["id"] for i in archive.show(doc_id)["items"]])
    assert results[0] == results[1]
    assert all(i.startswith(f"{results[0][0].split('-')[0]}-") for i in results[0])


def test_nothing_is_world_readable(archive_dir, sample):
    with Archive(archive_dir) as archive:
        archive.import_paths([sample])
    for root, dirs, files in os.walk(archive_dir):
        for name in dirs + files:
            mode = stat.S_IMODE(os.stat(os.path.join(root, name)).st_mode)
            assert mode & 0o077 == 0, (name, oct(mode))


def test_archive_from_environment(tmp_path, monkeypatch, sample):
    monkeypatch.setenv("MINUTES_ARCHIVE", str(tmp_path / "from-env"))
    with Archive() as archive:
        archive.import_paths([sample])
    assert (tmp_path / "from-env" / "catalog.sqlite").exists()


def test_one_writer_at_a_time(archive_dir, sample):
    with Archive(archive_dir) as archive, WriterLock(archive.path / "writer.lock"):
        with pytest.raises(ArchiveLocked, match="Another import"):
            archive.import_paths([sample])


def test_unknown_id(archive_dir):
    with Archive(archive_dir) as archive, pytest.raises(NotFound, match="minutes list"):
        archive.show("nope-1")


def test_crash_mid_import_leaves_nothing_half_written(archive_dir, tmp_path):
    """The process dies inside the transaction; the file must then be wholly absent, and import cleanly later."""
    doc, _ = fictional_minutes(3)
    path = write_docx(doc, tmp_path / "m.docx")
    script = textwrap.dedent(f"""
        import os
        from minutes_archive import Archive
        from minutes_archive.archive import importer
        from minutes_archive.storage import catalog
        real = catalog.log_import
        def dying(conn, source, sha, status, *rest):
            if status == "imported":
                os._exit(9)  # as if the power went, after items and decisions were written
            return real(conn, source, sha, status, *rest)
        importer.catalog.log_import = dying
        Archive({str(archive_dir)!r}).import_paths([{str(path)!r}])
    """)
    crashed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert crashed.returncode == 9, crashed.stderr
    with Archive(archive_dir) as archive:
        assert archive.stats()["documents"] == 0
        assert archive.conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 0
        report = archive.import_paths([path])
        assert report["files"][0]["status"] == "imported"
        assert archive.stats()["items"] == 4
