"""`minutes import`: files and folders into the archive, with progress for people and lines for logs."""
import os
import time
from pathlib import Path

import typer

from ..errors import MinutesError
from . import output
from .common import app, fail, run_call
from .output import emit_table, page_ranges, print_json
from .search import JSON


@app.command("import")
def import_(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="Files or folders of minutes to import."),
    jobs: int = typer.Option(os.cpu_count() or 1, "--jobs", help="Files read at once (default: one per core)."),
    ocr: str = typer.Option("auto", "--ocr", help="auto: OCR scans and pages without text; always; never."),
    lang: str = typer.Option("swe+eng", "--lang", help="Tesseract languages for OCR."),
    timeout: float = typer.Option(900, "--timeout", help="Seconds one file of up to 30 pages may take; longer files get proportionally more."),
    memory: int = typer.Option(2048, "--memory", help="MB of memory one file's reader may use."),
    pdf_engine: str = typer.Option("pdfium", "--pdf-engine",
                                   help="pdfium (fast) or pdfminer: the text engine for born-digital PDFs."),
    as_json: bool = JSON,
) -> None:
    """Import minutes (txt, docx, pdf, scans, .doc/.rtf/.odt) from files and folder trees.

    Run the same command again after an interruption: finished files are skipped.
    """
    from ..extraction.readers import OCR_MODES  # the import loads the readers anyway
    from ..extraction.readers.pdf import PDF_ENGINES

    if ocr not in OCR_MODES:
        fail(MinutesError(f"--ocr must be one of {', '.join(OCR_MODES)}, not {ocr!r}."))
    if pdf_engine not in PDF_ENGINES:
        fail(MinutesError(f"--pdf-engine must be one of {', '.join(PDF_ENGINES)}, not {pdf_engine!r}."))
    report = run_call(ctx, lambda archive: _with_progress(
        as_json, lambda on_file, on_progress: archive.import_paths(
            paths, on_file=on_file, on_progress=on_progress, jobs=jobs, ocr=ocr, lang=lang, timeout=timeout,
            memory_mb=memory, pdf_engine=pdf_engine)), create=True)
    if as_json:
        print_json(report)
    else:
        _import_summary(report)
    if report["summary"]["failed"]:
        raise typer.Exit(1)


PLAIN_EVERY = 50  # files between progress lines when stderr is a log file, not a terminal


def _with_progress(quiet: bool, call):
    """Files and pages done, rate and time left; nothing when output is not a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[pages]} pages"),
        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn(),
        console=output.errors, transient=True, disable=quiet or not output.errors.is_terminal,
    )
    started = time.monotonic()
    with progress:
        task = progress.add_task("Reading", total=None, pages=0, rate="")

        def on_file(result) -> None:
            pages = progress.tasks[0].fields["pages"] + result.pages
            rate = pages / max(time.monotonic() - started, 1e-6)
            progress.update(task, advance=1 if result.status != "skipped" else 0, pages=pages,
                            rate=f"{rate:.1f} pages/s")
            done = progress.tasks[0].completed
            if not quiet and not output.errors.is_terminal and done and done % PLAIN_EVERY == 0:
                output.errors.print(f"{done:.0f}/{progress.tasks[0].total or '?'} files, {pages} pages, "
                                    f"{rate:.1f} pages/s", markup=False, highlight=False)

        return call(on_file, lambda total: progress.update(task, total=total))


def _import_summary(report: dict) -> None:
    problems = [f for f in report["files"] if f["status"] in ("failed", "needs_ocr", "skipped")]
    if problems:
        emit_table("Files not imported", ["status", "file", "reason"],
                   [[f["status"], f["path"], f["reason"] or ""] for f in problems])
    other = [f for f in report["files"] if set(f.get("pages_read") or {}) - {"text"}]
    if other:
        from ..records.layout import PAGE_SOURCES

        emit_table("Pages read another way", ["file", "pages", "read with", "why"],
                   [[f["path"], page_ranges(pages), PAGE_SOURCES[how], "; ".join(w for w in f["warnings"] if "page" in w)]
                    for f in other for how, pages in f["pages_read"].items() if how != "text"])
    notes = [(f["path"], w) for f in report["files"] for w in f.get("warnings") or []
             if f not in other or "page" not in w]
    if notes:
        emit_table("Imported with warnings", ["file", "warning"], [list(n) for n in notes])
    s = report["summary"]
    emit_table("Import summary", ["imported", "duplicate", "needs OCR", "failed", "skipped"],
               [[s[k] for k in ("imported", "duplicate", "needs_ocr", "failed", "skipped")]])
