"""Turning files on disk into catalog records, one transaction per file."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import MinutesError, NeedsOCR
from . import catalog, ids

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
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return dict(self.__dict__)


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


def import_file(conn, store, path: Path, explicit: bool = True) -> FileResult:
    # Readers pull in pdfminer and python-docx; searches never need them, so they load here.
    from ..indexer.pipeline import extract_document
    from ..indexer.readers import SUPPORTED_SUFFIXES, read_bytes
    from ..indexer.structure.trailing_notes import prepare_layout

    source = str(path)
    if not explicit and path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return FileResult(source, "skipped", reason=f"not a minutes file type ({path.suffix or 'no extension'})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        result = FileResult(source, "failed", reason=f"cannot be read: {exc.strerror or exc}")
        catalog.log_import(conn, source, None, result.status, None, result.reason)
        return result
    digest = ids.sha256(data)
    doc_id = ids.document_id(digest)
    if catalog.row(conn, "SELECT id FROM documents WHERE sha256 = ?", digest):
        result = FileResult(source, "duplicate", doc_id, digest, reason="already in the archive")
        catalog.log_import(conn, source, digest, result.status, doc_id, None)
        return result
    try:
        layout = prepare_layout(read_bytes(data, path.name))
        extraction = extract_document(layout, doc_id, digest, path.name)
    except NeedsOCR as exc:
        store.put(data, digest, path.suffix)
        catalog.log_import(conn, source, digest, "needs_ocr", None, str(exc))
        return FileResult(source, "needs_ocr", None, digest, reason=str(exc))
    except MinutesError as exc:
        catalog.log_import(conn, source, digest, "failed", None, str(exc))
        return FileResult(source, "failed", None, digest, reason=str(exc))
    blob = store.put(data, digest, path.suffix)
    conn.execute("BEGIN IMMEDIATE")
    try:
        if catalog.row(conn, "SELECT id FROM documents WHERE sha256 = ?", digest):
            conn.execute("ROLLBACK")
            return FileResult(source, "duplicate", doc_id, digest, reason="already in the archive")
        catalog.store_extraction(conn, extraction, layout, blob, str(path.resolve()))
        catalog.log_import(conn, source, digest, "imported", doc_id, None)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    warnings = list(layout.warnings)
    if layout.damage:
        warnings.append(f"{layout.damage} damaged character(s) (U+FFFD) in the source")
    return FileResult(
        source, "imported", doc_id, digest,
        items=len(extraction.items), decisions=len(extraction.decisions),
        footnotes=len(extraction.footnotes), warnings=warnings,
    )


def import_paths(conn, store, paths, on_file: Callable[[FileResult], None] | None = None) -> dict:
    files = collect_files(paths)
    results: list[FileResult] = []
    for path, explicit in files:
        if explicit and not path.exists():
            result = FileResult(str(path), "failed", reason="no such file or folder")
        else:
            try:
                result = import_file(conn, store, path, explicit)
            except MinutesError:
                raise  # archive-level failures (locked, damaged catalog) stop the batch
            except Exception as exc:  # a reader bug must not sink a night's batch; it is reported, not hidden
                result = FileResult(str(path), "failed", reason=f"unexpected error, please report it: {type(exc).__name__}: {exc}")
                catalog.log_import(conn, str(path), None, "failed", None, result.reason)
        results.append(result)
        if on_file:
            on_file(result)
    summary = {status: sum(r.status == status for r in results) for status in STATUSES}
    return {"files": [r.to_dict() for r in results], "summary": summary}
