"""The SQLite catalog: the archive's source of truth.

It keeps the reader's blocks and notes as well as the extracted records, so
extraction and the search index can be rebuilt without the original files.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from functools import lru_cache
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ArchiveError, ArchiveLocked
from .faults import guarded, storage_fault
from .migrations import FORGOTTEN, OCR_WORDS, SCHEMA_VERSION, migrate, record_all

if TYPE_CHECKING:  # the records are only written here: reading the catalog (every search) need not load them
    from ..records.model import Extraction

_FIXED = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    source_name TEXT NOT NULL,
    source_path TEXT,
    blob TEXT NOT NULL,
    format TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT,
    title TEXT,
    meeting_date TEXT,
    signed_date TEXT,
    place TEXT,
    language TEXT NOT NULL,
    page_count INTEGER NOT NULL,
    encoding TEXT,
    damage INTEGER NOT NULL DEFAULT 0,
    repaired INTEGER NOT NULL DEFAULT 0,
    preamble TEXT NOT NULL DEFAULT '',
    closing TEXT NOT NULL DEFAULT '',
    furniture TEXT NOT NULL DEFAULT '[]',
    searchable_blob TEXT,
    properties TEXT NOT NULL DEFAULT '{}',
    imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    date TEXT GENERATED ALWAYS AS (COALESCE(meeting_date, signed_date)) VIRTUAL
);
CREATE TABLE IF NOT EXISTS pages (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    ocr_confidence REAL,
    source TEXT,
    PRIMARY KEY (document_id, number)
);
CREATE TABLE IF NOT EXISTS blocks (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    page INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    size REAL,
    style TEXT,
    blank_before INTEGER NOT NULL DEFAULT 0,
    level INTEGER,
    indent REAL,
    bold INTEGER NOT NULL DEFAULT 0,
    lead INTEGER,
    cells TEXT,
    PRIMARY KEY (document_id, seq)
);
CREATE TABLE IF NOT EXISTS notes (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    number INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    page INTEGER NOT NULL,
    anchor_block INTEGER,
    anchor_offset INTEGER,
    PRIMARY KEY (document_id, seq)
);
CREATE TABLE IF NOT EXISTS import_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    source_path TEXT NOT NULL,
    sha256 TEXT,
    status TEXT NOT NULL,
    document_id TEXT,
    reason TEXT
);
{records}
CREATE INDEX IF NOT EXISTS items_document ON items(document_id);
CREATE INDEX IF NOT EXISTS mentions_person ON person_mentions(person_key);
CREATE INDEX IF NOT EXISTS mentions_item ON person_mentions(item_id);
CREATE INDEX IF NOT EXISTS dates_item ON date_mentions(item_id);
CREATE INDEX IF NOT EXISTS terms_short ON terms(short);
CREATE INDEX IF NOT EXISTS decisions_item ON decisions(item_id);
CREATE INDEX IF NOT EXISTS footnotes_item ON footnotes(item_id);
CREATE INDEX IF NOT EXISTS import_log_sha ON import_log(sha256);
CREATE INDEX IF NOT EXISTS documents_date ON documents(date);
CREATE INDEX IF NOT EXISTS participants_person ON participants(person_key);
"""
# Record class -> table. The class's fields are the table's columns, in order: they are declared once, in
# records/model.py, and the tables below are made from them (the documents, pages, blocks and notes hold more
# than one record class and are written out above).
_TABLES = {"Item": "items", "Decision": "decisions", "Footnote": "footnotes", "Attachment": "attachments",
           "PersonMention": "person_mentions", "Participant": "participants", "Proposal": "proposals",
           "DateMention": "date_mentions", "Term": "terms"}
_SQL_TYPES = {"str": "TEXT", "int": "INTEGER", "float": "REAL", "bool": "INTEGER", "list[str]": "TEXT"}  # lists as JSON
_REFERS = {"document_id": "documents", "item_id": "items", "related_item_id": "items", "attachment_id": "attachments"}


def _column(f) -> str:
    """A field as a column: optional fields may be NULL, a reference that may be NULL is cleared when its
    record goes and one that may not takes its rows with it."""
    kind = str(f.type)
    nullable = kind.endswith(" | None")
    base = kind.removesuffix(" | None")
    parts = [f.name, _SQL_TYPES[base]]
    if f.name == "id":
        parts.append("PRIMARY KEY")
    elif not nullable:
        parts.append("NOT NULL")
    if base == "bool":
        parts.append(f"DEFAULT {int(f.default)}")
    if f.name in _REFERS:
        parts.append(f"REFERENCES {_REFERS[f.name]}(id) ON DELETE {'SET NULL' if nullable else 'CASCADE'}")
    return " ".join(parts)


def _record_tables() -> str:
    from dataclasses import fields

    from ..records import model

    return "\n".join(f"CREATE TABLE IF NOT EXISTS {table} (\n    "
                     + ",\n    ".join(_column(f) for f in fields(getattr(model, name))) + "\n);"
                     for name, table in _TABLES.items())


@lru_cache(maxsize=1)
def schema() -> str:
    """The whole schema of a new catalog, made when one is created or upgraded: opening a current catalog (every
    search) need not load the records. A table, column or index added later comes with a migration step."""
    # the erasure log and the OCR word boxes, as their steps add them
    return _FIXED.replace("{records}", _record_tables()) + FORGOTTEN + ";\n" + OCR_WORDS + ";\n"
DERIVED = ["terms", "date_mentions", "proposals", "participants", "person_mentions", "footnotes", "decisions",
           "attachments", "items"]


def damaged(exc: sqlite3.DatabaseError, path: Path | None = None) -> ArchiveError:
    """A garbage page or header is found only when a query reads it, in any command: each says the same."""
    where = f" {path}" if path else ""
    return ArchiveError(f"The archive catalog{where} is damaged ({exc}): run minutes check.")


