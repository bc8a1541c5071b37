"""N synthetic minutes with a realistic shape: fictional bodies, Swedish names, items, decisions, footnotes.

    python bench/synth.py DIR --docs N [--items K]

Writes DIR/m00000.txt … as Word-style text exports (notes after a `---` line).
All names and bodies are invented; topics are combined from word lists, so
10,000 meetings still read like different meetings.
"""
from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

from minutes_archive.samples.fictional import FIRST, LAST, MONTHS, swedish_date
from minutes_archive.samples.model import Para, SampleDoc
from minutes_archive.samples.write_txt import write_txt

BODIES = ["Kultur- och fritidsnämnden", "Miljö- och byggnadsnämnden", "Utbildningsnämnden", "Socialnämnden",
          "Tekniska nämnden", "Äldreomsorgsutskottet", "Fastighetsberedningen", "Valnämnden", "Kommunstyrelsens arbetsutskott",
          "Integrationsberedningen", "Hamnstyrelsen", "Ungdomsrådet"]
PLACES = ["Norrvik", "Sjöhamra", "Ekeby", "Lindås", "Björkvik", "Åsbro", "Mälarhöjd", "Granudden"]
SUBJECTS = ["badplatsen", "biblioteket", "idrottshallen", "förskolan", "äldreboendet", "hamnen", "gångbron", "simhallen",
            "fritidsgården", "kulturhuset", "skolgården", "parkeringen", "vattenverket", "kyrkogården", "torget", "elljusspåret"]
ACTIONS = ["Upprustning av", "Ny taxa för", "Öppettider för", "Tillgänglighet vid", "Budget för", "Upphandling av",
           "Renovering av", "Säkerhet vid", "Belysning vid", "Volontärverksamhet vid", "Medborgarförslag om", "Uppföljning av"]
ROLES = ["förvaltningschef", "ekonomichef", "handläggare", "stadsjurist", "utredare"]


def synthetic_minutes(seed: int, items: int = 10) -> SampleDoc:
    rng = random.Random(seed)
    body = rng.choice(BODIES)
    day = date(1995, 1, 10) + timedelta(days=seed * 3 % 10000)
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(6)]
    chair, secretary, official = people[:3]
    genitive = body if body.endswith("s") else f"{body}s"
    role = rng.choice(ROLES)
    paras = [Para(f"{genitive} protokoll"), Para(f"Sammanträdesdatum {day.isoformat()}"),
             Para(f"Närvarande: ordförande {chair}, sekreterare {secretary}, {role} {official}")]
    first = rng.randrange(1, 200)
    for k in range(items):
        subject = rng.choice(SUBJECTS)
        title = f"{rng.choice(ACTIONS)} {subject}"
        paras.append(Para(f"§ {first + k} {title}", heading=True))
        speaker = rng.choice(people[3:])
        paras.append(Para(f"{role.capitalize()} {official} redogjorde för ärendet om {subject}. "
                          f"{speaker} ställde frågor om kostnaderna och tidplanen för arbetet."))
        if rng.random() < 0.3:
            paras.append(Para(f"{speaker} yrkade på att ärendet skulle återremitteras till förvaltningen."))
        if rng.random() < 0.2:
            text = f"Frågan har tidigare behandlats av {rng.choice(BODIES).lower()}"
            paras.append(Para(text + ", se bilaga.", notes=[(len(text), f"Beslut den {swedish_date(day - timedelta(days=60))}.")]))
        paras.append(Para(f"Beslut: Att godkänna förslaget om {subject} och att återkomma i {MONTHS[(day.month + 1) % 12]}."))
    paras.append(Para(f"{rng.choice(PLACES)} den {swedish_date(day + timedelta(days=7))}"))
    paras.append(Para(f"Vid protokollet {secretary}. Justerat av {chair}, ordförande."))
    return SampleDoc(paras)


def write_corpus(folder: Path, docs: int, items: int = 10) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [write_txt(synthetic_minutes(seed, items), folder / f"m{seed:05d}.txt") for seed in range(docs)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--items", type=int, default=10)
    args = parser.parse_args()
    print(f"wrote {len(write_corpus(args.folder, args.docs, args.items))} minutes to {args.folder}")
