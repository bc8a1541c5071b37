"""From a record to the page it came from: the stored file to open at that page, and the page as an image with
the record's words marked, so a clerk can check an OCR'd decision against the scan before quoting it.

Where the marks go comes from the page itself, never from the extracted text's offsets (which are normalised
and joined across lines): on a PDF's text layer the characters' boxes, found when the page is drawn; on a
scan the word boxes OCR gave at import (table `ocr_words`, as shares of the searchable copy's page); for txt
and docx, which have no pages to show, the record's text is set as an image and marked the same way.
"""
from __future__ import annotations

import io
import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..errors import ArchiveError, NotFound
from ..storage.catalog import row, rows
from ..storage.queries import find_document, find_record

if TYPE_CHECKING:
    from .archive import Archive

IMAGE_FORMATS = {"tif", "tiff", "png", "jpg", "jpeg", "image"}
SCALE = 2.0  # PDF points to pixels: 144 dpi, sharp enough to read small print against the mark
OCR_WIDTH = 1654  # pixels across a scan's page as drawn (A4 at 200 dpi)
HIGHLIGHT = (255, 220, 0, 90)  # yellow, light enough to read the words through
MIN_RUN = 2  # words in a row that make a match of the record's text (one word alone is too common)
TEXT_WIDTH, TEXT_MARGIN, TEXT_SIZE = 1240, 60, 26  # a txt or docx record set as an image
TEXT_MAX_LINES = 150


class Word(NamedTuple):
    text: str
    box: tuple[float, float, float, float]  # x0, top, x1, bottom in the image's pixels


def _record(archive: Archive, record_id: str) -> dict:
    """The record's document, page and own text; a document's id stands for its first page."""
    wanted = record_id.strip()
    found = find_record(archive.conn, wanted)
    if found is not None:
        r = found.row
        if found.kind in ("item", "memo"):  # they may run over pages: shown from their first
            text, page = r["text"] or r["title"], r["page_start"]
        else:
            text, page = r["text"], r.get("page") or 1
        return {"id": wanted, "kind": found.kind, "document_id": found.document_id, "page": page, "text": text,
                "item_id": found.item_id, "title": r.get("title")}
    doc = find_document(archive.conn, wanted)
    if doc is None:
        raise NotFound(f"Nothing in the archive has the id '{wanted[:80]}'. 'minutes search' and 'minutes list' "
                       f"show the ids.")
    return {"id": doc["id"], "kind": "document", "document_id": doc["id"], "page": 1, "text": "", "item_id": None,
            "title": None}


def _document(archive: Archive, doc_id: str) -> dict:
    return row(archive.conn, "SELECT id, source_name, format, blob, searchable_blob, page_count FROM documents "
                             "WHERE id = ?", doc_id)


def locate(archive: Archive, record_id: str) -> dict:
    """The file to open for a record and the page to open it at: a scan's searchable copy (the scan itself
    with its text selectable), else the original as imported."""
    found = _record(archive, record_id)
    doc = _document(archive, found["document_id"])
    searchable = bool(doc["searchable_blob"])
    path = archive.store.root / (doc["searchable_blob"] or doc["blob"])
    if not path.is_file():
        raise ArchiveError(f"The stored file of document {doc['id']} is missing ({path}); run minutes check.")
    return {"id": found["id"], "kind": found["kind"], "document_id": doc["id"], "file": str(path),
            "page": found["page"], "format": "pdf" if searchable else doc["format"],
            "copy": "searchable" if searchable else "original", "source_name": doc["source_name"]}


def _fold(word: str) -> str:
    """A word as matched: case, accents written apart and surrounding punctuation do not count."""
    return unicodedata.normalize("NFC", word).casefold().strip(".,;:!?()[]\"'«»”“’-–—§")


def _tokens(text: str) -> list[str]:
    return [f for f in (_fold(w) for w in text.split()) if f]


def _marked(words: list[Word], record_text: str, chosen: str | None) -> list[Word]:
    """The page's words to mark: with `chosen`, every word that is one of them (or starts with one of four
    letters or more, as Swedish compounds and endings do); else the runs of the record's own text on the page."""
    folded = [_fold(w.text) for w in words]
    if chosen is not None:
        wanted = set(_tokens(chosen))
        return [w for w, f in zip(words, folded) if f and (f in wanted or any(len(t) >= 4 and f.startswith(t)
                                                                                for t in wanted))]
    target = _tokens(record_text)
    if not target:
        return []
    matcher = SequenceMatcher(None, folded, target, autojunk=False)
    least = min(MIN_RUN, len(target))
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= least]
    if not blocks:
        return []
    # Runs near the longest one only: the record's words broken by a hyphenated line or a misread word are
    # found on both sides of it, while the same phrase in the next decision ("att återkomma med") is not it.
    main = max(blocks, key=lambda b: b.size)
    reach = len(target) + 5
    return [w for b in blocks if main.a - reach <= b.a <= main.a + main.size + reach
            for w in words[b.a:b.a + b.size]]


