"""Who moved and seconded a motion, and how the votes fell, as the minutes write them.

Minutes name people with their office ("Board Member McHugh", "Commissioner
Johnson", "Mrs. John R. [Anna] Tait"); the office and the transcriber's
brackets are dropped so the name can be matched against the people list.
Tallies come as "5-0", "by a 4-0 vote", "Vote: 5-0-1" or "Ayes: 5, Nays: 1";
a bare number pair is only read as a tally next to a vote word, because
dates ("2024-02-03") and page ranges look the same.
"""
from __future__ import annotations

import re

NAME = r"(?:[A-ZÅÄÖÉ][\w'’.-]*|\[[^\]]{1,50}\])(?:\s+(?:[A-ZÅÄÖÉ][\w'’.-]*|\[[^\]]{1,50}\]|de|van|von|af|der|la))*"

_TITLE = re.compile(
    r"^(?:(?:board|council|commission|committee|staff|city|executive|vice|deputy|senior)\s+)*"
    r"(?:member|commissioner|councilmember|councilman|councilwoman|councillor|councilor|cllr\.?|chair(?:man|woman|person)?|"
    r"president|mayor|trustee|director|supervisor|alderman|alderperson|secretary|treasurer|manager|"
    r"dr\.?|mr\.?|mrs\.?|ms\.?|miss|sgt\.?|prof\.?|rev\.?|cr\.?|hon\.?|herr|hr\.?|fru|fröken|frk\.?|ordförande|ledamot(?:en)?|ledamöterna)\s+",
    re.IGNORECASE,
)
_BRACKETS = re.compile(r"\s*\[[^\]]*\]")

_MOVER = [
    re.compile(rf"\b(?i:moved|motion(?:ed)?|proposed|nominated|put\s+forward|introduced)\s+(?i:by):?\s+(?P<who>{NAME})"),
    re.compile(rf"(?:^|\b)(?i:on|upon)\s+(?i:a\s+|the\s+)?(?i:motion|proposal)\s+(?i:of|by|from)\s+(?P<who>{NAME})"),
    re.compile(rf"^(?i:an?\s+|the\s+)?(?i:motion|proposal|förslag|yrkande)\s+(?i:by|from|av|från)\s+(?P<who>{NAME})"),
    re.compile(rf"(?:^|[.;]\s+|\band\s+)(?P<who>{NAME})\s+(?:then\s+|also\s+)?(?:moved|made\s+(?:a|the)\s+motion|motioned|proposed|nominated)\b"),
    re.compile(rf"^(?P<who>{NAME}|\w+)\s+(?:föreslog|föreslår|yrkade|yrkar|hemställde|hemställer)\b"),
    re.compile(r"^(?:proposed|moved|motion|förslagsställare|föreslagen\s+av|yrkande\s+av)(?:\s+by)?\s*:\s*(?P<who>[^,;()]{1,60}?)\s*\.?$", re.IGNORECASE),
    re.compile(rf"\b(?i:motion)\b[^.]{{0,200}}?\b(?i:was\s+made\s+by)\s+(?P<who>{NAME})"),
]
_SECONDER = [
    re.compile(rf"\b(?i:seconded\s+by):?\s+(?P<who>{NAME}(?:\s+and\s+{NAME})?)"),
    re.compile(rf"(?:^|[.;,]\s*|\band\s+)(?P<who>{NAME})\s+(?:then\s+|also\s+)?seconded\b"),
    re.compile(rf"\bsecond(?:ed)?\s+by\s+(?P<who>{NAME})", re.IGNORECASE),
    re.compile(r"^second(?:ed)?(?:\s+by)?\s*:\s*(?P<who>[^,;()]{1,60}?)\s*\.?$", re.IGNORECASE),
]
# A line that only names who moved and seconded, the motion text following on its own line:
# "Moved by Councillor Kennedy, Seconded by Councillor Myatt", "Moved Cr Bowman Seconded Cr Obourne".
_PERSON = r"[A-ZÅÄÖÉ][\w'’.-]*(?:\s+(?:[A-ZÅÄÖÉ][\w'’.-]*|de|van|von|af|der|la|du)){0,5}?"
_MOTION_LINE = re.compile(
    rf"^(?i:moved|mover|proposed|motion)(?P<by>\s+(?i:by)|\s*:)?\s*\s(?P<mover>{_PERSON})"
    rf"(?:\s*[,;/]?\s*(?:(?i:and)\s+)?(?i:seconded|seconder|second)(?:\s+(?i:by))?\s*:?\s+(?P<seconder>{_PERSON}))?\s*\.?$"
)
_PAIR = re.compile(r"^(?:motion|moved)\s*/\s*second(?:ed)?\s*:\s*(?P<mover>[^/]{1,50}?)\s*/\s*(?P<seconder>[^/]{1,50}?)\s*\.?$", re.IGNORECASE)

