"""Index documents built from the catalog alone: one per item, decision, footnote and memo, with the meeting's context."""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from ..storage.catalog import rows
from ..extraction.repair import MARK, restore

OUTSIDE_ITEMS = ("preamble", "closing")  # the text before the first item and after the last, searchable too
_CONTEXT = """d.id AS document_id, d.date, d.body, d.language"""


def _persons(conn, document_ids: list[str] | None) -> dict[str, dict[str, set[str]]]:
    """segment or item id -> {"names": ..., "keys": ..., "roles": ...}"""
    where, args = _restrict("m.document_id", document_ids)
    out: dict[str, dict[str, set[str]]] = {}
    for r in rows(conn, f"""SELECT m.document_id, m.segment, m.item_id, m.name, m.person_key, m.role FROM person_mentions m
                            WHERE m.person_key IS NOT NULL {where}""", *args):
        segment = f"{r['segment']}:{r['document_id']}" if r["segment"] in OUTSIDE_ITEMS else r["segment"]
        for place in {segment, r["item_id"]} - {None}:
            entry = out.setdefault(place, {"names": set(), "keys": set(), "roles": set()})
            entry["names"].add(r["name"])
            entry["keys"].add(r["person_key"])
            if r["role"]:
                entry["roles"].add(r["role"])
    return out


def _union(*entries: dict | None) -> dict | None:
    """A footnote or memo stands with its item: the item's people count as named by it (for --person)."""
    present = [e for e in entries if e]
    if len(present) < 2:
        return present[0] if present else None
    return {key: set().union(*(e[key] for e in present)) for key in ("names", "keys", "roles")}


def _restrict(column: str, document_ids: list[str] | None) -> tuple[str, list[str]]:
    if document_ids is None:
        return "", []
    return f"AND {column} IN ({','.join('?' * len(document_ids))})", list(document_ids)


def _searchable(text: str) -> str:
    """Damaged letters mended as for extraction, so "m\ufffdte" is found by "möte"; snippets show the source."""
    if MARK not in text:
        return text
    return restore(text).text


def _doc(kind, record_id, ctx, item_id, number, title, page, content, people, label=None, outcome=None) -> dict:
    date = ctx["date"] or ""
    searchable = _searchable(content)
    field = "text_en" if ctx["language"] == "en" else "text_sv"
    people = people or {"names": set(), "keys": set(), "roles": set()}
    return {
        "id": record_id,
        "kind": kind,
        "document_id": ctx["document_id"],
        "item_id": item_id or "",
        "body": ctx["body"] or "",
        "body_key": (ctx["body"] or "").casefold(),
        "day": int(date.replace("-", "")[:8].ljust(8, "0")) if date else 0,
        "year": date[:4],
        "number": number or "",
        "label": label or number or "",
        "outcome": outcome or "",
        "title": title or "",
        "title_text": title or "",
        "page": page or 0,
        "language": ctx["language"],
        "persons": ",".join(sorted(people["keys"])),
        "person_names": sorted(people["names"]),
        "roles": ",".join(sorted(people["roles"])),
        "content": content,
        field: searchable,
        "folded": searchable,
        "parts": searchable,
        "words": searchable,
    }


def index_documents(conn, document_ids: list[str] | None = None) -> Iterator[dict]:
    """Every index document for the given documents (all when None), from the catalog alone."""
    people = _persons(conn, document_ids)
    where, args = _restrict("d.id", document_ids)
    for r in rows(conn, f"SELECT i.*, {_CONTEXT} FROM items i JOIN documents d ON d.id = i.document_id WHERE 1 {where}", *args):
        yield _doc("item", r["id"], r, r["id"], r["number"], r["title"], r["page_start"], f"{r['title']}\n{r['text']}",
                   people.get(r["id"]), r["label"])
    for r in rows(conn, f"""SELECT x.*, i.number AS item_number, i.title AS item_title, i.label, {_CONTEXT} FROM decisions x
                            JOIN items i ON i.id = x.item_id JOIN documents d ON d.id = x.document_id WHERE 1 {where}""", *args):
        yield _doc("decision", r["id"], r, r["item_id"], r["item_number"], r["item_title"], r["page"], r["text"],
                   people.get(r["item_id"]), r["label"], r["outcome"])
    for r in rows(conn, f"""SELECT f.*, i.number AS item_number, i.title AS item_title, i.label, {_CONTEXT} FROM footnotes f
                            LEFT JOIN items i ON i.id = f.item_id JOIN documents d ON d.id = f.document_id WHERE 1 {where}""",
                  *args):
        yield _doc("footnote", r["id"], r, r["item_id"], r["item_number"], r["item_title"], r["page"], r["text"],
                   _union(people.get(r["id"]), people.get(r["item_id"])), r["label"])
    for r in rows(conn, f"SELECT d.preamble, d.closing, d.page_count, {_CONTEXT} FROM documents d WHERE 1 {where}", *args):
        for part in OUTSIDE_ITEMS:
            if r[part].strip():
                yield _doc(part, f"{r['document_id']}-{part}", r, None, None, None, 1 if part == "preamble" else
                           r["page_count"], r[part], people.get(part + ":" + r["document_id"]))
    for r in rows(conn, f"""SELECT a.*, i.number AS item_number, {_CONTEXT} FROM attachments a
                            LEFT JOIN items i ON i.id = a.related_item_id JOIN documents d ON d.id = a.document_id
                            WHERE 1 {where}""", *args):
        yield _doc("memo", r["id"], r, r["related_item_id"], r["item_number"], r["title"], r["page_start"],
                   f"{r['title']}\n{r['text']}", _union(people.get(r["id"]), people.get(r["related_item_id"])))


def item_words(conn, document_ids: list[str] | None = None) -> Counter:
    """How often each word of five letters or more is used in the items of these documents (all when None):
    the words used at least twice in the archive count as compound parts."""
    where, args = _restrict("document_id", document_ids)
    counts: Counter = Counter()
    for r in rows(conn, f"SELECT title, text FROM items WHERE 1 {where}", *args):
        counts.update(re.findall(r"[a-zåäöéü]{5,}", f"{r['title']} {r['text']}".lower()))
    return counts


def record_count(conn) -> int:
    """About how many index records the catalog makes, counted in SQL without building them (the preambles and
    closings, a few per cent, are left out): enough to choose how to build an index and to show its progress."""
    return rows(conn, "SELECT (SELECT COUNT(*) FROM items) + (SELECT COUNT(*) FROM decisions) + "
                      "(SELECT COUNT(*) FROM footnotes) + (SELECT COUNT(*) FROM attachments) AS n")[0]["n"]


def records_per_document(conn) -> Counter:
    """How many index records each catalog document makes, from the records themselves: what an index of the
    catalog must hold."""
    return Counter(doc["document_id"] for doc in index_documents(conn))
