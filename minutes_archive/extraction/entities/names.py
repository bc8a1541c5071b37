"""The name and role vocabulary: first names, role words and their Swedish inflections."""
from __future__ import annotations

import re
from functools import lru_cache

from ...records.text import fold

ROLES_SV = [
    "vice ordförande", "ordförande", "stadsdirektör", "kommundirektör", "stadsjurist", "kommunjurist", "sekreterare",
    "nämndsekreterare", "protokollförare", "konsult", "kassör", "ledamot", "ersättare", "justerare", "revisor",
    "förvaltningschef", "kommunalråd", "handläggare", "utredare", "rektor", "skolchef", "ekonomichef", "talman",
    "mötesordförande", "mötessekreterare", "mötesjusterare", "protokolljusterare", "justeringsman", "justerande",
    "rösträknare", "suppleant", "revisorssuppleant", "sammankallande", "hedersmedlem", "styrelseledamot",
    "räddningschef", "kommunchef", "socialchef", "verksamhetschef", "vd", "adjungerad", "valberedare",
    "vice kassör", "vice sekreterare", "kommunsekreterare", "stadssekreterare", "nämndordförande", "förvaltare",
    "motionär", "medlem", "verkställande direktör",
]
ROLES_EN = [
    "vice chair", "chairman", "chairwoman", "chairperson", "chair", "mayor", "clerk", "secretary", "trustee",
    "treasurer", "councillor", "president", "vice president", "vice chairman", "executive vice president",
    "board member", "member", "commissioner", "councilmember", "council member", "alderman", "alderperson",
    "deputy mayor", "vice mayor", "mayor pro tem", "director", "executive director", "staff member",
    "senior management analyst", "management analyst", "executive secretary", "human resources director",
    "city manager", "city clerk", "city attorney", "city engineer", "recording secretary", "corresponding secretary",
    "assistant secretary", "deputy clerk", "supervisor", "auditor", "minute taker", "scribe",
    "chief executive", "chief executive officer", "minute secretary", "minutes secretary", "general manager",
    "facilities manager", "finance manager", "town clerk", "parish clerk", "county counsel", "county councillor",
    "captain", "vice-chair", "vice-chairman", "vice-president", "committee member", "resident",
    "superintendent", "registrar", "vice-chancellor", "guest", "homeowner",
    # church offices written after a name ("Geoffrey Hale (Churchwarden)"). "Bishop" is a title, not here, as it is
    # also a surname ("Tom Bishop"); "Vicar" is left out, as prose ("the Vicar opened") seldom ties it to a name.
    "churchwarden", "sidesman", "verger", "lay reader",
]
# Last words of an office written as a phrase ("Chief Administrative Officer", "Deputy Shire President",
# "verkställande direktör"): with one to three describing words before them the whole phrase is the role.
ROLE_HEADS = {
    "manager", "officer", "director", "president", "registrar", "superintendent", "trustee", "chancellor",
    "vice-chancellor", "secretary", "clerk", "treasurer", "chair", "chairman", "chairperson", "administrator",
    "coordinator", "engineer", "planner", "attorney", "counsel", "councillor", "commissioner", "controller",
    "inspector", "advisor", "adviser", "consultant", "accountant", "analyst", "assistant", "representative",
    "auditor", "warden", "churchwarden",
    "direktör", "chef", "sekreterare", "ordförande", "handläggare", "samordnare", "ledamot",
}
# Swedish writes an office as one compound ("personalchef", "kanslisekreterare"): these endings make it a role.
_COMPOUND_HEADS = ("chef", "direktör", "sekreterare", "ordförande", "handläggare", "samordnare")
# Words that join a phrase but never describe an office: a phrase with one of them is no role.
_NOT_MODIFIERS = {"the", "a", "an", "and", "of", "to", "for", "in", "at", "by", "with", "on", "och", "i", "för",
                  "till", "av", "på", "med", "was", "is", "were", "valdes", "som"}
# Short forms written in brackets after a name ("Anna Ek (ordf.)"); the trailing dot is dropped before lookup.
ABBREVIATIONS = {"ordf": "ordförande", "sekr": "sekreterare", "ledam": "ledamot", "suppl": "suppleant",
                 "adj": "adjungerad"}
