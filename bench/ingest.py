"""Ingest throughput: born-digital PDFs read by each engine, beside the bare libraries on the same files.

    python bench/ingest.py [--docs N] [--corpus ../shared/corpus] [--repeat K]

The files: N generated minutes as PDF (reportlab, the project's samples) plus every born-digital PDF of the
shared corpus (a PDF with a page under 50 characters is a scan and left out). On the same files, one after
another in one run:
- bare pypdfium2: each page's text plus every character's box (what our pdfium reader asks of pdfium);
- bare pdfminer.six `extract_pages` (what our pdfminer reader asks of pdfminer);
- `Archive.import_paths` into a fresh archive with each engine (`pdf_engine`), 1 and 2 workers: reading,
  extraction, the catalog commit per file and the index, as `minutes import` does (without its start-up).
Each figure is the best of K runs. txt and docx imports are printed too, for scale.

Then where a page's time goes, each step run over all the PDFs in this one process (best of K): our pdfium
reader (with the layout preparation), extraction, the catalog commit and the index (built from the catalog in
one pass), against bare pypdfium2. The issue asks that extraction, commit and indexing together cost less than
reading.
"""
from __future__ import annotations

import argparse
import ctypes
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIN_CHARS = 50


def _pdfium_pages(paths: list[Path]) -> int:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pages = 0
    box = [ctypes.c_double() for _ in range(4)]
    for path in paths:
        document = pdfium.PdfDocument(path)
        for page in document:
            text = page.get_textpage()
            count = raw.FPDFText_CountChars(text.raw)
            text.get_text_range()
            for index in range(count):
                raw.FPDFText_GetCharBox(text.raw, index, *(ctypes.byref(b) for b in box))
            text.close()
            page.close()
            pages += 1
        document.close()
    return pages


def _pdfminer_pages(paths: list[Path]) -> int:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    return sum(1 for path in paths for _ in extract_pages(str(path), laparams=LAParams()))


def _born_digital(path: Path) -> bool:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return all(len(page.get_textpage().get_text_range().strip()) >= MIN_CHARS for page in document)
    finally:
        document.close()


def _best(repeat: int, call) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - start)
    return best, result


def _import(folder: Path, work: Path, **options) -> tuple[int, int]:
    from minutes_archive import Archive

    shutil.rmtree(work, ignore_errors=True)
    with Archive(work) as archive:
        report = archive.import_paths([folder], **options)
        pages = archive.stats()["pages"]
    return report["summary"]["imported"], pages