def _corrupt(exc: sqlite3.DatabaseError) -> bool:
    """Damage, not a busy lock or a broken constraint (those are OperationalError / IntegrityError)."""
    return type(exc) is sqlite3.DatabaseError


def _open(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A connection, and whether the archive can be written.

    A catalog in WAL mode needs its -shm file written even to be read; on a read-only disk (a DVD, a
    read-only share) it is opened read-only, and as immutable when no WAL is left beside it, so the
    archive can still be searched.
    """
    if os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK)):
        return sqlite3.connect(path, timeout=30, isolation_level=None), True
    return open_readonly(path), False


def open_readonly(path: Path) -> sqlite3.Connection:
    """A connection that never writes, also on a read-only disk (where a WAL catalog without its side files
    can only be opened as immutable: nobody can be writing to it there)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not os.access(path.parent, os.W_OK) and not path.with_name(path.name + "-wal").exists():
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)


def _version(conn: sqlite3.Connection) -> int | None:
    """The catalog's schema version; None for a new, empty catalog."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone():
        return None
    found = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(found[0]) if found else None


def connect(path: Path) -> sqlite3.Connection:
    """Open the catalog; an older one is brought up to date by its recorded steps before the schema creates
    anything new (an index on a column a step adds could not be made before the step)."""
    try:
        conn, writable = _open(path)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if writable:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
        version = _version(conn)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            raise ArchiveLocked("The archive is busy with another import; try again when it has finished.") from exc
        raise (storage_fault(exc, path.parent) or
               ArchiveError(f"The archive catalog {path} cannot be opened: {exc}.")) from exc
    except sqlite3.DatabaseError as exc:
        raise damaged(exc, path) from exc
    if version is not None and version > SCHEMA_VERSION:
        raise ArchiveError(
            f"This archive was written by a newer minutes-archive (catalog version {version}); upgrade to read it."
        )
    if version == SCHEMA_VERSION:
        return conn
    with guarded(path.parent):  # a read-only archive of an older version cannot be brought up to date
        if version is not None and version < SCHEMA_VERSION:
            migrate(conn, version)
        conn.executescript(schema())
        if version is None:
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            record_all(conn)
    return conn


def _insert(conn: sqlite3.Connection, table: str, row: dict) -> None:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))


def store_extraction(conn, extraction: Extraction, layout, blob: str, source_path: str, searchable: str | None = None) -> None:
    """Write one document and everything extracted from it; the caller holds the transaction."""
    doc = extraction.document.to_dict()
    doc.update(blob=blob, source_path=source_path, furniture=json.dumps(layout.furniture, ensure_ascii=False),
               searchable_blob=searchable, properties=json.dumps(layout.properties, ensure_ascii=False))
    _insert(conn, "documents", doc)
    pages = layout.pages()
    for seq, block in enumerate(layout.blocks):
        _insert(conn, "blocks", dict(document_id=doc["id"], seq=seq, page=block.page, kind=block.kind, text=block.text,
                                     size=block.size, style=block.style, blank_before=int(block.blank_before),
                                     level=block.level, indent=block.indent, bold=int(block.bold), lead=block.lead,
                                     cells=json.dumps(block.cells, ensure_ascii=False) if block.cells is not None else None))
    for number in range(1, layout.page_count + 1):
        _insert(conn, "pages", dict(document_id=doc["id"], number=number, text="\n".join(b.text for b in pages.get(number, [])),
                                    ocr_confidence=layout.ocr_confidence.get(number), source=layout.page_sources.get(number)))
    for seq, note in enumerate(layout.notes):
        anchor = note.anchor or (None, None)
        _insert(conn, "notes", dict(document_id=doc["id"], seq=seq, number=note.number, kind=note.kind, text=note.text,
                                    page=note.page, anchor_block=anchor[0], anchor_offset=anchor[1]))
    conn.executemany("INSERT INTO ocr_words VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [(doc["id"], word.page, seq, word.text, *word.box, word.confidence)
                      for seq, word in enumerate(getattr(layout, "words", ()))])
    store_records(conn, extraction)


def store_records(conn, extraction: Extraction) -> None:
    """Everything extracted from a document's blocks; replaced whole on re-extraction."""
    for record in [*extraction.items, *extraction.attachments, *extraction.decisions, *extraction.footnotes,
                   *extraction.mentions, *extraction.participants, *extraction.proposals, *extraction.dates,
                   *extraction.terms]:
        row = record.to_dict()
        table = _TABLES[type(record).__name__]
        if table == "attachments":
            row["sections"] = json.dumps(record.sections, ensure_ascii=False)
        _insert(conn, table, row)


def log_import(conn, source_path: str, sha: str | None, status: str, document_id: str | None, reason: str | None) -> None:
    _insert(conn, "import_log", dict(source_path=source_path, sha256=sha, status=status, document_id=document_id, reason=reason))


@contextmanager
def snapshot(conn):
    """Reads that see one state of the catalog. Without it every SELECT sees the latest commit, so a reader
    following an import (the index) would join one document's decisions to a state that lacks its items."""
    if conn.in_transaction:  # the caller's transaction is the snapshot
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def rows(conn, sql: str, *args) -> list[dict]:
    try:
        return [dict(r) for r in conn.execute(sql, args)]
    except sqlite3.DatabaseError as exc:
        if _corrupt(exc):
            raise damaged(exc) from exc
        raise


def row(conn, sql: str, *args) -> dict | None:
    try:
        found = conn.execute(sql, args).fetchone()
    except sqlite3.DatabaseError as exc:
        if _corrupt(exc):
            raise damaged(exc) from exc
        raise
    return dict(found) if found is not None else None
