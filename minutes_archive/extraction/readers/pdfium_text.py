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
import re

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


def _fast_calls(pdfium_c) -> tuple:
    """Private prototypes of the calls made per character or per string shown: handing the text object back as an
    int skips pypdfium2's pointer checks and a `ctypes.cast` per character, which together cost more than pdfium's
    own work. pypdfium2's shared function objects are left as they are.

    The calls on the text page declare no argument types: ctypes then passes what it is given as it is (the text
    page as a `c_void_p`, the index as a C int, the `byref`s) instead of converting every argument on every call,
    which more than halves the cost of a call. So they must be called with the text page as a `c_void_p`."""
    calls = _CALLS.get(id(pdfium_c))
    if calls is None:
        handle = ctypes.c_void_p

        def proto(function, restype):
            return ctypes.CFUNCTYPE(restype)(ctypes.cast(function, handle).value)

        calls = _CALLS[id(pdfium_c)] = (
            proto(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint),
            proto(pdfium_c.FPDFText_IsGenerated, ctypes.c_int),
            proto(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int),
            proto(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int),
            proto(pdfium_c.FPDFText_GetTextObject, handle),
            proto(pdfium_c.FPDFText_GetMatrix, ctypes.c_int),  # these two once per string shown
            proto(pdfium_c.FPDFText_GetFontSize, ctypes.c_double),
            # once per text object, and the object comes as an int that must be passed as a pointer: typed
            ctypes.CFUNCTYPE(handle, handle)(ctypes.cast(pdfium_c.FPDFTextObj_GetFont, handle).value))
    return calls


# The page's text in one call: pdfium's text buffer holds one UTF-16 unit per character, except that it writes
# U+FFFE for a hyphen ending a line (U+0002), leaves out characters without text and splits those beyond the BMP.
_ASK_AGAIN = re.compile("[\x00\x02\ufffe\ud800-\udfff]")


