"""Building a citation from the catalog, with its quote checked against the archived text."""
from __future__ import annotations

import re

from ..storage.catalog import row, rows
from ..storage.queries import find_record
from ..errors import MinutesError, NotFound
from ..records.text import fold
from ..records.text import normalise
from ..records.text import sentences
from ..records.text import mask, mask_record

KIND_WORDS = {
    "sv": {"minutes": "protokoll", "memo": "promemoria", "agenda": "dagordning"},
    "en": {"minutes": "minutes", "memo": "memo", "agenda": "agenda"},
}
_TITLE_WORD = re.compile(r"\b(minnesanteckningar|protokoll|sammanträdesprotokoll|promemoria|dagordning|minutes)\b", re.I)


class QuoteMismatch(MinutesError):
    """A quote is not (or no longer) in the archived text of its document."""


def archived_text(conn, document_id: str) -> str:
    blocks = [r["text"] for r in rows(conn, "SELECT text FROM blocks WHERE document_id = ? ORDER BY seq", document_id)]
    notes = [r["text"] for r in rows(conn, "SELECT text FROM notes WHERE document_id = ? ORDER BY seq", document_id)]
    return normalise(" ".join(blocks + notes))


# A quote printed inside quotation marks has its own inner marks turned to the single kind ("…" inside ”…” reads
# ’…’), so quotes are compared with every quotation mark taken as one.
_MARKS = str.maketrans({mark: '"' for mark in "“”„‟«»‹›‘’‚‛'"})


def quote_in_source(conn, document_id: str, quote: str, masked: bool) -> bool:
    source = archived_text(conn, document_id)
    wanted = normalise(quote).translate(_MARKS)
    return wanted in (mask(source) if masked else source).translate(_MARKS)


def _matching_sentences(text: str, words: str) -> str:
    wanted = [fold(w) for w in words.split()]
    chosen = [s for _, s in sentences(text) if all(w in fold(s) for w in wanted)]
    if not chosen:
        raise NotFound(f"No sentence of this record contains all of: {words}.")
    return " ".join(chosen)


def build(conn, record_id: str, full: bool = False, match: str | None = None, masked: bool = True) -> dict:
    """The citation with every field but the ids and the hash masked (with `masked`): the quote, the item's
    title, the body, the file name and the text citation built from them. A masked quote still verifies:
    `quote_in_source` masks the archived text the same way."""
    found = find_record(conn, record_id)
    if found is None:
        raise NotFound(f"Nothing in the archive has the id '{record_id}'. 'minutes search' shows ids.")
    kind, record, item_id = found.kind, found.row, found.item_id
    item = row(conn, "SELECT * FROM items WHERE id = ?", item_id) if item_id else None
    doc = row(conn, "SELECT * FROM documents WHERE id = ?", record["document_id"])
    if kind == "item":
        first = row(conn, "SELECT text FROM decisions WHERE item_id = ? ORDER BY seq LIMIT 1", record["id"])
        quote, quote_kind = (record["text"], "full") if full or not first else (first["text"], "decision")
    elif kind == "memo":
        quote, quote_kind = record["text"], "memo"
    else:
        quote, quote_kind = record["text"], kind
    if full and item:
        quote, quote_kind = item["text"], "full"
    if match:
        quote, quote_kind = _matching_sentences(item["text"] if item and kind != "footnote" else record["text"], match), "match"
    if not quote_in_source(conn, doc["id"], quote, masked=False):
        raise QuoteMismatch(f"The quote for {record_id} is not in the archived text; run 'minutes reextract'.")
    pages = _pages(kind, record, item)
    date = doc["date"]
    language = doc["language"] if doc["language"] in KIND_WORDS else "en"
    title_word = _TITLE_WORD.search(doc["title"] or "")
    citation = {
        "id": record_id,
        "record_kind": kind,
        "body": doc["body"],
        "document_kind": doc["kind"],
        "document_kind_word": title_word.group(1).lower() if title_word else KIND_WORDS[language].get(doc["kind"], doc["kind"]),
        "language": language,
        "date": date,
        "signed_date": doc["signed_date"] if doc["signed_date"] and doc["signed_date"] != date else None,
        "item": {"number": item["number"], "label": item["label"], "title": item["title"]} if item else None,
        "title": record["title"] if kind == "memo" else None,
        "memo_label": (record["label"] or None) if kind == "memo" else None,
        "attachment_kind": record["kind"] if kind == "memo" else None,
        "note": {"kind": record["kind"], "number": record["number"]} if kind == "footnote" else None,
        "pages": pages,
        "quote": normalise(quote),
        "quote_kind": quote_kind,
        "masked": masked,
        "locator": {"document_id": doc["id"], "item_id": item_id, "record_id": record_id,
                    "source_name": doc["source_name"], "sha256": doc["sha256"][:12]},
    }
    from .formats import text_citation  # the text form is part of every citation

    citation["citation"] = text_citation(citation)
    return mask_record(citation) if masked else citation


def _pages(kind: str, record: dict, item: dict | None) -> list[int]:
    if kind in ("decision", "footnote", "preamble", "closing"):
        return [record["page"]]
    start, end = record.get("page_start") or 1, record.get("page_end") or 1
    return [start] if start == end else [start, end]
