"""The reliability suite of issue 12: kills, concurrent searches, full and read-only disks, the hostile folder.

Every command runs as a real CLI process in its own process group, killed with SIGKILL as a power cut would,
then run again; after each campaign the archive must hold every file exactly once, `check` must find it
healthy, and nothing temporary may be left behind.
"""
from __future__ import annotations

import json
import os
import re
import random
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.write_docx import write_docx

import support as rs

pytestmark = pytest.mark.reliability
SCANS = 6 if shutil.which("tesseract") else 0
FILES = 200
IS_ROOT = os.geteuid() == 0


def _check(archive: Path) -> dict:
    result = rs.run(archive, "check", "--json")
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def _leftovers(archive: Path) -> list[str]:
    from minutes_archive.archive.check import INDEX_LEFTOVERS
    from minutes_archive.storage.blobs import TEMP_PREFIX

    found = [p.name for p in archive.rglob("*") if p.name.startswith(TEMP_PREFIX)]
    return found + [name for name in INDEX_LEFTOVERS if (archive / name).exists()]


def _ocr_folders(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.glob("minutes-ocr-*"))


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    """200 files imported through 10 SIGKILLs (one during OCR when there are scans), with searches running."""
    root = tmp_path_factory.mktemp("campaign")
    folder = rs.minutes_folder(root / "protokoll", FILES, scans=SCANS)
    archive, tmp = root / "archive", root / "tmp"
    tmp.mkdir()
    env = {**rs.ENV, "TMPDIR": str(tmp)}
    rng = random.Random(12)
    thresholds = sorted(rng.sample(range(8, FILES - SCANS - 8), 9))
    args = ("import", str(folder), "--jobs", "2")
    log, loop, stop = [], None, root / "stop-search"
    for n, threshold in enumerate([*thresholds, "ocr"]):
        began = time.monotonic()
        proc = rs.start(archive, *args, env=env)
        if threshold == "ocr" and SCANS:
            moment = "ocr" if rs.wait_until(lambda: rs.ocr_running(proc.pid), 120, 0.02) else "ocr not seen"
        else:
            threshold = threshold if threshold != "ocr" else FILES - 3
            rs.wait_until(lambda: len(rs.catalog_hashes(archive)) >= threshold or proc.poll() is not None, 120, 0.1)
            time.sleep(rng.uniform(0, 0.3))
            moment = f"{len(rs.catalog_hashes(archive))} documents"
        finished = proc.poll() is not None
        rs.kill_group(proc)
        log.append((moment, finished, round(time.monotonic() - began, 1)))
        if loop is None:  # an index of what is there so far (imports index every 100 files), searched from now on
            assert rs.run(archive, "reindex").returncode == 0
            loop = rs.start_search_loop(archive, stop)
    final = subprocess.run(rs.command(archive, *args, "--json"), env=env, capture_output=True, text=True, timeout=300)
    searches = rs.stop_search_loop(loop, stop) if loop else None
    return {"folder": folder, "archive": archive, "tmp": tmp, "log": log, "final": final, "searches": searches}


def test_killed_import_keeps_every_file_exactly_once(campaign):
    log = campaign["log"]
    assert len(log) == 10 and sum(finished for _, finished, _ in log) == 0, log  # every kill landed mid-run
    if SCANS:
        assert log[-1][0] == "ocr", log
    final = campaign["final"]
    assert final.returncode == 0, final.stdout[-2000:] + final.stderr
    assert json.loads(final.stdout)["summary"]["failed"] == 0
    expected = rs.file_hashes(campaign["folder"])
    stored = rs.catalog_hashes(campaign["archive"])
    assert len(expected) == FILES
    assert sorted(stored) == sorted(expected)  # each file's content once: nothing lost, nothing doubled


def test_killed_import_leaves_catalog_and_index_in_step(campaign):
    result = _check(campaign["archive"])
    assert [p for p in result["problems"] if p["kind"] != "temp_leftover"] == []


