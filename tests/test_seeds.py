"""Both seeds against their .expected.json: document, items, decisions, footnotes, attachments."""
import pytest

from minutes_archive.records.text import normalise
from minutes_archive.extraction.readers import read_path
from minutes_archive.extraction.structure import extract

from support import load_expected, require_seeds, seed_names, starts

NAMES = seed_names() or ["(no seeds)"]


@pytest.fixture(params=NAMES)
def seed(request):
    folder = require_seeds()
    name = request.param
    extraction = extract(read_path(folder / f"{name}.txt"), "doc", "sha", name)
    return extraction, load_expected(name)


def _item_number(extraction, item_id):
    return next(i.number for i in extraction.items if i.id == item_id)


def test_document(seed):
    extraction, expected = seed
    doc = extraction.document
    for key, value in expected["document"].items():
        assert getattr(doc, key) == value, key


def test_items(seed):
    extraction, expected = seed
    found = [(i.number, normalise(i.title)) for i in extraction.items]
    assert found == [(e["number"], normalise(e["title"])) for e in expected["items"]]
    for trap in expected.get("items_must_not", []):
        assert (trap["number"], trap["title"]) not in found


@pytest.mark.parametrize("level", ["must", "should"])
def test_decisions(seed, level):
    extraction, expected = seed
    decisions = [(_item_number(extraction, d.item_id), d.text) for d in extraction.decisions]
    for wanted in expected["decisions"].get(level, []):
        assert any(item == wanted["item"] and starts(text, wanted["starts"]) for item, text in decisions), wanted


def test_no_false_decisions(seed):
    extraction, expected = seed
    for trap in expected["decisions"]["must_not"]:
        assert not any(normalise(trap) in normalise(d.text) for d in extraction.decisions), trap


def test_footnotes(seed):
    extraction, expected = seed
    assert len(extraction.footnotes) == len(expected["footnotes"])
    for note, wanted in zip(extraction.footnotes, expected["footnotes"]):
        assert note.number == wanted["number"]
        assert normalise(note.text) == normalise(wanted["text"])
        assert _item_number(extraction, note.item_id) == wanted["item"]
        item = next(i for i in extraction.items if i.id == note.item_id)
        assert normalise(item.text[: note.anchor_offset]).endswith(normalise(wanted["anchor_after"]))
        assert normalise(note.anchor_after).endswith(normalise(wanted["anchor_after"]))


def test_attachments(seed):
    extraction, expected = seed
    wanted_list = expected.get("attachments", [])
    assert len(extraction.attachments) == len(wanted_list)
    for attachment, wanted in zip(extraction.attachments, wanted_list):
        assert attachment.kind == wanted["kind"]
        assert normalise(attachment.title) == normalise(wanted["title"])
        assert starts(attachment.text, wanted["starts"])
        assert attachment.sections == wanted["sections"]
        assert _item_number(extraction, attachment.related_item_id) == wanted["related_item"]
    section_titles = {s for a in wanted_list for s in a["sections"]}
    assert not section_titles & {i.title for i in extraction.items}
