"""`forget`: a document erased so that no byte of its text stays under the archive folder."""
import json
import os
import subprocess
import sys
import textwrap

import pytest

from minutes_archive import Archive
from minutes_archive.archive import forget as forget_module
from minutes_archive.errors import NotFound

import support

WORD = "Zyxqvorblat"

SECRET = f"""PROTOKOLL
Kommunstyrelsen
Sammanträdesdatum: 2023-02-08

Närvarande: Anna {WORD} (ordförande), Per Olsson, Lisa Berg

§ 1 {WORD}projektet
Ordförande Anna {WORD} redogjorde för {WORD}projektet och {WORD}s förslag.
Beslut: Att godkänna {WORD}projektet.

§ 2 Budget för {WORD} (ZQV)
Per Olsson redogjorde för budgeten.
Beslut: Att godkänna budgeten.
"""

OTHER = """PROTOKOLL
{body}
Sammanträdesdatum: 2023-0{month}-08

Närvarande: Lisa Berg (ordförande), Per Olsson

§ {n} Kulturstipendium {month}
Lisa Berg redogjorde för kulturstipendiet och föreningsbidraget.
Beslut: Att godkänna förslaget.
"""


def minutes(archive, *args):
    return support.minutes(archive, *args, check=False)  # stdin is not a terminal there either


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "protokoll"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
    (folder / "b.txt").write_text(OTHER.format(body="Kulturnämnden", month=3, n=5), encoding="utf-8")
    (folder / "c.txt").write_text(OTHER.format(body="Fritidsnämnden", month=4, n=7), encoding="utf-8")
    return folder


@pytest.fixture
def archive(tmp_path, folder):
    with Archive(tmp_path / "archive") as archive:
        report = archive.import_paths([folder], jobs=1)
        assert report["summary"]["imported"] == 3
        yield archive


def secret_id(archive) -> str:
    return next(d["id"] for d in archive.documents() if d["source_name"] == "secret.txt")


def files_holding(root, word=WORD) -> list[str]:
    """Every file under `root` whose bytes hold the word, in any case, UTF-8 or UTF-16."""
    needles = [w.encode(enc) for w in (word, word.lower(), word.upper()) for enc in ("utf-8", "utf-16-le")]
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            data = open(os.path.join(folder, name), "rb").read()
            if any(n in data for n in needles) or word.lower().encode() in data.lower():
                found.append(os.path.join(folder, name))
    return found


def test_forget_leaves_no_byte_of_the_text(archive):
    doc_id = secret_id(archive)
    assert files_holding(archive.path)  # the test can see the word where it is
    assert archive.search(WORD)["total"] >= 2
    assert any(WORD.lower() in p["name"].lower() for p in archive.people())
    sha = archive.conn.execute("SELECT sha256 FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    archive.conn.execute("INSERT INTO import_log (source_path, sha256, status, reason) VALUES (?, ?, 'failed', ?)",
                         (f"/home/{WORD}/secret.txt", sha, "an earlier attempt"))
    archive.conn.execute("PRAGMA secure_delete = OFF")  # as SQLite is built by default: freed pages keep their bytes
    result = archive.forget([doc_id])
    assert [d["id"] for d in result["forgotten"]] == [doc_id]
    assert result["forgotten"][0]["rows"]["documents"] == 1 and result["forgotten"][0]["rows"]["items"] == 2
    assert files_holding(archive.path) == []
    assert archive.search(WORD)["total"] == 0
    assert archive.search("kulturstipendium")["total"] >= 2
    assert sorted(d["source_name"] for d in archive.documents()) == ["b.txt", "c.txt"]
    assert not any(WORD.lower() in p["name"].lower() for p in archive.people())
    assert WORD not in json.dumps(archive.glossary(), ensure_ascii=False)
    logged = [dict(r) for r in archive.conn.execute("SELECT * FROM forgotten")]
    assert [(r["document_id"], r["sha256"][:12]) for r in logged] == [(doc_id, doc_id)] and logged[0]["completed_at"]
    assert "secret" not in json.dumps(logged)  # no file names
    assert archive.conn.execute("SELECT COUNT(*) FROM import_log WHERE document_id = ?", (doc_id,)).fetchone()[0] == 0


def test_every_table_naming_the_document_is_emptied(archive):
    """The deletion list comes from the schema: a table added later is erased too."""
    doc_id = secret_id(archive)
    archive.conn.execute("CREATE TABLE later (item_id TEXT, note TEXT)")
    archive.conn.execute("INSERT INTO later VALUES (?, ?)", (f"{doc_id}-1", WORD))
    archive.forget([doc_id])
    assert archive.conn.execute("SELECT COUNT(*) FROM later").fetchone()[0] == 0
    for (table,) in archive.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        columns = [c[1] for c in archive.conn.execute(f"PRAGMA table_info({table})")]
        if "document_id" in columns and table != "forgotten":
            assert archive.conn.execute(f"SELECT COUNT(*) FROM {table} WHERE document_id = ?", (doc_id,)).fetchone()[0] == 0
    assert files_holding(archive.path) == []


