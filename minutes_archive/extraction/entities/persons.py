"""People in a document: full names, genitives, first names alone, roles, role-only references, initials.

Rules plus the first-name list in ``names``: a capitalised known first name
followed by capitalised words is a full name; a role word next to a name
gives that person the role. Capitalised phrases without a known first name
("Fler Friska Företagsamma Nackabor") are never people unless a role word or
an attendance list says so.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from ..dates import MONTHS
from .names import (
    ABBREVIATIONS,
    PLURAL_TITLE_PATTERN,
    PLURAL_TITLES,
    TITLE_ROLES,
    TITLES,
    is_first_name,
    occupation_of,
    opens_role,
    role_of,
    role_phrase,
    role_title,
)
from ...records.text import fold

_TOKEN = re.compile(r"[A-ZÅÄÖÉÜÆØÇÁÍÓÚÑÈÊËÎÏÔÛa-zåäöéüæøßçèëíóúñáàâêîôû][\wåäöéüÅÄÖÉÜæøÆØ'’]*(?:-[\wåäöÅÄÖéüæø]+)*\.?")
_NOT_SURNAME = {
    "och", "att", "det", "den", "som", "för", "med", "till", "av", "på", "i", "om", "han", "hon", "vi", "de", "jag", "ni",
    "man", "men", "är", "var", "efter", "under", "inför", "enligt", "samt", "eller", "även", "the", "and", "of", "to", "in",
    "on", "for", "with", "at", "by", "from", "kommun", "kommuns", "beslut", "protokoll", "måndag", "tisdag", "onsdag",
    "torsdag", "fredag", "lördag", "söndag", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "he", "she", "they", "it", "we", "i", "a", "an", "this", "that", "there", "his", "her", "their", "none", "ingen",
    "inga", "all", "alla", "also", "who", "which", "said", "asked", "stated", "moved", "seconded", "nr", "no", "tel",
    # words that follow a role word in headings and labels ("Chair Report", "Treasurer Update")
    "report", "reports", "update", "updates", "comments", "comment", "communications", "announcements", "remarks",
    "election", "elections", "nomination", "nominations", "appointment", "appointments", "recognition", "welcome",
    "introduction", "discussion", "review", "term", "position", "vacancy", "selection", "evaluation", "emeritus",
    "elect", "pro", "tem", "present", "absent", "agenda", "item", "items", "meeting", "minutes", "motion", "office",
    "rapport", "rapporter", "information", "val", "mötet", "styrelsen", "ordinarie", "närvarande", "frånvarande",
    "roll", "call", "staff", "public", "council", "board", "city", "county", "state", "general", "attendees",
    # attendance labels that a merged line ("… Dmitri Volkov Regrets: …") puts right after a name
    "regrets", "apologies", "guests", "attending", "attendance", "deltagare", "gäster", "tjänstemän", "frånvaro",
    "date", "datum", "signed", "signature", "underskrift",
    *MONTHS,
}
# Nouns that make the capitalised words before them a place or an organisation ("Jack London Square", "Otis Drive").
_PLACE_NOUNS = {
    "street", "st", "drive", "avenue", "ave", "road", "rd", "lane", "way", "square", "bridge", "park", "school", "hall",
    "center", "centre", "building", "project", "foundation", "inc", "ltd", "llc", "corp", "company", "ab", "hb",
    "committee", "council", "board", "university", "college", "department", "dept", "library", "church", "hospital",
    "station", "airport", "harbor", "harbour", "boulevard", "blvd", "plaza", "court", "place", "county", "city",
    "gatan", "vägen", "torget", "skolan", "kommun", "förening", "föreningen", "stiftelse", "stiftelsen", "group",
    "team", "association", "club", "society", "trust", "fund", "award", "prize", "act", "law", "lecture",
    "summit", "conference", "festival", "expo", "meetup", "workshop", "days", "week", "day",
    # house and farm names ("Rose Cottage, High Street")
    "cottage", "cottages", "farm", "farmhouse", "lodge", "manor", "villa", "grange", "terrace", "crescent", "gardens",
}
PARTICLES = {"van", "von", "der", "den", "de", "af", "du", "la", "le", "di", "da", "del", "della", "ten", "ter", "zu",
             "dos", "das", "y", "bin", "ibn", "al", "el", "mac", "ó", "ní", "uí", "nic", "mc"}
# Particles some families write with a capital ("Ebba De Geer", "Robert Mac Donald", "Helen Du Bois"): part of the
# name only right before a capitalised surname.
_CAPITAL_PARTICLES = {"De", "Von", "Van", "Af", "Du", "Mac", "La", "Le", "Da", "Di", "Del", "Della", "Ten", "Ter", "Dos",
                      "Ó", "Ní", "Uí", "Nic", "Mc"}  # Irish: "D. Ó Donnabháin", "Áine Ní Bhriain"
# "Alan St. John", "Ruth St John": inside a name, "St" before a capitalised word is part of the surname, not a street.
_SAINT = {"St", "Ste", "Saint"}
# Capitalised two-letter words that name a club or a ground next to its name ("IK Sirius", "Studenternas IP").
_CLUB_LETTERS = {"IK", "IP", "IF", "BK", "FF", "FK", "SK", "GK", "HK", "IS", "BS", "SS", "KK"}
_AFTER_SUBJECT = {
    "har", "hade", "är", "var", "och", "samt", "som", "med", "i", "på", "för", "till", "om", "att", "blev", "sa", "sade",
    "menade", "föreslog", "yrkade", "redogjorde", "informerade", "berättade", "svarade", "lovade", "ansåg", "tyckte",
    "deltog", "valdes", "utsågs", "kan", "ska", "skall", "vill", "får", "kommer", "också", "inte", "från", "hos",
}
# First names that are also everyday words ("Inga andra pengar"): alone, they only count once resolved.
EVERYDAY_WORDS = {"Inga", "Per", "Bo", "Dag", "Hans", "Maj", "Sten", "Liv", "Saga", "Set", "Gull", "Tor", "Mons", "Rut",
                  "Gun", "Svea", "Ville", "Mark", "Will", "Jack", "Grace", "May", "June", "Bill", "Frank", "Tom",
                  "Love", "Stig", "Dan", "Kim", "Rich", "Rob", "Pat", "Art", "Joy", "Hope", "Rose", "Don", "Guy",
                  "Ray", "Dawn", "Iris", "Ruby", "Penny", "Sandy", "Dean", "Carter", "Jordan", "Dallas", "Austin",
                  "Hunter", "Mason", "Grant", "Lance", "Chase", "Rex", "Max", "Amber", "Faith", "Li", "Jun", "Tim",
                  "Ada", "Alla", "Vera", "Klara", "Ebbe", "Bert", "Lena", "Sam", "Said", "Ali", "Amir", "Nora"}
NOT_INITIALS = {"PM", "EU", "IT", "OK", "AB", "IF", "FN", "TV", "VD", "HR", "KF", "KS", "SD", "MP", "KD", "FP", "ML",
                "UK", "US", "NB", "PS", "CV", "ID", "ST", "AI", "GP"} | _CLUB_LETTERS
_ELECTED = (r"(?:vald|valdes|valde|utsåg|väljs|utses|utsågs|utsedd|omvald|omvaldes|nyvald|nyvaldes|invald|föreslås|is|was|were"
            r"|elected|appointed|re-elected|named)")
_ROLE_AFTER = [
    re.compile(r"\s*(?:,|\(|–|-)\s*(?P<role>[^\n,;.()]{2,60})"),
    re.compile(r"\s*\(?(?:är\s+|has\s+been\s+|was\s+|is\s+)?" + _ELECTED + r"(?:\s+in)?\s+(?:till|som|as|to)\s+(?:the\s+|ny\s+)?(?P<role>[^\n,;.()]{2,60})"),
    re.compile(r" (?:was|is|were) (?:re-?)?(?:elected|appointed|named) (?:the\s+)?(?P<role>[^\n,;.()]{2,60})"),
    re.compile(r" (?P<role>[^\n,;.()]{2,40}?) *(?=$|\n|\d|nr\b|=|-)"),
    re.compile(r"\s+till\s+(?P<role>[^\n,;.()]{2,40})"),  # "A vald till ordförande, B till sekreterare"
    re.compile(r" for (?P<role>[A-Z][\w ]{2,30}?)\.?\**\s*(?:$|\n)"),  # "Cart for President." as a motion line  # table row: "Sara Malmkvist Sekreterare nr 151"
]
_ROLE_BEFORE = [
    re.compile(r"(?:[Tt]ill|[Ss]om)\s+(?P<role>[a-zåäöé ]{2,40}?)\s+(?:utses|väljs|valdes|utsågs|omvaldes|nyvaldes)(?:\s+in)?\s+$"),
    re.compile(r"[Vv]al\s+av\s+(?P<role>[a-zåäöé ]{2,40}?)\s*(?:,|:|\s+på)\s*$"),
    # an election list line: "Kassör på 2 år: Fatima Al-Hassan", "Suppleant för ett år: Ebba De Geer"
    re.compile(r"(?:^|\n)[ \t*-]*(?P<role>[A-ZÅÄÖa-zåäö][a-zåäö -]{1,40}?)\s+(?:på|för)\s+(?:\d+|ett|två|tre|fyra)"
               r"\s+år(?:s\s+tid)?\s*:\s*$"),
]
_APPOSITION = re.compile(r"(?:^|[\s(])(?:[Tt]he|[Oo]ur)\s+(?P<role>[A-Za-z -]{2,40}?)\s*,\s*$")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|och\s+)?|\s+and\s+|\s+och\s+|\s*&\s*)")
# Compiled once: find_mentions runs them on every token of every text.
_INSERT = re.compile(r"\[[^\]\n]{1,80}\](?!\()")
_INITIAL_DOT = re.compile(r"[A-ZÅÄÖ]\.")
_INITIAL = re.compile(r"[A-ZÅÄÖ]\.?")
_TWO_CAPITALS = re.compile(r"[A-ZÅÄÖ]{2}")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_ROLE_NUMBER = re.compile(r"^(?:nr\b|\d|=)")
_ELECTED_TILL = re.compile(_ELECTED + r"\s[^;]{0,60}?\btill\b")
_COMMA = re.compile(r"\s*,")
_DIGIT_BEFORE = re.compile(r"\d\s*$")
_DIGIT_AFTER = re.compile(r"\s*\d")
_COMMA_OR_BRACKET = re.compile(r"\s*[,(]\s*")


@dataclass
class Mention:
    segment: str  # where it was found: an item, attachment or footnote id, or "preamble"
    start: int
    end: int
    text: str
    kind: str  # name | surname | first-name | role | initials | nickname
    name: str | None = None  # the full name, once known
    role: str | None = None
    genitive: bool = False
    resolved_by: str | None = None  # first-name | surname | nickname | role, for mentions that did not name the person
    context: bool = False  # named by title or role ("Commissioner Soules"), not by the first-name list
    heading: bool = False  # stands in a title-case line, where capitalised words prove nothing
    alias: str | None = None  # "Cart (Carter Anderson)": the short form the document ties to this name


@dataclass
class Person:
    name: str
    roles: list[str] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)
    mentions: int = 0

    @property
    def key(self) -> str:
        return fold(self.name)


def _masked(text: str) -> str:
    """Transcribers' inserts ("Mrs. Thomas [Harriet Louise] Hill") blanked out, offsets kept; Markdown links stay."""
    return _INSERT.sub(lambda m: " " * len(m.group()), text) if "[" in text else text


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for found in _TOKEN.finditer(text):
        word = found.group()
        end = found.end()
        if word.endswith(".") and not _INITIAL_DOT.fullmatch(word) and not _TITLE.fullmatch(word) \
                and not _PLURAL_TITLE.fullmatch(word):
            word, end = word[:-1], end - 1
        out.append((found.start(), end, word))
    return out


