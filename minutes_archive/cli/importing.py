"""`minutes import`: files and folders into the archive, with progress for people and lines for logs."""
import os
import shutil
import sys
from pathlib import Path
from typing import Optional

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
    jobs: Optional[int] = typer.Option(None, "--jobs", help="Files read at once (default: one per core).",
                                       show_default=False),
    ocr: Optional[str] = typer.Option(None, "--ocr", help="auto (default): OCR scans and pages without text; always; "
                                                          "never.", show_default=False),
    lang: Optional[str] = typer.Option(None, "--lang", help="Tesseract languages for OCR (default: swe+eng).",
                                       show_default=False),
    timeout: float = typer.Option(900, "--timeout", help="Seconds one file of up to 30 pages may take; longer files get proportionally more."),
    memory: int = typer.Option(2048, "--memory", help="MB of memory one file's reader may use."),
    pdf_engine: str = typer.Option("pdfium", "--pdf-engine",
                                   help="pdfium (fast) or pdfminer: the text engine for born-digital PDFs."),
    cluster: Optional[str] = typer.Option(
        None, "--cluster", help="Read, OCR and extract on a Dask cluster (tcp://HOST:8786); this machine still "
                                "reads, hashes and commits every file. Default: MINUTES_CLUSTER or the config file.",
        show_default=False),
    as_json: bool = JSON,
) -> None:
    """Import minutes (txt, docx, pdf, scans, .doc/.rtf/.odt) from files and folder trees.

    Defaults for --jobs, --ocr and --lang come from the environment or the config file (minutes config).
    Ctrl-C stops at once; run the same command again to resume: finished files are skipped.
    """
    try:
        jobs, ocr, lang = _checked(paths, jobs, ocr, lang, pdf_engine)
        cluster = _cluster(cluster)
    except MinutesError as exc:
        fail(exc)
    try:
        report = run_call(ctx, lambda archive: _with_progress(
            as_json, lambda on_file, on_progress: archive.import_paths(
                paths, on_file=on_file, on_progress=on_progress, jobs=jobs, ocr=ocr, lang=lang, timeout=timeout,
                memory_mb=memory, pdf_engine=pdf_engine, cluster=cluster)), create=True)
    except KeyboardInterrupt:  # the workers and the indexing process are stopped on the way out; commits stay
        output.errors.print(STOPPED, markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(130)
    if as_json:
        print_json(report)
    else:
        _import_summary(report)
    if report["summary"]["failed"]:
        raise typer.Exit(1)


STOPPED = "stopped; run the same command again to resume"
DEFAULTS = {"jobs": os.cpu_count() or 1, "ocr": "auto", "lang": "swe+eng"}


def _checked(paths: list[Path], jobs: Optional[int], ocr: Optional[str], lang: Optional[str], pdf_engine: str):
    """Every option checked before the archive is opened (or made): a mistyped language or path should cost
    a second, not an overnight run that OCRs nothing. A flag wins over the environment and the config file,
    which win over the built-in default."""
    from ..extraction.readers import OCR_MODES  # the import loads the readers anyway
    from ..extraction.readers.pdf import PDF_ENGINES
    from .config import setting

    given = {"jobs": jobs, "ocr": ocr, "lang": lang}
    jobs, ocr, lang = (given[name] if given[name] is not None else
                       setting(name) if setting(name) is not None else DEFAULTS[name] for name in given)
    if jobs < 1:
        raise MinutesError(f"--jobs must be 1 or more, not {jobs}.")
    if ocr not in OCR_MODES:
        raise MinutesError(f"--ocr must be one of {', '.join(OCR_MODES)}, not {ocr!r}.")
    if pdf_engine not in PDF_ENGINES:
        raise MinutesError(f"--pdf-engine must be one of {', '.join(PDF_ENGINES)}, not {pdf_engine!r}.")
    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:
        from ..archive.importer import display_path

        raise MinutesError(f"No such file or folder: {display_path(missing[0])}; nothing was imported.")
    if ocr != "never" and (ocr == "always" or shutil.which("tesseract")):  # without Tesseract, scans wait for it
        from ..extraction.readers.ocr import tesseract_available

        tesseract_available(lang)
    return jobs, ocr, lang


CLUSTER_ENV = "MINUTES_CLUSTER"


def _cluster(given: Optional[str]) -> Optional[str]:
    """The Dask scheduler to read on, or None for this machine alone. An address without a scheme is taken as
    tcp://, as Dask does; anything that cannot be a scheduler address fails here, before the archive is opened."""
    from .config import setting

    address = given if given is not None else setting("cluster")
    if not address:
        return None
    host, _, port = address.rpartition("://")[2].rpartition(":")
    if not host or not port.isdigit():
        raise MinutesError(f"--cluster must be a Dask scheduler address like tcp://HOST:8786, not {address!r}.")
    try:
        import distributed  # noqa: F401  (only with --cluster: it costs a second of start-up)
    except ImportError:
        raise MinutesError("--cluster needs Dask: pip install 'minutes-archive[cluster]'.") from None
    import logging

    # Dask's own log lines (a reconnect's traceback) are for whoever runs the cluster; the import says what
    # matters in one line.
    for name in ("distributed", "distributed.client"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return address


def _with_progress(quiet: bool, call):
    """On a terminal, a live line: the file being read, files and pages done, pages per second and the time
    left (estimated from pages: archive/importer.py ImportProgress). When stderr is a log file, one plain
    line per finished file as it finishes. Nothing with --json."""
    from rich.markup import escape
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    terminal = output.is_terminal(stderr=True)  # not Rich's: --color always would put the bar in logs
    progress = Progress(  # fits 80 columns: the name of the file, not its folder; no rate (the time left says it)
        TextColumn("{task.fields[current]}", style="cyan"), BarColumn(bar_width=8), TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(), TextColumn("{task.fields[left]}"),
        console=output.errors, transient=True, disable=quiet or not terminal,
    )
    with progress:
        task = progress.add_task("", total=None, current="Reading", counts="", left="")

        def on_progress(state) -> None:
            left = state.seconds_left
            progress.update(
                task, total=state.pages + state.pages_left if state.pages_left or state.pages else None,
                completed=state.pages, current=escape(_fit(Path(state.current).name if state.current else "", NAME_WIDTH)),
                counts=f"{state.done}/{state.files} files {state.pages}/~{state.pages + state.pages_left:.0f} pages",
                left=f"< ~{_clock(left)}" if left is not None else "")

        def on_file(result) -> None:
            if quiet or terminal:
                return
            seconds = "" if result.seconds is None else f"{result.seconds:.1f}"
            sys.stderr.write(f"{result.status:<9} {result.pages:>4} pages {seconds:>7} s  {result.path}\n")
            sys.stderr.flush()

        return call(on_file, on_progress)


NAME_WIDTH = 22  # characters of the current file's name: the rest of the line is the counts


def _fit(text: str, width: int) -> str:
    """The end of a name, which tells files of a series apart, rather than its start."""
    return text if len(text) <= width else "…" + text[-(width - 1):]


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _import_summary(report: dict) -> None:
    shown = _short_paths([f["path"] for f in report["files"]])
    problems = [f for f in report["files"] if f["status"] in ("failed", "needs_ocr", "skipped")]
    if problems:
        emit_table("Files not imported", ["status", "file", "reason"],
                   [[f["status"], shown[f["path"]], f["reason"] or ""] for f in problems])
    other = [f for f in report["files"] if set(f.get("pages_read") or {}) - {"text"}]
    if other:
        from ..records.layout import PAGE_SOURCES

        emit_table("Pages read another way", ["file", "pages", "read with", "why"],
                   [[shown[f["path"]], page_ranges(pages), PAGE_SOURCES[how],
                     "; ".join(w for w in f["warnings"] if "page" in w)]
                    for f in other for how, pages in f["pages_read"].items() if how != "text"])
    notes = [(shown[f["path"]], w) for f in report["files"] for w in f.get("warnings") or []
             if f not in other or "page" not in w]
    if notes:
        emit_table("Imported with warnings", ["file", "warning"], [list(n) for n in notes])
    s = report["summary"]
    emit_table("Import summary", ["imported", "duplicate", "needs OCR", "failed", "skipped"],
               [[s[k] for k in ("imported", "duplicate", "needs_ocr", "failed", "skipped")]])


def _short_paths(paths: list[str]) -> dict[str, str]:
    """On a terminal, each file as a path below the folder they share (a full path takes half of 80 columns
    and repeats on every line); piped, the full path, for scripts."""
    if not paths or not output.is_terminal():
        return {path: path for path in paths}
    try:
        common = os.path.commonpath([os.path.dirname(path) for path in paths])
    except ValueError:  # relative and absolute paths mixed
        return {path: path for path in paths}
    return {path: os.path.relpath(path, common) if common else path for path in paths}

