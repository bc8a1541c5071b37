"""Meeting facts (kind, body, dates, place) from header blocks written here; every body and place is invented."""
import pytest

from minutes_archive.extraction.dates import find_dates
from minutes_archive.extraction.readers import read_bytes
from minutes_archive.extraction.structure import extract
from minutes_archive.extraction.structure.metadata import extract_metadata


def run(text: str):
    return extract(read_bytes(text.encode("utf-8"), "m.txt"), "doc").document


def facts(doc):
    return doc.kind, doc.body, doc.meeting_date, doc.signed_date, doc.place


LETTERHEAD = """SJÖVIKS KOMMUN
Barn- och utbildningsnämnden
PROTOKOLL
Sammanträdesdatum 2021-03-04
Plats och tid Stadshuset, sal Ängen, torsdagen den 4 mars 2021 kl 13.00-15.30
Beslutande Karin Holm (s), ordförande

§ 12 Budget 2022
Nämnden beslutade att godkänna förslaget.

§ 13 Skolskjuts
Nämnden beslutade att lägga informationen till handlingarna.

Justeringens plats och tid Stadshuset 2021-03-09
"""

FORT_VID = """Protokoll fört vid Roddklubben Vågens årsmöte den 12 mars 2022 i klubbhuset.

1. Mötets öppnande
Ordföranden förklarade mötet öppnat.
2. Val av mötesordförande
Mötet valde Lena Berg.
3. Mötets avslutande
Mötet avslutades.

Ekeby den 20 mars 2022

Lena Berg, ordförande        Per Ek, sekreterare
"""

US_REGULAR = """MINUTES OF THE REGULAR MEETING OF THE
HARBOR VIEW PARKS AND RECREATION BOARD
Tuesday, March 5, 2019 7:00 p.m.
Council Chambers, Municipal Building

1. CALL TO ORDER
The meeting was called to order at 7:02 p.m. by Chair Ortiz.
2. APPROVAL OF MINUTES
The minutes of February 5, 2019 were approved as submitted.
3. ADJOURNMENT
The meeting adjourned at 8:15 p.m.
"""

AGENDA = """AGENDA
Regular Meeting of the Library Board of Trustees
Monday, April 8, 2024, 6:30 PM
Main Library, Community Room

1. Call to order
2. Approval of the minutes of March 11, 2024
3. Director's report
4. Budget for fiscal year 2025
5. Adjournment
"""

KALLELSE = """Kallelse till styrelsemöte i Bostadsrättsföreningen Lärkan
Datum: 2024-05-14
Plats: Föreningslokalen

1. Mötets öppnande
2. Val av justerare
3. Ekonomi
4. Övriga frågor
"""

MEMO = """PM
Till: Kommunstyrelsen
Datum: 2023-11-02
Ärende: Ny parkeringsnorm

Förvaltningen föreslår att den nya parkeringsnormen tillämpas från och med 2024.
"""

NOTES = """Styrelsemöte i Fiskevårdsföreningen Gäddan
Datum: 14 sep\u00adtember 2023

1. Mötets öppnande
Mötet öppnades.
2. Avslutning
Mötet avslutades.
"""

MET = """The Executive Committee of the Riverside Garden Club met on Thursday, May 2, 2019, in the Lecture Room of the Town Library.

The treasurer reported a balance of $412.
It was moved and seconded that the club buy new tools. Motion carried.
"""


@pytest.mark.parametrize(
    "text, expected",
    [
        (LETTERHEAD, ("minutes", "Sjöviks kommun, Barn- och utbildningsnämnden", "2021-03-04", "2021-03-09",
                      "Stadshuset, sal Ängen")),
        (FORT_VID, ("minutes", "Roddklubben Vågen", "2022-03-12", "2022-03-20", "klubbhuset")),
        (US_REGULAR, ("minutes", "Harbor View Parks and Recreation Board", "2019-03-05", None,
                      "Council Chambers, Municipal Building")),
        (AGENDA, ("agenda", "Library Board of Trustees", "2024-04-08", None, "Main Library, Community Room")),
        (KALLELSE, ("agenda", "Bostadsrättsföreningen Lärkan", "2024-05-14", None, "Föreningslokalen")),
        (MEMO, ("memo", "Kommunstyrelsen", "2023-11-02", None, None)),
        (NOTES, ("minutes", "Fiskevårdsföreningen Gäddan", "2023-09-14", None, None)),
        (MET, ("minutes", "Executive Committee of the Riverside Garden Club", "2019-05-02", None,
               "the Lecture Room of the Town Library")),
    ],
    ids=["letterhead", "protokoll-fort-vid", "us-regular-meeting", "agenda", "kallelse", "memo", "notes", "met"],
)
def test_meeting_facts(text, expected):
    assert facts(run(text)) == expected