_TALLY_WORDS = r"(?:vote[sd]?|carried|passed|approved|adopted|failed|defeated|lost|motion|röst(?:er|ade|ning)?|bifölls|antogs|avslogs)"
# "carried by 20 votes to 12", "23 för och 9 emot", "(2 för, 2 emot)": prose tallies with the count words between
_PROSE_TALLY = [
    re.compile(r"(?<![\d.-])(?P<a>\d{1,3})\s+votes?\s+to\s+(?P<b>\d{1,3})\b", re.IGNORECASE),
    re.compile(r"(?<![\d.-])(?P<a>\d{1,3})\s+(?:röster\s+)?för\s*(?:,|och|mot)?\s*(?P<b>\d{1,3})\s+(?:röster\s+)?(?:emot|mot)\b", re.IGNORECASE),
]
_TALLY = re.compile(
    rf"(?:{_TALLY_WORDS}\D{{0,20}}?|^\s*)(?<![\d.-])(?P<a>\d{{1,3}})\s*[-–—:/]\s*(?P<b>\d{{1,3}})(?:\s*[-–—:/]\s*(?P<c>\d{{1,3}}))?(?![\d-]|\.\d)"
    rf"|(?<![\d.-])(?P<a2>\d{{1,3}})\s*[-–—]\s*(?P<b2>\d{{1,3}})(?:\s*[-–—]\s*(?P<c2>\d{{1,3}}))?(?![\d-]|\.\d)\s+(?:vote|röster)",
    re.IGNORECASE,
)
_COUNTS = {
    # "£38,400 for 2024" is an amount, not a count: no digit group before it, no year after "for"
    "for": re.compile(r"(?:\b(?:ayes?|yes|yeas?|for|in\s+favou?r|ja)\s*[:=]?\s*(\d{1,3})\b(?![,.]\d)|(?<![\d,.£$€])\b(\d{1,3})\s+(?:ayes?|yeas?|in\s+favou?r|for(?!\s+\d)|ja-?röster|röster\s+för|yes(?=\s*(?:[,.;)]|$|votes?\b)))\b)", re.IGNORECASE),
    "against": re.compile(r"(?:\b(?:nays?|noes|no|against|opposed|nej)\s*[:=]?\s*(\d{1,3})\b|\b(\d{1,3})\s+(?:nays?|noes|against|opposed|nej-?röster|röster\s+emot|no(?=\s*(?:[,.;)]|$|votes?\b)))\b)", re.IGNORECASE),
    "abstain": re.compile(r"(?:\b(?:abstain(?:ed|ing|s|ions?)?|abstentions?|avstod|avstår|nedlagda)\s*[:=]?\s*(\d{1,3})\b|\b(\d{1,3})\s+(?:abstain(?:ed|ing|s|ions?)?|abstentions?|avstod|avstår|nedlagda)\b)", re.IGNORECASE),
}

# Roll calls name the voters instead of counting them: "Ayes: Holt, Whitaker, Ortega. Nays: none."
_ROLL_END = r"(?=\s*(?:[.;\n)]|$|\b(?:ayes?|yeas?|nays?|noes|abstain\w*|absent)\b))"
_ROLL = {
    "for": re.compile(rf"\b(?:ayes?|yeas?)\s*:\s*(?P<list>[^.;:\n\d]+?){_ROLL_END}", re.IGNORECASE),
    "against": re.compile(rf"\b(?:nays?|noes)\s*:\s*(?P<list>[^.;:\n\d]+?){_ROLL_END}", re.IGNORECASE),
    "abstain": re.compile(rf"\babstain(?:ed|ing|s)?\s*:\s*(?P<list>[^.;:\n\d]+?){_ROLL_END}", re.IGNORECASE),
}
_NOBODY = re.compile(r"^(?:none|nobody|ingen|inga)$", re.IGNORECASE)


