"""The domain records; plain dataclasses so that extraction stays free of I/O."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Record:
    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Item(Record):
    id: str
    document_id: str
    seq: int
    number: str  # "14", "5.1", "A"
    label: str  # as written: "§ 14", "14.", "Punkt 14"
    title: str
    text: str
    page_start: int
    page_end: int
    parent_number: str | None = None


@dataclass
class Decision(Record):
    id: str
    document_id: str
    item_id: str
    seq: int
    text: str
    kind: str  # decision | rejection | revocation
    page: int


@dataclass
class Footnote(Record):
    id: str
    document_id: str
    number: int
    kind: str  # footnote | endnote
    text: str
    page: int
    item_id: str | None = None
    attachment_id: str | None = None
    anchor_offset: int | None = None  # in the item's (or attachment's) text
    anchor_after: str | None = None  # the words just before the mark


@dataclass
class Attachment(Record):
    id: str
    document_id: str
    seq: int
    kind: str  # memo | appendix
    label: str | None
    title: str
    text: str
    sections: list[str] = field(default_factory=list)
    related_item_id: str | None = None
    page_start: int = 1
    page_end: int = 1


@dataclass
class Document(Record):
    id: str
    sha256: str
    source_name: str
    format: str
    kind: str
    body: str | None
    title: str | None
    meeting_date: str | None
    signed_date: str | None
    place: str | None
    language: str
    page_count: int
    encoding: str | None = None
    damage: int = 0
    preamble: str = ""

    @property
    def date(self) -> str | None:
        """The meeting's date; minutes that state only when they were signed fall back to that."""
        return self.meeting_date or self.signed_date


@dataclass
class Extraction(Record):
    document: Document
    items: list[Item] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
