"""Helpers the test modules share, in one place: test modules never import one another.

The seed minutes of ../shared (only for the tests about them), the `needs_tesseract` mark, the `minutes` command run
in-process (and in its own process where a test needs one), the hostile folder, and the reliability suite's builders
and probes. Run as a script (`support.py search-loop ARCHIVE STOP`) it is the reliability suite's searching process.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import traceback
from pathlib import Path

import pytest

from minutes_archive.records.text import normalise
from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.scan import render_pages, to_tiff
from minutes_archive.samples.write_docx import write_docx
from minutes_archive.samples.write_pdf import write_pdf
from minutes_archive.samples.write_txt import write_txt

# ---- the seed minutes of ../shared (only for the tests about them) ---------------------------------------------

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def seed_names() -> list[str]:
    return sorted(p.stem for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def require_seeds() -> Path:
    if not SEEDS.is_dir() or not seed_names():
        pytest.skip(f"the shared seed minutes are not at {SEEDS} (a user's own clone has no ../shared)")
    return SEEDS


def load_expected(name: str) -> dict:
    return json.loads((require_seeds() / f"{name}.expected.json").read_text(encoding="utf-8"))


def starts(text: str, prefix: str) -> bool:
    return normalise(text).startswith(normalise(prefix))


# ---- Tesseract ---------------------------------------------------------------------------------------------------

_tesseract_installed = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract is not installed; `make test` installs it where it can (root + apt)"
)


def needs_tesseract(test):
    """Skipped without Tesseract, and marked `ocr` (seconds a page): `make test-fast` leaves these out."""
    return pytest.mark.ocr(_tesseract_installed(test))


# ---- the `minutes` command ---------------------------------------------------------------------------------------

ENV = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
# What the in-process run must not inherit from the test runner's environment, so it sees what `ENV` alone gives.
_UNSET = ("MINUTES_ARCHIVE", "COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE", "TERM", "CLICOLOR_FORCE")


class Ran(subprocess.CompletedProcess):
    """What `subprocess.run` returns, so a test reads an in-process run as it would a process."""


def minutes(archive, *args, check=True):
    """`minutes --archive ARCHIVE ARGS...` in this process (tenfold faster than a new interpreter).

    `run()` is `app()`, so the Typer app is invoked as it is; stdin is not a terminal, as with a piped command; an
    exception the CLI lets escape is printed to stderr as a traceback and exits 1, as Python would."""
    from typer.testing import CliRunner

    from minutes_archive.cli.app import app
    from minutes_archive.storage.location import ENV as ARCHIVE_ENV

    unset = dict.fromkeys({*_UNSET, ARCHIVE_ENV})
    runner = CliRunner(env={**unset, "NO_COLOR": "1"})
    named = [] if archive is None else ["--archive", str(archive)]  # None: the config file's or the default
    result = runner.invoke(app, [*named, *map(str, args)], prog_name="minutes")
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    ran = Ran(["minutes", *named, *args], result.exit_code, result.stdout, stderr)
    if check and ran.returncode != 0:
        raise AssertionError(f"exit {ran.returncode}: {ran.stdout}\n{ran.stderr}")
    return ran


def command(archive: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "minutes_archive", "--archive", str(archive), *args]


def minutes_process(archive, *args, check=True, timeout: float = 300, stdin=subprocess.DEVNULL):
    """`minutes` in a process of its own: for what only a process shows (kills, read-only disks, peak memory)."""
    result = subprocess.run(command(archive, *map(str, args)), env=ENV, capture_output=True, text=True,
                            timeout=timeout, stdin=stdin)
    if check and result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}: {result.stdout}\n{result.stderr}")
    return result


# ---- the hostile folder ------------------------------------------------------------------------------------------

LATIN1_NAME = b"m\xf6te-1.txt"  # "möte" from an old Latin-1 share: not UTF-8
CONTROL_NAME = "m\x1b[31mrött\nfalsk rad.txt"  # ESC (a colour change) and a newline in the name


def good_file(folder, seed, name):
    """Distinct fictional minutes, as a plain text file."""
    write_txt(fictional_minutes(seed, items=2, with_memo=False)[0], folder / name)


def hostile_folder(tmp_path):
    """5 good files, a FIFO, a link to /dev/zero, non-UTF-8 and control-character names, a damaged PDF."""
    folder = tmp_path / "protokoll"
    folder.mkdir()
    for seed in range(3):
        good_file(folder, 300 + seed, f"protokoll-{seed}.txt")
    text = fictional_minutes(310, items=2, with_memo=False)[0]
    write_txt(text, folder / "tmp-latin1.txt")
    os.rename(os.fsencode(folder / "tmp-latin1.txt"), os.fsencode(folder) + b"/" + LATIN1_NAME)
    good_file(folder, 311, CONTROL_NAME)
    os.mkfifo(folder / "rör.txt")  # a FIFO: opening it would block for ever
    os.symlink("/dev/zero", folder / "noll.txt")  # reading it never ends
    (folder / "trasig.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")  # a known bad file: the import exits 1
    return folder


# ---- the reliability suite: a generated folder, the catalog's view of it, commands killed as a power cut would --

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
    return minutes_process(archive, *args, check=False, timeout=timeout, stdin=None)


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
    stop.touch()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    return json.loads(out)


def _search_loop(archive: str, stop: str) -> None:
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
