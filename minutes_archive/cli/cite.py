"""`minutes cite`: one record with an exact, verified quote; or a check of an exported file."""
import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import MinutesError
from . import output
from .common import app, fail, respond
from .output import emit_table
from .search import JSON, NO_MASK, warn_unmasked


@app.command()
def cite(
    ctx: typer.Context,
    record_id: Optional[str] = typer.Argument(None, metavar="ID", help="An item, decision, footnote or memo id."),
    fmt: str = typer.Option("text", "--format", help="text, markdown, json, csl-json, bibtex, ris or csv."),
    style: Optional[str] = typer.Option(
        None, "--style", metavar="STYLE",
        help="A CSL style instead of the house style: apa, chicago-author-date, harvard-cite-them-right, or a .csl "
             "file. Prints the quote with its in-text citation, then the reference."),
    full: bool = typer.Option(False, "--full", help="Quote the whole item, not its decision."),
    match: Optional[str] = typer.Option(None, "--match", help="Quote the sentences holding these words."),
    no_mask: bool = NO_MASK,
    verify: Optional[Path] = typer.Option(None, "--verify", help="Check citations in a file exported earlier."),
    as_json: bool = JSON,
) -> None:
    """Cite one record with an exact, verified quote; or check an exported file with --verify."""
    from ..citations.formats import CITE_FORMATS, render

    if verify is not None:
        result = respond(ctx, lambda archive: archive.verify_citations(verify), as_json, _render_verify)
        if result["mismatches"]:
            raise typer.Exit(1)
        return
    if record_id is None:
        fail(MinutesError("Give the id of an item, decision, footnote or memo to cite (or --verify FILE)."))
    if fmt not in CITE_FORMATS:
        fail(MinutesError(f"--format must be one of {', '.join(CITE_FORMATS)}."))
    show = lambda citation: sys.stdout.write(render(citation, fmt))  # noqa: E731
    if style is not None:
        from ..citations.csl import render_csl, style_path

        if fmt != "text":
            fail(MinutesError("Give --style or --format, not both: a style is rendered text."))
        try:
            path = style_path(style)
        except MinutesError as exc:
            fail(exc)
        show = lambda citation: sys.stdout.write(render_csl(citation, path))  # noqa: E731
    warn_unmasked(no_mask)
    respond(ctx, lambda archive: archive.cite(record_id, full, match, mask=not no_mask), as_json or fmt == "json", show)


def _render_verify(result: dict) -> None:
    if not result["mismatches"]:
        output.console.print(f"All {result['checked']} citations in {result['file']} match the archive.", markup=False)
        return
    emit_table(f"{len(result['mismatches'])} of {result['checked']} citations do not match", ["id", "reason", "quote"],
               [[m["id"], m["reason"], m["quote"][:80]] for m in result["mismatches"]])
