"""The two registries, readers by file type and citation formats, are complete tables: every entry can be used as
it stands, and an entry is all a new type needs."""
import io

import pytest

from minutes_archive.citations.formats import (BY_NAME, CITE_FORMATS, FORMATS, TABLE, Format, quoted, reader_for,
                                              render, text_citation, write_stream)
from minutes_archive.errors import UnsupportedFormat
from minutes_archive.extraction.readers import (OCR_MODES, READERS, SUPPORTED_SUFFIXES, Reader, read_bytes,
                                                reader_for as file_reader_for, sniff)
from minutes_archive.records.layout import Block, Layout


def _citation(n: int, item: bool = True, date: str | None = "2007-09-25", language: str = "sv") -> dict:
    """A citation as `citations.citation.build` makes one, with the characters each syntax must escape."""
    citation = {
        "id": f"doc{n}:item-14:decision-1",
        "record_kind": "decision",
        "body": "Kompetens- och integrationsberedningen",
        "document_kind": "minutes",
        "document_kind_word": "minnesanteckningar",
        "language": language,
        "date": date,
        "signed_date": None,
        "item": {"number": 14, "label": "§ 14", "title": "Kommunal volontärverksamhet"} if item else None,
        "title": "Bilaga 1" if not item else None,
        "pages": [1] if n % 2 else [2, 3],
        "quote": f"Beredningen beslutar {n}: ”50 % av {{budget}}” & 10 $ #_ ~^ \\ – § å ä ö",
        "quote_kind": "decision",
        "masked": True,
        "locator": {"document_id": f"doc{n}", "item_id": "item-14", "record_id": f"doc{n}:item-14:decision-1",
                    "source_name": "kib 2007-09-25.pdf", "sha256": "0123456789ab"},
    }
    citation["citation"] = text_citation(citation)
    return citation


CITATIONS = [_citation(1), _citation(2, item=False, date=None, language="en"), _citation(3)]


def _read_back(fmt: str, citation: dict) -> tuple[str, str]:
    """The text format prints a quote inside the language's marks, so a quote within it reads ’…’ (‘…’ in English)."""
    quote = quoted(citation["quote"], citation["language"])[1:-1] if fmt == "text" else citation["quote"]
    return citation["id"], quote


# --- citation formats -----------------------------------------------------------------------------------------

def test_format_names_are_unique_and_derived():
    assert len(FORMATS) == len(TABLE) == len(set(FORMATS))
    assert FORMATS == ("text", "markdown", "json", "csl-json", "bibtex", "ris", "csv", "jsonl")
    assert CITE_FORMATS == tuple(f for f in FORMATS if f != "jsonl")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reads_back_what_it_writes(tmp_path, fmt):
    """Round trip through the file `--verify` would read, named by the format's own suffix (or none)."""
    out = io.StringIO()
    assert write_stream(CITATIONS, fmt, out) == len(CITATIONS)
    suffix = BY_NAME[fmt].suffixes[0] if BY_NAME[fmt].suffixes else ".txt"
    path = tmp_path / f"export{suffix}"
    path.write_text(out.getvalue(), encoding="utf-8")
    from minutes_archive.citations.verify import read_exported

    wanted = [_read_back(fmt, c) for c in CITATIONS]
    assert read_exported(path) == wanted
    if fmt not in ("csv", "jsonl"):  # these two need their name; the others are told by their text alone
        assert reader_for("export", out.getvalue()) is BY_NAME[fmt].read


@pytest.mark.parametrize("fmt", CITE_FORMATS)
def test_a_single_citation_reads_back(fmt):
    assert BY_NAME[fmt].read(render(CITATIONS[0], fmt)) == [_read_back(fmt, CITATIONS[0])]


def test_an_empty_stream_is_still_a_file_of_its_format():
    for fmt in FORMATS:
        out = io.StringIO()
        assert write_stream([], fmt, out) == 0
        assert BY_NAME[fmt].read(out.getvalue()) == []


def test_a_new_format_is_one_entry():
    """An entry built from nothing but its own parts writes, renders and is read back by `--verify`'s choice."""
    ids = Format("ids", lambda c: f"{c['id']}\t{c['quote']}\n",
                 lambda text: [tuple(line.split("\t", 1)) for line in text.splitlines()], suffixes=(".tsv",), between="")
    out = io.StringIO()
    assert write_stream(CITATIONS, ids, out) == 3
    assert render(CITATIONS[0], ids) == f"{CITATIONS[0]['id']}\t{CITATIONS[0]['quote']}\n"
    read = reader_for("export.tsv", out.getvalue(), TABLE + (ids,))
    assert read(out.getvalue()) == [(c["id"], c["quote"]) for c in CITATIONS]


