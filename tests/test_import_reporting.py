"""An overnight import that reports like ocrmypdf: options checked first, a line per file in a log, progress in
pages, Ctrl-C that stops cleanly and resumes, and `minutes log` for what needs a person's eye."""
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from minutes_archive import Archive
from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.scan import render_pages, to_tiff
from minutes_archive.samples.write_txt import write_txt

from support import ENV, command, minutes, needs_tesseract

has_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")


def _texts(folder: Path, count: int = 3) -> Path:
    folder.mkdir(exist_ok=True)
    for seed in range(count):
        write_txt(fictional_minutes(seed, items=2, with_memo=False)[0], folder / f"m{seed}.txt")
    return folder


@pytest.mark.parametrize("args, said", [
    (["--jobs", "0"], "--jobs must be 1 or more, not 0"),
    (["--jobs", "-2"], "--jobs must be 1 or more, not -2"),
    (["--ocr", "sometimes"], "--ocr must be one of"),
    (["MISSING"], "No such file or folder"),
])
def test_bad_options_stop_before_any_work(tmp_path, args, said):
    folder = _texts(tmp_path / "in")
    args = [str(tmp_path / "nowhere") if a == "MISSING" else a for a in args]
    result = minutes(tmp_path / "archive", "import", str(folder), *args, check=False)
    assert result.returncode == 2
    assert said in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "archive").exists()


@has_tesseract
def test_a_language_tesseract_lacks_is_refused_unless_ocr_is_off(tmp_path):
    folder = _texts(tmp_path / "in")
    result = minutes(tmp_path / "archive", "import", str(folder), "--lang", "swe+xxq", check=False)
    assert result.returncode == 2 and "xxq" in result.stderr
    assert not (tmp_path / "archive").exists()
    assert minutes(tmp_path / "archive", "import", str(folder), "--lang", "swe+xxq", "--ocr", "never").returncode == 0


def test_defaults_come_from_the_environment_and_the_config_file_and_flags_win(tmp_path, monkeypatch):
    folder = _texts(tmp_path / "in")
    monkeypatch.setenv("MINUTES_JOBS", "0")
    result = minutes(tmp_path / "archive", "import", str(folder), check=False)
    assert result.returncode == 2 and "--jobs must be 1 or more, not 0" in result.stderr
    monkeypatch.delenv("MINUTES_JOBS")
    config = tmp_path / "config.toml"
    config.write_text('ocr = "rarely"\n')
    monkeypatch.setenv("MINUTES_CONFIG", str(config))
    result = minutes(tmp_path / "archive", "import", str(folder), check=False)
    assert result.returncode == 2 and "'rarely'" in result.stderr
    assert minutes(tmp_path / "archive", "import", str(folder), "--ocr", "never").returncode == 0


def test_a_log_gets_one_plain_line_per_finished_file(tmp_path):
    folder = _texts(tmp_path / "in", 4)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    result = minutes(tmp_path / "archive", "import", str(folder), "--jobs", "2", check=False)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 5, result.stderr
    pattern = re.compile(r"^(imported|failed)\s+\d+ pages\s+\d+\.\d s  (.+)$")
    assert all(pattern.match(line) for line in lines), lines
    assert {pattern.match(line).group(2) for line in lines} == {str(p) for p in folder.iterdir()}
    assert "\x1b" not in result.stderr


def test_progress_counts_pages_and_estimates_what_is_left_in_pages(tmp_path):
    folder = _texts(tmp_path / "in", 6)
    seen = []

    def on_progress(state):
        seen.append((state.done, state.files, state.pages, state.pages_left, state.current, state.seconds_left))

    with Archive(tmp_path / "a") as archive:
        report = archive.import_paths([folder], jobs=1, on_progress=on_progress)
    pages = sum(f["pages"] for f in report["files"])
    assert seen[-1][:4] == (6, 6, pages, 0)
    assert {s[4] for s in seen} - {None} == {str(p) for p in folder.iterdir()}  # each file named while read
    assert seen[0][3] == 6  # before any file has finished: a page a file
    assert any(s[5] is not None and s[5] > 0 for s in seen if s[0] < 6)
    assert all(f["seconds"] is not None and f["seconds"] >= 0 for f in report["files"])


