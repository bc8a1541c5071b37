"""Fixtures only; the helpers test modules share are in support.py."""
import os
from pathlib import Path

import pytest

from solr_support import solr_cluster  # noqa: F401  (the session's SolrCloud: make test-solr)

# The user's own config file (archive, jobs, viewer) must not reach the tests, nor their child processes.
os.environ["MINUTES_CONFIG"] = str(Path(__file__).resolve().parent / "no-such-config.toml")


@pytest.fixture
def archive_dir(tmp_path) -> Path:
    return tmp_path / "archive"


@pytest.fixture(scope="session")
def samples_archive(tmp_path_factory) -> Path:
    """An archive of the demo minutes the project writes itself (`make demo`), imported with `minutes import`:
    something to search that needs no ../shared. Tests only read it."""
    from minutes_archive.samples.__main__ import write_samples

    from support import minutes

    folder = tmp_path_factory.mktemp("samples")
    archive = folder / "archive"
    minutes(archive, "import", *map(str, write_samples(folder / "samples")))
    return archive