def test_searchable_copy_and_leftovers_are_removed(archive):
    """A scan's searchable PDF is stored beside the original under the same hash; a half-written copy from a
    killed import and an index build from a killed reindex may hold the text too."""
    doc_id = secret_id(archive)
    sha = archive.conn.execute("SELECT sha256 FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    folder = archive.store.root / sha[:2]
    (folder / f"{sha}.ocr.pdf").write_bytes(SECRET.encode())
    (folder / ".incoming-x1y2").write_bytes(SECRET.encode())
    (archive.path / "index.new").mkdir()
    (archive.path / "index.new" / "seg.trm").write_bytes(SECRET.encode())
    result = archive.forget([doc_id[:6]])
    assert result["forgotten"][0]["files"] == 3
    assert files_holding(archive.path) == []
    assert not (archive.path / "index.new").exists()


def test_ids_are_checked_before_anything_changes(archive):
    doc_id = secret_id(archive)
    with pytest.raises(NotFound, match="whole documents"):
        archive.forget([doc_id, f"{doc_id}-1"])
    with pytest.raises(NotFound, match=f"part of document {doc_id}"):  # there is no text after the last item
        archive.forget([f"{doc_id}-closing"])
    with pytest.raises(NotFound, match="Nothing in the archive"):
        archive.forget([doc_id, "feedbeef"])
    assert len(archive.documents()) == 3 and files_holding(archive.path)
    assert archive.forget([doc_id], confirm=lambda docs: False)["cancelled"]
    assert len(archive.documents()) == 3
    seen = []
    archive.forget([doc_id], confirm=lambda docs: seen.extend(docs) or True)
    assert [d["source_name"] for d in seen] == ["secret.txt"]
    with pytest.raises(NotFound, match="already forgotten"):
        archive.forget([doc_id])


def test_an_interrupted_forget_is_finished_by_the_next(archive, monkeypatch):
    """Rows go first, in one transaction, with a pending note; files, index and free pages after. A crash
    anywhere after the rows leaves the note, and the next forget (of the same id) finishes the work."""
    doc_id = secret_id(archive)

    def crash(conn):
        raise KeyboardInterrupt  # stands for a kill between the steps

    monkeypatch.setattr(forget_module, "_clear_catalog", crash)
    with pytest.raises(KeyboardInterrupt):
        archive.forget([doc_id])
    monkeypatch.undo()
    assert archive.documents() and doc_id not in [d["id"] for d in archive.documents()]
    pending = archive.conn.execute("SELECT completed_at FROM forgotten WHERE document_id = ?", (doc_id,)).fetchall()
    assert [tuple(r) for r in pending] == [(None,)]
    assert files_holding(archive.path)  # the catalog's free pages and log still hold the text
    problems = archive.check()["problems"]
    assert [(p["kind"], p["repair"]) for p in problems] == [("forget_unfinished", f"minutes forget {doc_id} --yes")]
    result = archive.forget([doc_id])
    assert [d["id"] for d in result["resumed"]] == [doc_id] and result["forgotten"] == []
    assert files_holding(archive.path) == []
    assert archive.check()["ok"]


def test_forgotten_file_imports_again(archive, folder):
    doc_id = secret_id(archive)
    archive.forget([doc_id])
    report = archive.import_paths([folder / "secret.txt"], jobs=1)
    assert report["summary"]["imported"] == 1
    assert archive.search(WORD)["total"] >= 2
    assert archive.forget([doc_id])["forgotten"][0]["id"] == doc_id
    assert files_holding(archive.path) == []


def test_forget_on_the_command_line(tmp_path, folder):
    arc = tmp_path / "arc"
    assert minutes(arc, "import", str(folder), "--jobs", "1").returncode == 0
    docs = json.loads(minutes(arc, "list", "--json").stdout)
    doc_id = next(d["id"] for d in docs if d["source_name"] == "secret.txt")
    refused = minutes(arc, "forget", doc_id)  # stdin is not a terminal
    assert refused.returncode == 2 and "--yes" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    unknown = minutes(arc, "forget", "0123456789ab", "--yes")
    assert unknown.returncode == 2 and len(unknown.stderr.strip().splitlines()) == 1 and "Traceback" not in unknown.stderr
    item = minutes(arc, "forget", f"{doc_id}-1", "--yes")
    assert item.returncode == 2 and "whole documents" in item.stderr
    done = minutes(arc, "forget", doc_id, "--yes", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["forgotten"][0]["sha256"].startswith(doc_id)
    assert files_holding(arc) == []
    gone = minutes(arc, "search", WORD)
    assert gone.returncode == 1 and "0 hits" in gone.stdout
    assert minutes(arc, "search", "kulturstipendium").returncode == 0
    assert minutes(arc, "import", str(folder / "secret.txt")).returncode == 0
    assert minutes(arc, "search", WORD).returncode == 0


@pytest.mark.slow  # six seconds of searching in another process
def test_searches_in_another_process_do_not_fail(archive, tmp_path):
    script = textwrap.dedent(f"""
        import sys, time
        from minutes_archive import Archive
        failures = runs = 0
        end = time.monotonic() + float(sys.argv[2])
        with Archive(sys.argv[1], create=False) as archive:
            while time.monotonic() < end:
                for query in ("kulturstipendium", "{WORD}", "budget"):
                    try:
                        archive.search(query)
                    except Exception as exc:
                        failures += 1
                        print(repr(exc), file=sys.stderr)
                    runs += 1
        print(runs, failures)
    """)
    loop = subprocess.Popen([sys.executable, "-c", script, str(archive.path), "6"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    import time

    time.sleep(2)
    archive.forget([secret_id(archive)])
    out, err = loop.communicate(timeout=120)
    runs, failures = map(int, out.split())
    assert runs > 0 and failures == 0, err
