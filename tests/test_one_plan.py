"""One query plan: `minutes export WORDS` writes exactly what `minutes search WORDS` lists, misspelled too."""
import json
import subprocess
import sys

import pytest

from minutes_archive.samples.__main__ import write_samples


def minutes(archive, *args):
    return subprocess.run([sys.executable, "-m", "minutes_archive", "--archive", str(archive), *args],
                          capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"})


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("plan")
    write_samples(root / "samples")
    assert minutes(root / "archive", "import", str(root / "samples")).returncode == 0
    return root / "archive"


@pytest.mark.parametrize("words", ["föreningsbidrag", "foreningsbidrg", "kulturstipendium budget"])
def test_export_writes_what_search_lists(archive, tmp_path, words):
    searched = minutes(archive, "search", words, "--limit", "100", "--json")
    hits = [h["id"] for h in json.loads(searched.stdout)["hits"]]
    assert hits, searched.stderr
    out = tmp_path / "out.json"
    exported = minutes(archive, "export", words, "--format", "json", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert sorted(c["id"] for c in json.loads(out.read_text())) == sorted(hits)
