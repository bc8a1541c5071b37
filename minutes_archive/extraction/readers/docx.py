"""Word .docx minutes: paragraphs and tables in reading order, numbering, notes.

python-docx has no footnote API and its ``Paragraph.text`` drops the
``w:footnoteReference`` marks, so the runs are walked here to place each
note's anchor exactly.
"""
from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from ...errors import UnreadableFile
from ...records.layout import Block, Layout, Note

_SKIP_NOTE_TYPES = {"separator", "continuationSeparator", "continuationNotice"}
_HEADING_PREFIXES = ("heading", "rubrik", "title", "överskrift")
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(n: int, fmt: str) -> str:
    return {
        "decimal": str(n),
        "lowerLetter": _letters(n),
        "upperLetter": _letters(n).upper(),
        "lowerRoman": _roman(n),
        "upperRoman": _roman(n).upper(),
        "decimalZero": f"{n:02d}",
        "bullet": "•",
        "none": "",
    }.get(fmt, str(n))


class _Numbering:
    """Renders Word's automatic list labels ("14.", "a)") that are not in the text."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError):
            return
        root = part.element
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in node.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                start = lvl.find(qn("w:start"))
                levels[int(lvl.get(qn("w:ilvl")))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.levels[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return "•"
        for level in range(ilvl + 1):
            lfmt, _, lstart = levels.get(level, ("decimal", "", 1))
            text = text.replace(f"%{level + 1}", _format(counters.get(level, lstart), lfmt))
        return text


def _notes(document, rel: str, tag: str) -> dict[str, str]:
    try:
        part = document.part.part_related_by(rel)
    except KeyError:
        return {}
    root = etree.fromstring(part.blob)
    notes = {}
    for node in root.findall(qn(tag)):
        if node.get(qn("w:type")) in _SKIP_NOTE_TYPES:
            continue
        paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in node.iter(qn("w:p"))]
        notes[node.get(qn("w:id"))] = "\n".join(p.strip() for p in paragraphs if p.strip())
    return notes


def _run_bold(run) -> bool:
    rpr = run.find(qn("w:rPr"))
    bold = rpr.find(qn("w:b")) if rpr is not None else None
    return bold is not None and bold.get(qn("w:val")) not in ("0", "false")


def _bold_runs(p) -> tuple[bool, int | None]:
    """(every run with text is bold, where a bold run that opens the paragraph ends when plain text follows)."""
    runs = [(r, "".join(t.text or "" for t in r.iter(qn("w:t")))) for r in p.iter(qn("w:r"))]
    runs = [(r, text) for r, text in runs if text]
    lead, length = None, 0
    for run, text in runs:
        if not text.strip():
            length += len(text)
            continue
        if not _run_bold(run):
            lead = length if length and any(_run_bold(r) for r, t in runs[:runs.index((run, text))] if t.strip()) else None
            return False, lead
        length += len(text)
    return bool(runs), None


class _Walker:
    def __init__(self, document):
        self.document = document
        self.numbering = _Numbering(document)
        self.blocks: list[Block] = []
        self.refs: list[tuple[str, str, int, int, int]] = []  # kind, id, block, offset, page
        self.page = 1
        self.rendered_breaks = any(True for _ in document.element.body.iter(qn("w:lastRenderedPageBreak")))

    def walk(self, container) -> None:
        for child in container.iterchildren():
            if child.tag == qn("w:p"):
                self.paragraph(child)
            elif child.tag == qn("w:tbl"):
                self.table(child)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.walk(content)

    @staticmethod
    def _numbering_of(ppr) -> tuple[str, int] | None:
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is None:
            return None
        num = numpr.find(qn("w:numId"))
        lvl = numpr.find(qn("w:ilvl"))
        if num is None or num.get(qn("w:val")) == "0":
            return None
        return num.get(qn("w:val")), int(lvl.get(qn("w:val"))) if lvl is not None else 0

    def _style(self, p) -> tuple[str | None, tuple[str, int] | None]:
        """Style name and list numbering, the latter possibly inherited from the style."""
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            return None, None
        style, style_name = None, None
        pstyle = ppr.find(qn("w:pStyle"))
        if pstyle is not None:
            style_id = pstyle.get(qn("w:val"))
            try:
                style = self.document.styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH)
            except (KeyError, ValueError):
                style = None
            style_name = style.name if style is not None else style_id
        numbering = self._numbering_of(ppr)
        while numbering is None and style is not None:
            numbering = self._numbering_of(style.element.find(qn("w:pPr")))
            style = style.base_style
        if ppr.find(qn("w:pageBreakBefore")) is not None:
            self.page += 1
        return style_name, numbering

    def _runs_text(self, p, block_index: int, prefix: str) -> str:
        parts = [prefix]
        length = len(prefix)
        just_broke = False
        for node in p.iter():
            tag = node.tag
            if tag == qn("w:t"):
                parts.append(node.text or "")
                length += len(node.text or "")
                just_broke = False if node.text else just_broke
            elif tag == qn("w:tab"):
                parts.append("\t")
                length += 1
            elif tag in (qn("w:br"), qn("w:cr")):
                if node.get(qn("w:type")) == "page":
                    self.page += 1
                    just_broke = True
                else:
                    parts.append("\n")
                    length += 1
            elif tag == qn("w:lastRenderedPageBreak"):
                if not just_broke:
                    self.page += 1
            elif tag in (qn("w:footnoteReference"), qn("w:endnoteReference")):
                kind = "footnote" if tag == qn("w:footnoteReference") else "endnote"
                self.refs.append((kind, node.get(qn("w:id")), block_index, length, self.page))
        return "".join(parts)

    def paragraph(self, p, kind: str | None = None) -> None:
        style_name, numbering = self._style(p)
        label = self.numbering.label(*numbering) if numbering else ""
        prefix = f"{label} " if label else ""
        page = self.page
        text = self._runs_text(p, len(self.blocks), prefix)
        heading = style_name is not None and style_name.lower().startswith(_HEADING_PREFIXES)
        if not text.strip() and not any(r[2] == len(self.blocks) for r in self.refs):
            return
        level = None
        if heading:
            found = re.search(r"(\d+)\s*$", style_name)
            level = int(found.group(1)) if found else (0 if style_name.lower().startswith("title") else 1)
        bold, lead = _bold_runs(p)
        self.blocks.append(Block(text, page=page, kind=kind or ("heading" if heading else "paragraph"), style=style_name,
                                 level=level, bold=bold, lead=len(prefix) + lead if lead else None))

    def table(self, tbl) -> None:
        for row in tbl.iter(qn("w:tr")):
            cells = []
            for cell in row.findall(qn("w:tc")):
                texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in cell.iter(qn("w:p"))]
                cells.append(" ".join(t.strip() for t in texts if t.strip()))
            if any(cells):
                self.blocks.append(Block("\t".join(cells), page=self.page, kind="table-row", cells=cells))


def read_docx(data: bytes, name: str = "file") -> Layout:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            f"{name} is a password-protected or old-format (.doc) Word file; save it as .docx without a password."
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, etree.XMLSyntaxError) as exc:
        raise UnreadableFile(f"{name} is not a readable Word document (damaged or truncated).") from exc
    walker = _Walker(document)
    walker.walk(document.element.body)
    texts = {
        "footnote": _notes(document, RT.FOOTNOTES, "w:footnote"),
        "endnote": _notes(document, RT.ENDNOTES, "w:endnote"),
    }
    notes: list[Note] = []
    counters = {"footnote": 0, "endnote": 0}
    for kind, note_id, block, offset, page in walker.refs:
        if note_id not in texts[kind]:
            continue
        counters[kind] += 1
        notes.append(Note(counters[kind], texts[kind][note_id], page=page, kind=kind, anchor=(block, offset)))
    return Layout(blocks=walker.blocks, notes=notes, page_count=walker.page, format="docx")
