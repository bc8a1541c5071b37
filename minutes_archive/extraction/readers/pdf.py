"""Born-digital PDF minutes: lines with fonts and positions from pdfminer, read into paragraphs by the page layout.

A page whose text layer cannot be trusted (glyph ids, private-use characters) is read again with pdfium's text;
if that is no better, the page waits for OCR like a page without text. Footnotes are the lines in small type
(below 0.85 × the body size) in the bottom 30% of a page; their markers are small digits inside body lines.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from functools import lru_cache

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfexceptions import PDFException
from pdfminer.psexceptions import PSException

from ...errors import EncryptedPDF, NeedsOCR, UnreadableFile
from ...records.layout import Block, Layout, Note, join_lines
from .furniture import PageLine, furniture
from .page_layout import (
    ITEM_START,
    Page,
    TextLine,
    body_size,
    footnote_marks,
    make_line,
    paragraphs,
    side_columns,
    to_block,
)
from .text_layer import untrusted

SMALL = 0.85
NOTE_AREA = 0.70  # notes sit below this share of the page height
MIN_PAGE_CHARS = 50  # fewer characters than this: the page is a scan (OCR under --ocr auto)
_NOTE_START = re.compile(r"^\s*(\d{1,3})[.)]?\s+(\S.*)$", re.DOTALL)
_BOLD = ("bold", "black", "heavy", "semibold", "demi")


@lru_cache(maxsize=512)
def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(word in name for word in _BOLD)


CACHE_BELOW = 16 * 1024 * 1024  # bytes


def _collect(data: bytes, name: str) -> list[tuple[float, float, list[tuple[float, float, float, float, list]]]]:
    """Per page (width, height, raw lines); a raw line is (x0, x1, top, bottom, chars of (text, bold, size))."""
    pages = []
    # pdfminer's cache keeps every page's images until the end: a long scan would hold all of them while only
    # a text layer is looked for. Born-digital files are small and read about 10% faster with it.
    caching = len(data) < CACHE_BELOW
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams(), caching=caching):
            height = page.height or 1
            raw = []
            for box in page:
                if not isinstance(box, LTTextContainer):
                    continue
                for line in box:
                    if not isinstance(line, LTTextLine):
                        continue
                    chars = [(o.get_text(), _is_bold(o.fontname), round(o.size, 1)) if isinstance(o, LTChar)
                             else (o.get_text(), False, 0.0) for o in line]
                    raw.append((line.x0, line.x1, height - line.y1, height - line.y0, chars))
            pages.append((page.width or 1, height, raw))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedPDF(f"{name} is password-protected; remove the password and import it again.") from exc
    except (PDFException, PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UnreadableFile(f"{name} is a damaged or truncated PDF ({type(exc).__name__}).") from exc
    except RecursionError as exc:  # a cross-reference table whose /Prev points back to itself
        raise UnreadableFile(f"{name} is a damaged PDF: its cross-reference chain loops.") from exc
    return pages


def _shape(number: int, raw: list, body: float) -> list[TextLine]:
    """Lines with small digits inside body-size text taken out as footnote marks."""
    lines = []
    for x0, x1, top, bottom, chars in raw:
        kept, marks = footnote_marks(chars, body * SMALL)
        line = make_line(number, x0, x1, top, bottom, kept, marks)
        if line is not None:
            lines.append(line)
    return lines


def _pdfium_pages(data: bytes, numbers: list[int], small: float) -> dict[int, Page]:
    import pypdfium2 as pdfium

    from .pdfium_text import page_lines

    document = pdfium.PdfDocument(data)
    try:
        return {n: page_lines(document, n, small) for n in numbers}
    finally:
        document.close()


def read_pdf(data: bytes, name: str = "file") -> Layout:
    if not data.strip():
        raise UnreadableFile(f"{name} is empty.")
    collected = _collect(data, name)
    all_chars = [c for _, _, raw in collected for *_, chars in raw for c in chars]
    sizes = Counter(size for text, _, size in all_chars if size and text.strip())
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    pages = [Page(n, width, height, _shape(n, raw, body)) for n, (width, height, raw) in enumerate(collected, start=1)]
    page_count = len(pages)
    sources = {page.number: "text" for page in pages}
    reasons: dict[int, str] = {}
    for page, (_, _, raw) in zip(pages, collected):
        why = untrusted("\n".join("".join(text for text, _, _ in chars) for *_, chars in raw))
        if why:
            reasons[page.number] = why
    warnings = []
    if reasons:
        fallback = _pdfium_pages(data, sorted(reasons), body * SMALL)
        for number, page in fallback.items():
            if untrusted("\n".join(line.text for line in page.lines)) is None:
                pages[number - 1] = page
                sources[number] = "pdfium"
                warnings.append(f"page {number}: {reasons.pop(number)}; read with pdfium's text instead")
        for number, why in sorted(reasons.items()):
            pages[number - 1].lines = []
            warnings.append(f"page {number}: {why}, and pdfium's text is no better")
    body = body_size(pages) or body
    per_page = Counter()
    for page in pages:
        per_page[page.number] += sum(len(line.text) for line in page.lines)
    empty = [p.number for p in pages if per_page[p.number] < MIN_PAGE_CHARS]
    if page_count and len(empty) == page_count:
        if reasons:
            raise NeedsOCR(f"{name} has no trustworthy text layer ({next(iter(reasons.values()))}); it needs OCR.",
                           [f"{w}; read with OCR" for w in warnings])
        raise NeedsOCR(f"{name} has no text layer (scanned pages); it needs OCR.")

    heights = {p.number: p.height for p in pages}
    lines = [line for page in pages for line in page.lines]
    drop = furniture([PageLine(line.page, line.text, line.top / heights[line.page]) for line in lines])
    furniture_text = [lines[i].text for i in sorted(drop)]
    kept = [line for i, line in enumerate(lines) if i not in drop]
    is_note = [line.size < body * SMALL and line.top / heights[line.page] >= NOTE_AREA for line in kept]
    note_lines = [line for line, note in zip(kept, is_note) if note]
    body_lines = [line for line, note in zip(kept, is_note) if not note]

    by_page: dict[int, list[TextLine]] = {}
    for line in body_lines:
        by_page.setdefault(line.page, []).append(line)
    for page in pages:
        page.lines = by_page.get(page.number, [])
    side = side_columns(pages)
    main = [line.x1 for line in body_lines if not any(abs(line.x0 - x) < 3 for x in side)]
    right = sorted(main)[int(len(main) * 0.95)] if main else None
    blocks: list[Block] = []
    markers: list[tuple[int, int, int, int]] = []  # number, block, offset, page
    for page in pages:
        for paragraph in paragraphs(page.lines, side, body, right):
            block, marks = to_block(paragraph, body, page.width)
            markers += [(number, len(blocks), offset, page.number) for offset, number in marks]
            blocks.append(block)

    blocks, markers = _join_page_breaks(blocks, markers)
    notes = _notes(note_lines)
    _anchor(notes, markers)
    layout = Layout(blocks=blocks, notes=notes, page_count=page_count, format="pdf",
                    furniture=furniture_text, empty_pages=empty, warnings=warnings)
    layout.page_sources = {n: s for n, s in sources.items() if n not in empty}
    if empty:
        layout.warnings.append(f"page(s) {', '.join(map(str, empty))} have no usable text layer and need OCR")
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
            and not ITEM_START.match(block.text)
            and not re.search(r"[.!?:;]$", previous.text)
        ):
            joined = join_lines([previous.text, block.text])  # "förhand-" + "lingarna" loses its hyphen
            moved[index] = (len(out) - 1, len(joined) - len(block.text))
            previous.text = joined
            continue
        moved[index] = (len(out), 0)
        out.append(block)
    remapped = [(n, moved[b][0], moved[b][1] + off, page) for n, b, off, page in markers]
    return out, remapped


def _notes(lines: list[TextLine]) -> list[Note]:
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
