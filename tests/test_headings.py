"""Items in every usual numbering scheme, damaged markers, tables of items, unnumbered headings and prose."""
import docx
import pytest

from minutes_archive.records.layout import Block
from minutes_archive.extraction.pipeline import extract_document
from minutes_archive.extraction.readers import read_bytes, read_path
from minutes_archive.extraction.structure.headings import find_headings


def extract(text: str, name: str = "m.txt"):
    return extract_document(read_bytes(text.encode("utf-8"), name), "doc")


def items(text: str, name: str = "m.txt"):
    return [(i.number, i.title) for i in extract(text, name).items]


@pytest.mark.parametrize("lines, expected", [
    (["§ 3 Budget", "Text.", "§ 4 Lokaler", "Text."], [("3", "Budget"), ("4", "Lokaler")]),
    (["KS § 3 a Budget", "Text.", "KS § 3 b Val", "Text.", "KS § 4 Lokaler", "Text."],
     [("3a", "Budget"), ("3b", "Val"), ("4", "Lokaler")]),
    (["3) Budget", "Text.", "4) Lokaler", "Text."], [("3", "Budget"), ("4", "Lokaler")]),
    (["I. Inledning", "Text.", "II. Ekonomi", "Text.", "III. Övrigt", "Text."],
     [("1", "Inledning"), ("2", "Ekonomi"), ("3", "Övrigt")]),
    (["2. Öppnande", "Text.", "4. Val", "Text.", "6. Budget", "Text."], [("2", "Öppnande"), ("4", "Val"), ("6", "Budget")]),
    (["10. Revision", "Text.", "10 a. Fastställande", "Text.", "11. Ansvarsfrihet", "Text."],
     [("10", "Revision"), ("10a", "Fastställande"), ("11", "Ansvarsfrihet")]),
    (["3. Announcements", "3-A Workshop", "3-B Meeting", "4. Consent calendar", "4-A Minutes", "5. New business", "5A Report"],
     [("3", "Announcements"), ("3A", "Workshop"), ("3B", "Meeting"), ("4", "Consent calendar"), ("4A", "Minutes"),
      ("5", "New business"), ("5A", "Report")]),
    (["18. Ekonomi", "Text.", "18A Bokslut", "Text.", "19. Övrigt", "Text."],
     [("18", "Ekonomi"), ("18A", "Bokslut"), ("19", "Övrigt")]),
])
def test_numbering_schemes(lines, expected):
    assert items("\n".join(lines)) == expected


def test_a_numbered_list_inside_an_item_stays_in_the_item():
    text = "\n".join(["1. Öppnande", "Mötet öppnades.", "2. Budget", "Förslaget hade tre delar:", "1. Höjda avgifter",
                      "2. Lägre kostnader", "3. Bättre uppföljning", "3. Lokaler", "Text.", "4. Avslutning"])
    extraction = extract(text)
    assert [(i.number, i.title) for i in extraction.items] == [
        ("1", "Öppnande"), ("2", "Budget"), ("3", "Lokaler"), ("4", "Avslutning")]
    assert "2. Lägre kostnader" in extraction.items[1].text


def test_lettered_hierarchy_under_roman_numerals():
    text = "\n".join(["I. Formalia", "A. Öppnande", "Text.", "B. Justerare", "Text.", "II. Ärenden", "A. Budget",
                      "Text.", "III. Avslutning"])
    assert items(text) == [("1", "Formalia"), ("1A", "Öppnande"), ("1B", "Justerare"), ("2", "Ärenden"),
                           ("2A", "Budget"), ("3", "Avslutning")]


def test_lettered_sub_items_go_on_past_z():
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + ["AA", "AB"]
    lines = ["6. Committee Reports"] + [f"{letter}. Project {letter}" for letter in letters] + ["7. Adjournment"]
    found = items("\n".join(lines))
    assert found[-3:] == [("6AA", "Project AA"), ("6AB", "Project AB"), ("7", "Adjournment")] and len(found) == 30


def test_a_letter_repeated_by_mistake_after_the_run_is_still_a_sub_item():
    text = "\n".join(["13. Val", "a) Ordförande", "b) Kassör", "c) Revisor", "b) Valberedning", "Anna", "14. Övrigt"])
    assert [n for n, _ in items(text)] == ["13", "13a", "13b", "13c", "13b", "14"]


