"""The Whoosh index on disk: a disposable cache of the catalog, rebuilt when its version is old.

Only the archive's single writer (holding the archive lock) changes it;
searches open their own readers and keep working during an import.
"""
from __future__ import annotations

import json
import os
import pickle
import shutil
import struct
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index

from ..storage.catalog import rows, snapshot
from .schema import VERSION, schema

# Building the index needs documents.py, glossary.py and analysis.py's vocabulary; they are imported where the
# index is written, so that a search (which only opens the index) does not load them.

MARK = "minutes-index.json"
BUILDING, REPLACED = ".new", ".old"  # suffixes of the index folder while a rebuild swaps it in
GLOSSARY = "glossary.json"
PARALLEL_FROM = 20_000  # index documents; below this one process is faster


@contextmanager
def _private():
    """Index files are as private as the catalog: Whoosh creates them with the process umask."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def _stamp() -> dict:
    return {"schema": VERSION, "layout": 2}  # layout 2: segments stored as separate files


def is_current(path: Path) -> bool:
    """Whether the index can be used as it is; anything else means a rebuild from the catalog, which is cheap
    and loses nothing (Whoosh pickles the schema with our analyzers' module paths, so code that moved them
    cannot read an older index)."""
    try:
        return json.loads((path / MARK).read_text()) == _stamp() and whoosh_index.exists_in(str(path))
    except (OSError, ValueError, ImportError, AttributeError, pickle.UnpicklingError):
        return False


DAMAGED = "The search index is damaged ({}): run minutes reindex."
# What Whoosh raises on a missing, truncated or garbled table of contents or segment file.
OPEN_ERRORS = (OSError, EOFError, ValueError, TypeError, KeyError, pickle.UnpicklingError, struct.error,
               ImportError, AttributeError, whoosh_index.IndexError)


def open_index(path: Path):
    """Open the index, checking that every segment's files are there: a missing one would fail mid-search."""
    from ..errors import ArchiveError

    try:
        ix = whoosh_index.open_dir(str(path))
        for segment in ix._segments():
            needed = [segment.make_filename(".seg")] if segment.is_compound() else \
                [segment.make_filename(ext) for ext in (".trm", ".pst", "._stored.col")]
            missing = [name for name in needed if not ix.storage.file_exists(name)]
            if missing:
                raise FileNotFoundError(f"{missing[0]} is missing")
    except OPEN_ERRORS as exc:
        raise ArchiveError(DAMAGED.format(exc)) from exc
    return ix


class _Words:
    """The archive's item words, counted once in a process and then kept up to date by its syncs: a process
    that follows an import (archive/live_index.py) syncs every few tenths of a second, and counting every
    item of a large archive each time would cost it a core."""

    def __init__(self) -> None:
        self.conn, self.documents, self.counts, self.common = None, set(), Counter(), None


_WORDS = _Words()


def prepare_vocabulary(conn, added: list[str] | None = None) -> None:
    """The compound field's vocabulary for indexing: counted afresh, or (`added`) the last count of this
    connection plus those documents' items."""
    from .analysis import use_archive_vocabulary
    from .documents import item_words

    if added is None or _WORDS.conn is not conn:
        _WORDS.conn, _WORDS.counts = conn, item_words(conn)
        _WORDS.documents = {r["id"] for r in rows(conn, "SELECT id FROM documents")}
    else:
        new = [doc_id for doc_id in added if doc_id not in _WORDS.documents]
        if new:
            _WORDS.counts.update(item_words(conn, new))
            _WORDS.documents.update(new)
    common = {word for word, n in _WORDS.counts.items() if n >= 2}
    if common != _WORDS.common:  # a new vocabulary also empties the analyzers' remembered words
        _WORDS.common = common
        use_archive_vocabulary(common)


def glossary_pairs(conn) -> dict[str, str]:
    """Abbreviations for query expansion, kept beside the index so a search needs no glossary scan."""
    from ..storage.glossary import glossary

    return {a["short"]: a["long"] for a in glossary(conn)["abbreviations"] if a["long"]}


def _save_glossary(conn, path: Path) -> None:
    (path / GLOSSARY).write_text(json.dumps(glossary_pairs(conn), ensure_ascii=False))


def load_glossary(path: Path) -> dict[str, str]:
    try:
        return json.loads((path / GLOSSARY).read_text())
    except (OSError, ValueError):
        return {}


def rebuild(conn, path: Path) -> int:
    """Build the whole index afresh from the catalog, then swap it in."""
    with _private(), snapshot(conn):
        return _rebuild(conn, path)


