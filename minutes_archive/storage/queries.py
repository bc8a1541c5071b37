"""Read-side queries: documents, one record with its context, totals."""
from __future__ import annotations

import json
from dataclasses import dataclass

from ..errors import NotFound
from .catalog import row, rows

_DOC_SUMMARY = "id, date, body, kind, source_name, format, page_count, language"


def documents(conn) -> list[dict]:
    return rows(
        conn,
        f"""SELECT {_DOC_SUMMARY}, (SELECT COUNT(*) FROM items i WHERE i.document_id = d.id) AS items
            FROM documents d ORDER BY date IS NULL, date, source_name""",
    )


def _attachment(record: dict) -> dict:
    record["sections"] = json.loads(record["sections"])
    return record


def _persons(conn, item: dict) -> tuple[list[dict], list[dict]]:
    """The item's people with the roles they hold in its meeting, and the mentions nobody could be tied to."""
    mentions = rows(conn, "SELECT * FROM person_mentions WHERE item_id = ? ORDER BY segment, start", item["id"])
    roles: dict[str, set[str]] = {}
    for r in rows(conn, """SELECT person_key, role FROM person_mentions WHERE document_id = ? AND role IS NOT NULL
                           AND person_key IS NOT NULL UNION SELECT person_key, role FROM participants
                           WHERE document_id = ? AND role IS NOT NULL""", item["document_id"], item["document_id"]):
        roles.setdefault(r["person_key"], set()).add(r["role"])
    persons: dict[str, dict] = {}
    for m in mentions:
        if m["person_key"]:
            entry = persons.setdefault(m["person_key"], {"name": m["name"], "roles": sorted(roles.get(m["person_key"], ())),
                                                         "mentions": []})
            entry["mentions"].append(m["text"])
    unresolved = [{"text": m["text"], "kind": m["kind"], "role": m["role"]} for m in mentions if not m["person_key"]]
    return list(persons.values()), unresolved


def _item_detail(conn, item: dict) -> dict:
    item["persons"], item["unresolved_mentions"] = _persons(conn, item)
    item["dates"] = [
        {k: d[k] for k in ("date", "precision", "text", "role", "weekday_mismatch")} | {"weekday_mismatch": bool(d["weekday_mismatch"])}
        for d in rows(conn, "SELECT * FROM date_mentions WHERE item_id = ? ORDER BY segment, start", item["id"])
    ]
    item["proposals"] = rows(conn, "SELECT mover, name, text FROM proposals WHERE item_id = ?", item["id"])
    item["decisions"] = rows(conn, "SELECT * FROM decisions WHERE item_id = ? ORDER BY seq", item["id"])
    item["footnotes"] = rows(conn, "SELECT * FROM footnotes WHERE item_id = ? ORDER BY kind, number", item["id"])
    item["attachments"] = [
        _attachment(a) for a in rows(conn, "SELECT * FROM attachments WHERE related_item_id = ? ORDER BY seq", item["id"])
    ]
    return item


def _document(conn, doc_id: str) -> dict:
    doc = row(conn, "SELECT * FROM documents WHERE id = ?", doc_id)
    doc.pop("preamble", None)
    doc.pop("closing", None)
    doc["furniture"] = json.loads(doc["furniture"])
    confidence = {r["number"]: r["ocr_confidence"] for r in rows(
        conn, "SELECT number, ocr_confidence FROM pages WHERE document_id = ? AND ocr_confidence IS NOT NULL", doc_id)}
    doc["ocr_confidence"] = confidence or None
    from ..records.model import LOW_CONFIDENCE  # the records module is not needed to search

    doc["low_confidence_pages"] = [n for n, c in confidence.items() if c < LOW_CONFIDENCE]
    return doc


def outside_items(conn, record_id: str) -> dict | None:
    """The record `<doc>-preamble` or `<doc>-closing`: a document's text before its first item or after its last."""
    doc_id, _, part = record_id.rpartition("-")
    if part not in ("preamble", "closing"):
        return None
    found = row(conn, f"SELECT id, {part} AS text FROM documents WHERE id = ?", doc_id)
    if found is None or not found["text"].strip():
        return None
    edge = found["text"].split("\n")[0 if part == "preamble" else -1]
    located = row(conn, f"""SELECT page FROM blocks WHERE document_id = ? AND text = ?
                            ORDER BY seq {'ASC' if part == 'preamble' else 'DESC'} LIMIT 1""", doc_id, edge)
    page = located["page"] if located else 1
    return {"id": record_id, "kind": part, "document_id": doc_id, "text": found["text"], "page": page}


