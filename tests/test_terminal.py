"""The CLI as grep and ripgrep users expect it: pipes and files (`-o -`, no overwriting without --force), plain
unwrapped lines when piped, --color and NO_COLOR/FORCE_COLOR, --version, -h, and tables readable at 80 columns."""
import csv
import io
import json
import re
from importlib.metadata import version

import pytest
from typer.testing import CliRunner

from minutes_archive.cli.app import app
from minutes_archive.samples.fictional import fictional_minutes
from minutes_archive.samples.model import Para
from minutes_archive.samples.write_txt import write_txt

from support import minutes

ANSI = re.compile(r"\x1b\[[0-9;]*m")
LONG_NAME = "kommunfullmaktige-protokoll-2023-justerat-slutlig-version.txt"
# Longer than any terminal is wide, with numbers that Rich's highlighting would colour.
NUMBERED = ("Kostnaden beräknas till 250 000 kronor för 2024 och 3,5 procent mer för vart och ett av de 4 följande åren, "
            "enligt bilaga 7 daterad 2023-05-12 och diarienummer KS 2023/117, vilket ryms inom ramen.")
# What a run must not inherit from the test runner, so that only `env` decides colour and layout.
CLEAN = dict.fromkeys(("MINUTES_ARCHIVE", "COLUMNS", "LINES", "FORCE_COLOR", "TTY_COMPATIBLE", "TERM", "CLICOLOR_FORCE",
                       "NO_COLOR"))


def run(archive, *args, **env):
    """`minutes` in-process with exactly these environment variables (stdout is never a real terminal here:
    TTY_COMPATIBLE=1 declares one, as Rich reads it)."""
    result = CliRunner(env={**CLEAN, **env}).invoke(app, ["--archive", str(archive), *map(str, args)],
                                                    prog_name="minutes")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("protokoll")
    for seed in (1, 2, 3):
        doc = fictional_minutes(seed)[0]
        if seed == 1:  # after the first item's heading and its first sentence
            doc.paras.insert(5, Para(NUMBERED))
        write_txt(doc, folder / f"protokoll-{seed}.txt")
    write_txt(fictional_minutes(4)[0], folder / LONG_NAME)
    place = tmp_path_factory.mktemp("arkiv") / "archive"
    minutes(place, "import", str(folder))
    return place


def test_export_writes_to_stdout_without_o_and_with_o_dash(archive):
    plain = minutes(archive, "export", "budget")
    rows = [json.loads(line) for line in plain.stdout.splitlines()]
    assert rows and all(r["id"] for r in rows)
    assert re.fullmatch(rf"Wrote {len(rows)} citations \(jsonl\) to stdout\.\n", plain.stderr)
    dashed = minutes(archive, "export", "budget", "--format", "csv", "-o", "-")
    table = list(csv.DictReader(io.StringIO(dashed.stdout)))
    assert [r["id"] for r in table] == [r["id"] for r in rows] and "Wrote" not in dashed.stdout
    as_json = minutes(archive, "export", "budget", "-o", "-", "--json")
    assert json.loads(as_json.stderr)["citations"] == len(rows)  # the summary keeps off the citations' stream
    assert [json.loads(line)["id"] for line in as_json.stdout.splitlines()] == [r["id"] for r in rows]


def test_export_refuses_to_overwrite_without_force(archive, tmp_path):
    target = tmp_path / "mine.jsonl"
    target.write_text("my notes\n", encoding="utf-8")
    refused = minutes(archive, "export", "budget", "-o", target, check=False)
    assert refused.returncode == 2 and "--force" in refused.stderr and "Traceback" not in refused.stderr
    assert target.read_text(encoding="utf-8") == "my notes\n"
    minutes(archive, "export", "budget", "-o", target, "--force")
    assert all(json.loads(line)["id"] for line in target.read_text(encoding="utf-8").splitlines())
    new = tmp_path / "new.jsonl"
    written = minutes(archive, "export", "budget", "-o", new)
    assert f"to {new}" in written.stdout and new.read_text(encoding="utf-8") == target.read_text(encoding="utf-8")


def _document(archive) -> str:
    """The document with the long numbered paragraph."""
    return next(d["id"] for d in json.loads(minutes(archive, "list", "--json").stdout)
                if d["source_name"] == "protokoll-1.txt")


def _long_text(archive) -> tuple[str, str]:
    """The document and its long numbered line, as the catalog holds it."""
    doc = _document(archive)
    shown = json.loads(minutes(archive, "show", doc, "--json").stdout)
    text = next(line for item in shown["items"] for line in (item.get("text") or "").splitlines() if "250 000" in line)
    assert len(text) > 120 and re.search(r"\d", text)
    return doc, text


@pytest.mark.parametrize("env", [{}, {"COLUMNS": "80"}, {"COLUMNS": "80", "FORCE_COLOR": "1"}, {"NO_COLOR": "1"}])
def test_piped_output_is_never_wrapped_nor_padded(archive, env):
    doc, text = _long_text(archive)
    for args in (["show", doc], ["search", "budget"], ["list"], ["people"], ["stats"], ["glossary"], ["-h"],
                 ["search", "-h"]):
        out = run(archive, *args, **env)
        assert out.exit_code == 0, (args, out.output)
        lines = ANSI.sub("", out.stdout).splitlines()
        assert lines and not [line for line in lines if line.endswith(" ")], (args, env)  # a tab ends an empty cell
        assert not any(box in out.stdout for box in "╭─│"), (args, env)  # no table or help box on a pipe
    shown = ANSI.sub("", run(archive, "show", doc, **env).stdout)
    assert any(line.strip() == text for line in shown.splitlines()), env  # the whole line, on one line


