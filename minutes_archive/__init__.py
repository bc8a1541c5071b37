"""minutes-archive: a searchable archive of meeting minutes and memos."""

from .archive.archive import Archive
from .errors import MinutesError

__version__ = "0.1.0"
__all__ = ["Archive", "MinutesError", "__version__"]