def test_long_lettered_paragraphs_are_points_not_sub_items():
    long = "A) Lekplatser – dags för byte av sand i sandlådorna, som töms av varje gård innan den nya sanden kommer; " \
           "offertförfrågan skickas till två eller tre företag och arbetet ska vara klart senast i april."
    text = "\n".join(["12. Underhåll", long, "B) Taket – målningen är klar på alla gårdar utom gård fyra där det ännu "
                      "inte har blivit bra på grund av för sval temperatur och detta är reklamerat.", "13. Övrigt"])
    assert items(text) == [("12", "Underhåll"), ("13", "Övrigt")]


def test_a_number_repeated_by_mistake_is_kept_when_the_sequence_needs_it():
    text = "\n".join(["2. Mötet öppnades", "2. Val av justerare", "Ylva valdes.", "4. Nedlagd tid", "Text.",
                      "6. Ekonomi", "Text."])
    assert items(text) == [("2", "Mötet öppnades"), ("2", "Val av justerare"), ("4", "Nedlagd tid"), ("6", "Ekonomi")]


@pytest.mark.parametrize("damaged", ["$ 15", "8 15", "\ufffd 15", "& 15"])
def test_damaged_paragraph_signs_are_items_when_the_sequence_confirms_them(damaged):
    text = "\n".join(["§ 14 Budget", "Text.", f"{damaged} Lokaler", "Text.", "§ 16 Övrigt", "Text."])
    assert items(text) == [("14", "Budget"), ("15", "Lokaler"), ("16", "Övrigt")]


def test_a_damaged_sign_alone_is_no_item():
    assert items("Enligt avtalet:\n$ 15 per timme betalas.\nText.") == []


def test_roman_numerals_read_by_ocr():
    assert items("l. Inledning\nText.\nIl. Ekonomi\nText.\nlll. Övrigt\nText.") == [
        ("1", "Inledning"), ("2", "Ekonomi"), ("3", "Övrigt")]


