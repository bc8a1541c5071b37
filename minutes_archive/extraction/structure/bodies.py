"""The body that met (board, council, committee, association), read from how minutes name it.

Minutes name their body in a handful of ways: in the title ("Minutes of the Regular Meeting of the X",
"Protokoll fört vid X:s årsmöte", "X Board Meeting Minutes", "Årsmöte X 2024-02-14"), in a letterhead
(organisation line over a board line, often repeated as a running header), in the opening sentence
("The Board of Managers of X met on ..."), or only in a footer with the address. A bare "Board" or "Styrelsen"
says which organ met but not whose; the organisation is then looked for elsewhere in the text.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..dates import MONTH_NAMES, WEEKDAY_NAMES, find_dates
from ..entities.names import is_first_name
from ...records.text import strip_genitive

_MONTH, _WEEKDAY = MONTH_NAMES, WEEKDAY_NAMES
_CALENDAR_WORD = re.compile(rf"(?:{_MONTH}|{_WEEKDAY})\b", re.IGNORECASE)
_KINDS = ("minutes|protokoll|mötesprotokoll|styrelseprotokoll|sammanträdesprotokoll|årsmötesprotokoll|"
          "minnesanteckningar|anteckningar|notes|report|summary|agenda|dagordning|kallelse|föredragningslista")
_SORTS = r"(?:regular|special|annual|adjourned|ordinary|extraordinary|joint|emergency|general|monthly|quarterly|" \
         r"extra|ordinarie|konstituerande|open|closed|board|workshop)"
# "Minutes of the Board of Trustees meeting": after "of", "Board" begins the name unless "meeting" follows it.
_SORTS_AFTER = _SORTS.replace("|board|", "|")
_NAME = r"(?P<body>[^\W\d_][\w'’&./()\- ]{1,90}?)"
# Where a name written before a date, time, place or verb ends. A short number closing the line is part of the
# name ("Bostadsrättsföreningen Lönnen 3"); any other number starts a date or a time.
_STOP = (rf"(?=\s*(?:$|[,;:|–—]|\s-\s|\.(?:\s|$)|\(\d|#\s*\d|\s(?:held|was|were|is|will|den|kl|klockan|at\s+\d|"
         rf"on\s+(?:{_WEEKDAY}|{_MONTH}|the\s+\d|\d)|{_WEEKDAY}|(?:{_MONTH})\s+\d)\b|\s(?!\d{{1,3}}\s*$)\d))")

# Patterns naming the body after the kind of document or the meeting: strongest, they say "of whom".
_AFTER = [
    re.compile(rf"\b(?:{_KINDS})\s+(?:(?:fördt|fört|förd|förda|hållet|hållna|hållen|upprättat)\s+)?"
               rf"(?:vid|från|för|till|of|from|for)\s+"
               rf"(?:proceedings\s+(?:at|of)\s+)?(?:the\s+|an?\s+)?(?:{_SORTS_AFTER}\s+)*"
               rf"(?:(?:board(?:\s+of\s+\w+)?\s+)?(?:meeting|session)\s+of\s+(?:the\s+)?|\w*(?:möte|sammanträde|stämma)[tn]?\s+(?:i|för|med|hos)\s+)?"
               rf"{_NAME}{_STOP}", re.IGNORECASE),
    re.compile(rf"\b(?:{_SORTS}\s+)*(?:meeting|session)\s+of\s+(?:the\s+)?{_NAME}{_STOP}", re.IGNORECASE),
]
# "X Board Meeting Minutes", "X:s protokoll", "Årsmöte X 2024-02-14": the body next to the kind or meeting word.
_MEETING_WORDS = r"(?:meeting(?:\s+(?:minutes|notes|report|summary))?|minutes|protokoll|minnesanteckningar|telco|" \
                 r"teleconference|conference\s+call|call)"
_BEFORE = re.compile(rf"^(?P<body>.+?)\s*[-–—:,]?\s+(?:{_SORTS}\s+)*{_MEETING_WORDS}\b", re.IGNORECASE)
_LEADING = [
    re.compile(rf"^(?:\w*(?:möte|sammanträde|stämma)|\w*protokoll|minnesanteckningar)\s+(?:för|från|vid|med|i\s+)?"
               rf"\s*{_NAME}{_STOP}", re.IGNORECASE),
    # "Protokoll styrelsemöte – Föreningen X", "Protokoll från årsmöte i X": the kind, the meeting, then whose.
    re.compile(rf"^(?:\w*protokoll|minnesanteckningar)\s+(?:från\s+|vid\s+)?\w*(?:möte|sammanträde|stämma)[tn]?"
               rf"\s*(?:[-–—:]|för|i|med|hos|vid)\s*{_NAME}{_STOP}", re.IGNORECASE),
]
# "The Board of Management of the X Club met on ...": the opening sentence names who met.
_MET = re.compile(
    r"\b(?:The\s+)?(?P<body>[A-ZÅÄÖ][\w'’.-]*(?:\s+(?:[A-ZÅÄÖ][\w'’.-]*|of|the|and|for|för|och|i|&|"
    r"kommun|region|län|församling)){0,12}?)"
    r"\s+(?:met|convened|assembled|sammanträdde|sammanträder|möttes|kallas(?:\s+härmed)?\s+till)\b"
)

# "Committee: X", "Nämnd: X": a field of the title block that names the body; the value ends at the next label.
_LABELLED = re.compile(
    r"^(?:body|organ|working\s+group|sig|wg|tc|nämnd|instans|förening)\s*:\s*"
    r"(?P<body>[^:,\n]{2,80}?)(?=\s+[A-ZÅÄÖ][\w]*(?:\s+[a-zåäö]\w*)?\s*:|\s*$)",
    re.IGNORECASE,
)

# A meeting-kind tail left on a name: "Datorföreningen Stackens extra medlemsmöte" -> "Datorföreningen Stacken".
_SV_MEETING_TAIL = re.compile(r"(?<=\w)(?P<gen>s)?\s+(?:[a-zåäö]+\s+){0,2}[a-zåäö]*(?:möte|sammanträde|stämma)[tn]?$")
# "Sällskapet X Vänners i Bollnäs sammanträde": the genitive s sits on the name before "i <place>",
# not on the place.
_SV_PLACED_GENITIVE = re.compile(
    r"(?<=\w)s(?P<place>\s+i\s+[A-ZÅÄÖ][\w-]+(?:\s+(?:kommun|län|församling))?)"
    r"\s+(?:[a-zåäö]+\s+){0,2}[a-zåäö]*(?:möte|sammanträde|stämma)[tn]?$"
)
_EN_MEETING_TAIL = re.compile(rf"\s+(?:{_SORTS}\s+)*(?:meeting|session)$", re.IGNORECASE)
# "Regular Council", "Special Board": the occasion, not part of the organ's name.
_OCCASION = re.compile(r"^(?:regular|special|ordinary|adjourned|emergency|extraordinary|monthly|quarterly|ordinarie|"
                       r"extra)\s+(?=(?:board|council|committee|commission|senate|assembly)$)", re.IGNORECASE)
# "The Corporation of the Town of X": the legal form of a municipality's name, which is called "Town of X".
_CORPORATION_OF = re.compile(r"^(?:the\s+)?corporation\s+of\s+(?:the\s+)?(?=(?:city|town|township|county|village|"
                             r"municipality|district|united\s+counties)\b)", re.IGNORECASE)
_PREFIX = re.compile(r"^(?:(?:final|draft|approved|unapproved|adopted|revised|amended|summary\s+of|minutes\s+of|"
                     r"notes\s+of|report\s+of|protokoll\s+från)\s+)+", re.IGNORECASE)

# English words that make a name an organisation's ("the Bevy Foundation"), in titles and in running text.
_EN_ORGANISATION_WORDS = "foundation|association|society|club|league|union|federation|institute|corporation|company|trust"
_ORGANISATION = re.compile(
    r"(?:förening(?:en)?|samfällighet(?:en)?|samfällighetsförening(?:en)?|klubb(?:en)?|kommun|region(?:en)?|"
    r"landsting(?:et)?|förbund(?:et)?|sällskap(?:et)?|stiftelse(?:n)?|bolag(?:et)?|kår(?:en)?|"
    r"sektion(?:en)?|division(?:en)?|nationen|byalag(?:et)?|\bAB)$|^brf$"
    rf"|^(?:{_EN_ORGANISATION_WORDS}|"
    r"cooperative|co-operative|co-op|charity|partnership|"
    r"authority|agency|city|county|town|township|village|parish|shire|borough|municipality|district|university|"
    r"college|project|inc\.?|ltd\.?|llc)$",
    re.IGNORECASE,
)
_ORGAN = re.compile(
    r"(?:styrelse(?:n)?|nämnd(?:en)?|fullmäktige|beredning(?:en)?|utskott(?:et)?|rådet|presidi(?:um|et))$"
    r"|^(?:board|council|committee|commission|trustees|directors|governors|managers|executive|senate|assembly|"
    r"synod|tsc|wg|sig|tc)$",
    re.IGNORECASE,
)
# Words that only name an organ, not whose it is.
_GENERIC = {
    "the", "of", "and", "board", "directors", "managers", "management", "trustees", "governors", "council",
    "committee", "commission", "executive", "members", "member", "general", "annual", "meeting", "styrelsen",
    "styrelse", "styrelsens", "styrelsemöte", "årsmöte", "årsmötet", "medlemsmöte", "mötet", "föreningen",
    "föreningsmöte", "stämman", "group", "working",
}
# Words that say what kind of organ or place a body is but not which: "City Council", "Parish Council" and
# "Board of County Commissioners" still need the letterhead's "Maple Grove" or "Harlan County".
_KIND_ONLY = _GENERIC | {
    "city", "county", "town", "village", "parish", "district", "borough", "municipal", "regional", "state",
    "commissioners", "commissioner", "supervisors", "selectmen", "aldermen", "councilmembers", "school", "planning",
    "kommunstyrelsen", "kommunfullmäktige", "regionstyrelsen", "regionfullmäktige",
}
_STOPWORDS = {"of", "the", "and", "for", "och", "för", "i", "vid", "de", "du", "&", "på", "at", "in", "to"}
_NOT_NAMES = re.compile(
    r"^(?:to|please|we|i|if|this|these|it|our|click|back|here|thanks|present|absent|attendees|attendance|agenda|"
    r"datum|date|tid|time|plats|place|location|närvarande|frånvarande|sammanträdesdatum|dagordning|protokoll|"
    r"minutes|notes|links|page|sida|sign|justerandes|utdragsbestyrkande|paragraf|dnr|original|status|type|"
    r"document|next|previous|föregående|nästa|mötets|meeting|board\s+members?|members?|kallelse|dagordning|"
    r"föredragningslista|agenda|pm|memo|promemoria|till|to|från|from|ärende|subject)\b",
    re.IGNORECASE,
)
_SMALL = {"of", "the", "and", "for", "och", "för", "i", "vid", "at", "in", "on", "de", "du"}
_SV_COMMON = {"kommun", "region", "landsting", "samfällighet", "förening", "församling", "län"}
_FOOTER_ADDRESS = re.compile(r"\d{3}\s?\d{2}|\bbox\b|organisationsnummer|org\.?\s*nr|föreningsnummer|street|"
                             r"road|avenue|\bvägen\b|gatan\b", re.IGNORECASE)
_TEXT_ORGANISATION = re.compile(
    rf"\b(?:[A-ZÅÄÖ][\w'’-]+\s+){{1,4}}(?:{_EN_ORGANISATION_WORDS.title()})\b"
    r"|\b[A-ZÅÄÖ]\w*(?:föreningen|förbundet|sällskapet|klubben|nationen|sektionen|divisionen)\s+[A-ZÅÄÖ][\w-]+"
    r"|\b[A-ZÅÄÖ][a-zåäö]+\s+kommun\b"
)
_ACTOR = re.compile(r"\b(?:the\s+(?:board|council|committee|commission)|styrelsen|nämnden|beredningen|utskottet)\b",
                    re.IGNORECASE)
_TITLE_WORDS = 14  # longer lines are prose: only sentence patterns apply to them


def _tidy(text: str) -> str:
    """Page decoration and transcriber's brackets around a title line ("*** X ***", "[Board of Managers]"), and a
    register number after a letterhead ("(Registered Charity No. 123)", "(org.nr 802000-1234)")."""
    text = re.sub(r"\([^()]*\d[^()]*\)", " ", text)
    text = re.sub(r"[\[\]*_#=~`\"“”]", " ", text)
    return re.sub(r"\s+", " ", text).strip(" -–—:;,.")


def _smart_case(name: str) -> str:
    """An upper-case letterhead ("DES MOINES CITY COUNCIL") written as the body's name is written in text."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 4 or any(c.islower() for c in letters) or all(len(w) <= 4 for w in _words(name)):
        return name  # mixed case as written, or a string of acronyms ("FAPI WG")
    words = []
    for index, word in enumerate(name.split()):
        if not re.search(r"[AEIOUYÅÄÖ]", word):
            words.append(word)  # an acronym: "TSC", "WG"
            continue
        word = word.lower()
        if index and (word in _SMALL or word in _SV_COMMON):
            words.append(word)
        else:
            words.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(words)


