"""Ingest throughput per format, with bare pdfminer on the same PDFs for comparison.

    python bench/ingest.py [--docs N]

Prints documents/s and pages/s for txt, docx and pdf imports into a fresh
archive (reading, extraction and the catalog transaction included), and the
ratio of our PDF pages/s to pdfminer's `extract_pages` alone.
"""
from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from pdfminer.high_level import extract_pages

from minutes_archive import Archive
from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.write_docx import write_docx
from minutes_archive.samples.write_pdf import write_pdf
from minutes_archive.samples.write_txt import write_txt

WRITERS = {"txt": write_txt, "docx": write_docx, "pdf": write_pdf}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=60, help="documents per format")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print(f"{'format':<6} {'docs':>5} {'pages':>6} {'seconds':>8} {'docs/s':>8} {'pages/s':>8}")
        pdf_rate = None
        for fmt, writer in WRITERS.items():
            folder = root / fmt
            folder.mkdir()
            for seed in range(args.docs):
                writer(fictional_minutes(seed, items=8)[0], folder / f"m{seed:05d}.{fmt}")
            with Archive(root / f"archive-{fmt}") as archive:
                start = time.perf_counter()
                report = archive.import_paths([folder])
                elapsed = time.perf_counter() - start
                pages = archive.stats()["pages"]
            assert report["summary"]["imported"] == args.docs, report["summary"]
            print(f"{fmt:<6} {args.docs:>5} {pages:>6} {elapsed:>8.2f} {args.docs / elapsed:>8.1f} {pages / elapsed:>8.1f}")
            if fmt == "pdf":
                pdf_rate = pages / elapsed
        start = time.perf_counter()
        bare_pages = sum(1 for path in sorted((root / "pdf").iterdir()) for _ in extract_pages(str(path)))
        bare = bare_pages / (time.perf_counter() - start)
        print(f"bare pdfminer extract_pages: {bare:.1f} pages/s; ours/bare = {pdf_rate / bare:.2f}")
        print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