def _draw(image, marked: list[Word]):
    """Semi-transparent yellow boxes, a little larger than the words, over the page."""
    from PIL import Image, ImageDraw

    base = image.convert("RGBA")
    layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    pad = max(2, round(base.width / 600))
    for x0, top, x1, bottom in _runs(marked):
        draw.rectangle((x0 - pad, top - pad, x1 + pad, bottom + pad), fill=HIGHLIGHT)
    return Image.alpha_composite(base, layer).convert("RGB")


def _runs(marked: list[Word]) -> list[tuple[float, float, float, float]]:
    """Marked words next to each other on a line as one box: a phrase reads as one mark, not a row of tiles
    (and boxes laid over each other would darken the overlap)."""
    out: list[list[float]] = []
    for word in marked:
        x0, top, x1, bottom = word.box
        if out:
            last = out[-1]
            height = max(bottom - top, last[3] - last[1], 1)
            overlap = min(bottom, last[3]) - max(top, last[1])
            if overlap > 0.5 * height and 0 <= x0 - last[2] < height:
                out[-1] = [last[0], min(top, last[1]), max(x1, last[2]), max(bottom, last[3])]
                continue
        out.append([x0, top, x1, bottom])
    return [tuple(box) for box in out]


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _pdf_words(page, scale: float) -> list[Word]:
    """The text layer's words with the union of their characters' boxes, in the pixels of the page drawn at
    `scale` (PDF space has its origin at the bottom left)."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        if len(text) != count:  # characters pdfium makes up (line ends) would shift the boxes: read one by one
            text = "".join(textpage.get_text_range(i, 1) or " " for i in range(count))
        left, bottom, _, top = page.get_bbox()
        words = []
        for match in re.finditer(r"\S+", text):
            boxes = [textpage.get_charbox(i) for i in range(match.start(), match.end())]
            boxes = [b for b in boxes if b[2] > b[0] or b[3] > b[1]]
            if not boxes:
                continue
            x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
            x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
            words.append(Word(match.group(), ((x0 - left) * scale, (top - y1) * scale,
                                              (x1 - left) * scale, (top - y0) * scale)))
        return words
    finally:
        textpage.close()


def _ocr_words(archive: Archive, doc_id: str, page: int, width: int, height: int) -> list[Word]:
    return [Word(r["text"], (r["x0"] * width, r["top"] * height, r["x1"] * width, r["bottom"] * height))
            for r in rows(archive.conn, "SELECT text, x0, top, x1, bottom FROM ocr_words WHERE document_id = ? "
                                        "AND page = ? ORDER BY seq", doc_id, page)]


def _pdf_page(archive: Archive, path: Path, doc_id: str, number: int, ocr: bool):
    """The page drawn with its words: OCR's boxes where OCR read the page, else the text layer's."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        if not 1 <= number <= len(document):
            raise ArchiveError(f"The stored file of document {doc_id} has no page {number}; run minutes check.")
        page = document[number - 1]
        try:
            width = page.get_width()
            scale = OCR_WIDTH / width if ocr else SCALE
            bitmap = page.render(scale=scale)
            image = bitmap.to_pil().copy()
            bitmap.close()
            words = _ocr_words(archive, doc_id, number, image.width, image.height) if ocr else []
            if not words:
                words = _pdf_words(page, scale)
            return image, words
        finally:
            page.close()
    finally:
        document.close()


def _image_page(archive: Archive, path: Path, doc_id: str, number: int):
    """A frame of a stored scan with no searchable copy (imported before copies were kept)."""
    from PIL import Image, ImageSequence

    with Image.open(path) as scan:
        for n, frame in enumerate(ImageSequence.Iterator(scan), start=1):
            if n == number:
                image = frame.convert("RGB")
                break
        else:
            raise ArchiveError(f"The stored scan of document {doc_id} has no page {number}; run minutes check.")
    if image.width > OCR_WIDTH:
        image = image.resize((OCR_WIDTH, round(image.height * OCR_WIDTH / image.width)))
    return image, _ocr_words(archive, doc_id, number, image.width, image.height)


