"""AsciiDoc minutes: `==` sections (numbered when `:sectnums:` is set), lists, tables, delimited blocks.

The document title (`= Title`), its attribute entries (`:revdate:`) and the revision line are front matter.
"""
from __future__ import annotations

import re

from ....records.layout import Layout
from ....records.text import lines_of
from .builder import Builder, SectionNumbers, substitute

_TITLE = re.compile(r"^(?P<marks>={1,6}|#{1,6})\s+(?P<text>.+?)\s*(?:=+)?$")
_ATTRIBUTE = re.compile(r"^:(?P<name>!?[\w-]+!?):\s*(?P<value>.*)$")
_ITEM = re.compile(r"^(?P<marker>\*{1,5}|-|\.{1,5}|\d{1,3}\.)\s+(?P<text>.*)$")
_DELIMITER = re.compile(r"^(?P<kind>-{4,}|\.{4,}|={4,}|_{4,}|\*{4,}|\+{4,}|/{4,}|\|={3,})\s*$")
_DIRECTIVE = re.compile(r"^(?:ifdef|ifndef|ifeval|endif|include)::")
_BLOCK_ATTRIBUTES = re.compile(r"^\[[^\]]*\]\s*$")
_REVISION = re.compile(r"^v?\d+(?:\.\d+)*,\s*(?P<date>[^:]+?)(?::.*)?$")


_INLINE = [(re.compile(pattern), replacement) for pattern, replacement in (
    (r"(?:\b(?:link|mailto|xref|image|footnote|kbd|btn|menu):([^\s\[]*)|((?:https?|ftp)://[^\s\[]+))\[([^\]]*)\]",
     lambda m: m.group(3) or m.group(1) or m.group(2)),  # link:a.html[text], https://x[text]
    (r"<<[^,>]+,\s*([^>]+)>>", r"\1"),  # <<ref,text>>
    (r"<<([^>]+)>>", r"\1"),
    (r"(?<![\w*])\*{1,2}([^*\s][^*]*?)\*{1,2}(?![\w*])", r"\1"),
    (r"(?<![\w_])_{1,2}([^_\s][^_]*?)_{1,2}(?![\w_])", r"\1"),
    (r"`+([^`]+)`+", r"\1"),
    (r"\{[\w-]+\}", ""),  # attribute references
    (r" \+$", ""),  # a hard line break
)]


def inline(text: str) -> str:
    return substitute(text, _INLINE)


def read_asciidoc(text: str) -> Layout:
    out = Builder()
    lines = lines_of(text)
    numbered = False
    numbers = SectionNumbers()
    block: str | None = None
    header = True  # the document header: title, author and revision lines, attribute entries
    for index, raw in enumerate(lines):
        line = raw.rstrip()
        if block is not None:
            if line == block:
                block = None
            elif block.startswith(("----", "....", "////", "++++")):
                if not block.startswith("////"):
                    out.code(raw)
            elif block.startswith("|==="):
                if line.startswith("|"):
                    out.row([inline(c) for c in line[1:].split("|")])
            else:
                out.line(inline(line)) if line.strip() else out.end()
            continue
        delimiter = _DELIMITER.match(line)
        if delimiter:
            out.end()
            block = line
            continue
        if line.startswith("//") or _DIRECTIVE.match(line) or _BLOCK_ATTRIBUTES.match(line) or line == "--":
            continue  # comments, conditionals and includes, "[source,python]", an open block's fences
        attribute = _ATTRIBUTE.match(line)
        if attribute:
            name = attribute.group("name").lower()
            if name in ("sectnums", "numbered"):
                numbered = True
            elif name in ("sectnums!", "!sectnums"):
                numbered = False
            elif name in ("revdate", "date"):
                out.properties.setdefault("date", attribute.group("value"))
            elif name in ("description", "title"):
                out.properties.setdefault("title", attribute.group("value"))
            continue
        title = _TITLE.match(line)
        if title:
            level = len(title.group("marks")) - 1
            text = inline(title.group("text"))
            if level == 0:
                out.properties.setdefault("title", text)
                out.heading(text, 1)
                continue
            header = False
            if numbered:
                text = numbers.title(level, text)
            out.heading(text, level + 1)
            continue
        if header and out.blocks and len(out.blocks) == 1 and line.strip() and not out.pending:
            revision = _REVISION.match(line.strip())
            if revision:
                out.properties.setdefault("date", revision.group("date").strip())
                continue
            if index <= 2 and "<" in line and "@" in line:
                continue  # the author line
        if not line.strip():
            header = header and not out.pending
            out.end()
            continue
        header = False
        if line.startswith(".") and not line.startswith("..") and len(line) > 1 and line[1] != " ":
            out.end()
            out.line(inline(line[1:]), bold=True)  # a block title
            out.end()
            continue
        item = _ITEM.match(line)
        if item:
            marker = item.group("marker")
            body = inline(item.group("text"))
            ordered = marker.startswith(".") or marker[0].isdigit()
            level = len(marker) if not marker[0].isdigit() and marker != "-" else 1
            if ordered and marker.startswith("."):
                previous = [b for b in out.blocks if b.kind == "list-item" and b.level == level]
                last = re.match(r"(\d+)\.", previous[-1].text) if previous and out.blocks[-1].kind == "list-item" else None
                marker = f"{int(last.group(1)) + 1 if last else 1}."
            out.item(f"{marker} {body}" if ordered else body, level)
        elif line.startswith("+") and line.strip() == "+":
            continue
        else:
            out.line(inline(line))
            if line.endswith(" +"):
                out.end()
    return out.layout("asciidoc")
