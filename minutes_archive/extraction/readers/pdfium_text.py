"""Text lines of PDF pages as pdfium decodes them: the default engine for born-digital PDFs.

pdfium hands out every character with its box, origin, font size and font in one pass of its own C code, several
times faster than pdfminer's layout analysis, and it maps glyphs to characters through the embedded font's own
tables when a PDF lacks a usable ToUnicode map, which is why it often reads what pdfminer gives as `(cid:12)`.
Both engines must hand `page_layout` the same raw lines, so lines are cut and ordered as pdfminer does: a new
baseline or a gap wider than two characters ends a line (pdfium's own line breaks are only a hint: it breaks after
a raised footnote mark), sizes are the font size times the text matrix's scale, boxes run from the descent up one
font size, and a page's lines come in pdfminer's box order.
"""
from __future__ import annotations

import ctypes
import math
import operator

from .page_layout import Page, shape_lines

BOLD_WEIGHT = 600
_CODES = {2: "-"}  # pdfium marks a hyphen that ends a line with U+0002; pdfminer reads the hyphen
CHAR_MARGIN = 2.0  # pdfminer's char margin: a gap wider than this many character widths ends a line
BOX_MARGIN = 0.5  # lines this many line heights apart and aligned are one box (pdfminer's line margin)
WORD_GAP = 0.1  # a gap narrower than this many font sizes is no space between words (pdfminer's word margin)
_FLAG_BOLD_NAME = ("bold", "black", "heavy", "semibold", "demi")

# A raw line as both engines hand it on: (x0, x1, top, bottom, chars of (text, bold, size)).
RawLine = tuple[float, float, float, float, list[tuple[str, bool, float]]]


def _font_bold(textpage, index: int, buffer, fonts: dict) -> bool:
    """Bold from the weight pdfium reports or the font's name; asked once per string shown, not per character."""
    import pypdfium2.raw as pdfium_c

    weight = pdfium_c.FPDFText_GetFontWeight(textpage, index)
    if weight >= BOLD_WEIGHT:
        return True
    flags = ctypes.c_int()
    length = pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, len(buffer), ctypes.byref(flags))
    key = bytes(buffer[: max(0, length - 1)])
    bold = fonts.get(key)
    if bold is None:
        name = key.decode("latin-1", "replace").lower()
        bold = fonts[key] = any(word in name for word in _FLAG_BOLD_NAME)
    return bold


def page_raw(document, number: int) -> tuple[float, float, list[RawLine]]:
    """One page's (width, height, raw lines), top-down coordinates in points."""
    import pypdfium2.raw as pdfium_c

    page = document[number - 1]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            lines = reading_order(_lines(textpage.raw, height, pdfium_c))
        finally:
            textpage.close()
    finally:
        page.close()
    return width, height, lines


_CALLS: dict = {}
_X0, _X1, _TOP, _BOTTOM = (operator.itemgetter(i) for i in (3, 4, 5, 6))
_STYLED = operator.itemgetter(0, 1, 2)


def _fast_calls(pdfium_c) -> tuple:
    """Private prototypes of the per-character calls: taking the text page as a plain address and handing the text
    object back as an int skips pypdfium2's pointer checks and a `ctypes.cast` per character, which together cost
    more than pdfium's own work. pypdfium2's shared function objects are left as they are."""
    calls = _CALLS.get(id(pdfium_c))
    if calls is None:
        handle, index = ctypes.c_void_p, ctypes.c_int

        def proto(function, restype, *argtypes):
            return ctypes.CFUNCTYPE(restype, handle, index, *argtypes)(ctypes.cast(function, handle).value)

        calls = _CALLS[id(pdfium_c)] = (
            proto(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint),
            proto(pdfium_c.FPDFText_IsGenerated, ctypes.c_int),
            proto(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, handle),
            proto(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int, handle, handle),
            proto(pdfium_c.FPDFText_GetTextObject, handle),
            ctypes.CFUNCTYPE(handle, handle)(ctypes.cast(pdfium_c.FPDFTextObj_GetFont, handle).value))
    return calls


