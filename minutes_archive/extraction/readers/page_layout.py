"""From positioned text lines to paragraphs: rows, side columns, headings split off where the layout shows them.

Both PDF text engines (pdfminer, pdfium) hand their lines to these pure functions, so a page reads the same
whichever engine decoded it. The order is the order a reader's eye takes on minutes: the item number in the
margin and its text are one row; a narrow column at the right (who is responsible, a date) is its own flow,
placed where its first line stands; a heading ends where its line or its differently styled run ends.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter

from ...records.layout import Block, join_lines

CELL_GAP = 2.0  # a horizontal gap wider than this many font sizes separates table cells
SIDE_COLUMN = 0.45  # a side column starts right of this share of the page width
SIDE_MIN_LINES = 3
PARAGRAPH_GAP = 1.3  # a line pitch this many times the usual one starts a paragraph
HEADING_SIZE = 1.12  # a line this much larger than the body text is a heading
HEADING_LENGTH = 160
_RULE_LINE = re.compile(r"^([-=*~])\1{2,}$")  # "---" alone: a rule between parts of the document
# A line that opens an agenda item, a lettered point or a bullet starts a paragraph.
ITEM_START = re.compile(
    r"^(?:\S{0,12}\s?§\s*\d{1,4}(?:\s?[a-z]\b)?[.:]?|[$]\s?\d{1,4}\b|\d{1,3}(?:\.\d{1,2})*[.)]|\d{1,3}\s?[-–]?\s?[A-Za-z][.)]?"
    r"|\(?[A-Za-z][.)]|\(?[A-Z]{2}[.)]|[IVX]{1,5}\.|[-·•▪◦*–\uf0b7])(?=\s)"
)


@dataclass
class Run:
    text: str
    bold: bool = False
    size: float = 0.0


@dataclass
class TextLine:
    """One line as a text engine found it: characters on one baseline without a large gap, edges trimmed.

    A line is not changed once made, so its text and size are worked out once: the paragraph rules ask often."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    runs: list[Run]
    markers: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, footnote number)

    @cached_property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @cached_property
    def size(self) -> float:
        sized = [(len(r.text.strip()), r.size) for r in self.runs if r.size and r.text.strip()]
        total = sum(n for n, _ in sized)
        return sum(n * s for n, s in sized) / total if total else 0.0

    @property
    def bold(self) -> bool:
        counted = [(len(r.text.strip()), r.bold) for r in self.runs if r.text.strip()]
        total = sum(n for n, _ in counted)
        return bool(total) and sum(n for n, b in counted if b) * 2 > total


# The parts of a character as the engines hand it on: (text, bold, size).
_TEXT, _BOLD, _SIZE = itemgetter(0), itemgetter(1), itemgetter(2)


def make_line(page: int, x0: float, x1: float, top: float, bottom: float, chars: list[tuple[str, bool, float]],
              markers: list[tuple[int, int]] = ()) -> TextLine | None:
    """A line from its characters (text, bold, size): white space collapsed and trimmed, runs by style.

    `markers` are (index into `chars`, footnote number): the mark stood just before that character.
    None when the line holds no text.
    """
    if not markers:
        # Nearly every line is set in one style, spaces included: then it is one run whose text str.split collapses
        # and trims in C, as the loop below would one character at a time. Only for one character per entry, as
        # an empty or longer entry (pdfminer's ligatures) is treated otherwise there.
        texts = list(map(_TEXT, chars))
        joined = "".join(texts)
        bolds, sizes = set(map(_BOLD, chars)), set(map(_SIZE, chars))
        if len(bolds) == len(sizes) == 1 and len(joined) == len(texts) and "" not in texts:
            text = " ".join(joined.split())
            if not text:
                return None
            return TextLine(page, x0, x1, top, bottom, [Run(text, bolds.pop(), sizes.pop())], [])
    runs: list[Run] = []
    length = 0
    at: list[int] = []  # text length before each character, for the markers
    space = False
    for ch, bold, size in chars:
        at.append(length)
        if ch.isspace() or not ch:
            space = space or bool(runs)
            continue
        if space:
            runs[-1].text += " "
            length += 1
            space = False
        if runs and runs[-1].bold == bold and runs[-1].size == size:
            runs[-1].text += ch
        else:
            runs.append(Run(ch, bold, size))
        length += len(ch)
    if not runs:
        return None
    return TextLine(page, x0, x1, top, bottom, runs, [(min(at[i] if i < len(at) else length, length), n)
                                                      for i, n in markers])