def test_a_note_without_items_or_date_is_imported_with_a_warning(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "README.txt").write_text("A note on how this folder is kept.\n\nAsk the clerk.\n", encoding="utf-8")
    report = json.loads(minutes(tmp_path / "archive", "import", str(folder), "--json").stdout)
    [found] = report["files"]
    assert found["status"] == "imported"
    assert any("no items and no meeting date" in w for w in found["warnings"])
    summary = minutes(tmp_path / "archive", "import", str(folder / "README.txt"), check=False)
    assert "duplicate" in summary.stdout


def test_log_lists_imports_failed_and_damaged_files_with_reasons(tmp_path):
    folder = _texts(tmp_path / "in", 3)  # the fictional minutes carry one damaged character each
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    minutes(tmp_path / "archive", "import", str(folder), check=False)
    everything = json.loads(minutes(tmp_path / "archive", "log", "--json").stdout)
    assert len(everything["imports"]) == 4
    [broken] = everything["failed"]
    assert broken["path"] == str(folder / "broken.pdf") and broken["reason"]
    assert {d["path"] for d in everything["damaged"]} == {str(folder / f"m{i}.txt") for i in range(3)}
    assert all("U+FFFD" in d["reason"] for d in everything["damaged"])
    only = json.loads(minutes(tmp_path / "archive", "log", "--failed", "--json").stdout)
    assert only["failed"] == everything["failed"] and not only["imports"] and not only["damaged"]
    assert len(json.loads(minutes(tmp_path / "archive", "log", "--limit", "2", "--json").stdout)["imports"]) == 2
    text = minutes(tmp_path / "archive", "log", "--failed").stdout
    assert "broken.pdf" in text and broken["reason"] in text and "m0.txt" not in text
    (folder / "broken.pdf").unlink()  # mended: a file that failed once and was imported later is no longer listed
    write_txt(fictional_minutes(9, items=2, with_memo=False)[0], folder / "broken.pdf.txt")
    with sqlite3.connect(tmp_path / "archive" / "catalog.sqlite") as db:
        db.execute("UPDATE import_log SET source_path = ? WHERE status = 'failed'", (str(folder / "broken.pdf.txt"),))
    minutes(tmp_path / "archive", "import", str(folder))
    assert json.loads(minutes(tmp_path / "archive", "log", "--failed", "--json").stdout)["failed"] == []


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = {int(c) for c in (task / "children").read_text().split()}
            except OSError:
                continue
            todo += children - found
            found |= children
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@needs_tesseract
@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_the_same_command_resumes(tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    for seed in range(8):
        doc, _ = fictional_minutes(200 + seed, items=2, with_memo=False)
        (folder / f"scan-{seed}.tif").write_bytes(to_tiff(render_pages(doc, specks=100)[:1]))
    archive = tmp_path / "archive"
    process = subprocess.Popen(command(archive, "import", str(folder), "--jobs", "2"), env=ENV, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline, children = time.monotonic() + 120, set()
    while time.monotonic() < deadline:
        children |= _descendants(process.pid)
        try:
            with sqlite3.connect(f"file:{archive / 'catalog.sqlite'}?mode=ro", uri=True) as db:
                if db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] >= 2:
                    break
        except sqlite3.OperationalError:
            pass
        time.sleep(0.1)
    children |= _descendants(process.pid)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's foreground group
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert err.strip().splitlines()[-1] == "stopped; run the same command again to resume"
    assert "Traceback" not in err
    assert children, "the import started no workers"
    time.sleep(0.5)
    assert not [pid for pid in children if _alive(pid)], "a worker or the indexing process outlived the import"
    with sqlite3.connect(archive / "catalog.sqlite") as db:
        kept = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert 2 <= kept < 8
    again = json.loads(minutes(archive, "import", str(folder), "--json").stdout)
    assert again["summary"]["failed"] == 0 and again["summary"]["duplicate"] == kept
    with Archive(archive) as opened:
        ids = [r[0] for r in opened.conn.execute("SELECT id FROM documents")]
    assert len(ids) == len(set(ids)) == 8
    assert minutes(archive, "check").returncode == 0
