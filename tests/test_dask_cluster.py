"""`minutes import --cluster`: scans read on a real Dask cluster on 127.0.0.1 (a `dask scheduler` and two
`dask worker` processes), one worker killed with SIGKILL mid-import, and every file still imported exactly once,
with the same items as an import on this machine alone."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dask_support import dask_cluster, free_port
from support import ENV, command, minutes, minutes_folder, needs_tesseract

pytest.importorskip("distributed", reason="Dask distributed is not installed (extra `cluster`)")

SCANS = 5


def _catalog(archive: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{archive / 'catalog.sqlite'}?mode=ro", uri=True)


def _items(archive: Path) -> list[tuple]:
    with _catalog(archive) as conn:
        return conn.execute("SELECT d.sha256, i.number, i.title, i.text FROM items i JOIN documents d "
                            "ON d.id = i.document_id ORDER BY d.sha256, i.seq").fetchall()


def _kill_a_busy_worker(cluster, importing: subprocess.Popen, within: float = 120) -> str:
    """SIGKILL the worker process (the nanny starts a new one) that holds a file of this import, once it has one."""
    from distributed import Client

    deadline = time.monotonic() + within
    with Client(cluster.address, timeout=30, set_as_default=False) as client:
        while time.monotonic() < deadline and importing.poll() is None:
            busy = [address for address, keys in client.processing().items()
                    if any(str(key).startswith("minutes-read-") for key in keys)]
            if busy:
                pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                return busy[0]
            time.sleep(0.05)
    raise AssertionError(f"no worker took a file of the import\n{cluster.log()}")


@pytest.mark.cluster
@pytest.mark.slow
@needs_tesseract
def test_a_worker_killed_mid_import_loses_no_file_and_commits_none_twice(tmp_path):
    folder = minutes_folder(tmp_path / "skannat", SCANS, scans=SCANS)
    (folder / "kopia.tif").write_bytes((folder / "skannat-000.tif").read_bytes())  # same content: read once
    archive = tmp_path / "arkiv"
    with dask_cluster(tmp_path / "cluster") as cluster:
        importing = subprocess.Popen(command(archive, "import", str(folder), "--cluster", cluster.address, "--json",
                                             "--jobs", "2"),
                                     env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     start_new_session=True)
        try:
            _kill_a_busy_worker(cluster, importing)
            out, err = importing.communicate(timeout=240)
        finally:
            if importing.poll() is None:
                os.killpg(importing.pid, signal.SIGKILL)
                importing.wait()
        assert importing.returncode == 0, f"{err}\n{cluster.log()}"
        report = json.loads(out)
        assert report["summary"] == {"imported": SCANS, "duplicate": 1, "needs_ocr": 0, "failed": 0, "skipped": 0}
        assert all(f["pages_read"] == {"ocr": [1]} for f in report["files"] if f["status"] == "imported")
        killed_log = (tmp_path / "cluster").glob("w*.log")
        assert any("Restarting worker" in p.read_text(errors="replace") or "exited with status" in
                   p.read_text(errors="replace") for p in killed_log), cluster.log()

        with _catalog(archive) as conn:
            documents = conn.execute("SELECT sha256, blob, searchable_blob FROM documents").fetchall()
            log = conn.execute("SELECT sha256, status FROM import_log").fetchall()
        assert len(documents) == len({sha for sha, _, _ in documents}) == SCANS
        assert all(blob and searchable for _, blob, searchable in documents)  # the searchable PDF came back
        assert all((archive / "originals" / searchable).is_file() for _, _, searchable in documents)
        imported = [sha for sha, status in log if status == "imported"]
        assert sorted(imported) == sorted(sha for sha, _, _ in documents)  # each logged imported exactly once
        assert [status for _, status in log].count("duplicate") == 1

        # resuming: everything is there already, nothing is read again
        again = minutes(archive, "import", folder, "--cluster", cluster.address, "--json")
        assert json.loads(again.stdout)["summary"]["duplicate"] == SCANS + 1

        # the per-file time limit and memory cap hold on the worker's machine, in the same sandbox
        extra = minutes_folder(tmp_path / "fler", 2, scans=2, first_seed=7000)
        for name, option, reason in (("skannat-000.tif", ["--timeout", "1"], "took longer than 1 s"),
                                     ("skannat-001.tif", ["--memory", "1"], "1 MB")):
            limited = minutes(archive, "import", extra / name, "--cluster", cluster.address, *option, "--json",
                              check=False)
            assert limited.returncode == 1, limited.stderr
            [failed] = json.loads(limited.stdout)["files"]
            assert failed["status"] == "failed" and reason in failed["reason"], failed

    assert not cluster.leftovers()
    with _catalog(archive) as conn:  # searchable: every document is found by one of its items' titles
        firsts = conn.execute("SELECT document_id, title FROM items WHERE seq = (SELECT MIN(seq) FROM items i "
                              "WHERE i.document_id = items.document_id)").fetchall()
    assert len(firsts) == SCANS
    for document_id, title in firsts:
        hits = json.loads(minutes(archive, "search", f'"{title}"', "--kind", "item", "--json").stdout)["hits"]
        assert document_id in {hit["document_id"] for hit in hits}, title

    alone = tmp_path / "ensam"
    minutes(alone, "import", folder, "--jobs", "2", "--json")
    assert _items(alone) == _items(archive)


@pytest.mark.cluster
@pytest.mark.slow
def test_an_unreachable_cluster_fails_within_seconds_with_one_line(tmp_path):
    pytest.importorskip("distributed")
    folder = minutes_folder(tmp_path / "protokoll", 2)
    started = time.monotonic()
    ran = minutes(tmp_path / "arkiv", "import", folder, "--cluster", f"tcp://127.0.0.1:{free_port()}", check=False)
    assert ran.returncode == 2
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1, ran.stderr
    assert lines[0].startswith("Error: cannot reach the Dask cluster at tcp://127.0.0.1:"), ran.stderr
    assert "nothing was imported" in lines[0]
    assert time.monotonic() - started < 30
    with _catalog(tmp_path / "arkiv") as conn:
        assert conn.execute("SELECT COUNT(*) FROM import_log").fetchone() == (0,)


@pytest.mark.cluster
def test_a_cluster_address_that_cannot_be_one_fails_before_the_archive_is_made(tmp_path):
    folder = minutes_folder(tmp_path / "protokoll", 1)
    ran = minutes(tmp_path / "arkiv", "import", folder, "--cluster", "tcp://127.0.0.1", check=False)
    assert ran.returncode == 2
    assert "--cluster must be a Dask scheduler address" in ran.stderr
    assert not (tmp_path / "arkiv").exists()


@pytest.mark.cluster
@pytest.mark.slow
def test_a_worker_that_may_not_fork_fails_the_file_saying_how_to_start_it(tmp_path):
    folder = minutes_folder(tmp_path / "protokoll", 1)
    with dask_cluster(tmp_path / "cluster", workers=1, nanny_preload=False) as cluster:
        ran = minutes(tmp_path / "arkiv", "import", folder, "--cluster", cluster.address, "--json", check=False)
    assert ran.returncode == 1, ran.stderr
    [failed] = json.loads(ran.stdout)["files"]
    assert failed["status"] == "failed" and "--preload-nanny minutes_archive.archive.cluster" in failed["reason"]
    assert not cluster.leftovers()


@pytest.mark.slow
def test_an_import_without_cluster_never_loads_dask(tmp_path):
    folder = minutes_folder(tmp_path / "protokoll", 1)
    probe = ("import runpy, sys\n"
             "sys.argv = ['minutes', '--archive', sys.argv[1], 'import', sys.argv[2]]\n"
             "try:\n    runpy.run_module('minutes_archive', run_name='__main__')\n"
             "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n")
    ran = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "arkiv"), str(folder)], env=ENV,
                         capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip().splitlines()[-1] == "[]"
