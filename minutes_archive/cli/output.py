"""Rich output that degrades to plain text when piped and honours NO_COLOR.

Rich is loaded on first use: output piped to a file or another program is written directly, so a command that
writes only such output (a search in a script) starts without it.
"""
from __future__ import annotations

import json
import os
import sys


def __getattr__(name: str):
    """`console` (stdout) and `errors` (stderr), Rich consoles created on first use."""
    if name not in ("console", "errors"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from rich.console import Console

    global console, errors
    console, errors = Console(), Console(stderr=True)
    return globals()[name]


def _console():
    return globals().get("console") or __getattr__("console")


def is_terminal() -> bool:
    """`console.is_terminal`, answered without loading Rich when stdout is plainly not a terminal."""
    try:
        tty = sys.stdout.isatty()
    except (AttributeError, ValueError):  # no stdout, or a closed one: Rich says no terminal too
        tty = False
    if not tty and "TTY_COMPATIBLE" not in os.environ and "FORCE_COLOR" not in os.environ:
        return False  # Rich's other checks (Jupyter, IDLE) can only say no
    return _console().is_terminal


def print_json(value) -> None:
    """Exactly what the API returned, as UTF-8 JSON (å, ä, ö kept readable)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def emit_table(title: str | None, columns: list[str], rows: list[list]) -> None:
    """A Rich table on a terminal; tab-separated lines, never cut short, when piped."""
    if not is_terminal():
        sys.stdout.write("\t".join(columns) + "\n")
        for row in rows:
            sys.stdout.write("\t".join(str(cell).replace("\t", " ").replace("\n", " ") for cell in row) + "\n")
        return
    from rich import box  # tables are drawn only on a terminal
    from rich.markup import escape
    from rich.table import Table

    table = Table(*columns, title=title, box=box.SIMPLE_HEAD, header_style="bold")
    for row in rows:
        table.add_row(*(escape(str(cell)) for cell in row))
    _console().print(table)


def page_ranges(pages: list[int]) -> str:
    """[1, 2, 3, 5] -> "1–3, 5"."""
    runs: list[list[int]] = []
    for page in sorted(pages):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
