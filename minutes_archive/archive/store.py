"""Content-addressed copies of the original files, private to their owner."""
from __future__ import annotations

import os
from pathlib import Path

TEMP_PREFIX = ".incoming-"  # a copy being written; `check` and `forget` look for leftovers by it
DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
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
        import tempfile  # only to import files: opening an archive to read it need not load it

        folder = private_dir(target.parent)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, FILE_MODE)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return relative
