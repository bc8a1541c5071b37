"""reStructuredText minutes: titles under (and over) lines of punctuation, field lists, lists, literal blocks.

Section levels follow the order in which underline styles first appear, as docutils assigns them; with
`.. sectnum::` the sections are numbered as the rendered document numbers them.
"""
from __future__ import annotations

import re

from ....records.layout import Layout
from ....records.text import lines_of
from .builder import Builder, SectionNumbers, substitute

_ADORNMENT = re.compile(r"^([=\-~^\"'`#*+:.<>_])\1{2,}\s*$")
_FIELD = re.compile(r"^:(?P<key>[\w ]+):\s*(?P<value>.*)$")
_DIRECTIVE = re.compile(r"^\.\.\s+(?P<name>[\w-]+)::\s*(?P<arg>.*)$")
_COMMENT = re.compile(r"^\.\.(?:\s|$)")
# List markers; a capital letter with a full stop is an initial ("A. Svensson"), so letters count in brackets only.
_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+•]|\d{1,3}[.)]|#\.|\(\d{1,3}\)|[a-z]\)|\([A-Za-z]\))\s+(?P<text>.*)$")
_CODE_DIRECTIVES = {"code", "code-block", "sourcecode", "literalinclude", "raw", "math"}
_SKIP_DIRECTIVES = {"image", "figure", "contents", "toctree", "include", "only", "meta", "sectnum", "section-numbering"}


_INLINE = [(re.compile(pattern), replacement) for pattern, replacement in (
    (r"`([^`<]*?)\s*<[^>]+>`__?", r"\1"),  # `text <url>`_
    (r":[\w:-]+:`([^`]*)`", r"\1"),  # :role:`text`
    (r"``([^`]*)``", r"\1"),
    (r"\*\*([^*]+)\*\*", r"\1"),
    (r"(?<![\w*])\*([^*\s][^*]*)\*", r"\1"),
    (r"`([^`]*)`_?", r"\1"),
    (r"\|([\w -]+)\|", r"\1"),  # |substitution|
    (r"\[#?\w*\]_", ""),  # footnote references
    (r"\\", ""),
)]


def inline(text: str) -> str:
    return substitute(text, _INLINE)


def read_rst(text: str) -> Layout:
    out = Builder()
    lines = lines_of(text)
    numbered = any(re.match(r"^\.\.\s+(?:sectnum|section-numbering)::", line) for line in lines)
    styles: list[tuple[str, bool]] = []
    literal_indent: int | None = None
    skip_indent: int | None = None
    index = 0
    fields_allowed = True
    while index < len(lines):
        raw = lines[index]
        line = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if literal_indent is not None:
            if line and indent < literal_indent:
                literal_indent = None
            else:
                if line:
                    out.code(raw)
                index += 1
                continue
        if skip_indent is not None:
            if line and indent <= skip_indent:
                skip_indent = None
            else:
                index += 1
                continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        after = lines[index + 2] if index + 2 < len(lines) else ""
        # over- and underlined title
        if _ADORNMENT.match(line) and following.strip() and _ADORNMENT.match(after.strip()) and after.strip()[0] == line[0]:
            title, style, index = following.strip(), (line[0], True), index + 3
        elif line and not _ADORNMENT.match(line) and _ADORNMENT.match(following.strip()) \
                and len(following.strip()) >= len(line) - 1 and not out.pending:
            title, style, index = line, (following.strip()[0], False), index + 2
        else:
            title = None
        if title is not None:
            fields_allowed = False
            if style not in styles:
                styles.append(style)
            level = styles.index(style) + 1
            out.heading(inline(title), level)
            continue
        index += 1
        if not line:
            out.end()
            continue
        field = _FIELD.match(line)
        if field and fields_allowed:
            key = field.group("key").strip().lower()
            if key in ("date", "title", "author", "place", "location"):
                out.properties.setdefault("place" if key == "location" else key, inline(field.group("value")))
            continue
        directive = _DIRECTIVE.match(line)
        if directive:
            name = directive.group("name")
            out.end()
            if name in _CODE_DIRECTIVES:
                literal_indent = indent + 1
            elif name in _SKIP_DIRECTIVES:
                skip_indent = indent
            elif directive.group("arg"):
                out.line(inline(directive.group("arg")))
            continue
        if _COMMENT.match(line):
            skip_indent = indent
            continue
        if _ADORNMENT.match(line) and len(set(line)) == 1 and line[0] in "-=":
            out.rule()
            continue
        fields_allowed = fields_allowed and not out.blocks
        item = _ITEM.match(raw)
        if item:
            marker = item.group("marker")
            body = inline(item.group("text"))
            if marker == "#.":  # auto-numbered: the number the rendered list shows
                previous = re.match(r"(\d+)\. ", out.blocks[-1].text) if out.blocks and out.blocks[-1].kind == "list-item" \
                    and not out.pending else None
                marker = f"{int(previous.group(1)) + 1 if previous else 1}."
            out.item(body if marker in "-*+•" else f"{marker} {body}", 1 + indent // 3)
        elif indent and out.blocks and out.blocks[-1].kind == "list-item" and not out.pending:
            out.more(inline(line))
        else:
            text = line[:-2] + ":" if line.endswith("::") else line
            out.line(inline(text))
        if line.endswith("::"):
            out.end()
            literal_indent = indent + 1
    if numbered:
        _number(out)
    return out.layout("rst")


def _number(out: Builder) -> None:
    """Section numbers as `.. sectnum::` prints them; a title used once at the top is the document's title."""
    heads = [b for b in out.blocks if b.kind == "heading"]
    levels = [b.level for b in heads]
    top = 2 if heads and levels.count(levels[0]) == 1 and all(level > levels[0] for level in levels[1:]) else 1
    numbers = SectionNumbers()
    for block in heads:
        depth = block.level - top + 1
        if depth >= 1:
            block.text = numbers.title(depth, block.text)
