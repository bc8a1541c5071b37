"""Rich output that degrades to plain lines when piped, and colour as `--color`, NO_COLOR and FORCE_COLOR say.

Layout (tables, wrapping at the width, indentation by padding) is for a terminal only: output to a pipe or a file is
plain lines, never hard-wrapped and never padded with trailing spaces, whatever the colour. Colour is decided apart
from layout, so `--color always | less -R` keeps the piped layout, and NO_COLOR or FORCE_COLOR never change the width.

Rich is loaded on first use: output piped to a file or another program is written directly, so a command that
writes only such output (a search in a script) starts without it.
"""
from __future__ import annotations

import json
import os
import sys

COLOR_MODES = ("auto", "always", "never")
color_mode = "auto"  # set once by the global --color option, before any console exists


def __getattr__(name: str):
    """`console` (stdout) and `errors` (stderr), Rich consoles created on first use."""
    if name not in ("console", "errors"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    global console, errors
    console, errors = _make_console(stderr=False), _make_console(stderr=True)
    return globals()[name]


def _make_console(stderr: bool):
    from rich.console import Console

    terminal, colour = _is_tty(stderr), uses_colour(stderr)
    return Console(stderr=stderr, force_terminal=terminal or colour, color_system="auto" if colour else None,
                   highlight=False,  # Rich's guesses colour numbers and dates inside quoted minutes and ids
                   soft_wrap=not terminal)  # piped: lines as they are, the pipe's reader wraps them if it likes


def reset(mode: str = "auto") -> None:
    """Forget the consoles made for an earlier run in this process (tests run many), and take the --color mode."""
    global color_mode
    color_mode = mode
    for name in ("console", "errors"):
        globals().pop(name, None)


def _console():
    return globals().get("console") or __getattr__("console")


def _is_tty(stderr: bool = False) -> bool:
    """A terminal to lay out for: a real one, or one declared so by TTY_COMPATIBLE=1 (as Rich reads it)."""
    if os.environ.get("TTY_COMPATIBLE") in ("0", "1"):
        return os.environ["TTY_COMPATIBLE"] == "1"
    stream = sys.stderr if stderr else sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one
        return False


def is_terminal(stderr: bool = False) -> bool:
    """Whether stdout (or stderr) gets the terminal layout: tables, wrapping, progress bars. Not Rich's
    `console.is_terminal`, which --color always and FORCE_COLOR turn on for a pipe too."""
    return _is_tty(stderr)


def uses_colour(stderr: bool = False) -> bool:
    """--color always/never win; with auto, NO_COLOR (any value) says no, FORCE_COLOR says yes, else a terminal."""
    if color_mode != "auto":
        return color_mode == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _is_tty(stderr)


def plural(count: int, word: str, words: str | None = None) -> str:
    """1 document, 2 documents; 1 person, 2 persons ... with `words` for the irregular."""
    return f"{count} {word if count == 1 else words or word + 's'}"


def print_json(value) -> None:
    """Exactly what the API returned, as UTF-8 JSON (å, ä, ö kept readable)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def emit_table(title: str | None, columns: list[str], rows: list[list], layout: dict | None = None) -> None:
    """A Rich table on a terminal; tab-separated lines, never cut short, when piped.

    `layout` maps a column's header to Rich `Column` options (no_wrap, overflow, min_width, ratio) for the terminal:
    what may wrap, what is cut with an ellipsis, so that 80 columns stay readable."""
    if not is_terminal():
        sys.stdout.write("\t".join(columns) + "\n")
        for row in rows:
            sys.stdout.write("\t".join(str(cell).replace("\t", " ").replace("\n", " ") for cell in row) + "\n")
        return
    from rich import box  # tables are drawn only on a terminal
    from rich.table import Column, Table
    from rich.text import Text

    if not rows:  # no empty frame under a title: one line that says so
        _console().print(f"{title}: none" if title else "Nothing to show.", markup=False)
        return
    layout = layout or {}
    table = Table(*(Column(name, **layout.get(name, {})) for name in columns), title=title, box=box.SIMPLE_HEAD,
                  header_style="bold", pad_edge=False, show_edge=False,
                  padding=(0, 1, 0, 0))  # two spaces between columns and none at the edges: 80 columns hold more
    for row in rows:
        table.add_row(*(Text(str(cell).replace("\n", " ")) for cell in row))  # no markup, no highlighting
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


def is_stdout(path) -> bool:
    """`-o -` (or no -o where a command allows it) means stdout, for every command that writes a file."""
    return path is None or str(path) == "-"


def refused(path):
    """The one wording for a file that is there and was not to be replaced."""
    from ..errors import OutputExists

    return OutputExists(f"{path} already exists; add --force to replace it.")

