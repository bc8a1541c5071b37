"""The name and role vocabulary: first names, role words and their Swedish inflections."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

ROLES_SV = [
    "vice ordförande", "ordförande", "stadsdirektör", "kommundirektör", "stadsjurist", "kommunjurist", "sekreterare",
    "nämndsekreterare", "protokollförare", "konsult", "kassör", "ledamot", "ersättare", "justerare", "revisor",
    "förvaltningschef", "kommunalråd", "handläggare", "utredare", "rektor", "skolchef", "ekonomichef", "talman",
]
ROLES_EN = [
    "vice chair", "chairman", "chairwoman", "chairperson", "chair", "mayor", "clerk", "secretary", "trustee",
    "treasurer", "councillor", "president", "vice president",
]
ROLES = ROLES_SV + ROLES_EN
TITLES = r"(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Rev|Revd|Prof|Sir|Dame|Lady|Lord)"


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: "Närvä-Eickenrodt" and "narva-eickenrodt" are one person."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"\s+", " ", "".join(c for c in decomposed if not unicodedata.combining(c))).strip()


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Folded, so "Asa" (typed without accents, or OCR'd) is Åsa."""
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
    return forms


def role_of(word: str) -> tuple[str, str] | None:
    return role_forms().get(word.lower())
