"""`minutes check`: is every part of an archive whole and in step with the catalog?

Each problem is named with the command that mends it. `repair` does only what loses nothing: it removes files no
catalog row refers to and temporary leftovers, copies back an original whose source file still has the same hash,
upgrades an old catalog and rebuilds the index (a cache of the catalog). It never deletes a catalog row.
"""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path
from typing import Iterator

from ..errors import ArchiveError, NoArchive, ReadOnlyArchive
from ..storage.catalog import open_readonly
from ..search.store import BUILDING, REPLACED
from ..storage.location import CATALOG, INDEX, ORIGINALS
from ..storage.lock import WriterLock
from ..storage.blobs import TEMP_PREFIX
from ..storage.migrations import MIGRATIONS, SCHEMA_VERSION

# a killed reindex leaves the half-built or the replaced index
INDEX_LEFTOVERS = tuple(INDEX + suffix for suffix in (BUILDING, REPLACED))
REPAIR = "minutes check --repair"
FROM_BACKUP = "minutes restore BACKUP --archive NEW-FOLDER (from your latest backup)"

# kind -> (what mends it, whether `repair` does it)
KINDS: dict[str, tuple[str, bool]] = {
    "catalog_damaged": (FROM_BACKUP, False),
    "catalog_newer": ("upgrade minutes-archive", False),
    "catalog_old": (REPAIR, True),
    "migrations_missing": (REPAIR, True),
    "needs_reextract": ("minutes reextract", False),
    "original_missing": (FROM_BACKUP, False),
    "original_changed": (FROM_BACKUP, False),
    "orphan_original": (REPAIR, True),
    "forget_unfinished": ("minutes forget ID --yes (the id named)", False),
    "temp_leftover": (REPAIR, True),
    "index_missing": ("minutes reindex", True),
    "index_stale": ("minutes reindex", True),
    "index_damaged": ("minutes reindex", True),
    "index_out_of_step": ("minutes reindex", True),
}
INDEX_KINDS = {kind for kind in KINDS if kind.startswith("index_")}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _Findings:
    def __init__(self):
        self.problems: list[dict] = []
        self.fixes: list[dict] = []  # what `repair` may do: (kind, action) pairs run in order

    def add(self, kind: str, detail: str, repair: str | None = None, fix=None) -> None:
        self.problems.append({"kind": kind, "detail": detail, "repair": repair or KINDS[kind][0]})
        if fix is not None:
            self.fixes.append({"kind": kind, "detail": detail, "action": fix})


def _open_readonly(db: Path) -> sqlite3.Connection:
    conn = open_readonly(db)
    conn.row_factory = sqlite3.Row
    return conn


def _check_catalog(conn: sqlite3.Connection, found: _Findings) -> bool:
    """SQLite's own page-by-page check, then the schema version; False when the catalog cannot be trusted."""
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
    except sqlite3.DatabaseError as exc:
        found.add("catalog_damaged", f"the catalog cannot be read: {exc}")
        return False
    if result != ["ok"]:
        found.add("catalog_damaged", f"SQLite finds {len(result)} fault(s) in the catalog, first: {result[0]}")
        return False
    version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    version = int(version[0]) if version else 0
    if version > SCHEMA_VERSION:
        found.add("catalog_newer", f"the catalog is version {version}; this minutes-archive reads up to {SCHEMA_VERSION}")
        return False
    if version < SCHEMA_VERSION:  # its tables lack columns the other checks read: they run once it is upgraded
        found.add("catalog_old", f"the catalog is version {version}, not {SCHEMA_VERSION}", fix="migrate")
        return False
    applied = {r[0] for r in conn.execute("SELECT name FROM migrations")}
    lacking = [name for name, _ in MIGRATIONS if name not in applied]
    if lacking:
        found.add("migrations_missing", f"steps not recorded as applied: {', '.join(lacking)}", fix="migrate")
    if conn.execute("SELECT 1 FROM meta WHERE key = 'needs_reextract'").fetchone():
        found.add("needs_reextract", "extraction has changed since these documents were read")
    return True


def _check_originals(conn: sqlite3.Connection, root: Path, found: _Findings) -> None:
    """Every document's original present with its hash; every file under originals/ referred to by the catalog."""
    kept: set[str] = set()
    for doc in conn.execute("SELECT id, sha256, blob, searchable_blob, source_path FROM documents ORDER BY id"):
        kept.update(b for b in (doc["blob"], doc["searchable_blob"]) if b)
        path = root / doc["blob"]
        source = Path(doc["source_path"]) if doc["source_path"] else None
        kind = "original_missing" if not path.is_file() else "original_changed" if _sha256(path) != doc["sha256"] else None
        if kind is None:
            continue
        detail = f"document {doc['id']}: {doc['blob']} is {'missing' if kind == 'original_missing' else 'changed'}"
        if source is not None and source.is_file() and _sha256(source) == doc["sha256"]:
            found.add(kind, detail + f" (the file it came from, {source}, still holds it)", REPAIR,
                      fix=("restore", source, path))
        else:
            found.add(kind, detail)
    for kind, path in unreferenced(conn, root, kept):
        relative = path.relative_to(root).as_posix()
        why = "half-written by an interrupted import" if kind == "temp_leftover" else "no document refers to it"
        found.add(kind, f"{ORIGINALS}/{relative}: {why}", fix=("remove", path))


