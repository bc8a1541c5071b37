"""Reading files on a Dask `distributed` cluster (`minutes import --cluster tcp://HOST:8786`).

The importing process still walks, screens, reads and hashes every file through its own local workers, and it
alone writes the archive and commits, one file per transaction. Only the expensive part (read, OCR, extract)
crosses to the cluster: the file's bytes go to a Dask worker, which runs it in the same forked sandbox as a local
import (workers.run: the time limit, the RLIMIT_AS memory cap, Tesseract in the sandbox's process group), and the
layout, the extraction and the searchable PDF's bytes come back. Duplicates are settled before anything is sent,
and a task's Dask key is the file's content hash (and how it is read): a task Dask runs twice (its worker died
after finishing) still gives one result, committed once. A worker killed mid-file: Dask gives its files to another
worker. The bytes travel inside the task, not scattered ahead: scattered data dies with its worker, a task's
arguments do not.

Start the workers like this, with `--nthreads` at most the machine's cores (one OCR per core):

    dask worker tcp://HOST:8786 --nthreads 2 \\
        --preload minutes_archive.archive.cluster --preload-nanny minutes_archive.archive.cluster

In the nanny the module makes the worker process non-daemonic (the sandbox forks, which Dask's default daemonic
worker processes may not do; DASK_DISTRIBUTED__WORKER__DAEMON=False does the same); in the worker it loads pdfium
before any memory cap. The same minutes version must be installed on every worker; a worker with another one
fails the file, with that reason.

This module is imported only by an import with a cluster: `distributed` is loaded here, never at start-up.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from typing import Iterator

from ..errors import ArchiveError

CONNECT_SECONDS = 5.0  # a cluster that answers nothing within this is reported unreachable
WORKERS_SECONDS = 30.0  # a scheduler with no worker for this long would leave the import waiting for ever
IN_FLIGHT_PER_THREAD = 2  # files sent but not yet back, per worker thread: each is held in memory until committed
KEY_PREFIX = "minutes-read-"


class ClusterUnavailable(ArchiveError):
    """The Dask cluster named by --cluster cannot be reached, has no workers, or went away during an import."""


def read_remote(data: bytes, name: str, digest: str, ocr: str, lang: str, pdf_engine: str,
                timeout: float, memory_mb: int | None, version: str):
    """Runs on a Dask worker: one file in one forked sandbox, as a local import's worker reads it.

    Returns (status, (layout, extraction, searchable PDF bytes or None) | None, reason, facts). The searchable
    copy is a path on the worker's machine, so its bytes travel back instead; the caller stores them."""
    import minutes_archive
    from . import importer, workers

    facts = {"pid": os.getpid(), "host": os.uname().nodename}
    if multiprocessing.current_process().daemon:
        return ("failed", None, f"the Dask worker at {facts['host']} cannot start the reader's sandbox: start it "
                                f"with --preload-nanny {__name__} (or DASK_DISTRIBUTED__WORKER__DAEMON=False)", facts)
    if minutes_archive.__version__ != version:
        return ("failed", None, f"the Dask worker at {facts['host']} runs minutes {minutes_archive.__version__}, "
                                f"this import {version}; install the same version on every worker", facts)
    started = time.monotonic()

    def call(ask):
        layout, extraction = importer._extract(data, name, digest, ocr, lang, pdf_engine)
        searchable = None
        if layout.searchable_pdf:
            searchable = layout.searchable_pdf.read_bytes()  # before the sandbox empties its temp folder
            layout.searchable_pdf.unlink(missing_ok=True)
            layout.searchable_pdf = None
        return layout, extraction, searchable

    outcome = next(iter(workers.run([workers.Task(0, call)], 1, timeout, memory_mb)))
    facts["seconds"] = round(time.monotonic() - started, 2)
    return outcome.status, outcome.value, outcome.reason, facts


