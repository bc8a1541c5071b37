"""`minutes log`: what the recent imports did, and which files need a person's eye (archive/log.py says which)."""
from typing import Optional

import typer

from .common import app, respond
from .output import emit_table
from .search import JSON


@app.command()
def log(
    ctx: typer.Context,
    failed: bool = typer.Option(False, "--failed", help="Only the files that failed or wait for OCR."),
    limit: Optional[int] = typer.Option(20, "--limit", help="Recent imports shown (failed and damaged files: all)."),
    as_json: bool = JSON,
) -> None:
    """Recent imports, and every failed or damaged file with its reason."""
    respond(ctx, lambda archive: archive.log(failed=failed, limit=limit), as_json, _render_log)


def _render_log(result: dict) -> None:
    columns = ["when", "status", "file", "reason"]
    shown = lambda entries: [[e["at"], e["status"], e["path"] or "", e["reason"] or ""] for e in entries]  # noqa: E731
    if result["imports"]:
        emit_table("Recent imports", columns, shown(result["imports"]))
    if result["failed"] or not (result["imports"] or result["damaged"]):
        emit_table("Failed files", columns, shown(result["failed"]))
    if result["damaged"]:
        emit_table("Damaged files (imported; check the text against the source)", columns, shown(result["damaged"]))
