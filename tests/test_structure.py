"""Pure extraction on minutes written here: the heading forms, decisions and English minutes."""
import pytest

from minutes_archive.extraction.readers import read_bytes
from minutes_archive.extraction.structure import extract
from minutes_archive.extraction.structure.decisions import find_decisions, is_decision
from minutes_archive.extraction.structure.headings import find_headings


def run(text: str):
    return extract(read_bytes(text.encode("utf-8"), "m.txt"), "doc")


def numbers(text: str):
    return [(i.number, i.title, i.parent_number) for i in run(text).items]


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["§ 14 Budget", "Text.", "§15 Lokaler", "Text."], [("14", "Budget"), ("15", "Lokaler")]),
        (["§ 14. Budget", "Text.", "§ 15: Lokaler", "Text."], [("14", "Budget"), ("15", "Lokaler")]),
        (["Punkt 3", "Val av justerare", "Anna valdes.", "Punkt 4", "Budget", "Text."],
         [("3", "Val av justerare"), ("4", "Budget")]),
        (["Item 5. Apologies", "None.", "Item 6: Finance", "Text."], [("5", "Apologies"), ("6", "Finance")]),
        (["14. Budget", "Text.", "15. Lokaler", "Text."], [("14", "Budget"), ("15", "Lokaler")]),
    ],
)
def test_heading_forms(lines, expected):
    assert [(n, t) for n, t, _ in numbers("\n".join(lines))] == expected


def test_sub_items():
    found = numbers("5. Ekonomi\nText.\n5.1 Budget\nText.\n5.2 Bokslut\nText.\n6. Lokaler\nA. Skolan\nText.\nB. Hallen\nText.\n")
    assert found == [("5", "Ekonomi", None), ("5.1", "Budget", "5"), ("5.2", "Bokslut", "5"),
                     ("6", "Lokaler", None), ("6A", "Skolan", "6"), ("6B", "Hallen", "6")]


def test_ids_are_stable_and_unique():
    extraction = run("5. Ekonomi\nText.\n5.1 Budget\nText.\n6. Lokaler\nA. Skolan\nText.\n")
    assert [i.id for i in extraction.items] == ["doc-5", "doc-5.1", "doc-6", "doc-6.A"]


def test_lines_that_only_look_like_headings():
    text = "\n".join([
        "2007-09-25",
        "14. Budget",
        "Förslaget innehöll tre delar:",
        "1. Att höja avgifterna.",
        "2. Sänkta kostnader för lokaler",
        "3. Bättre uppföljning",
        "17.30 Mötet ajournerades",
        "15. Lokaler",
        "Text.",
    ])
    assert [(n, t) for n, t, _ in numbers(text)] == [("14", "Budget"), ("15", "Lokaler")]


def test_item_text_and_pages():
    extraction = run("§ 1 Budget\nFörsta sidan.\f§ 2 Lokaler\nAndra sidan.\nFortsättning.\n")
    assert [(i.text, i.page_start, i.page_end) for i in extraction.items] == [
        ("Första sidan.", 1, 1), ("Andra sidan.\nFortsättning.", 2, 2)]


@pytest.mark.parametrize("sentence", [
    "Beslut: Att godkänna budgeten.",
    "Nämnden beslutade att godkänna budgeten.",
    "Kommunstyrelsen beslöt att avslå motionen.",
    "Beslutades att nästa möte hålls i mars.",
    "Förslaget antogs inte.",
    "Motionen bifalles.",
    "Rapporten lades till handlingarna.",
    "RESOLVED that the accounts be approved.",
    "Motion carried.",
    "It was agreed that the clerk writes to the council.",
    "The committee unanimously agreed to defer the item.",
    "The minutes of the last meeting were approved.",
])
def test_decisions(sentence):
    assert is_decision(sentence)


@pytest.mark.parametrize("sentence", [
    "Anna Ek yrkade på att ärendet skulle återremitteras.",
    "Bo föreslog att mötet skulle ajourneras.",
    "Nacka kommun har beslutat sig för att pröva nya former.",
    "Regeringen beslutade att höja anslaget.",
    "Mr Jones moved that the hall be repainted.",
    "Frågan får beslutas vid nästa möte.",
    "Stadsdirektören noterade förslaget såsom intressant.",
    "Skall beslutet överklagas?",
])
def test_not_decisions(sentence):
    assert not is_decision(sentence)


def test_decision_quotes():
    hits = find_decisions(["Beslut", "Att godkänna budgeten.", "Däremot fastslogs att nämnden ska mötas sex gånger."])
    assert [(h.block, h.text, h.kind) for h in hits] == [
        (1, "Att godkänna budgeten.", "decision"), (2, "nämnden ska mötas sex gånger.", "decision")]
    [revoked] = find_decisions(["Tidigare beslut om onsdagar revs därför upp."])
    assert revoked.kind == "revocation"
    [rejected] = find_decisions(["Förslaget antogs inte, då ingen kunde."])
    assert rejected.kind == "rejection"


ENGLISH = """Minutes of the meeting of the Parish Council held on 16th January 2001 at the Village Hall
Present: Cllr A. Smith (chair), Cllr B. Jones, Mrs C. Brown (clerk)

Item 1. Apologies
Apologies were received from Cllr D. White.

Item 2. Minutes of the last meeting
The minutes of the meeting held on 12th December 2000 were approved and signed.

Item 3. Playground
Cllr Jones moved that the playground fence be replaced. Seconded by Cllr Smith.
Motion carried.
Decision: The clerk will obtain three quotations.

Signed: A. Smith, chair, 20th February 2001
"""


def test_english_minutes():
    extraction = run(ENGLISH)
    doc = extraction.document
    assert (doc.kind, doc.body, doc.meeting_date, doc.signed_date, doc.language) == (
        "minutes", "Parish Council", "2001-01-16", "2001-02-20", "en")
    assert [(i.number, i.title) for i in extraction.items] == [
        ("1", "Apologies"), ("2", "Minutes of the last meeting"), ("3", "Playground")]
    by_item = {}
    for d in extraction.decisions:
        by_item.setdefault(d.item_id, []).append(d.text)
    assert by_item == {
        "doc-2": ["The minutes of the meeting held on 12th December 2000 were approved and signed."],
        "doc-3": ["Cllr Jones moved that the playground fence be replaced.", "The clerk will obtain three quotations."],
    }
    motion = next(d for d in extraction.decisions if d.item_id == "doc-3")
    assert (motion.outcome, motion.mover, motion.seconder) == ("approved", "Jones", "Smith")
    assert "Signed" not in extraction.items[-1].text


def test_bilaga_after_a_page_break_is_an_attachment():
    text = "Protokoll\n§ 1 Budget\nBudgeten enligt bilaga 1 godkändes.\n\fBilaga 1\nBudget 2024\n1. Intäkter\nText.\n2. Kostnader\nText.\n"
    extraction = run(text)
    assert [i.title for i in extraction.items] == ["Budget"]
    [attachment] = extraction.attachments
    assert (attachment.kind, attachment.label, attachment.title, attachment.sections, attachment.related_item_id) == (
        "appendix", "Bilaga 1", "Budget 2024", ["Intäkter", "Kostnader"], "doc-1")


def test_headings_helper_respects_sequence():
    assert [h.number for h in find_headings(["3. A", "x", "1. B", "4. C", "12. D"])] == ["3", "4"]
