"""Page headers and footers ("Sida 2 av 5", "Doc ID: …") that must not end up in item text."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

ZONE = 0.12  # top and bottom share of a page where furniture lives
_PAGE_COUNTER = re.compile(
    r"^(?:(?:sida|page|sid|s\.|p\.)\s*\d+(?:\s*(?:av|of|/)\s*\d+)?"
    r"|\d+\s*\(\s*\d+\s*\)|[-–]?\s*\d{1,4}\s*[-–]?|\d+\s*/\s*\d+)$",
    re.IGNORECASE,
)
_TRAILING_COUNTER = re.compile(r"(?:\s\d+\s*\(\s*\d+\s*\)|\s(?:sida|page)\s*\d+(?:\s*(?:av|of)\s*\d+)?)$", re.IGNORECASE)
_DOC_ID = re.compile(r"^(?:doc(?:ument)?\s*(?:id|nr|no)\.?|dnr|diarienummer)\s*[:.]", re.IGNORECASE)


@dataclass
class PageLine:
    page: int
    text: str
    position: float | None = None  # top of the line as a share of page height; None when unknown


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _in_zone(line: PageLine, index: int, count: int) -> bool:
    if line.position is None:
        return index < 2 or index >= count - 2
    return line.position < ZONE or line.position > 1 - ZONE


def furniture(lines: list[PageLine]) -> set[int]:
    """Indexes of the lines that are running headers, footers or page counters."""
    by_page: dict[int, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        by_page[line.page].append(index)
    candidates: dict[str, set[int]] = defaultdict(set)
    zone: list[int] = []
    for indexes in by_page.values():
        for position, index in enumerate(indexes):
            if _in_zone(lines[index], position, len(indexes)):
                zone.append(index)
                candidates[_key(lines[index].text)].add(lines[index].page)
    pages = len(by_page)
    needed = 2 if pages <= 3 else max(2, pages // 2)
    out = set()
    for index in zone:
        text = lines[index].text.strip()
        repeated = pages > 1 and len(candidates[_key(text)]) >= needed
        if repeated or _PAGE_COUNTER.match(text) or _DOC_ID.match(text) or _TRAILING_COUNTER.search(text):
            out.add(index)
    return out