def _check_forgotten(conn: sqlite3.Connection, found: _Findings) -> None:
    """A forget that was interrupted has hidden the document but may have left its text in files, index
    segments or free pages; running it again finishes the erasure."""
    try:
        pending = conn.execute("SELECT document_id FROM forgotten WHERE completed_at IS NULL ORDER BY id").fetchall()
    except sqlite3.OperationalError:  # a catalog from before `forget` existed
        return
    for (doc_id,) in pending:
        found.add("forget_unfinished", f"document {doc_id}: forgetting it was interrupted, so some of its text may "
                                       f"still be on disk", f"minutes forget {doc_id} --yes")


def unreferenced(conn: sqlite3.Connection, root: Path, kept: set[str] | None = None) -> Iterator[tuple[str, Path]]:
    """Files under originals/ that nothing in the catalog needs: half-written copies and orphans. An import
    that stops on a full disk removes them at once; `check` reports them."""
    if kept is None:
        kept = {b for row in conn.execute("SELECT blob, searchable_blob FROM documents") for b in row if b}
    # A scan waiting for OCR is kept under its hash without a document row.
    waiting = {r[0] for r in conn.execute("SELECT sha256 FROM import_log WHERE status = 'needs_ocr' AND sha256 IS NOT NULL")}
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        if path.name.startswith(TEMP_PREFIX):
            yield "temp_leftover", path
        elif path.relative_to(root).as_posix() not in kept and path.name.split(".")[0] not in waiting:
            yield "orphan_original", path


def _index_ids(path: Path) -> set[str]:
    """Read every stored record and every posting list, so a truncated or garbled segment shows here, not mid-search."""
    from ..search import store as index_store

    ix = index_store.open_index(path)
    with ix.reader() as reader:
        ids = {fields["id"] for fields in reader.all_stored_fields()}
        for field in ix.schema.names():
            if not ix.schema[field].indexed:
                continue
            for term in reader.lexicon(field):
                reader.postings(field, term).all_ids()
    return ids


def _check_index(conn: sqlite3.Connection | None, archive: Path, found: _Findings) -> None:
    from ..search import store as index_store

    for name in INDEX_LEFTOVERS:
        if (archive / name).exists():
            found.add("temp_leftover", f"{name}: left by an interrupted reindex", fix=("remove", archive / name))
    if conn is not None and conn.execute("SELECT 1 FROM meta WHERE key = 'search_engine' AND value != 'whoosh'").fetchone():
        return  # the archive searches a Solr collection: Archive.check compares it (compare_collection)
    path = archive / INDEX
    if not path.is_dir():
        found.add("index_missing", "there is no search index", fix="reindex")
        return
    if not index_store.is_current(path):
        found.add("index_stale", "the search index was built by another version or its stamp is missing", fix="reindex")
        return
    try:
        indexed = _index_ids(path)
    except ArchiveError as exc:
        found.add("index_damaged", str(exc).removesuffix(": run minutes reindex."), fix="reindex")
        return
    except Exception as exc:  # noqa: BLE001 - any failure to read a segment means the cache must be rebuilt
        found.add("index_damaged", f"the search index cannot be read: {type(exc).__name__}: {exc}", fix="reindex")
        return
    if conn is None:
        return
    from ..search.documents import index_documents

    expected = {doc["id"] for doc in index_documents(conn)}
    missing, extra = expected - indexed, indexed - expected
    if missing or extra:
        sample = sorted(missing or extra)[:3]
        found.add("index_out_of_step", f"{len(missing)} record(s) of the catalog missing from the index, {len(extra)} "
                                       f"in the index but not the catalog (e.g. {', '.join(sample)})", fix="reindex")


def _inspect(archive: Path) -> _Findings:
    found = _Findings()
    try:
        conn = _open_readonly(archive / CATALOG)
    except sqlite3.Error as exc:
        found.add("catalog_damaged", f"the catalog cannot be opened: {exc}")
        conn = None
    try:
        healthy = conn is not None and _check_catalog(conn, found)
        if healthy:
            try:
                _check_originals(conn, archive / ORIGINALS, found)
                _check_forgotten(conn, found)
            except sqlite3.DatabaseError as exc:  # integrity_check passed, yet a read failed
                found.add("catalog_damaged", f"the catalog cannot be read: {exc}")
                healthy = False
        _check_index(conn if healthy else None, archive, found)
    finally:
        if conn is not None:
            conn.close()
    return found


