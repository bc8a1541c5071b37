"""`minutes`: a thin Typer skin over :class:`minutes_archive.Archive`.

No `from __future__ import annotations` here: Typer reads every command's annotations on each run, and string
annotations cost an eval apiece (half of Typer's start-up work).
"""
import os
import sys
import time
from pathlib import Path
from typing import Optional

import typer

from ..archive.archive import Archive
from ..storage.location import ENV
from ..errors import MinutesError
from . import output
from .output import emit_table, page_ranges, print_json
from .search import JSON, NO_MASK, register, render_export, render_hits, render_timeline, warn_unmasked

app = typer.Typer(
    help="A searchable archive of meeting minutes and memos.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main(
    ctx: typer.Context,
    archive: Optional[Path] = typer.Option(
        None, "--archive", envvar=ENV, help="Archive folder (default: your user data folder).", show_envvar=True
    ),
) -> None:
    ctx.obj = archive


REEXTRACT_DUE = ("Note: this archive was made by an older version; run 'minutes reextract' to read its stored text "
                 "with the current extraction (the next import does it too).")


def _run(ctx: typer.Context, call, create: bool = False):
    """Open the archive and call one API method; a user-facing failure becomes a one-line message.
    Only `import` creates an archive: the rest read one that exists."""
    try:
        with Archive(ctx.obj, create=create) as archive:
            result = call(archive)
            if archive.reextract_due:
                output.errors.print(REEXTRACT_DUE, markup=False, highlight=False, soft_wrap=True)
            return result
    except MinutesError as exc:
        _fail(exc)


def _respond(ctx: typer.Context, call, as_json: bool, render) -> dict:
    """Call one API method; print exactly its result with --json, else render it for people."""
    result = _run(ctx, call)
    if as_json:
        print_json(result)
    else:
        render(result)
    return result


