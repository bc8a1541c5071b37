"""The Whoosh index on disk: a disposable cache of the catalog, rebuilt when its version is old.

Only the archive's single writer (holding the archive lock) changes it;
searches open their own readers and keep working during an import.
"""
from __future__ import annotations

import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index

from ...archive.catalog import rows
from .schema import VERSION, schema

# Building the index needs documents.py, glossary.py and analysis.py's vocabulary; they are imported where the
# index is written, so that a search (which only opens the index) does not load them.

MARK = "minutes-index.json"
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
    try:
        return json.loads((path / MARK).read_text()) == _stamp() and whoosh_index.exists_in(str(path))
    except (OSError, ValueError):
        return False


def open_index(path: Path):
    return whoosh_index.open_dir(str(path))


def _prepare_vocabulary(conn) -> None:
    from .analysis import use_archive_vocabulary
    from .documents import archive_vocabulary

    use_archive_vocabulary(archive_vocabulary(conn))


def _save_glossary(conn, path: Path) -> None:
    """Abbreviations for query expansion, kept beside the index so a search needs no glossary scan."""
    from ...archive.glossary import glossary

    pairs = {a["short"]: a["long"] for a in glossary(conn)["abbreviations"] if a["long"]}
    (path / GLOSSARY).write_text(json.dumps(pairs, ensure_ascii=False))


def load_glossary(path: Path) -> dict[str, str]:
    try:
        return json.loads((path / GLOSSARY).read_text())
    except (OSError, ValueError):
        return {}


def rebuild(conn, path: Path) -> int:
    """Build the whole index afresh from the catalog, then swap it in."""
    with _private():
        return _rebuild(conn, path)


def _rebuild(conn, path: Path) -> int:
    from .documents import index_documents

    fresh = path.with_name(path.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True, mode=0o700)
    ix = whoosh_index.create_in(str(fresh), schema())
    _prepare_vocabulary(conn)
    total = rows(conn, "SELECT (SELECT COUNT(*) FROM items) + (SELECT COUNT(*) FROM decisions) + "
                       "(SELECT COUNT(*) FROM footnotes) + (SELECT COUNT(*) FROM attachments) AS n")[0]["n"]
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
    old = path.with_name(path.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if path.exists():
        path.rename(old)
    fresh.rename(path)
    shutil.rmtree(old, ignore_errors=True)
    return count


def sync(conn, path: Path) -> dict:
    """Make the index hold exactly the catalog's documents: add the missing ones, drop the gone ones."""
    if not is_current(path):
        return {"rebuilt": True, "documents": rebuild(conn, path)}
    ix = open_index(path)
    with ix.searcher() as searcher:
        indexed = {term.decode() for term in searcher.lexicon("document_id")}
    catalog = {r["id"] for r in rows(conn, "SELECT id FROM documents")}
    missing, gone = sorted(catalog - indexed), sorted(indexed - catalog)
    if missing or gone:
        with _private():
            _update(conn, ix, path, missing, gone)
    return {"rebuilt": False, "added": len(missing), "removed": len(gone)}


def _update(conn, ix, path: Path, missing: list[str], gone: list[str]) -> None:
    from .documents import index_documents

    _prepare_vocabulary(conn)
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
    _save_glossary(conn, path)