def _run_unrecorded(conn) -> list[str]:
    """Steps only add what is missing, so running one that is not recorded is safe."""
    applied = {r[0] for r in conn.execute("SELECT name FROM migrations")}
    ran = []
    for name, step in MIGRATIONS:
        if name not in applied:
            step(conn)
            conn.execute("INSERT OR REPLACE INTO migrations (name) VALUES (?)", (name,))
            ran.append(name)
    return ran


def _repair(archive: Path, fixes: list[dict]) -> list[dict]:
    """Run the safe fixes; the index is rebuilt last, from the catalog as upgraded."""
    from ..storage import catalog

    done = []
    actions = [f["action"] for f in fixes]
    for fix in fixes:
        action = fix["action"]
        if isinstance(action, tuple) and action[0] == "remove":
            target = action[1]
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink(missing_ok=True)
            done.append({"kind": fix["kind"], "done": f"removed {target.relative_to(archive)}"})
        elif isinstance(action, tuple) and action[0] == "restore":
            from ..storage.blobs import BlobStore

            source, target = action[1], action[2]
            digest = target.name.split(".")[0]
            target.unlink(missing_ok=True)  # a changed copy has the same size: put() would keep it
            BlobStore(archive / ORIGINALS).put(source.read_bytes(), digest, "".join(target.suffixes))
            done.append({"kind": fix["kind"], "done": f"copied {source} back"})
    if "migrate" in actions or "reindex" in actions:
        from ..search import store as index_store

        conn = catalog.connect(archive / CATALOG)  # connecting runs the missing migration steps
        try:
            if "migrate" in actions:
                ran = _run_unrecorded(conn)
                done.append({"kind": "catalog_old", "done": f"catalog at version {SCHEMA_VERSION}"
                             + (f"; steps run and recorded: {', '.join(ran)}" if ran else "")})
            if "reindex" in actions:
                count = index_store.rebuild(conn, archive / INDEX)
                done.append({"kind": "index", "done": f"index rebuilt with {count} records"})
        finally:
            conn.close()
    return done


def check_archive(archive: Path, repair: bool = False) -> dict:
    """Check the archive at `archive`; with `repair`, mend what can be mended safely, then check again.

    Works on a catalog too damaged to open as an `Archive`. Holds the writer lock, so an import's half-written
    files are never taken for leftovers.
    """
    archive = Path(archive)
    if not (archive / CATALOG).is_file():
        raise NoArchive(f"no archive at {archive}")
    try:
        lock = WriterLock(archive / "writer.lock").__enter__()
    except ReadOnlyArchive:
        if repair:
            raise
        lock = None  # nothing can write to a read-only archive, so there is nothing to wait for
    try:
        found = _inspect(archive)
        repaired = []
        if repair and found.fixes:
            repaired = _repair(archive, found.fixes)
            found = _inspect(archive)
    finally:
        if lock is not None:
            lock.__exit__(None, None, None)
    return {"archive": str(archive), "ok": not found.problems, "problems": found.problems, "repaired": repaired}


def search_engine(archive: Path) -> str:
    """The engine the catalog records, read without opening the archive for writing."""
    try:
        conn = _open_readonly(archive / CATALOG)
        try:
            found = conn.execute("SELECT value FROM meta WHERE key = 'search_engine'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:  # a damaged catalog: check_archive has said so
        return "whoosh"
    return found[0] if found else "whoosh"


def compare_collection(result: dict, archive, repair: bool = False) -> None:
    """The Solr part of `check`: the collection holds the catalog's records, document by document; `repair`
    rebuilds it from the catalog when it does not."""
    problems = _collection_problems(archive.index.compare(archive.conn))
    if problems and repair:
        count = archive.reindex()["index_documents"]
        result["repaired"].append({"kind": "index", "done": f"collection rebuilt with {count} records"})
        problems = _collection_problems(archive.index.compare(archive.conn))
    result["problems"] += problems
    result["ok"] = not result["problems"]


def _collection_problems(compared: dict) -> list[dict]:
    if compared["collection"] is None:
        return [{"kind": "index_missing", "detail": "there is no current Solr collection",
                 "repair": KINDS["index_missing"][0]}]
    out = []
    for key, says in (("missing", "catalog document(s) missing from the collection"),
                      ("extra", "document(s) in the collection but not the catalog"),
                      ("different", "document(s) with other record counts in the collection than in the catalog")):
        if compared[key]:
            out.append({"kind": "index_out_of_step", "repair": KINDS["index_out_of_step"][0],
                        "detail": f"{len(compared[key])} {says} (e.g. {', '.join(compared[key][:3])})"})
    return out