class _Text:
    """One text with its tokens; `adjacent` knows that a blanked transcriber's insert is no gap."""

    def __init__(self, text: str):
        self.text = text
        self.work = _masked(text)
        self.tokens = _tokens(self.work)
        self.words = [word for _, _, word in self.tokens]
        # Each token's tie to the next, worked out once: the name rules ask for the same pairs many times over.
        self.joined = [self._adjacent(k, k + 1) for k in range(len(self.tokens) - 1)]
        self.titles: dict[int, tuple[str | None, str, int] | None] = {}

    def _adjacent(self, left: int, right: int) -> bool:
        a, b = self.tokens[left][1], self.tokens[right][0]
        gap = self.work[a:b]
        return gap.strip(" ") == "" and (0 < len(gap) <= 2 or "[" in self.text[a:b])

    def adjacent(self, left: int, right: int) -> bool:
        if right == left + 1 and left >= 0:
            return self.joined[left]
        return self._adjacent(left, right)

    def word(self, index: int) -> str:
        return self.words[index] if 0 <= index < len(self.words) else ""

    def line_of(self, pos: int) -> str:
        return self.text[self.text.rfind("\n", 0, pos) + 1: (self.text.find("\n", pos) + 1 or len(self.text) + 1) - 1]


@lru_cache(maxsize=64)
def _text(text: str) -> _Text:
    """find_known reads the texts find_mentions has just tokenised; a _Text never changes once made."""
    return _Text(text)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


