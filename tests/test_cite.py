"""Citations and exports, parsed back with real citation tools' parsers."""
import csv
import json
import os

import bibtexparser
import citeproc
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from minutes_archive import Archive
from minutes_archive.records.text import normalise
from minutes_archive.samples.model import Para, SampleDoc
from minutes_archive.samples.write_txt import write_txt

from support import minutes, require_seeds

DECISION_14 = "Att ställa sig bakom befintligt förslag till tjänsteskrivelse och att mejla synpunkter på denna till " \
              "Lennart Jonasson och Tove Löfgren, med kopia till Inger Bäcklund."
STYLE = os.path.join(os.path.dirname(citeproc.__file__), "data", "styles", "harvard-cite-them-right.csl")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    archive = tmp_path_factory.mktemp("cite") / "archive"
    minutes(archive, "import", *map(str, sorted(require_seeds().glob("*.txt"))))
    return archive


def cite(archive, *args):
    return minutes(archive, "cite", *args).stdout


def test_seed_decision_quote_and_citation(seeded):
    citation = json.loads(cite(seeded, "96a7c7736d8b-14", "--json"))
    with (require_seeds() / "000_e09e653c5afdebd9.txt").open(encoding="utf-8") as source:
        assert normalise(citation["quote"]) in normalise(source.read())
    assert citation["quote"] == DECISION_14
    assert citation["citation"] == ("Kompetens- och integrationsberedningen, minnesanteckningar 2007-09-25, "
                                    "§ 14 Kommunal volontärverksamhet, s. 1")
    assert citation["locator"] == {"document_id": "96a7c7736d8b", "item_id": "96a7c7736d8b-14",
                                   "record_id": "96a7c7736d8b-14", "source_name": "000_e09e653c5afdebd9.txt",
                                   "sha256": "96a7c7736d8b"}
    assert citation["citation"] in cite(seeded, "96a7c7736d8b-14")


def test_full_match_and_footnote_quotes(seeded):
    full = json.loads(cite(seeded, "96a7c7736d8b-14", "--full", "--json"))
    assert full["quote"].startswith("Stadsledningskontorets förslag") and full["quote_kind"] == "full"
    matched = json.loads(cite(seeded, "96a7c7736d8b-16", "--match", "sju gånger", "--json"))
    assert matched["quote"] == "Däremot fastslogs att beredningen skall sammanträda sju gånger under 2008."
    note = json.loads(cite(seeded, "96a7c7736d8b-n1", "--json"))
    assert note["quote"] == "Detta förslag återtogs senare." and note["item"]["number"] == "14"


def _round_trip(seeded, tmp_path, fmt, name):
    path = tmp_path / name
    minutes(seeded, "export", "sammanträdesdagar", "--kind", "decision", "--format", fmt, "--output", str(path))
    return path


def test_bibtex_round_trip(seeded, tmp_path):
    path = _round_trip(seeded, tmp_path, "bibtex", "beslut.bib")
    library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    entries = {e.key: {f.key: f.value for f in e.fields} for e in library.entries}
    assert library.failed_blocks == [] and len(entries) == 2
    entry = entries["minutes-96a7c7736d8b-16-d4"]
    assert entry["author"] == "{Kompetens- och integrationsberedningen}"
    assert (entry["title"], entry["date"], entry["number"], entry["pages"]) == (
        "§ 16 Antal sammanträden och dess förläggning 2008", "2007-09-25", "16", "1")


def test_ris_round_trip(seeded, tmp_path):
    path = _round_trip(seeded, tmp_path, "ris", "beslut.ris")
    entries = {e["id"]: e for e in rispy.loads(path.read_text(encoding="utf-8"))}
    entry = entries["96a7c7736d8b-16-d4"]
    assert entry["authors"] == ["Kompetens- och integrationsberedningen"]
    assert (entry["title"], entry["date"], entry["number"], entry["start_page"]) == (
        "§ 16 Antal sammanträden och dess förläggning 2008", "2007/09/25/", "16", "1")
    assert "sammanträdesdagar" in entry["notes"][0]


