"""HTML minutes: headings, paragraphs, lists (numbered as the browser numbers them), tables, preformatted text.

Tags are structure, never text; scripts, styles and navigation are not minutes. The document's <title> and a
date in its <meta> tags are its front matter.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from ....records.layout import Layout
from .builder import Builder
from .front_matter import split_front_matter

_SKIP = {"script", "style", "noscript", "nav", "template", "svg", "button", "select", "iframe"}
_NUMBER = re.compile(r"-?[0-9]{1,6}")
_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "address", "dd", "dt",
           "figcaption", "caption", "center", "body", "html", "details", "summary", "dl", "fieldset"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_DATE_META = {"date", "dc.date", "dcterms.date", "article:published_time", "dcterms.created", "created"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Builder()
        self.skip = 0
        self.text = ""
        self.bold_chars = 0
        self.bold_depth = 0
        self.bold_lead = ""  # the bold run that opens the paragraph ("<b>Budget:</b> The proposed …")
        self.leading = True
        self.heading: int | None = None
        self.lists: list[list[int]] = []  # per open list: [ordered?, next number]
        self.cells: list[str] | None = None
        self.cell: str | None = None
        self.pre = False
        self.in_title = False
        self.title = ""
        self._in_item = False

    def flush(self) -> None:
        text = re.sub(r"\s+", " ", self.text).strip()
        bold = bool(text) and self.bold_chars >= len(text.replace(" ", "")) * 0.9
        lead = len(re.sub(r"\s+", " ", self.bold_lead).strip()) or None
        self.text, self.bold_chars, self.bold_lead, self.leading = "", 0, "", True
        if not text:
            return
        if self.heading is not None:
            self.out.heading(text, self.heading)
        elif self.lists and self._in_item:
            self.out.item(text, len(self.lists))
        else:
            self.out.line(text, bold, lead=lead if lead and not bold else None)
            self.out.end()

    def handle_starttag(self, tag: str, attrs) -> None:
        attrs = dict(attrs)
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            name = (attrs.get("name") or attrs.get("property") or "").lower()
            if name in _DATE_META and attrs.get("content"):
                self.out.properties.setdefault("date", attrs["content"])
        elif tag in _HEADINGS:
            self.flush()
            self.heading = _HEADINGS[tag]
        elif tag in ("ol", "ul"):
            self.flush()
            start = attrs.get("start") or ""
            self.lists.append([tag == "ol", int(start) if _NUMBER.fullmatch(start) else 1])
        elif tag == "li":
            self.flush()
            self._in_item = True
            if self.lists and self.lists[-1][0]:
                value = attrs.get("value") or ""
                number = int(value) if _NUMBER.fullmatch(value) else self.lists[-1][1]
                self.lists[-1][1] = number + 1
                self.text = f"{number}. "
        elif tag == "tr":
            self.end_row()  # the row before may have been left open (</tr> is optional)
            self.flush()
            self.cells = []
        elif tag in ("td", "th"):
            self.end_cell()
            if self.cells is None:
                self.cells = []
            self.cell = ""
        elif tag == "pre":
            self.flush()
            self.pre = True
        elif tag == "br":
            if self.cell is not None:
                self.cell += " "
            elif self.pre:
                self.text += "\n"
            else:
                self.flush()
        elif tag == "hr":
            self.flush()
            self.out.rule()
        elif tag in ("b", "strong"):
            self.bold_depth += 1
        elif tag in _BLOCKS:
            self.flush()

    def end_cell(self) -> None:
        if self.cells is not None and self.cell is not None:
            self.cells.append(re.sub(r"\s+", " ", self.cell).strip())
        self.cell = None

    def end_row(self) -> None:
        self.end_cell()
        if self.cells:
            self.out.row(self.cells)
        self.cells = None

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag == "title":
            self.in_title = False
        elif tag in _HEADINGS:
            self.flush()
            self.heading = None
        elif tag == "li":
            self.flush()
            self._in_item = False
        elif tag in ("ol", "ul"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag in ("td", "th"):
            self.end_cell()
        elif tag in ("tr", "table"):
            self.end_row()
        elif tag == "pre":
            for line in self.text.split("\n"):
                self.out.code(line)
            self.text, self.pre = "", False
        elif tag in ("b", "strong"):
            self.bold_depth = max(0, self.bold_depth - 1)
        elif tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.in_title:
            self.title += data
            return
        if self.cell is not None:
            self.cell += data
            return
        self.text += data if self.pre else data.replace("\u00a0", " ")
        if self.bold_depth:
            self.bold_chars += len(data.replace(" ", "").strip())
        if self.leading and data.strip():
            if self.bold_depth:
                self.bold_lead += data
            else:
                self.leading = False  # the paragraph's opening bold run, if any, ends here
        elif self.leading:
            self.bold_lead += data


def read_html(text: str) -> Layout:
    properties, text = split_front_matter(text)
    reader = _Reader()
    reader.out.properties.update(properties)
    reader.feed(text)
    reader.close()
    reader.flush()
    out = reader.out
    title = re.sub(r"\s+", " ", reader.title).strip()
    if title:
        out.properties.setdefault("title", title)
    return out.layout("html")