def _roll_count(pattern: re.Pattern, text: str) -> int | None:
    hit = pattern.search(text)
    if not hit:
        return None
    names = [n for n in re.split(r"\s*,\s*|\s+(?:and|&)\s+", hit.group("list").strip()) if n]
    if len(names) == 1 and _NOBODY.match(names[0]):
        return 0
    return len(names) if names and all(n[:1].isupper() for n in names) else None

_NOT_A_PERSON = re.compile(
    r"^(?:the\s+)?(?:[\wåäö-]*(?:styrelsen|nämnden|fullmäktige|utskottet|beredningen|förvaltningen|kansliet|mötet|stämman|"
    r"revisorerna|valberedningen|presidiet)|(?:city|county|town|parish|district|planning|finance|executive)\s+\w+|mötet|årsmötet|stämman|styrelsen|nämnden|beredningen|utskottet|medlemmarna|vi|jag|man|det|"
    r"board|council|committee|commission|meeting|members|it|he|she|they|staff)$",
    re.IGNORECASE,
)


def clean_name(raw: str) -> str | None:
    """Office words and bracketed transcriber notes are not part of the name; the meeting itself is nobody."""
    name = _BRACKETS.sub("", raw).strip(" ,.;:")
    while True:
        stripped = _TITLE.sub("", name, count=1)
        if stripped == name:
            break
        name = stripped
    name = re.sub(r"\s+", " ", name).strip(" ,.;:")
    return name if name and not _NOT_A_PERSON.match(name) else None


def _names(raw: str) -> str | None:
    parts = [clean_name(p) for p in re.split(r"\s+(?:and|och|&)\s+|,\s*", raw)]
    parts = [p for p in parts if p]
    return " and ".join(parts) if parts else None


def _who(text: str, side: str, patterns: list[re.Pattern], name) -> str | None:
    """One side of a motion: from a "Motion/Second: A/B" pair, else from the first sentence pattern that names it."""
    text = text.strip()
    pair = _PAIR.match(text)
    if pair:
        return clean_name(pair.group(side))
    found = next((m for m in (pattern.search(text) for pattern in patterns) if m), None)
    return name(found.group("who")) if found else None


def motion_line(text: str) -> tuple[str | None, str | None] | None:
    """(mover, seconder) when the line names only them; the motion it introduces is the next line."""
    found = _MOTION_LINE.match(text.strip())
    if not found or not (found.group("by") or found.group("seconder")):
        return None  # "Proposed Library Extension" is a heading; without "by" only a seconder makes it a mover line
    if re.match(r"^(?:carried|passed|approved|adopted|failed|defeated|lost|withdrawn|tabled)\b", found.group("mover"), re.IGNORECASE):
        return None  # "Motion Carried"
    who = clean_name(found.group("mover"))
    return (who, clean_name(found.group("seconder")) if found.group("seconder") else None) if who else None


def mover(text: str) -> str | None:
    return _who(text, "mover", _MOVER, clean_name)


def seconder(text: str) -> str | None:
    return _who(text, "seconder", _SECONDER, _names)


def tally(text: str) -> tuple[int | None, int | None, int | None]:
    """(for, against, abstain) as written; None where the minutes give no number."""
    counts = {key: _count(pattern, text) for key, pattern in _COUNTS.items()}
    prose = next((m for m in (p.search(text) for p in _PROSE_TALLY) if m), None)
    if prose:
        return int(prose.group("a")), int(prose.group("b")), counts["abstain"]
    found = _TALLY.search(text)
    if found:
        a, b, c = (found.group("a"), found.group("b"), found.group("c")) if found.group("a") else (
            found.group("a2"), found.group("b2"), found.group("c2"))
        return int(a), int(b), int(c) if c else counts["abstain"]
    if counts["for"] is None and counts["against"] is None:
        rolls = {key: _roll_count(pattern, text) for key, pattern in _ROLL.items()}
        if rolls["for"] is not None or rolls["against"] is not None:
            return rolls["for"], rolls["against"], rolls["abstain"]
    return counts["for"], counts["against"], counts["abstain"]


def _count(pattern: re.Pattern, text: str) -> int | None:
    hit = pattern.search(text)
    return int(hit.group(1) or hit.group(2)) if hit else None