def _words(name: str) -> list[str]:
    return re.findall(r"[\w'’&.-]+", name)


_OWNED_ORGAN = re.compile(r"(?:styrelsen|nämnden|utskottet|the\s+board)\s+(?:för|i|of)\s+[A-ZÅÄÖ]")


def _clean(name: str | None) -> str | None:
    """A name as written, or None when what was caught is a label, a date or a sentence rather than a name."""
    if not name:
        return None
    name = _PREFIX.sub("", _tidy(name)).strip(" -–—:;,.")
    name = _SV_PLACED_GENITIVE.sub(r"\g<place>", name)
    tail = _SV_MEETING_TAIL.search(name)
    if tail and tail.start() > 0:
        name = name[: tail.start()]  # with the genitive s: "Stackens extra medlemsmöte" -> "Stacken"
    name = _EN_MEETING_TAIL.sub("", name).strip(" -–—:;,.")
    name = _CORPORATION_OF.sub("", _OCCASION.sub("", name))
    if _OWNED_ORGAN.match(name):
        name = name[0].upper() + name[1:]  # "styrelsen för X" inside a sentence: the name is X's board
    words = _words(name)
    if not words or len(words) > 12 or len(name) < 2 or not name[0].isupper() and not name[0].isdigit():
        return None
    if not name[0].isalpha() or ":" in name or _NOT_NAMES.match(name) or re.search(r"https?:|@|\b(?:1[6-9]|20)\d\d\b", name):
        return None
    if find_dates(name) or _CALENDAR_WORD.match(name):
        return None
    lower = [w for w in words[1:] if w[0].islower() and w.lower() not in _STOPWORDS]
    if len(lower) > 3:
        return None
    if re.search(r"(?:möte|sammanträde|stämma|meeting|session)[tn]?$", words[-1], re.IGNORECASE):
        return None
    if _is_person(words):
        return None
    return _smart_case(name)


