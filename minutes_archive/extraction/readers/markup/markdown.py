"""Markdown minutes (CommonMark with the usual extensions: tables, footnotes, front matter).

Headings keep their level, ordered list items their number, tables their cells; fenced code stays code (an
attached statute diff must not lend its "### 6." headings to the minutes). Emphasis, links, HTML tags and
comments are markup, not text.
"""
from __future__ import annotations

import html
import re

from ....records.layout import Layout
from ....records.text import lines_of
from .builder import Builder
from .front_matter import split_front_matter

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_LOOSE_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]*([^\s#].*?)(?:[ \t]+#+)?[ \t]*$")  # "##Kallade" in a .txt file
_HEADING_LINE = re.compile(r"^#{1,6}[ \t]*[^\s#\d]", re.MULTILINE)


def looks_like_markdown(text: str) -> bool:
    """Plain text written with Markdown headings from its first lines on: a clerk's notes kept as .txt.

    Headings far down (in an attached report, say) do not make the minutes Markdown."""
    if split_front_matter(text)[0]:
        return True
    lines = [line for line in text.splitlines() if line.strip()]
    heads = [n for n, line in enumerate(lines) if _HEADING_LINE.match(line)]
    return len(heads) >= 3 and heads[0] < 20
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,3}[.)])[ \t]+(?P<text>.*)$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_NOTE_DEF = re.compile(r"^\[\^(?P<label>[^\]]+)\]:?[ \t]+(?P<text>.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

_IMAGE = re.compile(r"!\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_LINK = re.compile(r"\[([^\]^][^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]^][^\]]*)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(.+?)~~")
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_NOTE_REF = re.compile(r"\[\^([^\]]+)\]")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_LEADING_STRONG = re.compile(r"^\s*(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def inline(text: str) -> tuple[str, bool, list[tuple[int, str]], int | None]:
    """Plain text of a line of Markdown, whether all of it is strong, its footnote marks (offset, label), and
    where a strong run that opens it ends."""
    text = _BREAK_TAG.sub(" ", text)
    whole = text.strip()
    bold = bool(re.fullmatch(r"(\*\*|__)(?=\S).+(?<=\S)\1", whole))
    leading = _LEADING_STRONG.match(text)
    lead = len(inline(leading.group(2))[0]) if leading and not bold else None
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    text = _TAG.sub("", text)
    for _ in range(2):
        text = _STRONG.sub(r"\2", text)
        text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    text = _STRIKE.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    text = html.unescape(text).replace("\u00a0", " ")
    refs: list[tuple[int, str]] = []
    out, last = "", 0
    for found in _NOTE_REF.finditer(text):
        out += text[last: found.start()]
        refs.append((len(out), found.group(1)))
        last = found.end()
    out += text[last:]
    return out, bold, refs, lead


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [inline(cell)[0] for cell in re.split(r"(?<!\\)\|", line)]


def read_markdown(text: str, fmt: str = "markdown", loose: bool = False) -> Layout:
    """`loose`: headings without a space after the hashes count too, as in notes kept as plain text."""
    properties, text = split_front_matter(text)
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    lines = lines_of(text)
    out = Builder()
    out.properties.update(properties)
    fence: str | None = None
    in_table = False
    note_label: str | None = None
    for index, raw in enumerate(lines):
        if fence is not None:
            if re.fullmatch(rf" {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*", raw):
                fence = None  # only a fence as long as the opening one, with nothing after it, closes it
            else:
                out.code(raw)
            continue
        found = _FENCE.match(raw)
        if found:
            out.end()
            fence = found.group(1)
            continue
        line = _QUOTE.sub("", raw)
        if not line.strip():
            out.end()
            in_table, note_label = False, None
            continue
        if note_label is not None and raw.startswith(("    ", "\t")):
            out.notes[note_label].text += " " + inline(line)[0].strip()
            continue
        note_label = None
        found = _NOTE_DEF.match(line)
        if found:
            out.end()
            note_label = found.group("label")
            out.note(note_label, inline(found.group("text"))[0])
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if "|" in line and (in_table or _TABLE_RULE.match(following)):
            if not in_table:
                out.end()
                in_table = True
            if not _TABLE_RULE.match(line):
                out.row(_cells(line))
            continue
        found = (_LOOSE_ATX if loose else _ATX).match(line)
        if found:
            out.heading(inline(found.group(2) or "")[0], len(found.group(1)))
            continue
        if _RULE.match(line) and not out.pending:
            out.rule()
            continue
        if out.pending and _SETEXT.match(line):
            out.heading(out.take(), 1 if line.strip().startswith("=") else 2)
            continue
        found = _ITEM.match(line)
        if found:
            marker = found.group("marker")
            body = inline(found.group("text"))[0]
            level = 1 + len(found.group("indent").expandtabs(4)) // 2
            out.item(f"{marker} {body}" if marker[0].isdigit() else body, level)
            continue
        if raw.startswith((" ", "\t")) and out.blocks and out.blocks[-1].kind == "list-item" and not out.pending:
            out.more(inline(line)[0])
            continue
        plain, bold, refs, lead = inline(line)
        out.line(plain, bold, refs, lead)
        if line.endswith(("  ", "\\")):
            out.end()  # a hard line break: the lines of an address or a signature stay apart
    return out.layout(fmt)
