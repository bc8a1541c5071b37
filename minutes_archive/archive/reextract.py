"""Re-run extraction from the catalog's stored blocks and notes, never from the original files.

Used when a newer extractor (or catalog version) arrives: OCR and file
parsing are not repeated, and document ids stay what they were.
"""
from __future__ import annotations

import json
from typing import Callable

from ..records.layout import Block, Layout, Note
from ..storage import catalog

_META_FIELDS = ("kind", "body", "title", "meeting_date", "signed_date", "place", "language", "repaired", "preamble",
                "closing")


def load_layout(conn, doc_id: str) -> Layout:
    doc = catalog.row(conn, "SELECT * FROM documents WHERE id = ?", doc_id)
    blocks = [
        Block(r["text"], page=r["page"], kind=r["kind"], size=r["size"], style=r["style"], blank_before=bool(r["blank_before"]),
              level=r["level"], indent=r["indent"], bold=bool(r["bold"]), lead=r["lead"],
              cells=json.loads(r["cells"]) if r["cells"] is not None else None)
        for r in catalog.rows(conn, "SELECT * FROM blocks WHERE document_id = ? ORDER BY seq", doc_id)
    ]
    notes = [
        Note(r["number"], r["text"], page=r["page"], kind=r["kind"],
             anchor=(r["anchor_block"], r["anchor_offset"]) if r["anchor_block"] is not None else None)
        for r in catalog.rows(conn, "SELECT * FROM notes WHERE document_id = ? ORDER BY seq", doc_id)
    ]
    return Layout(blocks, notes, page_count=doc["page_count"], format=doc["format"], encoding=doc["encoding"],
                  damage=doc["damage"], furniture=json.loads(doc["furniture"]), properties=json.loads(doc["properties"]))


def reextract(conn, on_document: Callable[[str], None] | None = None) -> dict:
    """Rebuild every document's derived records; one transaction per document."""
    from ..extraction.pipeline import extract_document  # extraction patterns load only when needed

    ids = [r["id"] for r in catalog.rows(conn, "SELECT id, sha256, source_name FROM documents ORDER BY id")]
    for doc_id in ids:
        doc = catalog.row(conn, "SELECT sha256, source_name FROM documents WHERE id = ?", doc_id)
        extraction = extract_document(load_layout(conn, doc_id), doc_id, doc["sha256"], doc["source_name"])
        conn.execute("BEGIN IMMEDIATE")
        try:
            for table in catalog.DERIVED:
                conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))
            values = extraction.document.to_dict()
            conn.execute(
                f"UPDATE documents SET {', '.join(f'{f} = ?' for f in _META_FIELDS)} WHERE id = ?",
                [values[f] for f in _META_FIELDS] + [doc_id],
            )
            catalog.store_records(conn, extraction)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if on_document:
            on_document(doc_id)
    conn.execute("DELETE FROM meta WHERE key = 'needs_reextract'")
    return {"documents": len(ids)}