def test_killed_imports_leave_no_leftover_after_the_rerun(campaign):
    assert _leftovers(campaign["archive"]) == []


def test_a_rerun_import_removes_what_a_killed_one_half_wrote(campaign, tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(campaign["archive"], archive)
    for stale in archive.glob("originals/*/.incoming-*"):
        stale.unlink()
    shard = next(p for p in (archive / "originals").iterdir() if p.is_dir())
    (shard / ".incoming-k1ll3d").write_bytes(b"half a copy")  # what a SIGKILL mid-copy leaves (seen in the campaign)
    assert rs.run(archive, "import", str(campaign["folder"]), "--jobs", "2").returncode == 0
    assert _leftovers(archive) == []
    result = _check(archive)
    assert result["ok"], result["problems"]


@pytest.mark.skipif(not SCANS, reason="Tesseract is not installed: no scan is OCR'd, so no OCR folder can be left")
def test_killed_ocr_leaves_no_temp_folder(campaign):
    assert _ocr_folders(campaign["tmp"]) == []


def test_searches_during_killed_imports_never_fail(campaign):
    searches = campaign["searches"]
    assert searches is not None and searches["runs"] > 20
    assert searches["error_count"] == 0, searches["errors"]


@pytest.fixture
def built(campaign, tmp_path):
    """A copy of the campaign's archive, so each test may damage its own."""
    archive = tmp_path / "archive"
    shutil.copytree(campaign["archive"], archive)
    assert _check(archive)["ok"]
    return archive


def test_killed_reindex_then_rerun_gives_the_same_hits(built, tmp_path):
    before = rs.snapshot(built)
    assert all(before.values())
    rng = random.Random(7)
    stop = tmp_path / "stop"
    loop = rs.start_search_loop(built, stop)
    moments = []
    for attempt in range(4):
        proc = rs.start(built, "reindex")
        if attempt % 2:  # while the new index is being written
            rs.wait_until(lambda: (built / "index.new").exists() or proc.poll() is not None, 30, 0.01)
        time.sleep(rng.uniform(0.05, 1.2))
        moments.append(("index.new" if (built / "index.new").exists() else "-", proc.poll()))
        rs.kill_group(proc)
    searches = rs.stop_search_loop(loop, stop)
    assert any(code is None for _, code in moments), moments  # at least one kill landed mid-run
    assert rs.snapshot(built) == before  # a killed reindex never loses the working index
    result = rs.run(built, "reindex")
    assert result.returncode == 0, result.stderr
    check = _check(built)
    assert check["ok"], check["problems"]
    assert rs.snapshot(built) == before
    assert searches["error_count"] == 0, searches["errors"]
    assert all(hits == before[q] for q, hits in searches["seen"]), "hits changed while reindex ran"


def test_searches_during_a_full_reindex_see_the_same_hits(built, tmp_path):
    before = rs.snapshot(built)
    stop = tmp_path / "stop"
    loop = rs.start_search_loop(built, stop)
    for _ in range(3):
        result = rs.run(built, "reindex")
        assert result.returncode == 0, result.stderr
    searches = rs.stop_search_loop(loop, stop)
    assert searches["error_count"] == 0, searches["errors"]
    assert all(hits == before[q] for q, hits in searches["seen"])


def test_killed_forget_then_rerun_removes_only_that_document(built, tmp_path):
    before = rs.snapshot(built)
    victim = before["biblioteksfilial"][0].split("-")[0]
    rng = random.Random(3)
    stop = tmp_path / "stop"
    loop = rs.start_search_loop(built, stop)
    moments = []
    for _ in range(3):
        proc = rs.start(built, "forget", victim, "--yes")
        time.sleep(rng.uniform(0.2, 1.0))
        moments.append(proc.poll())
        rs.kill_group(proc)
    result = rs.run(built, "forget", victim, "--yes")
    searches = rs.stop_search_loop(loop, stop)
    assert result.returncode == 0, result.stdout + result.stderr
    check = _check(built)
    assert check["ok"], check["problems"]
    after = rs.snapshot(built)
    expected = {q: [h for h in hits if not h.startswith(victim)] for q, hits in before.items()}
    assert after == expected
    assert len(rs.catalog_hashes(built)) == FILES - 1
    assert searches["error_count"] == 0, searches["errors"]
    assert all(hits in (before[q], expected[q]) for q, hits in searches["seen"])
    assert None in moments, moments  # some kill landed mid-run


# ---- disks that fill or refuse writes -------------------------------------------------------------------------

def _mount_tmpfs(where: Path, size: str) -> None:
    where.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")


def _padded_docx(seed: int, path: Path, kb: int) -> None:
    """Minutes with an unreferenced, incompressible part: a large original that reads like a small one."""
    write_docx(fictional_minutes(seed, items=2, with_memo=False)[0], path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("customXml/padding.bin", random.Random(seed).randbytes(kb * 1024))


def _one_line_failure(result, *words: str) -> str:
    text = (result.stdout + result.stderr).strip()
    assert result.returncode != 0, text
    assert "Traceback" not in text, text
    lines = [line for line in result.stderr.strip().splitlines()  # not the per-file lines of a logged import
             if not re.match(r"(imported|duplicate|needs_ocr|failed|skipped)\s+\d+ pages ", line)]
    assert len(lines) == 1, text
    assert all(w in lines[0].lower() for w in words), text
    return lines[0]


@pytest.mark.skipif(not IS_ROOT, reason="mounting a small tmpfs needs root")
def test_a_full_disk_is_one_clear_line_and_nothing_is_orphaned(tmp_path):
    folder = tmp_path / "protokoll"
    folder.mkdir()
    for seed in range(14):
        _padded_docx(7000 + seed, folder / f"stor-{seed:02d}.docx", 400)
    disk = tmp_path / "disk"
    _mount_tmpfs(disk, "3m")
    try:
        archive = disk / "archive"
        result = rs.run(archive, "import", str(folder), "--jobs", "2")
        _one_line_failure(result, "full")
        check = _check(archive)
        assert all(rs_kind_repairable(p["kind"]) for p in check["problems"]), check["problems"]
        subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        if check["problems"]:
            assert rs.run(archive, "check", "--repair").returncode == 0
        again = rs.run(archive, "import", str(folder), "--jobs", "2")
        assert again.returncode == 0, again.stdout + again.stderr
        assert sorted(rs.catalog_hashes(archive)) == sorted(rs.file_hashes(folder))
        check = _check(archive)
        assert check["ok"], check["problems"]
        assert rs.run(archive, "search", "protokoll").returncode == 0
    finally:
        subprocess.run(["umount", "-l", str(disk)])


def rs_kind_repairable(kind: str) -> bool:
    from minutes_archive.archive.check import KINDS

    return KINDS[kind][1]


@pytest.mark.skipif(not IS_ROOT, reason="a read-only mount needs root (chmod does not stop root)")
def test_a_read_only_archive_refuses_imports_in_one_line_and_still_searches(tmp_path):
    first, later = tmp_path / "first", tmp_path / "later"
    rs.minutes_folder(first, 3, first_seed=8000)
    rs.minutes_folder(later, 2, first_seed=8100)
    disk = tmp_path / "disk"
    _mount_tmpfs(disk, "32m")
    try:
        archive = disk / "archive"
        assert rs.run(archive, "import", str(first)).returncode == 0
        hits = rs.run(archive, "search", "protokoll", "--json")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        result = rs.run(archive, "import", str(later))
        _one_line_failure(result, "read-only")
        search = rs.run(archive, "search", "protokoll", "--json")
        assert search.returncode == 0 and "Traceback" not in search.stderr, search.stderr
        assert json.loads(search.stdout)["hits"] == json.loads(hits.stdout)["hits"]
    finally:
        subprocess.run(["umount", "-l", str(disk)])


# ---- the hostile folder ---------------------------------------------------------------------------------------

# VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so it would report the size of the (forked) test
# runner that started the command, not the command's own peak.
RSS_WRAPPER = """
import atexit, re, sys
out = sys.argv.pop(1)
def peak():
    with open("/proc/self/status") as status:
        open(out, "w").write(re.search(r"VmHWM:\\s+(\\d+)", status.read()).group(1))
atexit.register(peak)
from minutes_archive.cli.app import run
sys.argv[0] = "minutes"
run()
"""


def _big(path: Path, header: bytes, size: int = 100 * 1024 * 1024) -> None:
    with path.open("wb") as handle:
        handle.write(header)
        handle.truncate(size)  # sparse: 100 MB to read, nothing on disk


def _docx_with(path: Path, document_xml: bytes, big: int = 0) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        if big:
            with zf.open("word/document.xml", "w", force_zip64=True) as handle:
                for _ in range(big):
                    handle.write(b" " * (1 << 20))
        else:
            zf.writestr("word/document.xml", document_xml)


def test_the_hostile_folder_gives_one_reason_per_bad_file_in_bounded_memory(tmp_path):
    folder = rs.hostile_folder(tmp_path)  # 5 good files, FIFO, /dev/zero link, non-UTF-8 and control-char names
    bad = {"noll.txt", "rör.txt", "trasig.pdf"}
    for n in range(3):
        _big(folder / f"stor-{n}.txt", b"Protokoll %d\n" % n)  # distinct, or all but one are duplicates
        _big(folder / f"stor-{n}.pdf", b"%%PDF-1.4\n%% %d\n" % n)
        bad |= {f"stor-{n}.txt", f"stor-{n}.pdf"}
    _docx_with(folder / "zipbomb.docx", b"", big=300)
    laughs = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' + \
        b"".join(b'<!ENTITY %c "%s">' % (c, b"".join(b"&%c;" % (c - 1) for _ in range(10)))
                 for c in b"cdefghi") + b']><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p>' + \
        b"</w:body></w:document>"
    _docx_with(folder / "skratt.docx", laughs)
    _docx_with(folder / "xxe.docx", b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
               b'<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>')
    (folder / "halv.docx").write_bytes(zipfile.Path.__doc__ and b"PK\x03\x04\x14\x00" + b"\x00" * 40)
    os.symlink("slinga-b.txt", folder / "slinga-a.txt")
    os.symlink("slinga-a.txt", folder / "slinga-b.txt")
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    table = (b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
             b"trailer<</Size 3/Root 1 0 R/Prev %d>>\nstartxref\n%d\n%%%%EOF\n" % (len(body), len(body)))
    (folder / "prev.pdf").write_bytes(body + table)
    bad |= {"zipbomb.docx", "skratt.docx", "xxe.docx", "halv.docx", "slinga-a.txt", "slinga-b.txt", "prev.pdf"}
    rss = tmp_path / "rss"
    result = subprocess.run([sys.executable, "-c", RSS_WRAPPER, str(rss), "--archive", str(tmp_path / "archive"),
                             "import", str(folder), "--json", "--jobs", "2", "--timeout", "10"],
                            capture_output=True, text=True, env=rs.ENV, timeout=600)
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    files = json.loads(result.stdout)["files"]
    by_name = {os.path.basename(f["path"]): f for f in files}
    problems = {name: f["reason"] for name, f in by_name.items() if f["status"] not in ("imported", "duplicate")}
    assert set(problems) == bad, problems
    for name, reason in problems.items():
        assert reason and "\n" not in reason and "unexpected error" not in reason and " at 0x" not in reason, (name, reason)
    assert sum(f["status"] == "imported" for f in files) == 5
    assert "root:" not in rs.run(tmp_path / "archive", "search", "root", "--json").stdout  # no XXE
    peak_mb = int(rss.read_text()) / 1024
    assert peak_mb < 300, f"the parent's peak RSS was {peak_mb:.0f} MB"
