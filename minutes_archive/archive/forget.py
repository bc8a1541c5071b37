"""Erasing whole documents so that no byte of their text stays under the archive folder.

A document's text lives in five places: the catalog's rows (every table naming the document's ids), the
import log (source paths), the original and its searchable copy (named by the content hash), the index
segments, and the catalog's free pages and write-ahead log. The steps run in this order, each safe to repeat:

1. Every id is resolved before anything changes: an unknown id or an item's id stops the whole command.
2. One transaction deletes the rows and writes a `forgotten` row (ids, hash, row counts; no text, no file
   names) with `completed_at` empty. From here on no command shows or finds the document, and the empty
   `completed_at` is the note that files, segments and free pages are still to clear.
3. The original, its searchable copy and any half-written copy beside them are removed.
4. The index drops the documents and rewrites its segments (or is rebuilt from the catalog).
5. The catalog is vacuumed and its write-ahead log checkpointed and truncated.
6. `completed_at` is set.

A crash (or a search holding the log open too long) after step 2 leaves a pending row: the next `forget`,
of any id or of the same one again, runs steps 3-6 for every pending row first. Re-importing the file
later is an ordinary import: duplicates are found by the `documents` table alone.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from ..errors import ArchiveError, NotFound
from ..storage.catalog import row, rows
from ..storage.migrations import forgotten_log
from ..storage.queries import find_document, find_record
from ..storage.blobs import TEMP_PREFIX

KEPT = {"forgotten", "migrations", "meta", "sqlite_sequence"}  # tables that never hold a document's text
CHECKPOINT_TRIES = 5


def _id_columns(conn) -> dict[str, list[str]]:
    """Every table's columns that hold a record id (`id`, `document_id`, `item_id`, ...), read from the schema
    so that a table added later is erased too. Ids of a document's records all start with its id."""
    tables = [r["name"] for r in rows(conn, "SELECT name FROM sqlite_master WHERE type = 'table'")]
    found = {}
    for table in tables:
        if table in KEPT:
            continue
        columns = [c["name"] for c in rows(conn, f"PRAGMA table_info({table})")
                   if (c["name"] == "id" or c["name"].endswith("_id")) and "INT" not in c["type"].upper()]
        if columns:
            found[table] = columns
    return found


def _refused(conn, given: str) -> str | None:
    """The document of a record id (item, decision, footnote, memo, preamble, closing), if `given` is one."""
    found = find_record(conn, given)
    if found is not None:
        return found.document_id
    doc_id, _, part = given.rpartition("-")  # an empty preamble or closing is no record, yet names its document
    if part in ("preamble", "closing") and row(conn, "SELECT id FROM documents WHERE id = ?", doc_id):
        return doc_id
    return None


def resolve(conn, given: list[str]) -> tuple[list[dict], list[dict]]:
    """(documents to forget, pending erasures to finish) for the ids given, as `show` reads them; nothing is
    changed, so one bad id leaves the archive as it was."""
    forgotten_log(conn)
    found: dict[str, dict] = {}
    pending: dict[str, dict] = {}
    for raw in given:
        wanted = raw.strip()
        doc = find_document(conn, wanted, "id, sha256")
        if doc is not None:
            found[doc["id"]] = doc
            continue
        owner = _refused(conn, wanted)
        if owner is not None:
            raise NotFound(f"'{wanted[:80]}' is part of document {owner}; forget works on whole documents "
                           f"(minutes forget {owner}).")
        earlier = row(conn, """SELECT document_id, forgotten_at, completed_at FROM forgotten
                               WHERE document_id = ? OR (length(?) >= 4 AND document_id LIKE ? || '%')
                               ORDER BY id DESC LIMIT 1""", wanted, wanted, wanted)
        if earlier is not None and earlier["completed_at"] is None:
            continue  # finished below with every pending erasure
        if earlier is not None:
            raise NotFound(f"Document {earlier['document_id']} was already forgotten on {earlier['forgotten_at']}.")
        raise NotFound(f"Nothing in the archive has the id '{wanted[:80]}'. 'minutes list' shows the documents.")
    for r in rows(conn, "SELECT id, document_id, sha256 FROM forgotten WHERE completed_at IS NULL ORDER BY id"):
        pending[r["document_id"]] = r
    return list(found.values()), list(pending.values())