def _is_person(words: list[str]) -> bool:
    """"Maria Holm" heading a list of who attended: a given name and a surname, no word of an organisation."""
    named = 2 <= len(words) <= 3 and is_first_name(words[0]) and all(w[0].isupper() for w in words)
    return named and not any(_ORGANISATION.search(w) or _ORGAN.search(w) for w in words)


def is_generic(name: str) -> bool:
    """"Board", "Styrelsen", "Board of Directors": an organ without the name of whose organ it is."""
    return all(w.lower() in _GENERIC for w in _words(name))


def _is_unnamed(name: str) -> bool:
    """"City Council", "Board of County Commissioners": the kind of organ, still without whose it is."""
    return all(w.lower() in _KIND_ONLY for w in _words(name))


def _title_lines(lines: Iterable[str]) -> list[str]:
    """Single title lines and each short line joined to the next (titles are often broken over two lines)."""
    tidy = [_tidy(line) for line in lines]
    tidy = [line for line in tidy if line]
    out = list(tidy)
    for first, second in zip(tidy, tidy[1:]):
        if len(first.split()) <= _TITLE_WORDS and len(second.split()) <= _TITLE_WORDS:
            out.append(f"{first} {second}")
    return out


def _after(lines: list[str]) -> Iterable[str]:
    for line in lines:
        for pattern in _AFTER:
            for found in pattern.finditer(line):
                yield found.group("body")


