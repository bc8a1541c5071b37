"""People in a document: full names, genitives, first names alone, roles, role-only references, initials.

Rules plus the first-name list in ``names``: a capitalised known first name
followed by capitalised words is a full name; a role word next to a name
gives that person the role. Capitalised phrases without a known first name
("Fler Friska Företagsamma Nackabor") are never people unless a role word or
an attendance list says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..dates import MONTHS
from .names import TITLES, fold, is_first_name, role_of

_TOKEN = re.compile(r"[A-ZÅÄÖÉÜÆØa-zåäöéüæøß][\wåäöéüÅÄÖÉÜæøÆØ'’]*(?:-[\wåäöÅÄÖéüæø]+)*\.?")
_NOT_SURNAME = {
    "och", "att", "det", "den", "som", "för", "med", "till", "av", "på", "i", "om", "han", "hon", "vi", "de", "jag", "ni",
    "man", "men", "är", "var", "efter", "under", "inför", "enligt", "samt", "eller", "även", "the", "and", "of", "to", "in",
    "on", "for", "with", "at", "by", "from", "kommun", "kommuns", "beslut", "protokoll", "måndag", "tisdag", "onsdag",
    "torsdag", "fredag", "lördag", "söndag", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    *MONTHS,
}
_AFTER_SUBJECT = {
    "har", "hade", "är", "var", "och", "samt", "som", "med", "i", "på", "för", "till", "om", "att", "blev", "sa", "sade",
    "menade", "föreslog", "yrkade", "redogjorde", "informerade", "berättade", "svarade", "lovade", "ansåg", "tyckte",
    "deltog", "valdes", "utsågs", "kan", "ska", "skall", "vill", "får", "kommer", "också", "inte", "från", "hos",
}
# First names that are also everyday words ("Inga andra pengar"): alone, they only count once resolved.
EVERYDAY_WORDS = {"Inga", "Per", "Bo", "Dag", "Hans", "Maj", "Sten", "Liv", "Saga", "Set", "Gull", "Tor", "Mons", "Rut",
                  "Gun", "Svea", "Ville", "Mark", "Will", "Jack", "Grace", "May", "June", "Bill", "Frank", "Tom"}
NOT_INITIALS = {"PM", "EU", "IT", "OK", "AB", "IF", "FN", "TV", "VD", "HR", "KF", "KS", "SD", "MP", "KD", "FP", "ML",
                "UK", "US", "NB", "PS", "CV", "ID", "ST", "AI", "GP"}


@dataclass
class Mention:
    segment: str  # where it was found: an item, attachment or footnote id, or "preamble"
    start: int
    end: int
    text: str
    kind: str  # name | first-name | role | initials
    name: str | None = None  # the full name, once known
    role: str | None = None
    genitive: bool = False
    resolved_by: str | None = None  # first-name | role | nearest, for mentions that did not name the person


@dataclass
class Person:
    name: str
    roles: list[str] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)
    mentions: int = 0

    @property
    def key(self) -> str:
        return fold(self.name)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for found in _TOKEN.finditer(text):
        word = found.group()
        end = found.end()
        if word.endswith(".") and not re.fullmatch(r"[A-ZÅÄÖ]\.", word):
            word, end = word[:-1], end - 1
        out.append((found.start(), end, word))
    return out


def _adjacent(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    return bool(re.fullmatch(r" {1,2}", text[left[1]:right[0]]))


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


def _surname_ok(word: str) -> bool:
    return _capitalised(word) and len(word) > 1 and word.lower() not in _NOT_SURNAME and role_of(word) is None \
        and not word.endswith(".")


def _role_before(text: str, tokens, index: int) -> str | None:
    if index == 0 or not _adjacent(text, tokens[index - 1], tokens[index]):
        return None
    word = tokens[index - 1][2]
    if index >= 2 and _adjacent(text, tokens[index - 2], tokens[index - 1]):
        pair = role_of(f"{tokens[index - 2][2]} {word}")
        if pair and pair[1] == "base":
            return pair[0]
    found = role_of(word)
    return found[0] if found and found[1] == "base" else None


def _role_after(text: str, end: int) -> str | None:
    found = re.match(r"\s*(?:,\s*|\(\s*)((?:vice\s+)?[a-zåäöA-ZÅÄÖ]+)\s*\)?", text[end:])
    if found:
        role = role_of(found.group(1))
        if role and role[1] == "base":
            return role[0]
    return None


def _genitive(name: str, following: str, language: str) -> bool:
    """Swedish adds a bare s ("Janssons förslag"); English writes "Smith's", so "Jones" stays Jones."""
    if language != "sv":
        return name.endswith(("'s", "’s"))
    return name.endswith("s") and not name.endswith("ss") and following[:1].islower() and following not in _AFTER_SUBJECT


def find_mentions(text: str, segment: str = "", language: str = "sv") -> list[Mention]:
    """Pure: every person-like mention in one text, unresolved."""
    tokens = _tokens(text)
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        start, end, word = tokens[i]
        # English style: "Cllr A. Smith", "Mrs C. Brown"
        if re.fullmatch(TITLES + r"\.?", word) and i + 1 < len(tokens):
            j = i + 1
            while j < len(tokens) and re.fullmatch(r"[A-ZÅÄÖ]\.", tokens[j][2]):
                j += 1
            last = j - 1
            while last + 1 < len(tokens) and last - j < 2 and _surname_ok(tokens[last + 1][2]) \
                    and _adjacent(text, tokens[last], tokens[last + 1]):
                last += 1
            if last >= j:
                name = text[tokens[i + 1][0]:tokens[last][1]]
                mentions.append(Mention(segment, start, tokens[last][1], text[start:tokens[last][1]], "name", name,
                                        role=_role_after(text, tokens[last][1])))
                i = last + 1
                continue
        role_first = _role_before(text, tokens, i)
        known = _capitalised(word) and is_first_name(word)
        if known or (role_first and _capitalised(word)):
            j = i
            while j + 1 < len(tokens) and is_first_name(tokens[j + 1][2]) and _adjacent(text, tokens[j], tokens[j + 1]) \
                    and j + 2 < len(tokens) and _surname_ok(tokens[j + 2][2]):
                j += 1  # double first names: "Anna Maria Svensson"
            last = j
            while last + 1 < len(tokens) and last - j < 2 and _adjacent(text, tokens[last], tokens[last + 1]) \
                    and _surname_ok(tokens[last + 1][2]) and not is_first_name(tokens[last + 1][2]):
                last += 1
            if last > j:
                end = tokens[last][1]
                name = text[start:end]
                following = tokens[last + 1][2] if last + 1 < len(tokens) else ""
                genitive = _genitive(name, following, language) and (
                    language != "sv" or _adjacent(text, tokens[last], tokens[last + 1]))
                mentions.append(Mention(segment, start, end, name, "name", name, role_first or _role_after(text, end),
                                        genitive=genitive))
                i = last + 1
                continue
            if known:
                mentions.append(Mention(segment, start, end, word, "first-name", role=role_first))
                i += 1
                continue
        if word.lower() == "the" and i + 1 < len(tokens) and _adjacent(text, tokens[i], tokens[i + 1]):
            found = role_of(f"the {tokens[i + 1][2]}")
            if found and not (i + 2 < len(tokens) and _capitalised(tokens[i + 2][2])
                              and _adjacent(text, tokens[i + 1], tokens[i + 2])):
                mentions.append(Mention(segment, start, tokens[i + 1][1], text[start:tokens[i + 1][1]], "role",
                                        role=found[0]))
                i += 2
                continue
        if _capitalised(word) and word.endswith("s") and is_first_name(word[:-1]):
            mentions.append(Mention(segment, start, end, word, "first-name", genitive=True))
        elif role_of(word) and role_of(word)[1] in ("definite", "genitive"):
            mentions.append(Mention(segment, start, end, word, "role", role=role_of(word)[0]))
        elif re.fullmatch(r"[A-ZÅÄÖ]{2}", word) and word not in NOT_INITIALS and text[end:end + 1] not in "-:":
            mentions.append(Mention(segment, start, end, word, "initials"))
        i += 1
    return mentions


def _base_name(mention: Mention, known: set[str]) -> str:
    name = mention.name
    if name.endswith(("'s", "’s")):
        return name[:-2]
    if name.endswith("s") and fold(name[:-1]) in known:
        return name[:-1]
    return name[:-1] if mention.genitive else name


def resolve(mentions: list[Mention], roles: dict[str, set[str]] | None = None) -> tuple[list[Mention], list[Person]]:
    """Tie first names, genitives and role-only references to the document's full names."""
    plain = {fold(m.name) for m in mentions if m.kind == "name" and not m.genitive}
    persons: dict[str, Person] = {}
    for m in mentions:
        if m.kind == "name":
            m.name = _base_name(m, plain)
            person = persons.setdefault(fold(m.name), Person(m.name))
            if m.role and m.role not in person.roles:
                person.roles.append(m.role)
    for key, extra in (roles or {}).items():
        if key in persons:
            persons[key].roles += [r for r in sorted(extra) if r not in persons[key].roles]
    by_first: dict[str, list[Person]] = {}
    for person in persons.values():
        by_first.setdefault(fold(person.name.split()[0]), []).append(person)
    for index, m in enumerate(mentions):
        if m.kind == "first-name":
            first = m.text[:-1] if m.genitive else m.text
            candidates = by_first.get(fold(first), [])
            if len(candidates) == 1:
                m.name, m.resolved_by = candidates[0].name, "first-name"
        elif m.kind == "role":
            holders = [p for p in persons.values() if m.role in p.roles]
            if len(holders) == 1:
                m.name, m.resolved_by = holders[0].name, "role"
            elif not holders:
                nearest = _nearest_without_role(mentions[:index], m.segment, persons)
                if nearest is not None:
                    m.name, m.resolved_by = nearest.name, "nearest"
                    nearest.roles.append(m.role)
    mentions = [m for m in mentions if not (m.kind == "first-name" and m.name is None and m.text in EVERYDAY_WORDS)]
    for m in mentions:
        if m.name and fold(m.name) in persons:
            person = persons[fold(m.name)]
            person.mentions += 1
            if m.segment not in person.segments:
                person.segments.append(m.segment)
    return mentions, list(persons.values())


def _nearest_without_role(before: list[Mention], segment: str, persons: dict[str, Person]) -> Person | None:
    """The last person named earlier in the same item who holds no other role there."""
    for m in reversed(before):
        if m.segment != segment or m.kind != "name":
            continue
        person = persons[fold(m.name)]
        if not person.roles:
            return person
    return None
