"""Checking citations exported earlier, perhaps edited since, against the archive."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from ..storage.queries import find_record
from ..errors import UnreadableFile
from ..records.text import MASK
from .citation import quote_in_source

_RIS_TAG = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")
_LOCATOR = re.compile(r"\(minutes-archive (\S+?),")

def _bibtex(text: str) -> list[tuple[str, str]]:
    import bibtexparser

    library = bibtexparser.parse_string(text)
    out = []
    for entry in library.entries:
        fields = {f.key.lower(): f.value for f in entry.fields}
        out.append((_unbrace(fields.get("archiveid", "")), _unbrace(fields.get("note", ""))))
    return out

def _unbrace(value: str) -> str:
    value = re.sub(r"\\textbackslash\{\}", "\\\\", value)
    value = re.sub(r"\\textasciitilde\{\}", "~", value)
    value = re.sub(r"\\textasciicircum\{\}", "^", value)
    return re.sub(r"\\([{}&%$#_])", r"\1", value)

def _ris(text: str) -> list[tuple[str, str]]:
    out, current = [], {}
    for line in text.splitlines():
        found = _RIS_TAG.match(line)
        if not found:
            continue
        tag, value = found.groups()
        if tag == "ER":
            out.append((current.get("ID", ""), current.get("N1", "")))
            current = {}
        else:
            current[tag] = value.strip()
    return out

def _markdown(text: str) -> list[tuple[str, str]]:
    out, quote = [], []
    for line in text.splitlines():
        if line.startswith(">"):
            quote.append(line[1:].strip())
        elif line.strip() and quote:
            found = _LOCATOR.search(line)
            out.append((found.group(1) if found else "", " ".join(quote)))
            quote = []
    return out

def _plain(text: str) -> list[tuple[str, str]]:
    out, quote = [], None
    for line in text.splitlines():
        if line.startswith("”") and line.endswith("”"):
            quote = line[1:-1]
        elif quote is not None and line.strip():
            found = _LOCATOR.search(line)
            out.append((found.group(1) if found else "", quote))
            quote = None
    return out

def read_exported(path: Path) -> list[tuple[str, str]]:
    """(record id, quote) for every citation in an exported file, whatever its format."""
    text = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    stripped = text.lstrip()
    try:
        if suffix in (".bib", ".bibtex") or stripped.startswith("@"):
            return _bibtex(text)
        if suffix == ".ris" or stripped.startswith("TY  -"):
            return _ris(text)
        if suffix == ".jsonl":
            return [(c["id"], c["quote"]) for c in map(json.loads, filter(str.strip, text.splitlines()))]
        if suffix == ".json" or stripped.startswith(("[", "{")):
            data = json.loads(text)
            data = data if isinstance(data, list) else [data]
            return [(c["id"], c.get("quote", c.get("note", ""))) for c in data]
        if suffix == ".csv":
            return [(r["id"], r["quote"]) for r in csv.DictReader(text.splitlines())]
        if suffix in (".md", ".markdown") or stripped.startswith(">"):
            return _markdown(text)
        return _plain(text)
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
