"""minutes-archive: a searchable archive of meeting minutes and memos.

`Archive` is loaded on first use, so that importing one floor (the records, the readers) does not load
every floor above it.
"""
from .errors import MinutesError

__version__ = "0.1.0"
__all__ = ["Archive", "MinutesError", "__version__"]


def __getattr__(name: str):
    if name == "Archive":
        from .archive.archive import Archive

        return Archive
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
