"""Bulk-import figures, run side by side in one run:

    python bench/ocr.py [--pages 8] [--pdfs 40] [--rss-docs 2000]

1. OCR throughput (pages/s) of `minutes import` on scanned pages against bare
   `tesseract` runs on the same rendered pages (OMP_THREAD_LIMIT=1, one
   process per core).
2. Born-digital ingest (pages/s) against bare pdfminer `extract_pages` on the same PDFs.
3. Scaling of the import from 1 to 2 workers.
4. Peak RSS of the importing process (and of its workers) while importing N generated documents.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pdfminer.high_level import extract_pages

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import synthetic_minutes, write_corpus  # noqa: E402

from minutes_archive import Archive  # noqa: E402
from minutes_archive.extraction.readers.ocr import DPI  # noqa: E402
from minutes_archive.samples.scan import render_pages, to_tiff  # noqa: E402
from minutes_archive.samples.write_pdf import write_pdf  # noqa: E402

CORES = os.cpu_count() or 1


def _import(folder: Path, jobs: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp, Archive(Path(tmp) / "a") as archive:
        start = time.perf_counter()
        report = archive.import_paths([folder], jobs=jobs)
        elapsed = time.perf_counter() - start
        assert report["summary"]["failed"] == 0, report["summary"]
        return elapsed, archive.stats()["pages"]


def ocr_throughput(root: Path, pages: int) -> None:
    folder = root / "scans"
    folder.mkdir()
    images = []
    for seed in range(pages):
        page = render_pages(synthetic_minutes(seed, items=4))[0]
        (folder / f"scan{seed:03d}.tif").write_bytes(to_tiff([page]))
        images.append(page)
    plain = root / "plain"
    plain.mkdir()
    for n, image in enumerate(images):
        image.save(plain / f"p{n:03d}.png", dpi=(DPI, DPI))
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def bare(path: Path) -> None:
        subprocess.run(["tesseract", str(path), str(path.with_suffix("")), "-l", "swe+eng", "tsv", "pdf"],
                       check=True, capture_output=True, env=env)

    start = time.perf_counter()
    with ThreadPoolExecutor(CORES) as pool:
        list(pool.map(bare, sorted(plain.glob("*.png"))))
    bare_rate = pages / (time.perf_counter() - start)
    elapsed, counted = _import(folder, CORES)
    ours = counted / elapsed
    print(f"OCR: ours {ours:.2f} pages/s, bare tesseract {bare_rate:.2f} pages/s ({CORES} processes), "
          f"ratio {ours / bare_rate:.2f}")
    one, _ = _import(folder, 1)
    print(f"scaling 1 -> {CORES} workers on scans: {one / elapsed:.2f}x ({one:.1f} s -> {elapsed:.1f} s)")


def born_digital(root: Path, pdfs: int) -> None:
    folder = root / "pdfs"
    folder.mkdir()
    for seed in range(pdfs):
        write_pdf(synthetic_minutes(seed, items=12), folder / f"m{seed:03d}.pdf")
    start = time.perf_counter()
    bare_pages = sum(1 for path in sorted(folder.glob("*.pdf")) for _ in extract_pages(str(path)))
    bare = bare_pages / (time.perf_counter() - start)
    one, pages = _import(folder, 1)
    two, _ = _import(folder, CORES)
    print(f"born-digital: ours {pages / one:.1f} pages/s with 1 worker ({pages / two:.1f} with {CORES}), "
          f"bare pdfminer {bare:.1f} pages/s in one process, ratio {pages / one / bare:.2f} (1 worker)")
    print(f"scaling 1 -> {CORES} workers on born-digital PDFs: {one / two:.2f}x")


def peak_rss(root: Path, docs: int) -> None:
    folder = root / "many"
    write_corpus(folder, docs, items=8)
    script = (
        "import resource, sys\n"
        "from minutes_archive import Archive\n"
        f"Archive({str(root / 'rss-archive')!r}).import_paths([{str(folder)!r}], jobs={CORES})\n"
        "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(f'{own:.0f} {workers:.0f}')\n"
    )
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout.split()
    print(f"peak RSS importing {docs} documents: {out[0]} MB in the importing process, "
          f"{out[1]} MB in the largest worker ({time.perf_counter() - start:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--pdfs", type=int, default=40)
    parser.add_argument("--rss-docs", type=int, default=2000)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="minutes-bench-"))
    try:
        ocr_throughput(root, args.pages)
        born_digital(root, args.pdfs)
        peak_rss(root, args.rss_docs)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
