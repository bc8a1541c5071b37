"""The domain records; plain dataclasses so that extraction stays free of I/O."""
from __future__ import annotations

from dataclasses import dataclass, field, fields

LOW_CONFIDENCE = 70.0  # mean OCR word confidence (0-100) under which a page's text is flagged


@dataclass
class Record:
    def to_dict(self) -> dict:
        """Shallow: records hold only plain values and lists of strings."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


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
    outcome: str | None = None  # approved | rejected | postponed | referred | elected | noted, where the minutes say
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    mover: str | None = None  # the full name when the document ties the surname to one person, else as written
    seconder: str | None = None


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
    repaired: int = 0  # damaged characters restored for extraction and search (the source keeps them)
    preamble: str = ""
    closing: str = ""  # signature lines after the last item

    @property
    def date(self) -> str | None:
        """The meeting's date; minutes that state only when they were signed fall back to that."""
        return self.meeting_date or self.signed_date


@dataclass
class PersonMention(Record):
    document_id: str
    segment: str  # item, attachment or footnote id, "preamble", "closing" or "attendance"
    item_id: str | None
    start: int
    text: str  # as written: "Eva Närvä-Eickenrodts", "Stadsdirektören", "MN"
    kind: str  # name | first-name | role | initials
    name: str | None  # the full name it refers to; None when unresolved
    person_key: str | None  # name folded for matching across documents
    role: str | None
    resolved_by: str | None  # first-name | role | nearest


@dataclass
class Participant(Record):
    document_id: str
    name: str
    person_key: str
    role: str | None
    status: str  # present | substitute | official | absent


@dataclass
class Proposal(Record):
    document_id: str
    item_id: str
    mover: str
    name: str | None  # the mover's full name when the mover is a known person
    text: str


@dataclass
class DateMention(Record):
    document_id: str
    segment: str
    item_id: str | None
    start: int
    text: str
    date: str  # ISO day, or YYYY-MM for a month
    precision: str  # day | month
    role: str  # meeting | signed | next_meeting | mentioned
    weekday_mismatch: bool = False


@dataclass
class Term(Record):
    document_id: str
    segment: str
    kind: str  # initialism | definition | phrase | organisation
    short: str | None
    long: str | None


@dataclass
class Extraction(Record):
    document: Document
    items: list[Item] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    mentions: list[PersonMention] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
