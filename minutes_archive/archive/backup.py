"""`minutes backup` and `minutes restore`: a consistent copy of an archive, taken while it is in use.

The catalog is copied with SQLite's online backup API, which reads one consistent snapshot while searches and
imports go on. Originals are content-addressed, so a file already in the backup under its name is the same file:
only the missing ones are copied and a second backup is incremental. The index is a cache of the catalog and is
not copied; a restore rebuilds it.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from pathlib import Path

from ..errors import ArchiveError
from ..storage.catalog import damaged, open_readonly
from .check import CATALOG, INDEX, INDEX_LEFTOVERS, ORIGINALS, TEMP_PREFIX, check_archive
from ..storage.lock import WriterLock
from ..storage.people import ALIAS_FILE
from ..storage.blobs import FILE_MODE, private_dir

MARK = "minutes-backup.json"
SIDE_FILES = ("-wal", "-shm", "-journal")  # SQLite's companions of a catalog file
# What an archive holds before anything is imported into it: restoring over it loses nothing.
EMPTY_ARCHIVE = {CATALOG, *(CATALOG + s for s in SIDE_FILES), ALIAS_FILE, ORIGINALS, INDEX, *INDEX_LEFTOVERS,
                 "writer.lock"}


def _readonly(db: Path) -> sqlite3.Connection:
    try:
        conn = open_readonly(db)
        conn.execute("SELECT COUNT(*) FROM documents").fetchone()
    except sqlite3.DatabaseError as exc:
        raise damaged(exc, db) from exc
    return conn


def _copy_catalog(source: sqlite3.Connection, target: Path) -> None:
    """Snapshot into a temporary file, made self-contained (no WAL beside it), then renamed over the old copy."""
    temp = target.with_name(TEMP_PREFIX + target.name)
    temp.unlink(missing_ok=True)
    os.close(os.open(temp, os.O_CREAT | os.O_WRONLY, FILE_MODE))
    copy = sqlite3.connect(temp, isolation_level=None)
    try:
        try:
            source.backup(copy)
        except sqlite3.DatabaseError as exc:
            raise damaged(exc) from exc
        copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        copy.close()
    for suffix in SIDE_FILES:  # a WAL left beside the old copy would be replayed into the new one
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    os.replace(temp, target)


def _blobs(catalog: Path, originals: Path) -> tuple[set[str], list[str]]:
    """The originals a catalog refers to (documents and scans waiting for OCR), and those not found."""
    conn = open_readonly(catalog)
    try:
        wanted = {b for row in conn.execute("SELECT blob, searchable_blob FROM documents") for b in row if b}
        waiting = [r[0] for r in conn.execute(
            "SELECT DISTINCT sha256 FROM import_log WHERE status = 'needs_ocr' AND sha256 IS NOT NULL")]
    finally:
        conn.close()
    for digest in waiting:
        wanted.update(p.relative_to(originals).as_posix() for p in (originals / digest[:2]).glob(f"{digest}.*")
                      if not p.name.startswith(TEMP_PREFIX))
    missing = sorted(b for b in wanted if not (originals / b).is_file())
    return wanted - set(missing), missing


def _copy_file(source: Path, target: Path) -> None:
    private_dir(target.parent)
    temp = target.with_name(TEMP_PREFIX + target.name)
    shutil.copyfile(source, temp)
    os.chmod(temp, FILE_MODE)
    os.replace(temp, target)


def _copy_originals(source: Path, target: Path, wanted: set[str]) -> dict:
    """Copy what the target lacks; drop what the catalog no longer names (a forgotten document leaves backups too)."""
    copied = present = size = 0
    for relative in sorted(wanted):
        src, dst = source / relative, target / relative
        if dst.is_file() and dst.stat().st_size == src.stat().st_size:
            present += 1
            continue
        _copy_file(src, dst)
        copied += 1
        size += src.stat().st_size
    removed = 0
    for path in sorted(target.rglob("*")) if target.is_dir() else []:
        if path.is_file() and path.relative_to(target).as_posix() not in wanted:
            path.unlink()
            removed += 1
    return {"originals_copied": copied, "originals_already_there": present, "bytes_copied": size,
            "originals_removed": removed}


def backup(archive: Path, dest: Path) -> dict:
    """Write a consistent copy of `archive` into `dest`: a new or empty folder, or an earlier backup to update."""
    archive, dest = Path(archive).resolve(), Path(dest).resolve()
    if not (archive / CATALOG).is_file():
        raise ArchiveError(f"no archive at {archive}")
    if dest == archive or archive in dest.parents:
        raise ArchiveError(f"the backup {dest} cannot be inside the archive {archive}; choose another folder")
    if dest.is_dir() and any(dest.iterdir()) and not (dest / MARK).is_file():
        raise ArchiveError(f"{dest} holds other files; back up into a new or empty folder, or an earlier backup")
    started = time.monotonic()
    private_dir(dest)
    (dest / MARK).write_text(json.dumps({"archive": str(archive)}), encoding="utf-8")  # first, so a rerun may resume
    copied, missing = _copy_archive(archive, dest)
    result = {"archive": str(archive), "backup": str(dest)} | copied
    conn = open_readonly(dest / CATALOG)
    try:
        result["documents"] = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    finally:
        conn.close()
    result["originals_missing"] = missing  # not in the archive either: `minutes check` names them
    result["seconds"] = round(time.monotonic() - started, 2)
    mark = {k: result[k] for k in ("archive", "documents")} | {"at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    (dest / MARK).write_text(json.dumps(mark), encoding="utf-8")
    return result


def _copy_archive(src: Path, dest: Path) -> tuple[dict, list]:
    """The catalog (by SQLite's online backup), the originals it names and people.toml, from `src` into `dest`:
    backup and restore are the same copy in opposite directions. (what was copied, originals missing at `src`)"""
    source = _readonly(src / CATALOG)
    try:
        _copy_catalog(source, dest / CATALOG)
    finally:
        source.close()
    wanted, missing = _blobs(dest / CATALOG, src / ORIGINALS)
    copied = _copy_originals(src / ORIGINALS, private_dir(dest / ORIGINALS), wanted)
    if (src / ALIAS_FILE).is_file():
        _copy_file(src / ALIAS_FILE, dest / ALIAS_FILE)
    return copied, missing


def _is_empty_archive(folder: Path) -> bool:
    if not folder.exists():
        return True
    if not folder.is_dir() or any(p.name not in EMPTY_ARCHIVE for p in folder.iterdir()):
        return False
    if any(p.is_file() for p in (folder / ORIGINALS).rglob("*")):
        return False
    if not (folder / CATALOG).is_file():
        return True
    conn = _readonly(folder / CATALOG)
    try:
        return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
    finally:
        conn.close()


def restore(src: Path, dest: Path) -> dict:
    """Bring a backup (or any archive folder) back into `dest`, a new or empty folder; rebuild the index; check it."""
    from ..search import store as index_store
    from ..storage import catalog

    src, dest = Path(src).resolve(), Path(dest).resolve()
    if not (src / CATALOG).is_file():
        raise ArchiveError(f"{src} holds no backup of a minutes archive (no {CATALOG})")
    if not _is_empty_archive(dest):
        raise ArchiveError(f"{dest} already holds an archive or other files; restore into a new or empty folder")
    started = time.monotonic()
    private_dir(dest)
    with WriterLock(dest / "writer.lock"):
        copied, missing = _copy_archive(src, dest)
        result = {"backup": str(src), "archive": str(dest)} | copied
        for name in (INDEX, *INDEX_LEFTOVERS):
            shutil.rmtree(dest / name, ignore_errors=True)
        conn = catalog.connect(dest / CATALOG)  # upgrades a backup taken by an older version
        try:
            with conn:  # the restored archive searches with Whoosh: the backup's Solr collection is the original's,
                # and two archives feeding one collection would undo each other's documents
                conn.execute("DELETE FROM meta WHERE key IN ('search_engine', 'solr_url', 'solr_collection', "
                             "'archive_uid')")
                result["engine"] = "whoosh"
            result["documents"] = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            result["index_documents"] = index_store.rebuild(conn, dest / INDEX)
        finally:
            conn.close()
    result["originals_missing"] = missing
    result["check"] = check_archive(dest)
    result["seconds"] = round(time.monotonic() - started, 2)
    return result
