"""What extraction (structure and entities, no reading) costs per document, on the corpus and the seeds.

    python bench/extract_cost.py [--root DIR] [--passes 3]

Every readable document is read once; then extraction runs `--passes` times over all of them and the mean
pass is printed. `--root` measures another checkout (a `git worktree` of an older commit) on the same files.
The image-only scan is left out: OCR would dwarf what is measured.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def documents() -> list[Path]:
    corpus = sorted(p for p in (SHARED / "corpus" / "docs").glob("*") if "SCANNED" not in p.name)
    return corpus + sorted((SHARED / "seeds").glob("*.txt"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(args.root))
    from minutes_archive.extraction.pipeline import extract_document
    from minutes_archive.extraction.readers import read_bytes

    files = documents()
    if not files:
        print(f"No documents under {SHARED}: nothing to measure.", file=sys.stderr)
        return 1
    layouts = [read_bytes(path.read_bytes(), path.name) for path in files]
    for layout in layouts:  # warm caches (name lists, compiled patterns) once, as a long import would
        extract_document(layout, "d")
    started = time.perf_counter()
    for _ in range(args.passes):
        for layout in layouts:
            extract_document(layout, "d")
    per_pass = (time.perf_counter() - started) / args.passes
    print(f"{args.root}: {len(layouts)} documents, {per_pass:.2f} s a pass, {per_pass / len(layouts) * 1000:.0f} ms a document")
    return 0


if __name__ == "__main__":
    sys.exit(main())
