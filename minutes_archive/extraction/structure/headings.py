"""Which blocks are agenda items and sub-items, and what their titles are.

A numbered line is an item when it fits the run of numbers the document's items follow: the longest sequence of
one numbering style that keeps rising by small steps, among lines that start at the same indent. So numbered
lists inside an item, quoted section numbers of an ordinance, dates and an attachment's headings are not items.
Markup headings bring their level: items are the headings of one level, sub-items those one level below.
Plain-text minutes without numbers may head their items with lines in capitals standing alone (US county and city
minutes). Minutes without numbers or headings (old minute books) are read paragraph by paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..dates import find_dates
from ...records.layout import Block
from .markers import Marker, letter_index, parse_marker
from .metadata import is_signature_line
from ...records.text import sentences
from .trailing_notes import is_separator

MAX_GAP = 5  # item numbers may skip this many (items withdrawn, numbering by twos)
INDENT_TOLERANCE = 0.04  # share of the page width within which items start at the same indent
SHORT_SUB_ITEM = 160  # a lettered point longer than this is a paragraph of the item, not a sub-item
TOP_SCHEMES = ("paragraph", "word", "plain", "paren", "bare", "roman", "sub", "slash")
PARENT_SCHEMES = ("paragraph", "word", "plain", "paren", "bare", "roman")  # schemes that write an item's own number
MAX_ORPHAN_TITLE = 90  # a sub-number with a longer text is a clause or a list point, not an item heading
# Headings inside an item that are not items: the proposal, the decision, notes, lists of members.
SECTION_LABEL = re.compile(
    r"^(?:förslag(?:\s+till\s+beslut)?|beslut|beslutsunderlag|anteckningar|bakgrund|ärendet|ärendebeskrivning|"
    r"yrkanden?|propositionsordning|reservation(?:er)?|protokollsanteckning(?:ar)?|motivering|sammanfattning|"
    r"ordinarie|ersättare|ledamöter|proposed\s+by|seconded\s+by|motion|resolution|discussion|background|"
    r"recommendation|notes?|actions?|action\s+items?|decision|outcome|vote|result|"
    r"[A-ZÅÄÖ][\wåäö-]+s\s+(?:beslut|förslag|yttrande))\W*$",
    re.IGNORECASE,
)
# Headings of what comes before the business: who was there, the agenda.
PREAMBLE_LABEL = re.compile(
    r"^(?:attendees|attendance|present|members\s+present|in\s+attendance|apologies|absent|guests|agenda|"
    r"dagordning|föredragningslista|närvarande|frånvarande|deltagare|närvarolista|övriga\s+närvarande|kallade|"
    r"adjungerade|anmält\s+förhinder|regrets|also\s+present|staff\s+present|attending|participants|"
    r"(?:voting\s+)?members\s+present|observers\s+present|(?:meeting\s+)?minutes|links)\W*$",
    re.IGNORECASE,
)
_DOCUMENT_TITLE = re.compile(
    r"\b(?:protokoll|minnesanteckningar|dagordning|kallelse|minutes|agenda|meeting\s+of)\b|\b\d{4}-\d\d-\d\d\b|"
    r"\b(?:19|20)\d\d\s*$", re.IGNORECASE)
_TIME_OR_PLACE = re.compile(r"(?i)^(?:tid|datum|plats|date|time|place|location|venue|ort)$")
_TITLE_WORDS = re.compile(r"(?:protokoll|minnesanteckningar|anteckningar|minutes)\b|\bmeeting\s+of\b", re.IGNORECASE)
_CODE_LIKE = re.compile(r"^(?=.*\d)[\dA-ZÅÄÖ:/.,\-–()# ]+$")
_WORD_IN_CAPITALS = re.compile(r"\b[A-ZÅÄÖ]{4,}\b")
MIN_TITLE_WORDS = 2  # a code in capitals carries at most one long word ("BYGG 2023/12"); a title carries more
# "3 WATER SERVICES REFORM": a number, a space and a title in capitals alone on its line heads an item (NZ, AU).
_NUMBERED_CAPITALS = re.compile(r"^\d{1,3}[ \t]+(?=[A-ZÅÄÖ])[^a-zåäö]{3,90}$")
# A case reference beside the number ("§ 112 Dnr BUN 2023/341"): it files the matter, the subject line names it.
_REFERENCE = re.compile(
    r"^(?:dnr|diarie(?:nr|nummer)|ärende(?:nr|nummer)|ärende\s+nr|ref(?:erens)?(?:\s*nr)?|our\s+ref|your\s+ref|"
    r"reference|case\s+(?:no|number)|file\s+(?:no|number))\b\.?:?\s*(?=.*\d)(?:\S+\s*){1,4}$",
    re.IGNORECASE,
)
# Words in capitals that open a resolution's or a vote's text rather than head an item.
_CAPITAL_LEAD = re.compile(
    r"^(?:(?:NOW,?\s+)?(?:THEREFORE,?\s+)?(?:BE\s+IT\s+(?:FURTHER\s+)?)?RESOLVED|WHEREAS|(?:MOTION\s+)?"
    r"(?:CARRIED|PASSED|FAILED|LOST|DEFEATED)(?:\s+(?:UNANIMOUSLY|\d{1,3}\s*[/:–-]\s*\d{1,3}))?|"
    r"(?:RESOLUTION|MOTION)(?:\s+(?:NO\.?\s*)?[\d/.–-]+)?|"
    r"UNANIMOUS(?:LY)?|AYES|NAYS|NOES|ABSTAIN(?:ED|ING)?|SECONDED|MOVED|APPROVED|NOTE)\W*$")
_SENTENCE_END = re.compile(r"[.!?][\"”»)]?$")
SHORT_FIRST_SENTENCE = 60  # a prose item's opening sentence short enough to stand as its title
MAX_CAPITAL_HEADING = 90  # a line in capitals longer than this is a shouted sentence, not a heading
MIN_CAPITAL_HEADINGS = 3  # fewer lines in capitals are emphasis, not the document's items
MAX_STANDALONE_HEADING = 60  # a short line alone in ordinary type heads an item only when this short …
MAX_STANDALONE_WORDS = 8
MIN_PROSE_LINE = 40  # … and a sentence at least this long follows it
MAX_RUN_IN_WORDS = 4  # "Call to Order: …" heads an item; a longer text before a colon is a sentence
MIN_STANDALONE_HEADINGS = 3  # fewer such lines are a stray caption or a name, not the document's items
_BULLET = re.compile(r"^(?:[-*•–·]|\(?[a-z]\))\s")
# Labels before a colon that give who was there or a step of the business, never an item of its own.
_NOT_RUN_IN = re.compile(r"(?i)\b(?:present|absent|attendance|attending|apologies|regrets|guests|moved|seconded|"
                         r"owner|status|next\s+steps?|follow[- ]up|update)\b")


@dataclass
class Heading:
    block: int
    number: str  # "14", "3.1", "3a", "6AC"; "" for an unnumbered heading
    label: str  # as written: "§ 14", "14.", "KS § 3 a", "A."
    title: str
    parent: str | None = None
    title_block: int | None = None  # the title stands on the next line ("§ 14" alone)
    title_end: int | None = None  # the item's text goes on in the heading's own block from here


@dataclass
class _Candidate:
    block: int
    marker: Marker
    title: str
    title_block: int | None
    title_end: int | None
    strong: bool
    indent: float | None
    length: int
    follows: str = ""  # what stands after a number alone on its line: "title", "sentence" or "prose"
    has_body: bool = False  # text that is not another numbered line follows it
    after_colon: bool = False  # in a list that a line ending with ":" announces

    @property
    def top(self) -> int:
        return self.marker.top or 0

    def key(self) -> tuple[int, int]:
        sub = self.marker.sub
        return self.top, (letter_index(sub) if sub and sub.isalpha() else int(sub.split(".")[0]) if sub else 0)


def _is_code(text: str) -> bool:
    """A roll-call number, file number or case reference: printed beside the item's number, never its title."""
    text = text.strip()
    if len(_WORD_IN_CAPITALS.findall(text)) >= MIN_TITLE_WORDS:
        return False  # "ANNUAL FINANCIAL STATEMENT 2022": a title in capitals with a year, not a file number
    return (bool(_CODE_LIKE.match(text)) and len(text) <= 40) or (bool(_REFERENCE.match(text)) and len(text) <= 60)


