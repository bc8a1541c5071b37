"""The public Python API: open an archive, import into it, read from it.

Every CLI command calls exactly one method here and `--json` prints what it
returns, so anything the terminal shows is scriptable too.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from . import catalog, queries
from .glossary import glossary
from .people import ALIAS_FILE, TEMPLATE, people
from .reextract import reextract
from .importer import FileResult, import_paths
from .location import archive_path
from .lock import WriterLock
from .store import BlobStore, FILE_MODE, private_dir

CATALOG = "catalog.sqlite"


class Archive:
    def __init__(self, path: str | os.PathLike | None = None):
        self.path = private_dir(archive_path(path))
        db = self.path / CATALOG
        if not db.exists():
            os.close(os.open(db, os.O_CREAT | os.O_WRONLY, FILE_MODE))
        self.conn = catalog.connect(db)
        self.store = BlobStore(self.path / "originals")
        aliases = self.path / ALIAS_FILE
        if not aliases.exists():
            aliases.write_text(TEMPLATE, encoding="utf-8")
            aliases.chmod(FILE_MODE)
        if catalog.row(self.conn, "SELECT value FROM meta WHERE key = 'needs_reextract'"):
            self.reextract()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def import_paths(
        self, paths: Iterable[str | os.PathLike], on_file: Callable[[FileResult], None] | None = None
    ) -> dict:
        """Import files and folders; one transaction per file, duplicates by content hash."""
        with WriterLock(self.path / "writer.lock"):
            report = import_paths(self.conn, self.store, list(paths), on_file)
        report["archive"] = str(self.path)
        return report

    def reextract(self) -> dict:
        """Rebuild items, decisions and entities from the stored text; no file is read again."""
        with WriterLock(self.path / "writer.lock"):
            return reextract(self.conn)

    def documents(self) -> list[dict]:
        return queries.documents(self.conn)

    def show(self, record_id: str) -> dict:
        return queries.show(self.conn, record_id)

    def people(self, name: str | None = None) -> list[dict]:
        """Persons across the archive (people.toml applied), optionally those whose name contains `name`."""
        return people(self.conn, self.path, name)

    def glossary(self) -> dict:
        """Abbreviations with their long forms, and organisations, learned from every document."""
        return glossary(self.conn)

    def stats(self) -> dict:
        result = queries.stats(self.conn)
        result["archive"] = str(self.path)
        result["originals_bytes"] = sum(p.stat().st_size for p in Path(self.store.root).rglob("*") if p.is_file())
        return result
