"""Named, recorded steps that bring an older catalog up to the current schema.

A new catalog is created complete from `catalog.schema()` and every step is recorded as applied; an older one
runs the steps above its schema version, in order, each in its own transaction, and records them with the time. Steps
only add what is missing, so a catalog written before steps were recorded upgrades the same way.
Records derived from the stored text are not migrated: a step that changes extraction asks for a re-extraction.
"""
from __future__ import annotations

import sqlite3
from typing import Callable


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def _add_columns(conn: sqlite3.Connection, table: str, columns: dict[str, str]) -> None:
    have = _columns(conn, table)
    for name, kind in columns.items():
        if name not in have:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")


def _reextract(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('needs_reextract', '1')")


def persons_dates_terms(conn: sqlite3.Connection) -> None:
    """Version 2: persons, dates and terms are extracted; their tables come from the schema itself."""
    _reextract(conn)


def closing_furniture_ocr(conn: sqlite3.Connection) -> None:
    """Version 3: signature lines, removed page furniture, the searchable copy of scans, OCR confidence."""
    _add_columns(conn, "documents", {"closing": "TEXT NOT NULL DEFAULT ''", "furniture": "TEXT NOT NULL DEFAULT '[]'",
                                     "searchable_blob": "TEXT"})
    _add_columns(conn, "pages", {"ocr_confidence": "REAL"})


def layout_features(conn: sqlite3.Connection) -> None:
    """Version 4: what the layout says about each block (heading level, indent, bold, first line, table cells),
    front-matter properties, how each page was read and how many damaged characters were mended; items are
    found anew from them."""
    _add_columns(conn, "blocks", {"level": "INTEGER", "indent": "REAL", "bold": "INTEGER NOT NULL DEFAULT 0",
                                  "lead": "INTEGER", "cells": "TEXT"})
    _add_columns(conn, "documents", {"properties": "TEXT NOT NULL DEFAULT '{}'", "repaired": "INTEGER NOT NULL DEFAULT 0"})
    _add_columns(conn, "pages", {"source": "TEXT"})
    _reextract(conn)


def decision_facts(conn: sqlite3.Connection) -> None:
    """Version 5: what the minutes say about each decision (outcome, vote counts, mover, seconder), and the
    decisions, persons and meeting facts found anew by the extractors that learned real clerks' phrasing."""
    _add_columns(conn, "decisions", {"outcome": "TEXT", "votes_for": "INTEGER", "votes_against": "INTEGER",
                                     "votes_abstain": "INTEGER", "mover": "TEXT", "seconder": "TEXT"})
    _reextract(conn)


FORGOTTEN = """CREATE TABLE IF NOT EXISTS forgotten (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    forgotten_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    completed_at TEXT,
    counts TEXT NOT NULL DEFAULT '{}'
)"""


def forgotten_log(conn: sqlite3.Connection) -> None:
    """Version 6: what `forget` erased (ids, hashes, row counts, times; never text or file names), and which
    erasures still have files, index segments or free catalog pages to clear (`completed_at` empty).
    Also run by `forget` itself: a catalog created complete records this step without running it."""
    conn.execute(FORGOTTEN)


def meeting_date_column(conn: sqlite3.Connection) -> None:
    """Version 7: the meeting's date with its fallback (minutes that state only when they were signed) as one
    column, so no query writes the fallback again."""
    if "date" not in {r[1] for r in conn.execute("PRAGMA table_xinfo(documents)")}:
        conn.execute("ALTER TABLE documents ADD COLUMN date TEXT "
                     "GENERATED ALWAYS AS (COALESCE(meeting_date, signed_date)) VIRTUAL")


OCR_WORDS = """CREATE TABLE IF NOT EXISTS ocr_words (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    x0 REAL NOT NULL,
    top REAL NOT NULL,
    x1 REAL NOT NULL,
    bottom REAL NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (document_id, page, seq)
)"""


def ocr_word_boxes(conn: sqlite3.Connection) -> None:
    """Version 8: each OCR'd word with its box on the searchable copy's page and its confidence, so a hit can be
    shown on the scan (`minutes page`). Scans imported before keep none until imported again: the boxes come
    from OCR, not from the stored text."""
    conn.execute(OCR_WORDS)


def participants_by_person(conn: sqlite3.Connection) -> None:
    """Version 9: attendance looked up by person. Every person search reads the person's attendance; without
    the index that was a scan of every participant (30 ms a search at a million items)."""
    conn.execute(PARTICIPANTS_BY_PERSON)


PARTICIPANTS_BY_PERSON = "CREATE INDEX IF NOT EXISTS participants_person ON participants(person_key)"

MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    ("persons-dates-terms", persons_dates_terms),
    ("closing-furniture-ocr", closing_furniture_ocr),
    ("layout-features", layout_features),
    ("decision-facts", decision_facts),
    ("forgotten-log", forgotten_log),
    ("meeting-date-column", meeting_date_column),
    ("ocr-word-boxes", ocr_word_boxes),
    ("participants-by-person", participants_by_person),
]
SCHEMA_VERSION = 1 + len(MIGRATIONS)


def record_all(conn: sqlite3.Connection) -> None:
    """A new catalog is created complete: every step counts as applied."""
    conn.executemany("INSERT OR IGNORE INTO migrations (name) VALUES (?)", [(name,) for name, _ in MIGRATIONS])


def migrate(conn: sqlite3.Connection, version: int) -> list[str]:
    """Run the steps an older catalog (of schema `version`) lacks, each in its own transaction with its record
    and the version it brings, so an interrupted upgrade resumes at the step it stopped in; returns their names."""
    conn.execute("""CREATE TABLE IF NOT EXISTS migrations (
        name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))""")
    ran = []
    for number, (name, step) in enumerate(MIGRATIONS, start=2):
        if number <= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            step(conn)
            conn.execute("INSERT OR REPLACE INTO migrations (name) VALUES (?)", (name,))
            conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(number),))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        ran.append(name)
    record_all(conn)  # a catalog from before steps were recorded: the earlier ones are part of it
    return ran