def _characters(raw, page, count: int, pdfium_c, unicode) -> list[str]:
    """Each character's text ('' for none), read with one FPDFText_GetText instead of a call per character; a
    character the page text may not show as pdfium holds it, or every one when the lengths disagree, is asked
    for on its own."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    text = ctypes.string_at(buffer, 2 * count).decode("utf-16-le", "surrogatepass")
    if written != count + 1 or len(text) != count:
        return [_character(unicode(page, index)) for index in range(count)]
    chars = list(text)
    for found in _ASK_AGAIN.finditer(text):
        index = found.start()
        chars[index] = _character(unicode(page, index))
    return chars


def _character(code: int) -> str:
    return _CODES.get(code) or (chr(code) if code else "")


def _lines(raw, height: float, pdfium_c) -> list[RawLine]:
    count = pdfium_c.FPDFText_CountChars(raw)
    unicode, generated, loose_box, char_origin, text_object, text_matrix, font_size, object_font = \
        _fast_calls(pdfium_c)
    page = ctypes.cast(raw, ctypes.c_void_p)  # as the untyped calls of `_fast_calls` take it
    buffer = (ctypes.c_ubyte * 256)()
    fonts: dict = {}
    styles: dict = {}  # text object -> (bold, size)
    bolds: dict = {}  # font -> bold: pdfium reads weight and name from the text object's font
    lines: list[RawLine] = []
    # The line being read: its characters as (text, bold, size), and the box of those in the text (not the spaces
    # pdfium made up), kept as running bounds rather than a box per character.
    current: list[tuple[str, bool, float]] = []
    has_text = False  # a character of the text that is no space
    lx0 = lx1 = ltop = lbottom = 0.0

    rect = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    rect_ref, x_ref, y_ref = ctypes.byref(rect), ctypes.byref(origin_x), ctypes.byref(origin_y)
    matrix_ref = ctypes.byref(matrix)
    # A string shown has one style, and one baseline while its characters' boxes sit at one height: pdfium is
    # asked for a character's style and origin only when its text object (or its box's bottom) changes.
    origin_key = origin_bottom = None
    y, bold, size = 0.0, False, 0.0
    baseline = None
    broke = False  # pdfium put a line break since the last character
    pending = False  # the last character is a space pdfium made up, not one of the text
    # the line's last character of the text (pdfium's made-up spaces are not): size, x0, x1, top, bottom
    psize = px0 = px1 = ptop = pbottom = 0.0
    for index, ch in enumerate(_characters(raw, page, count, pdfium_c, unicode)):
        if ch in ("\r", "\n") or not ch:
            if generated(page, index):
                broke = True  # pdfium's guess, also after a raised mark: the next character's place decides
            elif ch:
                if has_text:
                    lines.append((lx0, lx1, ltop, lbottom, current))
                current, has_text = [], False
            continue
        space = ch.isspace()
        if space and generated(page, index):
            if current and current[-1][0] != " ":
                last = current[-1]
                current.append((" ", last[1], last[2]))
                pending = True
            continue
        if not loose_box(page, index, rect_ref):
            continue
        key = text_object(page, index)
        bottom = rect.bottom
        if key is None or key != origin_key:
            style = styles.get(key) if key else None
            if style is None:  # one string shown: one font, one size, one matrix
                # The size as set times the text matrix's vertical scale: Word writes 1-point fonts scaled up to 11.
                text_matrix(page, index, matrix_ref)
                size = round(font_size(page, index) * math.hypot(matrix.c, matrix.d), 1)
                font = object_font(key) if key else None
                bold = bolds.get(font) if font else None
                if bold is None:
                    bold = _font_bold(raw, index, buffer, fonts)
                    if font:
                        bolds[font] = bold
                style = styles[key] = (bold, size)
            bold, size = style
            char_origin(page, index, x_ref, y_ref)
            origin_key, origin_bottom, y = key, bottom, origin_y.value
        elif bottom != origin_bottom:
            char_origin(page, index, x_ref, y_ref)
            origin_bottom, y = bottom, origin_y.value
        # pdfminer's box, which the page layout's measures were set with: from the descent up one font size.
        x0, x1, y1 = rect.left, rect.right, height - bottom
        y0 = y1 - size if size else height - rect.top
        if current:
            limit = psize if psize > size else size  # max(size, psize, 1.0), inlined: it runs per character
            limit = 1.0 if 1.0 > limit else limit
            same_line = baseline is not None and abs(y - baseline) < 0.35 * limit
            if not same_line and x0 - px1 < size:  # a raised footnote mark or a subscript stays in its line
                overlap = (pbottom if pbottom < y1 else y1) - (ptop if ptop > y0 else y0)  # min and max, inlined
                same_line = overlap > 0.5 * min(y1 - y0, pbottom - ptop)
            if broke and x0 < px1 - 1.0:  # back to the left: a new line
                same_line = False
            # pdfminer's rule: a gap wider than twice the wider of the two characters ends the line
            wider = px1 - px0 if px1 - px0 > x1 - x0 else x1 - x0
            if not same_line or x0 - px1 > CHAR_MARGIN * wider:
                if has_text:
                    lines.append((lx0, lx1, ltop, lbottom, current))
                current, has_text = [], False
        if not current:
            baseline = y
            lx0, lx1, ltop, lbottom = x0, x1, y0, y1
        else:
            if pending and current[-1][0] == " " and x0 - px1 < WORD_GAP * (size or 10.0):
                current.pop()  # pdfium guessed a space where the glyphs touch (after a raised mark): pdfminer sees none
            # min and max, inlined: they run per character
            if x0 < lx0:
                lx0 = x0
            if x1 > lx1:
                lx1 = x1
            if y0 < ltop:
                ltop = y0
            if y1 > lbottom:
                lbottom = y1
        pending = broke = False
        psize, px0, px1, ptop, pbottom = size, x0, x1, y0, y1
        if space:
            current.append((" ", bold, size))
        else:
            current.append((ch, bold, size))
            has_text = True
    if has_text:
        lines.append((lx0, lx1, ltop, lbottom, current))
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