def test_body_in_a_running_footer_and_a_bare_organ_gets_its_organisation():
    meta = extract_metadata(
        ["Board meeting", "Present: Ann Lee, Bo Ek"], ["Page 1 of 3", "Page 2 of 3"], True, True,
        ["Signed: Ann Lee, chair", "Oak Hill Rowing Club, 12 River Road, Oakham OK1 2AB"],
        text="The board approved the budget of the Oak Hill Rowing Club.",
    )
    assert meta.body == "Oak Hill Rowing Club"
    bare = extract_metadata(["Board meeting: 2023-05-04"], [], True, True,
                            text="The Linden Trail Association will sign the lease. Linden Trail Association pays.")
    assert bare.body == "Linden Trail Association Board"


def test_body_from_a_running_header():
    meta = extract_metadata([], ["ÄLVDALA KOMMUN", "Miljönämnden", "Sammanträdesdatum", "2022-10-11"], True, True)
    assert (meta.body, meta.meeting_date) == ("Älvdala kommun, Miljönämnden", "2022-10-11")


def test_genitive_minutes_title_and_minutes_title_kinds():
    meta = extract_metadata(["Tekniska nämndens protokoll 2022-09-13"], [], False, True)
    assert (meta.kind, meta.body, meta.meeting_date) == ("minutes", "Tekniska nämnden", "2022-09-13")
    compound = extract_metadata(["Mötesprotokoll Linköpings Schacksällskap", "17 november 2021"], [], False, True)
    assert (compound.kind, compound.body) == ("minutes", "Linköpings Schacksällskap")


def test_a_link_labelled_agenda_does_not_make_minutes_an_agenda():
    meta = extract_metadata(["Agenda: https://example.org/agenda.html"], [], False, True,
                            text="Present: Ann, Bo\nThe draft was discussed and approved.")
    assert meta.kind == "minutes"


def test_signed_date_by_the_signatures_and_not_the_next_meeting():
    meta = extract_metadata(["Protokoll styrelsemöte 2024-01-10"], [], True, True,
                            ["Nästa möte 2024-02-14", "Ekeby den 17 januari 2024", "Vid protokollet Per Ek"])
    assert (meta.meeting_date, meta.signed_date) == ("2024-01-10", "2024-01-17")
    unsigned = extract_metadata(["Protokoll styrelsemöte 2024-01-10"], [], True, True, ["Vid protokollet Per Ek"])
    assert unsigned.signed_date is None


def test_us_long_date_with_time_and_two_digit_title_dates():
    meta = extract_metadata(["CITY OF BAYSIDE TRAFFIC COMMISSION", "Tuesday, March 5, 2019 7:00 p.m."], [], True, True)
    assert (meta.body, meta.meeting_date) == ("City of Bayside Traffic Commission", "2019-03-05")
    short = extract_metadata(["Surf Club Board of Directors Meeting - 06/02/03"], [], True, True)
    assert (short.body, short.meeting_date) == ("Surf Club Board of Directors", "2003-06-02")


def test_acronyms_keep_their_case_and_labels_are_not_bodies():
    assert extract_metadata(["XYZ WG Meeting Notes (2020-03-11)"], [], False, True).body == "XYZ WG"
    assert extract_metadata(["Datum", "2016-11-08", "PROTOKOLL"], [], True, True).body is None


def test_old_spelling_and_a_board_named_by_whose_it_is():
    meta = extract_metadata(["Protokoll fördt vid sammanträde med styrelsen för Ekby Roddklubb den 4 maj 1909."],
                            [], True, True)
    assert meta.body == "Styrelsen för Ekby Roddklubb"


