"""Text lines of PDF pages as pdfium decodes them: the second text engine for pages pdfminer cannot decode.

pdfium maps glyphs to characters through the embedded font's own tables when a PDF lacks a usable ToUnicode
map, which is why it often reads what pdfminer gives as `(cid:12)`. Lines are cut where pdfium starts a new
line and where a wide gap separates two pieces of one baseline, as pdfminer's text boxes are.
"""
from __future__ import annotations

import ctypes

from .page_layout import CELL_GAP, Page, TextLine, footnote_marks, make_line

BOLD_WEIGHT = 600
_FLAG_BOLD_NAME = ("bold", "black", "heavy", "semibold", "demi")


def _font_bold(textpage, index: int, buffer) -> bool:
    import pypdfium2.raw as pdfium_c

    weight = pdfium_c.FPDFText_GetFontWeight(textpage, index)
    if weight >= BOLD_WEIGHT:
        return True
    flags = ctypes.c_int()
    length = pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, len(buffer), ctypes.byref(flags))
    name = bytes(buffer[: max(0, length - 1)]).decode("latin-1", "replace").lower()
    return any(word in name for word in _FLAG_BOLD_NAME)


def page_lines(document, number: int, small: float | None = None) -> Page:
    """One page's lines, top-down coordinates in points.

    `small`: characters under this size that are digits inside a line are footnote marks, not text.
    """
    import pypdfium2.raw as pdfium_c

    page = document[number - 1]
    width, height = page.get_size()
    textpage = page.get_textpage()
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    buffer = (ctypes.c_ubyte * 256)()
    lines: list[TextLine] = []
    current: list[tuple[str, bool, float, float, float, float, float]] = []  # ch, bold, size, x0, x1, top, bottom

    def flush() -> None:
        sized = [c for c in current if c[0].strip()]
        if sized:
            kept, marks = footnote_marks([(c[0], c[1], c[2]) for c in current], small or 0.0)
            line = make_line(number, min(c[3] for c in sized), max(c[4] for c in sized), min(c[5] for c in sized),
                             max(c[6] for c in sized), kept, marks)
            if line is not None:
                lines.append(line)
        current.clear()

    rect = pdfium_c.FS_RECTF()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    baseline = None
    for index in range(count):
        code = pdfium_c.FPDFText_GetUnicode(raw, index)
        ch = chr(code) if code else ""
        if ch in ("\r", "\n") or (not ch and pdfium_c.FPDFText_IsGenerated(raw, index)):
            flush()
            continue
        if ch.isspace() or not ch:
            if current:
                last = current[-1]
                current.append((" ", last[1], last[2], last[4], last[4], last[5], last[6]))
            continue
        if not pdfium_c.FPDFText_GetLooseCharBox(raw, index, ctypes.byref(rect)):
            continue
        pdfium_c.FPDFText_GetCharOrigin(raw, index, ctypes.byref(origin_x), ctypes.byref(origin_y))
        size = round(pdfium_c.FPDFText_GetFontSize(raw, index), 1)
        x0, x1, y0, y1 = rect.left, rect.right, height - rect.top, height - rect.bottom
        if current:
            previous = next((c for c in reversed(current) if c[0].strip()), current[-1])
            same_line = baseline is not None and abs(origin_y.value - baseline) < 0.35 * max(size, previous[2], 1.0)
            if not same_line or x0 - previous[4] > CELL_GAP * (size or previous[2] or 10.0):
                flush()
        if not current:
            baseline = origin_y.value
        current.append((ch, _font_bold(raw, index, buffer), size, x0, x1, y0, y1))
    flush()
    textpage.close()
    page.close()
    return Page(number, width, height, lines)
