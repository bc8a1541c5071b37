"""A long scan imported in bounded memory (issue 12): the import worker's peak RSS and seconds per page.

    python bench/long_scan.py [--pages 500] [--keep DIR]

Generates an N-page scanned PDF in code (300 dpi greyscale pages as
minutes_archive/samples/scan.py renders them: minutes followed by appendices,
the distinct pages repeating), then runs `minutes import FILE --jobs 1` in a
fresh process and polls /proc for the import worker's VmHWM (its peak
resident memory, the figure the acceptance names) and for Tesseract's.
A fresh process matters: a worker forked from a process holding page images
would count them as its own.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import synthetic_minutes  # noqa: E402

from minutes_archive.samples.scan import DPI, render_pages  # noqa: E402

DISTINCT_DOCS = 3  # three meetings' pages (about 8 distinct pages), repeated to the wanted length


def write_scan(path: Path, pages: int) -> int:
    """The scan as one PDF; the page images are shared references, so only the distinct pages are in memory."""
    distinct = [page for seed in range(DISTINCT_DOCS) for page in render_pages(synthetic_minutes(seed, items=8), seed=seed)]
    sequence = [distinct[n % len(distinct)] for n in range(pages)]
    sequence[0].save(path, format="PDF", save_all=True, append_images=sequence[1:], resolution=DPI)
    return len(distinct)


def _status(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])  # kB
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as listing:
                found += [int(child) for child in listing.read().split()]
    except OSError:
        pass
    return found


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


class Peaks(threading.Thread):
    """Polls the import's process tree: peak VmHWM of the parent, of each Python worker, and of Tesseract."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root, self.stop = root, threading.Event()
        self.parent = self.worker = self.tesseract = 0

    def run(self) -> None:
        start = last = time.perf_counter()
        while not self.stop.is_set():
            self.parent = max(self.parent, _status(self.root, "VmHWM"))
            for child in _children(self.root):
                self.worker = max(self.worker, _status(child, "VmHWM"))
                if time.perf_counter() - last > 60:  # the trend, so a long run shows whether memory grows
                    last = time.perf_counter()
                    done = len(list(Path(tempfile.gettempdir()).glob(f"minutes-worker-{child}/*/spool-*/page-*.pdf")))
                    print(f"  {last - start:.0f} s, {done} pages OCR'd: worker RSS {_status(child, 'VmRSS') / 1024:.0f} MB, "
                          f"peak {self.worker / 1024:.0f} MB", flush=True)
                for grandchild in _children(child):
                    if _comm(grandchild).startswith("tesseract"):
                        self.tesseract = max(self.tesseract, _status(grandchild, "VmHWM"))
            time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="folder for the scan and the archive (default: a temp folder)")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="long-scan-"))
    root.mkdir(parents=True, exist_ok=True)
    scan = root / f"scan-{args.pages}.pdf"
    start = time.perf_counter()
    distinct = write_scan(scan, args.pages)
    print(f"generated {args.pages} pages ({distinct} distinct), {scan.stat().st_size / 1e6:.0f} MB, "
          f"in {time.perf_counter() - start:.0f} s", flush=True)
    launcher = "from minutes_archive.cli.app import run; run()"
    command = [sys.executable, "-c", launcher, "--archive", str(root / "archive"), "import", str(scan), "--jobs", "1", "--json"]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks = Peaks(process.pid)
    peaks.start()
    out, err = process.communicate()
    elapsed = time.perf_counter() - start
    peaks.stop.set()
    peaks.join()
    import json

    try:
        report = json.loads(out)
        files = report.get("files", [])
        status = ", ".join(f"{f.get('status')} ({f.get('pages')} pages, {len(f.get('warnings') or [])} warnings"
                           f"{'; ' + f['reason'] if f.get('reason') else ''})" for f in files)
    except json.JSONDecodeError:
        status = f"exit {process.returncode}: {(out + err)[-300:]}"
    searchable = sorted((root / "archive").rglob("*.ocr.pdf"))
    size = searchable[0].stat().st_size / 1e6 if searchable else 0
    print(f"{args.pages} pages: {status}; {elapsed:.0f} s, {elapsed / args.pages:.2f} s/page; peak RSS: worker "
          f"{peaks.worker / 1024:.0f} MB, parent {peaks.parent / 1024:.0f} MB, tesseract {peaks.tesseract / 1024:.0f} MB; "
          f"searchable copy {size:.0f} MB", flush=True)


if __name__ == "__main__":
    main()
