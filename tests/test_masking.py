"""Personal identity numbers: masked in every field of every output, through the CLI as a clerk runs it."""
import json
import os
import re
import stat

import pytest

from minutes_archive.records.text import MASK, luhn_ok, mask, mask_record

from support import minutes


def _pnr(date: str, serial: str) -> str:
    """A valid number: YYMMDD + three digits + the Luhn check digit."""
    return next(f"{date}{serial}{c}" for c in "0123456789" if luhn_ok(f"{date}{serial}{c}"))


def _form(century: str, digits: str, separator: str) -> str:
    return f"{century}{digits[:6]}{separator}{digits[6:]}"


# (planted text, its ten digits): every form, each a different number so a leak names its form.
FORMS = [(_form(c, d, sep), d) for c, d, sep in [
    ("19", _pnr("640823", "323"), "-"),
    ("", _pnr("710301", "123"), "-"),
    ("", _pnr("520412", "456"), "+"),
    ("19", _pnr("801224", "789"), ""),
    ("", _pnr("851011", "246"), ""),
    ("", _pnr("900115", "135"), " "),
    ("", _pnr("910607", "864"), "\u2013"),
    ("20", _pnr("050930", "975"), "\u2011"),
    ("", _pnr("770587", "531"), "-"),  # samordningsnummer: day 27 + 60
    ("19", _pnr("680270", "222"), ""),  # samordningsnummer without a separator
]]
WRONG_CHECK = next(f"1964082332{c}{d}" for c in "0123456789" for d in "0123456789"
                   if not luhn_ok(f"64082332{c}{d}"))
KEPT = [WRONG_CHECK, "20230307", "KS 2023/0123-4"]


def _flat(text: str) -> str:
    """Separators dropped, so a number split by a space, a hyphen or a line break still counts as a leak."""
    return re.sub(r"[\s\-+\u2013\u2011]", "", text)


def assert_masked(output: str, where: str, shown: bool = True) -> None:
    """No planted number in `output`; with `shown`, the mask where one was."""
    for planted, digits in FORMS:
        assert planted not in output and digits not in _flat(output), f"{planted!r} leaks in {where}"
    assert MASK in output or not shown, where


def test_every_form_is_masked_and_lookalikes_are_not():
    for planted, _ in FORMS:
        assert mask(f"Sökanden {planted}, boende") == f"Sökanden {MASK}, boende"
    for kept in KEPT + ["2023-03-07", "19640823", "640823-3235", "641323-3234", "640832-3230"]:
        assert mask(f"nr {kept}.") == f"nr {kept}."
    assert mask(mask(FORMS[0][0])) == MASK


def test_records_are_walked_but_ids_kept():
    number = FORMS[0][0]
    record = {"id": "196408233234", "title": number, "items": [{"item_id": number, "names": [number]}],
              "facets": {number: 1}, "highlights": [(0, 3)], "pages": 2}
    assert mask_record(record) == {"id": "196408233234", "title": MASK, "items": [{"item_id": number, "names": [MASK]}],
                                   "facets": {MASK: 1}, "highlights": [(0, 3)], "pages": 2}


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("masking")
    body = " ".join(f"Uppgiften {planted} gäller." for planted, _ in FORMS)
    names = ", ".join(f"Person{chr(65 + i)} Svensson {planted}" for i, (planted, _) in enumerate(FORMS[:4]))
    text = (
        "Kulturnämndens protokoll\nSammanträdesdatum 2023-03-07\n"
        f"Närvarande: Anna Svensson {FORMS[0][0]}, {names}\n\n"
        f"§ 1 Bostadsanpassningsbidrag Anna Svensson {FORMS[0][0]}\n"
        f"Ansökan från {FORMS[1][0]} om bidrag. {body}\n"
        f"Beslut: Att bevilja bostadsanpassningsbidrag till {FORMS[2][0]} och {FORMS[6][0]}.\n\n"
        f"§ 2 Kulturstipendium {FORMS[3][0]} {FORMS[7][0]}\n"
        f"Diarienummer KS 2023/0123-4, referens {WRONG_CHECK}, inkom 20230307. {body}\n"
        f"Beslut: Att tilldela kulturstipendium till {FORMS[4][0]}, {FORMS[5][0]}, {FORMS[8][0]} och {FORMS[9][0]}.\n"
    )
    source = folder / "protokoll.txt"
    source.write_text(text, encoding="utf-8")
    archive = folder / "archive"
    minutes(archive, "import", str(source))
    [document] = json.loads(minutes(archive, "list", "--json").stdout)
    hits = json.loads(minutes(archive, "search", "bostadsanpassningsbidrag", "--no-mask", "--json").stdout)["hits"]
    assert any(FORMS[0][0] in (h["title"] or "") for h in hits), "the title did not keep its number"
    decision = json.loads(minutes(archive, "decisions", "kulturstipendium", "--json").stdout)["hits"][0]["id"]
    return archive, document["id"], hits[0]["item_id"], decision, folder


