"""Rich output that degrades to plain text when piped and honours NO_COLOR."""
from __future__ import annotations

import json
import sys

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

console = Console()
errors = Console(stderr=True)


def print_json(value) -> None:
    """Exactly what the API returned, as UTF-8 JSON (å, ä, ö kept readable)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def emit_table(title: str | None, columns: list[str], rows: list[list]) -> None:
    """A Rich table on a terminal; tab-separated lines, never cut short, when piped."""
    if not console.is_terminal:
        sys.stdout.write("\t".join(columns) + "\n")
        for row in rows:
            sys.stdout.write("\t".join(str(cell).replace("\t", " ").replace("\n", " ") for cell in row) + "\n")
        return
    table = Table(*columns, title=title, box=box.SIMPLE_HEAD, header_style="bold")
    for row in rows:
        table.add_row(*(escape(str(cell)) for cell in row))
    console.print(table)


def page_ranges(pages: list[int]) -> str:
    """[1, 2, 3, 5] -> "1–3, 5"."""
    runs: list[list[int]] = []
    for page in sorted(pages):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
