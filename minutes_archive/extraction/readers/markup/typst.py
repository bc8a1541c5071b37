"""Typst minutes: `=` headings, lists, the text inside function calls, and the numbers the rendered page shows.

A clerk's Typst source often applies a template (`#show: protocol.with(date: datetime(...))`) that numbers the
headings, so the numbers are not in the text. Items are numbered here as the rendered document numbers them:
as `#set heading(numbering: ...)` says, or, under a template that does not show its rules, items and sub-items
(levels 1 and 2) in the usual 1 / 1.1 form. Strings set with `#let` are put in where they are used.
"""
from __future__ import annotations

import re

from ....records.layout import Layout
from .builder import Builder, SectionNumbers

TEMPLATE_LEVELS = 2  # a template's numbering is assumed to reach sub-items, not the labels below them
_LET = re.compile(r'^#let\s+(?P<name>[\w-]+)\s*=\s*(?:"(?P<string>[^"]*)"|(?P<number>-?\d+(?:\.\d+)?))\s*$')
_HEADING = re.compile(r"^(?P<level>=+)\s+(?P<text>.*)$")
_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[-+]|\d{1,3}\.|/)\s+(?P<text>.*)$")
_DATETIME = re.compile(r"datetime\(\s*year:\s*(\d{4})\s*,\s*month:\s*(\d{1,2})\s*,\s*day:\s*(\d{1,2})\s*\)")
_NUMBERING = re.compile(r'#set\s+heading\s*\((?:[^()]*,)?\s*numbering\s*:\s*(?:"(?P<pattern>[^"]+)"|(?P<none>none))')
_CALL = re.compile(r"#(?P<name>[\w.-]+)(?=[(\[])")
_INLINE_CALL = re.compile(r"#[\w.-]+(?:\([^()]*\))?\[([^\[\]]*)\]")  # "#strong[beslutade]": its text
_REFERENCE = re.compile(r"#(?P<name>[\w-]+(?:\.[\w-]+)*)")
_LINE_COMMENT = re.compile(r"(?:^|(?<=\s))//.*$", re.MULTILINE)
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def _balanced_end(text: str, start: int) -> int:
    """Index after the call's arguments and trailing content blocks that begin at `start` ("(" or "[")."""
    index, depth, quote = start, 0, False
    while index < len(text):
        ch = text[index]
        if quote:
            if ch == "\\":
                index += 1
            elif ch == '"':
                quote = False
        elif ch == '"' and depth and text[index - 1] != "\\":
            quote = True
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                following = index + 1
                if following < len(text) and text[following] in "[(":
                    index = following
                    continue
                return following
        index += 1
    return -1  # never closed: a slip in the source


def _contents(call: str) -> list[str]:
    """The content blocks `[...]` among a call's arguments, in order."""
    out, depth, start, quote = [], 0, None, False
    for index, ch in enumerate(call):
        if quote:
            if ch == '"' and call[index - 1] != "\\":
                quote = False
            continue
        if ch == '"' and start is None:
            quote = True
        elif ch == "[":
            if start is None:
                start, depth = index + 1, 1
            else:
                depth += 1
        elif ch == "]" and start is not None:
            depth -= 1
            if depth == 0:
                out.append(call[start:index])
                start = None
    return out