def _surname_ok(word: str) -> bool:
    return _capitalised(word) and len(word) > 1 and word.lower() not in _NOT_SURNAME and role_of(word) is None \
        and not word.endswith(".") and word.lower() not in _PLACE_NOUNS and word.lower().removesuffix("s") not in _PLACE_NOUNS


def _initial(word: str) -> bool:
    return _INITIAL.fullmatch(word) is not None


def _upper_line(line: str) -> bool:
    """"APPROVAL OF MINUTES": in a line written in capitals, two-letter words are words, not initials."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def _shouting(t: "_Text", i: int) -> bool:
    """"NOW, THEREFORE, BE IT RESOLVED": a two-letter word among words in capitals is a word."""
    return any(len(w) >= 2 and w.isupper() and w.isalpha() for w in (t.word(i - 1), t.word(i + 1)))


def _title_case_line(line: str) -> bool:
    """A heading such as "Chair Report" or "Otis Drive Traffic Calming": no lower-case word of four letters or more."""
    words = _WORD.findall(line)
    return len(words) >= 2 and not any(w[:1].islower() and len(w) >= 4 for w in words)


def _saint(t: _Text, k: int) -> bool:
    """"St. John" inside a name: the saint's word, then (after a space or ". ") a capitalised word."""
    gap = t.work[t.tokens[k][1]:t.tokens[k + 1][0]] if k + 1 < len(t.tokens) else ""
    return t.word(k) in _SAINT and gap in (" ", ". ") and _capitalised(t.word(k + 1)) and _surname_ok(t.word(k + 1))


def _place_surname(t: _Text, j: int, k: int, titled: bool) -> bool:
    """"Bishop Michael Church", "Mr John Hall": after a title and a known first name, a last word that could name a
    place is the surname, unless more capitalised words follow ("Mr John Hall Trust")."""
    word = t.word(k)
    return titled and k == j + 1 and is_first_name(t.word(j)) and _capitalised(word) and len(word) > 2 \
        and word.lower() in _PLACE_NOUNS and not (k + 1 < len(t.tokens) and t.adjacent(k, k + 1)
                                                   and _capitalised(t.word(k + 1)))


def _name_run(t: _Text, j: int, first_names_lead: bool, after_first: bool = False, titled: bool = False) -> int:
    """Index of the last token of the name starting at token j, or j - 1 when there is none. Initials, particles
    ("van der", "af", "Ó", "St.") and up to three surnames; a known first name after the surname starts the next
    person."""
    last = j - 1
    k = j
    seen_surname = False
    while k < len(t.tokens) and k - j < 6:
        word = t.word(k)
        if k > j and not t.adjacent(k - 1, k) and not ((k - 1 > j or after_first) and _saint(t, k - 1)):
            break
        if _initial(word) or (word.lower() in PARTICLES and (word[:1].islower() or word in _CAPITAL_PARTICLES)
                              and k + 1 < len(t.tokens)
                              and t.adjacent(k, k + 1) and (_capitalised(t.word(k + 1)) or t.word(k + 1) in PARTICLES)) \
                or ((k > j or after_first) and _saint(t, k)):
            k += 1
            continue
        if _place_surname(t, j, k, titled):
            last = k
            break
        if not _surname_ok(word) or (k + 1 < len(t.tokens) and (role_phrase([word, t.word(k + 1)]) or (0, 0, 0))[2] == 2):
            break
        if seen_surname and is_first_name(word) and k + 1 < len(t.tokens) and t.adjacent(k, k + 1) \
                and _surname_ok(t.word(k + 1)):
            break  # "Patrik Köhler Nedzad Talovic": two people side by side
        if k > j and not first_names_lead and seen_surname and k - j >= 3:
            break
        seen_surname = seen_surname or k > j or after_first
        last = k
        k += 1
    while last >= j and (_initial(t.word(last)) or t.word(last).lower() in PARTICLES):
        last -= 1
    if last >= j and t.word(last + 1).lower().removesuffix("s") in _PLACE_NOUNS | {"street", "avenue"} \
            and t.adjacent(last, last + 1):
        return j - 1  # "Jack London Square"
    return last