def footnote_marks(chars: list[tuple[str, bool, float]], small: float) -> tuple[list, list[tuple[int, int]]]:
    """The line's characters without its footnote marks, and the marks as (index in the rest, number).

    A mark is a run of digits set smaller than `small` straight after a word, in a line that has body text;
    a superscript "²" in "45 m²" is no digit to count with and stays text."""
    # Most lines have no small type or no digit at all: asked of the line's few sizes, and of its texts in C.
    if not any(size and size < small for size in set(map(_SIZE, chars))) \
            or not any(map(str.isdecimal, map(_TEXT, chars))):
        return chars, []
    has_body = any(size >= small for text, _, size in chars if size and text.isalpha())
    kept: list[tuple[str, bool, float]] = []
    marks: list[tuple[int, int]] = []
    for text, bold, size in chars:
        attached = bool(kept) and (kept[-1][0].isalpha() or kept[-1][0] in ".,;:)”\"'’" or kept[-1][0].isdecimal())
        if has_body and size and size < small and text.isdecimal() and len(text) == 1 and attached:
            if marks and marks[-1][0] == len(kept):
                marks[-1] = (len(kept), marks[-1][1] * 10 + int(text))
            else:
                marks.append((len(kept), int(text)))
            continue
        kept.append((text, bold, size))
    return kept, marks


def shape_lines(page: int, raw: list, small: float) -> list[TextLine]:
    """Raw lines (x0, x1, top, bottom, chars), as either text engine hands them on, as text lines with digits set
    below `small` inside body text taken out as footnote marks."""
    lines = []
    for x0, x1, top, bottom, chars in raw:
        kept, marks = footnote_marks(chars, small)
        line = make_line(page, x0, x1, top, bottom, kept, marks)
        if line is not None:
            lines.append(line)
    return lines


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[TextLine]


@dataclass
class Row:
    """Lines on one baseline, left to right, grouped into cells where a wide gap separates them.

    A row is not changed once made, so its lines, top and text are worked out once: sorting and the paragraph
    rules ask for them many times."""

    cells: list[list[TextLine]]

    @cached_property
    def lines(self) -> list[TextLine]:
        return [line for cell in self.cells for line in cell]

    @property
    def x0(self) -> float:
        return self.cells[0][0].x0

    @property
    def x1(self) -> float:
        return max(line.x1 for line in self.lines)

    @cached_property
    def top(self) -> float:
        return min(line.top for line in self.lines)

    @property
    def bottom(self) -> float:
        return max(line.bottom for line in self.lines)

    @property
    def page(self) -> int:
        return self.cells[0][0].page

    @cached_property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def size(self) -> float:
        sizes = [line.size for line in self.lines if line.size]
        return max(sizes) if sizes else 0.0

    def runs(self) -> list[Run]:
        """The row's runs; their texts joined give `text` exactly."""
        out: list[Run] = []
        for n, line in enumerate(self.lines):
            if n:
                out.append(Run(" ", out[-1].bold, 0.0))
            out += line.runs
        return out


def cell_text(lines: list[TextLine]) -> str:
    return " ".join(line.text for line in lines)


def body_size(pages: list[Page]) -> float:
    sizes: Counter = Counter()
    for page in pages:
        for line in page.lines:
            for run in line.runs:
                if run.size:
                    sizes[round(run.size, 1)] += len(run.text.strip())
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _same_row(a: TextLine, b: TextLine) -> bool:
    height = min(a.bottom - a.top, b.bottom - b.top) or 1.0
    return abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) < 0.5 * height


def side_columns(pages: list[Page]) -> set[float]:
    """Left edges of narrow columns right of the text that no text line crosses: who is responsible, dates."""
    by_x: dict[float, list[TextLine]] = {}
    for page in pages:
        for line in page.lines:
            if line.x0 > SIDE_COLUMN * page.width:
                by_x.setdefault(round(line.x0 / 3) * 3, []).append(line)
    pages_by_number = {p.number: p for p in pages}
    columns = set()
    for x, lines in by_x.items():
        if len(lines) < SIDE_MIN_LINES:
            continue
        neighbours = crossed = 0
        for line in lines:
            for other in pages_by_number[line.page].lines:
                if other.x0 < x - 3 and _same_row(line, other):
                    neighbours += 1
                    crossed += other.x1 > x - 2
        if neighbours and not crossed:
            columns.add(x)
    return columns


def rows(lines: list[TextLine], size: float) -> list[Row]:
    """Lines grouped by baseline, top to bottom; a gap wider than CELL_GAP font sizes separates cells."""
    grouped: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda line: (line.top, line.x0)):
        for group in reversed(grouped[-3:]):
            if _same_row(group[0], line):
                group.append(line)
                break
        else:
            grouped.append([line])
    out = []
    for group in grouped:
        group.sort(key=lambda line: line.x0)
        cells: list[list[TextLine]] = [[group[0]]]
        for previous, line in zip(group, group[1:]):
            if line.x0 - previous.x1 > CELL_GAP * (line.size or size or 10.0):
                cells.append([line])
            else:
                cells[-1].append(line)
        out.append(Row(cells))
    out.sort(key=lambda row: (row.top, row.x0))
    return out


@dataclass
class Paragraph:
    rows: list[Row]
    column: int = 0  # 0: the page's text; 1: a side column

    @property
    def top(self) -> float:
        return self.rows[0].top


def _style(run: Run) -> tuple[bool, int]:
    return run.bold, round(run.size)