# The records a hit, a citation or `show` can name, by table; "memo" is the one name of an attachment
# (a memo or an appendix) as a record, in search kinds, citations and `show` alike.
RECORD_TABLES = (("items", "item"), ("decisions", "decision"), ("footnotes", "footnote"), ("attachments", "memo"))


@dataclass
class Record:
    kind: str  # item | decision | footnote | memo | preamble | closing
    row: dict
    document_id: str
    item_id: str | None  # the item it belongs to (an item's own id for an item)


def find_record(conn, record_id: str) -> Record | None:
    """Any record below a document by its id: the one lookup behind show, cite, verify and exports."""
    outside = outside_items(conn, record_id)
    if outside is not None:
        return Record(outside["kind"], outside, outside["document_id"], None)
    for table, kind in RECORD_TABLES:
        found = row(conn, f"SELECT * FROM {table} WHERE id = ?", record_id)
        if found is not None:
            item_id = found["id"] if kind == "item" else found.get("item_id") or found.get("related_item_id")
            return Record(kind, found, found["document_id"], item_id)
    return None


def find_document(conn, given: str, columns: str = "id") -> dict | None:
    """A document by its id or a unique start of it (four characters or more, as people copy ids); None when
    nothing matches, NotFound when the start fits several."""
    doc = row(conn, f"SELECT {columns} FROM documents WHERE id = ?", given)
    if doc is None and len(given) >= 4 and "-" not in given:
        matches = rows(conn, f"SELECT {columns} FROM documents WHERE id LIKE ? || '%'", given)
        if len(matches) > 1:
            raise NotFound(f"'{given[:80]}' matches {len(matches)} documents; give more of the id.")
        doc = matches[0] if matches else None
    return doc


def show(conn, record_id: str) -> dict:
    """A document with its items, or one item, decision, footnote or attachment with its meeting."""
    record_id = record_id.strip()
    doc = find_document(conn, record_id)
    if doc is not None:
        document = _document(conn, doc["id"])
        items = rows(conn, "SELECT * FROM items WHERE document_id = ? ORDER BY seq", doc["id"])
        outside = row(conn, "SELECT preamble, closing FROM documents WHERE id = ?", doc["id"])
        return {
            "type": "document",
            "document": document,
            "preamble": outside["preamble"],
            "closing": outside["closing"],
            "items": [_item_detail(conn, item) for item in items],
            "attachments": [
                _attachment(a) for a in rows(conn, "SELECT * FROM attachments WHERE document_id = ? ORDER BY seq", doc["id"])
            ],
            "footnotes": rows(conn, "SELECT * FROM footnotes WHERE document_id = ? ORDER BY kind, number", doc["id"]),
            "participants": rows(conn, "SELECT name, role, status FROM participants WHERE document_id = ?", doc["id"]),
            "dates": rows(conn, """SELECT date, precision, text, role, weekday_mismatch FROM date_mentions
                                   WHERE document_id = ? AND item_id IS NULL ORDER BY segment, start""", doc["id"]),
        }
    record = find_record(conn, record_id)
    if record is None:
        raise NotFound(f"Nothing in the archive has the id '{record_id}'. 'minutes list' shows the documents.")
    result = {"type": record.kind, "document": _document(conn, record.document_id)}
    if record.kind != "item":
        result[record.kind] = _attachment(record.row) if record.kind == "memo" else record.row
    if record.item_id:
        result["item"] = _item_detail(conn, row(conn, "SELECT * FROM items WHERE id = ?", record.item_id))
    return result


def stats(conn) -> dict:
    count = lambda table: row(conn, f"SELECT COUNT(*) AS n FROM {table}")["n"]  # noqa: E731
    grouped = lambda sql: {r["k"]: r["n"] for r in rows(conn, sql)}  # noqa: E731
    span = row(conn, "SELECT MIN(date) AS first, MAX(date) AS last FROM documents")
    return {
        "documents": count("documents"),
        "pages": count("pages"),
        "items": count("items"),
        "decisions": count("decisions"),
        "footnotes": count("footnotes"),
        "attachments": count("attachments"),
        "first_date": span["first"],
        "last_date": span["last"],
        "by_kind": grouped("SELECT kind AS k, COUNT(*) AS n FROM documents GROUP BY kind ORDER BY kind"),
        "by_format": grouped("SELECT format AS k, COUNT(*) AS n FROM documents GROUP BY format ORDER BY format"),
        "by_body": grouped("SELECT COALESCE(body, '(unknown)') AS k, COUNT(*) AS n FROM documents GROUP BY k ORDER BY n DESC, k"),
        "damaged_documents": row(conn, "SELECT COUNT(*) AS n FROM documents WHERE damage > 0")["n"],
        "imports": grouped("SELECT status AS k, COUNT(*) AS n FROM import_log GROUP BY status ORDER BY status"),
    }
