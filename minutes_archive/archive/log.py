"""What `minutes log` shows: the recent imports, and the files that need a person's eye.

A failed file is one whose latest attempt failed or waits for OCR (a file that failed once and was imported
later is no longer listed). A damaged file is an imported document whose text may not say what the source
says: damaged characters (U+FFFD) in the source, a page whose mean OCR word confidence is below
LOW_CONFIDENCE, or a page whose text layer could not be trusted and was read another way (pdfium's text, or
OCR in a document that otherwise has a text layer). A scan read by OCR with good confidence is not damaged.
"""
from __future__ import annotations

import sqlite3

from ..records.model import LOW_CONFIDENCE
from ..storage.catalog import rows

FAILED = ("failed", "needs_ocr")


def import_log(conn: sqlite3.Connection, failed: bool = False, limit: int | None = None) -> dict:
    """{"imports": the newest `limit` entries of the import log (all when None), "failed": every failed file,
    "damaged": every damaged document}; with `failed`, only the failed files (the other lists are empty)."""
    return {"imports": [] if failed else _recent(conn, limit), "failed": _failed(conn),
            "damaged": [] if failed else _damaged(conn)}


def _recent(conn, limit: int | None) -> list[dict]:
    return [_entry(r) for r in rows(conn, "SELECT at, source_path, status, document_id, reason FROM import_log "
                                          "ORDER BY id DESC LIMIT ?", -1 if limit is None else limit)]


def _failed(conn) -> list[dict]:
    latest = rows(conn, """SELECT at, source_path, status, document_id, reason FROM import_log
                           WHERE id IN (SELECT MAX(id) FROM import_log GROUP BY source_path)
                           ORDER BY id DESC""")
    return [_entry(r) for r in latest if r["status"] in FAILED]


def _damaged(conn) -> list[dict]:
    found = rows(conn, f"""
        SELECT d.id, d.imported_at, COALESCE(d.source_path, d.source_name) AS path, d.damage, d.repaired,
               (SELECT GROUP_CONCAT(number) FROM (SELECT number FROM pages p WHERE p.document_id = d.id
                    AND p.ocr_confidence < {LOW_CONFIDENCE} ORDER BY number)) AS low,
               (SELECT GROUP_CONCAT(number) FROM (SELECT number FROM pages p WHERE p.document_id = d.id
                    AND p.source = 'pdfium' ORDER BY number)) AS pdfium,
               (SELECT GROUP_CONCAT(number) FROM (SELECT number FROM pages p WHERE p.document_id = d.id
                    AND p.source = 'ocr' ORDER BY number)) AS ocr,
               EXISTS (SELECT 1 FROM pages p WHERE p.document_id = d.id AND p.source = 'text') AS has_text
        FROM documents d ORDER BY d.imported_at DESC, d.id""")
    out = []
    for r in found:
        reasons = []
        if r["damage"]:
            reasons.append(f"{r['damage']} damaged character(s) (U+FFFD) in the source, {r['repaired']} restored")
        if r["low"]:
            reasons.append(f"low OCR confidence on page(s) {_pages(r['low'])}")
        if r["pdfium"]:
            reasons.append(f"text layer not trusted, read with pdfium on page(s) {_pages(r['pdfium'])}")
        if r["ocr"] and r["has_text"]:
            reasons.append(f"no usable text layer, read by OCR on page(s) {_pages(r['ocr'])}")
        if reasons:
            out.append({"at": r["imported_at"], "path": _shown(r["path"]), "status": "damaged",
                        "document_id": r["id"], "reason": "; ".join(reasons)})
    return out


def _pages(numbers: str) -> str:
    return ", ".join(numbers.split(","))


def _entry(r) -> dict:
    return {"at": r["at"], "path": _shown(r["source_path"]), "status": r["status"], "document_id": r["document_id"],
            "reason": r["reason"]}


def _shown(path: str | None) -> str | None:
    """Control characters in a file name escaped, as everywhere a name is shown (importer.display_path)."""
    import unicodedata

    if path is None:
        return None
    return "".join(ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in UNSAFE else ch
                   for ch in path)


UNSAFE = ("Cc", "Cf", "Zl", "Zp", "Cs")  # as importer.UNSAFE_CATEGORIES, without loading the readers