def _role_word(phrase: str) -> str | None:
    words = phrase.split()
    found = role_phrase(words)
    if found and found[1] in ("base", "plural") and found[2] == len(words):
        return found[0]
    return None


def _role_after(t: _Text, end: int, line_start: bool) -> str | None:
    rest = t.text[end:end + 80]
    for number, pattern in enumerate(_ROLE_AFTER):
        found = pattern.match(rest)
        if not found:
            continue
        phrase = found.group("role").strip()
        words = phrase.split()
        for size in range(min(len(words), 4), 0, -1):
            hit = role_title(words[:size])
            if hit and hit[1] in ("base", "plural") and hit[2] == size:
                tail = " ".join(words[size:])
                if number == 0 and tail and words[0][:1].isupper() and _capitalised(words[size]):
                    continue  # "Hector Ortiz, Member Baker": a capitalised role is the next name's title
                if number == 3 and (tail or not words[0][:1].isupper()) and not _ROLE_NUMBER.match(tail):
                    break
                if number == 4 and not _ELECTED_TILL.search(t.line_of(end)):
                    break
                return hit[0]
    return None


def _role_before_pattern(t: _Text, start: int, end: int | None = None) -> str | None:
    before = t.text[max(0, start - 60):start]
    for pattern in _ROLE_BEFORE:
        found = pattern.search(before)
        if found:
            return _role_word(found.group("role"))
    if end is not None and _COMMA.match(t.text, end, end + 3):
        found = _APPOSITION.search(before)  # "The Treasurer, Graham Wells, presented": both commas needed
        if found:
            return _role_word(found.group("role"))
    return None


_TITLE = re.compile(TITLES + r"\.?")
_PLURAL_TITLE = re.compile(PLURAL_TITLE_PATTERN + r"\.?")


def _abbreviated(t: _Text, i: int) -> bool:
    """"ordf. Herr C. J. Sundström": a role's short form ends in a dot, and the dot does not part it from the name."""
    return t.word(i).lower() in ABBREVIATIONS and t.work[t.tokens[i][1]:t.tokens[i + 1][0]] == ". " \
        if i + 1 < len(t.tokens) else False


def _title_at(t: _Text, i: int) -> tuple[str | None, str, int] | None:
    """A title or role written before a name at token i: (role or None, form kind, tokens used)."""
    if i in t.titles:
        return t.titles[i]
    found = t.titles[i] = _find_title_at(t, i)
    return found


def _find_title_at(t: _Text, i: int) -> tuple[str | None, str, int] | None:
    word = t.word(i)
    if not word[:1].isupper() and not opens_role(word):
        return None  # titles and occupations are capitalised; a lower-case word here can only open a role
    if _PLURAL_TITLE.fullmatch(word) and i + 1 < len(t.tokens) and t.adjacent(i, i + 1):
        return PLURAL_TITLES[word.lower().rstrip(".")], "plural", 1
    if _TITLE.fullmatch(word):
        return TITLE_ROLES.get(word.lower().rstrip(".")), "title", 1
    if occupation_of(word) and i + 1 < len(t.tokens) and t.adjacent(i, i + 1):
        return occupation_of(word), "title", 1  # "Kapten G. A. Wennerström"
    words = [word]
    for k in range(i + 1, min(i + 4, len(t.tokens))):
        if not (t.adjacent(k - 1, k) or (k == i + 1 and _abbreviated(t, i))):
            break
        words.append(t.word(k))
    found = role_title(words) if word[:1].isupper() else role_phrase(words)
    if found and found[1] in ("base", "plural", "definite") and found[2] < len(words):
        return found[0], found[1], found[2]
    return None


def _not_a_person(t: _Text, i: int) -> bool:
    """A first name alone that is a month beside a number ("23 August 2022") or the start of a place ("Mackenzie
    Road") names no one."""
    before, after = t.text[max(0, t.tokens[i][0] - 4):t.tokens[i][0]], t.text[t.tokens[i][1]:t.tokens[i][1] + 4]
    if t.word(i).lower() in MONTHS and (_DIGIT_BEFORE.search(before) or _DIGIT_AFTER.match(after)):
        return True
    following = t.word(i + 1).lower()
    return i + 1 < len(t.tokens) and t.adjacent(i, i + 1) and \
        (following in _PLACE_NOUNS or following.removesuffix("s") in _PLACE_NOUNS)


def _beside_a_name(t: _Text, i: int) -> bool:
    """Two capitals right next to a capitalised word belong to that name ("IK Sirius", "Studenternas IP")."""
    return any(0 <= k < len(t.tokens) and t.adjacent(min(i, k), max(i, k)) and _capitalised(t.word(k))
               for k in (i - 1, i + 1))


def _genitive(name: str, following: str, language: str) -> bool:
    """Swedish adds a bare s ("Janssons förslag"); English writes "Smith's", so "Jones" stays Jones."""
    if language != "sv":
        return name.endswith(("'s", "’s"))
    return name.endswith("s") and not name.endswith("ss") and following[:1].islower() and following not in _AFTER_SUBJECT