def _before(lines: list[str]) -> Iterable[str]:
    """The name in front of the meeting word; a Swedish genitive before "protokoll" drops its s."""
    for line in lines:
        found = _BEFORE.match(line)
        if not found:
            continue
        body = found.group("body")
        short = len(line.split()) <= _TITLE_WORDS
        genitive = re.match(r"\s*[-–—:,]?\s*(?:protokoll|minnesanteckningar)\b", line[found.end("body"):], re.I)
        if genitive and body.endswith("s"):
            yield strip_genitive(body)
        elif short:
            yield body


def _leading(lines: list[str]) -> Iterable[str]:
    for line in lines:
        if len(line.split()) <= _TITLE_WORDS:
            for pattern in _LEADING:
                if found := pattern.match(line):
                    yield found.group("body")


def _labelled(lines: list[str]) -> Iterable[str]:
    for line in lines:
        if found := _LABELLED.match(line):
            yield found.group("body")


def _met(lines: list[str]) -> Iterable[str]:
    for line in lines:
        for found in _MET.finditer(line):
            yield found.group("body")


def _content_words(words: list[str]) -> list[str]:
    """The words that count towards a line's length: "The Corporation of the Town of X" is four words long."""
    return [word for word in words if word.lower() not in _STOPWORDS]


def _is_organisation(line: str) -> bool:
    words = _words(line)
    return 0 < len(_content_words(words)) <= 6 and not re.search(r"\d", line) and _has_organisation_word(line)