# Occupations an older Swedish text writes before a name ("Kapten G. A. Wennerström", "Handlanden J. P. Ekholm"):
# base form -> the written forms. They name the person's title, so they act as titles and give that role.
OCCUPATIONS_SV = {
    "kapten": ("kapten", "kaptenen"), "löjtnant": ("löjtnant", "löjtnanten"), "major": ("majoren",),
    "överste": ("överste", "översten"), "handlande": ("handlande", "handlanden"), "bokhållare": ("bokhållare", "bokhållaren"),
    "direktör": ("direktör", "direktören"), "fabrikör": ("fabrikör", "fabrikören"), "kyrkoherde": ("kyrkoherde", "kyrkoherden"),
    "ingenjör": ("ingenjör", "ingenjören"), "kamrer": ("kamrer", "kamreraren", "kamrern"),
    "köpman": ("köpman", "köpmannen"), "grosshandlare": ("grosshandlare", "grosshandlaren"),
    "apotekare": ("apotekare", "apotekaren"), "lantbrukare": ("lantbrukare", "lantbrukaren"),
    "hemmansägare": ("hemmansägare", "hemmansägaren"), "disponent": ("disponent", "disponenten"),
    "komminister": ("komminister", "komministern"), "kantor": ("kantor", "kantorn"), "pastor": ("pastor", "pastorn"),
    "folkskollärare": ("folkskollärare", "folkskolläraren"), "byggmästare": ("byggmästare", "byggmästaren"),
    "stadsfiskal": ("stadsfiskal", "stadsfiskalen"), "landsfiskal": ("landsfiskal", "landsfiskalen"),
    "fanjunkare": ("fanjunkare", "fanjunkaren"), "doktor": ("doktor", "doktorn"), "godsägare": ("godsägare", "godsägaren"),
}
_OCCUPATION_FORMS = {form: base for base, forms in OCCUPATIONS_SV.items() for form in forms}


def occupation_of(word: str, lower_too: bool = False) -> str | None:
    """The base occupation a capitalised title word before a name stands for, or None; `lower_too` where the word
    stands right before a name in a sentence ("en af handlanden J. P. Ekström ingifven ansökan")."""
    return _OCCUPATION_FORMS.get(word.lower()) if word[:1].isupper() or lower_too else None

ROLES = ROLES_SV + ROLES_EN
# Roles that only a column or list heading gives ("Ordinarie" over a list of names), never a sentence.
HEADING_ROLES = {"ordinarie": "ordinarie", "ordinarie ledamöter": "ordinarie", "ledamöter": "ledamot",
                 "ersättare": "ersättare", "suppleanter": "suppleant", "revisorer": "revisor"}
# Titles that also say the office: "Cllr Patel" is a councillor.
TITLE_ROLES = {"cllr": "councillor", "councillor": "councillor", "cr": "councillor", "bishop": "bishop",
               "archdeacon": "archdeacon", "archbishop": "archbishop"}
# Ecclesiastical titles stand before a name like "Mr" and may stack ("Revd Canon Judith Marsh"); "Dean" is left out
# because it is as often a first name ("Dean Holloway").
TITLES = (r"(?:Cllr|Cr|Councillor|Professor|Mr|Mrs|Ms|Miss|Mme|Dr|Rev|Revd|Prof|Sir|Dame|Lady|Lord|Sgt|Sergeant|Capt"
          r"|Lt|Det|Hon|Herr|Fru|Fröken|Fr|Canon|Archdeacon|Archbishop|Bishop|Father|Reverend)")
# Courtesy titles in the plural, written once before a list of names ("Herrar A. G. Lundqvist, H. Ståhl",
# "Cllrs. D. Ó Donnabháin, M. Ryan"): written form without its dot -> the office it says, or None.
PLURAL_TITLES = {"herrar": None, "herrarne": None, "damerna": None, "damer": None, "fröknarna": None,
                 "fröknar": None, "messrs": None, "mmes": None, "cllrs": "councillor", "crs": "councillor"}
