import json

import pytest

from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.write_docx import write_docx
from minutes_archive.samples.write_pdf import write_pdf
from minutes_archive.samples.write_txt import write_txt

from support import minutes, require_seeds


@pytest.fixture
def mixed_folder(tmp_path):
    folder = tmp_path / "protokoll"
    (folder / "2023").mkdir(parents=True)
    write_txt(fictional_minutes(1)[0], folder / "a.txt")
    write_docx(fictional_minutes(2)[0], folder / "2023" / "b.docx")
    pdf = write_pdf(fictional_minutes(3)[0], folder / "2023" / "c.pdf")
    (folder / "tom.txt").write_bytes(b"")
    (folder / "trasig.pdf").write_bytes(pdf.read_bytes()[:900])
    (folder / "bild.txt").write_bytes(bytes(range(256)) * 40)
    return folder


def test_import_a_folder_with_bad_files(tmp_path, mixed_folder):
    archive = tmp_path / "archive"
    first = minutes(archive, "import", str(mixed_folder), "--json", check=False)
    assert first.returncode == 1
    report = json.loads(first.stdout)
    status = {f["path"].rsplit("/", 1)[1]: f for f in report["files"]}
    assert {n: f["status"] for n, f in status.items()} == {
        "a.txt": "imported", "b.docx": "imported", "c.pdf": "imported",
        "tom.txt": "failed", "trasig.pdf": "failed", "bild.txt": "failed"}
    assert "empty" in status["tom.txt"]["reason"]
    assert "damaged or truncated" in status["trasig.pdf"]["reason"]
    assert "not a text file" in status["bild.txt"]["reason"]
    assert all(f["document_id"] for f in report["files"] if f["status"] == "imported")

    human = minutes(archive, "import", str(mixed_folder), check=False)
    assert human.returncode == 1
    assert "duplicate" in human.stdout and "empty" in human.stdout
    second = json.loads(minutes(archive, "import", str(mixed_folder), "--json", check=False).stdout)
    assert [f["status"] for f in second["files"] if not f["path"].endswith(("tom.txt", "trasig.pdf", "bild.txt"))] == ["duplicate"] * 3
    assert json.loads(minutes(archive, "stats", "--json").stdout)["documents"] == 3


def test_list_show_stats(tmp_path, mixed_folder):
    archive = tmp_path / "archive"
    minutes(archive, "import", str(mixed_folder / "2023"))
    listed = json.loads(minutes(archive, "list", "--json").stdout)
    assert [d["source_name"] for d in listed] == ["b.docx", "c.pdf"]
    assert set(listed[0]) >= {"id", "date", "body", "kind", "items", "source_name"}
    text = minutes(archive, "list").stdout
    assert listed[0]["id"] in text and "Utbildningsberedningen" in text
    shown = minutes(archive, "show", listed[0]["id"]).stdout
    assert "Beslut" not in shown.split("\n")[0] and "Decision:" in shown
    assert json.loads(minutes(archive, "stats", "--json").stdout)["items"] == 8


def test_show_seed_item_with_decision_and_footnote(tmp_path):
    seed = require_seeds() / "000_e09e653c5afdebd9.txt"
    archive = tmp_path / "archive"
    doc_id = json.loads(minutes(archive, "import", str(seed), "--json").stdout)["files"][0]["document_id"]
    item_id = next(i["id"] for i in json.loads(minutes(archive, "show", doc_id, "--json").stdout)["items"] if i["number"] == "14")
    shown = json.loads(minutes(archive, "show", item_id, "--json").stdout)
    assert shown["type"] == "item" and shown["document"]["signed_date"] == "2007-09-25"
    assert shown["item"]["decisions"][0]["text"].startswith("Att ställa sig bakom befintligt förslag")
    assert [(n["number"], n["text"]) for n in shown["item"]["footnotes"]] == [(1, "Detta förslag återtogs senare.")]


def test_clear_errors(tmp_path):
    archive = tmp_path / "archive"
    nofile = minutes(archive, "import", str(tmp_path / "nope.pdf"), check=False)
    assert nofile.returncode == 2 and "No such file or folder" in nofile.stderr and not archive.exists()
    (tmp_path / "empty").mkdir()
    minutes(archive, "import", str(tmp_path / "empty"))
    missing = minutes(archive, "show", "abc-1", check=False)
    assert missing.returncode == 2 and "Nothing in the archive" in missing.stderr and "Traceback" not in missing.stderr


@pytest.mark.parametrize("command", [["list"], ["show", "abc-1"], ["search", "budget"], ["people"], ["stats"],
                                     ["decisions", "budget"], ["timeline", "budget"], ["reindex"],
                                     ["export", "budget", "-o", "out.jsonl"]])
def test_reading_commands_never_create_an_archive(tmp_path, command):
    place = tmp_path / "no" / "such" / "place"
    result = minutes(place, *command, check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert " ".join(result.stderr.split()) == f"Error: no archive at {place} (create one with minutes import)"
    assert not (tmp_path / "no").exists()


def test_exit_codes_follow_grep(tmp_path):
    """0 when something is found, 1 when nothing is, 2 on an error; an empty archive answers, never fails."""
    archive = tmp_path / "archive"
    empty = tmp_path / "empty"
    empty.mkdir()
    minutes(archive, "import", str(empty))
    for args in (["search", "--from", "2007"], ["search", "budget", "--from", "2007"], ["decisions", "budget"],
                 ["timeline", "budget"], ["people", "Anna"]):
        result = minutes(archive, *args, check=False)
        assert result.returncode == 1 and "Traceback" not in result.stderr, (args, result.stderr)
    assert json.loads(minutes(archive, "search", "--from", "2007", "--json", check=False).stdout)["total"] == 0
    assert minutes(archive, "search", "--from", "the seventies", check=False).returncode == 2
