"""Mending what OCR gets wrong in minutes: "§" read as "$" or "8" where an item starts."""
from __future__ import annotations

import re

_DOLLAR = re.compile(r"^[$S&]\s?(\d{1,4}[a-z]?)\b")
_EIGHT_SPACED = re.compile(r"^8\s(\d{1,4}[a-z]?)(?=\s*[.:]?\s+[A-ZÅÄÖ\"”«])")
_EIGHT_JOINED = re.compile(r"^8(\d{1,4})(?=\s*[.:]?\s+[A-ZÅÄÖ\"”«])")
_SECTION = re.compile(r"^§\s?(\d{1,4})")
_SPECK = re.compile(r"^[«»'\"`,.:;|~*]+\s*(?=[§$]?\s?\d)")  # a speck read as a mark before the number
_NUMBER_PUNCT = re.compile(r"^(\d{1,3})[:,;](?=\s+[A-ZÅÄÖ])")  # "17: Övrig fråga" for "17. Övrig fråga"


def repair_item_numbers(lines: list[str]) -> list[str]:
    """Pure: "$ 14 Budget" and "8 14 Budget" become "§ 14 Budget", "815 Lokaler" does after "§ 14",
    and "17: Övrig fråga" or "«15. Senaste nytt" lose what specks added.
    """
    out, last = [], None
    for line in lines:
        fixed = _SPECK.sub("", line, count=1)
        fixed = _NUMBER_PUNCT.sub(r"\1.", fixed, count=1)
        fixed = _DOLLAR.sub(r"§ \1", fixed, count=1)
        fixed = _EIGHT_SPACED.sub(r"§ \1", fixed, count=1)
        joined = _EIGHT_JOINED.match(fixed)
        if joined and last is not None and int(joined.group(1)) == last + 1:
            fixed = f"§ {joined.group(1)}{fixed[joined.end():]}"
        section = _SECTION.match(fixed)
        if section:
            last = int(section.group(1))
        out.append(fixed)
    return out
