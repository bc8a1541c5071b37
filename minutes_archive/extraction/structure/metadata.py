"""Document kind, dates and signature lines; the body and place come from `bodies` and `places`."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..dates import find_dates, first_date
from .bodies import find_body
from .places import find_place

_PLACE_DATED = re.compile(
    r"^(?P<place>[A-ZÅÄÖ][a-zåäöé]+(?:\s[A-ZÅÄÖ][a-zåäöé]+)?)(?:,?\s+den\s+\d|,\s+\d{4}-\d\d-\d\d)", re.MULTILINE
)


_SIGNATURE = re.compile(
    r"^(?:vid\s+protokollet|justerat|justeras|justerare|justeringens\s+plats\s+och\s+tid|justeringsdatum|justering|underskrifter|signerat|ordförande|sekreterare|"
    r"protokollförare|mötesordförande|mötessekreterare|signed|signature|chair(?:man|person)?|secretary|clerk|"
    r"approved(?:\s+by|\s*:)|minutes\s+(?:taken|recorded|prepared)\s+by|respectfully\s+submitted|submitted\s+by|"
    r"prepared\s+by|attest|_{5,}|[.…]{10,})(?=\s|\b|$)",
    re.IGNORECASE,
)


_SIGNATURE_WORDS = re.compile(
    r"\b(?:(?:vice\s+|mötes|tf\.?\s*)?(?:ordförande|sekreterare)|justerare|justeringsm[aä]n|protokollförare|ledamot|"
    r"kassör|suppleant|ersättare|revisor|vice|chair(?:man|person)?|secretary|clerk|president|treasurer|director|"
    r"member|av|by|och|and|den|the|of|on|at|kl|datum|date|signed|undertecknad)\b",
    re.IGNORECASE,
)


def is_signature_line(text: str) -> bool:
    """Closing lines (signatures, "Nacka den 30 september 2007") that belong to no item.

    After its label a signature line holds names, roles, places and dates, not a sentence: "Vid protokollet,
    Rasmus Kaj." is one, "Chair Miley adjourned the meeting at 8:52pm." is not."""
    text = text.strip()
    if len(text) > 200:
        return False
    if _PLACE_DATED.match(text):
        return True
    found = _SIGNATURE.match(text)
    if not found:
        return False
    rest = _SIGNATURE_WORDS.sub(" ", text[found.end():])
    return not re.search(r"(?<![\w-])[a-zåäöé][a-zåäöé]{3,}\b", rest)


@dataclass
class Metadata:
    kind: str = "minutes"
    body: str | None = None
    title: str | None = None
    meeting_date: str | None = None
    signed_date: str | None = None
    place: str | None = None


# Kind words in the title, compounds included ("Mötesprotokoll", "Styrelseprotokoll").
_KIND_WORDS = [
    ("minutes", re.compile(r"\b\w*protokoll\b|\bminnesanteckningar\b|\banteckningar\b|\bminutes\b|"
                           r"\bmeeting\s+(?:notes|report|summary)\b|\bsummary\s+of\b.*\bmeeting\b", re.IGNORECASE)),
    ("agenda", re.compile(r"\b(?:dagordning|föredragningslista|kallelse|agenda)\b|\bnotice\s+of\s+(?:\w+\s+)?meeting\b",
                          re.IGNORECASE)),
    ("memo", re.compile(r"\b(?:pm|promemoria|memo|memorandum|tjänsteskrivelse|tjänsteutlåtande)\b", re.IGNORECASE)),
]
# What only a record of a held meeting says: past-tense business and who attended.
_REPORTED = re.compile(
    r"\b(?:was|were)\s+(?:not\s+|also\s+|\w+ly\s+)?\w+(?:ed|en|lt|ld)\b"
    r"|\b(?:approved|adopted|agreed|decided|resolved|elected|discussed|reported|presented|noted|adjourned|"
    r"seconded|carried|thanked|welcomed)\b"
    r"|\b(?:beslutade|valde|förklarade|redovisade|informerade|berättade|lades|bifölls|[a-zåäö]{3,}(?:ade|ades|dde|ddes))\b",
    re.IGNORECASE,
)
# Labels only a record of a held meeting has: who came, who was away, who wrote.
_ATTENDANCE = re.compile(
    r"^\W*(?:present|absent|attendees|attendance|attending|regrets|roll\s+call|scribe|note\s*taker|"
    r"närvarande|frånvarande|deltagare|protokollförare)\b",
    re.IGNORECASE | re.MULTILINE,
)
# A title naming a meeting ("Styrelsemöte", "Board meeting") without saying agenda: notes of the meeting.
_MEETING_TITLE = re.compile(r"\w*möte\b|\bmeeting\b|\bsammanträde\b", re.IGNORECASE)
_DECORATION = re.compile(r"^[\s*#=_~-]+|[\s*#=_~-]+$")


