"""Where the meeting was held, as the minutes write it.

Three ways minutes say it: a labelled field ("Plats: ...", "Plats och tid Kommunhusets tingssal måndagen den
8 januari 2007", "Location: ..."), the opening sentence ("... klockan 19:30 i Q24.", "met on Tuesday ... in the
Committee Room ...", "The meeting was held via teleconference"), or a venue line in an American title block
("City Hall, City Council Chambers"). The town by the signatures ("Nacka den ...") is where the minutes were
signed, not where the body met, so it is not read as the place.
"""
from __future__ import annotations

import re

from ..dates import MONTH_NAMES, WEEKDAY_NAMES, find_dates

_MONTH, _WEEKDAY = MONTH_NAMES, WEEKDAY_NAMES

_LABEL = re.compile(
    r"^\W*(?:plats(?:\s+och\s+tid)?|mötesplats|sammanträdesplats|lokal|möteslokal|place|location|venue|where)"
    r"\s*:?\s*(?P<place>.*)$",
    re.IGNORECASE,
)
# Where a labelled place ends: at the time or date written after it, or at a link.
_PLACE_END = re.compile(
    rf"\s*(?:,\s*)?(?:\b(?:{_WEEKDAY})\b|\bden\s+\d|\bkl\.?\s*\d|\bklockan\b|\d{{1,2}}[:.]\d\d|\d{{4}}-\d\d-\d\d|"
    rf"\b(?:{_MONTH})\s+\d|\bhttps?://|\(\s*https?:).*$",
    re.IGNORECASE,
)
_SENTENCE_END = r"(?=\.\s+[A-ZÅÄÖ]|\.?\s*$|;)"
_OPENING_SENTENCE = [
    # "... klockan 19:30 i Q24.", "... kl. 18.00-20.00 på Folkets hus.", "den 12 mars 2022 i klubbhuset."
    re.compile(rf"(?:\b(?:kl\.?|klockan)\s*\d{{1,2}}[:.]\d\d(?:\s*[-–]\s*\d{{1,2}}[:.]\d\d)?|"
               rf"\b\d{{4}}-\d\d-\d\d|\b\d{{1,2}}\s+(?:{_MONTH})\s+\d{{4}}),?\s+(?:i|på)\s+"
               rf"(?!enlighet|närvaro|samband|anslutning|syfte)(?P<place>[^\n]{{2,120}}?){_SENTENCE_END}"),
    # "The meeting was held via teleconference", "held on 16th January 2001 at the Village Hall"
    re.compile(r"\b(?:held|met|convened|took\s+place)\b[^\n]{0,80}?\s(?P<place>via\s+[\w -]{3,60}?)(?=[,.;(]|$)"),
    re.compile(rf"\b(?:held|met|convened|took\s+place)\b[^\n]{{0,80}}?[\s,](?:in|at)\s+"
               rf"(?P<place>(?:the\s+)?[A-ZÅÄÖ][^\n]{{2,100}}?){_SENTENCE_END}"),
]
_VENUE = re.compile(
    r"\b(?:hall|chambers?|room|building|auditorium|cent(?:er|re)|library|church|courthouse|clubhouse)\b"
    r"|\w(?:sal(?:en)?|salen|rum(?:met)?|lokal(?:en)?|huset|hus(?:et)?)\b",
    re.IGNORECASE,
)
_TITLE = re.compile(r"\b(?:meeting|minutes|agenda|session|notice)\b|protokoll|möte\b|dagordning|kallelse",
                    re.IGNORECASE)
_CALENDAR = re.compile(rf"(?:the\s+)?(?:{_MONTH}|{_WEEKDAY}|\d)", re.IGNORECASE)
_TIME_OR_DATE = re.compile(rf"\d{{1,2}}[:.]\d\d|\b(?:{_MONTH})\b\s*\d|\bp\.?m\b|\ba\.?m\b", re.IGNORECASE)


def _tidy(place: str) -> str | None:
    place = re.sub(r"\s+", " ", place).strip(" ,;:.-–—")
    if len(place) < 2 or find_dates(place) or re.match(r"(?:och\s+tid|and\s+time)\b", place, re.IGNORECASE):
        return None
    return place


def _labelled(lines: list[str]) -> str | None:
    for index, line in enumerate(lines):
        found = _LABEL.match(line.strip())
        if not found:
            continue
        value = found.group("place").strip()
        if not value and index + 1 < len(lines) and len(lines[index + 1].split()) <= 8:
            value = lines[index + 1]  # the value printed in the next cell
        place = _tidy(_PLACE_END.sub("", value))
        if place:
            return place
    return None


# A line break before a labelled line ("Present: ...") or a blank line ends the sentence above it.
_BREAK = re.compile(r"\n\s*\n|\n(?=\W*[A-ZÅÄÖ][\w ]{0,30}:)")


def _from_sentence(text: str) -> str | None:
    flat = re.sub(r"\s+", " ", _BREAK.sub(". ", text))
    for pattern in _OPENING_SENTENCE:
        found = pattern.search(flat)
        if found and not _TIME_OR_DATE.match(found.group("place")) and not _CALENDAR.match(found.group("place")):
            place = _tidy(found.group("place"))
            if place and not re.match(r"(?:accordance|order|person|public|session|camera)\b", place, re.IGNORECASE):
                return place
    return None


def _venue_line(lines: list[str]) -> str | None:
    """A short line of the title block naming a hall or room, with no date or time on it."""
    for line in lines[:10]:
        line = line.strip()
        if 0 < len(line.split()) <= 8 and _VENUE.search(line) and not _TIME_OR_DATE.search(line) \
                and not _TITLE.search(line) \
                and not find_dates(line) and ":" not in line and not re.search(r"\d", line):
            return _tidy(line)
    return None


def find_place(opening: list[str], text: str) -> str | None:
    """The meeting place from the opening lines, else from the opening sentences of the text."""
    return _labelled(opening) or _from_sentence("\n".join(opening[:4])) or _venue_line(opening) \
        or _from_sentence(text[:1500])
