"""Fictional Swedish committee minutes, written by the project for demos, tests and benchmarks.

Every name, body and place here is invented.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from .model import Para, SampleDoc

BODIES = [
    ("Kultur- och fritidsnämnden", "Norrvik"),
    ("Miljö- och byggnadsnämnden", "Sjöhamra"),
    ("Utbildningsberedningen", "Ekeby"),
    ("Äldreomsorgsutskottet", "Lindås"),
]
FIRST = ["Anna", "Birgitta", "Carl", "Dag", "Elin", "Fredrik", "Greta", "Håkan", "Ingrid", "Johan", "Karin", "Lars",
         "Maria", "Nils", "Olle", "Pia", "Rut", "Sven", "Tove", "Ulf"]
LAST = ["Ahlgren", "Bergström", "Dahlqvist", "Ekholm", "Forsberg", "Grönlund", "Hedlund", "Isaksson", "Järvinen",
        "Kvist", "Lindqvist", "Malmberg", "Nordin", "Öberg", "Sandell", "Wallin"]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]
TOPICS = [
    ("Föreningsbidrag för nästa år", "föreningsbidragen", "fördelningen av föreningsbidrag"),
    ("Upprustning av badplatsen vid Lillsjön", "badplatsen", "upprustningen av badplatsen"),
    ("Ny biblioteksfilial i centrum", "biblioteksfilialen", "en ny biblioteksfilial"),
    ("Kommunal volontärverksamhet", "volontärverksamheten", "volontärverksamheten"),
    ("Ungdomsrådets förslag om mötesplats", "mötesplatsen", "en mötesplats för unga"),
    ("Taxor för idrottshallar", "hallhyrorna", "nya taxor för idrottshallar"),
    ("Kulturstipendium", "stipendiet", "årets kulturstipendium"),
    ("Budgetuppföljning per augusti", "budgeten", "budgetuppföljningen"),
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def swedish_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def fictional_minutes(seed: int = 1, items: int = 4, with_memo: bool = True) -> tuple[SampleDoc, dict]:
    """One meeting's minutes and what a correct extraction of them contains."""
    rng = random.Random(seed)
    body, town = BODIES[seed % len(BODIES)]
    meeting = date(2023, 1, 10) + timedelta(days=28 * (seed % 12) + rng.randrange(0, 5))
    signed = meeting + timedelta(days=7)
    chair, secretary, official = _name(rng), _name(rng), _name(rng)
    first_number = rng.randrange(1, 60)
    genitive = body if body.endswith("s") else f"{body}s"
    paras = [
        Para(f"{genitive} protokoll"),
        Para(f"Sammanträdesdatum {meeting.isoformat()}"),
        Para(f"Närvarande: ordförande {chair}, sekreterare {secretary}, förvaltningschef {official}"),
    ]
    expected: dict = {"body": body, "meeting_date": meeting.isoformat(), "signed_date": signed.isoformat(),
                      "items": [], "decisions": [], "footnotes": []}
    topics = rng.sample(TOPICS, k=min(items, len(TOPICS)))
    memo_item = None
    for k, (title, short, phrase) in enumerate(topics):
        number = first_number + k
        expected["items"].append({"number": str(number), "title": title})
        paras.append(Para(f"§ {number} {title}", heading=True))
        paras.append(Para(f"Förvaltningschef {official} redogjorde för {phrase} och svarade på frågor från ledamöterna."))
        member = _name(rng)
        paras.append(Para(f"{member} yrkade på att ärendet skulle återremitteras till förvaltningen."))
        if k == 1:
            text = f"Diskussionen om {short} fortsatte en god stund och frågan om finansiering lyftes särskilt"
            note = f"Underlaget skickades ut den {swedish_date(meeting - timedelta(days=7))}."
            paras.append(Para(text + ", men inget förslag lades.", notes=[(len(text), note)]))
            expected["footnotes"].append({"number": 1, "item": str(number), "text": note})
        if with_memo and memo_item is None and k == 2:
            paras.append(Para(f"En PM om {phrase} delades ut vid sammanträdet."))
            memo_item = str(number)
        decision = f"Att godkänna förvaltningens förslag om {phrase} och att återkomma med en uppföljning i {MONTHS[(meeting.month + 2) % 12]}."
        paras.append(Para(f"Beslut: {decision}"))
        expected["decisions"].append({"item": str(number), "text": decision})
    paras.append(Para(f"{town} den {swedish_date(signed)}"))
    paras.append(Para(f"Vid protokollet {secretary}. Justerat {signed.isoformat()} av {chair}, ordförande."))
    if with_memo and memo_item:
        title, _, phrase = topics[2]
        paras += [
            Para("---"),
            Para(f"PM {title}"),
            Para(f"Denna promemoria beskriver {phrase} inför sammanträdet."),
            Para("1. Bakgrund", heading=True),
            Para(f"Frågan om {phrase} har väckts av flera föreningar i {town}."),
            Para("2. Förslag", heading=True),
            Para("Förvaltningen föreslår att arbetet genomförs i två steg under året."),
        ]
        expected["attachment"] = {"title": title, "related_item": memo_item, "sections": ["Bakgrund", "Förslag"]}
    header = f"{body} PROTOKOLL {meeting.isoformat()} Sida {{page}} av {{pages}}"
    return SampleDoc(paras, header=header), expected
