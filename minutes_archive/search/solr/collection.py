"""An archive's collection on a SolrCloud: the configset shipped in configset/, uploaded under a versioned
name; a physical collection per build, and an alias named for the archive that points at the current one.

`reindex` builds a new collection beside the old and moves the alias to it, so searches go on during a
rebuild and never see a half-built collection (as the Whoosh index is swapped in whole).
"""
from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

from .client import Solr, SolrError

SCHEMA = 1  # bump when configset/ changes
CONFIGSET = Path(__file__).with_name("configset")


def config_name() -> str:
    """The configset's name on the cluster, from its own version and the analysis version (the Whoosh schema's:
    Solr is handed terms analysed by the same code, so a change there means a rebuild here too)."""
    from ..schema import VERSION

    return f"minutes-s{SCHEMA}-a{VERSION}"


def _zipped() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for path in sorted(CONFIGSET.iterdir()):
            if path.is_file():
                out.write(path, path.name)
    return buffer.getvalue()


def ensure_configset(solr: Solr) -> str:
    name = config_name()
    if name not in solr.get("/admin/configs", {"action": "LIST", "wt": "json"}).get("configSets", []):
        solr.post("/admin/configs", {"action": "UPLOAD", "name": name, "wt": "json"}, _zipped(),
                  "application/octet-stream")
    return name


def live_nodes(solr: Solr) -> list[str]:
    return solr.get("/admin/collections", {"action": "CLUSTERSTATUS", "wt": "json"})["cluster"].get("live_nodes", [])


def target(solr: Solr, alias: str) -> str | None:
    """The collection the archive's alias points at, or None before the first build."""
    aliases = solr.get("/admin/collections", {"action": "LISTALIASES", "wt": "json"}).get("aliases", {})
    return aliases.get(alias) or None


def status(solr: Solr, collection: str) -> dict | None:
    """The collection's entry in the cluster state (configName, shards and their replicas), or None."""
    try:
        state = solr.get("/admin/collections", {"action": "CLUSTERSTATUS", "collection": collection, "wt": "json"})
    except SolrError:  # "Collection: x not found"
        return None
    return state["cluster"].get("collections", {}).get(collection)


def create(solr: Solr, alias: str, shards: int | None = None, replicas: int | None = None) -> str:
    """A new empty collection for `alias`, on every live node: by default a shard per node, each held twice
    (when there are two nodes or more), so that a node can die without losing a shard."""
    nodes = len(live_nodes(solr))
    shards = shards or max(1, nodes)
    replicas = replicas or min(2, max(1, nodes))
    name = f"{alias}_{time.strftime('%Y%m%d%H%M%S')}_{time.monotonic_ns() % 1000:03d}"
    solr.get("/admin/collections", {
        "action": "CREATE", "name": name, "collection.configName": ensure_configset(solr), "numShards": shards,
        "replicationFactor": replicas, "waitForFinalState": "true", "wt": "json"})
    return name


def point(solr: Solr, alias: str, collection: str) -> None:
    solr.get("/admin/collections", {"action": "CREATEALIAS", "name": alias, "collections": collection, "wt": "json"})


def delete(solr: Solr, collection: str) -> None:
    solr.get("/admin/collections", {"action": "DELETE", "name": collection, "wt": "json"})


def collections(solr: Solr, alias: str) -> list[str]:
    """Every collection ever built for the alias (current, old, or left by a killed reindex)."""
    found = solr.get("/admin/collections", {"action": "LIST", "wt": "json"}).get("collections", [])
    return [c for c in found if c.startswith(alias + "_")]