def _attached_to_previous(t: _Text, i: int, mentions: list[Mention]) -> bool:
    """The role at token i follows "Name," and so is that name's role ("Anna Berg, ordförande Per Lind")."""
    if not mentions or mentions[-1].kind not in ("name", "surname") or not t.word(i)[:1].islower():
        return False  # a capitalised role is a title of the name after it ("Chair Miley, Commissioners Soules")
    opener = mentions[-1].text.split()[0].rstrip(".")
    if opener[:1].islower() and role_of(opener):
        return False  # "ordf. Herr A, sekr. Fru B": a list that writes each role before its name
    return _COMMA_OR_BRACKET.fullmatch(t.text, mentions[-1].end, t.tokens[i][0]) is not None


def _titled(t: _Text, i: int, segment: str, mentions: list[Mention], language: str) -> int | None:
    """Names after a title or role ("Member Ortiz", "Board Members Dean Batchelor, Linda McHugh and Jose Villaflor",
    "Mrs. John R. [Anna] Tait"); returns the next token index, or None when no name follows."""
    title = _title_at(t, i)
    if title is None or (title[0] and _attached_to_previous(t, i, mentions)):
        return None
    role, form, used = title
    j = i + used
    def joined(a: int) -> bool:
        return t.adjacent(a, a + 1) or (a == i and _abbreviated(t, i))
    while j + 1 < len(t.tokens) and _TITLE.fullmatch(t.word(j)) and joined(j - 1) and t.adjacent(j, j + 1):
        role = role or TITLE_ROLES.get(t.word(j).lower().rstrip("."))
        j += 1  # "kassören Herr E. Lundgren": the courtesy title is not part of the name
    if j >= len(t.tokens) or not joined(j - 1) or not (_capitalised(t.word(j)) or _initial(t.word(j))):
        return None
    heading = _title_case_line(t.line_of(t.tokens[i][0]))
    found = []
    while True:
        last = _name_run(t, j, first_names_lead=False, titled=form == "title")
        if last < j or (found and _title_at(t, j)):
            break  # "Herrar A. Lund, H. Ståhl och Kamreraren E. Qvarnström": the next title starts its own name
        found.append((j, last))
        if form != "plural":
            break
        gap = _LIST_GAP.match(t.text, t.tokens[last][1])
        following = next((k for k in range(last + 1, min(last + 3, len(t.tokens))) if gap and t.tokens[k][0] == gap.end()), None)
        if following is None or not _capitalised(t.word(following)):
            break
        j = following
    if not found:
        return None
    for j, last in found:
        start, end = t.tokens[j][0], t.tokens[last][1]
        words = [w for w in t.work[start:end].split() if w]
        full = len([w for w in words if not _initial(w) and w.lower() not in PARTICLES]) >= 2 or \
            (len(words) >= 2 and _initial(words[0]))
        name = " ".join(words)
        kind = "name" if full else "surname"
        own_role = (_role_after(t, end, False) or role) if form == "title" else (role or _role_after(t, end, False))

        following = t.word(last + 1)
        genitive = _genitive(name, following, language) and (
            language != "sv" or (last + 1 < len(t.tokens) and t.adjacent(last, last + 1)))
        if genitive and kind == "surname":
            name = name[:-2] if name.endswith(("'s", "’s")) else name[:-1]
        mentions.append(Mention(segment, t.tokens[i][0] if j == found[0][0] else start, end,
                                t.text[t.tokens[i][0] if j == found[0][0] else start:end], kind, name, own_role,
                                genitive=genitive and kind == "name", context=True, heading=heading))
    return found[-1][1] + 1