def _delete_rows(conn, doc: dict, columns: dict[str, list[str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    prefix = doc["id"] + "-"
    for table, names in columns.items():
        if table == "documents":
            continue
        where = " OR ".join(f"({c} = ? OR substr({c}, 1, ?) = ?)" for c in names)
        args = [a for _ in names for a in (doc["id"], len(prefix), prefix)]
        if table == "import_log":  # also the failed and needs-OCR attempts of the same bytes, with their paths
            where += " OR sha256 = ?"
            args.append(doc["sha256"])
        n = conn.execute(f"DELETE FROM {table} WHERE {where}", args).rowcount
        if n:
            counts[table] = n
    counts["documents"] = conn.execute("DELETE FROM documents WHERE id = ?", (doc["id"],)).rowcount
    return counts


def _forget_rows(conn, documents: list[dict]) -> list[dict]:
    """Step 2: the rows of every document and their `forgotten` notes, in one transaction."""
    columns = _id_columns(conn)
    done = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for doc in documents:
            counts = _delete_rows(conn, doc, columns)
            cursor = conn.execute("INSERT INTO forgotten (document_id, sha256, counts) VALUES (?, ?, ?)",
                                  (doc["id"], doc["sha256"], json.dumps(counts, sort_keys=True)))
            done.append({"id": cursor.lastrowid, "document_id": doc["id"], "sha256": doc["sha256"], "rows": counts})
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return done


def _remove_files(store_root: Path, sha256: str) -> int:
    """Step 3: the original and its searchable copy share the hash as their name; a copy an interrupted
    import left half-written (`.incoming-*`) in the same folder may hold the text too. No import runs while
    the writer lock is held, so every such copy is a leftover."""
    folder = store_root / sha256[:2]
    removed = 0
    if not folder.is_dir():
        return 0
    for path in [*folder.glob(sha256 + "*"), *folder.glob(TEMP_PREFIX + "*")]:
        path.unlink(missing_ok=True)
        removed += 1
    if not any(folder.iterdir()):
        folder.rmdir()  # its name is two digits of the hash: nothing to keep it for
    return removed


def _clear_catalog(conn) -> None:
    """Step 5: VACUUM writes the catalog anew without the free pages that held the deleted text; the
    checkpoint copies it into the file and truncates the write-ahead log, whose old frames hold the text as
    imported. A search reading the catalog at that moment holds the log: wait for it, a few times."""
    conn.execute("VACUUM")
    for _ in range(CHECKPOINT_TRIES):
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if not busy:
            return
    raise ArchiveError("The catalog is being read by another program, so the erased text is still in its log; "
                       "run the same forget again when the searches have finished.")


def forget(conn, store_root: Path, given: list[str], erase_index: Callable[[list[str]], dict],
           confirm: Callable[[list[dict]], bool] | None = None) -> dict:
    """Erase the documents `given` (ids or unique prefixes) and finish any erasure a crash interrupted.
    `confirm` sees the documents (id, date, body, file) before anything changes and may cancel."""
    documents, pending = resolve(conn, given)
    if confirm is not None and documents:
        shown = rows(conn, f"""SELECT id, date, body, kind, source_name
                               FROM documents WHERE id IN ({', '.join('?' for _ in documents)}) ORDER BY id""",
                     *[d["id"] for d in documents])
        if not confirm(shown):
            return {"cancelled": True, "forgotten": [], "resumed": []}
    old_secure = conn.execute("PRAGMA secure_delete").fetchone()[0]
    conn.execute("PRAGMA secure_delete = ON")  # freed pages are zeroed even before the VACUUM
    try:
        fresh = _forget_rows(conn, documents) if documents else []
    finally:
        conn.execute(f"PRAGMA secure_delete = {int(old_secure)}")
    todo = [*pending, *fresh]
    if not todo:
        return {"cancelled": False, "forgotten": [], "resumed": [], "index": {}}
    files = {t["document_id"]: _remove_files(store_root, t["sha256"]) for t in todo}
    index = erase_index([t["document_id"] for t in todo])
    _clear_catalog(conn)
    conn.execute(f"""UPDATE forgotten SET completed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                     WHERE id IN ({', '.join('?' for _ in todo)})""", [t["id"] for t in todo])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {
        "cancelled": False,
        "forgotten": [{"id": t["document_id"], "sha256": t["sha256"], "rows": t["rows"],
                       "files": files[t["document_id"]]} for t in fresh],
        "resumed": [{"id": t["document_id"], "sha256": t["sha256"], "files": files[t["document_id"]]}
                    for t in pending],
        "index": index,
    }
