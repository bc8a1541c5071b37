"""Minutes as a scanner would deliver them: 300 dpi page images, slightly turned, with specks."""
from __future__ import annotations

import io
import os
import random

import reportlab
from PIL import Image, ImageDraw, ImageFont

from .model import SampleDoc

DPI = 300
A4 = (2480, 3508)
MARGIN = 250
FONT_PX = 46  # 11 pt at 300 dpi


def _font(bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "VeraBd.ttf" if bold else "Vera.ttf"
    return ImageFont.truetype(os.path.join(os.path.dirname(reportlab.__file__), "fonts", name), FONT_PX)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=font) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return lines + ([current] if current else [])


def render_pages(doc: SampleDoc, angle: float = 0.8, specks: int = 600, seed: int = 1) -> list[Image.Image]:
    """Page images of the document's paragraphs (notes are printed after the text, as in the txt export)."""
    rng = random.Random(seed)
    regular, bold = _font(), _font(bold=True)
    pages: list[Image.Image] = []
    page = draw = None
    y = A4[1]
    paragraphs = [(p.text, p.heading) for p in doc.paras] + [(f"{n}. {note}", False) for n, note in enumerate(doc.notes(), 1)]
    for text, heading in paragraphs:
        font = bold if heading else regular
        lines = _wrap(ImageDraw.Draw(Image.new("L", (1, 1))), text, font, A4[0] - 2 * MARGIN)
        for line in lines:
            if y + FONT_PX * 1.4 > A4[1] - MARGIN:
                page = Image.new("L", A4, 255)
                draw = ImageDraw.Draw(page)
                pages.append(page)
                y = MARGIN
            draw.text((MARGIN, y), line, font=font, fill=0)
            y += int(FONT_PX * 1.35)
        y += int(FONT_PX * 0.6)
    return [_age(p, angle, specks, rng) for p in pages]


def _age(page: Image.Image, angle: float, specks: int, rng: random.Random) -> Image.Image:
    draw = ImageDraw.Draw(page)
    for _ in range(specks):
        x, y = rng.randrange(A4[0]), rng.randrange(A4[1])
        r = rng.choice((1, 1, 2))
        draw.ellipse((x, y, x + r, y + r), fill=rng.randrange(0, 120))
    return page.rotate(angle, resample=Image.BICUBIC, fillcolor=255, expand=False)


def to_pdf(pages: list[Image.Image]) -> bytes:
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=DPI)
    return out.getvalue()


def to_tiff(pages: list[Image.Image]) -> bytes:
    out = io.BytesIO()
    pages[0].save(out, format="TIFF", save_all=True, append_images=pages[1:], compression="tiff_deflate", dpi=(DPI, DPI))
    return out.getvalue()
