"""Citations that read right in the document's language, name memos and notes as they are, and come in CSL styles."""
import json
from dataclasses import replace

import pytest

from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.model import Para, SampleDoc
from minutes_archive.samples.write_txt import write_txt

from support import minutes

MEMO_TITLE = "Volontärer i föreningslivet 2023"
SWEDISH_DECISION = "Att kalla projektet ”Lyft” och att återkomma i juni."
ENGLISH = SampleDoc([
    Para("Minutes of the meeting of the Parish Council held on 16th January 2001 at the Village Hall"),
    Para("Present: Cllr A. Smith (chair), Cllr B. Jones, Mrs C. Brown (clerk)"),
    Para("Item 1. Apologies", heading=True),
    Para("Apologies were received from Cllr D. White."),
    Para("Item 2. Playground", heading=True),
    Para("Cllr Jones reported on the state of the playground."),
    Para('Decision: The new playground will be called "Green Lanes" from March.'),
    Para("Signed: A. Smith, chair, 20th February 2001"),
])


def _swedish() -> tuple[SampleDoc, dict]:
    """Fictional minutes whose memo has a title of its own and whose first decision quotes a name."""
    doc, expected = fictional_minutes(3, with_memo=True)
    first = expected["decisions"][0]["text"]
    paras = []
    for para in doc.paras:
        if para.text.startswith("PM "):
            para = replace(para, text=f"PM {MEMO_TITLE}")
        elif para.text == f"Beslut: {first}":
            para = replace(para, text=f"Beslut: {SWEDISH_DECISION}")
        paras.append(para)
    return replace(doc, paras=paras), expected


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("styles")
    swedish, expected = _swedish()
    files = [write_txt(swedish, folder / "sv.txt"), write_txt(ENGLISH, folder / "en.txt")]
    archive = folder / "archive"
    minutes(archive, "import", *map(str, files))
    shown = {}
    for document in json.loads(minutes(archive, "list", "--json").stdout):
        shown[document["language"]] = json.loads(minutes(archive, "show", document["id"], "--json").stdout)
    return archive, shown, expected


def _ids(shown: dict) -> dict:
    sv, en = shown["sv"], shown["en"]
    note_item = next(item for item in sv["items"] if item["footnotes"])
    return {"sv_decision": sv["items"][0]["decisions"][0]["id"], "sv_note": note_item["footnotes"][0]["id"],
            "sv_memo": sv["attachments"][0]["id"], "en_decision": en["items"][1]["decisions"][0]["id"],
            "sv_note_item": note_item}


def cite(archive, *args) -> str:
    return minutes(archive, "cite", *args).stdout


def test_swedish_marks_outside_and_inside(archive):
    folder, shown, _ = archive
    out = cite(folder, _ids(shown)["sv_decision"])
    assert out.splitlines()[0] == "”Att kalla projektet ’Lyft’ och att återkomma i juni.”"
    assert "“" not in out and "‘" not in out


def test_english_marks_outside_and_inside(archive):
    folder, shown, _ = archive
    out = cite(folder, _ids(shown)["en_decision"])
    assert out.splitlines()[0] == "“The new playground will be called ‘Green Lanes’ from March.”"
    assert "Parish Council, minutes 2001-01-16" in out and ", p. 1." in out


def test_marked_quotes_still_verify(archive, tmp_path):
    folder, shown, _ = archive
    ids = _ids(shown)
    path = tmp_path / "quotes.txt"
    path.write_text(cite(folder, ids["sv_decision"]) + "\n" + cite(folder, ids["en_decision"]), encoding="utf-8")
    assert json.loads(cite(folder, "--verify", str(path), "--json"))["checked"] == 2
    path.write_text(path.read_text(encoding="utf-8").replace("Green Lanes", "Grey Lanes"), encoding="utf-8")
    checked = minutes(folder, "cite", "--verify", str(path), "--json", check=False)
    assert checked.returncode == 1 and len(json.loads(checked.stdout)["mismatches"]) == 1


def test_memo_is_cited_by_its_own_title(archive):
    folder, shown, expected = archive
    memo = _ids(shown)["sv_memo"]
    related = next(i for i in shown["sv"]["items"] if i["number"] == expected["attachment"]["related_item"])
    line = cite(folder, memo).splitlines()[1]
    assert f"PM ”{MEMO_TITLE}”, bilaga till protokoll {expected['meeting_date']}" in line
    assert f"§ {related['number']}," in line and related["title"] not in line
    data = json.loads(cite(folder, memo, "--format", "csl-json"))[0]
    assert data["title"] == MEMO_TITLE and data["genre"] == "PM"
    assert f"@misc{{minutes-{memo}" in cite(folder, memo, "--format", "bibtex")
    assert f"title = {{{MEMO_TITLE}}}" in cite(folder, memo, "--format", "bibtex")