def _lines(raw, height: float, pdfium_c) -> list[RawLine]:
    count = pdfium_c.FPDFText_CountChars(raw)
    unicode, generated, loose_box, char_origin, text_object, object_font = _fast_calls(pdfium_c)
    page = ctypes.cast(raw, ctypes.c_void_p).value
    buffer = (ctypes.c_ubyte * 256)()
    fonts: dict = {}
    styles: dict = {}  # text object -> (bold, size)
    bolds: dict = {}  # font -> bold: pdfium reads weight and name from the text object's font
    lines: list[RawLine] = []
    # ch, bold, size, x0, x1, top, bottom, in the text (not a space pdfium made up)
    current: list[tuple[str, bool, float, float, float, float, float, bool]] = []

    def flush() -> None:
        sized = [c for c in current if c[7]]  # its characters and spaces, not the spaces pdfium made up
        if any(c[0] != " " for c in current):
            lines.append((min(map(_X0, sized)), max(map(_X1, sized)), min(map(_TOP, sized)),
                          max(map(_BOTTOM, sized)), list(map(_STYLED, current))))
        current.clear()

    rect = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    rect_ref, x_ref, y_ref = ctypes.byref(rect), ctypes.byref(origin_x), ctypes.byref(origin_y)
    codes = _CODES
    baseline = None
    broke = False  # pdfium put a line break since the last character
    pending = False  # the last character is a space pdfium made up, not one of the text
    previous = None  # the line's last character of the text (pdfium's made-up spaces are not)
    for index in range(count):
        code = unicode(page, index)
        ch = codes.get(code) or (chr(code) if code else "")
        if ch in ("\r", "\n") or not ch:
            if generated(page, index):
                broke = True  # pdfium's guess, also after a raised mark: the next character's place decides
            elif ch:
                flush()
            continue
        space = ch.isspace()
        if space and generated(page, index):
            if current and current[-1][0] != " ":
                last = current[-1]
                current.append((" ", last[1], last[2], last[4], last[4], last[5], last[6], False))
                pending = True
            continue
        if not loose_box(page, index, rect_ref):
            continue
        char_origin(page, index, x_ref, y_ref)
        key = text_object(page, index)
        style = styles.get(key) if key else None
        if style is None:  # one string shown: one font, one size, one matrix
            # The size as set times the text matrix's vertical scale: Word writes 1-point fonts scaled up to 11.
            pdfium_c.FPDFText_GetMatrix(raw, index, ctypes.byref(matrix))
            size = round(pdfium_c.FPDFText_GetFontSize(raw, index) * math.hypot(matrix.c, matrix.d), 1)
            font = object_font(key) if key else None
            bold = bolds.get(font) if font else None
            if bold is None:
                bold = _font_bold(raw, index, buffer, fonts)
                if font:
                    bolds[font] = bold
            style = styles[key] = (bold, size)
        bold, size = style
        # pdfminer's box, which the page layout's measures were set with: from the descent up one font size.
        x0, x1, y1 = rect.left, rect.right, height - rect.bottom
        y0 = y1 - size if size else height - rect.top
        if current and previous is not None:
            px0, px1, ptop, pbottom = previous[3], previous[4], previous[5], previous[6]
            psize = previous[2]
            limit = psize if psize > size else size  # max(size, psize, 1.0), inlined: it runs per character
            limit = 1.0 if 1.0 > limit else limit
            same_line = baseline is not None and abs(origin_y.value - baseline) < 0.35 * limit
            if not same_line and x0 - px1 < size:  # a raised footnote mark or a subscript stays in its line
                overlap = (pbottom if pbottom < y1 else y1) - (ptop if ptop > y0 else y0)  # min and max, inlined
                same_line = overlap > 0.5 * min(y1 - y0, pbottom - ptop)
            if broke and x0 < px1 - 1.0:  # back to the left: a new line
                same_line = False
            # pdfminer's rule: a gap wider than twice the wider of the two characters ends the line
            wider = px1 - px0 if px1 - px0 > x1 - x0 else x1 - x0
            if not same_line or x0 - px1 > CHAR_MARGIN * wider:
                flush()
        if not current:
            baseline = origin_y.value
        elif pending and current[-1][0] == " " and x0 - current[-1][4] < WORD_GAP * (size or 10.0):
            current.pop()  # pdfium guessed a space where the glyphs touch (after a raised mark): pdfminer sees none
        pending = broke = False
        previous = (" " if space else ch, bold, size, x0, x1, y0, y1, True)
        current.append(previous)
    flush()
    return lines


def reading_order(lines: list[RawLine]) -> list[RawLine]:
    """The lines in pdfminer's order: lines that touch and align form a box (a paragraph, a cell, a header's
    column), boxes go from the top down and left to right, lines top-down inside a box. Running headers and
    footers are told by a page's first and last lines, and the title by the first furniture lines, so the order
    of the content stream would not do."""
    boxes = list(range(len(lines)))

    def box(i: int) -> int:
        while boxes[i] != i:
            boxes[i] = boxes[boxes[i]]
            i = boxes[i]
        return i

    for i, (ax0, ax1, atop, abottom, _) in enumerate(lines):
        d = BOX_MARGIN * (abottom - atop)
        for j in range(i + 1, len(lines)):
            bx0, bx1, btop, bbottom, _ = lines[j]
            if (bx0 <= ax1 and bx1 >= ax0 and btop <= abottom + d and bbottom >= atop - d
                    and abs((abottom - atop) - (bbottom - btop)) <= d
                    and min(abs(ax0 - bx0), abs(ax1 - bx1), abs(ax0 + ax1 - bx0 - bx1) / 2) <= d):
                boxes[box(j)] = box(i)
    members: dict[int, list[RawLine]] = {}
    for i, line in enumerate(lines):
        members.setdefault(box(i), []).append(line)
    groups = [sorted(group, key=lambda line: line[2]) for group in members.values()]
    # pdfminer's boxes_flow of 0.5: a box's height on the page counts three times its place across
    groups.sort(key=lambda group: 0.5 * min(line[0] for line in group)
                + 0.75 * (min(line[2] for line in group) + max(line[3] for line in group)))
    return [line for group in groups for line in group]


def page_lines(document, number: int, small: float | None = None) -> Page:
    """One page's lines, top-down coordinates in points.

    `small`: characters under this size that are digits inside a line are footnote marks, not text.
    """
    width, height, raw = page_raw(document, number)
    return Page(number, width, height, shape_lines(number, raw, small or 0.0))