def _real_sentences(text: str) -> list[str]:
    """Sentences of three words or more, so that initials ("J. P. Ekholm") do not split one."""
    out: list[str] = []
    for _, sentence in sentences(text):
        if out and len(sentence.split()) < 3:
            out[-1] += " " + sentence
        else:
            out.append(sentence)
    return out


def _next_kind(text: str) -> str:
    """Whether the line after a number standing alone is its title or already the item's text: a paragraph of
    several sentences, or a long one, is prose; a single sentence is prose only where the document's other
    numbers are followed by prose (old minute books: "§ 4." then "Beslöts att …")."""
    if not _SENTENCE_END.search(text):
        return "title"
    if len(text) > 100 or len(_real_sentences(text)) >= 2:
        return "prose"
    return "sentence"


def _prose_title(text: str) -> str:
    """The title of an item whose text follows its number: its opening sentence when short, else none."""
    found = _real_sentences(text)
    if len(found) >= 2 and len(found[0]) <= SHORT_FIRST_SENTENCE:
        return found[0].rstrip(".").strip()
    return ""


def title_ok(title: str) -> bool:
    title = title.strip()
    return bool(title) and not title.endswith((",", ";")) and not re.match(r"(?i)att\s", title)


def _first_sentence(text: str) -> str:
    found = sentences(text)
    return found[0][1] if found else text


