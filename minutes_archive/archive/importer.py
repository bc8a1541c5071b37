"""Turning files on disk into catalog records: read in parallel workers, committed one file per transaction.

An interrupted import (Ctrl-C, kill -9, power loss) is resumed by running the
same command again: every finished file is already in the catalog and is
skipped by its hash.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..indexer.readers import SUPPORTED_SUFFIXES  # this module loads only for an import, readers and all
from . import catalog, ids
from .model import LOW_CONFIDENCE
from .workers import Outcome, Task, run

STATUSES = ("imported", "duplicate", "needs_ocr", "failed", "skipped")


@dataclass
class FileResult:
    path: str
    status: str
    document_id: str | None = None
    sha256: str | None = None
    reason: str | None = None
    items: int = 0
    decisions: int = 0
    footnotes: int = 0
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    pages_read: dict[str, list[int]] = field(default_factory=dict)  # how pages were read: text, pdfium, ocr

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Options:
    jobs: int = os.cpu_count() or 1
    ocr: str = "auto"  # auto | always | never
    lang: str = "swe+eng"
    timeout: float = 900.0  # seconds a single file may take
    memory_mb: int | None = 2048  # memory a single file's reader may add
    index_every: int = 100  # imported files between index updates


def collect_files(paths: Iterable[str | os.PathLike]) -> list[tuple[Path, bool]]:
    """(file, named explicitly) for every file given or found below a folder, in a stable order.

    Hidden files are passed over in folders; a file named on the command line
    is always tried, so an unsupported one is reported rather than ignored.
    """
    out: list[tuple[Path, bool]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out += [(Path(root) / f, False) for f in sorted(files) if not f.startswith(".")]
        else:
            out.append((path, True))
    return out


def _extract(data: bytes, name: str, digest: str, ocr: str, lang: str):
    """Runs in a worker: read, OCR where needed, extract. Nothing here touches the archive."""
    from ..indexer.pipeline import extract_document
    from ..indexer.readers import read_bytes
    from ..indexer.structure.trailing_notes import prepare_layout

    layout = prepare_layout(read_bytes(data, name, ocr, lang))
    return layout, extract_document(layout, ids.document_id(digest), digest, name)


def _commit(conn, store, path: Path, data: bytes, digest: str, layout, extraction) -> FileResult:
    source, doc_id = str(path), ids.document_id(digest)
    blob = store.put(data, digest, path.suffix)
    searchable = store.put(layout.searchable_pdf, digest, ".ocr.pdf") if layout.searchable_pdf else None
    conn.execute("BEGIN IMMEDIATE")
    try:
        if catalog.row(conn, "SELECT id FROM documents WHERE sha256 = ?", digest):
            conn.execute("ROLLBACK")
            return FileResult(source, "duplicate", doc_id, digest, reason="already in the archive")
        catalog.store_extraction(conn, extraction, layout, blob, str(path.resolve()), searchable)
        catalog.log_import(conn, source, digest, "imported", doc_id, None)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    warnings = list(layout.warnings)
    if layout.damage:
        restored = extraction.document.repaired
        warnings.append(f"{layout.damage} damaged character(s) (U+FFFD) in the source: {restored} restored for "
                        f"extraction and search from the Swedish word list, {layout.damage - restored} left")
    low = [str(n) for n, c in sorted(layout.ocr_confidence.items()) if c < LOW_CONFIDENCE]
    if low:
        warnings.append(f"low OCR confidence on page(s) {', '.join(low)}")
    pages_read: dict[str, list[int]] = {}
    for page, how in sorted(layout.page_sources.items()):
        pages_read.setdefault(how, []).append(page)
    return FileResult(source, "imported", doc_id, digest, items=len(extraction.items),
                      decisions=len(extraction.decisions), footnotes=len(extraction.footnotes),
                      pages=layout.page_count, warnings=warnings, pages_read=pages_read)


def _screen(conn, path: Path, explicit: bool) -> tuple[FileResult | None, bytes | None, str | None]:
    """Decide in the parent what needs no worker: missing, unsupported, unreadable and duplicate files."""
    source = str(path)
    if explicit and not path.exists():
        return FileResult(source, "failed", reason="no such file or folder"), None, None
    if not explicit and path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return FileResult(source, "skipped", reason=f"not a minutes file type ({path.suffix or 'no extension'})"), None, None
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileResult(source, "failed", reason=f"cannot be read: {exc.strerror or exc}"), None, None
    digest = ids.sha256(data)
    if catalog.row(conn, "SELECT id FROM documents WHERE sha256 = ?", digest):
        return FileResult(source, "duplicate", ids.document_id(digest), digest, reason="already in the archive"), None, None
    return None, data, digest


def import_paths(conn, store, paths, options: Options | None = None,
                 on_file: Callable[[FileResult], None] | None = None,
                 on_progress: Callable[[int], None] | None = None, close_fds: tuple[int, ...] = (),
                 on_batch: Callable[[], None] | None = None) -> dict:
    options = options or Options()
    results: list[FileResult] = []

    def done(result: FileResult) -> None:
        if result.status in ("failed", "needs_ocr", "duplicate"):  # imported files are logged with their commit
            catalog.log_import(conn, result.path, result.sha256, result.status, result.document_id,
                               None if result.status == "duplicate" else result.reason)
        results.append(result)
        if on_file:
            on_file(result)

    tasks, held = [], {}
    for path, explicit in collect_files(paths):
        result, data, digest = _screen(conn, path, explicit)
        if result is not None:
            done(result)
            continue
        if digest in held:  # the same bytes twice in one batch
            done(FileResult(str(path), "duplicate", ids.document_id(digest), digest, reason="same file as another in this import"))
            continue
        held[digest] = (path, data)
        tasks.append(Task(digest, lambda data=data, name=path.name, digest=digest: _extract(
            data, name, digest, options.ocr, options.lang)))
    if on_progress:
        on_progress(len(tasks))
    if tasks:
        # Load the readers once here, so every forked worker starts with them instead of importing them again.
        from ..indexer import pipeline  # noqa: F401
        from ..indexer.readers import scanned  # noqa: F401
    imported = 0
    for outcome in run(tasks, options.jobs, options.timeout, options.memory_mb, close_fds):
        path, data = held.pop(outcome.key)
        done(_settle(conn, store, path, data, outcome))
        imported += results[-1].status == "imported"
        if on_batch and imported and imported % options.index_every == 0 and results[-1].status == "imported":
            on_batch()
    summary = {status: sum(r.status == status for r in results) for status in STATUSES}
    return {"files": [r.to_dict() for r in results], "summary": summary}


def _settle(conn, store, path: Path, data: bytes, outcome: Outcome) -> FileResult:
    if outcome.status == "ok":
        layout, extraction = outcome.value
        return _commit(conn, store, path, data, outcome.key, layout, extraction)
    if outcome.status == "needs_ocr":
        store.put(data, outcome.key, path.suffix)  # kept: OCR can read it later
    return FileResult(str(path), outcome.status, None, outcome.key, reason=outcome.reason)
