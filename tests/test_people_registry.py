import json

from minutes_archive import Archive
from minutes_archive.storage.catalog import SCHEMA_VERSION
from minutes_archive.search.grammar import QueryError
from minutes_archive.samples.model import Para, SampleDoc
from minutes_archive.samples.write_txt import write_txt

from support import minutes, require_seeds


def _meeting(path, day, text):
    doc = SampleDoc([Para("Kulturnämndens protokoll"), Para(f"Sammanträdesdatum {day}"), Para("§ 1 Information"), Para(text)])
    return write_txt(doc, path)


def test_people_jonasson_across_both_seeds(tmp_path):
    seeds = require_seeds()
    archive = tmp_path / "archive"
    minutes(archive, "import", *map(str, sorted(seeds.glob("*.txt"))))
    [person] = json.loads(minutes(archive, "people", "Jonasson", "--json").stdout)
    assert person["name"] == "Lennart Jonasson"
    assert "stadsdirektör" in person["roles"]
    assert {i["date"] for i in person["items"]} == {"2007-02-28", "2007-09-25"}
    assert (person["first_date"], person["last_date"]) == ("2007-02-28", "2007-09-25")
    shown = minutes(archive, "show", person["items"][-1]["id"]).stdout
    assert "People:" in shown and "Lennart Jonasson (stadsdirektör)" in shown and "Dates:" in shown
    assert "Lennart Jonasson" in minutes(archive, "people").stdout
    glossary = json.loads(minutes(archive, "glossary", "--json").stdout)
    assert {"short": "FFFN", "long": "Fler Friska Företagsamma Nackabor"}.items() <= next(
        a for a in glossary["abbreviations"] if a["short"] == "FFFN").items()


def test_one_person_across_documents_ignoring_case_and_accents(tmp_path):
    with Archive(tmp_path / "a") as archive:
        archive.import_paths([
            _meeting(tmp_path / "1.txt", "2020-01-10", "Ordförande Åsa Öberg öppnade mötet."),
            _meeting(tmp_path / "2.txt", "2021-03-12", "Asa Oberg redogjorde för läget."),
        ])
        [person] = archive.people("oberg")
    assert person["documents"] == 2 and (person["first_date"], person["last_date"]) == ("2020-01-10", "2021-03-12")
    assert person["roles"] == ["ordförande"]


def test_alias_file_merges_and_splits(tmp_path):
    with Archive(tmp_path / "a") as archive:
        archive.import_paths([
            _meeting(tmp_path / "1.txt", "2020-01-10", "Anna Svensson och Lennart Jonason talade."),
            _meeting(tmp_path / "2.txt", "2021-03-12", "Anna Svensson och Lennart Jonasson talade."),
        ])
        template = (archive.path / "people.toml").read_text(encoding="utf-8")
        assert "[[person]]" in template  # written on first use, as commented examples
        second = next(d["id"] for d in archive.documents() if d["date"] == "2021-03-12")
        (archive.path / "people.toml").write_text(
            '[[person]]\nname = "Lennart Jonasson"\naliases = ["Lennart Jonason"]\n\n'
            f'[[split]]\nname = "Anna Svensson"\ndocuments = ["{second}"]\nas = "Anna Svensson (Sjöhamra)"\n',
            encoding="utf-8",
        )
        names = {p["name"]: p["documents"] for p in archive.people()}
    assert names == {"Lennart Jonasson": 2, "Anna Svensson": 1, "Anna Svensson (Sjöhamra)": 1}


def test_older_catalog_is_reextracted_from_stored_text(tmp_path):
    seed = tmp_path / "seed.txt"
    seed.write_bytes((require_seeds() / "000_e09e653c5afdebd9.txt").read_bytes())
    with Archive(tmp_path / "a") as archive:
        archive.import_paths([seed])
        before = archive.people()
        archive.conn.execute("DELETE FROM person_mentions")
        archive.conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    seed.unlink()
    for original in (tmp_path / "a" / "originals").rglob("*.txt"):
        original.unlink()  # neither the file nor its archived copy is read again
    with Archive(tmp_path / "a") as archive:  # opening upgrades the catalog; `reextract` reads the stored blocks
        assert archive.reextract_due
        archive.reextract()
        assert archive.people() == before
        assert archive.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)


def test_unknown_person_names_the_closest(tmp_path):
    with Archive(tmp_path / "a") as archive:
        archive.import_paths([_meeting(tmp_path / "1.txt", "2020-01-10", "Åsa Öberg och Lennart Jonasson talade.")])
        try:
            archive.search("talade", person="Jonason")
        except QueryError as exc:
            message = str(exc)
        else:
            raise AssertionError("an unknown person must not search everything")
    assert "No person in the archive is called 'Jonason'" in message and "Lennart Jonasson" in message
    assert "Öberg" not in message