def _is_organ(line: str) -> bool:
    words = _words(line)
    return 0 < len(words) <= 5 and not re.search(r"\d", line) and any(_ORGAN.search(w) for w in words)


def _organ_line(line: str) -> str | None:
    """The organ a letterhead line names, the meeting words after it dropped: "CITY COUNCIL REGULAR MEETING
    MINUTES" -> "CITY COUNCIL"."""
    found = _BEFORE.match(line)
    organ = found.group("body") if found else line
    return _clean(organ) if _is_organ(organ) else None


def _pure_organisation(line: str) -> str | None:
    """A letterhead line that names only the organisation ("CITY OF MAPLE GROVE", "HARLAN COUNTY")."""
    return _clean(line) if _is_organisation(line) and not _is_organ(line) else None


# "Kestrel Project — Technical Steering Committee": a title line holding the letterhead's two lines.
_DASHED = re.compile(r"\s+[-–—|]\s+")


def _letterhead(lines: list[str]) -> Iterable[str]:
    """An organisation line over an organ line ("HÖGSBY KOMMUN" / "Kommunstyrelsen", "CITY OF MAPLE GROVE" /
    "CITY COUNCIL MINUTES"), or the organ over its organisation ("BOARD OF COMMISSIONERS" / "HARLAN COUNTY"),
    also when a dash joins them on one line."""
    tidy = [part for line in lines for part in _DASHED.split(_tidy(line)) if part][:6]
    for index, line in enumerate(tidy):
        following = tidy[index + 1: index + 3]
        if organisation := _pure_organisation(line):
            organ = next((o for o in map(_organ_line, following) if o), None)
            if organ:
                yield _with_organisation(organ, organisation)
        elif (organ := _organ_line(line)) and following and (organisation := _pure_organisation(following[0])):
            yield _with_organisation(organ, organisation)


_MEETING_LINE = re.compile(rf"^(?:{_KINDS}|(?:the\s+)?(?:{_SORTS}\s+)*meeting)\b", re.IGNORECASE)


def _organ_over_title(lines: list[str]) -> Iterable[str]:
    """A first line naming an organ in capitalised words over the line that says what the document is
    ("St Mary's Church Council" / "Minutes of the meeting held …"): the letterhead is the organ itself."""
    tidy = [_tidy(line) for line in lines[:2]]
    if len(tidy) < 2 or not _MEETING_LINE.match(tidy[1]):
        return
    words = _content_words(_words(tidy[0]))
    if _is_organ(tidy[0]) and words and all(w[0].isupper() for w in words):
        yield tidy[0]


def _organisation_line(lines: list[str]) -> Iterable[str]:
    """A letterhead that is only the organisation: "Stenålderns samfällighetsförening"."""
    for line in lines[:6]:
        if _is_organisation(_tidy(line)):
            yield line


def _footer(lines: list[str]) -> Iterable[str]:
    """"Trollhättans Judoklubb, Kanaltorget 7, 461 31 Trollhättan": the organisation heading its address."""
    for line in lines:
        head, _, rest = line.partition(",")
        if rest and _FOOTER_ADDRESS.search(rest) and _is_organisation(head):
            yield head


