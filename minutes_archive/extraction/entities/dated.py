"""Dates in a document, each tagged as the meeting's, the signing's, the next meeting's or a mention."""
from __future__ import annotations

import re

from ..dates import DateMatch, find_dates

_SIGNED = re.compile(r"undertecknade?|signerade?|justera|justerat|justeras|signed|approved\s+as", re.IGNORECASE)
_NEXT = re.compile(r"nästa\s+(?:sammanträde|möte|mötet|sammankomst)|next\s+meeting|date\s+of\s+next", re.IGNORECASE)
_MEETING = re.compile(r"sammanträdesdatum|mötesdatum|^datum|^tid|sammanträdet\s+den|held\s+on|meeting\s+(?:held\s+)?on|^date", re.IGNORECASE)


def _sentence_before(text: str, start: int) -> str:
    cut = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    return text[cut + 1:start]


def date_role(text: str, found: DateMatch, segment: str, meeting_date: str | None) -> str:
    before = _sentence_before(text, found.start).strip()
    if _SIGNED.search(before):
        return "signed"
    if _NEXT.search(before):
        return "next_meeting"
    if segment == "preamble" and (_MEETING.search(before) or found.iso == meeting_date):
        return "meeting"
    return "mentioned"


def find_dated(text: str, segment: str, default_year: int | None, meeting_date: str | None):
    """(match, role) for every date in one text."""
    return [(found, date_role(text, found, segment, meeting_date)) for found in find_dates(text, default_year)]
