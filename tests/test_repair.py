"""Text whose å, ä, ö and § became U+FFFD: mended for extraction and search, quoted as archived."""
import pytest

from minutes_archive.archive.archive import Archive
from minutes_archive.extraction.pipeline import extract_document
from minutes_archive.extraction.readers import read_bytes
from minutes_archive.extraction.repair import restore

M = "\ufffd"


@pytest.mark.parametrize("damaged, mended, restored, left", [
    (f"M{M}tet {M}ppnades av ordf{M}randen.", "Mötet öppnades av ordföranden.", 3, 0),
    (f"{M} 14 Budget", "§ 14 Budget", 1, 0),
    (f"enligt {M} 5 kommunallagen", "enligt § 5 kommunallagen", 1, 0),
    (f"{M}RENDE 4", "ÄRENDE 4", 1, 0),
    (f"Sammantr{M}de. {M}rendet bordlades.", "Sammanträde. Ärendet bordlades.", 2, 0),
    (f"Ny v{M}g", f"Ny v{M}g", 0, 1),  # väg or våg: both are words, so it stays as it is
    (f"x{M}{M}{M}{M}y", f"x{M}{M}{M}{M}y", 0, 4),
])
def test_restore(damaged, mended, restored, left):
    repair = restore(damaged)
    assert (repair.text, repair.restored, repair.left) == (mended, restored, left)
    assert len(repair.text) == len(damaged)


DAMAGED = f"""Protokoll fört vid styrelsens sammantr{M}de 2023-04-12

{M} 1 M{M}tets {M}ppnande
Ordf{M}randen Anna Berg {M}ppnade m{M}tet.

{M} 2 Val av justerare
Per Lind valdes till justerare.

{M} 3 Budget f{M}r n{M}sta {M}r
Styrelsen beslutade att godk{M}nna budgeten. Ny v{M}g planeras.
"""


def test_damaged_minutes_are_extracted_from_the_mended_text():
    extraction = extract_document(read_bytes(DAMAGED.encode("utf-8"), "p.txt"), "doc")
    assert [i.number for i in extraction.items] == ["1", "2", "3"]
    assert extraction.items[0].title == f"M{M}tets {M}ppnande"  # as archived
    assert extraction.items[2].text.endswith(f"Ny v{M}g planeras.")
    assert extraction.document.repaired == 11  # "f\ufffdr" (för, får), "\ufffdr" (år, är) and "v\ufffdg" stay
    assert any(m.name == "Anna Berg" for m in extraction.mentions)
    assert [d.text for d in extraction.decisions if d.item_id == "doc-3"][0].startswith(f"Styrelsen beslutade att godk{M}nna")


def test_damaged_minutes_are_found_by_the_right_words_and_quoted_as_archived(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    with Archive(tmp_path / "a") as archive:
        [result] = archive.import_paths([path])["files"]
        hits = archive.search("mötets öppnande")["hits"]
        cited = archive.cite(hits[0]["id"], full=True)
    assert any("14 damaged character(s)" in w and "11 restored" in w and "3 left" in w for w in result["warnings"])
    assert hits and hits[0]["number"] == "1"
    assert cited["quote"] == f"Ordf{M}randen Anna Berg {M}ppnade m{M}tet."
