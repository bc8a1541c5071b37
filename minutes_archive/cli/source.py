"""`minutes open` and `minutes page`: from a hit to the page it came from, to check it before quoting it."""
import os
import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import MinutesError
from . import output
from .common import app, fail, respond, run_call
from .search import JSON

OPENERS = {"linux": "xdg-open", "darwin": "open"}  # the desktop's opener, which takes no page
VIEWER_WAIT = 2.0  # seconds to wait for a viewer that fails at once (a typo in the command, a missing file)


@app.command("open")
def open_source(
    ctx: typer.Context,
    record_id: str = typer.Argument(..., metavar="ID", help="A record id (item, decision, footnote, memo) or a document id."),
    print_only: bool = typer.Option(False, "--print", help="Only print the file and the page, tab-separated."),
    as_json: bool = JSON,
) -> None:
    """Open the original (a scan's searchable copy) at the record's page, with the viewer setting or the desktop's opener."""
    if print_only or as_json:
        respond(ctx, lambda archive: archive.source(record_id), as_json,
                lambda place: sys.stdout.write(f"{place['file']}\t{place['page']}\n"))
        return
    place = run_call(ctx, lambda archive: archive.source(record_id))
    _launch(place)


def _viewer_command(place: dict) -> list[str]:
    """The viewer setting with {file} and {page} filled in (the file last when it names no {file}); else the
    desktop's opener, which cannot be told a page."""
    import shlex

    from .config import setting

    template = setting("viewer")
    if template:
        try:
            parts = shlex.split(template)
        except ValueError as exc:
            raise MinutesError(f"The viewer setting {template!r} cannot be read as a command: {exc}.") from None
        if not parts:
            raise MinutesError("The viewer setting is empty; set it to a command such as 'evince -p {page} {file}'.")
        filled = [p.replace("{file}", place["file"]).replace("{page}", str(place["page"])) for p in parts]
        return filled if any("{file}" in p for p in parts) else [*filled, place["file"]]
    opener = OPENERS.get(sys.platform, "xdg-open")
    output.errors.print(f"Opening {place['file']} with {opener}, which cannot go to a page: turn to page "
                        f"{place['page']} (set the viewer with $MINUTES_VIEWER or in 'minutes config').",
                        markup=False, highlight=False, soft_wrap=True)
    return [opener, place["file"]]


def _launch(place: dict) -> None:
    import subprocess

    try:
        command = _viewer_command(place)
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.PIPE, start_new_session=True)
        except OSError as exc:
            raise MinutesError(f"The viewer {command[0]!r} cannot be started: {exc.strerror}.") from None
        try:
            code = process.wait(timeout=VIEWER_WAIT)
        except subprocess.TimeoutExpired:
            return  # still open: a viewer showing the page
        if code != 0:
            said = (process.stderr.read() or b"").decode(errors="replace").strip().splitlines()
            raise MinutesError(f"The viewer {command[0]!r} stopped with exit status {code}"
                               + (f": {said[-1][:200]}" if said else "."))
    except MinutesError as exc:
        fail(exc)


@app.command("page")
def page(
    ctx: typer.Context,
    record_id: str = typer.Argument(..., metavar="ID", help="A record id (item, decision, footnote, memo) or a document id."),
    out: Path = typer.Option(..., "-o", "--output", help="The PNG to write; - for stdout."),
    words: Optional[str] = typer.Option(None, "--words", help="Mark these words instead of the record's own text."),
    force: bool = typer.Option(False, "--force", help="Replace an existing file."),
) -> None:
    """Draw the record's page as a PNG with its words marked: the scan or the PDF page, or the text of a txt or docx."""
    to_stdout = output.is_stdout(out)
    if not to_stdout and not force and os.path.lexists(out):
        fail(output.refused(out))
    png = run_call(ctx, lambda archive: archive.page_image(record_id, words))
    if to_stdout:
        sys.stdout.buffer.write(png)
        sys.stdout.flush()
        return
    try:  # 0600, as exports are: the page is the original, with its names and any personal identity number
        flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if force else os.O_EXCL)
        with os.fdopen(os.open(out, flags, 0o600), "wb") as handle:
            handle.write(png)
    except FileExistsError:
        fail(output.refused(out))
    except OSError as exc:
        fail(MinutesError(f"Cannot write {out}: {exc.strerror}."))
    output.errors.print(f"Wrote {out} ({len(png) // 1024 + 1} KB).", markup=False, highlight=False, soft_wrap=True)
