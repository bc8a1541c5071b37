"""Old word-processor formats (.doc, .rtf, .odt), read by converting them to .docx with LibreOffice.

Converting keeps footnotes and numbering, so these files go through the same
docx reader as everything else.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ...errors import UnreadableFile
from ...records.layout import Layout
from .docx import read_docx

LEGACY_SUFFIXES = {".doc", ".rtf", ".odt"}
TIMEOUT = 120


def _office() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise UnreadableFile("reading .doc, .rtf and .odt needs LibreOffice; install the libreoffice-writer package.")


def to_docx(data: bytes, suffix: str, name: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="minutes-office-") as tmp:
        folder = Path(tmp)
        source = folder / f"source{suffix}"
        source.write_bytes(data)
        run = subprocess.run(
            [_office(), f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to", "docx",
             "--outdir", str(folder / "out"), str(source)],
            capture_output=True, text=True, timeout=TIMEOUT,
        )
        converted = folder / "out" / "source.docx"
        if run.returncode != 0 or not converted.exists():
            raise UnreadableFile(f"{name} could not be converted by LibreOffice; it may be damaged.")
        return converted.read_bytes()


def read_legacy(data: bytes, suffix: str, name: str = "file") -> Layout:
    layout = read_docx(to_docx(data, suffix, name), name)
    layout.format = suffix.lstrip(".")
    return layout
