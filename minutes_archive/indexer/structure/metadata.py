"""Document kind, body, dates and place, read from the opening lines."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import find_dates, first_date
from .text import strip_genitive

_MINUTES = r"(?:minnesanteckningar|protokoll|sammanträdesprotokoll|justerat protokoll|anteckningar|minutes)"
_AGENDA = r"(?:dagordning|föredragningslista|kallelse|agenda)"
_MEMO = r"(?:pm|promemoria|memo|memorandum|tjänsteskrivelse|tjänsteutlåtande)"
_BODY_GENITIVE = re.compile(rf"^\W*(?P<body>[A-ZÅÄÖ][\w\-–åäöÅÄÖ ,.]{{2,80}}?s)\s+{_MINUTES}\b", re.IGNORECASE)
_BODY_BEFORE = re.compile(rf"^\W*(?P<body>[A-ZÅÄÖ][\w\-–åäöÅÄÖ .]{{2,80}}?)\s*[-–—:,]?\s+(?:{_MINUTES})\b", re.IGNORECASE)
_BODY_AFTER = re.compile(
    rf"^\W*{_MINUTES}\s+(?:fört\s+vid|från|vid|för|of(?:\s+(?:the|a))?(?:\s+(?:annual|general|ordinary|special|regular))*(?:\s+meeting\s+of(?:\s+the)?)?)\s+"
    r"(?P<body>[\wÅÄÖåäö][\w\-–åäöÅÄÖ .]{2,80}?)"
    r"(?:s?\s+(?:sammanträde|möte|årsmöte)|\s+(?:meeting|held|on|at)\b|,|\s+den\s|\s+\d|$)",
    re.IGNORECASE,
)
_SIGNED = re.compile(
    r"(?:undertecknade?|signerade?|justerade?|justeras|justerat|justeringsdatum|justeringens\s+(?:plats\s+och\s+)?"
    r"(?:tid|datum)|signed|approved)\b[^\n]{0,160}",
    re.IGNORECASE,
)
_MEETING = re.compile(
    r"(?:sammanträdesdatum|mötesdatum|datum|tid|sammanträde(?:t)?\s+den|held\s+on|meeting\s+(?:held\s+)?on|date)\b[^\n]{0,80}",
    re.IGNORECASE,
)
_PLACE_DATED = re.compile(
    r"^(?P<place>[A-ZÅÄÖ][a-zåäöé]+(?:\s[A-ZÅÄÖ][a-zåäöé]+)?)(?:,?\s+den\s+\d|,\s+\d{4}-\d\d-\d\d)", re.MULTILINE
)
_PLACE_LABEL = re.compile(r"^(?:ort(?:\s+och\s+datum)?|plats|place|venue|held at)\s*[:]?\s*(?P<place>[^,\n\d]{2,60})", re.IGNORECASE | re.MULTILINE)


_SIGNATURE = re.compile(
    r"^(?:vid\s+protokollet|justerat|justeras|justerare|justering|underskrifter|signerat|ordförande|sekreterare|"
    r"protokollförare|mötesordförande|mötessekreterare|signed|signature|chair(?:man|person)?|secretary|clerk|"
    r"approved\s+by|minutes\s+(?:taken|recorded|prepared)\s+by|respectfully\s+submitted|submitted\s+by|"
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


def _kind(opening: str, has_decisions: bool, has_items: bool) -> str:
    found = []
    for kind, pattern in (("minutes", _MINUTES), ("agenda", _AGENDA), ("memo", _MEMO)):
        hit = re.search(rf"\b{pattern}\b", opening, re.IGNORECASE)
        if hit:
            found.append((hit.start(), kind))
    if found:
        kind = min(found)[1]
        return "minutes" if kind == "agenda" and has_decisions else kind
    if has_decisions:
        return "minutes"
    return "agenda" if has_items else "memo"


def _body(lines: list[str]) -> str | None:
    for line in lines:
        for pattern, genitive in ((_BODY_GENITIVE, True), (_BODY_AFTER, False), (_BODY_BEFORE, False)):
            found = pattern.search(line)
            if found:
                body = found.group("body").strip(" ,.-–")
                if re.search(r"\d{4}", body) or len(body.split()) > 8:
                    continue
                return strip_genitive(body) if genitive or body.endswith("s") and pattern is _BODY_AFTER else body
    return None


def _meeting_date(text: str, signed_span: tuple[int, int]) -> str | None:
    """The first date written after a meeting-date label ("Datum", "Tid:", "held on") outside the signatures."""
    for found in _MEETING.finditer(text):
        if signed_span[0] <= found.start() < signed_span[1]:
            continue
        date = first_date(found.group())
        if date:
            return date
    return None


def extract_metadata(
    opening: list[str], furniture: list[str], has_decisions: bool, has_items: bool, closing: list[str] = (),
    properties: dict[str, str] | None = None, first_lines: list[str] = (),
) -> Metadata:
    """Pure: the text before the first item, the closing lines, removed page headers, front matter and the
    document's first lines in, metadata out."""
    properties = properties or {}
    front_title = [properties["title"]] if properties.get("title") else []
    text = "\n".join([*opening, *closing])
    meta = Metadata()
    meta.kind = _kind("\n".join(front_title + opening[:3] + furniture[:2]), has_decisions, has_items)
    meta.body = _body(opening[:6] + furniture[:2] + front_title)
    meta.title = (front_title or [line.strip() for line in opening if line.strip()] or [None])[0]
    signed = _SIGNED.search(text)
    signed_span = signed.span() if signed else (0, 0)
    if signed:
        meta.signed_date = first_date(signed.group())
    meta.meeting_date = _meeting_date(text, signed_span) or first_date(properties.get("date") or "")
    if meta.meeting_date is None:
        head = "\n".join(opening)
        unsigned = [d.iso for d in find_dates(head) if not signed_span[0] <= d.start < signed_span[1] and d.precision == "day"]
        headers = [d.iso for line in furniture[:6] for d in find_dates(line) if d.precision == "day"]
        meta.meeting_date = (headers[:1] + unsigned or [None])[0]
    if meta.meeting_date is None:  # a date heading counted as the first item, say: the first full date at the top
        meta.meeting_date = next((d.iso for line in first_lines for d in find_dates(line) if d.precision == "day"), None)
    place = _PLACE_LABEL.search(text) or _PLACE_DATED.search(text)
    if place:
        meta.place = place.group("place").strip()
    return meta