def find_mentions(text: str, segment: str = "", language: str = "sv") -> list[Mention]:
    """Pure: every person-like mention in one text, unresolved."""
    t = _text(text)
    tokens = t.tokens
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        start, end, word = tokens[i]
        if not word[:1].isupper() and not opens_role(word):
            # Most tokens: a lower-case word that opens no role ("the" opens "the chair") is no title, initial, name
            # or role, and every rule below would turn it away one by one.
            i += 1
            continue
        after_title = _titled(t, i, segment, mentions, language)
        if after_title is not None:
            i = after_title
            continue
        initial = _INITIAL_DOT.fullmatch(word) is not None
        known = _capitalised(word) and is_first_name(word)
        role_first = None  # a role word right before: only an initial or a known first name can take it
        if (initial or known) and i > 0 and t.adjacent(i - 1, i) and not _attached_to_previous(t, i - 1, mentions):
            found = role_of(t.word(i - 1))
            role_first = found[0] if found and found[1] == "base" else occupation_of(t.word(i - 1), lower_too=True)
        if initial:
            j = i
            while j + 1 < len(tokens) and _INITIAL_DOT.fullmatch(tokens[j + 1][2]) and t.adjacent(j, j + 1):
                j += 1
            last = _name_run(t, j + 1, first_names_lead=False) if j + 1 < len(tokens) and t.adjacent(j, j + 1) else j
            line_start = not t.text[t.text.rfind("\n", 0, start) + 1:start].strip(" *-•\t")
            single = j == i and last == j + 1  # "A. Lindgren"; but "I. Budget", "X. Notes" number a list
            if last > j and not (single and (line_start or word[0] in "IVXL")) \
                    and not (i > 0 and t.adjacent(i - 1, i) and _capitalised(t.word(i - 1))):
                end = tokens[last][1]
                mentions.append(Mention(segment, start, end, t.text[start:end], "name", " ".join(t.work[start:end].split()),
                                        role_first or _role_after(t, end, False), heading=_title_case_line(t.line_of(start))))
                i = last + 1
                continue
        if known:
            j = i
            while j + 1 < len(tokens) and is_first_name(tokens[j + 1][2]) and t.adjacent(j, j + 1) \
                    and j + 2 < len(tokens) and _surname_ok(tokens[j + 2][2]) and t.adjacent(j + 1, j + 2):
                j += 1  # double first names: "Anna Maria Svensson"
            last = _name_run(t, j + 1, first_names_lead=False, after_first=True) \
                if j + 1 < len(tokens) and t.adjacent(j, j + 1) else j
            if last > j and all(not is_first_name(tokens[k][2]) or k == j + 1 or _initial(tokens[k][2])
                                for k in range(j + 1, last + 1)) or last > j + 1:
                end = tokens[last][1]
                name = " ".join(t.work[start:end].split())
                following = tokens[last + 1][2] if last + 1 < len(tokens) else ""
                genitive = _genitive(name, following, language) and (
                    language != "sv" or (last + 1 < len(tokens) and t.adjacent(last, last + 1)))
                line_start = not t.text[t.text.rfind("\n", 0, start) + 1:start].strip()
                role = role_first or _role_after(t, end, line_start) or _role_before_pattern(t, start, end)
                mentions.append(Mention(segment, start, end, t.text[start:end], "name", name, role, genitive=genitive,
                                        heading=_title_case_line(t.line_of(start))))
                i = last + 1
                continue
            if not _not_a_person(t, i):
                mentions.append(Mention(segment, start, end, word, "first-name",
                                        role=role_first or _role_after(t, end, False) or _role_before_pattern(t, start)))
            i += 1
            continue
        if word.lower() == "the" and i + 1 < len(tokens) and t.adjacent(i, i + 1):
            found = role_of(f"the {tokens[i + 1][2]}")
            if found and not (i + 2 < len(tokens) and _capitalised(tokens[i + 2][2]) and t.adjacent(i + 1, i + 2)):
                mentions.append(Mention(segment, start, tokens[i + 1][1], text[start:tokens[i + 1][1]], "role",
                                        role=found[0]))
                i += 2
                continue
        if _capitalised(word) and word.endswith("s") and is_first_name(word[:-1]):
            mentions.append(Mention(segment, start, end, word, "first-name", genitive=True))
        elif role_of(word) and role_of(word)[1] in ("definite", "genitive"):
            mentions.append(Mention(segment, start, end, word, "role", role=role_of(word)[0]))
        elif _TWO_CAPITALS.fullmatch(word) and word not in NOT_INITIALS and text[end:end + 1] not in "-:" \
                and not _upper_line(t.line_of(start)) and not _shouting(t, i) and not _beside_a_name(t, i):
            mentions.append(Mention(segment, start, end, word, "initials"))
        i += 1
    _share_plural_roles(t, mentions)
    _elected_names(t, segment, mentions)
    _election_lists(t, mentions)
    _nicknames(t, mentions)
    return mentions


def _share_plural_roles(t: _Text, mentions: list[Mention]) -> None:
    """"Chris Low and Jill Kovacs, Senior Management Analysts": the plural role after a list belongs to each name."""
    for index in range(len(mentions) - 1, 0, -1):
        m = mentions[index]
        if not m.role or m.kind not in ("name", "surname"):
            continue
        after = t.text[m.end:m.end + 60]
        found = re.match(r"\s*,\s*(?P<role>[^\n,;.()]{2,50})", after)
        if not found or not any(role_of(" ".join(found.group("role").split()[k:]))
                                and role_of(" ".join(found.group("role").split()[k:]))[1] == "plural" for k in range(1)):
            continue
        k = index - 1
        while k >= 0 and mentions[k].kind in ("name", "surname") and not mentions[k].role \
                and _LIST_GAP.fullmatch(t.text[mentions[k].end:mentions[k + 1].start]):
            mentions[k].role = m.role
            k -= 1


# An election that names the office first and then a list of people ("Till ledamöter för två år valdes A och B",
# "were re-elected to the committee: A, B and C"): every name in the list right after it holds the office.
_ELECTION_BEFORE = [
    (re.compile(r"\b[Tt]ill\s+(?:nya?\s+)?(?P<role>[a-zåäö]+)\b[^\n.;:]{0,60}?\s(?:valdes|väljs|utsågs|utses|omvaldes"
                r"|nyvaldes|invaldes)\s+"), None),
    (re.compile(r"\b(?:were|was|are|is)\s+(?:re-?)?(?:elected|appointed)\s+to\s+the\s+(?P<role>committee|board|council)"
                r"\s*:?\s*"), "{} member"),
]
# The duty after the list: "Årsmötet valde A och B att justera protokollet".
_DUTY_AFTER = [(re.compile(r"\s+(?:att|till\s+att)\s+(?:jämte\s+ordföranden\s+)?justera\b"), "justerare")]


def _election_lists(t: _Text, mentions: list[Mention]) -> None:
    """Roles an election sentence gives to a list of names; a name that already has a role keeps it."""
    people = [m for m in mentions if m.kind in ("name", "surname")]
    for pattern, template in _ELECTION_BEFORE:
        for found in pattern.finditer(t.text):
            word = found.group("role")
            role = template.format(word) if template else (role_of(word) or (None, ""))[0]
            if not role or (template is None and role_of(word)[1] not in ("base", "plural")):
                continue
            _give_list(t, [m for m in people if m.start >= found.end()], found.end(), role)
    for pattern, role in _DUTY_AFTER:
        for found in pattern.finditer(t.text):
            before = [m for m in people if m.end <= found.start()][::-1]
            at = found.start()
            for m in before:
                gap = t.text[m.end:at]
                if not (re.fullmatch(r"\s*(?:\([A-ZÅÄÖa-zåäö]{1,4}\))?\s*", gap) or
                        _LIST_GAP.fullmatch(re.sub(r"\s*\([A-ZÅÄÖa-zåäö]{1,4}\)", "", gap))):
                    break
                m.role = m.role or role
                at = m.start


