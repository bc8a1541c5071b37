"""Persons, participants, proposals and dates in minutes written here, Swedish and English."""
import pytest

from minutes_archive.extraction.dates import find_dates
from minutes_archive.extraction.pipeline import extract_document
from minutes_archive.extraction.readers import read_bytes
from minutes_archive.extraction.entities.persons import find_mentions, resolve

SWEDISH = """Byggnadsnämndens protokoll
Sammanträdesdatum tisdagen den 7 oktober 1986
Närvarande: Carl Tönsgård, ordförande, Karin Barck Holst, vice ordförande, Anna Maria Lindqvist
Ersättare
Olle Ström
Tjänstemän: Sara Lind (sekreterare)
Frånvarande: Bengt Ek

§ 12 Bygglov för Storgatan 5
Karin Barck Holst föredrog ärendet. Karin menade att fasaden borde bevaras.
Olle Ström yrkade på att ärendet skulle bordläggas.
Beslut: Att bevilja bygglov.

§ 13 Nästa sammanträde
Nästa sammanträde hålls måndagen den 7 november 1986 i stadshuset. Sekreteraren kallar.
"""

ENGLISH = """Minutes of the meeting of the Parish Council held on Monday, 16th January 2001 at the Village Hall
Present: Cllr Alan Smith (chair), Cllr Brian Jones, Mrs Carol Brown (clerk)
Apologies: Cllr David White

Item 1. Playground
Brian Jones moved that the fence be replaced. Alan said the fence was unsafe.
Motion carried.
The clerk will write to the county council.

Item 2. Date of next meeting
The next meeting will be held on 20th February 2001.
"""

RIKSDAG = """Protokoll hållet hos Riksdagens Andra kammare den 12 februari 1867
§ 1 Justering av protokoll
Protokollet för den 9 februari 1867 justerades.
"""


def run(text):
    return extract_document(read_bytes(text.encode(), "m.txt"), "doc")


def _by_name(extraction):
    out = {}
    for m in extraction.mentions:
        if m.name:
            out.setdefault(m.name, []).append(m)
    return out


def test_swedish_attendance_roles_and_first_names():
    extraction = run(SWEDISH)
    participants = {(p.name, p.role, p.status) for p in extraction.participants}
    assert participants == {
        ("Carl Tönsgård", "ordförande", "present"), ("Karin Barck Holst", "vice ordförande", "present"),
        ("Anna Maria Lindqvist", None, "present"), ("Olle Ström", "ersättare", "substitute"),
        ("Sara Lind", "sekreterare", "official"), ("Bengt Ek", None, "absent"),
    }
    people = _by_name(extraction)
    karin = people["Karin Barck Holst"]
    assert any(m.kind == "first-name" and m.text == "Karin" and m.item_id == "doc-12" for m in karin)
    assert any(m.kind == "role" and m.text == "Sekreteraren" for m in people["Sara Lind"])
    [proposal] = extraction.proposals
    assert (proposal.item_id, proposal.name, proposal.text) == ("doc-12", "Olle Ström", "att ärendet skulle bordläggas.")


def test_swedish_dates_and_weekday_check():
    extraction = run(SWEDISH)
    dates = {(d.date, d.role, d.weekday_mismatch) for d in extraction.dates}
    assert ("1986-10-07", "meeting", False) in dates
    assert ("1986-11-07", "next_meeting", True) in dates  # 7 November 1986 was a Friday
    assert extraction.document.meeting_date == "1986-10-07"


def test_english_minutes_people():
    extraction = run(ENGLISH)
    assert {(p.name, p.role, p.status) for p in extraction.participants} == {
        ("Alan Smith", "chair", "present"), ("Brian Jones", "councillor", "present"),
        ("Carol Brown", "clerk", "present"), ("David White", "councillor", "absent")}
    people = _by_name(extraction)
    assert set(people) == {"Alan Smith", "Brian Jones", "Carol Brown", "David White"}
    assert any(m.text == "Alan" and m.resolved_by == "first-name" for m in people["Alan Smith"])
    assert any(m.text == "The clerk" and m.resolved_by == "role" for m in people["Carol Brown"])
    assert [(p.name, p.text) for p in extraction.proposals] == [("Brian Jones", "that the fence be replaced.")]
    dates = {(d.date, d.role, d.weekday_mismatch) for d in extraction.dates}
    assert ("2001-01-16", "meeting", True) in dates  # 16 January 2001 was a Tuesday
    assert ("2001-02-20", "next_meeting", False) in dates


def test_historic_dates():
    extraction = run(RIKSDAG)
    assert extraction.document.meeting_date == "1867-02-12"
    assert {d.date for d in extraction.dates} == {"1867-02-12", "1867-02-09"}


@pytest.mark.parametrize("text, iso", [
    ("den 25 september 2007", "2007-09-25"), ("25 sept. 2007", "2007-09-25"), ("2007-09-25", "2007-09-25"),
    ("25/9 2007", "2007-09-25"), ("januari 2008", "2008-01"), ("Tisdagen den 7 oktober 1986", "1986-10-07"),
    ("January 16, 2001", "2001-01-16"), ("16th January 2001", "2001-01-16"), ("den 12 sep\u00adtember 1867", "1867-09-12"),
    ("2OO7-O9-25", "2007-09-25"),
])
def test_date_forms(text, iso):
    [found] = find_dates(text)
    assert found.iso == iso


def test_day_and_month_take_the_documents_year():
    [found] = find_dates("måndag den 26 mars", default_year=2007)
    assert (found.iso, found.weekday_mismatch) == ("2007-03-26", False)


def test_no_false_persons_from_capitalised_phrases():
    text = "Fler Friska Företagsamma Nackabor är ett projekt. Stockholms läns landsting och Mementor Ledarskap deltar."
    mentions, persons = resolve(find_mentions(text, "x"))
    assert persons == [] and all(m.kind != "name" for m in mentions)


def test_initials_never_merge_with_a_person():
    mentions, persons = resolve(find_mentions("Maria Nilsson talade. Jag instämmer i det som MN har sagt.", "x"))
    [initials] = [m for m in mentions if m.kind == "initials"]
    assert initials.name is None and [p.name for p in persons] == ["Maria Nilsson"]


def test_ambiguous_first_name_stays_unresolved():
    mentions, _ = resolve(find_mentions("Eva Ek och Eva Berg talade. Eva tyckte annorlunda.", "x"))
    [alone] = [m for m in mentions if m.kind == "first-name"]
    assert alone.name is None
