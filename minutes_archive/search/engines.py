"""The search engines an archive can use, as a table: Whoosh, embedded and the default, and Solr, a cluster for
large archives. Each keeps its index equal to the catalog and runs the same searches (plan.prepare, builder.py),
so every command gives the same hits on either.

An engine is opened lazily by `Archive`, and a process that follows an import (archive/live_index.py) opens its
own from `spec()`, which is plain data.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import ArchiveError, ArchiveLocked
from ..storage.location import INDEX
from ..storage.lock import WriterLock
from . import store as index_store
from .plan import SearchRequest
from .searcher import Searcher

SOLR_FOLDER = "solr"  # beside the catalog: what a Solr archive keeps locally (the abbreviations)


class WhooshEngine:
    """The index in the archive folder; searchers reopened when it changes, with their filter caches."""

    name = "whoosh"

    def __init__(self, archive: Path, settings: dict):
        self.archive, self.path = archive, archive / INDEX
        self._open: Searcher | None = None

    def spec(self) -> tuple:
        return self.name, str(self.archive), {}

    def close(self) -> None:
        if self._open is not None:
            self._open.searcher.close()
            self._open = None

    def searcher(self, conn) -> Searcher:
        if self._open is not None and self._open.searcher.up_to_date():
            return self._open
        if not index_store.is_current(self.path):
            try:
                with WriterLock(self.archive / "writer.lock"):
                    index_store.sync(conn, self.path)
            except ArchiveLocked as exc:
                raise ArchiveLocked(
                    "The search index is being built by a running import; search again when it has finished."
                ) from exc
        self.close()
        self._open = Searcher(index_store.open_index(self.path).searcher(), index_store.load_glossary(self.path))
        return self._open

    def search(self, conn, request: SearchRequest, people) -> dict:
        import struct
        from whoosh.reading import CorruptIndexError

        from ..storage.faults import storage_fault
        from .engine import run

        try:
            return run(self.searcher(conn), conn, request, people)
        except (CorruptIndexError, OSError, EOFError, struct.error) as exc:  # a segment truncated on disk
            raise (storage_fault(exc, self.archive) or ArchiveError(index_store.DAMAGED.format(exc))) from exc

    def ids(self, conn, request: SearchRequest, people):
        from .engine import iter_ids

        return iter_ids(self.searcher(conn), conn, request, people)

    def sync(self, conn, glossary: bool = True) -> dict:
        return index_store.sync(conn, self.path, glossary)

    def save_glossary(self, conn) -> None:
        index_store.save_glossary(conn, self.path)

    def rebuild(self, conn, progress: Callable[[int, int], None] | None = None) -> int:
        self.close()
        return index_store.rebuild(conn, self.path)

    def erase(self, conn, document_ids: list[str]) -> dict:
        self.close()
        return index_store.erase(conn, self.path, document_ids)


class SolrEngine:
    """An archive's collection on a SolrCloud (search/solr/)."""

    name = "solr"

    def __init__(self, archive: Path, settings: dict):
        from .solr.index import SolrIndex

        if not settings.get("url"):
            raise ArchiveError("this archive searches with Solr, but no Solr address is known: give --solr-url or "
                               "set MINUTES_SOLR_URL")
        self.archive, self.settings = archive, settings
        self.index = SolrIndex(settings["url"], settings["collection"], archive / SOLR_FOLDER)
        self._searching = None

    def spec(self) -> tuple:
        return self.name, str(self.archive), dict(self.settings)

    def close(self) -> None:
        pass

    def _search(self):
        """Searches go to the archive's alias, which a reindex moves to its new collection whole: whether it
        is current is asked once, not on every search (two cluster-state requests)."""
        from .solr.query import SolrSearch

        if self._searching is None:
            if self.index.current() is None:
                raise ArchiveError(f"this archive has no current Solr collection at {', '.join(self.index.solr.urls)}: "
                                   "run minutes reindex --engine solr")
            self._searching = SolrSearch(self.index.solr, self.settings["collection"], self.index.glossary)
        return self._searching

    def search(self, conn, request: SearchRequest, people) -> dict:
        return self._search().run(conn, request, people)

    def ids(self, conn, request: SearchRequest, people):
        return self._search().ids(conn, request, people)

    def sync(self, conn, glossary: bool = True) -> dict:
        return self.index.sync(conn, glossary)

    def save_glossary(self, conn) -> None:
        self.index.save_glossary(conn)

    def rebuild(self, conn, progress: Callable[[int, int], None] | None = None) -> int:
        self._searching = None
        return self.index.rebuild(conn, progress, self.settings.get("shards"), self.settings.get("replicas"))

    def erase(self, conn, document_ids: list[str]) -> dict:
        return self.index.erase(conn, document_ids)

    def compare(self, conn) -> dict | None:
        return self.index.compare(conn)


ENGINES = {engine.name: engine for engine in (WhooshEngine, SolrEngine)}


def open_engine(name: str, archive: str | Path, settings: dict):
    if name not in ENGINES:
        raise ArchiveError(f"the search engine must be one of {', '.join(ENGINES)}, not {name!r}")
    return ENGINES[name](Path(archive), settings)