FONTS = {False: ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf", "Helvetica.ttc"),
         True: ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial Bold.ttf", "Helvetica.ttc")}


def _font(size: int, bold: bool = False):
    """A system font with å, ä, ö and § (Pillow looks in the system's font folders); Pillow's own font, which
    lacks them, only when none is installed."""
    from PIL import ImageFont

    for name in FONTS[bold]:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    try:
        import reportlab  # the samples' font (Bitstream Vera) where the samples are installed

        return ImageFont.truetype(str(Path(reportlab.__file__).parent / "fonts" / ("VeraBd.ttf" if bold else "Vera.ttf")), size)
    except (ImportError, OSError):
        return ImageFont.load_default(size=size)


def _text_image(title: str, text: str, chosen: str | None, record_text: str) -> bytes:
    """A txt or docx record set as a page: they have no layout of their own to show."""
    from PIL import Image, ImageDraw

    font, bold = _font(TEXT_SIZE), _font(round(TEXT_SIZE * 1.2), bold=True)
    measure = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    line_height = round(TEXT_SIZE * 1.5)
    space = measure.textlength(" ", font=font)
    placed: list[tuple[str, float, int]] = []  # word, x, line
    line, x = 0, 0.0
    right = TEXT_WIDTH - 2 * TEXT_MARGIN
    for paragraph in text.split("\n"):
        for word in paragraph.split():
            w = measure.textlength(word, font=font)
            if x and x + w > right:
                line, x = line + 1, 0.0
            placed.append((word, x, line))
            x += w + space
        line, x = line + 1, 0.0
        if line >= TEXT_MAX_LINES:
            break
    placed = [p for p in placed if p[2] < TEXT_MAX_LINES]
    top = TEXT_MARGIN + line_height * 2
    height = top + line_height * (min(line, TEXT_MAX_LINES) + 1) + TEXT_MARGIN
    image = Image.new("RGB", (TEXT_WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((TEXT_MARGIN, TEXT_MARGIN), title, font=bold, fill="black")
    words = []
    for word, wx, wline in placed:
        x0, y0 = TEXT_MARGIN + wx, top + wline * line_height
        draw.text((x0, y0), word, font=font, fill="black")
        bx0, by0, bx1, by1 = draw.textbbox((x0, y0), word, font=font)
        words.append(Word(word, (bx0, by0, bx1, by1)))
    return _png(_draw(image, _marked(words, record_text, chosen)))


def render_page(archive: Archive, record_id: str, words: str | None = None) -> bytes:
    """The record's page as a PNG with its words (or `words`) marked."""
    found = _record(archive, record_id)
    place = locate(archive, record_id)
    doc_id, number, path = found["document_id"], found["page"], Path(place["file"])
    if words is not None and not _tokens(words):
        raise ArchiveError("--words needs at least one word to mark.")
    fmt = place["format"]
    if fmt == "pdf":
        ocr = bool(row(archive.conn, "SELECT 1 FROM ocr_words WHERE document_id = ? AND page = ? LIMIT 1",
                       doc_id, number))
        image, page_words = _pdf_page(archive, path, doc_id, number, ocr)
    elif fmt in IMAGE_FORMATS:
        image, page_words = _image_page(archive, path, doc_id, number)
    else:
        return _text_image(*_shown_text(archive, found), words, found["text"])
    return _png(_draw(image, _marked(page_words, found["text"], words)))


def _shown_text(archive: Archive, found: dict) -> tuple[str, str]:
    """(heading, text) to set for a txt or docx record: a decision or footnote is shown in its item, so the
    marked words are seen in their context; a document by its first page's text."""
    if found["kind"] == "document":
        doc = row(archive.conn, "SELECT source_name, title FROM documents WHERE id = ?", found["document_id"])
        page = row(archive.conn, "SELECT text FROM pages WHERE document_id = ? AND number = 1", found["document_id"])
        return doc["title"] or doc["source_name"], page["text"] if page else ""
    if found["kind"] in ("decision", "footnote", "item") and found["item_id"]:
        item = row(archive.conn, "SELECT label, title, text FROM items WHERE id = ?", found["item_id"])
        if item is not None:
            text = item["text"]
            if found["kind"] == "footnote" and found["text"] not in text:
                text = f"{text}\n\n{found['text']}"
            return f"{item['label']} {item['title']}".strip(), text
    return found["title"] or found["id"], found["text"]
