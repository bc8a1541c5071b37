"""Born-digital PDF minutes: a running header, raised note marks, notes in small type at the page foot."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .model import SampleDoc

FONT, BOLD = "Vera", "VeraBd"
BODY, HEADING, NOTE, MARK = 11.0, 12.5, 8.0, 7.0
LEADING, NOTE_LEADING = 14.0, 10.0
MARGIN, TOP = 60.0, 70.0


def _fonts() -> None:
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    for name, file in ((FONT, "Vera.ttf"), (BOLD, "VeraBd.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, os.path.join(folder, file)))


@dataclass
class _Line:
    pieces: list[tuple[str, int | None]]  # (text, None) or ("", note number)
    font: str
    size: float
    space_before: float = 0.0
    notes: list[tuple[int, str]] = field(default_factory=list)


def _width(pieces, font, size) -> float:
    return sum(pdfmetrics.stringWidth(t, font, size) if n is None else pdfmetrics.stringWidth(str(n), FONT, MARK)
               for t, n in pieces)


def _wrap(doc: SampleDoc, width: float) -> list[_Line]:
    lines: list[_Line] = []
    number = 0
    for para in doc.paras:
        font, size = (BOLD, HEADING) if para.heading else (FONT, BODY)
        # Words are lists of pieces so that a mark sticks to the word it follows.
        words: list[list[tuple[str, int | None]]] = [[]]
        marks = {offset: note for offset, note in para.notes}
        notes_at: dict[int, str] = {}
        for i, char in enumerate(para.text + " "):
            if i in marks:
                number += 1
                notes_at[number] = marks[i]
                words[-1].append(("", number))
            if char == " ":
                words.append([])
            elif words[-1] and words[-1][-1][1] is None:
                words[-1][-1] = (words[-1][-1][0] + char, None)
            else:
                words[-1].append((char, None))
        words = [w for w in words if w]
        first, start = True, len(lines)
        current: list[tuple[str, int | None]] = []
        for word in words:
            candidate = current + ([(" ", None)] if current else []) + word
            if current and _width(candidate, font, size) > width:
                lines.append(_Line(current, font, size, (LEADING if para.heading else 6.0) if first else 0.0))
                first, current = False, list(word)
            else:
                current = candidate
        if current:
            lines.append(_Line(current, font, size, (LEADING if para.heading else 6.0) if first else 0.0))
        for line in lines[start:]:
            line.notes = [(n, notes_at[n]) for _, n in line.pieces if n is not None]
    return lines


def _note_lines(number: int, text: str, width: float) -> list[str]:
    words, lines, current = f"{number} {text}".split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if current and pdfmetrics.stringWidth(candidate, FONT, NOTE) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return lines + [current]


def _paginate(lines: list[_Line], width: float, height: float) -> list[tuple[list[tuple[float, _Line]], list[str]]]:
    pages, placed, notes = [], [], []
    y = height - TOP
    for line in lines:
        extra = [text for n, note in line.notes for text in _note_lines(n, note, width)]
        need = line.space_before + LEADING
        notes_height = (len(notes) + len(extra)) * NOTE_LEADING + (12 if notes or extra else 0)
        if placed and y - need < MARGIN + notes_height:
            pages.append((placed, notes))
            placed, notes, y = [], [], height - TOP
            need = LEADING
        y -= need
        placed.append((y, line))
        notes += extra
    pages.append((placed, notes))
    return pages


def write_pdf(doc: SampleDoc, path: Path) -> Path:
    _fonts()
    width, height = A4
    text_width = width - 2 * MARGIN
    pages = _paginate(_wrap(doc, text_width), text_width, height)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)  # same bytes every run: stable ids
    for page_number, (placed, notes) in enumerate(pages, start=1):
        pdf.setFont(FONT, 9)
        for text, y in ((doc.header, height - 36), (doc.footer, 24)):
            if text:
                pdf.drawString(MARGIN, y, text.format(page=page_number, pages=len(pages)))
        for y, line in placed:
            x = MARGIN
            for text, number in line.pieces:
                if number is None:
                    pdf.setFont(line.font, line.size)
                    pdf.drawString(x, y, text)
                    x += pdfmetrics.stringWidth(text, line.font, line.size)
                else:
                    pdf.setFont(FONT, MARK)
                    pdf.drawString(x, y + 4, str(number))
                    x += pdfmetrics.stringWidth(str(number), FONT, MARK)
        if notes:
            y = MARGIN + (len(notes) - 1) * NOTE_LEADING
            pdf.line(MARGIN, y + NOTE_LEADING + 2, MARGIN + 120, y + NOTE_LEADING + 2)
            pdf.setFont(FONT, NOTE)
            for text in notes:
                pdf.drawString(MARGIN, y, text)
                y -= NOTE_LEADING
        pdf.showPage()
    pdf.save()
    return path
