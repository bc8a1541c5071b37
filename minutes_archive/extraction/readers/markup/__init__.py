"""Minutes kept as markup: Markdown, HTML, and the plain-text markup of typesetting systems.

A table from file suffix to reader, as every format here is text whose syntax names its structure.
"""
from __future__ import annotations

from typing import Callable

from ....records.layout import Layout
from .asciidoc import read_asciidoc
from .html import read_html
from .latex import read_latex
from .markdown import read_markdown
from .rst import read_rst
from .typst import read_typst

MARKUP_READERS: dict[str, tuple[str, Callable[[str], Layout]]] = {
    ".md": ("markdown", read_markdown),
    ".markdown": ("markdown", read_markdown),
    ".html": ("html", read_html),
    ".htm": ("html", read_html),
    ".xhtml": ("html", read_html),
    ".typ": ("typst", read_typst),
    ".tex": ("latex", read_latex),
    ".rst": ("rst", read_rst),
    ".adoc": ("asciidoc", read_asciidoc),
    ".asciidoc": ("asciidoc", read_asciidoc),
    ".asc": ("asciidoc", read_asciidoc),
}
MARKUP_SUFFIXES = set(MARKUP_READERS)


def read_markup(text: str, suffix: str) -> Layout:
    name, reader = MARKUP_READERS[suffix]
    layout = reader(text)
    layout.format = name
    return layout
