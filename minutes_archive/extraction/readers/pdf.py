"""Born-digital PDF minutes: lines with fonts and positions from a text engine, read into paragraphs by the page layout.

Two engines read the text layer into the same raw lines: pdfium (the default; its C code gives every character's
box and font several times faster than pdfminer's layout analysis) and pdfminer (`engine="pdfminer"`). A page the
first engine cannot read (pdfium raises) or whose text cannot be trusted (glyph ids, private-use characters) is
read again with the other engine; if that is no better, the page waits for OCR like a page without text. A file
pdfium cannot open or finds no pages in goes to pdfminer whole, whose complaints (password, damage) are the ones
a clerk is told. Footnotes are the lines in small type (below 0.85 × the body size) in the bottom 30% of a page;
their markers are small digits inside body lines.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from functools import lru_cache
from operator import itemgetter

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
    paragraphs,
    shape_lines,
    side_columns,
    to_block,
)
from .text_layer import untrusted

SMALL = 0.85
NOTE_AREA = 0.70  # notes sit below this share of the page height
MIN_PAGE_CHARS = 50  # fewer characters than this: the page is a scan (OCR under --ocr auto)
PDF_ENGINES = ("pdfium", "pdfminer")
DEFAULT_ENGINE = "pdfium"
_NOTE_START = re.compile(r"^\s*(\d{1,3})[.)]?\s+(\S.*)$", re.DOTALL)
_BOLD = ("bold", "black", "heavy", "semibold", "demi")


@lru_cache(maxsize=512)
def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(word in name for word in _BOLD)


CACHE_BELOW = 16 * 1024 * 1024  # bytes

Collected = list[tuple[float, float, list]]  # per page (width, height, raw lines)


def check_engine(engine: str) -> str:
    if engine not in PDF_ENGINES:
        raise ValueError(f"the PDF engine must be one of {', '.join(PDF_ENGINES)}, not {engine!r}")
    return engine


def _collect(data: bytes, name: str, numbers: list[int] | None = None) -> Collected:
    """Per page (width, height, raw lines) with pdfminer; a raw line is (x0, x1, top, bottom, chars of (text, bold,
    size)). `numbers`: only these pages (1-based), in order."""
    pages = []
    # pdfminer's cache keeps every page's images until the end: a long scan would hold all of them while only
    # a text layer is looked for. Born-digital files are small and read about 10% faster with it.
    caching = len(data) < CACHE_BELOW
    wanted = None if numbers is None else {n - 1 for n in numbers}
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams(), caching=caching, page_numbers=wanted):
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


def _collect_pdfium(data: bytes, numbers: list[int] | None = None) -> tuple[Collected, list[int]] | None:
    """Per page (width, height, raw lines) with pdfium, and the pages it raised on (left empty here).

    None when pdfium cannot open the file or finds no pages in it: pdfminer then reads it whole and says why."""
    import pypdfium2 as pdfium

    from .pdfium_text import page_raw

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    try:
        count = len(document)
        if not count:
            return None
        pages, failed = [], []
        for number in numbers or range(1, count + 1):
            try:
                pages.append(page_raw(document, number))
            except pdfium.PdfiumError:
                pages.append((1.0, 1.0, []))
                failed.append(number)
        return pages, failed
    finally:
        document.close()


def _text(raw: list) -> str:
    return "\n".join("".join(map(itemgetter(0), chars)) for *_, chars in raw)


def _shape(number: int, raw: list, body: float) -> list[TextLine]:
    """Lines with small digits inside body-size text taken out as footnote marks."""
    return shape_lines(number, raw, body * SMALL)


# Per engine: the other one, which reads the pages it cannot, and how such a page is marked in page_sources.
_SECOND = {"pdfium": ("pdfminer", "text"), "pdfminer": ("pdfium", "pdfium")}


def _read_engine(data: bytes, name: str, engine: str) -> tuple[Collected, str, list[int]]:
    """The pages as `engine` reads them, the engine that did, and the pages it could not read."""
    if engine == "pdfium":
        read = _collect_pdfium(data)
        if read is not None:
            return read[0], "pdfium", read[1]
    return _collect(data, name), "pdfminer", []


def _read_second(data: bytes, name: str, engine: str, numbers: list[int]) -> dict[int, tuple]:
    if engine == "pdfium":
        try:
            return dict(zip(numbers, _collect(data, name, numbers)))
        except UnreadableFile:  # pdfium read the rest: these pages wait for OCR
            return {}
    read = _collect_pdfium(data, numbers)
    if read is None:
        return {}
    return {n: page for n, page in zip(numbers, read[0]) if n not in read[1]}


def read_pdf(data: bytes, name: str = "file", engine: str = DEFAULT_ENGINE) -> Layout:
    check_engine(engine)
    if not data.strip():
        raise UnreadableFile(f"{name} is empty.")
    collected, engine, failed = _read_engine(data, name, engine)
    second, second_source = _SECOND[engine]
    page_count = len(collected)
    sources = {n: "text" for n in range(1, page_count + 1)}
    reasons: dict[int, str] = {}
    for number, (_, _, raw) in enumerate(collected, start=1):
        why = untrusted(_text(raw))
        if why:
            reasons[number] = why
    warnings = []
    retry = sorted(set(reasons) | set(failed))
    if retry:
        for number, page in _read_second(data, name, engine, retry).items():
            why = untrusted(_text(page[2]))
            if why is None:
                collected[number - 1] = page
                sources[number] = second_source if number in reasons else "text"
                why = reasons.pop(number, None) or f"{engine} could not read it"
                warnings.append(f"page {number}: {why}; read with {second}'s text instead")
            elif engine == "pdfium" or number not in reasons:  # the reason pdfminer's text gives, as with pdfminer
                reasons[number] = why
        for number, why in sorted(reasons.items()):
            collected[number - 1] = collected[number - 1][:2] + ([],)
            warnings.append(f"page {number}: {why}, and pdfium's text is no better")
    sizes = Counter(size for _, _, raw in collected for *_, chars in raw for text, _, size in chars
                    if size and text.strip())
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    pages = [Page(n, width, height, _shape(n, raw, body)) for n, (width, height, raw) in enumerate(collected, start=1)]
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
