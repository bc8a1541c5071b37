"""Builders and probes shared by the reliability suite: a generated folder of minutes, the catalog's view of it,
and a command run in its own process group so a SIGKILL takes the workers with it."""
from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.scan import render_pages, to_tiff
from minutes_archive.samples.write_docx import write_docx
from minutes_archive.samples.write_pdf import write_pdf
from minutes_archive.samples.write_txt import write_txt

ENV = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
WRITERS = [(write_txt, "txt"), (write_docx, "docx"), (write_pdf, "pdf")]


def minutes_folder(folder: Path, count: int, scans: int = 0, first_seed: int = 5000) -> Path:
    """`count` files of distinct minutes; the first `scans` of them one-page TIFF scans (OCR costs 1-3 s each)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        doc, _ = fictional_minutes(first_seed + n, items=2, with_memo=False)
        if n < scans:
            (folder / f"skannat-{n:03d}.tif").write_bytes(to_tiff(render_pages(doc, specks=100, seed=n)[:1]))
            continue
        writer, suffix = WRITERS[n % 3]
        writer(doc, folder / f"protokoll-{n:03d}.{suffix}")
    return folder


def file_hashes(folder: Path) -> set[str]:
    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def catalog_hashes(archive: Path) -> list[str]:
    try:
        with sqlite3.connect(f"file:{archive / 'catalog.sqlite'}?mode=ro", uri=True, timeout=30) as db:
            return [r[0] for r in db.execute("SELECT sha256 FROM documents")]
    except sqlite3.OperationalError:  # not created yet
        return []


def command(archive: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "minutes_archive", "--archive", str(archive), *args]


def start(archive: Path, *args: str, **popen) -> subprocess.Popen:
    popen.setdefault("stdout", subprocess.DEVNULL)
    popen.setdefault("stderr", subprocess.DEVNULL)
    popen.setdefault("env", ENV)
    return subprocess.Popen(command(archive, *args), start_new_session=True, **popen)


def _session_members(sid: int) -> list[tuple[int, str]]:
    """Processes of session `sid` (pid, command name): workers move to their own process group, not session."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[3]) == sid:
                found.append((int(entry.name), stat[stat.index("(") + 1:stat.rindex(")")]))
    return found


def kill_group(proc: subprocess.Popen) -> None:
    """As a power cut would: the command, every worker it forked and their Tesseract (the whole session)."""
    for pid, _ in _session_members(proc.pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait()


def run(archive: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(command(archive, *args), env=ENV, capture_output=True, text=True, timeout=timeout)


def ocr_running(pid: int) -> bool:
    """Whether a tesseract process is at work in the session of `pid`."""
    return any(name == "tesseract" for _, name in _session_members(pid))


def wait_until(predicate, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


QUERIES = ["biblioteksfilial", "badplatsen", "föreningsbidrag", "taxor idrottshallar"]


def snapshot(archive: Path) -> dict[str, list[str]]:
    """Every hit id of a few queries, from a fresh Archive (what a new search would see)."""
    from minutes_archive import Archive

    with Archive(archive, create=False) as opened:
        return {q: sorted(h["id"] for h in opened.search(q, limit=2000, partial=False)["hits"]) for q in QUERIES}


def start_search_loop(archive: Path, stop: Path) -> subprocess.Popen:
    """Another process searching in a loop (one Archive kept open, as a long-running user would) until `stop` exists."""
    return subprocess.Popen([sys.executable, __file__, "search-loop", str(archive), str(stop)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**ENV, "PYTHONPATH": os.pathsep.join(sys.path)})


def stop_search_loop(proc: subprocess.Popen, stop: Path) -> dict:
    import json

    stop.touch()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    return json.loads(out)


def _search_loop(archive: str, stop: str) -> None:
    import json
    import traceback

    from minutes_archive import Archive

    runs, errors, seen = 0, [], []
    with Archive(archive, create=False) as opened:
        while not os.path.exists(stop):
            for q in QUERIES:
                runs += 1
                try:
                    hits = sorted(h["id"] for h in opened.search(q, limit=2000, partial=False)["hits"])
                except Exception as exc:  # noqa: BLE001 - every failure is counted, none may happen
                    errors.append(f"{q}: {type(exc).__name__}: {exc} {traceback.format_exc(limit=-3)}")
                    continue
                if not seen or seen[-1] != [q, hits]:
                    seen.append([q, hits])
            time.sleep(0.02)
    print(json.dumps({"runs": runs, "errors": errors[:20], "error_count": len(errors), "seen": seen}))


if __name__ == "__main__" and sys.argv[1:2] == ["search-loop"]:
    _search_loop(sys.argv[2], sys.argv[3])
