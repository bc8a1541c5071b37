"""Item numbers as clerks write them at the start of a line: "§ 14", "KS § 3 a", "Punkt 4", "14.", "3)", "3.1",
"10 a.", "3-A", "18A", "A.", "(b)", "IV.", UK minute numbers "24/03", "24/25.3", "P/24/03", and the same damaged by OCR or encoding ("$ 14", "8 14", "\ufffd 14").

Pure parsing of one line; whether a numbered line is an item is decided by the sequence (see `headings`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE = r"[ \t\u00a0]"
_CODE = re.compile(rf"^(?P<code>\d{{2,4}}-\d{{3,6}}){_SPACE}+")  # a roll-call or file number printed before the item
_PARAGRAPH = re.compile(
    rf"^(?P<pre>[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{{0,5}}{_SPACE}?)?(?P<mark>§|[$&\ufffdSg](?={_SPACE}?\d))\s*(?P<num>\d{{1,4}})"
    rf"(?:{_SPACE}?(?P<sub>[a-z])\b)?\s*[.:–-]?"
)
_EIGHT = re.compile(r"^8\s(?P<num>\d{1,4})\b\s*[.:]?(?=\s+[A-ZÅÄÖ\"”«])")  # "§" read as "8" by OCR
_WORD = re.compile(
    rf"^(?P<pre>Punkt|Item|Agenda{_SPACE}item|Ärende|Paragraf|Artikel|Article){_SPACE}+(?P<num>\d{{1,3}})"
    rf"(?:\.(?P<dsub>\d{{1,2}}))?\s*[.:–-]?",
    re.IGNORECASE,
)
_DOTTED = re.compile(r"^(?P<num>\d{1,3})\.(?P<dsub>\d{1,2}(?:\.\d{1,2}){0,3})\.?(?=\s|$)")
_SUB = re.compile(rf"^(?P<num>\d{{1,3}}){_SPACE}?(?P<dash>[-–]?){_SPACE}?(?P<sub>[A-Za-z])(?P<punct>[.)]?)(?=\s|$)")
_PLAIN = re.compile(r"^(?P<num>\d{1,3})(?P<punct>[.)])(?=\s|$)")
_BARE = re.compile(rf"^(?P<num>\d{{1,3}}){_SPACE}+(?=[A-ZÅÄÖ])")  # "1 Öppnande": only in a heading line
_LETTER = re.compile(r"^(?P<open>\()?(?P<sub>[A-Za-z]{1,2})(?P<punct>[.)])(?=\s|$)")
# UK minute numbers: a series (the year, the council year, a committee letter) then the item's number.
# "23/01987/FUL" (a planning reference) and "12/03/2024" (a date) go on with digits or a slash, so they are not.
_SLASH = re.compile(
    r"^(?P<series>(?:[A-Z]{1,3}/)?(?:\d\d|(?:19|20)\d\d)/(?:\d{2}\.)?)(?P<num>\d{1,3})(?![\d/])[.:]?"
    r"(?=\s+[A-ZÅÄÖ\"“(])"
)
_ROMAN = re.compile(r"^(?P<num>(?:X{0,3})(?:IX|IV|V?I{0,3}))\.(?=\s|$)")
_ROMAN_OCR = re.compile(r"^(?P<num>[IVXl1]{1,5})\.(?=\s+[A-ZÅÄÖ])")  # "Il." and "lll." for "II." and "III." after OCR
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


@dataclass
class Marker:
    scheme: str  # paragraph | word | dotted | sub | plain | paren | bare | letter | roman | code | slash
    top: int | None  # the item's number; None for letters and codes
    sub: str | None  # "a" of "3 a", "1" of "3.1", "b" of "b)"
    label: str  # as written, e.g. "KS § 3 a", "14.", "3-A"
    end: int  # where the title starts
    code: str | None = None
    damaged: bool = False  # "§" read as "$", "8", "&" or U+FFFD: an item only where the sequence confirms it
    open_paren: bool = False
    series: str | None = None  # "24/" of "24/03": items of one sequence share it

    @property
    def number(self) -> str:
        """The number as the item is referred to: "14", "3a", "3.1", "6AC"; letters alone need their parent."""
        if self.scheme == "slash":
            return self.label.rstrip(".:")  # referred to as written: "item 24/06"
        if self.scheme == "dotted" or (self.scheme == "word" and self.sub):
            return f"{self.top}.{self.sub}"
        if self.top is None:
            return self.sub or ""
        return f"{self.top}{self.sub or ''}"


def roman_value(text: str) -> int:
    total, previous = 0, 0
    for ch in reversed(text):
        value = _ROMAN_VALUES[ch]
        total += -value if value < previous else value
        previous = max(previous, value)
    return total


def letter_index(letters: str) -> int:
    """A=1 … Z=26, AA=27 … AZ=52, BA=53: the way lettered sub-items go on past Z."""
    value = 0
    for ch in letters.upper():
        value = value * 26 + ord(ch) - 64
    return value


def parse_marker(text: str, heading: bool = False, cells: list[str] | None = None) -> Marker | None:
    """The item number at the start of `text`, if any. `heading`: the line is a heading, so "1 Title" counts.

    `cells`: the line is a table row; a first cell holding only a number ("1", "§ 3", "4.") is the item's number."""
    if cells and len(cells) > 1:
        first = cells[0].strip()
        marker = _parse(first + " Title", True) if first and len(first) <= 12 else None
        if marker is not None and marker.end >= len(first) and marker.scheme not in ("letter", "code"):
            marker.label, marker.end = first, len(first)
            return marker
    code = None
    found = _CODE.match(text)
    offset = 0
    if found:
        code, offset = found.group("code"), found.end()
    rest = text[offset:]
    marker = _parse(rest, heading)
    if marker is None:
        if code and re.match(r"[A-ZÅÄÖ]{2}", rest):
            return Marker("code", None, None, code, offset, code=code)
        return None
    marker.end += offset
    marker.code = code
    return marker


