"""Checking citations exported earlier, perhaps edited since, against the archive."""
from __future__ import annotations

from pathlib import Path

from ..storage.queries import find_record
from ..errors import UnreadableFile
from ..records.text import MASK
from .citation import quote_in_source
from .formats import reader_for

def read_exported(path: Path) -> list[tuple[str, str]]:
    """(record id, quote) for every citation in an exported file, whatever its format."""
    text = path.read_text(encoding="utf-8")
    try:
        return reader_for(path.name, text)(text)
    except (ValueError, KeyError, TypeError) as exc:
        raise UnreadableFile(f"{path.name} is not a citation file written by 'minutes cite' or 'minutes export' ({exc}).") from exc

def verify_file(conn, path: Path) -> dict:
    entries = read_exported(path)
    mismatches = []
    for record_id, quote in entries:
        found = find_record(conn, record_id)
        document = found.document_id if found else None
        if document is None:
            mismatches.append({"id": record_id, "quote": quote, "reason": "no such record in the archive"})
        elif not quote_in_source(conn, document, quote, masked=MASK in quote):
            mismatches.append({"id": record_id, "quote": quote, "reason": "the quote does not match the archived text"})
    return {"file": str(path), "checked": len(entries), "ok": len(entries) - len(mismatches), "mismatches": mismatches}
