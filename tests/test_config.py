"""Defaults from a config file: flags and the environment win over it, and a bad file is one clear line."""
import json

from support import minutes


def _config(tmp_path, monkeypatch, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("MINUTES_CONFIG", str(path))
    return path


def test_config_shows_each_setting_and_where_it_comes_from(tmp_path, monkeypatch):
    path = _config(tmp_path, monkeypatch, 'lang = "swe"\njobs = 3\n')
    monkeypatch.setenv("MINUTES_OCR", "never")
    shown = json.loads(minutes(None, "config", "--json").stdout)
    assert shown["file"] == str(path) and shown["exists"]
    settings = shown["settings"]
    assert settings["lang"] == {**settings["lang"], "value": "swe", "from": "file"}
    assert settings["jobs"]["value"] == 3
    assert settings["ocr"] == {**settings["ocr"], "value": "never", "from": "environment"}
    assert settings["viewer"]["from"] is None


def test_the_archive_comes_from_the_file_unless_a_flag_or_the_environment_names_one(tmp_path, monkeypatch):
    configured, flagged = tmp_path / "configured", tmp_path / "flagged"
    _config(tmp_path, monkeypatch, f'archive = "{configured}"\n')
    monkeypatch.delenv("MINUTES_ARCHIVE", raising=False)
    (tmp_path / "m.txt").write_text("Protokoll\n\n§ 1 Öppnande\nMötet öppnades.\n", encoding="utf-8")
    minutes(None, "import", str(tmp_path / "m.txt"), "--json")
    assert (configured / "catalog.sqlite").is_file()
    minutes(flagged, "import", str(tmp_path / "m.txt"), "--json")
    assert (flagged / "catalog.sqlite").is_file()


def test_a_bad_config_file_is_named_in_one_line(tmp_path, monkeypatch):
    path = _config(tmp_path, monkeypatch, 'jobs = "many"\n')
    result = minutes(None, "config", check=False)
    assert result.returncode == 2
    assert str(path) in result.stderr and "jobs must be a whole number" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    _config(tmp_path, monkeypatch, 'colour = "red"\n')
    assert "unknown setting 'colour'" in minutes(None, "config", check=False).stderr