@pytest.mark.parametrize("opening, expected", [
    (["TOWN OF BIRCHFIELD", "TOWN COUNCIL REGULAR MEETING MINUTES", "Monday, May 6, 2024"],
     "Town of Birchfield Town Council"),
    (["BOARD OF SUPERVISORS", "OAKVALE COUNTY", "Minutes of Regular Session - Friday, May 3, 2024"],
     "Oakvale County Board of Supervisors"),
    (["LITTLE BARFORD PARISH COUNCIL", "Minutes of the Meeting of the Parish Council held on 2 May 2024"],
     "Little Barford Parish Council"),
    (["**THE ELMWOOD TRUST** (Registered Charity No. 998877)",
      "*Minutes of the Board of Trustees meeting held on 2 May 2024*"], "The Elmwood Trust"),
], ids=["city-over-council", "board-over-county", "parish-letterhead", "bold-letterhead-with-number"])
def test_a_letterhead_names_whose_council_or_board_met(opening, expected):
    assert extract_metadata(opening, [], True, True).body == expected


@pytest.mark.parametrize("opening, expected", [
    (["Protokoll fört vid styrelsemöte i Brf Kastanjen 12", "Datum: 2024-04-02"], "Brf Kastanjen 12"),
    (["# Protokoll styrelsemöte – Föreningen Gröna Rum", "Datum: 2024-04-02"], "Föreningen Gröna Rum"),
    (["Protokoll från årsmöte i Byalaget Norrsjö", "Datum: 2024-04-02"], "Byalaget Norrsjö"),
], ids=["house-number-in-name", "dash-after-meeting-word", "fran-arsmote-i"])
def test_swedish_titles_name_the_association(opening, expected):
    meta = extract_metadata(opening, [], True, True)
    assert (meta.body, meta.meeting_date) == (expected, "2024-04-02")


def test_a_memo_is_written_for_its_addressee():
    text = "MEMO\nTo: Board of Directors, Hillcrest Tenants Association\nFrom: Ola Berg\nDate: 3 June 2024\n\n" \
           "Staff recommends that the board consider the two quotes at its next meeting.\n"
    doc = run(text)
    assert (doc.kind, doc.body) == ("memo", "Hillcrest Tenants Association Board of Directors")


@pytest.mark.parametrize("title", ["KALLELSE OCH DAGORDNING", "DAGORDNING"])
def test_a_swedish_agenda_with_decision_items_to_come_stays_an_agenda(title):
    meta = extract_metadata([title, "Styrelsemöte i Tennisklubben Lobben", "Tid: 2024-12-03 kl. 19.00"], [], True, True,
                            text="1. Mötets öppnande\n2. Beslut om nya bollar\n3. Övriga frågor\nVälkomna!")
    assert (meta.kind, meta.body) == ("agenda", "Tennisklubben Lobben")
    held = extract_metadata([title], [], True, True, text="1. Beslut om nya bollar\nStyrelsen beslutade att köpa bollar.")
    assert held.kind == "minutes"


def test_signed_date_from_the_last_lines_when_no_closing_block_was_found():
    meta = extract_metadata(["Minutes of the Pine Lake Road Board, May 2, 2024"], [], True, False, [],
                            text="Minutes of the Pine Lake Road Board, May 2, 2024\nThe road was discussed.\n"
                                 "ATTEST: Ida Moss, Clerk\nAPPROVED: Carl Vik, Chair, June 6, 2024")
    assert (meta.meeting_date, meta.signed_date) == ("2024-05-02", "2024-06-06")


def test_a_labelled_line_ends_the_place_sentence():
    meta = extract_metadata(["Minutes of the meeting held on 2 May 2024 in the Old School, Mill Lane",
                             "Present: Cllr A. Dunn"], [], True, True)
    assert meta.place == "the Old School, Mill Lane"