def _phases(paths: list[Path], work: Path) -> dict[str, float]:
    """Seconds of each step of an import over `paths`, in this process."""
    from minutes_archive.archive import importer
    from minutes_archive.extraction.pipeline import extract_document
    from minutes_archive.extraction.readers import read_bytes
    from minutes_archive.extraction.structure.trailing_notes import prepare_layout
    from minutes_archive.records import ids
    from minutes_archive.search import store as index_store
    from minutes_archive.storage import catalog
    from minutes_archive.storage.blobs import BlobStore

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    conn = catalog.connect(work / "catalog.sqlite")
    store = BlobStore(work / "originals")
    spent = dict.fromkeys(("read", "extract", "commit", "index"), 0.0)
    for path in paths:
        data = path.read_bytes()
        digest = ids.sha256(data)
        start = time.perf_counter()
        layout = prepare_layout(read_bytes(data, path.name, "auto", "swe+eng", pdf_engine="pdfium"))
        read = time.perf_counter()
        extraction = extract_document(layout, ids.document_id(digest), digest, path.name)
        extracted = time.perf_counter()
        importer._commit(conn, path, digest, layout, extraction, store.put(data, digest, path.suffix), None)
        spent["read"] += read - start
        spent["extract"] += extracted - read
        spent["commit"] += time.perf_counter() - extracted
    start = time.perf_counter()
    index_store.rebuild(conn, work / "index")
    spent["index"] = time.perf_counter() - start
    conn.close()
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=60, help="generated minutes per format")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=2, help="runs per figure; the best is printed")
    args = parser.parse_args()
    from minutes_archive.samples.fictional import fictional_minutes
    from minutes_archive.samples.write_docx import write_docx
    from minutes_archive.samples.write_pdf import write_pdf
    from minutes_archive.samples.write_txt import write_txt

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folders = {}
        for fmt, writer in (("txt", write_txt), ("docx", write_docx), ("pdf", write_pdf)):
            folders[fmt] = root / fmt
            folders[fmt].mkdir()
            for seed in range(args.docs):
                writer(fictional_minutes(seed, items=8)[0], folders[fmt] / f"m{seed:05d}.{fmt}")
        corpus = sorted(p for p in args.corpus.rglob("*.pdf") if _born_digital(p)) if args.corpus.is_dir() else []
        for path in corpus:
            shutil.copy(path, folders["pdf"] / f"corpus-{path.name}")
        pdfs = sorted(folders["pdf"].iterdir())
        print(f"files: {args.docs} generated minutes per format; PDFs: {len(pdfs)} "
              f"({len(corpus)} born-digital from the corpus); best of {args.repeat}")
        seconds, pages = _best(args.repeat, lambda: _pdfium_pages(pdfs))
        bare = pages / seconds
        print(f"\n{'reader':<34} {'files':>5} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'x pdfium':>9}")
        print(f"{'bare pypdfium2 text + char boxes':<34} {len(pdfs):>5} {pages:>6} {seconds:>8.2f} {bare:>8.1f} {1:>9.2f}")
        seconds, pages = _best(args.repeat, lambda: _pdfminer_pages(pdfs))
        print(f"{'bare pdfminer extract_pages':<34} {len(pdfs):>5} {pages:>6} {seconds:>8.2f} {pages / seconds:>8.1f} "
              f"{pages / seconds / bare:>9.2f}")
        rates = {}
        for engine in ("pdfium", "pdfminer"):
            for jobs in (1, 2):
                seconds, (imported, pages) = _best(args.repeat, lambda: _import(
                    folders["pdf"], root / "archive", jobs=jobs, pdf_engine=engine))
                assert imported == len(pdfs), (engine, jobs, imported)
                rates[engine, jobs] = pages / seconds
                label = f"minutes import, {engine}, {jobs} worker{'s' if jobs > 1 else ''}"
                print(f"{label:<34} {imported:>5} {pages:>6} {seconds:>8.2f} {pages / seconds:>8.1f} "
                      f"{pages / seconds / bare:>9.2f}")
        for engine in ("pdfium", "pdfminer"):
            print(f"{engine}: 1 -> 2 workers x{rates[engine, 2] / rates[engine, 1]:.2f}")
        steps = [_phases(pdfs, root / "phases") for _ in range(args.repeat)]
        best = {step: min(run[step] for run in steps) for step in steps[0]}
        pages = _pdfium_pages(pdfs)
        print(f"\n{'step (one process, pdfium)':<34} {'seconds':>8} {'ms/page':>8} {'x bare read':>12}")
        print(f"{'bare pypdfium2 text + char boxes':<34} {pages / bare:>8.2f} {1000 / bare:>8.2f} {1:>12.2f}")
        for step, seconds in best.items():
            print(f"{step:<34} {seconds:>8.2f} {1000 * seconds / pages:>8.2f} {seconds * bare / pages:>12.2f}")
        after = best["extract"] + best["commit"] + best["index"]
        print(f"{'extract + commit + index':<34} {after:>8.2f} {1000 * after / pages:>8.2f} {after * bare / pages:>12.2f}")
        print(f"\n{'format':<6} {'docs':>5} {'pages':>6} {'seconds':>8} {'pages/s':>8}   (2 workers)")
        for fmt in ("txt", "docx"):
            seconds, (imported, pages) = _best(args.repeat, lambda: _import(folders[fmt], root / "archive", jobs=2))
            print(f"{fmt:<6} {imported:>5} {pages:>6} {seconds:>8.2f} {pages / seconds:>8.1f}")


if __name__ == "__main__":
    main()
