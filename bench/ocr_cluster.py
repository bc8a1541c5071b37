"""OCR pages per minute for the same generated one-page scans: 1 local worker, 2 local workers, and 2 Dask
workers on 127.0.0.1 (`minutes import --cluster`; the cluster's start-up is not counted, the import's own
connection is). Each run imports into a fresh archive, as `minutes import` in a process of its own.

    .venv/bin/python bench/ocr_cluster.py [--scans 8]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from dask_support import dask_cluster  # noqa: E402
from support import ENV, command, minutes_folder  # noqa: E402


def timed(archive: Path, *args: str) -> tuple[float, int]:
    started = time.monotonic()
    ran = subprocess.run(command(archive, "import", *args, "--json"), env=ENV, capture_output=True, text=True,
                         check=True)
    seconds = time.monotonic() - started
    report = json.loads(ran.stdout)
    assert report["summary"]["failed"] == 0, report
    return seconds, sum(f["pages"] for f in report["files"] if f["status"] == "imported")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scans", type=int, default=8)
    scans = parser.parse_args().scans
    with tempfile.TemporaryDirectory(prefix="ocr-cluster-") as work:
        work = Path(work)
        folder = minutes_folder(work / "scans", scans, scans=scans)
        figures = {}
        for name, args in (("local, --jobs 1", ["--jobs", "1"]), ("local, --jobs 2", ["--jobs", "2"])):
            seconds, pages = timed(work / name.replace(" ", ""), str(folder), *args)
            figures[name] = (seconds, pages)
        with dask_cluster(work / "cluster", workers=2) as cluster:
            seconds, pages = timed(work / "cluster-archive", str(folder), "--cluster", cluster.address, "--jobs", "1")
            figures["--cluster, 2 Dask workers"] = (seconds, pages)
        for name, (seconds, pages) in figures.items():
            print(f"{name:<28} {pages:>3} pages {seconds:6.1f} s  {pages / seconds * 60:5.1f} pages/min")
        print(f"{os.cpu_count()} cores; load average at the end {os.getloadavg()[0]:.1f} (other work skews the figures)")


if __name__ == "__main__":
    main()
