"""Items of minutes written as prose: old minute books have neither numbers nor headings, only paragraphs.

Each paragraph opens a new piece of business unless it visibly goes on with the one before: "The next name
presented…", "Also…", a short outcome about someone just named ("Miss Cox was elected."), or the paragraph
after one that only announces the business ("The first business … was the election of new members.").
The opening paragraph that says who met, when and where belongs to the preamble.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...records.layout import Block
from ...records.text import sentences

MIN_PARAGRAPHS = 3
MIN_AVERAGE = 80  # characters: below this the blocks are lines of a list or a form, not prose
_CONTINUES = re.compile(
    r"^(?:the\s+(?:next|last|following|second|third|other|same)\b|also\b|further(?:more)?\b|then\b|next\b|"
    r"thereupon\b|after\s+(?:this|that|which)\b|it\s+was\s+then\b|därefter\b|vidare\b|även\b|sedan\b|också\b|"
    r"härefter\b|hvarefter\b|nästa\b)",
    re.IGNORECASE,
)
_ANNOUNCES = re.compile(
    r"^the\s+(?:first|next|last|only|following)?\s*(?:business|order\s+of\s+business|matter|subject|item)\b.*?"
    r"\b(?:was|being|were|came\s+up|taken\s+up)\b(?P<rest>.*)$|"
    r"^(?:först|därefter|sedan)\s+(?:behandlades|företogs|upptogs)\s+(?P<rest2>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_OPENING = re.compile(
    r"\b(?:met|meeting|present|attended|assembled|convened|held|sammanträdde|sammanträde|möte|närvarande|"
    r"församlade|samlades)\b",
    re.IGNORECASE,
)
_SURNAME = re.compile(r"\b(?:Mr|Mrs|Miss|Ms|Dr|Herr|Fru|Fröken|Fr)\.?\s+(?:[A-Z]\.\s*)*([A-ZÅÄÖ][\wåäöé'-]+)")
_DATE = re.compile(r"\b(?:1[6-9]|20)\d\d\b|\b\d{1,2}(?:st|nd|rd|th)\b", re.IGNORECASE)


@dataclass
class ProseItem:
    blocks: list[int]
    title: str


def _announced_topic(text: str) -> str | None:
    found = _ANNOUNCES.match(text.strip())
    if not found:
        return None
    rest = (found.group("rest") if found.group("rest") is not None else found.group("rest2") or "").strip()
    if ";" in rest:
        rest = rest.rsplit(";", 1)[1]
    rest = re.sub(r"^(?:that\s+of\s+|that\s+which\s+[^,;]*[,;]\s*)", "", rest.strip())
    rest = rest.strip(" .:,")
    return rest or None


def _title(text: str) -> str:
    topic = _announced_topic(text)
    if topic:
        return topic
    first = sentences(text.strip())
    clause = re.split(r"[,;:](?=\s)|\s[-–—]\s", first[0][1] if first else text.strip(), maxsplit=1)[0].strip()
    return clause.rstrip(".") if len(clause) <= 160 else clause[:160].rsplit(" ", 1)[0]


def _short_outcome(text: str, before: str) -> bool:
    """"Miss Cox was elected without opposition." after the paragraph that presented Miss Cox."""
    if len(text) > 120 or len(re.findall(r"[.!?](?:\s|$)", text)) > 1:
        return False
    names = _SURNAME.findall(text)
    return bool(names) and all(name in before for name in names)


def prose_items(blocks: list[Block], end: int) -> list[ProseItem]:
    """Items of prose minutes among blocks[:end], or [] when the text is not written as prose."""
    paragraphs = [i for i in range(end) if blocks[i].kind in ("paragraph", "list-item") and len(blocks[i].text) >= 30]
    if len(paragraphs) < MIN_PARAGRAPHS:
        return []
    if sum(len(blocks[i].text) for i in paragraphs) / len(paragraphs) < MIN_AVERAGE:
        return []
    first = paragraphs[0]
    opening = blocks[first].text
    if _OPENING.search(opening) and _DATE.search(opening) or re.search(r"\b(?:met|sammanträdde)\b", opening):
        paragraphs = paragraphs[1:]
    items: list[ProseItem] = []
    previous_text, announced = "", False
    for index in paragraphs:
        text = blocks[index].text
        goes_on = items and (announced or _CONTINUES.match(text) or _short_outcome(text, previous_text))
        if goes_on:
            items[-1].blocks.append(index)
        else:
            items.append(ProseItem([index], _title(text)))
        announced = _announced_topic(text) is not None and len(text) <= 200
        previous_text = text
    return items
