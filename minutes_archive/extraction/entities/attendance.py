"""Attendance lists ("Närvarande", "Ersättare", "Directors Present", "Apologies") as meeting participants.

A list may stand in the preamble or be an item's body (a roll call); its entries may be full names, surnames
alone ("Present: Cownie, Boesen and Voss"), or names with a role before or after them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .names import TITLES, is_first_name, role_of, role_phrase, role_title
from ...records.text import fold
from .persons import find_mentions

_LABELS = [
    (r"närvarande(?:\s+ledamöter)?|tjänstgörande\s+ledamöter|beslutande|ledamöter|members\s+present|present"
     r"|attendees|attending|attendance|deltagare", "present", None),
    (r"ersättare|tjänstgörande\s+ersättare|substitutes?", "substitute", "ersättare"),
    (r"tjänstemän|tjänstepersoner|övriga\s+närvarande|övriga\s+deltagare|övriga\s+deltagande|närvarande\s+tjänstemän"
     r"|in\s+attendance|also\s+present|officers?|staff\s+present|staff|guests|gäster|ej\s+beslutande", "official", None),
    (r"adjungerade?", "official", "adjungerad"),
    (r"frånvarande|ej\s+närvarande|anmält\s+förhinder|absent|apologies(?:\s+for\s+absence)?|regrets", "absent", None),
]
_STATUS = "|".join(f"(?:{p})" for p, _, _ in _LABELS)
# "Directors Present:", "Executive Officers Absent:": a plural role may stand before the status word.
_LABEL = re.compile(r"^(?P<label>(?:(?P<qualifier>[A-Za-zÅÄÖåäö ]{3,40}?)\s+)?(?:" + _STATUS + r"))(?:\s*[:.]\s*|\s+|$)(?P<rest>.*)$",
                    re.IGNORECASE)
_ENTRY = re.compile(r"^(?P<name>(?:[A-ZÅÄÖÉ]\.\s*)*[A-ZÅÄÖÉ][\wåäöéü'’-]+(?:\s+(?:[a-z]{1,3}\s+)?[A-ZÅÄÖÉ][\wåäöéü'’.-]+){0,3})$")
_PARTY = re.compile(r"^\s*\([A-Za-zÅÄÖåäö]{1,4}\)\s*|\s*\([A-Za-zÅÄÖåäö]{1,4}\)\s*$")
# "Lars Åkesson (KD) tjänstgörande ersättare för Anna Lund (L)": the names after "för" are the ones replaced.
_REPLACES = re.compile(r"\b(?:tjänstgörande\s+)?(?:ersättare|ersätter|tjänstgör|substitute|substituting|deputi[sz]ing)"
                       r"\s+(?:för|for)\s+|\b(?:i\s+stället\s+för|istället\s+för|in\s+place\s+of)\s+", re.IGNORECASE)
# Any "Word:" at the start of a line is a label; one that is no attendance label ends the list above it.
_OTHER_LABEL = re.compile(r"^[*_]*[A-ZÅÄÖ][\wåäö]*(?:\s+[\wåäö]+){0,3}[*_]*\s*:")
# Label words that are everyday words too: they head a list only with a colon.
_NEEDS_COLON = re.compile(r"(?i)staff|guests?|gäster|officers?|attending|attendance")
_NOT_NAMES = {"none", "ingen", "inga", "n/a", "nobody", "alla", "all", "samtliga", "ledamöter", "members"}
_STATUS_LEVEL = {"ledamöter": "ledamot"}


@dataclass
class Participant:
    name: str
    role: str | None
    status: str  # present | substitute | official | absent


def _status(label: str, qualifier: str | None) -> tuple[str, str | None] | None:
    status_word = label[len(qualifier):].strip() if qualifier else label
    role = None
    if qualifier:
        found = role_phrase(qualifier.split())
        if not found or found[2] != len(qualifier.split()):
            if not re.fullmatch(r"(?i)directors?|executive\s+officers?|staff|board|council|members?", qualifier.strip()):
                return None  # "The meeting was present" is no label
        else:
            role = found[0]
        if re.fullmatch(r"(?i)directors?", qualifier.strip()):
            role = "director"
    for pattern, status, default in _LABELS:
        if re.fullmatch(pattern, status_word, re.IGNORECASE):
            return status, role or _STATUS_LEVEL.get(status_word.lower(), default)
    return "present", role


def _entries(rest: str) -> list[tuple[int, str]]:
    """(offset, text) of each entry in a list written with commas, semicolons, tabs, "och" or "and"."""
    out, at = [], 0
    for piece in re.split(r"([;,\n\t]|\s+och\s+|\s+and\s+|\s+&\s+)", rest):
        if piece.strip() and not re.fullmatch(r"[;,\n\t]|\s+och\s+|\s+and\s+|\s+&\s+", piece):
            out.append((at + len(piece) - len(piece.lstrip()), piece.strip()))
        at += len(piece)
    return out


def _parse_entries(rest: str, status: str, default_role: str | None, strict: bool = False,
                   surnames_alone: bool = True) -> list[Participant]:
    """Names found in context first ("Commissioners Soules, Nachtigall" gives both the role), then any entry that
    is nothing but capitalised words: in a list under an attendance label even a surname alone is a person.
    `strict` lines (those after a label that had names on its own line) take only names found in context."""
    people: list[Participant] = []
    found = [m for m in find_mentions(rest, "attendance") if m.kind in ("name", "surname")]
    taken = [(m.start, m.end) for m in found]
    by_start = {m.start: m for m in found}
    for offset, entry in _entries(rest):
        end = offset + len(entry)
        hits = [by_start[a] for a, b in taken if offset <= a < end]
        if hits:
            replaced = _REPLACES.search(rest, offset, end)
            for m in hits:
                if replaced and m.start >= replaced.end():
                    swedish = re.search(r"ersätt|tjänstgör|ställe", replaced.group(), re.IGNORECASE)
                    people.append(Participant(m.name, "ledamot" if swedish else None, "absent"))
                else:
                    people.append(Participant(m.name, m.role or default_role, status))
            continue
        if any(a < end and offset < b for a, b in taken):
            continue
        entry = _PARTY.sub("", entry.strip(" .")).strip(" .")
        alone = role_title(entry.split())
        if alone and alone[1] == "base" and alone[2] == len(entry.split()):
            if people:
                people[-1].role = people[-1].role if people[-1].role and people[-1].role != default_role else alone[0]
            continue  # "Anna Ek, ordförande", "Sonya Watson, Chief Administrative Officer": a role is never a name
        bracket = re.match(r"^(?P<who>.+?)\s*\((?P<role>[^)]+)\)$", entry)
        who = bracket.group("who") if bracket else entry
        role = role_of(bracket.group("role").strip()) if bracket else None
        clean = _ENTRY.match(who) if strict is False else None
        if clean and " " not in who and not surnames_alone:
            continue  # "Deltagare: Bolagsverket, Sambruk": in Swedish lists a lone word is an organisation
        if clean and fold(who) not in _NOT_NAMES and not role_phrase(who.split()):
            people.append(Participant(clean.group("name"), (role or (None,))[0] or default_role, status))
    return people


_QUALIFIERS = re.compile(r"(?i)(?:directors?|officers?|staff|board|council|members?|ledamöter|övriga|ej|also|in|"
                         r"tjänstgörande)$")


def _other_label(line: str) -> bool:
    """"Staff:" or "Justerare:" opens something else; "Anna Berg: ordförande" is still an entry of the list."""
    found = _OTHER_LABEL.match(line)
    return bool(found) and not is_first_name(found.group().strip("*_: ").split()[0])


def _split_labels(line: str) -> list[str]:
    """"Present: Cownie, Boesen. Absent: Gatto." holds two lists, and so does a Markdown paragraph that joined
    "Attendees: … Volkov" and "Regrets: Schmidt": a capitalised label with its colon starts a new list anywhere."""
    pieces = re.split(r"(?<=\.)\s+(?=(?:" + _STATUS + r")\s*:)", line, flags=re.IGNORECASE)
    out = []
    for piece in pieces:
        cuts = [0]
        for found in re.finditer(r"\s+(?=[A-ZÅÄÖ])(?=(?i:" + _STATUS + r")\s*:)", piece):
            before = piece[cuts[-1]:found.start()].split()
            if found.start() > 0 and before and not _QUALIFIERS.fullmatch(before[-1]) and found.start() > cuts[-1]:
                cuts.append(found.end())
        out += [piece[a:b].strip() for a, b in zip(cuts, cuts[1:] + [len(piece)])]
    return out


_SENTENCE_END = re.compile(r"\.\s+(?=[A-ZÅÄÖ][a-zåäö]+\s+[a-zåäö])")
_TITLE_END = re.compile(r"(?:^|\s)" + TITLES + r"$")


def _first_sentence(rest: str) -> str:
    """". Sheumaker arrived at ..." ends the list; the dot of "Dr. Maria de la Cruz" does not."""
    for found in _SENTENCE_END.finditer(rest):
        if not _TITLE_END.search(rest[:found.start()]):
            return rest[:found.start()]
    return rest


def find_participants(lines: list[str], surnames_alone: bool = True) -> list[Participant]:
    """Pure: lines in (the preamble, or an item that is a roll call), participants out. `surnames_alone` lets a
    single capitalised word be a person, as in English roll calls ("Present: Cownie, Boesen and Voss"); Swedish
    minutes list full names, and a lone word there is an authority or a company."""
    out: list[Participant] = []
    current: tuple[str, str | None] | None = None
    strict = False
    for raw in lines:
        for line in _split_labels(raw.strip()):
            found = _LABEL.match(line.strip())
            status = _status(re.sub(r"\s+", " ", found.group("label")), found.group("qualifier")) if found else None
            if status and _NEEDS_COLON.fullmatch(found.group("label").strip()) and \
                    not re.match(r"\s*:", line.strip()[found.end("label"):]) and found.group("rest").strip():
                status = None  # "STAFF DIRECTION" is a heading; "Staff:" and "ATTENDANCE" alone head a list
            if found and status:
                current = status
                rest = found.group("rest").strip()
                if rest:
                    rest = _first_sentence(rest)
                    people = _parse_entries(rest, *current, surnames_alone=surnames_alone)
                    out += people
                    current = current if people else None
                    strict = True
                else:
                    strict = False
                continue
            if current is not None and _other_label(line.strip()):
                current = None  # "Staff:", "Justerare:": a new label starts something else
                continue
            if current is not None:
                words = _PARTY.sub("", line).split()
                if len(words) < 2 or not words[1][:1].isupper():
                    current = None  # "Utses att justera ...": the list has ended
                    continue
                people = _parse_entries(line, *current, strict=strict, surnames_alone=surnames_alone)
                if not people:
                    current = None
                out += people
    return out