def _rebuild(conn, path: Path) -> int:
    fresh = path.with_name(path.name + BUILDING)
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        count = _build(conn, fresh)
    except BaseException:  # a full disk or Ctrl-C: no half-built index left beside the archive
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    old = path.with_name(path.name + REPLACED)
    shutil.rmtree(old, ignore_errors=True)
    if path.exists():
        path.rename(old)
    fresh.rename(path)
    shutil.rmtree(old, ignore_errors=True)
    return count


def _build(conn, fresh: Path) -> int:
    from .documents import index_documents, record_count

    fresh.mkdir(parents=True, mode=0o700)
    ix = whoosh_index.create_in(str(fresh), schema())
    prepare_vocabulary(conn)
    total = record_count(conn)
    # Not compound: reading a sub-file of a compound segment copies it into memory on every open.
    parallel = {"procs": 2, "multisegment": True, "limitmb": 256} if total >= PARALLEL_FROM else {"limitmb": 256}
    parallel["compound"] = False
    writer = ix.writer(**parallel)
    count = 0
    try:
        for doc in index_documents(conn):
            writer.add_document(**doc)
            count += 1
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    _save_glossary(conn, fresh)
    (fresh / MARK).write_text(json.dumps(_stamp()))
    return count


def sync(conn, path: Path, glossary: bool = True) -> dict:
    """Make the index hold exactly the catalog's documents: add the missing ones, drop the gone ones.

    `glossary=False` leaves the abbreviations beside the index as they were (a process that follows an
    import refreshes them once, at its end, with `save_glossary`: they are read from every term in the
    archive)."""
    with snapshot(conn):  # an import may be committing meanwhile (archive/live_index.py)
        return _sync(conn, path, glossary)


def save_glossary(conn, path: Path) -> None:
    with snapshot(conn), _private():
        _save_glossary(conn, path)


def _sync(conn, path: Path, glossary: bool) -> dict:
    if not is_current(path):
        return {"rebuilt": True, "documents": rebuild(conn, path)}
    ix = open_index(path)
    with ix.searcher() as searcher:
        indexed = _live_documents(searcher)
    catalog = {r["id"] for r in rows(conn, "SELECT id FROM documents")}
    missing, gone = sorted(catalog - indexed), sorted(indexed - catalog)
    if missing or gone:
        with _private():
            _update(conn, ix, path, missing, gone, glossary)
    return {"rebuilt": False, "added": len(missing), "removed": len(gone)}


def _live_documents(searcher) -> set[str]:
    """Whoosh keeps a deleted document's terms in the word list until its segment is merged, so a document
    dropped earlier would still look indexed and, when it comes back to the catalog, never be added again."""
    terms = [term.decode() for term in searcher.lexicon("document_id")]
    if not searcher.reader().has_deletions():
        return set(terms)
    return {term for term in terms if searcher.document_number(document_id=term) is not None}


def _update(conn, ix, path: Path, missing: list[str], gone: list[str], glossary: bool = True) -> None:
    from .documents import index_documents

    prepare_vocabulary(conn, None if gone else missing)
    writer = ix.writer(compound=False)
    try:
        for doc_id in gone:
            writer.delete_by_term("document_id", doc_id)
        for doc_id in missing:
            writer.delete_by_term("document_id", doc_id)  # half-written by an interrupted run
            for doc in index_documents(conn, [doc_id]):
                writer.add_document(**doc)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    if glossary:
        _save_glossary(conn, path)


def erase(conn, path: Path, document_ids: list[str]) -> dict:
    """Drop documents from the index so that none of their text stays on disk.

    Whoosh only marks deleted documents; their terms and stored text stay in the old segment files until a
    merge. So the deletion is committed with `optimize`, which writes the live documents into one new segment
    and removes every other segment file. Builds left by a killed `reindex` (`index.new`, `index.old`) may hold
    the text too: the caller holds the writer lock, so no build is running and they are removed. Idempotent:
    run again after a crash it deletes nothing and rewrites the segments once more.
    """
    for leftover in (path.with_name(path.name + BUILDING), path.with_name(path.name + REPLACED)):
        shutil.rmtree(leftover, ignore_errors=True)
    if not is_current(path):
        return {"rebuilt": True, "documents": rebuild(conn, path)}
    ix = open_index(path)
    with _private():
        writer = ix.writer(compound=False)
        try:
            removed = sum(writer.delete_by_term("document_id", doc_id) or 0 for doc_id in document_ids)
            writer.commit(optimize=True)
        except BaseException:
            writer.cancel()
            raise
        _save_glossary(conn, path)
    return {"rebuilt": False, "removed": removed}
