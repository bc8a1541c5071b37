"""OCR of scanned pages with Tesseract: rendered at 300 dpi, rotation detected, deskewed.

Each page goes through one `tesseract` run with `OMP_THREAD_LIMIT=1` (the
archive runs one worker per core instead), which writes both the words with
their confidence (TSV) and a PDF page with a text layer; the pages are joined
into the searchable copy kept beside the original.

Everything OCR writes to disk goes under one folder per process,
`minutes-ocr-<pid>` in the temp folder (inside an import worker's own temp
folder): a worker killed mid-OCR cannot clean up after itself, so the folders
are named for the process they belong to and swept once it is gone
(archive/workers.py).
"""
from __future__ import annotations

import io
import itertools
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from typing import Iterable, Iterator, NamedTuple
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from ...errors import UnreadableFile
from ...records.layout import Block, OcrWord, join_lines
from .page_layout import ITEM_START

DPI = 300
DEFAULT_LANG = "swe+eng"
SKEW_RANGE = 3.0  # degrees tried either way
SKEW_STEP = 0.25
TURN_BELOW = 60.0  # mean word confidence under which Tesseract is asked whether the page lies turned
SCRATCH_PREFIX = "minutes-ocr-"
REOPEN_EVERY = 10  # pages rendered from one opening of a scan: pdfium holds ~0.4 MB a page (its image) until closed
MERGE_CHUNK = 25  # pages pdfium holds at once while joining: each imported page stays in memory until saved
_OBJECT_REPR = re.compile(r"\s*<[^<>]* object at 0x[0-9a-fA-F]+>")  # "<_io.BytesIO object at 0x…>" in PIL's messages
_SPECKS = {"|", "¦", ".", ",", ";", ":", "'", "`", "´", "¨", "~", "°", "_", "‚", "„", "*"}  # a lone mark is a speck
# A line that opens an item ("14. Title", "§ 14") or a bullet starts a paragraph after a finished sentence.
_STARTS_PARAGRAPH = re.compile(r"^(?:[§$]\s?\d{1,4}\b|\d{1,3}\.\s+\S|[-·•:–]\s)")


class OCRUnavailable(UnreadableFile):
    """Tesseract or a language pack is not installed."""


def scratch_folder() -> Path:
    """This process's folder for OCR temp files (page images, Tesseract output, the joined PDF)."""
    folder = Path(tempfile.gettempdir()) / f"{SCRATCH_PREFIX}{os.getpid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


class OcrLine(NamedTuple):
    text: str
    top: float  # share of the page height
    paragraph: int  # paragraph number on the page
    left: float = 0.0  # share of the page width
    right: float = 1.0
    height: float = 0.0  # share of the page height: a heading set in larger type stands out


@dataclass
class OcrPage:
    number: int
    lines: list[OcrLine]
    confidence: float
    pdf: bytes | Path  # a Path once spooled to disk (scanned.ocr_pages); pdfium opens either
    rotated: int = 0
    skew: float = 0.0
    blocks: list[Block] = field(default_factory=list)
    words: list[OcrWord] = field(default_factory=list)  # kept for the catalog: `minutes page` marks hits on them


def tesseract_available(lang: str = DEFAULT_LANG) -> None:
    if shutil.which("tesseract") is None:
        raise OCRUnavailable("OCR needs Tesseract; install the tesseract-ocr packages (see the README).")
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    missing = [code for code in lang.split("+") if code not in listed]
    if missing:
        raise OCRUnavailable(f"Tesseract has no language data for {', '.join(missing)}; install tesseract-ocr-{missing[0]}.")