class _Typst:
    def __init__(self) -> None:
        self.out = Builder()
        self.values: dict[str, str] = {}
        self.numbering: str | None = None
        self.numbers = SectionNumbers()

    def inline(self, text: str) -> str:
        text = re.sub(r"#link\(\s*\"([^\"]*)\"\s*\)(?:\[([^\]]*)\])?", lambda m: m.group(2) or m.group(1), text)
        text = _INLINE_CALL.sub(r"\1", text)
        text = _REFERENCE.sub(lambda m: self.values.get(m.group("name"), ""), text)
        text = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", text)
        text = re.sub(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", r"\1", text)
        text = re.sub(r"`([^`]*)`", r"\1", text)
        text = re.sub(r"<[\w:.-]+>", "", text)
        text = text.replace("~", " ").replace("\\#", "#").replace("\\*", "*").replace("\\_", "_")
        return text

    def text_lines(self, text: str, bold: bool = False) -> None:
        for raw in text.split("\n"):
            line = raw.rstrip()
            hard_break = line.endswith("\\")
            line = self.inline(line.rstrip("\\"))
            self.out.line(line, bold)
            if hard_break:
                self.out.end()

    def heading(self, level: int, text: str) -> None:
        title = self.inline(text).strip()
        numbered = self.numbering is not None and (self.numbering != "template" or level <= TEMPLATE_LEVELS)
        if numbered:
            title = self.numbers.title(level, title)
        self.out.heading(title, level)

    def statement(self, code: str) -> None:
        """A `#...` statement at the start of a line: settings, a template, a call with text in it."""
        let = _LET.match(code.strip())
        if let:
            self.values[let.group("name")] = let.group("string") if let.group("string") is not None else let.group("number")
            return
        if code.startswith(("#import", "#include", "#let")):
            return
        numbering = _NUMBERING.search(code)
        if numbering:
            self.numbering = None if numbering.group("none") else numbering.group("pattern")
            return
        if code.startswith("#set"):
            return
        if code.startswith("#show"):
            if re.match(r"#show\s*:", code):
                self.numbering = self.numbering or "template"
                found = _DATETIME.search(code)
                if found:
                    self.out.properties["date"] = f"{found.group(1)}-{int(found.group(2)):02d}-{int(found.group(3)):02d}"
                else:
                    date = re.search(r'date\s*:\s*"([^"]+)"', code)
                    if date:
                        self.out.properties["date"] = date.group(1)
                title = re.search(r'title\s*:\s*(?:"([^"]*)"|\[([^\]]*)\])', code)
                if title and (title.group(1) or title.group(2)):
                    self.out.properties["title"] = self.inline(title.group(1) or title.group(2))
            return
        if re.match(r"#pagebreak\b", code):
            self.out.page_break()
            return
        contents = _contents(code)
        if len(contents) == 1:
            self.out.end()
            self.text_lines(contents[0].strip())
            self.out.end()
        else:
            for content in contents:
                self.out.item(self.inline(" ".join(content.split())))

    def read(self, text: str) -> Layout:
        text = _BLOCK_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
        text = _LINE_COMMENT.sub("", text)
        index = 0
        while index <= len(text):
            end = text.find("\n", index)
            end = len(text) if end < 0 else end
            line = text[index:end]
            stripped = line.strip()
            if stripped.startswith("#"):
                call = _CALL.match(stripped)
                offset = index + (len(line) - len(line.lstrip()))
                if call or re.match(r"#(?:show|set|let|import|include)\b", stripped):
                    opening = re.search(r"[(\[]", text[offset:end + 1]) if not _LET.match(stripped) else None
                    stop = _balanced_end(text, offset + opening.start()) if opening else end
                    if stop < 0:
                        stop = end  # an unclosed bracket ends with its line rather than swallow the rest
                    if call and stop <= end and text[stop:end].strip():
                        self.text_lines(line)  # a call inside running text: "#emph[Viktigt] mötet öppnades."
                        index = end + 1
                        continue
                    self.statement(text[offset:stop])
                    following = text.find("\n", stop)
                    index = (len(text) if following < 0 else following) + 1
                    continue
                if _REFERENCE.fullmatch(stripped) and stripped[1:] not in self.values:
                    index = end + 1  # text from a template (#formalia.rundaBordet) that the source does not hold
                    continue
            heading = _HEADING.match(stripped)
            item = _ITEM.match(line)
            if heading:
                self.heading(len(heading.group("level")), heading.group("text"))
            elif item and stripped:
                marker = item.group("marker")
                body = self.inline(item.group("text"))
                self.out.item(f"{marker} {body}" if marker[0].isdigit() else body, 1 + len(item.group("indent")) // 2)
            elif not stripped:
                self.out.end()
            else:
                self.text_lines(line)
            index = end + 1
        return self.out.layout("typst")


def read_typst(text: str) -> Layout:
    return _Typst().read(text)
