"""Turning files on disk into catalog records: read in parallel workers, committed one file per transaction.

An interrupted import (Ctrl-C, kill -9, power loss) is resumed by running the
same command again: every finished file is already in the catalog and is
skipped by its hash.
"""
from __future__ import annotations

import os
import stat
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..extraction.readers import SUPPORTED_SUFFIXES  # this module loads only for an import, readers and all
from ..storage import catalog
from ..records import ids
from ..errors import DiskFull, NeedsOCR, ReadOnlyArchive, UnreadableFile
from ..storage.faults import guarded
from ..records.model import LOW_CONFIDENCE
from .workers import Outcome, Task, run

STATUSES = ("imported", "duplicate", "needs_ocr", "failed", "skipped")


@dataclass
class FileResult:
    path: str  # safe to show: control characters and bytes that are not UTF-8 escaped (display_path)
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
    source: str | None = None  # the path as the catalog keeps it, byte for byte (stored_path)
    seconds: float | None = None  # from a worker taking the file to its result (None: settled without a worker)

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Options:
    jobs: int = os.cpu_count() or 1
    ocr: str = "auto"  # auto | always | never
    lang: str = "swe+eng"
    pdf_engine: str = "pdfium"  # pdfium | pdfminer: the text engine for born-digital PDFs

    def __post_init__(self) -> None:
        from ..extraction.readers.pdf import check_engine  # a wrong name fails here, not in every worker

        check_engine(self.pdf_engine)
    timeout: float = 900.0  # seconds a file of up to pages_per_timeout pages may take; longer ones get more
    pages_per_timeout: int = 30  # 900 s for 30 pages: 30 s a page, ample for OCR, so a 500-page scan gets 15,000 s
    memory_mb: int | None = 2048  # memory a single file's reader may add
    cluster: str | None = None  # a Dask scheduler (tcp://HOST:8786) to read, OCR and extract on (archive/cluster.py)


@dataclass
class ImportProgress:
    """Where an import stands, handed to `on_progress` whenever a file is started, counted or finished.

    The time left is estimated from pages, not files: a 200-page scan is not one file's worth of work. A
    file's pages are known once a worker has counted them; for the files not yet counted they are estimated
    from their size, at the pages per byte of the finished files of the same type (.pdf, .tif), or, for a
    type not seen finished yet, at the average pages per finished file (one page before any has finished).
    The rate is the pages finished per second since the import began.
    """
    files: int = 0  # every file found, read by a worker or settled without one
    done: int = 0  # files with a result
    pages: int = 0  # pages of the files finished
    pages_left: float = 0.0  # pages still to read: counted for files being read, estimated for the rest
    current: str | None = None  # the file a worker took most recently (display-safe), None when none is read
    reading: int = 0  # files being read now
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float | None:
        """Pages finished per second; None before the first page."""
        return self.pages / max(self.elapsed, 1e-6) if self.pages else None

    @property
    def seconds_left(self) -> float | None:
        rate = self.rate
        return self.pages_left / rate if rate else None


class _Estimate:
    """The bookkeeping behind `ImportProgress.pages_left` (its docstring says how pages are estimated)."""

    def __init__(self) -> None:
        self.sizes: dict[object, tuple[str, int]] = {}  # key -> (suffix, bytes) of the files not finished
        self.counted: dict[object, int] = {}  # key -> pages a worker counted, for files not finished
        self.by_type: dict[str, list[int]] = {}  # suffix -> [pages, bytes] of the finished files
        self.finished = [0, 0]  # pages, files

    def add(self, key, path: Path) -> None:
        try:
            size = os.stat(path).st_size
        except OSError:
            size = 0
        self.sizes[key] = (path.suffix.lower(), size)

    def finish(self, key, pages: int, counted: bool) -> None:
        suffix, size = self.sizes.pop(key, ("", 0))
        self.counted.pop(key, None)
        if counted:  # a duplicate or a failure says nothing about how many pages a file of its size holds
            seen = self.by_type.setdefault(suffix, [0, 0])
            seen[0] += pages
            seen[1] += size
            self.finished[0] += pages
            self.finished[1] += 1

    def pages_left(self) -> float:
        per_file = self.finished[0] / self.finished[1] if self.finished[1] else 1.0
        left = 0.0
        for key, (suffix, size) in self.sizes.items():
            if key in self.counted:
                left += self.counted[key]
                continue
            pages, size_seen = self.by_type.get(suffix, (0, 0))
            left += pages / size_seen * size if pages and size_seen and size else per_file
        return left