# Swedish capitalises no nouns, so after an election verb a list of capitalised pairs ("valdes Rustam Karimov och
# Birgitta von Essen") is a list of people even when no first name is known.
_ELECTION_VERB = re.compile(r"\b(?:valdes|väljs|utsågs|utses|omvaldes|nyvaldes|invaldes|valde|utsåg)\s+")
_UNKNOWN_NAME = re.compile(r"(?P<name>[A-ZÅÄÖÉÜ][\w'’-]+(?:\s+(?:(?:" + "|".join(sorted(PARTICLES)) +
                           r")\s+)?[A-ZÅÄÖÉÜ][\w'’-]+){1,2})")


def _elected_names(t: _Text, segment: str, mentions: list[Mention]) -> None:
    """Names in the list right after an election verb that the first-name list did not know."""
    for found in _ELECTION_VERB.finditer(t.text):
        at = found.end()
        for _ in range(6):
            taken = next((m for m in mentions if m.start == at), None)
            if taken is None:
                hit = _UNKNOWN_NAME.match(t.text, at)
                words = hit.group("name").split() if hit else []
                if not hit or not all(_surname_ok(w) or w in PARTICLES for w in words) or role_title(words):
                    break
                taken = Mention(segment, at, hit.end(), hit.group(), "name", hit.group("name"),
                                _role_after(t, hit.end(), False))
                mentions.append(taken)
                mentions.sort(key=lambda m: m.start)
            gap = _LIST_GAP.match(t.text, taken.end) or re.match(r"\s*\([^()\n]{1,20}\)\s*(?:,\s*|och\s+|and\s+)", t.text[taken.end:])
            if not gap:
                break
            at = taken.end + gap.end() if gap.re is not _LIST_GAP else gap.end()


def _give_list(t: _Text, after: list[Mention], at: int, role: str) -> None:
    """The role for each name in the list that starts at `at` (party letters in brackets may follow a name)."""
    for m in after:
        gap = re.sub(r"\s*\([A-ZÅÄÖa-zåäö]{1,4}\)", "", t.text[at:m.start])
        if at != m.start and gap.strip() and not _LIST_GAP.fullmatch(gap):
            break
        m.role = m.role or role
        at = m.end


def _nicknames(t: _Text, mentions: list[Mention]) -> None:
    """"Cart (Carter Anderson)" and "Carter Anderson (Cart)": the bracket ties a short form to the full name."""
    for m in mentions:
        if m.kind != "name":
            continue
        after = re.match(r"\s*\(\s*([A-ZÅÄÖ][\w'’-]{1,20})\s*\)", t.text[m.end:m.end + 30])
        if after and not role_of(after.group(1)) and not after.group(1).isupper():
            m.alias = after.group(1)
        before = re.search(r"([A-ZÅÄÖ][\w'’-]{1,20})\s*\(\s*$", t.text[max(0, m.start - 30):m.start])
        if before and not role_of(before.group(1)) and t.text[m.end:m.end + 1] == ")":
            m.alias = before.group(1)
    aliases = {m.alias: m for m in mentions if m.alias}
    if not aliases:
        return
    taken = [(m.start, m.end) for m in mentions]
    for start, end, word in t.tokens:
        if word not in aliases or any(a <= start < b for a, b in taken):
            continue
        if not (t.text[:start].rstrip().endswith("(") and t.text[end:].lstrip().startswith(")")):
            mentions.append(Mention(aliases[word].segment, start, end, word, "nickname"))
    mentions.sort(key=lambda m: m.start)


def _base_name(mention: Mention, known: set[str]) -> str:
    name = mention.name
    if name.endswith(("'s", "’s")):
        return name[:-2]
    if name.endswith("s") and fold(name[:-1]) in known:
        return name[:-1]
    return name[:-1] if mention.genitive else name


def _last(name: str) -> str:
    return fold(name.split()[-1]) if name.split() else ""


def _particle_surname(name: str) -> str:
    """"Robert Mac Donald" is "Mac Donald" when the surname alone is used; "" when the name has no particle."""
    words = name.split()
    k = len(words) - 1
    while k > 1 and words[k - 1].lower() in PARTICLES:
        k -= 1
    return fold(" ".join(words[k:])) if k < len(words) - 1 else ""