def _title_region(block: Block, start: int) -> int:
    """Where a heading's title ends in its block: at the end of its cell, of its first run or line, or the block."""
    text = block.text
    end = len(text)
    if block.cells and len(block.cells) > 1:
        offset = 0
        for cell in block.cells:
            if offset + len(cell) > start and re.search(r"[^\W\d_]{3}", text[start: offset + len(cell)]):
                end = offset + len(cell)
                break
            offset += len(cell) + 1
    if block.lead and start < block.lead < end:
        end = block.lead
    return end


def _candidate(blocks: list[Block], index: int, marker: Marker) -> _Candidate | None:
    block = blocks[index]
    text = block.text
    end = _title_region(block, marker.end)
    title = text[marker.end:end].strip()
    title_end = end if end < len(text) else None
    title_block = None
    if len(title) > 60:
        first = _first_sentence(title)
        if len(first) < len(title):
            title_end = marker.end + text[marker.end:].index(first) + len(first)
            title = first
    if block.cells and len(block.cells) > 1 and _is_code(title):
        title = ""
    follows = ""
    if not title or _is_code(title):
        following = index + 1
        while following < len(blocks) and _is_code(blocks[following].text) and following <= index + 2:
            following += 1
        nxt = blocks[following].text.strip() if following < len(blocks) else ""
        nxt_first = nxt[: blocks[following].lead].strip() if nxt and blocks[following].lead else nxt
        follows = _next_kind(nxt_first) if nxt_first and following == index + 1 else ""
        code = title
        if follows == "prose" and marker.scheme in ("paragraph", "word"):
            title = _prose_title(nxt)  # "§ 1." alone, then the item's paragraph: its text, not its title
        elif nxt_first and len(nxt_first) <= 160 and title_ok(nxt_first) and parse_marker(nxt_first) is None \
                and blocks[following].kind != "code":
            title, title_block = nxt_first, following
            title_end = None
        elif marker.scheme not in ("paragraph", "word"):
            return None
        else:
            code = ""
        if code:
            marker = replace(marker, label=f"{marker.label} {code}")
    if title and not title_ok(title):
        return None
    if title.isupper() or (title.endswith(":") and len(title) < 40 and title[:-1].isupper()):
        title = title.rstrip(":").strip()
    strong = block.kind == "heading" or block.level is not None or block.bold
    found = _Candidate(index, marker, title, title_block, title_end, strong, block.indent, len(text))
    found.follows = follows
    return found


def _heading_line(block: Block) -> bool:
    """A line that heads something by its form alone: a heading, or a number with a title in capitals and no
    sentence, so that "2 APOLOGIES" is numbered like "2. Apologies"."""
    text = block.text.strip()
    return block.kind == "heading" or (bool(_NUMBERED_CAPITALS.match(text)) and not _SENTENCE_END.search(text)
                                       and sum(ch.isalpha() for ch in text) >= 3)


def candidates(blocks: list[Block]) -> list[_Candidate]:
    out = []
    markers = [None if b.kind == "code" else parse_marker(b.text, heading=_heading_line(b), cells=b.cells)
               for b in blocks]
    found_all = [_candidate(blocks, index, marker) for index, marker in enumerate(markers) if marker is not None]
    found_all = _prose_style([c for c in found_all if c is not None])
    for found in found_all:
        index = found.block
        following = (found.title_block if found.title_block is not None else index) + 1
        found.has_body = found.title_end is not None or (following < len(blocks) and markers[following] is None)
        found.after_colon = index > 0 and markers[index - 1] is None and blocks[index - 1].text.rstrip().endswith(":")
        previous = out[-1] if out else None
        if previous is not None and previous.block == index - 1 and previous.after_colon and not previous.has_body \
                and found.marker.top is not None and found.marker.top == (previous.marker.top or 0) + 1:
            found.after_colon = True  # the list that a line ending in ":" announced goes on
        out.append(found)
    return out