PLURAL_TITLE_PATTERN = r"(?:Herrar|Herrarne|Damerna|Damer|Fröknarna|Fröknar|Messrs|Mmes|Cllrs|Crs)"
# Plural forms that a heading or a list ("Commissioners Soules, Nachtigall") writes before several names.
_PLURALS_SV = {"ledamöter": "ledamot", "justeringsmän": "justeringsman", "revisorer": "revisor",
               "suppleanter": "suppleant", "rösträknare": "rösträknare", "justerare": "justerare",
               "revisorssuppleanter": "revisorssuppleant", "hedersmedlemmar": "hedersmedlem", "medlemmar": "medlem"}


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Folded, so "Asa" (typed without accents, or OCR'd) is Åsa."""
    from importlib import resources  # loads tempfile, shutil and zipfile: only when first names are needed

    text = resources.files(__package__).joinpath("data/first_names.txt").read_text(encoding="utf-8")
    return frozenset(fold(w) for line in text.splitlines() if not line.startswith("#") for w in line.split())


def is_first_name(word: str) -> bool:
    """Known given name; "Jan-Eric" counts when each part does."""
    names = first_names()
    return fold(word) in names or ("-" in word and all(fold(part) in names for part in word.split("-")))


def _definite(role: str) -> list[str]:
    if role.endswith("e"):
        return [role + "n"]
    if role.endswith("or") and not role.endswith("ör"):
        return [role + "n"]
    return [role + "en"]


@lru_cache(maxsize=1)
def role_forms() -> dict[str, tuple[str, str]]:
    """Every written form -> (base role, form kind): "base", "definite" or "genitive"."""
    forms: dict[str, tuple[str, str]] = {}
    for role in ROLES_SV:
        forms[role] = (role, "base")
        for definite in _definite(role):
            forms[definite] = (role, "definite")
            forms[definite + "s"] = (role, "genitive")
        forms[role + "s"] = (role, "genitive")
    for role in ROLES_EN:
        forms[role] = (role, "base")
        forms[f"the {role}"] = (role, "definite")
        forms[f"the {role}'s"] = (role, "genitive")
        forms.setdefault(role + "s", (role, "plural"))
    forms["ledamöterna"] = ("ledamot", "plural")
    for short, role in ABBREVIATIONS.items():
        forms.setdefault(short, (role, "base"))
    for plural, role in _PLURALS_SV.items():
        forms.setdefault(plural, (role, "plural"))
    return forms


@lru_cache(maxsize=1)
def _role_openers() -> frozenset[str]:
    """First words of every role form: most words open none, and are turned away before any joining."""
    return frozenset(form.split()[0] for form in role_forms())


def opens_role(word: str) -> bool:
    """Whether some role form starts with this word."""
    return word.lower() in _role_openers()


def role_phrase(words: list[str]) -> tuple[str, str, int] | None:
    """The longest role written at the start of `words`: (base role, form kind, words used); "Board Members" is
    one plural role, "Staff Member" one role, "Ord förande" the OCR'd "ordförande"."""
    if not words:
        return None
    if words[0].lower() not in _role_openers() and not (len(words) > 1 and words[0].istitle() and len(words[0]) <= 4):
        return None
    for size in (4, 3, 2, 1):
        if len(words) < size:
            continue
        found = role_of(" ".join(words[:size]))
        if found:
            return found[0], found[1], size
        if size == 2 and words[0].istitle() and len(words[0]) <= 4 and words[1].islower():
            joined = role_of(words[0] + words[1])  # a role word split by a typist or OCR
            if joined:
                return joined[0], joined[1], 2
    return None


def role_of(word: str) -> tuple[str, str] | None:
    return role_forms().get(word.lower())


def _compound_role(word: str) -> bool:
    low = word.lower()
    return word.isalpha() and any(low.endswith(h) and len(low) >= len(h) + 3 for h in _COMPOUND_HEADS)


def _generic_role(words: list[str]) -> tuple[str, str, int] | None:
    """An office the vocabulary lacks, written as describing words and a head ("Safeguarding Lead Trustee"). The
    describing words share the head's case and are no known first names, so "Priya Sharma, Trustee" stays a name."""
    for size in (4, 3, 2):
        if len(words) < size:
            continue
        head, modifiers = words[size - 1].strip(".,;:"), words[:size - 1]
        if head.lower() not in ROLE_HEADS:
            continue
        upper = head[:1].isupper()
        if all(re.fullmatch(r"[^\W\d_][\w'’-]*", w) and w[:1].isupper() == upper and w.lower() not in _NOT_MODIFIERS
               and not is_first_name(w) and not (w.isupper() and len(w) > 1) for w in modifiers):
            return " ".join(words[:size]).lower().strip(".,;:"), "base", size
    if words and _compound_role(words[0].strip(".,;:")):
        return words[0].strip(".,;:").lower(), "base", 1
    return None


def role_title(words: list[str]) -> tuple[str, str, int] | None:
    """The longest role at the start of `words`, the vocabulary's or an office phrase's; used where a role is
    expected (after a name, in a bracket, as a list entry), not while reading a name, where "Sharma Trustee" could
    be a name and its column."""
    return _role_title(tuple(words))


@lru_cache(maxsize=8192)
def _role_title(words: tuple[str, ...]) -> tuple[str, str, int] | None:
    """Cached: the same few words before and after names come back in every document."""
    words = list(words)
    found = role_phrase(words)
    generic = _generic_role(words)
    if generic and (not found or generic[2] > found[2]):
        return generic
    return found
