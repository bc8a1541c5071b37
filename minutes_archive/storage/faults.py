"""Faults of the disk under the archive, told apart from faults of one file.

A full or read-only disk is not a bad file: every later file would fail the same way, so the import stops
with one message instead of a page of per-file failures (or SQLite's own "cannot rollback" that hides the
cause). Both errno values and SQLite's result codes say it, depending on who wrote when the disk said no.
"""
from __future__ import annotations

import errno
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import ArchiveError, DiskFull, ReadOnlyArchive

FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
SQLITE_READONLY, SQLITE_FULL = 8, 13  # primary result codes (the low byte of an extended code)


def _full(folder: Path) -> DiskFull:
    return DiskFull(f"the disk holding the archive {folder} is full; free some space and run the same command "
                    "again (files already imported are kept)")


def _read_only(folder: Path) -> ReadOnlyArchive:
    return ReadOnlyArchive(f"the archive {folder} is read-only (read-only disk or no write permission): it can be "
                           "searched, but nothing can be imported or changed")


def storage_fault(exc: BaseException, folder: Path) -> ArchiveError | None:
    """The archive-level error `exc` stands for, or None when it is something else."""
    if isinstance(exc, OSError):
        if exc.errno in FULL_ERRNOS:
            return _full(folder)
        if exc.errno in READ_ONLY_ERRNOS:
            return _read_only(folder)
    if isinstance(exc, sqlite3.Error):
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        if code == SQLITE_FULL:
            return _full(folder)
        if code == SQLITE_READONLY:
            return _read_only(folder)
    return None


@contextmanager
def guarded(folder: Path) -> Iterator[None]:
    """Writes to the archive inside this block end in DiskFull or ReadOnlyArchive when the disk is at fault."""
    try:
        yield
    except (OSError, sqlite3.Error) as exc:
        fault = storage_fault(exc, folder)
        if fault is None:
            raise
        raise fault from exc
