"""`minutes`: a thin Typer skin over :class:`minutes_archive.Archive`; each command module adds itself to the
one Typer app (`common.py`), in the order `minutes --help` lists them.

No `from __future__ import annotations` here: Typer reads every command's annotations on each run, and string
annotations cost an eval apiece (half of Typer's start-up work).
"""
import sys
from pathlib import Path
from typing import Optional

from contextlib import contextmanager

import typer

from ..errors import MinutesError
from . import importing
from . import output
from .common import app, archive_options, fail, respond
from .output import emit_table, plural, print_json
from .search import JSON, NO_MASK, register, render_export, render_hits, render_timeline, warn_unmasked


@app.command("list")
def list_(ctx: typer.Context, as_json: bool = JSON) -> None:
    """List the documents in the archive."""
    respond(ctx, lambda archive: _masked(archive.documents()), as_json, _render_list)


def _render_list(docs: list[dict]) -> None:
    """At 80 columns: id, date and count never wrap, the body wraps onto a second line at most, a file name too
    long for what is left is shortened in the middle (its start and its extension kept); the kind is left out
    when every document has the same one (the title says which). Piped: every column, every name in full."""
    kinds = {d["kind"] for d in docs}
    same = len(kinds) == 1 and len(docs) > 1 and output.is_terminal()
    title = plural(len(docs), "document") + (f" (all {next(iter(kinds))})" if same else "")
    body = min(26, max((len(d["body"] or "") for d in docs), default=0))  # "Kultur- och fritidsnämnden" on one line
    room = max(18, output.console.width - 35 - body) if output.is_terminal() else None  # 35: id, date, count, gaps
    columns = ["id", "date", "body", *([] if same else ["kind"]), "items", "file"]
    rows = [[d["id"], d["date"] or "", d["body"] or "", *([] if same else [d["kind"]]), d["items"],
             shorten(d["source_name"], room)] for d in docs]
    emit_table(title, columns, rows, layout={
        "id": {"no_wrap": True}, "date": {"no_wrap": True}, "items": {"no_wrap": True, "justify": "right"},
        "kind": {"no_wrap": True, "overflow": "ellipsis", "max_width": 12}, "file": {"no_wrap": True},
        "body": {"overflow": "fold"}})  # a long one-word name folds rather than losing its end