# --- readers --------------------------------------------------------------------------------------------------

def test_every_reader_is_complete():
    kinds = [reader.kind for reader in READERS]
    assert len(kinds) == len(set(kinds))
    claimed = [s for reader in READERS for s in reader.suffixes]
    assert len(claimed) == len(set(claimed)), "a suffix names one type"
    assert set(claimed) == SUPPORTED_SUFFIXES
    assert all(s.startswith(".") and s == s.lower() for s in claimed)
    assert sum(reader.unnamed for reader in READERS) == 1
    assert {reader.ocr for reader in READERS} <= {"none", "pages", "whole"}
    assert OCR_MODES == ("auto", "always", "never")


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.kind)
def test_every_suffix_leads_to_its_reader(reader):
    """By name alone (bytes no entry claims), each suffix picks its entry, or says the bytes are not that type."""
    for suffix in reader.suffixes:
        if reader.misnamed:
            with pytest.raises(UnsupportedFormat, match="not an image it can read"):
                sniff(b"just words", suffix)
        else:
            assert sniff(b"just words", suffix) == reader.kind


@pytest.mark.parametrize("data,suffix,kind", [
    (b"%PDF-1.7 ...", ".txt", "pdf"),  # content beats the name
    (b"%PDF-1.7 ...", ".png", "pdf"),
    (b"PK\x03\x04...mimetypeapplication/vnd.oasis.opendocument.text", ".docx", "legacy"),  # ODF before docx
    (b"PK\x03\x04" + b"word/document.xml", ".zip", "docx"),
    (b"PK\x03\x04 anything", ".odt", "legacy"),
    (b"PK\x03\x04 anything", ".docx", "docx"),
    (b"\x89PNG\r\n\x1a\n", ".txt", "image"),
    (b"\xff\xd8\xff\xe0", "", "image"),
    (b"{\\rtf1 ...", ".rtf", "legacy"),
    (b"# Protokoll", ".md", "markup"),
    (b"# Protokoll", ".txt", "txt"),
    (b"Protokoll", "", "txt"),
])
def test_sniff_precedence(data, suffix, kind):
    assert sniff(data, suffix) == kind


@pytest.mark.parametrize("data,suffix,message", [
    (b"PK\x03\x04 anything", ".zip", "this zip file is not a Word .docx document (.zip)."),
    (b"PK\x03\x04 anything", "", "this zip file is not a Word .docx document (no extension)."),
    (b"random", ".png", "named .png but not an image it can read (damaged, or another format)."),
    (b"random", ".xls", "files of type .xls are not supported yet."),
])
def test_sniff_refusals_keep_their_words(data, suffix, message):
    with pytest.raises(UnsupportedFormat) as caught:
        sniff(data, suffix)
    assert str(caught.value) == message


def test_a_new_reader_is_one_entry():
    """A type the table does not know is refused; one entry in a table passed along makes it read."""
    def read_csv(source):
        return Layout(blocks=[Block(text=line, page=1) for line in source.data.decode().splitlines()], format="csv")

    data = "Protokoll\n§ 1 Mötets öppnande".encode()
    with pytest.raises(UnsupportedFormat):
        read_bytes(data, "m.csv")
    table = READERS[:-1] + (Reader("csv", frozenset({".csv"}), read_csv),) + READERS[-1:]
    assert file_reader_for(data, ".csv", table).kind == "csv"
    layout = read_bytes(data, "m.csv", readers=table)
    assert layout.format == "csv" and [b.text for b in layout.blocks][0] == "Protokoll"


@pytest.mark.parametrize("name,fmt,wanted", [
    ("export.json", "bibtex", "bibtex"),  # the surest marks come first
    ("export.ris", "bibtex", "bibtex"),
    ("export.jsonl", "jsonl", "jsonl"),  # the name beats the "{" JSON Lines shares with JSON
    ("export.md", "json", "json"),  # JSON text beats a Markdown name
    ("export.csv", "csl-json", "json"),
    ("export.txt", "markdown", "markdown"),
    ("export.txt", "text", "text"),
    ("export", "ris", "ris"),
])
def test_verify_precedence(name, fmt, wanted):
    out = io.StringIO()
    write_stream(CITATIONS, fmt, out)
    assert reader_for(name, out.getvalue()) is BY_NAME[wanted].read