def _fail(exc: MinutesError) -> None:
    from rich.markup import escape  # only on an error: every command should start fast

    output.errors.print(f"[red]Error:[/red] {escape(str(exc))}", soft_wrap=True)  # one line, never cut at the width
    raise typer.Exit(2)


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
        _fail(MinutesError(f"--ocr must be one of {', '.join(OCR_MODES)}, not {ocr!r}."))
    if pdf_engine not in PDF_ENGINES:
        _fail(MinutesError(f"--pdf-engine must be one of {', '.join(PDF_ENGINES)}, not {pdf_engine!r}."))
    report = _run(ctx, lambda archive: _with_progress(
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


@app.command("list")
def list_(ctx: typer.Context, as_json: bool = JSON) -> None:
    """List the documents in the archive."""
    _respond(ctx, lambda archive: _masked(archive.documents()), as_json, lambda docs: emit_table(
        f"{len(docs)} documents", ["id", "date", "body", "kind", "items", "file"],
        [[d["id"], d["date"] or "", d["body"] or "", d["kind"], d["items"], d["source_name"]] for d in docs]))


def _masked(result):
    """For the commands without --no-mask: file names, bodies and organisations are masked all the same."""
    from ..records.text import mask_record

    return mask_record(result)


@app.command()
def show(ctx: typer.Context, record_id: str = typer.Argument(..., metavar="ID"), no_mask: bool = NO_MASK,
         as_json: bool = JSON) -> None:
    """Show a document, or one item with its decisions, footnotes and attachments."""
    from .render import render_show  # Rich layout (Padding) only this command needs

    warn_unmasked(no_mask)
    _respond(ctx, lambda archive: archive.show(record_id, mask=not no_mask), as_json, render_show)


@app.command()
def people(
    ctx: typer.Context,
    name: Optional[str] = typer.Argument(None, help="Part of a name; accents and case do not matter."),
    no_mask: bool = NO_MASK,
    as_json: bool = JSON,
) -> None:
    """Persons across the archive: roles, mentions, first and last meeting, items."""
    warn_unmasked(no_mask)
    found = _respond(ctx, lambda archive: archive.people(name, mask=not no_mask), as_json, lambda found: emit_table(
        f"{len(found)} people", ["name", "roles", "mentions", "first", "last", "items"],
        [[p["name"], ", ".join(p["roles"]), p["mentions"], p["first_date"] or "", p["last_date"] or "",
          ", ".join(f"{i['date'] or '?'} {i['number']}" for i in p["items"])] for p in found]))
    if name and not found:
        raise typer.Exit(1)


@app.command()
def glossary(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Abbreviations and organisations learned from the archive."""
    _respond(ctx, lambda archive: _masked(archive.glossary()), as_json, _render_glossary)


def _render_glossary(result: dict) -> None:
    emit_table("Abbreviations", ["short", "long", "learned from", "documents"],
               [[a["short"], a["long"] or "", a["source"] or "", len(a["documents"])] for a in result["abbreviations"]])
    emit_table("Organisations", ["name", "documents"], [[o["name"], o["documents"]] for o in result["organisations"]])


@app.command()
def reextract(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Rebuild items, decisions, people and dates from the stored text (no file is read again)."""
    _respond(ctx, lambda archive: archive.reextract(), as_json,
             lambda result: output.console.print(f"Re-extracted {result['documents']} documents."))


@app.command()
def reindex(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Rebuild the search index from the catalog (no file is parsed)."""
    _respond(ctx, lambda archive: archive.reindex(), as_json,
             lambda result: output.console.print(f"Indexed {result['index_documents']} items, decisions, footnotes and memos."))


@app.command()
def check(
    ctx: typer.Context,
    repair: bool = typer.Option(False, "--repair", help="Do the safe repairs: remove leftovers and orphans, rebuild the index."),
    as_json: bool = JSON,
) -> None:
    """Check the catalog, the originals and the index; name each problem with the command that mends it."""
    from ..archive.archive import check as check_archive  # works where Archive() cannot open a damaged catalog

    try:
        result = check_archive(ctx.obj, repair=repair)
    except MinutesError as exc:
        _fail(exc)
    if as_json:
        print_json(result)
    else:
        _render_check(result)
    if not result["ok"]:
        raise typer.Exit(1)


def _render_check(result: dict) -> None:
    for fix in result["repaired"]:
        output.console.print(f"Repaired: {fix['done']}", markup=False)
    if result["ok"]:
        output.console.print(f"The archive {result['archive']} is healthy.", markup=False)
        return
    emit_table(f"{len(result['problems'])} problem(s) in {result['archive']}", ["problem", "detail", "mend with"],
               [[p["kind"].replace("_", " "), p["detail"], p["repair"]] for p in result["problems"]])


@app.command()
def backup(ctx: typer.Context,
           dest: Path = typer.Argument(..., metavar="DEST", help="A new or empty folder, or an earlier backup."),
           as_json: bool = JSON) -> None:
    """Copy the archive (catalog, originals, people.toml) into DEST while it stays in use; later runs copy only what is new."""
    result = _respond(ctx, lambda archive: archive.backup(dest), as_json, lambda r: output.console.print(
        f"Backed up {r['documents']} documents to {r['backup']}: {r['originals_copied']} originals copied, "
        f"{r['originals_already_there']} already there.", markup=False))
    if result["originals_missing"]:
        raise typer.Exit(1)


@app.command()
def restore(ctx: typer.Context, src: Path = typer.Argument(..., metavar="SRC", help="A folder written by minutes backup."),
            as_json: bool = JSON) -> None:
    """Bring a backup back into the archive folder (--archive), which must be new or empty; rebuilds the index and checks it."""
    from ..archive.archive import restore as restore_archive

    try:
        result = restore_archive(src, ctx.obj)
    except MinutesError as exc:
        _fail(exc)
    if as_json:
        print_json(result)
    else:
        output.console.print(f"Restored {result['documents']} documents into {result['archive']}; "
                             f"indexed {result['index_documents']} records.", markup=False)
        _render_check(result["check"])
    if not result["check"]["ok"]:
        raise typer.Exit(1)


@app.command()
def forget(
    ctx: typer.Context,
    record_ids: list[str] = typer.Argument(..., metavar="ID...", help="Document ids (or unique beginnings of them)."),
    yes: bool = typer.Option(False, "--yes", help="Forget without asking."),
    as_json: bool = JSON,
) -> None:
    """Erase documents and everything derived from them: catalog rows, import log, originals, index."""
    if not yes and not sys.stdin.isatty():
        _fail(MinutesError("forget asks before erasing and there is no terminal to ask on; add --yes to forget without asking."))
    confirm = None if yes else _confirm_forget
    result = _respond(ctx, lambda archive: archive.forget(record_ids, confirm=confirm), as_json, _render_forget)
    if result["cancelled"]:
        raise typer.Exit(1)


def _confirm_forget(documents: list[dict]) -> bool:
    emit_table(f"Forget {len(documents)} document(s) for good", ["id", "date", "body", "kind", "file"],
               _masked([[d["id"], d["date"] or "", d["body"] or "", d["kind"], d["source_name"]] for d in documents]))
    return typer.confirm("Erase them and everything derived from them? This cannot be undone", default=False)


def _render_forget(result: dict) -> None:
    if result["cancelled"]:
        output.console.print("Nothing was forgotten.")
        return
    for doc in result["forgotten"]:
        output.console.print(f"Forgot {doc['id']}: {sum(doc['rows'].values())} catalog rows, {doc['files']} file(s).",
                             markup=False, highlight=False)
    for doc in result["resumed"]:
        output.console.print(f"Finished forgetting {doc['id']} (interrupted earlier).", markup=False, highlight=False)
    for warning in result["warnings"]:
        output.errors.print(f"Warning: {warning}", markup=False, highlight=False)


@app.command()
def cite(
    ctx: typer.Context,
    record_id: Optional[str] = typer.Argument(None, metavar="ID", help="An item, decision, footnote or memo id."),
    fmt: str = typer.Option("text", "--format", help="text, markdown, json, csl-json, bibtex, ris or csv."),
    full: bool = typer.Option(False, "--full", help="Quote the whole item, not its decision."),
    match: Optional[str] = typer.Option(None, "--match", help="Quote the sentences holding these words."),
    no_mask: bool = NO_MASK,
    verify: Optional[Path] = typer.Option(None, "--verify", help="Check citations in a file exported earlier."),
    as_json: bool = JSON,
) -> None:
    """Cite one record with an exact, verified quote; or check an exported file with --verify."""
    from ..citations.formats import CITE_FORMATS, render

    if verify is not None:
        result = _respond(ctx, lambda archive: archive.verify_citations(verify), as_json, _render_verify)
        if result["mismatches"]:
            raise typer.Exit(1)
        return
    if record_id is None:
        _fail(MinutesError("Give the id of an item, decision, footnote or memo to cite (or --verify FILE)."))
    if fmt not in CITE_FORMATS:
        _fail(MinutesError(f"--format must be one of {', '.join(CITE_FORMATS)}."))
    warn_unmasked(no_mask)
    _respond(ctx, lambda archive: archive.cite(record_id, full, match, mask=not no_mask), as_json or fmt == "json",
             lambda citation: sys.stdout.write(render(citation, fmt)))


def _render_verify(result: dict) -> None:
    if not result["mismatches"]:
        output.console.print(f"All {result['checked']} citations in {result['file']} match the archive.", markup=False)
        return
    emit_table(f"{len(result['mismatches'])} of {result['checked']} citations do not match", ["id", "reason", "quote"],
               [[m["id"], m["reason"], m["quote"][:80]] for m in result["mismatches"]])


@app.command()
def stats(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Totals for the archive."""
    _respond(ctx, lambda archive: _masked(archive.stats()), as_json, _render_stats)


def _render_stats(result: dict) -> None:
    rows = [[key.replace("_", " "), result[key]] for key in
            ("documents", "pages", "items", "decisions", "footnotes", "attachments", "damaged_documents")]
    rows.append(["dates", f"{result['first_date'] or '–'} … {result['last_date'] or '–'}"])
    for key in ("by_kind", "by_format", "by_body", "imports"):
        rows += [[f"{key.removeprefix('by_')}: {name}", n] for name, n in result[key].items()]
    emit_table(f"Archive {result['archive']}", ["", "count"], rows)


register(app, _respond, "search", "search", "Search items, decisions, footnotes and memos.", render_hits, extras=True)
register(app, _respond, "decisions", "decisions", "Search decisions only.", render_hits, extras=False)
register(app, _respond, "export", "export", "Write a citation of every search hit to a file (streamed).",
         render_export, extras=True, export=True)
register(app, _respond, "timeline", "timeline", "Matching items across meetings in date order, with a bar per year.",
         render_timeline, extras=False)


def run() -> None:
    app()
