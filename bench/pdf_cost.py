"""Reading and extracting born-digital PDFs, or pdfminer's `extract_pages` alone, for counting instructions.

    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.ours python bench/pdf_cost.py ours FOLDER
    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.bare python bench/pdf_cost.py bare FOLDER

Wall time on a shared two-core machine varies by ±15% from run to run; callgrind's instruction count does not,
so two versions of the reader (a `git worktree` of the older one, run with PYTHONPATH pointing at it) are
compared by the "Collected" line valgrind prints.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from pdfminer.high_level import extract_pages

from minutes_archive.extraction.pipeline import extract_document
from minutes_archive.extraction.readers import read_bytes


def main() -> None:
    what, folder = sys.argv[1], Path(sys.argv[2])
    files = [p.read_bytes() for p in sorted(folder.glob("*.pdf"))]
    for data in files:
        if what == "ours":
            extract_document(read_bytes(data, "m.pdf", ocr="never"), "doc")
        else:
            for _ in extract_pages(io.BytesIO(data)):
                pass


if __name__ == "__main__":
    main()