def test_a_table_of_items_gives_one_item_per_row(tmp_path):
    document = docx.Document()
    document.add_paragraph("Protokoll styrelsemöte 2024-05-02")
    table = document.add_table(rows=4, cols=4)
    for row, cells in zip(table.rows, [["Punkt", "Vad", "Ansvar", "Text"],
                                      ["1", "Mötets öppnande", "Ordf", "Mötet öppnades kl 19."],
                                      ["2", "Ekonomi", "Kassör", "Kassan är god."],
                                      ["3", "Nästa möte", "", "Den 9 juni."]]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.save(tmp_path / "p.docx")
    extraction = extract_document(read_path(tmp_path / "p.docx"), "doc")
    assert [(i.number, i.title, i.text) for i in extraction.items] == [
        ("1", "Mötets öppnande", "Ordf Mötet öppnades kl 19."), ("2", "Ekonomi", "Kassör Kassan är god."),
        ("3", "Nästa möte", "Den 9 juni.")]


def test_unnumbered_word_headings_are_items(tmp_path):
    document = docx.Document()
    document.add_heading("Protokoll för styrelsemöte", level=0)
    document.add_paragraph("Datum: 2024-04-11. Närvarande: Anna, Per.")
    for title, body in [("Mötets öppnande", "Anna öppnade mötet."), ("Ekonomi", "Kassan är god."),
                        ("Övriga frågor", "Inga.")]:
        document.add_heading(title, level=2)
        document.add_paragraph(body)
    document.save(tmp_path / "p.docx")
    extraction = extract_document(read_path(tmp_path / "p.docx"), "doc")
    assert [(i.number, i.title) for i in extraction.items] == [("", "Mötets öppnande"), ("", "Ekonomi"),
                                                             ("", "Övriga frågor")]
    assert extraction.document.meeting_date == "2024-04-11"
    assert [i.id for i in extraction.items] == ["doc-u1", "doc-u2", "doc-u3"]


def test_section_labels_are_not_items():
    blocks = [Block("Mötets öppnande", kind="heading", bold=True), Block("Text."),
              Block("Kommunstyrelsens beslut", kind="heading", bold=True), Block("Godkänd."),
              Block("Ekonomi", kind="heading", bold=True), Block("Text."),
              Block("Beslut", kind="heading", bold=True), Block("Godkänd.")]
    assert [h.title for h in find_headings([Block("Protokoll", kind="heading", size=20)] + blocks)] == [
        "Mötets öppnande", "Ekonomi"]


PROSE = """The Board of Managers met on Tuesday, January 19th, 1897, at 2:30 P.M. Present: the President and eight members.

The first business in order was that which had been adjourned from January 5th; the election of new members.

The name of Miss Cox was presented as a candidate for membership, proposed by Miss Duvall and seconded by Miss Cloud.

Miss Cox was elected without opposition.

The next name presented was that of Mrs. Stevens; proposed by Miss Malloy; seconded by Miss Haughton. Mrs. Stevens was elected.

The President recommended that every proposal of a candidate should be accompanied by a letter, giving some account of the lady proposed.

The Committee on the improvements to be made, including a dressing room, reported the arrangements already made. The Board agreed; and the meeting then adjourned.
"""


def test_minutes_written_as_prose():
    extraction = extract(PROSE.replace("\n\n", "\n\n"), "minutes.md")
    assert [i.title for i in extraction.items] == [
        "the election of new members",
        "The President recommended that every proposal of a candidate should be accompanied by a letter",
        "The Committee on the improvements to be made"]
    assert "Miss Cox was elected without opposition." in extraction.items[0].text
    assert "met on Tuesday" in extraction.document.preamble
    assert extraction.document.meeting_date == "1897-01-19"


def test_run_in_headings_in_bold(tmp_path):
    document = docx.Document()
    document.add_paragraph("Protokoll för styrelsemöte 2024-04-11")
    for label, body in [("Plats:", " Klubbhuset."), ("Ekonomi:", " Kassören redovisade läget."),
                        ("Bryggan:", " Nya pollare beställs."), ("Övriga frågor:", " Inga.")]:
        paragraph = document.add_paragraph()
        paragraph.add_run(label).bold = True
        paragraph.add_run(body)
    document.save(tmp_path / "p.docx")
    extraction = extract_document(read_path(tmp_path / "p.docx"), "doc")
    assert [(i.title, i.text) for i in extraction.items] == [
        ("Ekonomi", "Kassören redovisade läget."), ("Bryggan", "Nya pollare beställs."), ("Övriga frågor", "Inga.")]
    markdown = "Styrelsemöte 2024-04-11\n\n**Ekonomi:** Kassören redovisade läget.\n\n**Bryggan:** Nya pollare.\n"
    assert [i.title for i in extract(markdown, "p.md").items] == ["Ekonomi", "Bryggan"]


TOWNSHIP = """TOWNSHIP OF BIRCH HOLLOW
BOARD OF SUPERVISORS
MINUTES OF THE REGULAR MEETING
APRIL 9, 2025

OPENING
Supervisor Gray opened the meeting at 6:00 p.m.

ROAD MAINTENANCE: GRAVEL BID
The board accepted the lowest gravel bid.

PARK PAVILION
Repairs were postponed until summer.

CLOSING
The meeting closed at 7:15 p.m.

ATTEST: Jo Banks, Township Clerk
"""


def test_lines_in_capitals_standing_alone_are_items():
    extraction = extract(TOWNSHIP)
    assert [(i.number, i.title) for i in extraction.items] == [
        ("", "OPENING"), ("", "ROAD MAINTENANCE: GRAVEL BID"), ("", "PARK PAVILION"), ("", "CLOSING")]
    assert extraction.items[2].text == "Repairs were postponed until summer."


def test_capital_headings_with_a_mixed_case_subject_and_a_letterhead_followed_by_text():
    text = ("VILLAGE OF FERNDALE\nThe board met on 2 May 2025 in the village hall.\n\nOLD BUSINESS\nThe fence was discussed.\n"
            "PUBLIC HEARING: Mill Street Crossing\nNo one spoke.\nMOTION: Trustee Vance moved to approve the crossing plan.\n"
            "NEW BUSINESS\nThe salt order was approved.\n")
    assert [i.title for i in extract(text).items] == [
        "OLD BUSINESS", "PUBLIC HEARING: Mill Street Crossing", "NEW BUSINESS"]


def test_a_few_words_in_capitals_are_emphasis_not_items():
    text = "Minutes of the board, 2 May 2025\nNOTE\nThe treasurer was away.\nURGENT\nThe roof leaks.\nThe board agreed to fix it.\n"
    assert all(not i.title.isupper() for i in extract(text).items)


def test_capital_lines_do_not_replace_numbered_items():
    text = "1. Opening\nThe chair opened.\nOLD BUSINESS\nNone.\n2. Budget\nNEW BUSINESS\nNone.\n3. Closing\nCLOSING REMARKS\nNone.\n"
    assert items(text) == [("1", "Opening"), ("2", "Budget"), ("3", "Closing")]


@pytest.mark.parametrize("numbers", [("25/14", "25/15", "25/16"), ("25/26.4", "25/26.5", "25/26.6"),
                                     ("F/25/07", "F/25/08", "F/25/09")])
def test_uk_minute_numbers_with_a_year(numbers):
    text = (f"Minutes of the Finance Committee, 4 June 2025\n{numbers[0]} Apologies for absence\nNone were received.\n"
            f"{numbers[1]} Grass cutting contract\nIt was resolved to renew the contract.\n{numbers[2]} Correspondence\n"
            "The clerk read a letter from 24/00312/FUL's applicant.\n")
    assert items(text) == [(numbers[0], "Apologies for absence"), (numbers[1], "Grass cutting contract"),
                           (numbers[2], "Correspondence")]


def test_a_planning_reference_or_a_lone_year_number_is_no_item():
    text = ("Minutes of the Planning Committee, 4 June 2025\n25/07 Applications\n"
            "24/00312/FUL Land at Mill Farm: no objection.\n12/06/2025 Site visit held.\n")
    assert all(i.number != "25/07" for i in extract(text).items)


def test_a_case_reference_beside_the_number_is_not_the_title():
    text = ("§ 41 Dnr KS 2025/118\nÖversyn av taxor\nBeslut\nTaxorna fastställs.\n"
            "§ 42\nDiarienummer: KS 2025/120\nNy simhall\nBeslut\nFrågan bordläggs.\n")
    extraction = extract(text)
    assert [(i.number, i.title) for i in extraction.items] == [("41", "Översyn av taxor"), ("42", "Ny simhall")]
    assert extraction.items[0].label == "§ 41 Dnr KS 2025/118"
    assert extraction.items[0].text.startswith("Beslut")


OLD_BOOK = """Protokoll fördt vid styrelsens sammanträde den 5 april 1912.

§ 1.
Sedan protokollet från föregående sammanträde blifvit uppläst och godkändt, redogjorde kassören för föreningens ställning.

§ 2.
Kassaboken granskades. Den befanns vara i god ordning.

§ 3.
Beslöts att hålla årsmötet i maj.
"""


def test_a_paragraph_after_a_lone_section_mark_is_the_item_text():
    extraction = extract(OLD_BOOK)
    assert [(i.number, i.title) for i in extraction.items] == [("1", ""), ("2", "Kassaboken granskades"), ("3", "")]
    assert extraction.items[0].text.startswith("Sedan protokollet")
    assert extraction.items[1].text == "Kassaboken granskades. Den befanns vara i god ordning."
    assert extraction.items[2].text == "Beslöts att hålla årsmötet i maj."


def test_a_title_on_the_line_after_a_lone_section_mark_stays_the_title():
    text = "§ 1\nMötets öppnande\nOrdföranden öppnade mötet.\n§ 2\nVal av justerare.\nTill justerare valdes Eva.\n"
    assert items(text) == [("1", "Mötets öppnande"), ("2", "Val av justerare.")]


def test_resolution_words_in_capitals_are_not_items():
    text = ("Minutes of the board, 2 May 2025\nWHEREAS\nthe bridge is unsafe;\nRESOLVED\nthe bridge shall close.\n"
            "CARRIED\nAll were in favour.\nAYES\nGray, Banks, Cole.\n")
    assert all(not i.title.isupper() for i in extract(text).items)


def test_sub_numbers_without_their_parent_are_the_items():
    text = "\n".join(["Harbour Board", "Minutes of the meeting held on 2 March 2023", "", "7.1 Jetty Repairs",
                      "That the Board fund the jetty repairs.", "Carried 4/1", "", "7.2 Mooring Fees",
                      "That the Board hold the mooring fees.", "Carried 5/0", "", "8.1 Kiosk Licence",
                      "That the licence be renewed.", "Lost 1/4"])
    assert items(text) == [("7.1", "Jetty Repairs"), ("7.2", "Mooring Fees"), ("8.1", "Kiosk Licence")]


def test_orphan_sub_numbers_join_the_written_numbers():
    text = "\n".join(["1. Welcome", "The chair opened the meeting.", "2.1 Jetty Repairs", "The Board agreed.",
                      "2.2 Mooring Fees", "The Board agreed.", "3. Closure", "The meeting closed."])
    assert items(text) == [("1", "Welcome"), ("2.1", "Jetty Repairs"), ("2.2", "Mooring Fees"), ("3", "Closure")]


def test_sub_numbers_under_a_written_parent_stay_sub_items():
    text = "\n".join(["1. Welcome", "Text.", "2. Reports", "2.1 Jetty Repairs", "Text.", "2.2 Mooring Fees", "Text.",
                      "3. Closure", "Text."])
    found = [(i.number, i.parent_number) for i in extract(text).items]
    assert found == [("1", None), ("2", None), ("2.1", "2"), ("2.2", "2"), ("3", None)]


def test_quoted_clauses_and_clock_times_are_not_orphan_items():
    clauses = "\n".join(["1. Welcome", "Text.", "2. Parking Rules", "The rules read:",
                         "4.1 The holder shall display the permit at all times.", "4.2 The holder shall pay the fee.",
                         "3. Closure", "Text."])
    assert items(clauses) == [("1", "Welcome"), ("2", "Parking Rules"), ("3", "Closure")]
    programme = "\n".join(["Workshop notes", "", "09.00 Coffee", "Coffee and tea were served in the hall.",
                           "09.30 Welcome", "The chair welcomed the guests."])
    assert all(i.number not in ("09.00", "09.30") for i in extract(programme).items)


HOA_LIKE = """Maple Ridge Owners Association
Board Meeting Minutes
Date: April 9, 2021
Directors Present: Lena Ortiz (President), Tom Reyes (Treasurer)

Roof Repairs
Tom Reyes moved to accept the quote from Summit Roofing for the clubhouse roof. The motion passed.

Treasurer's Report
The treasurer reported that the reserve fund stands at $42,000 after the spring billing.

Parking on Elm Court
The board discussed overnight parking and asked the manager to draft a notice for owners.

Adjournment: The meeting was adjourned at 8:40 PM.

Respectfully submitted by Lena Ortiz, President
"""


def test_short_lines_standing_alone_head_the_items():
    found = extract(HOA_LIKE).items
    assert [(i.number, i.title) for i in found] == [
        ("", "Roof Repairs"), ("", "Treasurer's Report"), ("", "Parking on Elm Court"), ("", "Adjournment")]
    assert "Summit Roofing" in found[0].text and "adjourned" in found[3].text


def test_short_lines_head_items_when_the_paragraphs_are_wrapped_by_hand():
    text = "\n".join(["Maple Ridge Owners Association", "Minutes, April 9, 2021", "", "Roof Repairs",
                      "Tom Reyes moved to accept the quote from Summit Roofing for the", "clubhouse roof. Carried.", "",
                      "Pool Hours", "The board agreed to open the pool at seven in the morning from", "June onwards.", "",
                      "Dog Park", "The manager will ask three contractors for quotes for the fence."])
    assert [i.title for i in extract(text).items] == ["Roof Repairs", "Pool Hours", "Dog Park"]


@pytest.mark.parametrize("text", [
    # two short lines are a caption and a name, not the document's items
    "Maple Ridge Owners Association\nMinutes 9 April 2021\n\nRoof Repairs\nThe board accepted the quote for the roof.\n\n"
    "Pool Hours\nThe board agreed to open the pool at seven in the morning.\n",
    # the letterhead and an attendance list: short lines followed by more short lines
    "Maple Ridge Owners Association\nBoard Meeting\n9 April 2021\n\nPresent\nLena Ortiz\nTom Reyes\nAnn Lee\n\n"
    "The board accepted the quote for the roof and agreed to open the pool early.\n",
    # lines of a paragraph wrapped by hand are about as long as each other
    "Minutes of the board, 9 April 2021\n\nThe board met at the clubhouse and the chair\nopened the meeting at seven.\n\n"
    "The treasurer presented the accounts for the\nyear, which were approved.\n\nThe secretary read letters from\n"
    "owners about the parking.\n",
])
def test_lines_that_are_not_standalone_headings(text):
    assert not [i.title for i in extract(text).items if i.title in ("Roof Repairs", "Pool Hours", "Present", "Lena Ortiz",
                                                                      "The board met at the clubhouse and the chair")]


def test_attendance_and_motion_lines_with_a_colon_are_not_items_among_standalone_headings():
    text = HOA_LIKE.replace("Directors Present: Lena Ortiz (President), Tom Reyes (Treasurer)",
                            "\nDirectors Present: Lena Ortiz, Tom Reyes and Ann Lee were all present.").replace(
        "The motion passed.", "The motion passed.\n\nSeconded by: Ann Lee agreed with the motion.")
    titles = [i.title for i in extract(text).items]
    assert titles == ["Roof Repairs", "Treasurer's Report", "Parking on Elm Court", "Adjournment"]


NUMBERED_CAPITALS = """HARBOURVIEW DISTRICT COUNCIL
MINUTES OF THE ORDINARY MEETING OF COUNCIL HELD ON MONDAY 4 MARCH 2024

PRESENT: Mayor Ann Lowe, Cr Ben Tait

1 OPENING PRAYER
The Mayor opened the meeting.

2 LEAVE OF ABSENCE
RESOLUTION 2024/11
Moved: Cr Ben Tait
That leave be granted.
CARRIED

3 HARBOUR DREDGING CONTRACT
RESOLUTION 2024/12
Moved: Mayor Ann Lowe
That the contract be awarded.
CARRIED 5/2

4 DOG CONTROL BYLAW
That the bylaw be amended.
LOST
"""


def test_number_and_title_in_capitals_are_items_and_verdicts_are_not():
    assert items(NUMBERED_CAPITALS) == [("1", "OPENING PRAYER"), ("2", "LEAVE OF ABSENCE"),
                                        ("3", "HARBOUR DREDGING CONTRACT"), ("4", "DOG CONTROL BYLAW")]


def test_resolution_numbers_and_verdicts_are_not_capital_headings():
    text = ("TOWN OF ELMBRIDGE\n\nOPENING\nThe chair opened the meeting at seven.\n\nROADS\nThe roads were discussed at "
            "length.\nRESOLUTION 2024/3\nThat the roads be sealed.\nCARRIED 3/1\n\nPARKS\nThe parks were discussed.\n"
            "LOST\n\nCLOSE\nThe meeting closed.\n")
    assert [t for _, t in items(text)] == ["OPENING", "ROADS", "PARKS", "CLOSE"]


def test_title_in_capitals_with_a_year_ends_at_its_line():
    text = ("1. OPENING\nThe chair opened the meeting.\n\n2. BUDGET ESTIMATES 2025\nProposed by Cllr. Ann Ross, "
            "seconded by Cllr. Tom Dunne, the Council noted the estimates.\n")
    assert items(text) == [("1", "OPENING"), ("2", "BUDGET ESTIMATES 2025")]


def test_lettered_matters_under_a_capital_heading_are_sub_items():
    text = ("TOWN OF ELMBRIDGE\nZONING BOARD\n\nCALL TO ORDER\nThe chair called the meeting to order.\n\n"
            "HEARINGS\nA. Appeal 24-01 – 12 Oak Lane\nThe board heard the appeal and approved it.\n"
            "B. Appeal 24-02 – 7 Elm Road\nThe board denied the appeal.\n\nADJOURNMENT\nThe meeting adjourned.\n")
    assert items(text)[1:4] == [("", "HEARINGS"), ("A", "Appeal 24-01 – 12 Oak Lane"),
                                ("B", "Appeal 24-02 – 7 Elm Road")]
