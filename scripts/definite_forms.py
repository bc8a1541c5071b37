"""Write minutes_archive/search/data/definite_sv.txt: Swedish neuter nouns in their definite form and the form
Snowball stems them from, e.g. "beslutet beslut", "ärendet ärende", "protokollet protokoll".

    python scripts/definite_forms.py

Snowball's Swedish stemmer leaves the definite neuter "-et" on ("beslutet" stays whole), so a search for
"beslut" would miss "beslutet". Stripping "-et" by rule cuts words that merely end so ("budget" -> "budg",
"paket" -> "pak", as Solr's SwedishLightStemFilter does); a list of pairs attested in wordfreq's Swedish words
does not. The file is generated once and shipped, so a search needs no word list loaded.
"""
from __future__ import annotations

from pathlib import Path

from wordfreq import get_frequency_dict

ZIPF = 2.5  # both forms used at least about three times in ten million words
MIN_BASE = 4
# Attested pairs that are not a noun and its definite form.
NOT_DEFINITE = {"internet", "planet", "ruttet", "skrevet", "antaget", "hänget", "giftet"}
OUT = Path(__file__).resolve().parent.parent / "minutes_archive" / "search" / "data" / "definite_sv.txt"


def pairs() -> list[tuple[str, str]]:
    least = 10 ** ZIPF / 1e9
    words = {w for w, f in get_frequency_dict("sv").items() if f >= least and w.isalpha()}
    found = []
    for word in sorted(words):
        if not word.endswith("et") or word in NOT_DEFINITE:
            continue
        if word[:-1].endswith("e") and word[:-1] in words and len(word) - 1 >= MIN_BASE:  # ärende -> ärendet
            found.append((word, word[:-1]))
        elif word[:-2] in words and len(word) - 2 >= MIN_BASE:  # beslut -> beslutet
            found.append((word, word[:-2]))
    return found


def main() -> None:
    found = pairs()
    OUT.write_text("# definite form, base form (scripts/definite_forms.py)\n"
                   + "".join(f"{a} {b}\n" for a, b in found), encoding="utf-8")
    print(f"{len(found)} pairs in {OUT}")


if __name__ == "__main__":
    main()
