"""Where the archive lives: --archive, then $MINUTES_ARCHIVE, then the user data dir."""
from __future__ import annotations

import os
from pathlib import Path

ENV = "MINUTES_ARCHIVE"
# What an archive folder holds, named once for the archive, check, backup and restore.
CATALOG = "catalog.sqlite"
INDEX = "index"
ORIGINALS = "originals"


def archive_path(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    from platformdirs import user_data_dir  # loaded only when the archive is not named: --archive starts faster

    return Path(user_data_dir("minutes-archive", appauthor=False))
