"""LaTeX minutes: sectioning commands with the numbers LaTeX prints, lists, and the text without commands.

`\\section{…}` is numbered by LaTeX and `\\section*{…}` is not, so items are numbered as the printed minutes
show them. The preamble gives the title and date; only what stands inside the document environment is text.
"""
from __future__ import annotations

import re

from ....records.layout import Layout
from ....records.text import lines_of
from .builder import Builder, SectionNumbers

_LEVELS = {"chapter": 0, "section": 1, "subsection": 2, "subsubsection": 3, "paragraph": 4, "subparagraph": 5}
_SECTION = re.compile(r"^\\(?P<command>chapter|section|subsection|subsubsection|paragraph|subparagraph)(?P<star>\*?)"
                      r"\s*(?:\[[^\]]*\])?\s*\{")
_ITEM = re.compile(r"^\\item(?:\s*\[(?P<label>[^\]]*)\])?\s*(?P<text>.*)$")
_ENV = re.compile(r"^\\(?P<which>begin|end)\{(?P<name>[\w*]+)\}(?:\[[^\]]*\])?")
_COMMENT = re.compile(r"(?<!\\)((?:\\\\)*)%.*$")  # a % after an even number of backslashes
_META = re.compile(r"\\(?P<key>title|date|author)\s*\{(?P<value>[^{}]*(?:\{[^{}]*\}[^{}]*)*)\}")
_VERBATIM = {"verbatim", "lstlisting", "minted", "Verbatim"}
_SKIP_ENV = {"figure", "tikzpicture", "comment", "equation", "align", "thebibliography"}
_ACCENTS = {'\\"a': "ä", '\\"o': "ö", '\\"u': "ü", '\\"A': "Ä", '\\"O': "Ö", '\\"U': "Ü", "\\aa": "å", "\\AA": "Å",
            "\\'e": "é", "\\'E": "É", '\\"{a}': "ä", '\\"{o}': "ö", "\\r{a}": "å", "\\r{A}": "Å"}


def inline(text: str) -> str:
    for source, target in _ACCENTS.items():
        text = text.replace(source + "{}", target).replace(source, target)
    text = re.sub(r"\\S(?![A-Za-z])(?:\{\})?", "§", text)
    text = re.sub(r"\\(?:href)\{[^{}]*\}\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"\\(?:url|nolinkurl)\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"\\(?:footnote|label|ref|cite|index|vspace|hspace|includegraphics)\*?(?:\[[^\]]*\])?\{[^{}]*\}", "", text)
    for _ in range(3):
        text = re.sub(r"\\[a-zA-Z]+\*?(?:\[[^\]]*\])?\{([^{}]*)\}", r"\1", text)
    text = text.replace("\\\\", " ").replace("~", " ").replace("---", "—").replace("--", "–").replace("``", "“")
    text = text.replace("''", "”")
    text = re.sub(r"\\([%&$#_{}])", r"\1", text)
    text = re.sub(r"\\[a-zA-Z]+\*?", "", text)
    return text.replace("{", "").replace("}", "")


def _closing_brace(text: str, start: int) -> int:
    """Index of the brace that closes the group opened just before `start` (the end of the text if none)."""
    depth = 1
    for index in range(start, len(text)):
        if text[index] == "{" and text[index - 1] != "\\":
            depth += 1
        elif text[index] == "}" and text[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                return index
    return len(text)


def read_latex(text: str) -> Layout:
    out = Builder()
    lines = [_COMMENT.sub(r"\1", line) for line in lines_of(text)]
    source = "\n".join(lines)
    for found in _META.finditer(source.split("\\begin{document}")[0]):
        value = inline(found.group("value")).strip()
        if found.group("key") == "date" and value == "":
            continue
        out.properties.setdefault(found.group("key"), value)
    in_document = "\\begin{document}" not in source
    numbers = SectionNumbers()
    lists: list[list] = []  # [ordered, next number]
    verbatim: str | None = None
    skip: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not in_document:
            if "\\begin{document}" not in line:
                continue
            in_document, line = True, line.split("\\begin{document}", 1)[1].strip()
            if not line:
                continue
        if verbatim is not None:
            if line.startswith(f"\\end{{{verbatim}}}"):
                verbatim = None
            else:
                out.code(raw)
            continue
        env = _ENV.match(line)
        if env:
            name = env.group("name")
            if env.group("which") == "begin":
                if name in _VERBATIM:
                    out.end()
                    verbatim = name
                elif name in _SKIP_ENV:
                    skip.append(name)
                elif name in ("enumerate", "itemize", "description"):
                    out.end()
                    lists.append([name == "enumerate", 1])
            else:
                if skip and name == skip[-1]:
                    skip.pop()
                elif name in ("enumerate", "itemize", "description") and lists:
                    lists.pop()
                    out.end()
                elif name == "document":
                    break
            rest = line[env.end():].strip()
            if not rest or skip:
                continue
            line = rest
        if skip:
            continue
        section = _SECTION.match(line)
        if section:
            level = _LEVELS[section.group("command")]
            closing = _closing_brace(line, section.end())
            title, rest = inline(line[section.end(): closing]).strip(), line[closing + 1:]
            if not section.group("star") and 1 <= level <= 3:
                title = numbers.title(level, title)
            out.heading(title, max(level, 1))
            if inline(rest).strip():
                out.line(inline(rest))
            continue
        if line.startswith(("\\newpage", "\\clearpage", "\\pagebreak")):
            out.page_break()
            continue
        if line in ("\\maketitle", "\\tableofcontents") or line.startswith(("\\usepackage", "\\documentclass")):
            continue
        item = _ITEM.match(line)
        if item and lists:
            text = inline(item.group("text"))
            if item.group("label") is not None:
                text = f"{inline(item.group('label'))} {text}"
            elif lists[-1][0]:
                text = f"{lists[-1][1]}. {text}"
                lists[-1][1] += 1
            out.item(text, len(lists))
            continue
        if not line:
            out.end()
        elif lists and out.blocks and out.blocks[-1].kind == "list-item" and not out.pending:
            out.more(inline(line))
        else:
            out.line(inline(line))
            if raw.rstrip().endswith("\\\\"):
                out.end()
    return out.layout("latex")
