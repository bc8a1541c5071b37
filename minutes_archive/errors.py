"""User-facing failures.

Every error a clerk can meet derives from :class:`MinutesError`; its message is
written for them, not for a developer, so the CLI prints it as it stands.
"""


class MinutesError(Exception):
    """Base of every failure the CLI reports without a traceback."""


class UnreadableFile(MinutesError):
    """The file cannot be read as minutes (damaged, empty, binary, unknown)."""


class EmptyFile(UnreadableFile):
    pass


class UnsupportedFormat(UnreadableFile):
    pass


class EncryptedPDF(UnreadableFile):
    """A PDF that opens only with a password."""


class NeedsOCR(MinutesError):
    """The file holds only images of text (or text that cannot be trusted); it is kept and waits for OCR."""

    def __init__(self, message: str, page_reasons: list[str] | None = None):
        super().__init__(message)
        self.page_reasons = page_reasons or []  # why pages with a text layer still need OCR


class ArchiveLocked(MinutesError):
    pass


class ArchiveError(MinutesError):
    """The archive folder or catalog is missing, damaged or of another version."""


class NotFound(MinutesError):
    pass


class NoArchive(ArchiveError):
    """A reading command pointed at a folder that holds no archive: only an import creates one."""


class DiskFull(ArchiveError):
    """The disk under the archive has no room left: the whole import stops, since every next file would fail too."""


class ReadOnlyArchive(ArchiveError):
    """The archive folder cannot be written (read-only disk or no permission); reading it still works."""


class OutputExists(MinutesError):
    """A file to be written is already there and was not to be replaced."""


class SearchServerUnavailable(ArchiveError):
    """No node of the search cluster (Solr) answers: it is down, or the address is wrong."""