def _commands(document, item, decision):
    yield from [("search", "bostadsanpassningsbidrag"), ("search", "kulturstipendium", "--json"),
                ("search", "uppgiften", "--facets"), ("search", "--from", "2023", "--json"),
                ("decisions", "bevilja"), ("decisions", "tilldela", "--json"),
                ("timeline", "uppgiften"), ("timeline", "--from", "2023", "--json"),
                ("show", document), ("show", document, "--json"), ("show", item), ("show", decision, "--json"),
                ("people",), ("people", "--json"), ("people", "svensson", "--json"), ("list",), ("list", "--json")]
    for fmt in ("text", "markdown", "json", "csl-json", "bibtex", "ris", "csv"):
        yield ("cite", item, "--full", "--format", fmt)
        yield ("cite", decision, "--format", fmt)
    yield ("cite", item, "--full", "--json")


def test_every_command_masks_every_field(planted):
    archive, document, item, decision, _ = planted
    for args in _commands(document, item, decision):
        result = minutes(archive, *args)
        assert_masked(result.stdout, " ".join(args), shown=args[0] != "list" and (args[0] != "people" or "--json" in args))
        assert "--no-mask" not in result.stderr


def test_lookalikes_stay_unmasked_everywhere(planted):
    archive, document, item, *_ = planted
    for args in [("show", document, "--json"), ("cite", f"{document}-2", "--full"), ("search", "diarienummer")]:
        output = minutes(archive, *args).stdout
        for kept in KEPT:
            assert kept in output, (kept, args)


def test_no_mask_shows_the_numbers_and_warns(planted):
    archive, document, item, decision, _ = planted
    for args in [("search", "bostadsanpassningsbidrag", "--json"), ("decisions", "tilldela"), ("timeline", "uppgiften"),
                 ("show", document), ("show", document, "--json"), ("people", "--json"), ("cite", item, "--full"),
                 ("cite", item, "--full", "--format", "csv")]:
        result = minutes(archive, *args, "--no-mask")
        assert any(planted in result.stdout for planted, _ in FORMS), args
        assert "--no-mask" in result.stderr and "--no-mask" not in result.stdout, args
    assert all(planted in minutes(archive, "show", document, "--no-mask").stdout for planted, _ in FORMS)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csl-json", "bibtex", "ris", "csv", "jsonl"])
def test_exports_are_masked_private_and_verify(planted, fmt):
    archive, _, _, _, folder = planted
    path = folder / f"export.{fmt}"
    minutes(archive, "export", "uppgiften", "--format", fmt, "--output", str(path))
    assert_masked(path.read_text(encoding="utf-8"), f"export --format {fmt}")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    verified = json.loads(minutes(archive, "cite", "--verify", str(path), "--json").stdout)
    assert verified["checked"] >= 2 and verified["mismatches"] == []  # a masked quote still matches the archive
    shown = minutes(archive, "export", "uppgiften", "--format", fmt, "--output", str(path), "--no-mask", "--force")
    assert FORMS[0][0] in path.read_text(encoding="utf-8") and "--no-mask" in shown.stderr


def test_export_mode_respects_a_stricter_umask_and_narrows_an_old_file(planted):
    archive, _, _, _, folder = planted
    old = folder / "old.jsonl"
    old.write_text("", encoding="utf-8")
    old.chmod(0o644)
    minutes(archive, "export", "uppgiften", "--output", str(old), "--force")
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    strict = folder / "strict.jsonl"
    previous = os.umask(0o277)
    try:
        minutes(archive, "export", "uppgiften", "--output", str(strict))
    finally:
        os.umask(previous)
    assert stat.S_IMODE(strict.stat().st_mode) == 0o400