def test_csl_json_renders_a_bibliography_entry(seeded, tmp_path):
    path = _round_trip(seeded, tmp_path, "csl-json", "beslut.json")
    source = CiteProcJSON(json.loads(path.read_text(encoding="utf-8")))
    bibliography = CitationStylesBibliography(CitationStylesStyle(STYLE, validate=False), source, formatter.plain)
    bibliography.register(Citation([CitationItem("96a7c7736d8b-16-d4")]))
    [entry] = [str(item) for item in bibliography.bibliography()]
    for part in ("Kompetens- och integrationsberedningen", "2007", "§ 16 Antal sammanträden och dess förläggning 2008"):
        assert part in entry, (part, entry)


def test_csv_and_jsonl(seeded, tmp_path):
    rows = list(csv.DictReader(_round_trip(seeded, tmp_path, "csv", "beslut.csv").read_text(encoding="utf-8").splitlines()))
    assert {r["item_number"] for r in rows} == {"16"} and all(r["date"] == "2007-09-25" for r in rows)
    lines = _round_trip(seeded, tmp_path, "jsonl", "beslut.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["id"] for line in lines} == {r["id"] for r in rows}


@pytest.mark.parametrize("fmt, name", [("bibtex", "a.bib"), ("ris", "a.ris"), ("csl-json", "a.json"), ("csv", "a.csv"),
                                       ("jsonl", "a.jsonl"), ("markdown", "a.md"), ("text", "a.txt")])
def test_verify_reports_exactly_the_edited_quote(seeded, tmp_path, fmt, name):
    path = tmp_path / name
    minutes(seeded, "export", "beredningen", "--format", fmt, "--output", str(path))
    clean = json.loads(minutes(seeded, "cite", "--verify", str(path), "--json").stdout)
    assert clean["checked"] >= 3 and clean["mismatches"] == []
    text = path.read_text(encoding="utf-8")
    assert "sju gånger" in text
    path.write_text(text.replace("sju gånger", "åtta gånger", 1), encoding="utf-8")
    checked = minutes(seeded, "cite", "--verify", str(path), "--json", check=False)
    assert checked.returncode == 1
    [mismatch] = json.loads(checked.stdout)["mismatches"]
    assert "åtta gånger" in mismatch["quote"]


def test_personnummer_is_masked_unless_asked(tmp_path):
    doc = SampleDoc([Para("Socialnämndens protokoll"), Para("§ 5 Ansökan om bistånd"),
                     Para("Sökanden, 19640823-3234, har ansökt om försörjningsstöd."),
                     Para("Beslut: Att bevilja ansökan från 640823-3234 enligt förslaget.")])
    archive = tmp_path / "a"
    minutes(archive, "import", str(write_txt(doc, tmp_path / "p.txt")))
    outputs = [minutes(archive, "search", "bistånd").stdout, minutes(archive, "search", "försörjningsstöd", "--json").stdout]
    with Archive(archive) as opened:
        decision = opened.search("bevilja", kind="decision")["hits"][0]["id"]
    outputs.append(minutes(archive, "cite", decision).stdout)
    outputs.append(minutes(archive, "cite", decision, "--format", "bibtex").stdout)
    minutes(archive, "export", "bistånd", "--format", "csv", "--output", str(tmp_path / "x.csv"))
    outputs.append((tmp_path / "x.csv").read_text(encoding="utf-8"))
    for output in outputs:
        assert "3234" not in output and "[personnummer]" in output
    shown = minutes(archive, "cite", decision, "--no-mask")
    assert "640823-3234" in shown.stdout and "--no-mask" in shown.stderr
    assert "19640823-3234" in minutes(archive, "search", "försörjningsstöd", "--no-mask").stdout
    exported = tmp_path / "masked.jsonl"
    minutes(archive, "export", "bevilja", "--format", "jsonl", "--output", str(exported))
    assert json.loads(minutes(archive, "cite", "--verify", str(exported), "--json").stdout)["mismatches"] == []
