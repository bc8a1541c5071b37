"""Indexing while an import runs, in a process of its own.

The parent commits a file in a few milliseconds and must be free to answer
the workers; indexing the same file costs ten times that. So a separate
process follows the catalog (reading it as any other reader does, through
SQLite's WAL) and adds whatever has been committed since it last looked.
Its batches grow by themselves when indexing falls behind. The index stays a
cache: if this process fails or is killed, the import's closing `sync` does
what it left undone, and that sync finds nothing to do when it kept up.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..search.engines import open_engine
from ..storage import catalog
from .workers import _CONTEXT, _limit, own_group

LOOK_EVERY = 0.2  # seconds between looks at the catalog
FINISH_WAIT = 600.0  # s for the last batch: a rebuild of a large archive's index at the first import


def _follow(catalog_path: Path, spec: tuple, channel, close_fds: tuple[int, ...]) -> None:
    _limit(close_fds)
    engine = open_engine(*spec)
    conn = catalog.open_readonly(catalog_path)
    conn.row_factory = catalog.sqlite3.Row
    done: list[dict] = []
    seen, stopping = None, False
    while not stopping:
        stopping = channel.poll(LOOK_EVERY)
        latest = conn.execute("SELECT MAX(rowid) FROM documents").fetchone()[0]
        if latest == seen and not stopping:
            continue
        seen = latest
        done.append(engine.sync(conn, glossary=False))
    engine.save_glossary(conn)
    channel.send(done)


class LiveIndex:
    """The indexing process of one import; `finish` waits for its last batch, `stop` abandons it."""

    def __init__(self, catalog_path: Path, spec: tuple, close_fds: tuple[int, ...] = ()):
        """`spec`: the engine's (name, archive, settings), as its `spec()` gives them."""
        self.channel, theirs = _CONTEXT.Pipe(duplex=True)
        self.process = _CONTEXT.Process(target=_run, args=(catalog_path, spec, theirs, close_fds), daemon=True)
        self.process.start()
        own_group(self.process.pid)
        theirs.close()

    def finish(self) -> list[dict] | None:
        """What it indexed, or None when it failed (the closing sync then does its work)."""
        try:
            self.channel.send("stop")
            if self.channel.poll(FINISH_WAIT):
                return self.channel.recv()
        except (EOFError, OSError):
            pass
        finally:
            self.stop()
        return None

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.channel.close()



def _run(catalog_path: Path, spec: tuple, channel, close_fds: tuple[int, ...]) -> None:
    """The process's body: any failure ends it quietly, since the parent's closing sync repeats the work and
    reports the failure itself."""
    code = 0
    try:
        _follow(catalog_path, spec, channel, close_fds)
    except Exception:  # repeated and reported by the parent's closing sync
        code = 1
    except KeyboardInterrupt:
        code = 130
    finally:
        os._exit(code)


def merged(live: list[dict] | None, closing: dict) -> dict:
    """One account of the import's indexing, from the indexing process's syncs and the closing one: documents
    added and removed, and whether (and with how many index documents) the index was built afresh."""
    reports = [*(live or []), closing]
    out = {"rebuilt": any(r["rebuilt"] for r in reports),
           "added": sum(r.get("added", 0) for r in reports), "removed": sum(r.get("removed", 0) for r in reports)}
    if out["rebuilt"]:
        out["documents"] = sum(r.get("documents", 0) for r in reports)
    return out
