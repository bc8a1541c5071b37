"""Word documents with real footnotes (python-docx cannot add them, so the part is built here)."""
from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from xml.sax.saxutils import escape

from .model import SampleDoc

_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


def _note_xml(number: int, text: str) -> str:
    return (
        f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
    )


def _reference(number: int):
    return parse_xml(
        f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteReference w:id="{number}"/></w:r>'
    )


def write_docx(doc: SampleDoc, path: Path) -> Path:
    document = docx.Document()
    notes: list[str] = []
    for para in doc.paras:
        paragraph = document.add_heading(level=2) if para.heading else document.add_paragraph()
        cut = 0
        for offset, note in sorted(para.notes):
            paragraph.add_run(para.text[cut:offset])
            notes.append(note)
            paragraph._p.append(_reference(len(notes)))
            cut = offset
        paragraph.add_run(para.text[cut:])
    if notes:
        xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {nsdecls("w")}>'
            + _SEPARATORS + "".join(_note_xml(n, text) for n, text in enumerate(notes, start=1)) + "</w:footnotes>"
        )
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
    fixed = datetime(2024, 1, 1, tzinfo=timezone.utc)
    document.core_properties.created = document.core_properties.modified = fixed
    document.core_properties.last_printed = fixed
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_without_timestamps(buffer.getvalue()))
    return path


def _without_timestamps(data: bytes) -> bytes:
    """Same document, same bytes, whenever it is written, so its ids stay the same too."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0)), source.read(info))
    return out.getvalue()