def resolve(mentions: list[Mention], roles: dict[str, set[str]] | None = None) -> tuple[list[Mention], list[Person]]:
    """Tie first names, surnames, nicknames, genitives and role-only references to the document's full names.

    A short form is linked only when the document ties it to exactly one full name; otherwise a surname named by a
    title ("Commissioner Soules") is the person's name as written, and a lone first name stays unresolved."""
    plain = {fold(m.name) for m in mentions if m.kind == "name" and not m.genitive}
    persons: dict[str, Person] = {}
    for m in mentions:
        if m.kind == "name":
            m.name = _base_name(m, plain)
            persons.setdefault(fold(m.name), Person(m.name))
    by_surname: dict[str, list[Person]] = {}
    for person in persons.values():
        if len(person.name.split()) > 1:
            for key in {_last(person.name), _particle_surname(person.name)} - {""}:
                by_surname.setdefault(key, []).append(person)
    for m in mentions:
        if m.kind != "surname":
            continue
        candidates = by_surname.get(fold(m.name), [])
        if len(candidates) == 1:
            m.name, m.resolved_by = candidates[0].name, "surname"
        elif candidates:
            m.name = None  # "Mrs. Kaj" with two Kajs in the document
        elif not all(o.heading for o in mentions if o.kind == "surname" and o.name and fold(o.name) == fold(m.name)):
            persons.setdefault(fold(m.name), Person(m.name))
        else:
            m.name = None  # only in title-case headings ("Chair Report"): not evidence of a person
    for m in mentions:
        if m.name and m.role and fold(m.name) in persons and m.kind in ("name", "surname"):
            person = persons[fold(m.name)]
            if m.role not in person.roles:
                person.roles.append(m.role)
    for key, extra in (roles or {}).items():
        if key in persons:
            persons[key].roles += [r for r in sorted(extra) if r not in persons[key].roles]
    by_first: dict[str, list[Person]] = {}
    for person in persons.values():
        if len(person.name.split()) > 1:
            by_first.setdefault(fold(person.name.split()[0]), []).append(person)
    aliases = {fold(m.alias): persons[fold(m.name)] for m in mentions if m.alias and m.name and fold(m.name) in persons}
    for index, m in enumerate(mentions):
        if m.kind in ("first-name", "nickname"):
            first = m.text[:-1] if m.genitive else m.text
            candidates = by_first.get(fold(first), []) or ([aliases[fold(first)]] if fold(first) in aliases else [])
            if len(candidates) == 1:
                m.name, m.resolved_by = candidates[0].name, m.resolved_by or "first-name"
                if m.role and m.role not in candidates[0].roles:
                    candidates[0].roles.append(m.role)
        elif m.kind == "role":
            holders = [p for p in persons.values() if m.role in p.roles]
            if len(holders) == 1:
                m.name, m.resolved_by = holders[0].name, "role"
            elif not holders and not m.text.lower().startswith("the ") and not _genitive_role(m):
                # Swedish "Stadsdirektören noterade": the official named just before in the same item. English
                # "the President" is an office the minutes often never tie to a name, so it stays unresolved.
                nearest = _nearest_without_role(mentions[:index], m.segment, persons)
                if nearest is not None:
                    m.name, m.resolved_by = nearest.name, "nearest"
                    nearest.roles.append(m.role)
    mentions = [m for m in mentions if not (m.kind == "first-name" and m.name is None
                                            and (m.text in EVERYDAY_WORDS or m.text.lower() in MONTHS))]
    for m in mentions:
        if m.name and fold(m.name) in persons:
            person = persons[fold(m.name)]
            person.mentions += 1
            if m.segment not in person.segments:
                person.segments.append(m.segment)
    return mentions, list(persons.values())


def find_known(text: str, segment: str, persons: list[Person], words: set[str]) -> list[Mention]:
    """Pure: bare surnames and nicknames of people the document has already named ("Moved by Boesen.", "Cart shall
    open a bank account" after "Carter Anderson"). Only a form that points to exactly one person counts, and never
    a word the document also writes in lower case ("Hans" in "hans förslag")."""
    surnames: dict[str, list[Person]] = {}
    prefixes: dict[str, list[Person]] = {}
    for person in persons:
        parts = person.name.split()
        surnames.setdefault(fold(parts[-1]), []).append(person)
        if _particle_surname(person.name):
            surnames.setdefault(_particle_surname(person.name), []).append(person)
        if len(parts) > 1 and len(parts[0]) >= 5:
            for size in range(3, len(parts[0]) - 1):
                prefixes.setdefault(fold(parts[0][:size]), []).append(person)
    t = _text(text)
    out = []
    for index, (start, end, word) in enumerate(t.tokens):
        if not _capitalised(word):
            continue  # neither a surname nor a particle ("De", "Mac") that starts one
        key = fold(word)
        if word in _CAPITAL_PARTICLES and index + 1 < len(t.tokens) and t.adjacent(index, index + 1) \
                and len(surnames.get(f"{key} {fold(t.word(index + 1))}", [])) == 1 \
                and not (index > 0 and t.adjacent(index - 1, index) and _capitalised(t.word(index - 1))):
            end = t.tokens[index + 1][1]  # "Du Bois asked": the particle and the surname together
            person = surnames[f"{key} {fold(t.word(index + 1))}"][0]
            out.append(Mention(segment, start, end, t.text[start:end], "surname", person.name,
                               _role_after(t, end, False), resolved_by="surname"))
            continue
        if index > 0 and t.word(index - 1) in _CAPITAL_PARTICLES and t.adjacent(index - 1, index):
            continue
        if not _capitalised(word) or key in words or word.lower() in _NOT_SURNAME or role_of(word) or is_first_name(word):
            continue
        if index > 0 and t.adjacent(index - 1, index) and _capitalised(t.word(index - 1)):
            continue  # part of a longer capitalised phrase, found (or rejected) by find_mentions
        if index + 1 < len(t.tokens) and t.adjacent(index, index + 1) and _capitalised(t.word(index + 1)):
            continue
        found = surnames.get(key, [])
        kind = "surname"
        if not found:
            found, kind = prefixes.get(key, []), "nickname"
        if len(found) == 1:
            out.append(Mention(segment, start, end, word, kind, found[0].name, _role_after(t, end, False),
                               resolved_by=kind))
    return out


def _genitive_role(m: Mention) -> bool:
    """"föll förslaget på ordförandens utslagsröst": a role in the genitive speaks of the office, seldom of the
    person named just before, so it gives nobody a role."""
    found = role_of(m.text)
    return bool(found and found[1] == "genitive")


def _nearest_without_role(before: list[Mention], segment: str, persons: dict[str, Person]) -> Person | None:
    """The last person named earlier in the same item who holds no other role there."""
    for m in reversed(before):
        if m.segment != segment or m.kind not in ("name", "surname") or not m.name or fold(m.name) not in persons:
            continue
        person = persons[fold(m.name)]
        if not person.roles:
            return person
    return None
