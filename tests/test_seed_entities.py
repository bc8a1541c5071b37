"""Persons, dates and abbreviations of both seeds against their .expected.json."""
import pytest

from minutes_archive import Archive
from minutes_archive.records.text import fold
from minutes_archive.extraction.pipeline import extract_document
from minutes_archive.extraction.readers import read_path

from support import load_expected, require_seeds, seed_names

NAMES = seed_names() or ["(no seeds)"]


@pytest.fixture(params=NAMES)
def seed(request):
    folder = require_seeds()
    extraction = extract_document(read_path(folder / f"{request.param}.txt"), "doc")
    return extraction, load_expected(request.param)


def _numbers(extraction, item_ids):
    numbers = {i.id: i.number for i in extraction.items}
    return {numbers[i] for i in item_ids if i in numbers}


def _persons(extraction):
    persons = {}
    for m in extraction.mentions:
        if m.name:
            entry = persons.setdefault(fold(m.name), {"name": m.name, "roles": set(), "items": set()})
            entry["roles"] |= {m.role} if m.role else set()
            if m.item_id:
                entry["items"].add(m.item_id)
    return persons


def test_persons(seed):
    extraction, expected = seed
    persons = _persons(extraction)
    for wanted in expected["persons"]["must"]:
        person = persons.get(fold(wanted["name"]))
        assert person is not None, wanted["name"]
        assert person["name"] == wanted["name"]
        assert set(wanted.get("roles", [])) <= person["roles"], (wanted, person)
        assert set(wanted["items"]) <= _numbers(extraction, person["items"]), (wanted, person)


def test_no_false_persons(seed):
    extraction, expected = seed
    names = {fold(m.name) for m in extraction.mentions if m.name} | {fold(m.text) for m in extraction.mentions}
    for trap in expected["persons"]["must_not"]:
        assert fold(trap) not in names, trap


def test_initials_stay_unresolved(seed):
    extraction, expected = seed
    for wanted in expected["persons"].get("should", []):
        [mention] = [m for m in extraction.mentions if m.text == wanted["name"]]
        assert mention.kind == "initials" and mention.name is None


@pytest.mark.parametrize("level", ["must", "should"])
def test_dates(seed, level):
    extraction, expected = seed
    numbers = {i.id: i.number for i in extraction.items}
    for wanted in expected["dates"].get(level, []):
        hits = [d for d in extraction.dates if d.date == wanted["date"]]
        assert hits, wanted
        if "role" in wanted:
            assert any(d.role == wanted["role"] for d in hits), (wanted, hits)
        if "item" in wanted:
            assert any(numbers.get(d.item_id) == wanted["item"] for d in hits), (wanted, hits)
        if "text" in wanted:
            assert any(d.text == wanted["text"] for d in hits), (wanted, hits)


def test_proposals(seed):
    extraction, expected = seed
    numbers = {i.id: i.number for i in extraction.items}
    for wanted in expected.get("proposals", {}).get("should", []):
        assert any(numbers[p.item_id] == wanted["item"] and p.name == wanted["person"] and p.text.startswith(wanted["starts"])
                   for p in extraction.proposals), wanted


def test_archive_glossary_and_people(tmp_path):
    folder = require_seeds()
    with Archive(tmp_path / "archive") as archive:
        archive.import_paths(sorted(folder.glob("*.txt")))
        learned = archive.glossary()
        people = archive.people()
    glossary = {a["short"]: a for a in learned["abbreviations"]}
    for name in seed_names():
        for wanted in load_expected(name).get("abbreviations", {}).get("should", []):
            assert glossary[wanted["short"]]["long"] == wanted["long"], wanted
    organisations = {fold(o["name"]) for o in learned["organisations"]} | set(map(fold, glossary))
    for wanted in ["Nacka kommun", "försäkringskassan", "arbetsförmedlingen", "Stockholms läns landsting",
                   "kriminalvården", "KRIS", "kommunstyrelsen", "VSS", "utbildningsnämnden"]:
        assert fold(wanted) in organisations, wanted
    assert len({p["name"] for p in people}) == len(people)