def _title_kind(titles: list[str]) -> str | None:
    """The kind the title calls itself: the earliest kind word in the first title lines."""
    found = []
    for line_no, line in enumerate(titles):
        line = re.sub(r"\S+://\S+", " ", line)  # "…/agenda.html" names a file, not this document
        for kind, pattern in _KIND_WORDS:
            for hit in pattern.finditer(line):
                if not line[hit.end():].lstrip().startswith(":"):  # "Agenda: <link>" labels a field
                    found.append((line_no, hit.start(), kind))
                    break
    return min(found)[2] if found else None


def _kind(titles: list[str], text: str, has_decisions: bool, has_items: bool) -> str:
    """Minutes, agenda or memo: the title says so, else what the text does.

    An agenda lists business to come: no decisions, nothing reported in the past tense, no attendance. A title
    that says agenda but records decisions is minutes kept on the agenda's template, provided something is also
    reported as done: an item titled "Beslut om nya matchställ" in a kallelse is a decision still to take."""
    kind = _title_kind(titles)
    labels = {m.group().strip(" \t-*#").lower() for m in _ATTENDANCE.finditer(text)}
    reported = len(_REPORTED.findall(text)) + 2 * min(2, len(labels))
    if kind == "agenda":
        return "minutes" if has_decisions and reported else kind
    if kind:
        return kind
    meeting_title = any(_MEETING_TITLE.search(line) for line in titles)
    if has_decisions or reported >= (1 if meeting_title else 2):
        return "minutes"
    return "agenda" if has_items else "memo"


def _title_lines(opening: list[str], front_title: list[str], furniture: list[str]) -> list[str]:
    """The lines that title the document: front matter, the first lines before any labelled field, the header."""
    head = []
    for line in opening[:6]:
        if _ATTENDANCE.match(line):
            break
        if len(line.split()) <= 14:  # longer lines are prose or page code, not a title
            head.append(line)
    return front_title + head + furniture[:3]


_SIGNED = re.compile(
    r"(?:undertecknade?|signerade?|justerade?|justeras|justerat|justeringsdatum|justeringens\s+(?:plats\s+och\s+)?"
    r"(?:tid|datum)|signed|(?:chair(?:man|person)?|ordförande|secretary|sekreterare|clerk),?\s+(?:date|datum))\b"
    r"[^\n]{0,160}",
    re.IGNORECASE,
)
LAST_LINES = 6  # the signing lines stand at the very end of the minutes
_NOT_SIGNED = re.compile(r"\b(?:nästa\s+(?:möte|sammanträde)|next\s+meeting)\b", re.IGNORECASE)
_MEETING = re.compile(
    r"(?<![\w])(?:sammanträdesdatum|mötesdatum|datum|tid|sammanträde(?:t)?\s+den|held\s+on|meeting\s+(?:held\s+)?on|"
    r"date)\b[^\n]{0,80}",
    re.IGNORECASE,
)
# "Sammanfattning 24-10-21", "Board Meeting - 06/02/03": a two-digit year, read only in a title line.
_SHORT_DATES = [
    (re.compile(r"(?<![\d/-])(?P<y>\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?![\d/-])"), "ymd"),
    (re.compile(r"(?<![\d/-])(?P<m>\d\d?)/(?P<d>\d\d?)/(?P<y>\d\d)(?![\d/-])"), "mdy"),
]


