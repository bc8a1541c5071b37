"""Roles that a layout gives rather than a sentence: signature blocks and lists under a role heading.

"Sekreterare   Justerare" over "Dennis Rikemanson   Catrine Mattsson" pairs label and name in order;
"Karen Willis" over "Human Resources Director &" gives the name the roles below it; a heading line "Ordinarie" or
"Ersättare" gives its role to the name lines under it (two headings in a row are the columns of one table, read
row by row).
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import dropwhile

from .names import HEADING_ROLES, is_first_name, opens_role, role_forms, role_phrase
from .persons import PARTICLES, find_mentions

_FILLER = re.compile(r"[.…_\-–—\s]+")
# Compiled once: they run on every line of every segment.
_SPLIT = re.compile(r"[\s&,]+|\.{2,}|…+|_{2,}")
_LINKED = re.compile(r"^(?:to|of|för)\b")
_PARTY = re.compile(r"\(\s*[A-Za-zÅÄÖåäö]{1,4}\s*\)")
_JOINERS = re.compile(r"(?i)\b(?:och|and|samt)\b|:")
_WORDS_LEFT = re.compile(r"[A-Za-zÅÄÖåäö]{2,}")
_AFTER_COLON = re.compile(r"\s*:\s*(?P<rest>\S.*)$")
_PLAIN_WORD = re.compile(r"[a-zåäö]{2,}[.,:;]?")
# Signature labels that are phrases, not role words: "Vid protokollet" signs the secretary, "Justeras" the checkers.
_LABEL_ROLES = [
    (re.compile(r"(?i)vid\s+protokollet|protokollet\s+fört\s+av|protokollförare"), "sekreterare"),
    (re.compile(r"(?i)minutes\s+taken\s+by|minute\s+taker"), "secretary"),
    (re.compile(r"(?i)justeras|justerat|justeradt|justerade"), "justerare"),
]


def _roles_of_line(line: str) -> list[str] | None:
    """The roles a line consists of ("Sekreterare Justerare", "Human Resources Director &"), or None."""
    label = line.strip().rstrip(":").strip()
    for pattern, role in _LABEL_ROLES:
        if pattern.fullmatch(label):
            return [role]
    # Words are read lazily: most lines are sentences whose first word opens no role, and are turned away there.
    stripped = (w.rstrip(":") for w in _SPLIT.split(line) if w and not _FILLER.fullmatch(w))
    kept = (w for w in stripped if w and w.lower() not in ("to", "the", "and", "och", "of", "för"))
    rest = dropwhile(lambda w: w.lower() in ("underskrifter", "underskrift", "signatures", "signed", "signatur"), kept)
    first = next(rest, None)
    if first is None or not first[:1].isupper() or not (
            opens_role(first) or (first.istitle() and len(first) <= 4) or first.lower() in HEADING_ROLES):
        return None  # the first word is neither a role nor a heading: the loop below would give up on it
    words = [first, *rest]
    roles, k = [], 0
    while k < len(words):
        if not words[k][:1].isupper():
            return roles or None if _LINKED.match(" ".join(words[k:]).lower()) else None
        found = role_phrase(words[k:k + 4])
        heading = HEADING_ROLES.get(words[k].lower())
        if found and found[1] in ("base",):
            roles.append(found[0])
            k += found[2]
        elif heading:
            roles.append(heading)
            k += 1
        else:
            return roles or None if roles and k >= 1 else None
    return roles or None


@lru_cache(maxsize=1)
def _name_line_words() -> frozenset[str]:
    """The lower-case words a name mention can hold: particles, the words of role forms that open a name
    ("ordförande Nils Bergström", "vice ordförande …"), and the joiners the line may have between names."""
    return frozenset({w for form in role_forms() for w in form.split()} | PARTICLES | {"och", "and", "samt"})


def _holds_a_sentence_word(rest: str) -> bool:
    """A plain lower-case word that no name mention can cover ("redogjorde", "för") leaves the line with words
    besides names, so the costly reading of names can be skipped: most lines looked at are sentences or titles."""
    if "[" in rest:
        return False  # a transcriber's insert inside a name may hold any word
    allowed = _name_line_words()
    before = ""
    for chunk in rest.split():
        if _PLAIN_WORD.fullmatch(chunk):
            word = chunk.rstrip(".,:;")
            # a short capitalised word before it may join it into one role ("Ord förande")
            if word not in allowed and not is_first_name(word) and not (before[:1].isupper() and len(before) <= 5):
                return True
        before = chunk
    return False


def _names_of_line(line: str) -> list[str] | None:
    """The names a line consists of, or None when it holds anything else."""
    rest = _PARTY.sub(" ", line)
    if not any(c.isupper() for c in rest):
        return None  # every name starts with a capital: nothing to read
    if _holds_a_sentence_word(rest):
        return None
    found = [m for m in find_mentions(rest, "signature") if m.kind == "name"]
    leftover = rest
    for m in reversed(found):
        leftover = leftover[:m.start] + leftover[m.end:]
    leftover = _JOINERS.sub(" ", leftover)
    if not found or _WORDS_LEFT.search(leftover):
        return None
    return [m.name for m in found]


class _Lines:
    """What each line holds, read once per text: the block rules ask about the same lines again and again."""

    def __init__(self):
        self._names: dict[str, list[str] | None] = {}
        self._roles: dict[str, list[str] | None] = {}

    def names(self, line: str) -> list[str] | None:
        if line not in self._names:
            self._names[line] = _names_of_line(line)
        return self._names[line]

    def roles(self, line: str) -> list[str] | None:
        if line not in self._roles:
            self._roles[line] = _roles_of_line(line)
        return self._roles[line]


def _labelled_names(line: str) -> list[tuple[str, str]]:
    """"Vid protokollet: Kerstin Å. Lund": a phrase label, a colon, and the names it signs on the same line."""
    for pattern, role in _LABEL_ROLES:
        found = pattern.match(line.strip())
        rest = _AFTER_COLON.match(line.strip()[found.end():]) if found else None
        if rest:
            return [(name, role) for name in _names_of_line(rest.group("rest")) or []]
    return []


def _same_line_names(read: _Lines, line: str, roles: list[str] | None) -> list[str] | None:
    """The names after a single label on the same line ("Justerare  Mats Holmgren  Birgit Ohlsson"), or None."""
    return read.names(_FILLER.split(line, 1)[-1]) if roles and len(roles) == 1 else None


def find_layout_roles(text: str) -> list[tuple[str, str]]:
    """Pure: (name, role) pairs that signature blocks and role-headed lists state."""
    lines = [line.strip() for line in text.split("\n") if not (line.strip() and _FILLER.fullmatch(line.strip()))]
    out: list[tuple[str, str]] = []
    read = _Lines()
    index = 0
    while index < len(lines):
        labelled = _labelled_names(lines[index])
        if labelled:
            out += labelled
            index += 1
            continue
        roles = read.roles(lines[index]) if lines[index] else None
        same_line = _same_line_names(read, lines[index], roles)
        if same_line:
            # "Sekreterare  Anders Nyberg" / "Justerare  Mats Holmgren  Birgit Ohlsson": each label goes with the
            # names on its own line, however many such lines follow
            out += [(name, roles[0]) for name in same_line]
            index += 1
            continue
        if roles:
            headings = [roles]
            k = index + 1
            while k < len(lines) and lines[k] and read.roles(lines[k]) and not read.names(lines[k]):
                headings.append(read.roles(lines[k]))
                k += 1
            names_lines = []
            while k < len(lines) and lines[k] and not read.roles(lines[k]) and (names := read.names(lines[k])):
                names_lines.append(names)
                k += 1
            if len(headings) == 1 and len(roles) > 1 and names_lines and len(names_lines[0]) == len(roles):
                out += list(zip(names_lines[0], roles))  # signature labels over signatures, in order
            elif len(headings) == 1 and len(roles) == 1:
                out += [(name, roles[0]) for names in names_lines for name in names]
            elif len(headings) > 1:
                for row, names in enumerate(names_lines):
                    out += [(name, headings[row % len(headings)][0]) for name in names]
            index = max(k, index + 1)
            continue
        # A name over its role lines: the role line is looked at first, as reading names costs far more.
        below = list(read.roles(lines[index + 1]) or []) if lines[index] and index + 1 < len(lines) else []
        if below and (":" in lines[index + 1] or _same_line_names(read, lines[index + 1], below)):
            below = []  # "Ersättare: Lars Åkesson": a label with its own names, not a role under the name above
        names = read.names(lines[index]) if below else None
        if names and len(names) == 1:
            if below and index + 2 < len(lines) and read.names(lines[index + 2]):
                below = []  # the role line is the label of the name under it
            if below and index + 2 < len(lines) and lines[index + 1].rstrip().endswith("&"):
                below += read.roles(lines[index + 2]) or []
            out += [(names[0], role) for role in below]
        index += 1
    return out
