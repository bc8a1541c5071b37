"""Agenda item headings: "14. Title", "§ 14 Title", "Punkt 14", "Item 5.", "5.1", "A." sub-items.

A numbered line is an item only if it fits the sequence of items so far, so
numbered lists inside an item, dates and an attached memo's sections are not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TITLE = r"(?P<title>[\"”«(]?[A-ZÅÄÖÉÜa-zåäö].{0,160})"
_PARAGRAPH = re.compile(rf"^§\s*(?P<num>\d{{1,4}}[a-z]?)\s*[.:–-]?(?:\s+{_TITLE})?$")
_WORD = re.compile(rf"^(?P<label>Punkt|Item|Agenda item|Ärende|Paragraf)\s+(?P<num>\d{{1,3}}(?:\.\d{{1,2}})?)\s*[.:–-]?(?:\s+{_TITLE})?$", re.IGNORECASE)
_DOTTED = re.compile(rf"^(?P<num>\d{{1,3}}\.\d{{1,2}})\.?\s+{_TITLE}$")
_PLAIN = re.compile(rf"^(?P<num>\d{{1,3}})[.)]\s+{_TITLE}$")
_LETTER = re.compile(rf"^(?P<num>[A-H])[.)]\s+{_TITLE}$")
MAX_GAP = 5


@dataclass
class Heading:
    block: int
    number: str
    label: str
    title: str
    parent: str | None = None
    title_block: int | None = None  # the title stands on the next line ("§ 14" alone)


def _title_ok(title: str) -> bool:
    title = title.strip()
    return bool(title) and len(title) <= 160 and not title.endswith((",", ";")) and not re.match(r"(?i)att\s", title)


def parse_heading(text: str) -> tuple[str, str, str | None, str] | None:
    """(style, number, title or None, label) for a line shaped like a heading, else None."""
    text = text.strip()
    for style, pattern in (("paragraph", _PARAGRAPH), ("word", _WORD), ("dotted", _DOTTED), ("plain", _PLAIN), ("letter", _LETTER)):
        found = pattern.match(text)
        if found:
            title = (found.group("title") or "").strip() or None
            if title is not None and not _title_ok(title):
                return None
            label = text[: found.start("title")].strip() if title else text
            return style, found.group("num"), title, label
    return None


def find_headings(texts: list[str]) -> list[Heading]:
    """Item headings among block texts, in order."""
    headings: list[Heading] = []
    last_top: int | None = None
    current: Heading | None = None
    skip = -1
    for index, text in enumerate(texts):
        if index == skip:
            continue
        parsed = parse_heading(text)
        if parsed is None:
            continue
        style, number, title, label = parsed
        title_block = None
        if title is None:
            if style not in ("paragraph", "word"):
                continue
            following = texts[index + 1].strip() if index + 1 < len(texts) else ""
            title = ""
            if following and len(following) <= 100 and not following.endswith(".") and _title_ok(following) \
                    and not parse_heading(following):
                title, title_block, skip = following, index + 1, index + 1
        if style == "letter":
            if current is None:
                continue
            siblings = [h for h in headings if h.parent == current.number and h.number.isalpha()]
            expected = chr(ord(siblings[-1].number) + 1) if siblings else "A"
            if number != expected:
                continue
            headings.append(Heading(index, number, label, title, parent=current.number, title_block=title_block))
            continue
        if style == "dotted":
            top, _ = number.split(".", 1)
            if current is not None and top == current.number:
                headings.append(Heading(index, number, label, title, parent=top, title_block=title_block))
            continue
        value = int(re.match(r"\d+", number).group())
        if style == "plain" and last_top is not None and not last_top < value <= last_top + MAX_GAP:
            continue
        if style != "plain" and last_top is not None and value < last_top:
            continue
        current = Heading(index, re.sub(r"\s+", "", number), label, title, title_block=title_block)
        headings.append(current)
        last_top = value
    return headings
