"""Analyzers: Swedish and English stemming, an accent-folded side field, Swedish compound parts.

Whoosh's Swedish stemmer neither folds accents nor splits compounds, so
those live in fields of their own: "narva" finds "Närvä" in the folded field
and "verksamhet" finds "volontärverksamhet" in the compound field.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from whoosh.analysis import CharsetFilter, Filter, LanguageAnalyzer, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

from .indexing_analyzer import forget_words

PART_ZIPF = 3.0  # how common a word must be in Swedish to count as a compound part
MIN_PART = 4
MIN_COMPOUND = 8
LINKS = ("s", "e", "")


def swedish():
    """Whoosh's Swedish chain (as LanguageAnalyzer("sv") builds it), with definite neuter forms brought back to
    their base before stemming."""
    return RegexTokenizer() | LowercaseFilter() | StopFilter(lang="sv") | DefiniteFilter() | StemFilter(lang="sv")


def english():
    return LanguageAnalyzer("en")


def folded():
    """Tokens folded before stemming: "Närvä-Eickenrodt" is indexed as "narva", "eickenrodt"."""
    return (RegexTokenizer() | LowercaseFilter() | StopFilter(stoplist=stopwords_for_language("sv"), minsize=1)
            | CharsetFilter(accent_map) | DefiniteFilter(folded=True) | StemFilter(lang="sv"))


@lru_cache(maxsize=2)
def _definite(folded: bool) -> dict[str, str]:
    """Definite neuter forms and their base forms (data/definite_sv.txt), accent-folded for the folded field."""
    pairs = {}
    with (Path(__file__).with_name("data") / "definite_sv.txt").open(encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#") and " " in line:
                definite, base = line.split()
                pairs[fold_text(definite) if folded else definite] = fold_text(base) if folded else base
    return pairs


MIN_DEFINITE = 5  # the shortest definite form looked for at the end of a compound ("budgetförslaget")


class DefiniteFilter(Filter):
    """"beslutet" -> "beslut", "ärendet" -> "ärende", "budgetförslaget" -> "budgetförslag": Snowball leaves the
    Swedish definite neuter "-et" on, so "beslut" would not find "beslutet". Only forms attested with their base
    (see scripts/definite_forms.py) are changed, at the end of a compound too; "budget" and "paket" stay whole.
    One token in, one token out: positions are kept."""

    one_to_one = True

    def __init__(self, folded: bool = False):
        self.folded = folded

    def __call__(self, tokens):
        pairs = _definite(self.folded)
        for token in tokens:
            text = token.text
            if text.endswith("et") and not token.stopped:
                for cut in range(0, len(text) - MIN_DEFINITE + 1):
                    base = pairs.get(text[cut:])
                    if base is not None:
                        token.text = text[:cut] + base
                        break
            yield token


_ARCHIVE_WORDS: frozenset[str] = frozenset()


def use_archive_vocabulary(words: set[str]) -> None:
    """Words the archive itself uses often also count as compound parts ("beredningen")."""
    global _ARCHIVE_WORDS
    _ARCHIVE_WORDS = frozenset(w for w in words if len(w) >= MIN_PART + 1 and w.isalpha())
    _vocabulary.cache_clear()
    split_compound.cache_clear()
    forget_words()  # the compound field's remembered parts


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    return _wordfreq_vocabulary() | _ARCHIVE_WORDS


@lru_cache(maxsize=1)
def _wordfreq_vocabulary() -> frozenset[str]:
    from wordfreq import get_frequency_dict  # loaded only when indexing

    least = 10 ** PART_ZIPF / 1e9  # zipf 3.0 = once per million words
    return frozenset(w for w, f in get_frequency_dict("sv").items() if f >= least and len(w) >= MIN_PART and w.isalpha())


@lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[str, ...]:
    """Parts of a Swedish compound, each a common word ("kommun", "styrelsen"); () when it is not one."""
    word = word.lower()
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return ()
    vocabulary = _vocabulary()
    best: tuple[str, ...] = ()
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        for link in LINKS:
            if link and not head.endswith(link):
                continue
            stem = head[: len(head) - len(link)] if link else head
            if stem not in vocabulary:
                continue
            rest = (tail,) if tail in vocabulary else split_compound(tail)
            if rest and (not best or len(rest) + 1 < len(best)):
                best = (stem, *rest)
    return best


class CompoundFilter(Filter):
    """Emits the parts of compound words, and nothing for other words."""

    def __call__(self, tokens):
        for token in tokens:
            for part in split_compound(token.text):
                token.text = part
                yield token


def compounds():
    # Definite forms first: "förslaget" is "förslag", not "för" + "slaget"; "budgetförslaget" splits as "budgetförslag".
    return RegexTokenizer() | LowercaseFilter() | DefiniteFilter() | CompoundFilter() | StemFilter(lang="sv")


def fold_text(text: str) -> str:
    return text.translate(accent_map)


def has_accents(word: str) -> bool:
    return bool(re.search(r"[^\x00-\x7f]", word))