def test_color_option_and_environment(archive):
    doc = _document(archive)
    assert ANSI.search(run(archive, "--color", "always", "show", doc).stdout)
    assert ANSI.search(run(archive, "show", doc, FORCE_COLOR="1").stdout)
    assert ANSI.search(run(archive, "--color", "always", "search", "budget").stdout)  # the matches, as grep colours them
    assert not ANSI.search(run(archive, "--color", "never", "show", doc, TTY_COMPATIBLE="1", FORCE_COLOR="1").stdout)
    assert not ANSI.search(run(archive, "show", doc, TTY_COMPATIBLE="1", NO_COLOR="1").stdout)
    assert not ANSI.search(run(archive, "show", doc).stdout)
    wrong = run(archive, "--color", "sometimes", "list")
    assert wrong.exit_code == 2 and "always" in wrong.output


def test_numbers_in_document_text_are_not_coloured(archive):
    doc, text = _long_text(archive)
    for env in ({"TTY_COMPATIBLE": "1", "COLUMNS": "400"}, {}):
        out = run(archive, "--color", "always", "show", doc, **env).stdout.splitlines()
        raw = next(o for o in out if ANSI.sub("", o).strip() == text)
        assert raw.strip() == text, (env, raw)  # not one escape code in the minutes' own words
    for env in ({"TTY_COMPATIBLE": "1", "COLUMNS": "400"}, {}):
        hits = run(archive, "--color", "always", "search", "diarienummer", **env).stdout
        line = next(o for o in hits.splitlines() if "bilaga 7" in o)
        assert not re.search(r"\x1b\[[0-9;]*m\d", line), (env, line)  # only the matched word is coloured
        people = run(archive, "--color", "always", "people", **env).stdout
        assert not re.search(r"\x1b\[[0-9;]*m\d", people), env  # ids and dates in tables are plain too


def test_version_help_and_completion(archive):
    shown = run(archive, "--version")
    assert shown.exit_code == 0 and shown.stdout == f"minutes {version('minutes-archive')}\n"
    short, long = run(archive, "-h"), run(archive, "--help")
    assert short.exit_code == 0 and short.stdout == long.stdout and "--install-completion" in short.stdout
    assert "--person" in run(archive, "search", "-h").stdout


def test_piped_search_says_its_page_and_keeps_hit_lines_parseable(archive):
    total = json.loads(minutes(archive, "search", "kulturstipendium", "--json").stdout)["total"]
    assert total >= 3
    second = minutes(archive, "search", "kulturstipendium", "--limit", "1", "--page", "2").stdout.splitlines()
    assert second[0] == f"{total} hits; 2–2 shown, page 2 of {total} (next: --page 3)"
    hit = json.loads(minutes(archive, "search", "kulturstipendium", "--limit", "1", "--page", "2", "--json").stdout)
    assert second[1] == "" and second[2].endswith(f"  {hit['hits'][0]['id']}") and "«" in second[3] and len(second) == 4
    beyond = minutes(archive, "search", "kulturstipendium", "--limit", "1", "--page", str(total + 1), check=False).stdout
    assert beyond.splitlines()[0] == f"{total} hits; none on page {total + 1} of {total}"


def test_people_show_item_ids(archive):
    people = [p for p in json.loads(minutes(archive, "people", "--json").stdout) if p["items"]]
    rows = {line.split("\t")[0]: line.split("\t") for line in minutes(archive, "people").stdout.splitlines()[1:]}
    for person in people:
        assert rows[person["name"]][-1] == " ".join(i["id"] for i in person["items"])
        assert all(minutes(archive, "show", i["id"]).returncode == 0 for i in person["items"][:1])
    one = people[0]["name"]
    table = run(archive, "people", one, TTY_COMPATIBLE="1", COLUMNS="80", NO_COLOR="1").stdout
    assert people[0]["items"][0]["id"] in table and "1 people" not in table


def test_list_is_readable_at_80_columns(archive):
    docs = json.loads(minutes(archive, "list", "--json").stdout)
    table = run(archive, "list", TTY_COMPATIBLE="1", COLUMNS="80", NO_COLOR="1").stdout
    lines = table.splitlines()
    assert max(map(len, lines)) <= 80 and "4 documents (all minutes)" in table and "minutes  " not in table
    start = next(line for line in lines if line.startswith("id ")).index("body")
    for doc in docs:
        at = next(n for n, line in enumerate(lines) if line.lstrip().startswith(doc["id"]))
        row = [lines[at]]
        while at + len(row) < len(lines) and lines[at + len(row)].startswith(" " * start) and lines[at + len(row)].strip():
            row.append(lines[at + len(row)])
        assert len(row) <= 2, row  # the body on two lines at most
        assert " ".join(re.split(r"\s{2,}", r[start:].strip())[0] for r in row) == doc["body"], row  # whole
        name = doc["source_name"]
        shortened = re.search(rf"{re.escape(name[:12])}\S*…\S*{re.escape(name[-5:])}", lines[at])
        assert name in lines[at] or shortened, (name, lines[at])  # its start and its end (the extension) kept
    wide = run(archive, "list", TTY_COMPATIBLE="1", COLUMNS="130", NO_COLOR="1").stdout
    assert LONG_NAME in wide and all(doc["body"] in wide for doc in docs)  # room for all: nothing shortened
