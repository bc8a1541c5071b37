"""What every markup reader builds: blocks with heading levels, list items, table rows and code, notes, pages.

Markup says what is a heading and what is a list; the readers only translate their syntax into these calls,
so that Markdown, HTML, Typst, LaTeX, reStructuredText and AsciiDoc minutes reach extraction alike.
"""
from __future__ import annotations

import re

from ....records.layout import Block, Layout, Note, join_lines

_PAGE_MARKER = re.compile(r"^\[\s*(?:p\.?\s*|page\s+|sid(?:an)?\.?\s*)?\d{1,4}\s*\]$", re.IGNORECASE)  # "[126]" in a transcription


def substitute(text: str, rules: list[tuple[re.Pattern, object]]) -> str:
    """Inline markup taken away by a table of (pattern, replacement), applied in order."""
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


class SectionNumbers:
    """Section numbers as a typesetting system prints them: 1, 1.1, 1.2, 2 …; depth 1 is an item."""

    def __init__(self) -> None:
        self.counters: list[int] = []

    def title(self, depth: int, title: str) -> str:
        del self.counters[depth:]
        self.counters += [0] * (depth - len(self.counters))
        self.counters[depth - 1] += 1
        number = ".".join(str(n) for n in self.counters)
        return f"{number}. {title}" if depth == 1 else f"{number} {title}"


class Builder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.notes: dict[str, Note] = {}
        self.refs: list[tuple[str, int, int]] = []  # note label, block, offset
        self.furniture: list[str] = []
        self.properties: dict[str, str] = {}
        self.page = 1
        self._lines: list[str] = []
        self._text = ""  # the paragraph being built, joined as its lines come
        self._bold = False
        self._lead: int | None = None
        self._blank = False
        self._joins_previous = False  # a transcriber's page marker cut the paragraph before this one

    # paragraphs -------------------------------------------------------------------------------------------
    def line(self, text: str, bold: bool = False, refs: list[tuple[int, str]] = (), lead: int | None = None) -> None:
        """A line of running text: lines are joined into a paragraph until `end` or another block.

        `refs`: footnote marks as (offset in `text`, note label); `lead`: where a bold run that opens the
        paragraph ends ("**Ekonomi:** Kassören redovisade…")."""
        stripped = text.strip()
        if not stripped:
            self.end()
            return
        if not self._lines:
            self._bold = bold
            self._lead = max(0, lead - (len(text) - len(text.lstrip()))) if lead else None
        else:
            self._bold = self._bold and bold
        self._text = join_lines([self._text, stripped]) if self._text else stripped
        before = len(self._text) - len(stripped)
        lead = len(text) - len(text.lstrip())
        for offset, label in refs:
            self.refs.append((label, len(self.blocks), before + max(0, min(offset - lead, len(stripped)))))
        self._lines.append(stripped)

    @property
    def pending(self) -> bool:
        """A paragraph is being built."""
        return bool(self._lines)

    def take(self) -> str:
        """The paragraph being built, taken away (it was a heading's text, say)."""
        text, self._text, self._lines = self._text, "", []
        return text

    def end(self) -> None:
        """A blank line: the paragraph being built, if any, is complete."""
        if self._lines:
            text = self.take()
            if _PAGE_MARKER.match(text):
                self.furniture.append(text)
                self._joins_previous = bool(self.blocks) and not re.search(r"[.!?:;\"”)]$", self.blocks[-1].text)
                return
            if self._joins_previous and self.blocks and self.blocks[-1].kind == "paragraph":
                previous = self.blocks[-1]
                self._joins_previous = False
                previous.text = join_lines([previous.text, text])
                return
            self._joins_previous = False
            lead = self._lead if self._lead and self._lead < len(text) else None
            self._add(Block(text, kind="paragraph", bold=self._bold, lead=lead))
        self._blank = True

    def _add(self, block: Block) -> None:
        block.page = self.page
        block.blank_before = self._blank
        self._blank = False
        self.blocks.append(block)

    # other blocks -----------------------------------------------------------------------------------------
    def heading(self, text: str, level: int) -> None:
        self.end()
        if text.strip():
            self._add(Block(text.strip(), kind="heading", level=level, bold=True))

    def item(self, text: str, level: int = 1) -> None:
        """A list item; an ordered one keeps its number in the text ("1. Adopt bylaws")."""
        self.end()
        if text.strip():
            self._add(Block(text.strip(), kind="list-item", level=level))

    def more(self, text: str) -> None:
        """A continuation line of the last list item."""
        if self.blocks and self.blocks[-1].kind == "list-item" and not self._lines and text.strip():
            self.blocks[-1].text = join_lines([self.blocks[-1].text, text.strip()])
        else:
            self.line(text)

    def row(self, cells: list[str]) -> None:
        self.end()
        cells = [c.strip() for c in cells]
        if any(cells):
            self._add(Block(" ".join(c for c in cells if c), kind="table-row", cells=cells))

    def code(self, text: str) -> None:
        self.end()
        if text.strip():
            self._add(Block(text.rstrip(), kind="code"))

    def rule(self) -> None:
        self.end()
        self._add(Block("---", kind="paragraph"))

    def page_break(self) -> None:
        self.end()
        self.page += 1

    # notes ------------------------------------------------------------------------------------------------
    def note(self, label: str, text: str) -> None:
        if label not in self.notes:  # a label defined twice keeps its first note
            self.notes[label] = Note(len(self.notes) + 1, text.strip(), page=self.page)

    # result -----------------------------------------------------------------------------------------------
    def layout(self, fmt: str) -> Layout:
        self.end()
        for label, block, offset in self.refs:
            note = self.notes.get(label)
            if note is not None and note.anchor is None and block < len(self.blocks):
                note.anchor = (block, min(offset, len(self.blocks[block].text)))
        notes = sorted(self.notes.values(), key=lambda n: n.number)
        return Layout(blocks=self.blocks, notes=notes, page_count=self.page, format=fmt, furniture=self.furniture,
                      properties={k: v for k, v in self.properties.items() if v})