def _text_organisation(text: str) -> str | None:
    """The organisation the text names most often ("the Bevy Foundation"), to say whose board a bare "Board" is."""
    counts = Counter(re.sub(r"^The\s+", "", m.group()) for m in _TEXT_ORGANISATION.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


def _actor(text: str) -> str | None:
    """The organ that acts throughout the text ("Styrelsen godkänner ..."), when nothing names the body."""
    counts = Counter(re.sub(r"^the\s+", "", m.group(), flags=re.I).capitalize() for m in _ACTOR.finditer(text))
    name, count = counts.most_common(1)[0] if counts else (None, 0)
    return name if count >= 3 else None


def _with_organisation(organ: str, organisation: str | None) -> str:
    if not organisation or organisation.lower() in organ.lower():
        return organ
    english = re.match(r"(?:\w+\s+){0,2}(?:board|council|committee|commission|executive|senate|assembly)\b", organ,
                       re.IGNORECASE)
    return f"{organisation} {organ}" if english else f"{organisation}, {organ}"


_ADDRESSEE = re.compile(r"^\W*(?:to|till)\s*:\s*(?P<value>.+)$", re.IGNORECASE)


def _addressee(lines: list[str]) -> Iterable[str]:
    """A memo's "To: Board of Directors, Northwind Housing Cooperative": the body it is written for."""
    for line in lines:
        if not (found := _ADDRESSEE.match(line.strip())):
            continue
        parts = [_tidy(part) for part in found.group("value").split(",")]
        named = [part for part in parts if _is_organ(part) or _is_organisation(part)]
        if not named:
            continue
        organisation = next((_clean(part) for part in named[1:] if _is_organisation(part)), None)
        organ = _clean(named[0])
        if organ:
            yield _with_organisation(organ, organisation) if _is_organ(named[0]) else organ


def _head_organisation(lines: list[str]) -> str | None:
    """The organisation a letterhead names, to say whose organ a "City Council" or a bare "Board" is."""
    for line in lines[:6]:
        tidy = _tidy(line)
        if (name := _pure_organisation(tidy)) and not _is_unnamed(name):
            return name
    return None


def _first_line_name(lines: list[str]) -> str | None:
    """A first line that is only a proper name ("Riverside Food Bank"): the letterhead, which names the
    organisation better than any club or company the minutes go on to mention."""
    first = _tidy(lines[0]) if lines else ""
    words = _content_words(_words(first))
    if not 0 < len(words) <= 6 or re.search(r"\d", first) or not all(w[0].isupper() for w in words):
        return None
    name = _clean(first)
    return name if name and not _is_organ(name) and not _is_unnamed(name) else None


def _complete(name: str, lines: list[str]) -> str:
    """A found organ with whose it is added from the letterhead: "Board of Education" written in full as
    "Board of Education, Lincoln County School District 12", or "Academic Senate" under "UNIVERSITY OF X"."""
    for line in (_tidy(line) for line in lines[:6]):
        rest = line[len(name):]
        if line.lower().startswith(name.lower()) and rest.startswith(",") and _has_organisation_word(rest):
            return _clean(line) or name
    if not _is_organ(name) or _has_organisation_word(name):
        return name
    organisation = _head_organisation(lines)
    own = {w.lower() for w in _words(organisation or "")} - _KIND_ONLY - _STOPWORDS
    if organisation and not own & {w.lower() for w in _words(name)}:
        return _with_organisation(name, organisation)
    return name


def _has_organisation_word(text: str) -> bool:
    return any(_ORGANISATION.search(word) for word in _words(text))


def find_body(titles: list[str], opening: list[str], furniture: list[str], closing: list[str], text: str,
              first_lines: Iterable[str] = ()) -> str | None:
    """The body that met, from the strongest evidence that names one; a bare organ gets its organisation added.

    `titles` are the document's own title lines (front matter), `opening` the lines before the first item,
    `furniture` the running headers and footers removed from the pages, `closing` the signature block, `first_lines`
    the document's first lines (a memo's "To:" field may have been read as the first item)."""
    head = list(dict.fromkeys([*titles, *opening[:8]]))
    heads = _title_lines(head)
    running = list(dict.fromkeys(furniture))[:8]
    strategies = [
        _after(heads), _labelled(head), _letterhead(running), _letterhead(head), _before(heads), _leading(heads),
        _met(head), _organ_over_title(head), _after(_title_lines(running)), _before(_title_lines(running)), _organisation_line(head),
        _organisation_line(running), _footer([*closing, *running]), _addressee([*head, *list(first_lines)[:8]]),
    ]
    generic = None
    for strategy in strategies:
        for raw in strategy:
            name = _clean(raw)
            if name is None:
                continue
            if not _is_unnamed(name):
                return _complete(name, [*head, *running])
            generic = generic or name
    generic = generic or _actor(text)
    if generic:
        organisation = _head_organisation([*head, *running])
        if not organisation and is_generic(generic):
            organisation = _first_line_name(head) or _text_organisation(text)
        return _with_organisation(generic, organisation)
    return None
