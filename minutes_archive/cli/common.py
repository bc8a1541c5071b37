"""The Typer app every command module adds itself to, and the one way a command calls the API.

No `from __future__ import annotations` here: Typer reads every command's annotations on each run, and string
annotations cost an eval apiece (half of Typer's start-up work).
"""
from pathlib import Path
from typing import Optional

import typer

from ..archive.archive import Archive
from ..errors import MinutesError
from ..storage.location import ENV
from . import output
from .output import print_json

if not output.is_terminal():
    import typer.core

    typer.core.HAS_RICH = False  # piped --help: Click's plain lines, not Rich's boxes padded to the width

app = typer.Typer(
    help="A searchable archive of meeting minutes and memos.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion: costs ~1 ms at start-up
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},  # subcommands inherit it
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"minutes {version('minutes-archive')}")
        raise typer.Exit()


def _color(value: str) -> str:
    if value not in output.COLOR_MODES:
        raise typer.BadParameter(f"must be one of {', '.join(output.COLOR_MODES)}, not {value!r}.")
    output.reset(value)  # eager: before any other option or command prints
    return value


@app.callback()
def main(
    ctx: typer.Context,
    archive: Optional[Path] = typer.Option(
        None, "--archive", envvar=ENV, help="Archive folder (default: your user data folder).", show_envvar=True
    ),
    color: str = typer.Option("auto", "--color", metavar="auto|always|never", is_eager=True, callback=_color,
                              help="Colour: auto (a terminal, unless NO_COLOR is set or FORCE_COLOR is), always or never."),
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_version,
                                 help="Print the version and stop."),
    engine: Optional[str] = typer.Option(None, "--engine", metavar="whoosh|solr", envvar="MINUTES_ENGINE",
                                         help="Search engine (default: the one the archive was indexed with, at "
                                              "first whoosh). An import or reindex makes it the archive's engine."),
    solr_url: Optional[str] = typer.Option(None, "--solr-url", envvar="MINUTES_SOLR_URL", show_envvar=True,
                                           help="Solr nodes, comma-separated (implies --engine solr)."),
) -> None:
    if archive is None:  # neither --archive nor $MINUTES_ARCHIVE: the config file, else the user data folder
        from .config import setting

        try:
            configured = setting("archive")
        except MinutesError as exc:
            fail(exc)
        archive = Path(configured).expanduser() if configured else None
    ctx.obj = archive
    ctx.meta["archive_options"] = _engine_options(engine, solr_url)


def _engine_options(engine: str | None, solr_url: str | None) -> dict:
    """--engine and --solr-url, else their environment variables (read by Typer), else the config file."""
    if engine is None and solr_url is None:
        from .config import setting

        try:
            engine, solr_url = setting("engine"), setting("solr_url")
        except MinutesError as exc:
            fail(exc)
    return {"engine": engine, "solr_url": solr_url}


def archive_options(ctx: typer.Context) -> dict:
    """The engine options given to every `Archive` a command opens."""
    return ctx.meta.get("archive_options", {})


REEXTRACT_DUE = ("Note: this archive was made by an older version; run 'minutes reextract' to read its stored text "
                 "with the current extraction (the next import does it too).")


def run_call(ctx: typer.Context, call, create: bool = False):
    """Open the archive and call one API method; a user-facing failure becomes a one-line message.
    Only `import` creates an archive: the rest read one that exists."""
    try:
        with Archive(ctx.obj, create=create, **archive_options(ctx)) as archive:
            result = call(archive)
            if archive.reextract_due:
                output.errors.print(REEXTRACT_DUE, markup=False, highlight=False, soft_wrap=True)
            return result
    except MinutesError as exc:
        fail(exc)


def respond(ctx: typer.Context, call, as_json: bool, render) -> dict:
    """Call one API method; print exactly its result with --json, else render it for people."""
    result = run_call(ctx, call)
    if as_json:
        print_json(result)
    else:
        render(result)
    return result


def fail(exc: MinutesError) -> None:
    from rich.markup import escape  # only on an error: every command should start fast

    output.errors.print(f"[red]Error:[/red] {escape(str(exc))}", soft_wrap=True)  # one line, never cut at the width
    raise typer.Exit(2)