def _prose_style(found: list[_Candidate]) -> list[_Candidate]:
    """Where most numbers standing alone are followed by their item's paragraph, a one-sentence paragraph after
    such a number is the item's text too ("§ 4." then "Beslöts att banan öppnas den 1 maj.")."""
    alone = [c for c in found if c.follows and c.marker.scheme in ("paragraph", "word")]
    prose = [c for c in alone if c.follows == "prose"]
    if not prose or 2 * len([c for c in alone if c.follows != "title"]) <= len(alone):
        return found
    return [replace(c, title="", title_block=None) if c in alone and c.follows == "sentence" else c for c in found]


def _weight(c: _Candidate, left: float | None = None) -> float:
    """How much a numbered line looks like an item heading: in a heading style, short, printed with a roll-call
    number, starting at the left edge where item numbers stand; less when its "§" had to be guessed."""
    weight = 1.0 + 0.5 * c.strong + 0.2 * (len(c.title) <= 80) + 0.3 * bool(c.marker.code) + 0.2 * c.has_body
    weight -= 0.6 * c.after_colon
    if left is not None and c.indent is not None and c.indent <= left + INDENT_TOLERANCE / 2:
        weight += 0.3
    return weight - 0.6 if c.marker.damaged else weight


def _step(a: _Candidate, b: _Candidate) -> float | None:
    """The cost of going from item `a` to item `b` in one sequence; None when `b` cannot follow `a`."""
    ka, kb = a.key(), b.key()
    if a.marker.series != b.marker.series:
        return None  # "24/07" does not follow "23/06": another year's minute, a reference
    if kb > ka:
        gap = kb[0] - ka[0]
        if gap > (1 if a.marker.scheme == "roman" else MAX_GAP):
            return None
        return 0.15 * max(0, gap - 1)
    if kb == ka and b.length <= 100 and not a.has_body and not a.after_colon:
        return 0.8  # the same number twice, the first without text: a numbering slip the sequence needs
    return None


def _best_chain(cands: list[_Candidate]) -> tuple[float, list[_Candidate]]:
    if not cands:
        return 0.0, []
    indents = [c.indent for c in cands if c.indent is not None]
    left = min(indents) if indents else None
    weights = [_weight(c, left) for c in cands]
    best = [round(w, 6) for w in weights]
    start = [c.block for c in cands]
    back = [-1] * len(cands)
    for j in range(len(cands)):
        for i in range(max(0, j - 200), j):
            step = _step(cands[i], cands[j])
            if step is None:
                continue
            score = round(best[i] + weights[j] - step, 6)
            if (score, -start[i]) > (best[j], -start[j]):
                best[j], back[j], start[j] = score, i, start[i]
    end = max(range(len(cands)), key=lambda k: (best[k], -start[k]))  # on a tie the sequence that starts first
    score = best[end]
    chain = []
    while end >= 0:
        chain.append(cands[end])
        end = back[end]
    return score, list(reversed(chain))


def _family(c: _Candidate) -> str:
    scheme = c.marker.scheme
    if scheme == "sub":
        return "plain"  # "3 a"/"3-A" items among "1."/"2." items are siblings only under their parent
    if scheme == "letter" and c.marker.sub in ("I", "V", "X"):
        return "roman"
    return scheme


def _in_letter_run(c: _Candidate, cands: list[_Candidate]) -> bool:
    """"I." after "H." is a letter, not a roman one."""
    before = [o for o in cands if o.block < c.block and o.marker.scheme == "letter"]
    return bool(before) and letter_index(before[-1].marker.sub) == letter_index(c.marker.sub) - 1


def _orphan_subs(cands: list[_Candidate]) -> list[_Candidate]:
    """Sub-numbers whose parent is never written ("11.1", "11.2", "12.1" without "11." or "12."): the agenda's
    sections are only in the printed agenda, so these are the items, numbered as written. Only heading-like lines:
    a short title, not a sentence, with text after it; a quoted clause "7.1 The permit holder shall …" is not."""
    parents = {c.marker.top for c in cands if c.marker.scheme in PARENT_SCHEMES and not c.marker.sub}
    return [c for c in cands if c.marker.scheme == "dotted" and c.marker.top not in parents and c.has_body
            and 0 < len(c.title) <= MAX_ORPHAN_TITLE and not _SENTENCE_END.search(c.title)
            and not c.after_colon and not _clock_time(c.marker)]


