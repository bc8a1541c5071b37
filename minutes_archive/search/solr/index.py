"""An archive's collection kept equal to its catalog: built whole, synced after imports, erased by `forget`,
compared by `check`. The catalog stays the source of truth; the collection can always be built again from it."""
from __future__ import annotations

import json
from itertools import islice
from pathlib import Path
from typing import Callable

from ...storage.catalog import rows, snapshot
from . import collection as coll
from .client import Solr
from ..documents import record_count, records_per_document
from .documents import solr_documents

BATCH = 500  # documents a request: a few hundred kB of JSON


class SolrIndex:
    def __init__(self, urls: str | list[str], alias: str, folder: Path):
        self.solr = Solr(urls)
        self.alias = alias
        self.folder = folder  # beside the catalog: the glossary the query builder reads
        # The documents this process knows the collection to hold: asked of Solr once, then kept up to date by
        # its own syncs (only the archive's one writer changes the collection), so that the process following
        # an import does not ask Solr for every document id every few tenths of a second.
        self._known: tuple[str, set[str]] | None = None
        self._glossary: tuple[int, dict] | None = None

    def current(self) -> str | None:
        """The collection searches go to, when it was built with this release's configset."""
        name = coll.target(self.solr, self.alias)
        state = coll.status(self.solr, name) if name else None
        return name if state and state.get("configName") == coll.config_name() else None

    def rebuild(self, conn, progress: Callable[[int, int], None] | None = None, shards: int | None = None,
                replicas: int | None = None) -> int:
        """A new collection filled from the catalog, then the alias moved to it and the old ones dropped."""
        from ..store import prepare_vocabulary

        with snapshot(conn):
            total = record_count(conn)
            prepare_vocabulary(conn)
            new = coll.create(self.solr, self.alias, shards, replicas)
            try:
                count = self._send(new, solr_documents(conn), progress, total)
                self.solr.update(new, {"commit": {}})
            except BaseException:
                coll.delete(self.solr, new)
                raise
            self.save_glossary(conn)
        coll.point(self.solr, self.alias, new)
        for old in coll.collections(self.solr, self.alias):
            if old != new:
                coll.delete(self.solr, old)
        return count

    def _send(self, name: str, docs, progress=None, total: int = 0) -> int:
        count = 0
        docs = iter(docs)
        while batch := list(islice(docs, BATCH)):
            self.solr.update(name, batch)
            count += len(batch)
            if progress:
                progress(count, total)
        return count

    def indexed(self, name: str) -> dict[str, int]:
        """Records per catalog document in the collection, counted by Solr (only live documents count)."""
        found = self.solr.query(name, {"q": "*:*", "rows": 0, "facet": "true", "facet.field": "document_id",
                                       "facet.limit": -1, "facet.mincount": 1, "json.nl": "map"})
        return found["facet_counts"]["facet_fields"]["document_id"]

    def sync(self, conn, glossary: bool = True) -> dict:
        """Send the catalog's documents the collection lacks and drop the ones the catalog no longer has."""
        from ..store import prepare_vocabulary

        name = self.current()
        if name is None:
            return {"rebuilt": True, "documents": self.rebuild(conn)}
        with snapshot(conn):
            if self._known is None or self._known[0] != name:
                self._known = name, set(self.indexed(name))
            indexed = self._known[1]
            catalog = {r["id"] for r in rows(conn, "SELECT id FROM documents")}
            missing, gone = sorted(catalog - indexed), sorted(indexed - catalog)
            if missing or gone:
                prepare_vocabulary(conn, None if gone else missing)
                self._delete(name, gone + missing)  # a document half-sent by an interrupted run is replaced whole
                for start in range(0, len(missing), 50):
                    self._send(name, solr_documents(conn, missing[start:start + 50]))
                self.solr.update(name, {"commit": {}})
                indexed.difference_update(gone)
                indexed.update(missing)
            if glossary:
                self.save_glossary(conn)
        return {"rebuilt": False, "added": len(missing), "removed": len(gone)}

    def _delete(self, name: str, document_ids: list[str]) -> None:
        for start in range(0, len(document_ids), 200):
            ids = ",".join(document_ids[start:start + 200])
            self.solr.update(name, {"delete": {"query": f"{{!terms f=document_id}}{ids}"}})

    def erase(self, conn, document_ids: list[str]) -> dict:
        """Drop documents so that their text leaves the collection's segments too: the deletion is committed
        with expungeDeletes, which rewrites the segments that held them."""
        name = self.current()
        if name is None:
            return {"rebuilt": True, "documents": self.rebuild(conn)}
        before = self.solr.query(name, {"q": "{!terms f=document_id}" + ",".join(document_ids), "rows": 0}
                                 )["response"]["numFound"] if document_ids else 0
        self._known = None
        self._delete(name, document_ids)
        self.solr.post(f"/{name}/update", {"commit": "true", "expungeDeletes": "true", "wt": "json"}, b"{}")
        self.save_glossary(conn)
        return {"rebuilt": False, "removed": before}

    def compare(self, conn) -> dict:
        """Catalog and collection side by side: documents missing from either, and documents whose record counts
        differ."""
        name = self.current()
        if name is None:
            return {"collection": None, "missing": None, "extra": None, "different": None, "records": None}
        with snapshot(conn):
            expected = records_per_document(conn)
        found = self.indexed(name)
        return {
            "collection": name,
            "records": {"catalog": sum(expected.values()), "collection": sum(found.values())},
            "missing": sorted(set(expected) - set(found)), "extra": sorted(set(found) - set(expected)),
            "different": sorted(d for d in set(expected) & set(found) if expected[d] != found[d]),
        }

    def save_glossary(self, conn) -> None:
        from ..store import glossary_pairs

        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        (self.folder / "glossary.json").write_text(json.dumps(glossary_pairs(conn), ensure_ascii=False))

    def glossary(self) -> dict[str, str]:
        """The abbreviations, read again only when an import or reindex has written them anew."""
        path = self.folder / "glossary.json"
        try:
            stamp = path.stat().st_mtime_ns
            if self._glossary is None or self._glossary[0] != stamp:
                self._glossary = stamp, json.loads(path.read_text())
        except (OSError, ValueError):
            return {}
        return self._glossary[1]
