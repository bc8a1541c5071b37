"""Text as Word exports it: each note's mark becomes a line break, notes follow a `---` line after U+FFFD."""
from __future__ import annotations

from pathlib import Path

from .model import SampleDoc


def render_txt(doc: SampleDoc) -> str:
    out = []
    for para in doc.paras:
        text, cut = "", 0
        for offset, _ in sorted(para.notes):
            text += para.text[cut:offset] + "\n"
            cut = offset
        out.append(text + para.text[cut:])
    notes = doc.notes()
    body = "\n\n".join(out) + "\n"
    if notes:
        body += "---\n" + "\n\n".join(f"\ufffd {note}" for note in notes) + "\n"
    return body


def write_txt(doc: SampleDoc, path: Path, encoding: str = "utf-8") -> Path:
    path.write_bytes(render_txt(doc).encode(encoding))
    return path