def shorten(name: str, room: int | None) -> str:
    """"kommunfullmaktige-protokoll-2023-justerat.txt" in 20: "kommunfullmakt…t.txt"."""
    if room is None or len(name) <= room:
        return name
    tail = max(len(name.rsplit(".", 1)[-1]) + 2, room // 4)
    return f"{name[:room - tail - 1]}…{name[-tail:]}"


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
    respond(ctx, lambda archive: archive.show(record_id, mask=not no_mask), as_json, render_show)


@app.command()
def people(
    ctx: typer.Context,
    name: Optional[str] = typer.Argument(None, help="Part of a name; accents and case do not matter."),
    no_mask: bool = NO_MASK,
    as_json: bool = JSON,
) -> None:
    """Persons across the archive: roles, mentions, first and last meeting, items."""
    warn_unmasked(no_mask)
    found = respond(ctx, lambda archive: archive.people(name, mask=not no_mask), as_json, _render_people)
    if name and not found:
        raise typer.Exit(1)


def _render_people(found: list[dict]) -> None:
    """Items by their ids, which `minutes show` takes. On a terminal the first and last meeting share one column
    ("2023-01-14 – 2023-04-05", one date when they are the same) so that 80 columns hold the ids; piped, each has
    its own."""
    items = [" ".join(i["id"] for i in p["items"]) for p in found]
    if not output.is_terminal():
        emit_table(None, ["name", "roles", "mentions", "first", "last", "items"],
                   [[p["name"], ", ".join(p["roles"]), p["mentions"], p["first_date"] or "", p["last_date"] or "", ids]
                    for p, ids in zip(found, items)])
        return
    met = [" – ".join(dict.fromkeys(d for d in (p["first_date"], p["last_date"]) if d)) for p in found]
    emit_table(None, ["name", "roles", "mentions", "meetings", "items"],
               [[p["name"], ", ".join(p["roles"]), p["mentions"], when, ids] for p, when, ids in zip(found, met, items)],
               layout={"name": {"no_wrap": True}, "mentions": {"justify": "right"}, "roles": {"max_width": 17},
                       "meetings": {"width": 12}, "items": {"min_width": 15, "ratio": 1}})


@app.command()
def glossary(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Abbreviations and organisations learned from the archive."""
    respond(ctx, lambda archive: _masked(archive.glossary()), as_json, _render_glossary)


def _render_glossary(result: dict) -> None:
    emit_table("Abbreviations", ["short", "long", "learned from", "documents"],
               [[a["short"], a["long"] or "", a["source"] or "", len(a["documents"])] for a in result["abbreviations"]])
    emit_table("Organisations", ["name", "documents"], [[o["name"], o["documents"]] for o in result["organisations"]])


@app.command()
def reextract(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Rebuild items, decisions, people and dates from the stored text (no file is read again)."""
    respond(ctx, lambda archive: archive.reextract(), as_json,
             lambda result: output.console.print(f"Re-extracted {plural(result['documents'], 'document')}."))


@app.command()
def reindex(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Rebuild the search index (or the archive's Solr collection) from the catalog (no file is parsed)."""
    with _progress("Indexing") as progress:
        respond(ctx, lambda archive: archive.reindex(progress), as_json,
                lambda result: output.console.print(f"Indexed {result['index_documents']} items, decisions, footnotes "
                                                    f"and memos ({result['engine']})."))


@contextmanager
def _progress(what: str):
    """A progress bar on a terminal (stderr), fed by (done, total) calls; nothing when stderr is a log."""
    if not output.is_terminal(stderr=True):
        yield None
        return
    from rich.progress import Progress

    with Progress(console=output.errors, transient=True) as bar:
        task = bar.add_task(what, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total or None)


@app.command()
def check(
    ctx: typer.Context,
    repair: bool = typer.Option(False, "--repair", help="Do the safe repairs: remove leftovers and orphans, rebuild the index."),
    as_json: bool = JSON,
) -> None:
    """Check the catalog, the originals and the index; name each problem with the command that mends it."""
    from ..archive.archive import check as check_archive  # works where Archive() cannot open a damaged catalog

    try:
        result = check_archive(ctx.obj, repair=repair, **archive_options(ctx))
    except MinutesError as exc:
        fail(exc)
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
    emit_table(f"{plural(len(result['problems']), 'problem')} in {result['archive']}", ["problem", "detail", "mend with"],
               [[p["kind"].replace("_", " "), p["detail"], p["repair"]] for p in result["problems"]])


@app.command()
def backup(ctx: typer.Context,
           dest: Path = typer.Argument(..., metavar="DEST", help="A new or empty folder, or an earlier backup."),
           as_json: bool = JSON) -> None:
    """Copy the archive (catalog, originals, people.toml) into DEST while it stays in use; later runs copy only what is new."""
    result = respond(ctx, lambda archive: archive.backup(dest), as_json, lambda r: output.console.print(
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
        fail(exc)
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
        fail(MinutesError("forget asks before erasing and there is no terminal to ask on; add --yes to forget without asking."))
    confirm = None if yes else _confirm_forget
    result = respond(ctx, lambda archive: archive.forget(record_ids, confirm=confirm), as_json, _render_forget)
    if result["cancelled"]:
        raise typer.Exit(1)


def _confirm_forget(documents: list[dict]) -> bool:
    emit_table(f"Forget {plural(len(documents), 'document')} for good", ["id", "date", "body", "kind", "file"],
               _masked([[d["id"], d["date"] or "", d["body"] or "", d["kind"], d["source_name"]] for d in documents]))
    return typer.confirm("Erase them and everything derived from them? This cannot be undone", default=False)


def _render_forget(result: dict) -> None:
    if result["cancelled"]:
        output.console.print("Nothing was forgotten.")
        return
    for doc in result["forgotten"]:
        output.console.print(f"Forgot {doc['id']}: {plural(sum(doc['rows'].values()), 'catalog row')}, "
                             f"{plural(doc['files'], 'file')}.",
                             markup=False, highlight=False)
    for doc in result["resumed"]:
        output.console.print(f"Finished forgetting {doc['id']} (interrupted earlier).", markup=False, highlight=False)
    for warning in result["warnings"]:
        output.errors.print(f"Warning: {warning}", markup=False, highlight=False)


@app.command()
def stats(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Totals for the archive."""
    respond(ctx, lambda archive: _masked(archive.stats()), as_json, _render_stats)


def _render_stats(result: dict) -> None:
    rows = [[key.replace("_", " "), result[key]] for key in
            ("documents", "pages", "items", "decisions", "footnotes", "attachments", "damaged_documents")]
    rows.append(["dates", f"{result['first_date'] or '–'} … {result['last_date'] or '–'}"])
    for key in ("by_kind", "by_format", "by_body", "imports"):
        rows += [[f"{key.removeprefix('by_')}: {name}", n] for name, n in result[key].items()]
    emit_table(f"Archive {result['archive']}", ["", "count"], rows, layout={"count": {"justify": "right"}})
    if result["damaged_documents"] or any(result["imports"].get(status) for status in ("failed", "needs_ocr")):
        output.errors.print("To list the failed and damaged files with their reasons: minutes log "
                            "(--failed for the failed only)", markup=False, highlight=False, soft_wrap=True)


@app.command("config")
def config_(as_json: bool = JSON) -> None:
    """Show the defaults set in the config file or the environment (flags win over both)."""
    from .config import describe

    try:
        result = describe()
    except MinutesError as exc:
        fail(exc)
    if as_json:
        print_json(result)
        return
    state = "" if result["exists"] else " (not there yet; create it to set defaults)"
    output.console.print(f"Config file: {result['file']}{state}", markup=False, highlight=False)
    emit_table(None, ["setting", "value", "from", "environment", "meaning"],
               [[name, "" if s["value"] is None else s["value"], s["from"] or "default", s["env"], s["help"]]
                for name, s in result["settings"].items()])


from . import cite, log, serve, source  # noqa: E402 - after `forget`, so `minutes --help` lists them there

COMMAND_MODULES = (importing, cite, log, serve, source)  # command modules that add themselves to `app` when imported

register(app, respond, "search", "search", "Search items, decisions, footnotes and memos.", render_hits, extras=True)
register(app, respond, "decisions", "decisions", "Search decisions only.", render_hits, extras=False)
register(app, respond, "export", "export", "Write a citation of every search hit to a file (streamed).",
         render_export, extras=True, export=True)
register(app, respond, "timeline", "timeline", "Matching items across meetings in date order, with a bar per year.",
         render_timeline, extras=False)


def run() -> None:
    app()
