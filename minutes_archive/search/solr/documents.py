"""The Solr documents of a catalog: the Whoosh index's documents (search/documents.py), with the text fields
analysed here by the very analyzers the Whoosh schema uses, so that both engines hold the same terms."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from ..documents import index_documents

ANALYSED = ("title_text", "text_sv", "text_en", "folded", "parts", "words")
PLAIN = ("id", "kind", "document_id", "item_id", "body", "body_key", "day", "year", "number", "label", "outcome",
         "title", "page", "language", "content")


@lru_cache(maxsize=1)
def _analyzers() -> dict:
    from ..schema import schema

    fields = schema()
    return {name: fields[name].analyzer for name in ANALYSED}


def solr_document(doc: dict) -> dict:
    """One index document for Solr. Empty values are left out, as Whoosh indexes no term for them; persons are
    the lower-cased comma-separated keys Whoosh's KEYWORD field splits them into."""
    analyzers = _analyzers()
    out = {name: doc[name] for name in PLAIN if doc.get(name) not in (None, "")}
    out["day"], out["page"] = doc["day"], doc["page"]
    out["persons"] = [k.strip().lower() for k in doc["persons"].split(",") if k.strip()]
    out["roles"] = [r.strip() for r in doc["roles"].split(",") if r.strip()]
    out["person_names"] = list(doc["person_names"])
    for name in ANALYSED:
        if doc.get(name):
            out[name] = " ".join(analyzers[name].sequence(doc[name]))
    return out


def solr_documents(conn, document_ids: list[str] | None = None) -> Iterator[dict]:
    return map(solr_document, index_documents(conn, document_ids))


def expected_counts(conn) -> dict[str, int]:
    """Index documents per catalog document, counted in SQL without building them: what `check` compares a
    collection with."""
    from ...storage.catalog import rows

    counts: dict[str, int] = {}
    for table in ("items", "decisions", "footnotes", "attachments"):
        for r in rows(conn, f"SELECT document_id, COUNT(*) AS n FROM {table} GROUP BY document_id"):
            counts[r["document_id"]] = counts.get(r["document_id"], 0) + r["n"]
    for r in rows(conn, "SELECT id, preamble, closing FROM documents"):
        counts[r["id"]] = counts.get(r["id"], 0) + bool(r["preamble"].strip()) + bool(r["closing"].strip())
    return {doc_id: n for doc_id, n in counts.items() if n}