def test_footnote_carries_its_number(archive):
    folder, shown, expected = archive
    ids = _ids(shown)
    [note] = expected["footnotes"]
    item = ids["sv_note_item"]
    out = cite(folder, ids["sv_note"])
    assert out.splitlines()[0] == f"”{note['text']}”"
    assert f"§ {item['number']} {item['title']}, fotnot {note['number']}, s. 1." in out
    assert json.loads(cite(folder, ids["sv_note"], "--json"))["note"] == {"kind": "footnote", "number": note["number"]}
    assert json.loads(cite(folder, ids["sv_note"], "--format", "csl-json"))[0]["title"].endswith(f"fotnot {note['number']}")
    assert f"fotnot {note['number']}}}" in cite(folder, ids["sv_note"], "--format", "bibtex")


@pytest.mark.parametrize("style", ["apa", "chicago-author-date", "harvard-cite-them-right"])
def test_csl_styles_render_body_date_and_title(archive, style):
    folder, shown, expected = archive
    ids = _ids(shown)
    out = cite(folder, ids["sv_decision"], "--style", style)
    quote_line, reference = out.rstrip("\n").split("\n")
    assert quote_line.startswith("”Att kalla projektet ’Lyft’") and expected["body"] in quote_line
    title = shown["sv"]["items"][0]["title"]
    for part in (expected["body"], expected["meeting_date"], title, "s. 1" if style != "chicago-author-date" else "1"):
        assert part in reference, (part, reference)
    english = cite(folder, ids["en_decision"], "--style", style)
    assert english.startswith("“The new playground") and "Parish Council" in english and "2001-01-16" in english
    memo = cite(folder, ids["sv_memo"], "--style", style)
    assert MEMO_TITLE in memo.splitlines()[1]


def test_a_csl_file_path_is_a_style(archive, tmp_path):
    from minutes_archive.citations.csl import STYLES

    folder, shown, _ = archive
    path = tmp_path / "mine.csl"
    path.write_bytes((STYLES / "harvard-cite-them-right.csl").read_bytes())
    decision = _ids(shown)["en_decision"]
    assert cite(folder, decision, "--style", str(path)) == cite(folder, decision, "--style", "harvard-cite-them-right")


def test_a_file_that_is_not_csl_is_refused_in_one_line(archive, tmp_path):
    folder, shown, _ = archive
    path = tmp_path / "notes.csl"
    path.write_text("<html><body>not a style</body></html>", encoding="utf-8")
    result = minutes(folder, "cite", _ids(shown)["sv_decision"], "--style", str(path), check=False)
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert "notes.csl is not a CSL style" in line


def test_unknown_style_is_one_line_naming_the_bundled_ones(archive):
    from minutes_archive.citations.csl import bundled_styles

    folder, shown, _ = archive
    result = minutes(folder, "cite", _ids(shown)["sv_decision"], "--style", "mla", check=False)
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert "mla" in line and all(name in line for name in bundled_styles())
    assert set(bundled_styles()) == {"apa", "chicago-author-date", "harvard-cite-them-right"}
    help_text = " ".join(minutes(folder, "cite", "--help").stdout.split())
    assert all(name in help_text.replace("- ", "-") for name in bundled_styles())


def test_styles_ship_with_their_licence():
    from minutes_archive.citations.csl import STYLES

    licence = (STYLES / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY-SA 3.0" in licence and "citationstyles.org" in licence
    for path in STYLES.glob("*.csl"):
        assert "creativecommons.org/licenses/by-sa/3.0" in path.read_text(encoding="utf-8"), path


def test_an_export_stream_in_a_style(archive):
    """What `minutes export --style` writes: each citation rendered, one after another."""
    import io

    from minutes_archive import Archive
    from minutes_archive.citations.csl import style_format
    from minutes_archive.citations.formats import write_stream

    folder, shown, _ = archive
    ids = _ids(shown)
    with Archive(folder) as opened:
        citations = [opened.cite(ids["sv_decision"]), opened.cite(ids["en_decision"])]
    out = io.StringIO()
    assert write_stream(citations, style_format("apa"), out) == 2
    blocks = out.getvalue().split("\n\n")
    assert len(blocks) == 2 and blocks[0].startswith("”Att kalla") and blocks[1].startswith("“The new playground")
