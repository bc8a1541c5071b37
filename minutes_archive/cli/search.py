"""`minutes search`, `decisions` and `timeline`: hits shown with their meeting's context."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from . import output as screen  # not "output": the export command has a parameter of that name
from .output import emit_table, is_terminal, plural

QUERY = typer.Argument(None, help='Words, "quoted phrases", word~ for spelling variants, volont* for any ending, OR, '
                                    '-word; filters typed as person:, body:, kind:, title:, date:2007-01..2007-06, § 40.')
JSON = typer.Option(False, "--json", help="Print the result as JSON.")
NO_MASK = typer.Option(False, "--no-mask", help="Show personal identity numbers (masked by default).")


def warn_unmasked(no_mask: bool) -> None:
    """On stderr, with --json too: the warning must not go unseen, nor spoil the JSON on stdout."""
    if no_mask:
        screen.errors.print("Warning: personal identity numbers are shown (--no-mask).", style="yellow", markup=False)


def register(app: typer.Typer, respond, name: str, method: str, doc: str, render, extras: bool,
             export: bool = False) -> None:
    """Add a search-like command; `respond(ctx, call, as_json, render)` runs it and prints the result."""

    def command(
        ctx: typer.Context,
        query: Optional[str] = QUERY,
        person: Optional[str] = typer.Option(None, "--person", help="A person's name; first-name and role mentions count."),
        date_from: Optional[str] = typer.Option(None, "--from", help="From: 2007, 2007-09, 2007-09-25, 'sept 2007'."),
        date_to: Optional[str] = typer.Option(None, "--to", help="Up to (same forms as --from)."),
        date: Optional[str] = typer.Option(None, "--date", help="Only this year, month or day."),
        body: Optional[str] = typer.Option(None, "--body", help="Part of a committee's or board's name."),
        kind: Optional[str] = typer.Option(None, "--kind", help="item, decision, footnote, memo, preamble or closing.", hidden=not extras),
        title: Optional[str] = typer.Option(None, "--title", help="Words of the item's title."),
        item: Optional[str] = typer.Option(None, "--item", help="An item number: 40 or '§ 40'."),
        sort: str = typer.Option("relevance", "--sort", help="relevance, date (oldest first) or -date (newest first).",
                                 hidden=not extras),
        facets: bool = typer.Option(False, "--facets", help="Add counts per year, body and person.", hidden=not extras),
        limit: Optional[int] = typer.Option(None, "--limit", help="Hits per page."),
        page: int = typer.Option(1, "--page", help="Which page of hits.", hidden=export),
        no_mask: bool = NO_MASK,
        fmt: str = typer.Option("jsonl", "--format", help="text, markdown, json, csl-json, bibtex, ris, csv or jsonl.",
                                hidden=not export),
        output: Optional[Path] = typer.Option(None, "--output", "-o", help="The file to write; - or none: stdout.",
                                              hidden=not export),
        force: bool = typer.Option(False, "--force", help="Replace the --output file if it exists.", hidden=not export),
        style: Optional[str] = typer.Option(None, "--style", help="A CSL style (apa, chicago-author-date, "
                                            "harvard-cite-them-right) or a .csl file, instead of --format.",
                                            hidden=not export),
        as_json: bool = JSON,
    ) -> None:
        options = dict(person=person, date_from=date_from, date_to=date_to, date=date, body=body, title=title, item=item)
        if extras:
            options.update(kind=kind, sort=sort)
        if export:
            call = _export_call(output, force, fmt, query, mask=not no_mask, style=style, **options)
        else:
            options.update(page=page, mask=not no_mask, **({"facets": facets} if extras else {}))
            if limit is not None:
                options["limit"] = limit
            call = lambda archive: getattr(archive, method)(query, **options)  # noqa: E731
        warn_unmasked(no_mask)
        if export and screen.is_stdout(output):  # the citations own stdout: the summary (or --json) goes to stderr
            result = respond(ctx, call, False, lambda r: _report_export(r, as_json))
        else:
            result = respond(ctx, call, as_json, render)
        if not result.get("citations" if export else "total"):
            raise typer.Exit(1)  # as grep: 0 when something was found, 1 when nothing, 2 on an error

    command.__doc__ = doc
    app.command(name)(command)


def _export_call(output: Optional[Path], force: bool, fmt: str, query: Optional[str], **options):
    """The export to a file, or to stdout for `-o -` or no -o; an existing file is kept unless --force."""
    from ..errors import OutputExists

    def call(archive):
        if screen.is_stdout(output):
            return archive.export(sys.stdout, fmt, query, **options)
        try:
            return archive.export(output, fmt, query, overwrite=force, **options)
        except OutputExists as exc:
            raise screen.refused(output) from exc

    return call


def _report_export(result: dict, as_json: bool) -> None:
    sys.stdout.flush()  # the citations first, should both streams go to one place
    if as_json:
        import json

        sys.stderr.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        screen.errors.print(f"Wrote {result['citations']} citations ({result['format']}) to stdout.", markup=False)


MARK_ON, MARK_OFF = "\x1b[1;33m", "\x1b[0m"  # bold yellow, as on a terminal


def _plain_marked(snippet: str, marks: list, colour: bool = False) -> str:
    """Matches in «» for output that is not a terminal, or coloured as grep --color=always does."""
    left, right = (MARK_ON, MARK_OFF) if colour else ("«", "»")
    for start, end in reversed(marks):
        snippet = f"{snippet[:start]}{left}{snippet[start:end]}{right}{snippet[end:]}"
    return snippet


def _marked(snippet: str, marks: list):
    from rich.text import Text  # Rich is loaded only to draw on a terminal (see output.py)

    if not is_terminal():
        return Text(_plain_marked(snippet, marks))
    text = Text(snippet)
    for start, end in marks:
        text.stylize("bold yellow", start, end)
    return text


def _where(hit: dict) -> str:
    """A hit's meeting context in one line: date, body, item, kind (a decision's outcome), page, and for a
    partial match the words it lacks."""
    kind = hit["kind"] + (f" ({hit['outcome']})" if hit.get("outcome") else "")
    lacks = f"partial: without {', '.join(hit['missing'])}" if hit.get("partial") else None
    return " · ".join(p for p in (hit["date"] or "undated", hit["body"], f"{hit['label'] or ''} {hit['title'] or ''}".strip(),
                                  kind, f"p. {hit['page']}" if hit["page"] else None, lacks) if p)


def _counts(result: dict) -> str:
    """"12 hits", "about 3000 hits", or "0 hits with every word, 7 with some of them"; and which page this is,
    with the option for the next: "113 hits; 21–40 shown, page 2 of 6 (next: --page 3)"."""
    about = "" if result.get("total_exact", True) else "about "
    if result.get("partial"):
        counts = f"{about}{result['all_words']} hits with every word, {result['partial']} with some of them"
    else:
        counts = f"{about}{result['total']} hit" + ("" if result["total"] == 1 else "s")
    page, pages, shown = result.get("page", 1), result.get("pages", 1), len(result["hits"])
    if pages <= 1 and page == 1:
        return counts
    if not shown:
        return f"{counts}; none on page {page} of {pages}"
    first = (page - 1) * result["limit"] + 1
    more = f" (next: --page {page + 1})" if page < pages else ""
    return f"{counts}; {first}–{first + shown - 1} shown, page {page} of {pages}{more}"


def _notice(result: dict) -> str | None:
    hint = f" Did you mean: {result['did_you_mean']}?" if result["did_you_mean"] else ""
    if result["fuzzy"]:
        return f"No exact matches; showing spelling variants.{hint}"
    return hint.strip() or None


def _plain_hits(result: dict) -> None:
    """Piped output: plain lines, matches in «», written directly (Rich's layout costs ~5 ms a hit)."""
    colour = screen.uses_colour()
    out = [_counts(result)]
    if _notice(result):
        out.insert(0, _notice(result))
    for hit in result["hits"]:
        where = _where(hit)
        out += ["", f"{where}  {hit['id']}", _plain_marked(hit["snippet"], hit["highlights"], colour)]
    sys.stdout.write("\n".join(out) + "\n")


def render_hits(result: dict) -> None:
    if not is_terminal() and not result.get("facets"):
        return _plain_hits(result)
    from rich.text import Text

    console = screen.console
    if _notice(result):
        console.print(_notice(result), style="italic", markup=False)
    console.print(_counts(result), markup=False)
    for hit in result["hits"]:
        where = _where(hit)
        console.print()
        console.print(Text(where, style="bold"), Text(f"  {hit['id']}", style="dim"), sep="")
        console.print(_marked(hit["snippet"], hit["highlights"]))
    for name, counts in (result.get("facets") or {}).items():
        emit_table(f"by {name}", [name, "hits"], [[k, v] for k, v in counts.items()])


def render_timeline(result: dict) -> None:
    top = max(result["years"].values(), default=0)
    width = 40
    emit_table("Items per year", ["year", "items", ""],
               [[year, n, "█" * max(1, round(n / top * width))] for year, n in result["years"].items()])
    emit_table(plural(result["total"], "item"), ["date", "body", "item", "id"],
               [[h["date"] or "", h["body"] or "", f"{h['label'] or ''} {h['title'] or ''}".strip(), h["id"]]
                for h in result["hits"]])


def render_export(result: dict) -> None:
    screen.console.print(f"Wrote {result['citations']} citations ({result['format']}) to {result['file']}.", markup=False)
