"""Born-digital PDF minutes via pdfminer.six: lines with font sizes and positions.

Footnotes are the lines in small type (below 0.85 × the body size) in the
bottom 30% of a page; their markers are small digits inside body lines.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTAnno, LTChar, LTTextContainer, LTTextLine
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfexceptions import PDFException
from pdfminer.psexceptions import PSException

from ...errors import EncryptedPDF, NeedsOCR, UnreadableFile
from ..layout import Block, Layout, Note, join_lines
from .furniture import PageLine, furniture

SMALL = 0.85
NOTE_AREA = 0.70  # notes sit below this share of the page height
MIN_PAGE_CHARS = 50  # fewer characters than this: the page is a scan (OCR under --ocr auto)
_NOTE_START = re.compile(r"^\s*(\d{1,3})[.)]?\s+(\S.*)$", re.DOTALL)


@dataclass
class _Char:
    text: str
    size: float
    bold: bool
    y0: float


@dataclass
class _Line:
    page: int
    box: int
    top: float  # share of page height from the top
    chars: list[_Char]
    text: str = ""
    size: float = 0.0
    bold: bool = False
    markers: list[tuple[int, int]] = field(default_factory=list)  # (offset, number)


def _collect(data: bytes, name: str) -> tuple[list[_Line], int]:
    lines: list[_Line] = []
    pages = 0
    try:
        for pages, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), start=1):
            height = page.height or 1
            for box_index, box in enumerate(page):
                if not isinstance(box, LTTextContainer):
                    continue
                for line in box:
                    if not isinstance(line, LTTextLine):
                        continue
                    chars = [
                        _Char(o.get_text(), round(o.size, 1), "bold" in o.fontname.lower(), o.y0)
                        if isinstance(o, LTChar)
                        else _Char(o.get_text(), 0.0, False, 0.0)
                        for o in line
                        if isinstance(o, (LTChar, LTAnno))
                    ]
                    lines.append(_Line(pages, box_index, (height - line.y1) / height, chars))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedPDF(f"{name} is password-protected; remove the password and import it again.") from exc
    except (PDFException, PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UnreadableFile(f"{name} is a damaged or truncated PDF ({type(exc).__name__}).") from exc
    return lines, pages


def _body_size(lines: list[_Line]) -> float:
    sizes = Counter(c.size for line in lines for c in line.chars if c.size and c.text.strip())
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _shape(line: _Line, body: float) -> None:
    """Fill text, size and footnote markers (small digits inside body-size lines)."""
    real = [c for c in line.chars if c.size and c.text.strip()]
    line.size = sum(c.size for c in real) / len(real) if real else 0.0
    line.bold = bool(real) and sum(c.bold for c in real) > len(real) / 2
    has_body = any(c.size >= body * SMALL for c in real)
    text, digits = "", ""
    for char in line.chars + [_Char("", 0.0, False, 0.0)]:
        small_digit = has_body and char.size and char.size < body * SMALL and char.text.isdigit()
        if small_digit:
            digits += char.text
            continue
        if digits:
            line.markers.append((len(text.rstrip()), int(digits)))
            text, digits = text.rstrip(), ""
        text += char.text
    line.text = text.rstrip("\n")


def read_pdf(data: bytes, name: str = "file") -> Layout:
    if not data.strip():
        raise UnreadableFile(f"{name} is empty.")
    raw, page_count = _collect(data, name)
    body = _body_size(raw)
    for line in raw:
        _shape(line, body)
    per_page = Counter()
    for line in raw:
        per_page[line.page] += len(line.text.strip())
    empty = [p for p in range(1, page_count + 1) if per_page[p] < MIN_PAGE_CHARS]
    if page_count and len(empty) == page_count:
        raise NeedsOCR(f"{name} has no text layer (scanned pages); it needs OCR.")

    lines = [l for l in raw if l.text.strip()]
    drop = furniture([PageLine(l.page, l.text, l.top) for l in lines])
    furniture_text = [lines[i].text.strip() for i in sorted(drop)]
    lines = [l for i, l in enumerate(lines) if i not in drop]
    note_lines = [l for l in lines if l.size < body * SMALL and l.top >= NOTE_AREA]
    body_lines = [l for l in lines if not (l.size < body * SMALL and l.top >= NOTE_AREA)]

    blocks: list[Block] = []
    markers: list[tuple[int, int, int, int]] = []  # number, block, offset, page
    group: list[_Line] = []

    def flush() -> None:
        if not group:
            return
        texts, offset = [], 0
        for line in group:
            for at, number in line.markers:
                markers.append((number, len(blocks), offset + len(line.text[:at].strip()) + (1 if texts else 0), line.page))
            if texts:
                offset += 1
            texts.append(line.text)
            offset += len(line.text.strip())
        heading = group[0].bold or group[0].size > body * 1.1
        blocks.append(Block(join_lines(texts), page=group[0].page, kind="heading" if heading else "paragraph", size=group[0].size))
        group.clear()

    for line in body_lines:
        if group:
            last = group[-1]
            same_style = abs(line.size - last.size) <= body * 0.1 and line.bold == last.bold
            if line.page != last.page or line.box != last.box or not same_style:
                flush()
        group.append(line)
    flush()

    blocks, markers = _join_page_breaks(blocks, markers)
    notes = _notes(note_lines)
    _anchor(notes, markers)
    layout = Layout(blocks=blocks, notes=notes, page_count=page_count, format="pdf",
                    furniture=furniture_text, empty_pages=empty)
    if empty:
        layout.warnings.append(f"page(s) {', '.join(map(str, empty))} have no text layer and need OCR")
    return layout


def _join_page_breaks(blocks: list[Block], markers: list[tuple[int, int, int, int]]):
    """Re-join a paragraph that a page break cut in two (it goes on in lower case)."""
    out: list[Block] = []
    moved: dict[int, tuple[int, int]] = {}
    for index, block in enumerate(blocks):
        previous = out[-1] if out else None
        if (
            previous is not None
            and block.page == previous.page + 1
            and block.kind == previous.kind == "paragraph"
            and re.match(r"[a-zåäö]", block.text)
            and not re.search(r"[.!?:;]$", previous.text)
        ):
            moved[index] = (len(out) - 1, len(previous.text) + 1)
            previous.text = f"{previous.text} {block.text}"
            continue
        moved[index] = (len(out), 0)
        out.append(block)
    remapped = [(n, moved[b][0], moved[b][1] + off, page) for n, b, off, page in markers]
    return out, remapped


def _notes(lines: list[_Line]) -> list[Note]:
    notes: list[Note] = []
    for line in lines:
        found = _NOTE_START.match(line.text)
        if found:
            notes.append(Note(int(found.group(1)), found.group(2).strip(), page=line.page))
        elif notes and notes[-1].page == line.page:
            notes[-1].text = join_lines([notes[-1].text, line.text])
    return notes


def _anchor(notes: list[Note], markers: list[tuple[int, int, int, int]]) -> None:
    """Link markers to notes by number, preferring a note on the marker's page."""
    free = list(notes)
    for number, block, offset, page in markers:
        match = next((n for n in free if n.number == number and n.page == page), None)
        match = match or next((n for n in free if n.number == number), None)
        if match is not None:
            match.anchor = (block, offset)
            free.remove(match)
