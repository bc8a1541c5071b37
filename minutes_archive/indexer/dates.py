"""Dates as Swedish and English minutes write them, parsed without guessing.

Historic years are valid; a day-month without a year takes the year given by
the caller (the document's own date).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "febr": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "maj": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augusti": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|:e|:a|e)?"
_YEAR = r"(?P<year>\d{4})"
PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<m>\d{{1,2}})-(?P<day>\d{{1,2}})\b"),
    re.compile(rf"\b{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?(?![\wåäö])", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})/(?P<m>\d{{1,2}})[ -]{_YEAR}\b"),
]


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    iso: str


def _build(found: re.Match, default_year: int | None) -> str | None:
    groups = found.groupdict()
    month = int(groups["m"]) if groups.get("m") else MONTHS[groups["month"].lower().rstrip(".")]
    year = int(groups["year"]) if groups.get("year") else default_year
    if year is None:
        return None
    try:
        return date(year, month, int(groups["day"])).isoformat()
    except ValueError:
        return None


def find_dates(text: str, default_year: int | None = None) -> list[DateMatch]:
    """Every full date in the text, in order; overlapping matches keep the first pattern."""
    taken: list[tuple[int, int]] = []
    out: list[DateMatch] = []
    for pattern in PATTERNS:
        for found in pattern.finditer(text):
            if any(found.start() < end and start < found.end() for start, end in taken):
                continue
            iso = _build(found, default_year)
            if iso:
                taken.append(found.span())
                out.append(DateMatch(found.start(), found.end(), found.group(), iso))
    return sorted(out, key=lambda m: m.start)


def first_date(text: str, default_year: int | None = None) -> str | None:
    found = find_dates(text, default_year)
    return found[0].iso if found else None
