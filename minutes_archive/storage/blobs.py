"""Content-addressed copies of the original files, private to their owner."""
from __future__ import annotations

import os
from pathlib import Path

TEMP_PREFIX = ".incoming-"  # a copy being written; `check` and `forget` look for leftovers by it
DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if path.stat().st_mode & 0o777 != DIR_MODE:  # a folder already private is left alone: it may be read-only
        os.chmod(path, DIR_MODE)
    return path


class BlobStore:
    def __init__(self, root: Path):
        self.root = private_dir(root)

    def relative(self, digest: str, suffix: str) -> str:
        return f"{digest[:2]}/{digest}{suffix.lower()}"

    def put(self, data: bytes, digest: str, suffix: str) -> str:
        """Write atomically (temp file, fsync, rename) so a crash never leaves half a copy."""
        relative = self.relative(digest, suffix)
        target = self.root / relative
        if target.exists() and target.stat().st_size == len(data):
            return relative
        self._write(target, lambda handle: handle.write(data))
        return relative

    def remove_leftovers(self) -> list[Path]:
        """Half-written copies (TEMP_PREFIX) left by an import that was killed. Safe only under the writer lock
        and before any worker starts: then no copy can still be on its way."""
        found = [path for path in self.root.glob(f"*/{TEMP_PREFIX}*") if path.is_file() and not path.is_symlink()]
        for path in found:
            path.unlink(missing_ok=True)
        return found

    def put_file(self, path: Path, digest: str, suffix: str) -> str:
        """Move a finished file in (the searchable copy of a long scan, too big to hold in memory): copied in
        chunks with the same temp-file, fsync and rename as `put`, since the temp folder it comes from may be on
        another file system; the file itself is removed once the copy is in place."""
        import shutil

        relative = self.relative(digest, suffix)
        target = self.root / relative
        path = Path(path)
        if not (target.exists() and target.stat().st_size == path.stat().st_size):
            with open(path, "rb") as source:
                self._write(target, lambda handle: shutil.copyfileobj(source, handle, 1 << 20))
        path.unlink(missing_ok=True)
        return relative

    def _write(self, target: Path, fill) -> None:
        import tempfile  # only to import files: opening an archive to read it need not load it

        folder = private_dir(target.parent)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX)
        try:
            with os.fdopen(fd, "wb") as handle:
                fill(handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, FILE_MODE)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