def _parse(text: str, heading: bool) -> Marker | None:
    found = _PARAGRAPH.match(text)
    if found and (found.group("mark") == "§" or not found.group("pre")):
        damaged = found.group("mark") != "§"
        if damaged and found.group("mark") == "&" and not re.match(r"\s?\d", text[1:]):
            return None
        return Marker("paragraph", int(found.group("num")), found.group("sub"), text[: found.end()].strip(),
                      found.end(), damaged=damaged)
    found = _EIGHT.match(text)
    if found:
        return Marker("paragraph", int(found.group("num")), None, text[: found.end()].strip(), found.end(), damaged=True)
    found = _WORD.match(text)
    if found:
        return Marker("word", int(found.group("num")), found.group("dsub"), text[: found.end()].strip(), found.end())
    found = _SLASH.match(text)
    if found:
        return Marker("slash", int(found.group("num")), None, found.group(0).strip(), found.end(),
                      series=found.group("series"))
    found = _DOTTED.match(text)
    if found:
        return Marker("dotted", int(found.group("num")), found.group("dsub"), found.group(0), found.end())
    found = _SUB.match(text)
    if found and (found.group("dash") or found.group("punct") or found.group("sub").isupper() or heading
                  or re.match(r"\d+\s[a-z][.)]?\s", text)):
        return Marker("sub", int(found.group("num")), found.group("sub"), found.group(0), found.end())
    found = _PLAIN.match(text)
    if found:
        scheme = "plain" if found.group("punct") == "." else "paren"
        return Marker(scheme, int(found.group("num")), None, found.group(0), found.end())
    found = _ROMAN.match(text)
    if found and found.group("num") and len(found.group("num")) > 1:
        return Marker("roman", roman_value(found.group("num")), None, found.group(0), found.end())
    found = _ROMAN_OCR.match(text)
    if found and re.search(r"[l1]", found.group("num")) and re.fullmatch(r"(?:X{0,3})(?:IX|IV|V?I{0,3})",
                                                                       repaired := found.group("num").replace("l", "I").replace("1", "I")):
        return Marker("roman", roman_value(repaired), None, found.group(0), found.end(), damaged=True)
    found = _LETTER.match(text)
    if found:
        return Marker("letter", None, found.group("sub"), found.group(0), found.end(), open_paren=bool(found.group("open")))
    if heading:
        found = _BARE.match(text)
        if found:
            return Marker("bare", int(found.group("num")), None, found.group("num"), found.end())
    return None
