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