def _trailing_signatures(text: str) -> list[str]:
    """The signature lines ending the text, for a document where no items were found to close a block after."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][-8:]
    tail: list[str] = []
    for line in reversed(lines):
        if not is_signature_line(line):
            break
        tail.insert(0, line)
    return tail


def _signed_date(opening: list[str], closing: list[str]) -> tuple[str | None, str | None]:
    """The date by the signatures: a dated closing line ("Nacka den 25 september 2007", "Signed: ..., 20th
    February 2001"), else a signing field of the cover page ("Justeringens plats och tid ..."). Also returns
    the line it came from, so that it is not read as the meeting date."""
    for line in closing:
        if _NOT_SIGNED.search(line):
            continue
        date = first_date(line)
        if date:
            return date, line
    for line in opening:
        found = _SIGNED.search(line)
        if found and (date := first_date(found.group())):
            return date, line
    return None, None


def _last_lines_signed(text: str) -> str | None:
    """A signing line closing the text that does not read as a signature block ("Protokollet justerat
    2022-09-09", "Mayor …, Chairperson Date: 25 July 2023"): its label says the date is the signing's."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][-LAST_LINES:]
    for line in reversed(lines):
        found = _SIGNED.search(line)
        if found and not _NOT_SIGNED.search(line) and (date := first_date(found.group())):
            return date
    return None


_TITLE_WORD = re.compile(r"\b(?:meeting|minutes|notes|protokoll|möte|sammanträde|sammanfattning|anteckningar)\b|"
                         r"\w(?:möte|protokoll)\b", re.IGNORECASE)


def _short_title_date(titles: list[str]) -> str | None:
    """A two-digit-year date on the first title line or on a line that names the meeting."""
    for line in [line for index, line in enumerate(titles) if index == 0 or _TITLE_WORD.search(line)]:
        for pattern, order in _SHORT_DATES:
            found = pattern.search(line)
            if not found:
                continue
            year, month, day = (int(found.group(k)) for k in "ymd")
            try:
                return date(2000 + year if year < 70 else 1900 + year, month, day).isoformat()
            except ValueError:
                continue
    return None


def _meeting_date(opening: list[str], furniture: list[str], properties: dict[str, str], first_lines: list[str],
                  titles: list[str], signed_line: str | None) -> str | None:
    """The first date after a meeting-date label ("Datum", "Tid:", "held on") outside the signing fields, else
    the front matter's date, the running header's, the first full date at the top."""
    lines = [line for line in opening if line != signed_line and not _SIGNED.search(line)]
    for found in _MEETING.finditer("\n".join(lines)):
        if date := first_date(found.group()):
            return date
    if date := first_date(properties.get("date") or ""):
        return date
    unsigned = [d.iso for line in lines for d in find_dates(line) if d.precision == "day"]
    headers = [d.iso for line in furniture[:6] for d in find_dates(line) if d.precision == "day"]
    top = [d.iso for line in first_lines for d in find_dates(line) if d.precision == "day"]
    return (headers[:1] + unsigned + top or [_short_title_date(titles)])[0]


def extract_metadata(
    opening: list[str], furniture: list[str], has_decisions: bool, has_items: bool, closing: list[str] = (),
    properties: dict[str, str] | None = None, first_lines: list[str] = (), text: str = "",
) -> Metadata:
    """Pure: the text before the first item, removed page headers and footers, the closing lines, front matter,
    the document's first lines and its whole main text in, metadata out."""
    properties = properties or {}
    opening, closing, furniture = list(opening), list(closing), list(furniture)
    text = text or "\n".join([*opening, *closing])
    front_title = [properties["title"]] if properties.get("title") else []
    titles = _title_lines(opening or list(first_lines)[:4], front_title, furniture)
    meta = Metadata()
    meta.kind = _kind(titles, text, has_decisions, has_items)
    meta.body = find_body(front_title, opening or list(first_lines)[:4], furniture, closing, text, first_lines)
    title = (front_title or [line.strip() for line in opening if line.strip()] or [None])[0]
    meta.title = _DECORATION.sub("", title) or title if title else None
    meta.signed_date, signed_line = _signed_date(opening, closing or _trailing_signatures(text))
    meta.signed_date = meta.signed_date or _last_lines_signed(text)
    meta.meeting_date = _meeting_date(opening, furniture, properties, list(first_lines), titles, signed_line)
    meta.place = find_place(opening, text)
    return meta