def collect_files(paths: Iterable[str | os.PathLike], on_unreadable: Callable[[Path, OSError], None] | None = None
                  ) -> list[tuple[Path, bool]]:
    """(file, named explicitly) for every file given or found below a folder, in a stable order.

    Hidden files are passed over in folders; a file named on the command line
    is always tried, so an unsupported one is reported rather than ignored. A
    folder that cannot be listed goes to `on_unreadable`, never silently.
    """
    out: list[tuple[Path, bool]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            def failed(exc: OSError) -> None:
                if on_unreadable:
                    on_unreadable(Path(exc.filename if exc.filename is not None else path), exc)

            for root, dirs, files in os.walk(path, onerror=failed):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out += [(Path(root) / f, False) for f in sorted(files) if not f.startswith(".")]
        else:
            out.append((path, True))
    return out


def stored_path(path: str | os.PathLike) -> str:
    """The path as the catalog keeps it: text that gives back the very bytes of the name.

    A UTF-8 name is kept as it is. A name with other bytes (Latin-1 from an old
    share, say) cannot go into SQLite as Python holds it (lone surrogates), and
    a BLOB would break every reader of the column; so its undecodable bytes are
    written `\\xNN` and its backslashes doubled, which `original_name` turns
    back into the exact bytes.
    """
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.replace(b"\\", b"\\\\").decode("utf-8", "backslashreplace")


def original_name(stored: str) -> bytes:
    """The bytes of a name kept by `stored_path` for a name that was not UTF-8."""
    import codecs

    return codecs.escape_decode(stored.encode("utf-8"))[0]


def display_path(path: str | os.PathLike) -> str:
    """The path as it may be shown: control characters (ESC, newline, bidi overrides) and bytes that are not
    UTF-8 written as escapes, so a file name can never move the cursor, recolour or fake lines in a terminal or a
    piped report."""
    return "".join(_display_char(ch) for ch in os.fspath(path))


def _display_char(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    if unicodedata.category(ch) in UNSAFE_CATEGORIES:
        return ch.encode("unicode_escape").decode("ascii")
    return ch


UNSAFE_CATEGORIES = ("Cc", "Cf", "Zl", "Zp", "Cs")  # controls, format (bidi), line/paragraph separators, surrogates

KINDS = (  # what a path is when it is not a regular file, as os.stat says
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in KINDS if test(mode)), "not a regular file")


def _result(path: Path, status: str, **fields) -> FileResult:
    return FileResult(display_path(path), status, source=stored_path(path), **fields)


def _screen(path: Path, explicit: bool) -> FileResult | None:
    """Decide in the parent, from names and os.stat alone, what needs no worker.

    Nothing is opened here: opening a FIFO blocks, and reading /dev/zero never ends.
    """
    if explicit and not os.path.lexists(path):
        return _result(path, "failed", reason="no such file or folder")
    if not explicit and path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return _result(path, "skipped", reason=f"not a minutes file type ({display_path(path.suffix) or 'no extension'})")
    try:
        info = os.stat(path)  # follows symlinks: what counts is what the link points to
    except OSError as exc:
        return _result(path, "failed", reason=f"cannot be read: {exc.strerror or exc}")
    if not stat.S_ISREG(info.st_mode):
        kind = _kind(info.st_mode)
        if os.path.islink(path):
            kind = f"a link to {kind} ({display_path(os.path.realpath(path))})"
        return _result(path, "failed" if explicit else "skipped", reason=f"{kind}, not a file; not read")
    return None


def _read(path: Path) -> bytes:
    """Runs in a worker, under its limits. O_NONBLOCK: if the file was swapped for a FIFO since it was
    screened, the open returns at once and fstat turns it away instead of blocking for ever."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise UnreadableFile(f"cannot be read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise UnreadableFile("no longer a regular file; not read")
        try:
            return handle.read()
        except OSError as exc:
            raise UnreadableFile(f"cannot be read: {exc.strerror or exc}") from None


def _work(path: Path, store, ocr: str, lang: str, ask, pdf_engine: str = "pdfium") -> tuple:
    """Runs in a worker: read, hash, ask the parent whether the content is new, then OCR and extract and keep
    the original. Only the catalog is left to the parent."""
    data = _read(path)
    digest = ids.sha256(data)
    duplicate = ask(("hash", digest))
    if duplicate:
        return ("duplicate", digest, duplicate)
    from ..extraction.readers.ocr import page_count

    ask(("pages", page_count(data, path.name)))  # the parent lets a long scan take longer
    try:
        # The document's name is a label shown by show, cite and exports: the display-safe form (the lossless
        # path is kept in source_path).
        layout, extraction = _extract(data, display_path(path.name), digest, ocr, lang, pdf_engine)
    except NeedsOCR:
        fault = _keep(store, lambda: store.put(data, digest, path.suffix))  # kept: OCR can read it later
        if fault is not None:
            return ("fault", digest, fault)
        raise
    kept: dict[str, str | None] = {}

    def keep_both() -> None:
        kept["blob"] = store.put(data, digest, path.suffix)
        kept["searchable"] = store.put_file(layout.searchable_pdf, digest, ".ocr.pdf") if layout.searchable_pdf else None

    fault = _keep(store, keep_both)
    if fault is not None:
        return ("fault", digest, fault)
    blob, searchable = kept["blob"], kept["searchable"]
    layout.searchable_pdf = None  # already in the archive: not sent back to the parent
    return ("extracted", digest, (layout, extraction, blob, searchable))


def _fetch(path: Path, ask) -> tuple:
    """Runs in a local worker of an import on a cluster: read, hash, ask whether the content is new and count
    the pages (the time limit grows with them); the bytes go back, to be sent to the cluster."""
    data = _read(path)
    digest = ids.sha256(data)
    duplicate = ask(("hash", digest))
    if duplicate:
        return ("duplicate", digest, duplicate)
    from ..extraction.readers.ocr import page_count

    ask(("pages", page_count(data, path.name)))
    return ("read", digest, data)


def _settle_remote(conn, store, path: Path, digest: str, data: bytes, status: str, value, reason) -> FileResult:
    """A file read on the cluster, kept and committed here as a local worker's would be: the original only
    once it was read (or needs OCR, to be read later), the searchable copy from the bytes that came back."""
    if status not in ("ok", "needs_ocr"):
        return _result(path, status, sha256=digest, reason=reason)
    kept: dict[str, str | None] = {}

    def keep() -> None:
        kept["blob"] = store.put(data, digest, path.suffix)
        if status == "ok" and value[2]:
            kept["searchable"] = store.put(value[2], digest, ".ocr.pdf")

    fault = _keep(store, keep)
    if fault is not None:
        raise fault
    if status == "needs_ocr":
        return _result(path, status, sha256=digest, reason=reason)
    layout, extraction, _ = value
    return _commit(conn, path, digest, layout, extraction, kept["blob"], kept.get("searchable"))


def _keep(store, write) -> DiskFull | ReadOnlyArchive | None:
    """Run `write` into the archive; a full or read-only disk is returned, not raised: it is not this file's
    fault, and the parent, told so, stops the whole import."""
    try:
        with guarded(store.root.parent):
            write()
    except (DiskFull, ReadOnlyArchive) as fault:
        return fault
    return None


def _extract(data: bytes, name: str, digest: str, ocr: str, lang: str, pdf_engine: str = "pdfium"):
    """Read, OCR where needed, extract. Nothing here touches the archive."""
    from ..extraction.pipeline import extract_document
    from ..extraction.readers import read_bytes
    from ..extraction.structure.trailing_notes import prepare_layout

    layout = prepare_layout(read_bytes(data, name, ocr, lang, pdf_engine=pdf_engine))
    return layout, extract_document(layout, ids.document_id(digest), digest, name)


def _commit(conn, path: Path, digest: str, layout, extraction, blob: str, searchable: str | None) -> FileResult:
    doc_id = ids.document_id(digest)
    conn.execute("BEGIN IMMEDIATE")
    try:
        if catalog.row(conn, "SELECT id FROM documents WHERE sha256 = ?", digest):
            conn.execute("ROLLBACK")
            return _result(path, "duplicate", document_id=doc_id, sha256=digest, reason="already in the archive")
        catalog.store_extraction(conn, extraction, layout, blob, stored_path(path.resolve()), searchable)
        catalog.log_import(conn, stored_path(path), digest, "imported", doc_id, None)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite has already rolled back after a full disk
            conn.execute("ROLLBACK")
        raise
    warnings = list(layout.warnings)
    if not extraction.items and not extraction.document.date:
        warnings.append("no items and no meeting date found: perhaps not minutes (a note, a README?); "
                        "imported all the same")
    if layout.damage:
        restored = extraction.document.repaired
        warnings.append(f"{layout.damage} damaged character(s) (U+FFFD): {restored} restored from the Swedish "
                        f"word list for search, {layout.damage - restored} left")
    low = [str(n) for n, c in sorted(layout.ocr_confidence.items()) if c < LOW_CONFIDENCE]
    if low:
        warnings.append(f"low OCR confidence on page(s) {', '.join(low)}")
    pages_read: dict[str, list[int]] = {}
    for page, how in sorted(layout.page_sources.items()):
        pages_read.setdefault(how, []).append(page)
    return _result(path, "imported", document_id=doc_id, sha256=digest, items=len(extraction.items),
                   decisions=len(extraction.decisions), footnotes=len(extraction.footnotes),
                   pages=layout.page_count, warnings=warnings, pages_read=pages_read)


def import_paths(conn, store, paths, options: Options | None = None,
                 on_file: Callable[[FileResult], None] | None = None,
                 on_progress: Callable[[ImportProgress], None] | None = None, close_fds: tuple[int, ...] = (),
                 follow: Callable[[], object] | None = None) -> dict:
    """The parent only coordinates: it walks, stats, answers workers' questions and commits; it never opens a file.

    `on_progress` gets the same `ImportProgress`, updated, whenever a file is started, counted or finished.
    `follow()` starts what indexes the committed files while the import goes on (archive/live_index.py); its
    `finish()` is in the report as "indexed"."""
    options = options or Options()
    remote = None
    if options.cluster:  # first: an unreachable cluster should cost seconds and leave nothing in the import log
        from .cluster import Remote

        remote = Remote(options.cluster)
    try:
        return _import(conn, store, paths, options, on_file, on_progress, close_fds, follow, remote)
    finally:
        if remote:
            remote.close()


def _import(conn, store, paths, options: Options, on_file, on_progress, close_fds, follow, remote) -> dict:
    results: list[FileResult] = []
    progress, estimate = ImportProgress(), _Estimate()
    reading: dict[object, float] = {}  # key -> when a worker took the file

    def tell() -> None:
        progress.pages_left, progress.reading = estimate.pages_left(), len(reading)
        latest = max(reading, key=reading.get, default=None)  # the file started last of those still read
        progress.current = None if latest is None else display_path(paths_by_key[latest])
        if on_progress:
            on_progress(progress)

    def done(result: FileResult, key=None) -> None:
        if result.status in ("failed", "needs_ocr", "duplicate"):  # imported files are logged with their commit
            catalog.log_import(conn, result.source, result.sha256, result.status, result.document_id,
                               None if result.status == "duplicate" else result.reason)
        if key is not None:
            result.seconds = round(time.monotonic() - reading.pop(key), 2)
            estimate.finish(key, result.pages, result.status == "imported")
        results.append(result)
        progress.done += 1
        progress.pages += result.pages
        if on_file:
            on_file(result)
        tell()

    def unreadable(folder: Path, exc: OSError) -> None:
        done(_result(folder, "failed", reason=f"folder cannot be read: {exc.strerror or exc}; its files were not imported"))

    tasks, paths_by_key = [], {}
    for path, explicit in collect_files(paths, unreadable):
        result = _screen(path, explicit)
        if result is not None:
            done(result)
            continue
        key = len(paths_by_key)
        paths_by_key[key] = path
        estimate.add(key, path)
        if remote:
            tasks.append(Task(key, lambda ask, path=path: _fetch(path, ask)))
        else:
            tasks.append(Task(key, lambda ask, path=path: _work(path, store, options.ocr, options.lang, ask,
                                                                 options.pdf_engine)))
    progress.files = len(results) + len(tasks)
    tell()
    if tasks:
        # Load the readers once here, so every forked worker starts with them instead of importing them again;
        # pdfium's native library too, or mapping it in a worker would count against the file's memory cap
        # (and fail under a small one as "failed to map segment", not as the memory reason).
        import pypdfium2  # noqa: F401

        from ..extraction import pipeline  # noqa: F401
        from ..extraction.readers import scanned  # noqa: F401
    digests: dict[object, str] = {}  # the hash each worker reported for its file
    pages: dict[object, int] = {}  # the pages each worker reported for its file
    claimed: set[str] = set()  # hashes a worker of this batch is reading or has read

    def answer(key, question) -> str | None:
        """None: go on; otherwise why the file is a duplicate."""
        kind, value = question
        if kind == "pages":
            pages[key] = estimate.counted[key] = value
            tell()
            return None
        digest = digests[key] = value
        if digest in claimed:
            return "same file as another in this import"
        claimed.add(digest)
        if catalog.row(conn, "SELECT id FROM documents WHERE sha256 = ?", digest):
            return "already in the archive"
        return None

    def timeout(key) -> float:
        """`--timeout` covers a file of up to pages_per_timeout pages and grows in proportion beyond, so it need
        not be sized for the longest scan (and a short file still gets no more than it says)."""
        return options.timeout * max(1.0, pages.get(key, 1) / options.pages_per_timeout)

    def started(key) -> None:
        reading[key] = time.monotonic()
        tell()

    def back(block: bool) -> None:
        """Commit what the cluster has sent back (with `block`, wait for at least one file)."""
        for key, data, status, value, reason in remote.results(block):
            done(_settle_remote(conn, store, paths_by_key.pop(key), digests.pop(key), data, status, value, reason), key)

    indexer = follow() if follow and tasks else None
    indexed = None
    try:
        for outcome in run(tasks, options.jobs, timeout, options.memory_mb, close_fds, answer, started):
            if remote and outcome.status == "ok" and outcome.value[0] == "read":
                path = paths_by_key[outcome.key]
                remote.submit(outcome.key, outcome.value[2], display_path(path.name), outcome.value[1], options.ocr,
                              options.lang, options.pdf_engine, timeout(outcome.key), options.memory_mb)
                pages.pop(outcome.key, None)
                while remote.full():  # the local workers wait meanwhile: bytes read ahead are held in memory
                    back(block=True)
                back(block=False)
                continue
            pages.pop(outcome.key, None)
            done(_settle(conn, paths_by_key.pop(outcome.key), digests.pop(outcome.key, None), outcome), outcome.key)
            if remote:
                back(block=False)
        while remote and remote.sent:
            back(block=True)
        indexed = indexer.finish() if indexer else None
    finally:
        if indexer:
            indexer.stop()
    summary = {status: sum(r.status == status for r in results) for status in STATUSES}
    return {"files": [r.to_dict() for r in results], "summary": summary, "indexed": indexed}


def _settle(conn, path: Path, digest: str | None, outcome: Outcome) -> FileResult:
    if outcome.status == "ok":
        verdict, digest, value = outcome.value
        if verdict == "duplicate":
            return _result(path, "duplicate", document_id=ids.document_id(digest), sha256=digest, reason=value)
        if verdict == "fault":
            raise value
        return _commit(conn, path, digest, *value)
    return _result(path, outcome.status, sha256=digest, reason=outcome.reason)
