"""Decisions and people as a clerk asks for them: by surname, with the outcome and the vote."""
import json

from support import minutes

MINUTES = """MINUTES OF THE REGULAR MEETING OF THE PLANNING COMMISSION
Wednesday, January 6, 2021 7:00 p.m.

1. ROLL CALL
Present: Chair Dana Whitfield, Commissioners Hector Ortiz and Lynn Baker.

2. PARKING STUDY
Staff presented the downtown parking study.
Commissioner Ortiz moved to accept the parking study. Commissioner Baker seconded the motion, which carried 3-0.

3. STREET TREES
Chair Whitfield will contact the parks department about the street trees.

4. ADJOURNMENT
The meeting was adjourned at 8:15 p.m.
"""


def _archive(tmp_path):
    source = tmp_path / "planning-2021-01-06.txt"
    source.write_text(MINUTES, encoding="utf-8")
    archive = tmp_path / "archive"
    minutes(archive, "import", str(source))
    return archive


def test_person_by_title_and_surname(tmp_path):
    archive = _archive(tmp_path)
    found = json.loads(minutes(archive, "search", "parking", "--person", "Ortiz", "--json").stdout)
    assert found["person"] == "Hector Ortiz"
    assert {h["number"] for h in found["hits"]} == {"2"}
    unknown = minutes(archive, "search", "parking", "--person", "Ortis", check=False)
    assert unknown.returncode != 0 and "Hector Ortiz" in unknown.stderr + unknown.stdout


def test_decision_with_outcome_vote_and_mover(tmp_path):
    archive = _archive(tmp_path)
    found = json.loads(minutes(archive, "decisions", "parking", "--json").stdout)
    [hit] = found["hits"]
    assert hit["outcome"] == "approved" and hit["snippet"].startswith("Commissioner Ortiz moved")
    decision = json.loads(minutes(archive, "show", hit["id"], "--json").stdout)["decision"]
    assert (decision["outcome"], decision["votes_for"], decision["votes_against"], decision["mover"],
            decision["seconder"]) == ("approved", 3, 0, "Hector Ortiz", "Lynn Baker")
    shown = " ".join(minutes(archive, "show", hit["id"]).stdout.split())
    assert "approved 3–0; moved by Hector Ortiz, seconded by Lynn Baker" in shown
    nothing = minutes(archive, "decisions", "street trees", "--json", check=False)
    assert nothing.returncode == 1 and json.loads(nothing.stdout)["total"] == 0
