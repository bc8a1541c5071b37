"""Attendance lists ("Närvarande", "Ersättare", "Present", "Apologies") as meeting participants."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .names import TITLES, role_of

_LABELS = [
    (r"närvarande(?:\s+ledamöter)?|tjänstgörande\s+ledamöter|beslutande|ledamöter|members\s+present|present", "present", None),
    (r"ersättare|tjänstgörande\s+ersättare|substitutes?", "substitute", "ersättare"),
    (r"tjänstemän|tjänstepersoner|övriga\s+närvarande|övriga\s+deltagare|närvarande\s+tjänstemän|in\s+attendance|also\s+present|officers?", "official", None),
    (r"frånvarande|anmält\s+förhinder|absent|apologies(?:\s+for\s+absence)?", "absent", None),
]
_LABEL = re.compile(r"^(?P<label>" + "|".join(f"(?:{p})" for p, _, _ in _LABELS) + r")\s*[:.]?\s*(?P<rest>.*)$", re.IGNORECASE)
_NAME = re.compile(
    rf"^(?:{TITLES}\.?\s+)?(?P<name>(?:[A-ZÅÄÖÉ]\.\s*)*[A-ZÅÄÖÉ][\wåäöéü'’-]+(?:\s+[A-ZÅÄÖÉ][\wåäöéü'’-]+){{0,3}})$"
)
_STATUS_LEVEL = {"ledamöter": "ledamot"}


@dataclass
class Participant:
    name: str
    role: str | None
    status: str  # present | substitute | official | absent


def _status(label: str) -> tuple[str, str | None]:
    for pattern, status, role in _LABELS:
        if re.fullmatch(pattern, label, re.IGNORECASE):
            return status, _STATUS_LEVEL.get(label.lower(), role)
    return "present", None


def _entries(rest: str) -> list[str]:
    return [e.strip() for e in re.split(r"[;,\n\t]|\s+och\s+|\s+and\s+", rest) if e.strip()]


def _parse_entries(entries: list[str], status: str, default_role: str | None) -> list[Participant]:
    people: list[Participant] = []
    for entry in entries:
        entry = entry.strip(" .")
        bracket = re.match(r"^(?P<who>.+?)\s*\((?P<role>[^)]+)\)$", entry)
        role_text = bracket.group("role") if bracket else None
        who = bracket.group("who") if bracket else entry
        role = role_of(role_text.strip()) if role_text else None
        alone = role_of(who)
        if alone and alone[1] == "base" and people:
            people[-1].role = alone[0]  # "Anna Ek, ordförande"
            continue
        words = who.split()
        for size in (2, 1):
            before = role_of(" ".join(words[:size])) if len(words) > size else None
            if before and before[1] == "base":
                role, who = role or before, " ".join(words[size:])
                break
        found = _NAME.match(who)
        if found and (" " in found.group("name") or re.match(TITLES, entry)):
            people.append(Participant(found.group("name"), (role or (None,))[0] or default_role, status))
    return people


def find_participants(lines: list[str]) -> list[Participant]:
    """Pure: the lines before the first item in, participants out."""
    out: list[Participant] = []
    current: tuple[str, str | None] | None = None
    for line in lines:
        found = _LABEL.match(line.strip())
        if found:
            current = _status(re.sub(r"\s+", " ", found.group("label")))
            if found.group("rest").strip():
                out += _parse_entries(_entries(found.group("rest")), *current)
                current = None
            continue
        if current is not None:
            people = _parse_entries(_entries(line), *current)
            if not people:
                current = None
            out += people
    return out
