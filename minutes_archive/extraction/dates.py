"""Dates as Swedish and English minutes write them, parsed without guessing.

Historic years are valid (a Riksdag protocol of 1867 has real dates); a
day-month without a year takes the year given by the caller, normally the
document's own date. Soft hyphens and the usual OCR slips in numbers
("2OO7", "l9O7") are tolerated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Sequence

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
WEEKDAYS = {
    "måndag": 0, "tisdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4, "lördag": 5, "söndag": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
# Alternations of every month and weekday name, longest first, for patterns elsewhere that name a date's words.
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_NAMES = "|".join(WEEKDAYS) + "|" + "|".join(f"{w}en" for w in WEEKDAYS if w.endswith("dag"))
_MONTH = "(?P<month>" + MONTH_NAMES + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(WEEKDAYS) + r")(?:en|s)?,?\s+(?:the\s+)?)?"
_DEN = r"(?:den\s+|the\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|:e|:a|e)?"
_YEAR = r"(?P<year>\d{4})"
# A dotted date is not a version or section number: "v2.1.2020", "1.2.3.2020", "version 1.2.2020", "§ 4.1.2016"
# (a trailing ".digit" makes a longer number too); "kl. 18.30" has no year.
_NOT_VERSION = r"(?<![\w.])(?<!version\s)(?<!release\s)(?<!ver\.\s)(?<!rev\.\s)(?<!§\s)"
_DOTTED_YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)"
PATTERNS = [
    ("day", re.compile(rf"(?<!\d){_YEAR}-(?P<m>\d{{1,2}})-(?P<day>\d{{1,2}})(?!\d)")),
    ("day", re.compile(rf"\b{_WEEKDAY}{_DEN}{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?(?![\wåäö])", re.IGNORECASE)),
    ("day", re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)),
    ("day", re.compile(rf"\b{_WEEKDAY}{_DEN}(?P<day>\d{{1,2}})/(?P<m>\d{{1,2}})[ -]{_YEAR}\b", re.IGNORECASE)),
    # "9.6.2021", "justerat 15.6.2021": the Finnish and Nordic day.month.year.
    ("day", re.compile(rf"{_NOT_VERSION}{_WEEKDAY}{_DEN}(?P<day>\d{{1,2}})\.(?P<m>\d{{1,2}})\.{_DOTTED_YEAR}"
                       r"(?!\d|\.\d)", re.IGNORECASE)),
    ("month", re.compile(rf"(?<![\d.]\s)(?<!\d\s)\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE)),
]
# Every pattern but "23 maj" (the year optional) needs four digits in a row.
_PATTERNS_WITHOUT_YEAR = [PATTERNS[1]]
_ANY_DIGIT = re.compile(r"\d")
_FOUR_DIGITS = re.compile(r"\d{4}")
_NUMERIC = re.compile(r"(?<![\w|])[\dOolI|]{1,4}(?:[-/][\dOolI|]{1,4}){0,2}(?![\w|])")
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    iso: str  # "2007-09-25", or "2008-01" for a month
    precision: str = "day"  # day | month
    weekday_mismatch: bool = False


def _digits(token: str) -> bool:
    """A number with OCR slips: mostly digits, and a year or a dashed date rather than a word like "I"."""
    digits = sum(c.isdigit() for c in token)
    return digits >= 2 and digits * 2 >= len(token.replace("-", "").replace("/", ""))


def _clean(text: str) -> tuple[str, Sequence[int]]:
    """Drop soft hyphens and mend OCR digits; returns the text and each character's source offset."""
    if "\u00ad" in text:
        where = [index for index, ch in enumerate(text) if ch != "\u00ad"] + [len(text)]
        cleaned = text.replace("\u00ad", "")
    else:
        where = range(len(text) + 1)  # nothing dropped: every offset is its own
        cleaned = text
    cleaned = _NUMERIC.sub(lambda m: m.group().translate(_OCR_DIGITS) if _digits(m.group()) else m.group(), cleaned)
    return cleaned, where


def _build(found: re.Match, precision: str, default_year: int | None) -> tuple[str, bool] | None:
    groups = found.groupdict()
    month = int(groups["m"]) if groups.get("m") else MONTHS[groups["month"].lower().rstrip(".")]
    year = int(groups["year"]) if groups.get("year") else default_year
    if year is None or not 1 <= month <= 12:
        return None
    if precision == "month":
        return f"{year:04d}-{month:02d}", False
    try:
        day = date(year, month, int(groups["day"]))
    except ValueError:
        return None
    weekday = groups.get("weekday")
    mismatch = bool(weekday) and WEEKDAYS[weekday.lower()] != day.weekday()
    return day.isoformat(), mismatch


def find_dates(text: str, default_year: int | None = None) -> list[DateMatch]:
    """Every date in the text, in order; where patterns overlap the first one wins."""
    cleaned, where = _clean(text)
    if not _ANY_DIGIT.search(cleaned):
        return []  # every pattern needs a digit
    # Most texts hold no four-digit year; then only the pattern whose year is optional can match.
    patterns = PATTERNS if _FOUR_DIGITS.search(cleaned) else _PATTERNS_WITHOUT_YEAR
    taken: list[tuple[int, int]] = []
    out: list[DateMatch] = []
    for precision, pattern in patterns:
        for found in pattern.finditer(cleaned):
            if any(found.start() < end and start < found.end() for start, end in taken):
                continue
            built = _build(found, precision, default_year)
            if built:
                taken.append(found.span())
                start, end = where[found.start()], where[found.end() - 1] + 1
                out.append(DateMatch(start, end, text[start:end], built[0], precision, built[1]))
    return sorted(out, key=lambda m: m.start)


def first_date(text: str, default_year: int | None = None) -> str | None:
    found = [d for d in find_dates(text, default_year) if d.precision == "day"]
    return found[0].iso if found else None