def _env() -> dict:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def _skew(image: Image.Image) -> float:
    """The angle that makes text lines most horizontal: rows then alternate sharply between ink and paper.

    Coarse to fine: whole degrees first, then halves and quarters around the best, 11 trial turns in all.
    """
    small = ImageOps.invert(image.convert("L")).resize((image.width // 4, image.height // 4))

    def sharpness(angle: float) -> float:
        rows = small.rotate(angle, resample=Image.BILINEAR).resize((1, small.height), Image.BOX)
        values = list(rows.get_flattened_data()) if hasattr(rows, "get_flattened_data") else list(rows.getdata())
        return sum((a - b) ** 2 for a, b in zip(values, values[1:]))

    scores = {float(a): sharpness(a) for a in range(-int(SKEW_RANGE), int(SKEW_RANGE) + 1)}
    best = max(scores, key=scores.get)
    for step in (0.5, SKEW_STEP):
        for angle in (best - step, best + step):
            if angle not in scores:
                scores[angle] = sharpness(angle)
        best = max(scores, key=scores.get)
    return best


def _orientation(path: Path) -> int:
    """Degrees to turn the page upright, from Tesseract's orientation detection (0 when unsure)."""
    run = subprocess.run(["tesseract", str(path), "-", "--psm", "0"], capture_output=True, text=True, env=_env())
    found = re.search(r"Rotate:\s*(\d+)", run.stdout)
    confidence = re.search(r"Orientation confidence:\s*([\d.]+)", run.stdout)
    if found and confidence and float(confidence.group(1)) >= 2.0:
        return int(found.group(1))
    return 0


def _run(image: Image.Image, lang: str, folder: Path) -> tuple[list[dict], bytes]:
    source = folder / "page.png"
    image.save(source, dpi=(DPI, DPI))
    base = folder / "out"
    run = subprocess.run(
        ["tesseract", str(source), str(base), "-l", lang, "--psm", "3", "-c", "tessedit_create_tsv=1",
         "-c", "tessedit_create_pdf=1", "-c", "textonly_pdf=0"],
        capture_output=True, text=True, env=_env(),
    )
    if run.returncode != 0:
        raise UnreadableFile(f"Tesseract could not read a page: {run.stderr.strip()[:200]}")
    words = []
    header = None
    for line in (folder / "out.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells))
        if row.get("level") == "5" and row.get("text", "").strip():
            words.append(row)
    return words, (folder / "out.pdf").read_bytes()


def _lines(words: list[dict], height: int, width: int = 0) -> list[OcrLine]:
    """Lines in reading order, numbered into paragraphs by Tesseract's blocks and by the white space between lines."""
    grouped: dict[tuple, list[dict]] = {}
    for word in words:
        grouped.setdefault((int(word["block_num"]), int(word["par_num"]), int(word["line_num"])), []).append(word)
    rows = []
    for (block, par, _), group in sorted(grouped.items()):
        text = " ".join(w["text"] for w in group if w["text"] not in _SPECKS)
        top = min(int(w["top"]) for w in group)
        bottom = max(int(w["top"]) + int(w["height"]) for w in group)
        left = min(int(w["left"]) for w in group)
        right = max(int(w["left"]) + int(w["width"]) for w in group)
        if text.strip():
            rows.append((text, top, bottom, (block, par), left, right))
    gaps = sorted(b[1] - a[2] for a, b in zip(rows, rows[1:]) if b[1] > a[2])
    usual = gaps[len(gaps) // 2] if gaps else 0
    heights = sorted(r[2] - r[1] for r in rows)
    tall = heights[len(heights) // 2] if heights else 0
    out, paragraph = [], 0
    for index, (text, top, bottom, key, left, right) in enumerate(rows):
        if index:
            previous = rows[index - 1]
            gap = top - previous[2]
            short = right - left < 0.45 * width if width else False  # a heading line, not wrapped prose
            starts = _STARTS_PARAGRAPH.match(text) and (re.search(r"[.;:!?]$", previous[0]) or short)
            if key != previous[3] or gap > max(1.6 * usual, 0.45 * tall) or starts:
                paragraph += 1
        out.append(OcrLine(text, top / height, paragraph, left / (width or 1), right / (width or 1), (bottom - top) / height))
    return out


def ocr_image(image: Image.Image, number: int, lang: str = DEFAULT_LANG) -> OcrPage:
    image = image.convert("L")
    skew = _skew(image)
    if skew:
        image = image.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=255)
    with tempfile.TemporaryDirectory(prefix="page-", dir=scratch_folder()) as tmp:
        folder = Path(tmp)
        words, pdf = _run(image, lang, folder)
        rotated = 0
        confidence = _confidence(words)
        if confidence < TURN_BELOW:
            rotated = _orientation(folder / "page.png")
            if rotated:
                image = image.rotate(-rotated, expand=True, fillcolor=255)
                words, pdf = _run(image, lang, folder)
                confidence = _confidence(words)
    return OcrPage(number, _lines(words, image.height, image.width), confidence, pdf, rotated, skew,
                   words=_words(words, number, image.width, image.height))


def _words(words: list[dict], number: int, width: int, height: int) -> list[OcrWord]:
    """The words with their boxes as shares of the image Tesseract read, which is the searchable copy's page
    (deskewed and turned as read), so the boxes fit that page whatever size it is rendered at."""
    out = []
    for w in words:
        if w["text"] in _SPECKS:
            continue
        left, top = int(w["left"]), int(w["top"])
        box = (left / width, top / height, (left + int(w["width"])) / width, (top + int(w["height"])) / height)
        out.append(OcrWord(number, w["text"], tuple(round(v, 5) for v in box), float(w["conf"])))
    return out


def _confidence(words: list[dict]) -> float:
    values = [float(w["conf"]) for w in words if float(w["conf"]) >= 0]
    return round(sum(values) / len(values), 1) if values else 0.0


def page_blocks(page: OcrPage, drop: set[int]) -> list[Block]:
    """Paragraph blocks of one page: lines grouped by Tesseract's paragraphs, furniture left out.

    Boldness is lost in a scan, so a heading is told by its shape: a numbered line that stops well before the
    text's right edge ends its block ("1. Föregående mötes protokoll" above "Lades till handlingarna"), and a
    short line standing alone in title style, or set in larger type, is a heading.
    """
    kept = [line for index, line in enumerate(page.lines) if index not in drop]
    heights = sorted(line.height for line in kept)
    usual = heights[len(heights) // 2] if heights else 0.0
    right_edge = max((line.right for line in kept), default=1.0)
    left_edge = min((line.left for line in kept), default=0.0)
    groups: list[list[OcrLine]] = []
    for line in kept:
        previous = groups[-1][-1] if groups else None
        short_heading = previous is not None and ITEM_START.match(previous.text) and \
            previous.right < left_edge + 0.6 * (right_edge - left_edge)
        if previous is None or line.paragraph != previous.paragraph or short_heading:
            groups.append([])
        groups[-1].append(line)
    blocks = []
    for group in groups:
        texts = [line.text for line in group]
        text = join_lines(texts)
        heading = len(group) == 1 and len(text) <= 80 and text[:1].isupper() and not re.search(r"[.,;:]$", text) \
            and (group[0].right < left_edge + 0.6 * (right_edge - left_edge) or group[0].height > 1.25 * usual)
        lead = len(join_lines(texts[:1])) if len(group) > 2 else None  # as for PDFs: a two-line heading stays whole
        blocks.append(Block(text, page=page.number, kind="heading" if heading else "paragraph",
                            indent=round(group[0].left, 3), lead=lead if lead and lead < len(text) else None))
    return blocks


def pdf_images(data: bytes, pages: list[int] | None = None) -> Iterator[tuple[int, Image.Image]]:
    """(page number, 300 dpi image) for the given pages of a PDF, all when None, one page at a time.

    An A4 page at 300 dpi is 26 MB as RGB: rendering a long scan up front needs gigabytes, so each page is
    rendered only when the OCR is ready for it and is let go once read.
    """
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        for done, n in enumerate(pages or range(1, len(document) + 1)):
            if done and done % REOPEN_EVERY == 0:  # pdfium keeps each rendered page's image data until closed
                document.close()
                document = pdfium.PdfDocument(data)
            yield n, _render(document, n)  # not kept in a local: the OCR's release of the image frees it
    finally:
        document.close()


def _render(document, number: int) -> Image.Image:
    """One page in greyscale, as the OCR reads it: a third of an RGB page's 26 MB at 300 dpi."""
    import pypdfium2.raw as pdfium_c

    page = document[number - 1]
    try:
        bitmap = page.render(scale=DPI / 72, grayscale=True, force_bitmap_format=pdfium_c.FPDFBitmap_Gray)
        try:
            return bitmap.to_pil().copy()  # the copy owns its pixels, so pdfium's bitmap is freed now
        finally:
            bitmap.close()
    finally:
        page.close()


def file_images(data: bytes) -> Iterator[tuple[int, Image.Image]]:
    """Every frame of a TIFF (or the one image of a PNG or JPEG), decoded one at a time as the OCR asks."""
    try:
        image = Image.open(io.BytesIO(data))
        frames = ImageSequence.Iterator(image)
        for n, frame in enumerate(frames, start=1):
            yield n, frame.copy()  # the generator keeps only the file's decoder, not the copy
    except Image.DecompressionBombError as exc:  # a 400-megapixel TIFF would take gigabytes to decode
        raise UnreadableFile(f"the image is too large to read safely ({exc}).") from exc
    except UnidentifiedImageError as exc:
        raise UnreadableFile("the image cannot be read (not an image format that can be read, or damaged).") from exc
    except (OSError, ValueError) as exc:
        raise UnreadableFile(f"the image cannot be read ({_clean(exc)}).") from exc


def _clean(exc: Exception) -> str:
    """PIL's message without the object reprs it puts in, which mean nothing to a clerk and differ every run."""
    return _OBJECT_REPR.sub("", str(exc)).strip() or type(exc).__name__


def page_count(data: bytes, name: str) -> int:
    """Pages in a PDF or frames in a TIFF without rendering any (1 for other files): the time a file may take
    grows with it."""
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf":
        import pypdfium2 as pdfium

        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:  # a damaged file is the reader's to report; here it only counts as one page
            return 1
        try:
            return len(document)
        finally:
            document.close()
    if suffix in (".tif", ".tiff"):
        try:
            with Image.open(io.BytesIO(data)) as image:
                return getattr(image, "n_frames", 1)
        except (OSError, ValueError, Image.DecompressionBombError):
            return 1
    return 1


def merge_pdfs(pages: Iterable[tuple[bytes | Path, int | None]], dest: Path) -> Path | None:
    """Join pages into `dest` in bounded memory: (source PDF, 0-based page index, or None for all its pages).

    pdfium keeps every page imported into a document until it is saved, so joining 500 OCR'd pages at once
    takes over half a gigabyte. Pages are added MERGE_CHUNK at a time instead, each round saved as an
    incremental update appended to `dest`: pdfium reopens `dest` lazily (only its page tree is read), and of the
    incremental save, which starts with a copy of the file as it was, only the new part is written.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pending = iter(pages)
    total = rounds = 0
    while True:
        chunk = list(itertools.islice(pending, MERGE_CHUNK))
        if not chunk:
            break
        merged = pdfium.PdfDocument(dest) if rounds else pdfium.PdfDocument.new()
        try:
            opened: dict[int, object] = {}  # a source shared by many pages (the original PDF) is parsed once a round
            try:
                for source, index in chunk:
                    if id(source) not in opened:
                        opened[id(source)] = pdfium.PdfDocument(source)
                    document = opened[id(source)]
                    merged.import_pages(document, None if index is None else [index])
                    total += len(document) if index is None else 1
            finally:
                for document in opened.values():
                    document.close()
            if rounds:
                with open(dest, "ab") as handle:
                    merged.save(_Appended(handle, dest.stat().st_size), flags=pdfium_c.FPDF_INCREMENTAL)
            else:
                merged.save(dest)
        finally:
            merged.close()
        rounds += 1
    if not rounds:
        return None
    check = pdfium.PdfDocument(dest)
    try:
        if len(check) != total:
            raise UnreadableFile(f"the searchable copy came out with {len(check)} pages instead of {total}.")
    finally:
        check.close()
    return dest


class _Appended:
    """A writer for an incremental save that drops the copy of the existing file pdfium writes first."""

    def __init__(self, handle, existing: int):
        self.handle, self.skip = handle, existing

    def write(self, data) -> int:
        view = memoryview(data)
        if self.skip:
            dropped = min(self.skip, len(view))
            self.skip -= dropped
            view = view[dropped:]
        if len(view):
            self.handle.write(view)
        return len(data)