def test_nordic_dotted_dates_give_the_meeting_and_signed_dates():
    meta = extract_metadata(["Ab Lotsbåten Oy", "STYRELSEMÖTE 2/2022", "Tid: 3.11.2022 kl. 18.30"], [], True, True,
                            ["Ulla Berg, ordförande", "Protokollet justerat 10.11.2022"])
    assert (meta.meeting_date, meta.signed_date) == ("2022-11-03", "2022-11-10")


@pytest.mark.parametrize("text", ["kl. 18.30", "version 2.1.2020", "v2.1.2020", "1.2.3.2020", "§ 4.1.2016",
                                  "12.5.20201", "31.2.2020"])
def test_version_numbers_and_times_are_not_dotted_dates(text):
    assert find_dates(text) == []


@pytest.mark.parametrize("opening, expected", [
    (["THE CORPORATION OF THE TOWNSHIP OF ELMVALE", "SPECIAL COUNCIL MEETING MINUTES", "Tuesday, June 4, 2024"],
     "Township of Elmvale Council"),
    (["COLLEGE OF SAINT AUDRIC", "Faculty Senate", "Minutes of the meeting held on 2 May 2019"],
     "College of Saint Audric Faculty Senate"),
    (["MINUTES OF THE SPECIAL MEETING", "LIBRARY BOARD, HARROW VALLEY REGIONAL DISTRICT 3", "June 4, 2024",
      "The special meeting of the Library Board was called to order at 7 p.m."],
     "Library Board, Harrow Valley Regional District 3"),
    (["Osprey Project — Security Committee", "Date: 2024-06-04"], "Osprey Project Security Committee"),
    (["KALLELSE", "Miljönämnden i Ekby kommun kallas till sammanträde", "Tid: 2024-06-04 kl. 13.00"],
     "Miljönämnden i Ekby kommun"),
    (["Protokoll", "hållet vid Föreningen Ljusets Vänners i Vännäs sammanträde den 3 maj 1920."],
     "Föreningen Ljusets Vänner i Vännäs"),
], ids=["corporation-of-the-township", "university-over-senate", "organ-comma-district", "markdown-dashed-title",
        "namnd-kallas-till", "genitive-before-i-place"])
def test_a_letterhead_or_title_names_the_whole_body(opening, expected):
    assert extract_metadata(opening, [], True, True).body == expected


def test_the_first_line_letterhead_wins_over_an_organisation_named_in_the_text():
    text = "Marrowby Vale Bowls Club asked for a grant. The Marrowby Vale Bowls Club was thanked."
    opening = ["Marrowby Vale", "4 March 2023", "Ordinary Council Meeting"]
    assert extract_metadata(opening, [], True, True, text=text).body == "Marrowby Vale Council"
    listed = extract_metadata(["Maria Holm", "Board meeting"], [], True, True, text=text)
    assert "Maria" not in (listed.body or "")


def test_organ_named_alone_over_the_minutes_line_is_the_body():
    doc = run("St Brendan's Parish Council\nMinutes of the meeting held on Tuesday 9 April 2024 in the Hall\n\n"
              "1. Welcome\nThe chair welcomed all.\n\n2. Roof\nThe roof was discussed.\n")
    assert doc.body == "St Brendan's Parish Council"


def test_proceedings_at_a_meeting_of_is_not_part_of_the_body():
    doc = run("Minutes of Proceedings at Special Meeting of Glenmore County Council held on 3rd June 2024\n\n"
              "1. ROADS\nThe roads were discussed.\n\n2. PARKS\nThe parks were discussed.\n")
    assert doc.body == "Glenmore County Council"


@pytest.mark.parametrize("closing, signed", [
    ("Protokollet justerat 2024-05-20", "2024-05-20"),
    ("Mayor Ann Lowe, Chairperson   Date: 21 May 2024", "2024-05-21"),
])
def test_signed_date_on_a_closing_line_that_is_not_a_signature_block(closing, signed):
    doc = run("PROTOKOLL\nStyrelsen för Ekbacka IF\nSammanträdesdatum 2024-05-14\n\n§ 1 Öppnande\nMötet öppnades.\n\n"
              f"§ 2 Avslutning\nMötet avslutades.\n\nJusterandes signatur\nEva Berg\n{closing}\n")
    assert doc.signed_date == signed