def dask_setup(server) -> None:
    """`dask worker --preload-nanny` and `--preload` with this module.

    In the nanny: its worker process is to be started non-daemonic, so that it may fork the sandbox. In the
    worker: what a local import does before forking its workers. pdfium's native library is mapped once here,
    or mapping it inside the sandbox would count against the file's memory cap (and fail as "failed to map
    segment"); OpenMP code gets one thread (ocr.py already gives each Tesseract run one), the worker's threads
    being the parallelism."""
    from distributed import Nanny

    if isinstance(server, Nanny):
        import dask

        dask.config.set({"distributed.worker.daemon": False})
        return
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import pypdfium2  # noqa: F401

    from ..extraction import pipeline  # noqa: F401
    from ..extraction.readers import scanned  # noqa: F401
    from . import importer  # noqa: F401


class Remote:
    """The client side: files sent to the cluster and their results as they come back, in the order they finish.

    At most IN_FLIGHT_PER_THREAD files per worker thread are out at once: each file's bytes are held here until
    its result is committed, so a big import does not pile every scan up in the importer's memory."""

    def __init__(self, address: str):
        self.address = address
        try:
            from distributed import Client, as_completed
        except ImportError:
            raise ClusterUnavailable("reading on a cluster needs Dask distributed: pip install "
                                     "'minutes-archive[cluster]'") from None
        try:
            self.client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterUnavailable(f"cannot reach the Dask cluster at {address}: {_first_line(exc)}; "
                                     f"nothing was imported") from None
        try:
            self.client.wait_for_workers(1, timeout=WORKERS_SECONDS)
        except (OSError, TimeoutError):
            self.close()
            raise ClusterUnavailable(f"the Dask cluster at {address} has no workers "
                                     f"(none joined in {WORKERS_SECONDS:g} s); nothing was imported") from None
        self.pending = as_completed(loop=self.client.loop, with_results=False)
        self.sent: dict[str, tuple[object, bytes, object]] = {}  # Dask key -> (import key, the file's bytes, future)

    def threads(self) -> int:
        try:
            return max(1, sum(self.client.nthreads().values()))
        except (OSError, TimeoutError):
            return 1

    def full(self) -> bool:
        return len(self.sent) >= IN_FLIGHT_PER_THREAD * self.threads()

    def submit(self, key, data: bytes, name: str, digest: str, ocr: str, lang: str, pdf_engine: str,
               timeout: float, memory_mb: int | None) -> None:
        import minutes_archive

        # The content and how it is to be read: another import sharing the cluster that reads the same file the
        # same way may share the result, one that reads it with other languages may not.
        how = hashlib.sha256(repr((ocr, lang, pdf_engine, minutes_archive.__version__)).encode()).hexdigest()[:12]
        dask_key = f"{KEY_PREFIX}{digest}-{how}"
        future = self.client.submit(read_remote, data, name, digest, ocr, lang, pdf_engine, timeout, memory_mb,
                                    minutes_archive.__version__, key=dask_key, pure=False)
        self.sent[dask_key] = (key, data, future)
        self.pending.add(future)

    def results(self, block: bool) -> Iterator[tuple[object, bytes, str, object, str | None]]:
        """(import key, bytes, status, value, reason) of the files back; with `block`, waits for at least one."""
        if not self.sent:
            return
        if not block and not self.pending.has_ready():
            return
        for future in self.pending.next_batch(block=True):
            key, data, _ = self.sent.pop(future.key)
            yield (key, data, *self._outcome(future))

    def _outcome(self, future) -> tuple[str, object, str | None]:
        from distributed import CancelledError

        try:
            status, value, reason, _facts = future.result()
        except CancelledError:  # only closing cancels our futures, or the scheduler losing them: not the file's fault
            raise ClusterUnavailable(f"lost the Dask cluster at {self.address}; the files committed so far stay: "
                                     f"run the same command again to resume") from None
        except Exception as exc:  # KilledWorker (it took several workers down), or the task itself failed
            return "failed", None, f"the cluster could not read it: {type(exc).__name__}: {_first_line(exc)}"
        finally:
            future.release()
        return status, value, reason

    def close(self) -> None:
        """Stop what is still out (Ctrl-C, a full disk) and let go of the cluster; its workers stay up."""
        try:
            futures = [future for _, _, future in getattr(self, "sent", {}).values()]
            if futures:
                self.client.cancel(futures)
            self.client.close(timeout=5)
        except (OSError, TimeoutError, RuntimeError):
            pass


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
