"""The same minutes as txt, docx (real Word footnotes) and pdf (header, small-type notes) extract alike."""
import pytest

from minutes_archive.extraction.readers import read_path
from minutes_archive.extraction.structure import extract
from minutes_archive.samples.convert import sample_from_layout
from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.write_docx import write_docx
from minutes_archive.samples.write_pdf import write_pdf
from minutes_archive.samples.write_txt import write_txt

from support import require_seeds, seed_names

HEADER = "Kompetens- och integrationsberedningen MINNESANTECKNINGAR Sida {page} av {pages}"


def _shape(extraction):
    return {
        "items": [(i.number, i.title, i.text) for i in extraction.items],
        "decisions": [(d.item_id, d.text, d.kind) for d in extraction.decisions],
        "footnotes": [(n.number, n.text, n.item_id, n.anchor_offset) for n in extraction.footnotes],
    }


@pytest.mark.parametrize("name", seed_names() or ["(no seeds)"])
@pytest.mark.parametrize("writer", [write_docx, write_pdf], ids=["docx", "pdf"])
def test_seed_in_other_formats_extracts_the_same(tmp_path, name, writer):
    layout = read_path(require_seeds() / f"{name}.txt")
    reference = extract(layout, "doc")
    path = writer(sample_from_layout(layout, header=HEADER), tmp_path / f"{name}.{writer.__name__[6:]}")
    converted = read_path(path)
    assert _shape(extract(converted, "doc")) == _shape(reference)
    assert len(reference.footnotes) > 0
    if writer is write_pdf:
        assert converted.page_count > 1, "the header must repeat on several pages"
        assert all("MINNESANTECKNINGAR" not in b.text for b in converted.blocks)
        assert len(converted.furniture) == converted.page_count


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("writer", [write_txt, write_docx, write_pdf], ids=["txt", "docx", "pdf"])
def test_fictional_minutes_in_every_format(tmp_path, seed, writer):
    doc, expected = fictional_minutes(seed)
    path = writer(doc, tmp_path / f"m.{writer.__name__[6:]}")
    extraction = extract(read_path(path), "doc")
    number = {i.id: i.number for i in extraction.items}
    assert [(i.number, i.title) for i in extraction.items] == [(e["number"], e["title"]) for e in expected["items"]]
    assert [(number[d.item_id], d.text) for d in extraction.decisions] == [(e["item"], e["text"]) for e in expected["decisions"]]
    assert [(n.number, number[n.item_id], n.text) for n in extraction.footnotes] == [
        (e["number"], e["item"], e["text"]) for e in expected["footnotes"]
    ]
    doc_meta = extraction.document
    assert (doc_meta.body, doc_meta.meeting_date, doc_meta.signed_date) == (
        expected["body"], expected["meeting_date"], expected["signed_date"])
    [attachment] = extraction.attachments
    assert attachment.title == expected["attachment"]["title"]
    assert attachment.sections == expected["attachment"]["sections"]
    assert number[attachment.related_item_id] == expected["attachment"]["related_item"]
