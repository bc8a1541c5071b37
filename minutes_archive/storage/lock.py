"""One writer per archive: a second import fails at once with a clear message."""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

from ..errors import ArchiveLocked
from .faults import storage_fault


class WriterLock:
    def __init__(self, path: Path):
        self.path = path
        self.fd: int | None = None

    def __enter__(self) -> "WriterLock":
        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:  # every writer starts here: a read-only archive is named before any work
            raise (storage_fault(exc, self.path.parent) or exc) from exc
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(self.fd)
            self.fd = None
            raise ArchiveLocked(
                f"Another import is writing to the archive {self.path.parent}; wait for it to finish and try again."
            ) from exc
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None