def _starts_paragraph(previous: Row, row: Row, pitch: float, right: float, size: float) -> bool:
    if row.top - previous.top > PARAGRAPH_GAP * pitch:
        return True
    last, first = previous.lines[-1].runs[-1], row.lines[0].runs[0]
    if last.bold != first.bold or abs(last.size - first.size) > 0.1 * size:
        return True
    if ITEM_START.match(row.text) or len(row.cells) > 1 or _RULE_LINE.match(row.text) or _RULE_LINE.match(previous.text):
        return True
    words = row.text.split()
    first_word = len(words[0]) * (row.x1 - row.x0) / max(len(row.text), 1) if words else 0.0
    ends_early = previous.x1 + size + first_word < right - size  # the next line's first word would have fitted
    if len(previous.cells) > 1:
        return ends_early or row.x0 < previous.x0 + size  # else the last cell goes on in the next row
    if ends_early and not (previous.lines[-1].bold and row.lines[0].bold and row.top - previous.top <= pitch * 1.05):
        return True  # the line before ended a paragraph, a heading or a line of a list (not a wrapped heading)
    if row.x0 < previous.x0 - 2 * size:
        return True  # back out to the left: a new paragraph (hanging indents only go right)
    return False


def paragraphs(page_lines: list[TextLine], side: set[float], size: float, right: float | None = None) -> list[Paragraph]:
    """Paragraphs of one page in reading order: the page's text by rows, side columns placed by their top.

    `right`: where the document's text lines end, so that a short page does not make every line look full."""
    in_side = [any(abs(line.x0 - x) < 3 for x in side) for line in page_lines]
    out: list[Paragraph] = []
    for column in (0, 1):
        lines = [line for line, aside in zip(page_lines, in_side) if aside == bool(column)]
        if not lines:
            continue
        found = rows(lines, size)
        steps = [b.top - a.top for a, b in zip(found, found[1:]) if 0 < b.top - a.top < 2.5 * ((a.bottom - a.top) or size)]
        pitch = min(sorted(steps)[len(steps) // 4], 1.6 * size) if steps and size else (1.2 * (size or 10.0))
        edge = max(row.x1 for row in found)
        if column == 0 and right is not None:
            edge = max(edge, right)
        current: list[Row] = []
        for row in found:
            if current and _starts_paragraph(current[-1], row, pitch, edge, size or 10.0):
                out.append(Paragraph(current, column))
                current = []
            current.append(row)
        out.append(Paragraph(current, column))
    out.sort(key=lambda p: (p.top, p.column))
    return out


def _joined(texts: list[str]) -> tuple[str, list[int]]:
    """join_lines with where each part starts in the result."""
    starts, text = [], ""
    for part in texts:
        joined = join_lines([text, part]) if text else part
        starts.append(len(joined) - len(part))
        text = joined
    return text, starts


def _lead(paragraph: Paragraph, text: str, starts: list[int]) -> int | None:
    """Where a paragraph's heading part ends: at a change of style after its number, at the end of its title cell,
    or at the end of the first line of a longer paragraph. None when the paragraph is one line or all heading."""
    marker = ITEM_START.match(text)
    begin = marker.end() + 1 if marker else 0
    style = None
    for n, row in enumerate(paragraph.rows[:2]):
        offset = starts[n]
        for run in row.runs():
            end = offset + len(run.text)
            if run.text.strip() and end > begin:
                if style is None:
                    style = _style(run)
                elif _style(run) != style:
                    at = max(offset, begin)
                    return at if at < len(text) else None
            offset = end
    first = paragraph.rows[0]
    if len(paragraph.rows) > 2:
        return len(first.text)
    if len(paragraph.rows) == 1 and len(first.cells) > 1:
        end = 0
        for cell in first.cells:
            end += len(cell_text(cell)) + (1 if end else 0)
            if len(re.findall(r"[^\W\d_]", cell_text(cell))) >= 3:
                return end if end < len(text) else None
    return None


def to_block(paragraph: Paragraph, size: float, width: float) -> tuple[Block, list[tuple[int, int]]]:
    """The paragraph as a block, and its footnote marks as (offset in the block's text, number)."""
    found = paragraph.rows
    text, starts = _joined([row.text for row in found])
    lines = [line for row in found for line in row.lines]
    bold = sum(len(line.text) for line in lines if line.bold) * 2 > sum(len(line.text) for line in lines)
    row_size = max(row.size for row in found)
    heading = len(text) <= HEADING_LENGTH and len(found) <= 2 and (bold or bool(size and row_size > HEADING_SIZE * size))
    cells = [cell_text(c) for c in found[0].cells] if len(found) == 1 and len(found[0].cells) > 1 else None
    block = Block(
        text,
        page=found[0].page,
        kind="heading" if heading else ("table-row" if cells else "paragraph"),
        size=round(row_size, 1) if row_size else None,
        bold=bold,
        indent=round(found[0].x0 / width, 3) if width else None,
        lead=_lead(paragraph, text, starts),
        cells=cells,
    )
    marks = []
    for row, offset in zip(found, starts):
        for line in row.lines:
            marks += [(offset + at, number) for at, number in line.markers]
            offset += len(line.text) + 1
    return block, marks
