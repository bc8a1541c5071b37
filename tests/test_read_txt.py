import codecs

import pytest
from hypothesis import given, strategies as st

from minutes_archive.errors import EmptyFile, UnreadableFile
from minutes_archive.extraction.readers import read_bytes
from minutes_archive.extraction.readers.txt import decode, read_txt

SWEDISH = "§ 14 Kommunal volontärverksamhet\nBeslut: Att ställa sig bakom förslaget – ”Öppet” för alla.\n"
LATIN = "§ 14 Kommunal volontärverksamhet\nBeslut: Att ställa sig bakom förslaget för Åsa och Örjan. Mötet avslutades.\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SWEDISH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SWEDISH.encode("utf-8"), "utf-8-sig"),
        (SWEDISH.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SWEDISH.encode("utf-16-be"), "utf-16"),
        (SWEDISH.encode("utf-16-le"), "utf-16-le"),
        (SWEDISH.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings(data, encoding):
    text, found = decode(data)
    assert text.lstrip("\ufeff") == SWEDISH
    assert found == encoding


@pytest.mark.parametrize("encoding", ["latin-1", "cp850", "mac_roman"])
def test_older_single_byte_encodings(encoding):
    text, _ = decode(LATIN.encode(encoding))
    assert text == LATIN


WORDS = ["beslut", "att", "ställa", "sig", "bakom", "förslaget", "Åsa", "Örjan", "nämnden", "möte", "§", "14",
         "kommunstyrelsen", "ärende", "–", "café", "övrigt", "ÄNDRING", "på", "år", "så"]


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60), st.sampled_from([" ", ". ", ", ", "\n"]))
def test_cp1252_and_utf8_round_trip(words, glue):
    text = glue.join(words)
    for encoding in ("utf-8", "cp1252"):
        decoded, _ = decode(text.encode(encoding))
        assert decoded == text


def test_damage_is_counted_not_hidden():
    layout = read_txt("Beslut: Att \ufffd godkänna\n---\n\ufffd Not.\n".encode())
    assert layout.damage == 2
    assert "\ufffd" in layout.blocks[0].text


def test_form_feed_starts_a_page():
    layout = read_txt(b"14. Budget\nText\f15. Lokaler\nMer text\n")
    assert [(b.text, b.page) for b in layout.blocks] == [("14. Budget", 1), ("Text", 1), ("15. Lokaler", 2), ("Mer text", 2)]
    assert layout.page_count == 2


@pytest.mark.parametrize("data", [b"", b"   \n\n", codecs.BOM_UTF8])
def test_empty(data):
    with pytest.raises(EmptyFile):
        read_bytes(data, "tom.txt")


def test_binary_named_txt():
    with pytest.raises(UnreadableFile, match="not a text file"):
        read_bytes(bytes(range(256)) * 20, "bild.txt")
