"""--from, --to and --date values: "2007", "2007-09", "2007-09-25", "september 2007", "sept 2007"."""
from __future__ import annotations

import calendar
import re

from .grammar import QueryError, quote


def period(value: str) -> tuple[int, int]:
    """(first day, last day) as yyyymmdd numbers."""
    text = value.strip().lower().rstrip(".")
    found = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if found:
        year, month, day = found.group(1), found.group(2), found.group(3)
        return _span(int(year), int(month) if month else None, int(day) if day else None, value)
    from ..extraction.dates import MONTHS  # dates.py compiles its patterns on import: only for a month name

    found = re.fullmatch(r"(?:(\d{1,2})\.?\s+)?([a-zåäö]+)\.?\s+(\d{4})", text)
    if found and found.group(2) in MONTHS:
        day = int(found.group(1)) if found.group(1) else None
        return _span(int(found.group(3)), MONTHS[found.group(2)], day, value)
    raise QueryError(f"{quote(value)} is not a date; use 2007, 2007-09, 2007-09-25 or \"september 2007\".")


def _span(year: int, month: int | None, day: int | None, value: str) -> tuple[int, int]:
    try:
        if month is None:
            return year * 10000 + 101, year * 10000 + 1231
        last = calendar.monthrange(year, month)[1]
        if day is None:
            return year * 10000 + month * 100 + 1, year * 10000 + month * 100 + last
        if not 1 <= day <= last:
            raise ValueError
        number = year * 10000 + month * 100 + day
        return number, number
    except (ValueError, calendar.IllegalMonthError) as exc:
        raise QueryError(f"{quote(value)} is not a real date.") from exc


def date_range(date_from: str | None, date_to: str | None, date: str | None) -> tuple[int, int] | None:
    if date:
        return period(date)
    if not date_from and not date_to:
        return None
    low = period(date_from)[0] if date_from else 1
    high = period(date_to)[1] if date_to else 99991231
    if low > high:
        raise QueryError(f"--from {date_from} is after --to {date_to}.")
    return low, high