def _clock_time(marker: Marker) -> bool:
    """"09.00 Welcome", "13.00 Lunch": a programme's times, not item numbers."""
    return marker.label.startswith("0") or bool(re.fullmatch(r"0+", marker.sub or ""))


def _top_chain(cands: list[_Candidate]) -> list[_Candidate]:
    families: dict[str, list[_Candidate]] = {"plain": _orphan_subs(cands)}
    for c in cands:
        family = _family(c)
        if family == "roman" and c.marker.scheme == "letter" and _in_letter_run(c, cands):
            continue
        if family in TOP_SCHEMES and (c.marker.scheme != "sub" or c.marker.top):
            if c.marker.scheme == "letter":  # I., V., X. as roman numerals
                c = replace(c, marker=replace(c.marker, scheme="roman", top={"I": 1, "V": 5, "X": 10}[c.marker.sub], sub=None))
            families.setdefault(family, []).append(c)
    best: tuple[float, list[_Candidate]] = (0.0, [])
    for family, members in families.items():
        members = sorted(members, key=lambda c: c.block)
        if family == "plain":
            members = [c for c in members if c.marker.scheme != "sub"] or members
        score, chain = _best_chain(members)
        indents = [c.indent for c in chain if c.indent is not None]
        if len(indents) >= 2:
            middle = sorted(indents)[len(indents) // 2]
            aligned = [c for c in members if c.indent is None or abs(c.indent - middle) <= INDENT_TOLERANCE]
            score, chain = _best_chain(aligned)
        if all(c.marker.damaged for c in chain) and len(chain) < 3:
            continue
        if family == "slash" and len(chain) < 2:
            continue  # "24/03" is a minute number only where others follow it in sequence
        if score > best[0]:
            best = (score, chain)
    return best[1]


def _under(parent: Marker, child: Marker) -> bool:
    """"11.1.2" is under "11.1", "11.2" is not: an item numbered "11.1" takes only deeper numbers as sub-items."""
    if parent.scheme != "dotted":
        return True
    return child.scheme == "dotted" and (child.sub or "").startswith(f"{parent.sub}.")


def _sub_items(parent: _Candidate, inside: list[_Candidate]) -> list[_Candidate]:
    """Sub-items of one item: "3.1", "3-A"/"3 a" under 3, and a lettered run a), b), … of short lines."""
    out: list[_Candidate] = []
    numbered = [c for c in inside if c.marker.scheme in ("dotted", "sub", "word") and c.marker.top == parent.top
                and c.marker.sub and _under(parent.marker, c.marker)]
    last = None
    for c in numbered:
        if last is None or c.key() > last.key():
            out.append(c)
            last = c
    letters = [c for c in inside if c.marker.scheme == "letter" and (c.length <= SHORT_SUB_ITEM or c.strong)]
    run: list[_Candidate] = []
    for c in letters:
        value = letter_index(c.marker.sub)
        style = (c.marker.sub.isupper(), c.marker.label[-1], c.marker.open_paren)
        if not run:
            if value == 1:
                run.append(c)
            continue
        previous = run[-1]
        same_style = style == (previous.marker.sub.isupper(), previous.marker.label[-1], previous.marker.open_paren)
        if same_style and value == letter_index(previous.marker.sub) + 1:
            run.append(c)
        elif same_style and value <= letter_index(previous.marker.sub) and c is letters[letters.index(previous) + 1]:
            run.append(c)  # a letter repeated by mistake right after the run ("e)" after "f)")
    return sorted(out + run, key=lambda c: c.block)


def _as_heading(c: _Candidate, parent: _Candidate | None = None) -> Heading:
    marker = c.marker
    if parent is not None:
        number = f"{parent.marker.number}{marker.sub}" if marker.scheme in ("letter", "sub") else marker.number
        return Heading(c.block, number, marker.label, c.title, parent.marker.number, c.title_block, c.title_end)
    numbered = marker.scheme != "code"  # a roll-call number alone: an item without a number
    return Heading(c.block, marker.number if numbered else "", marker.label if numbered else "", c.title, None,
                   c.title_block, c.title_end)


def _numbered(blocks: list[Block], cands: list[_Candidate]) -> list[Heading]:
    chain = _top_chain(cands)
    if not chain:
        return []
    coded = [c for c in chain if c.marker.code]
    if len(coded) >= 2:  # items printed with a roll-call number: one printed without its item number is an item too
        taken = {c.block for c in chain}
        extra = [c for c in cands if c.marker.scheme == "code" and c.block > chain[0].block and c.block not in taken]
        chain = sorted(chain + extra, key=lambda c: c.block)
    headings: list[Heading] = []
    used = {c.block for c in chain} | {c.title_block for c in chain if c.title_block is not None}
    for n, top in enumerate(chain):
        headings.append(_as_heading(top))
        if top.marker.scheme == "code":
            continue
        end = chain[n + 1].block if n + 1 < len(chain) else len(blocks)
        inside = [c for c in cands if top.block < c.block < end and c.block not in used]
        for sub in _sub_items(top, inside):
            headings.append(_as_heading(sub, top))
    return headings


def _label(text: str) -> bool:
    text = text.strip()
    return bool(SECTION_LABEL.match(text) or PREAMBLE_LABEL.match(text))


def _date_only(text: str) -> bool:
    """"17 november 2021", "Torsdag 2 september 2021 kl. 12": a date, the meeting's, not an item."""
    found = find_dates(text)
    rest = text
    for date in found:
        rest = rest.replace(date.text, " ")
    rest = re.sub(r"(?i)\b(?:kl(?:ockan)?|at|from|to|till|och|and)\b|\d{1,2}[:.]\d\d|[^\w]+", " ", rest)
    return bool(found) and not rest.strip()


def _markup(blocks: list[Block]) -> list[Heading] | None:
    """Items from headings with levels (Markdown, HTML, Typst, LaTeX, reStructuredText, AsciiDoc, Word styles)."""
    heads = [i for i, b in enumerate(blocks) if b.kind == "heading" and b.level is not None]
    if len(heads) < 2:
        return None
    levels = [blocks[i].level for i in heads]
    first_text = blocks[heads[0]].text
    if (levels.count(levels[0]) == 1 and all(level > levels[0] for level in levels[1:])) or \
            (parse_marker(first_text, heading=True) is None and _TITLE_WORDS.search(first_text)):
        heads = heads[1:]  # the document's title
    markers = {i: parse_marker(blocks[i].text, heading=True) for i in heads}
    heads = [i for i in heads if markers[i] or not _label(blocks[i].text)]
    heads = [i for i in heads if not _date_only(blocks[i].text)]
    counts: dict[int, int] = {}
    for i in heads:
        counts[blocks[i].level] = counts.get(blocks[i].level, 0) + 1
    item_levels = [level for level in sorted(counts) if counts[level] >= 2]
    if not item_levels:
        return None
    level = item_levels[0]
    numbered = [c for c in candidates([blocks[i] if blocks[i].level == level else Block("") for i in range(len(blocks))])
                if c.marker.scheme in TOP_SCHEMES]
    if numbered:  # numbered items follow their sequence: an attachment's "1." headings after item 4 are not items
        chain = _top_chain(numbered)
        last = chain[-1].block if chain else -1
        rule = next((i for i in range(last + 1, len(blocks)) if is_separator(blocks[i])), len(blocks))
        keep = {c.block for c in chain}
        first = chain[0].block if chain else -1
        heads = [i for i in heads if blocks[i].level != level or i in keep
                 or (markers[i] is None and first < i < rule)]
    headings: list[Heading] = []
    open_levels: list[tuple[int, Heading]] = []  # the headings a deeper one can belong to, by level
    for i in heads:
        block, marker = blocks[i], markers[i]
        title = block.text[marker.end:].strip() if marker else block.text.strip()
        if block.level < level:
            continue
        while open_levels and open_levels[-1][0] >= block.level:
            open_levels.pop()
        if block.level > level and _label(title):
            continue  # "2.1 Participants" under "2. Roll call": who was there, not business
        if block.level == level:
            top = marker is not None and marker.scheme not in ("letter", "code")
            heading = Heading(i, marker.number if top else "", marker.label if top else "", title)
        elif open_levels:
            parent = open_levels[-1][1]
            if marker is not None and marker.scheme in ("dotted", "sub", "letter", "word"):
                number = marker.number if marker.scheme in ("dotted", "word") else f"{parent.number}{marker.sub}"
                label = marker.label
            else:
                number, label = "", ""
            heading = Heading(i, number, label, title, parent.number or None)
        else:
            continue
        headings.append(heading)
        open_levels.append((block.level, heading))
    return headings


def _unnumbered(blocks: list[Block]) -> list[Heading]:
    """Items that are headings without numbers: bold or larger lines, or short lines standing alone in a scan.

    The lines that open the document (its title block) and labels are not items; items share one style."""
    opening = 0
    while opening + 1 < len(blocks) and blocks[opening].kind == "heading" and blocks[opening + 1].kind == "heading":
        opening += 1  # stacked title lines; the last heading before text may be the first item
    heads = [i for i in range(opening, len(blocks)) if blocks[i].kind == "heading" and not _label(blocks[i].text)
             and parse_marker(blocks[i].text) is None and title_ok(blocks[i].text) and len(blocks[i].text) <= 120
             and not _DOCUMENT_TITLE.search(blocks[i].text) and not _date_only(blocks[i].text)]
    styles: dict[tuple, int] = {}
    for i in heads:
        key = (blocks[i].bold, round(blocks[i].size or 0))
        styles[key] = styles.get(key, 0) + 1
    found = []
    if styles:
        common = max(styles, key=styles.get)
        found = [Heading(i, "", "", blocks[i].text.strip()) for i in heads
                 if (blocks[i].bold, round(blocks[i].size or 0)) == common]
    found = found or _capital_headings(blocks) or _standalone_headings(blocks)
    taken = {h.block for h in found}
    found += [h for h in _run_in(blocks, opening) if h.block not in taken]
    return sorted(found, key=lambda h: h.block) if len(found) >= 2 else []


def _capital_line(block: Block) -> bool:
    """A short line in capitals ("CONSENT AGENDA"), or a capital label with a short subject ("PUBLIC HEARING:
    Franklin Road"). Not a table row, a label of the business ("MOTION:"), a signature ("ATTEST:") or a date;
    "CONSENT AGENDA" and "BUDGET 2024" are items here, the letterhead is told apart by where it stands."""
    text = block.text.strip()
    if (block.cells and len(block.cells) > 1) or len(text) > MAX_CAPITAL_HEADING or parse_marker(text) is not None:
        return False
    head, colon, tail = text.partition(":")
    head, tail = head.strip(), tail.strip()
    if sum(ch.isalpha() for ch in head) < 3 or not head.isupper() or _label(head) or is_signature_line(text) \
            or _CAPITAL_LEAD.match(head):
        return False
    if colon and tail and (len(tail) > SHORT_FIRST_SENTENCE or not title_ok(tail) or _SENTENCE_END.search(tail)):
        return False
    return not _date_only(text)


def _capital_headings(blocks: list[Block]) -> list[Heading]:
    """Items headed by lines in capitals standing alone, each followed by its text (US county and city minutes).

    The letterhead (the body's name, "MINUTES OF …", the date) opens the document: capital lines there are
    followed by more of the letterhead, not by text."""
    capital = [_capital_line(b) for b in blocks]

    def text_follows(i: int) -> bool:
        return i + 1 < len(blocks) and bool(blocks[i + 1].text.strip()) and not capital[i + 1]

    def letterhead(i: int) -> bool:
        text = blocks[i].text
        nxt = blocks[i + 1].text if i + 1 < len(blocks) else ""
        title_next = bool(_DOCUMENT_TITLE.search(nxt) or _date_only(nxt)) and len(nxt) <= MAX_CAPITAL_HEADING
        title = len(text) <= MAX_CAPITAL_HEADING and bool(_DOCUMENT_TITLE.search(text) or _date_only(text))
        return (capital[i] and (not text_follows(i) or title_next)) or title

    start = 1
    while start < len(blocks) and letterhead(start):
        start += 1
    found = [Heading(i, "", "", blocks[i].text.strip().rstrip(":").strip()) for i in range(start, len(blocks))
             if capital[i] and text_follows(i)]
    if len(found) < MIN_CAPITAL_HEADINGS:
        return []
    ends = [h.block for h in found[1:]] + [len(blocks)]
    subs = [sub for h, end in zip(found, ends) for sub in _lettered_subs(blocks, h.block + 1, end)]
    return sorted(found + subs, key=lambda h: h.block)


def _lettered_subs(blocks: list[Block], start: int, end: int) -> list[Heading]:
    """"A. CUP 24-003 – Conditional Use Permit …", "B. …" under "PUBLIC HEARINGS": a run of capital letters from A,
    each a short line of its own, heads the matters of that item. A single "A." is a list point, not a run."""
    run: list[Heading] = []
    for i in range(start, end):
        text = blocks[i].text.strip()
        marker = parse_marker(text)
        if marker is None or marker.scheme != "letter" or not marker.sub.isupper() or len(text) > SHORT_SUB_ITEM:
            continue
        title = text[marker.end:].strip()
        if not title_ok(title) or _SENTENCE_END.search(title):
            continue
        if letter_index(marker.sub) == len(run) + 1 and (not run or run[-1].label[-1] == marker.label[-1]):
            run.append(Heading(i, marker.sub, marker.label, title))
    return run if len(run) >= 2 else []


def _short_line(block: Block) -> bool:
    """A line that can head an item without any style: short, capitalised, not a sentence, a label with a value
    ("Present: …", "Date: …"), a signature, a date or a list point."""
    text = block.text.strip()
    words = text.split()
    if (block.cells and len(block.cells) > 1) or block.lead or not 0 < len(text) <= MAX_STANDALONE_HEADING \
            or len(words) > MAX_STANDALONE_WORDS or not text[0].isupper():
        return False
    if _SENTENCE_END.search(text) or text.endswith((",", ";", ":")) or ":" in text or _BULLET.match(text):
        return False
    return parse_marker(text) is None and not _label(text) and not is_signature_line(text) \
        and not _date_only(text) and not _DOCUMENT_TITLE.search(text) and not _CAPITAL_LEAD.match(text.upper()) \
        and title_ok(text)


def _prose_follows(blocks: list[Block], i: int) -> bool:
    """The item's text under the heading at `i`: a paragraph much longer than the heading that ends a sentence, or
    that goes on in the next line (plain text wrapped by hand)."""
    if i + 1 >= len(blocks):
        return False
    text, heading = blocks[i + 1].text.strip(), blocks[i].text.strip()
    if len(text) < max(MIN_PROSE_LINE, 2 * len(heading)) or len(text.split()) < 5:
        return False
    goes_on = i + 2 < len(blocks) and not blocks[i + 2].blank_before and bool(blocks[i + 2].text.strip())
    return bool(_SENTENCE_END.search(text)) or goes_on


def _standalone_headings(blocks: list[Block]) -> list[Heading]:
    """Items headed by short lines standing alone in ordinary type ("Pool Resurfacing", "Treasurer's Report"), each
    followed by its paragraph (US homeowners' and club minutes). The title block opens the document with short
    lines followed by more short lines, so only lines after a blank line or a paragraph, before a paragraph, count."""
    found = []
    for i in range(1, len(blocks) - 1):
        block, before = blocks[i], blocks[i - 1]
        apart = block.blank_before or bool(_SENTENCE_END.search(before.text.strip()))
        if apart and _short_line(block) and _prose_follows(blocks, i):
            found.append(Heading(i, "", "", block.text.strip()))
    if len(found) < MIN_STANDALONE_HEADINGS:
        return []
    return sorted(found + _one_line_run_in(blocks), key=lambda h: h.block)


def _one_line_run_in(blocks: list[Block]) -> list[Heading]:
    """Among such items, a line standing apart that opens with a short heading and a colon ("Adjournment: The
    meeting was adjourned at 8:15 PM.") is an item of its own, not the end of the one before."""
    out = []
    for i, block in enumerate(blocks):
        head, colon, tail = block.text.strip().partition(":")
        head, tail = head.strip(), tail.strip()
        if block.blank_before and colon and len(head.split()) <= MAX_RUN_IN_WORDS and not _TIME_OR_PLACE.match(head) \
                and not _NOT_RUN_IN.search(head) \
                and _short_line(Block(head)) and _SENTENCE_END.search(tail) and len(tail.split()) >= 4:
            out.append(Heading(i, "", "", head, title_end=block.text.index(":") + 1))
    return out


def _run_in(blocks: list[Block], start: int) -> list[Heading]:
    """Run-in headings: a paragraph opening with a label in its own style, "Ekonomi: Kassören redovisade …"."""
    out = []
    for i in range(start, len(blocks)):
        block = blocks[i]
        if block.kind != "paragraph" or not block.lead or block.lead > 80:
            continue
        label = block.text[: block.lead].strip()
        title = label.rstrip(":").strip()
        if label.endswith(":") and title and not _label(title) and not is_signature_line(label) \
                and title_ok(title) and parse_marker(label) is None and not _TIME_OR_PLACE.match(title):
            out.append(Heading(i, "", "", title, title_end=block.lead))
    return out


def find_headings(blocks: list[Block] | list[str]) -> list[Heading]:
    """Item and sub-item headings among blocks, in order: markup headings by level, else numbered lines in
    sequence, else unnumbered heading lines."""
    blocks = [b if isinstance(b, Block) else Block(b) for b in blocks]
    found = _markup(blocks)
    if found:
        return found
    numbered = _numbered(blocks, candidates(blocks))
    if len([h for h in numbered if h.parent is None]) >= 2:
        return numbered
    return _unnumbered(blocks) or numbered
