"""`minutes serve` over plain HTTP (Starlette's TestClient, and once the real command): every page answers, a
missing id is a 404 page, a mistyped search a readable 400, nothing is written, personal identity numbers stay
masked, the URL holds the whole search, and a facet narrows it."""
import hashlib
import html
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.testclient import TestClient

from minutes_archive.web.app import create_app
from minutes_archive.web.marks import marked

from support import minutes

HIT_LINK = re.compile(r'<a class="hit-link" href="/record/([^"]+)"')
FACET = re.compile(r'<a class="facet[^"]*" href="([^"]+)">([^<]+?) <span class="count">(\d+)</span>')


@pytest.fixture(scope="module")
def client(samples_archive):
    app = create_app(samples_archive)
    with TestClient(app) as test_client:
        yield test_client
    app.state.close()


def _ids(page: str) -> list[str]:
    return HIT_LINK.findall(page)


def _form_value(page: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


def _search(client, **params):
    return client.get("/search", params=params)


def test_every_page_answers(client, samples_archive):
    home = client.get("/")
    assert home.status_code == 200 and '<form id="search"' in home.text and 'name="viewport"' in home.text
    found = _search(client, q="volontär*")
    assert found.status_code == 200
    ids = _ids(found.text)
    assert ids and "<mark>" in found.text
    decision = next(i for i in ids if re.search(r"-d\d+$", i))
    memo = next(i for i in ids if re.search(r"-a\d+$", i))
    item = next(i for i in ids if re.fullmatch(r"[0-9a-f]+-\d+", i))
    for record_id in (item, decision, memo):
        page = client.get(f"/record/{record_id}")
        assert page.status_code == 200, record_id
        assert f'<img class="page-image" src="/record/{record_id}/page.png"' in page.text
        assert '<details class="cite"><summary>Cite</summary>' in re.sub(r">\s+<", "><", page.text)
        assert '<a class="meeting" href="/meeting/' in page.text and "<h1>" in page.text
        image = client.get(f"/record/{record_id}/page.png")
        assert image.status_code == 200 and image.headers["content-type"] == "image/png"
        assert image.content.startswith(b"\x89PNG\r\n\x1a\n")
    item_page = client.get(f"/record/{item}").text
    assert 'class="prev-item"' in item_page or 'class="next-item"' in item_page
    assert '<span class="outcome">approved</span>' in item_page
    document = item.rsplit("-", 1)[0]
    meeting = client.get(f"/meeting/{document}")
    assert meeting.status_code == 200 and f'<a class="download" href="/meeting/{document}/original"' in meeting.text
    assert f'href="/record/{item}"' in meeting.text and "<h2>Attendance</h2>" in meeting.text
    original = client.get(f"/meeting/{document}/original")
    assert original.status_code == 200 and "attachment" in original.headers["content-disposition"]
    stored = [p for p in (samples_archive / "originals").rglob("*") if p.is_file() and p.name.startswith(document)]
    assert original.content == stored[0].read_bytes()
    assert client.get(f"/record/{document}", follow_redirects=False).headers["location"] == f"/meeting/{document}"
    person = client.get("/person/Tove Dahlqvist")
    assert person.status_code == 200 and "<h1>Tove Dahlqvist</h1>" in person.text and "förvaltningschef" in person.text
    assert "2023-02-08" in person.text and "2023-04-05" in person.text  # first and last meeting
    timeline = client.get("/timeline", params={"q": "volontär*"})
    assert timeline.status_code == 200 and '<svg class="timeline"' in timeline.text
    bars = re.findall(r'<a href="(/search\?[^"]+)"><title>[^<]*</title><rect class="bar"', timeline.text)
    assert bars and all("date_from=2023" in html.unescape(b) for b in bars)
    assert client.get("/static/style.css").status_code == 200


def test_the_cite_menu_holds_every_format(client):
    item = _ids(_search(client, q="volontär*", kind="item").text)[0]
    page = client.get(f"/record/{item}").text
    for fmt in ("text", "markdown", "bibtex", "ris", "csl-json", "apa", "chicago-author-date", "harvard-cite-them-right"):
        assert f'<pre class="citation" data-format="{fmt}">' in page, fmt
        assert f'<button type="button" class="copy" data-format="{fmt}">Copy</button>' in page, fmt
    bibtex = html.unescape(re.search(r'<pre class="citation" data-format="bibtex">(.*?)</pre>', page, re.S).group(1))
    assert bibtex.startswith("@misc{") and f"archiveid = {{{item}}}" in bibtex


@pytest.mark.parametrize("path", ["/record/nope-1", "/record/nope-1/page.png", "/meeting/ffffffffffff",
                                  "/meeting/ffffffffffff/original", "/person/Nobody Anywhere", "/no/such/page"])
def test_a_missing_id_is_a_404_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html") and '<p class="error">' in response.text


@pytest.mark.parametrize("params, words", [
    ({"q": '"unclosed'}, "quote"), ({"q": "kind:bogus"}, "kind"), ({"q": "x", "kind": "bogus"}, "kind"),
    ({"q": "x", "date_from": "not a date"}, "date"), ({"page": "two"}, "page"),
    ({"q": 'person:"Tove Dahlqvist"', "person": "Maria Forsberg"}, "twice"),
])
def test_a_malformed_query_is_a_readable_400(client, params, words):
    response = _search(client, **params)
    assert response.status_code == 400
    message = html.unescape(re.search(r'<p class="error">(.*?)</p>', response.text, re.S).group(1))
    assert words in message.lower() and "Traceback" not in response.text
    assert _form_value(response.text, "q") == params.get("q", "")  # the search is kept to be mended
    assert client.get("/timeline", params={"q": '"unclosed'}).status_code == 400


def test_the_url_holds_the_whole_search(client):
    params = {"q": "", "date_from": "2023", "date_to": "2023-12"}
    first = _search(client, **params)
    assert first.status_code == 200
    for name in ("date_from", "date_to"):
        assert _form_value(first.text, name) == params[name]
    following = re.search(r'<a class="next" rel="next" href="([^"]+)"', first.text)
    assert following, "the samples' 38 records no longer fill two pages of 20"
    url = html.unescape(following.group(1))
    assert parse_qs(urlsplit(url).query) == {"date_from": ["2023"], "date_to": ["2023-12"], "page": ["2"]}
    second = client.get(url)
    assert second.status_code == 200 and '<a class="prev" rel="prev"' in second.text
    assert _ids(second.text) and not set(_ids(first.text)) & set(_ids(second.text))
    assert _form_value(second.text, "date_to") == "2023-12"
    kinds = _search(client, q="volontär*", kind="decision", person="Tove Dahlqvist")
    assert '<option value="decision" selected>' in kinds.text and _form_value(kinds.text, "person") == "Tove Dahlqvist"
    assert all(re.search(r"-d\d+$", i) for i in _ids(kinds.text))


def test_a_facet_narrows_the_search(client):
    page = _search(client, q="volontär*").text
    total = len(_ids(page))
    bodies = [(html.unescape(url), label, int(n)) for url, label, n in FACET.findall(page) if "body=" in url]
    assert len(bodies) >= 2
    url, body, count = bodies[0]
    assert parse_qs(urlsplit(url).query)["q"] == ["volontär*"]
    narrowed = client.get(url)
    assert narrowed.status_code == 200
    ids = _ids(narrowed.text)
    assert 0 < len(ids) == count < total
    assert narrowed.text.count('class="hit-meeting" href="/meeting/') == len(ids)
    assert all(html.unescape(b) == body for b in re.findall(r'class="hit-meeting" href="[^"]+">([^<]+)<', narrowed.text))
    assert _form_value(narrowed.text, "body") == body


def test_a_typed_prefix_goes_to_the_search_unchanged(client):
    typed = 'person:"Tove Dahlqvist" volontär*'
    page = _search(client, q=typed).text
    assert _form_value(page, "q") == typed
    ids = _ids(page)
    assert ids and set(ids) < set(_ids(_search(client, q="volontär*").text))
    assert "for Tove Dahlqvist" in page
    assert "person=" not in "".join(url for url, _, _ in FACET.findall(page))  # no facet contradicting the box


def _snapshot(archive: Path) -> dict:
    """Every file that holds the archive's data, with its bytes' hash and mtime (SQLite's shared-memory side file
    is rewritten by any reader, and the writer lock is opened to be checked)."""
    return {str(p.relative_to(archive)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(archive.rglob("*")) if p.is_file() and not p.name.endswith(("-shm", ".lock"))}


def test_no_request_changes_the_archive(samples_archive):
    before = _snapshot(samples_archive)
    assert "catalog.sqlite" in before and any(name.startswith("originals/") for name in before)
    app = create_app(samples_archive)
    with TestClient(app) as client:
        item = _ids(_search(client, q="volontär*", kind="item").text)[0]
        for path in ["/", "/search?q=volontär*", "/search?q=bygglov&page=2", f"/record/{item}",
                     f"/record/{item}/page.png", f"/meeting/{item.rsplit('-', 1)[0]}", "/person/Tove Dahlqvist",
                     "/timeline?q=volontär*", "/search?q=%22bad", "/record/missing-1"] * 5:
            assert client.get(path).status_code in (200, 400, 404)
        for method in ("post", "put", "delete", "patch"):
            assert getattr(client, method)(f"/record/{item}").status_code == 405
    app.state.close()
    assert _snapshot(samples_archive) == before


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """An archive of one meeting whose item names a person by a (valid, made-up) personal identity number."""
    from minutes_archive.records.text import luhn_ok

    number = next(f"19640823-323{c}" for c in "0123456789" if luhn_ok(f"640823323{c}"))
    folder = tmp_path_factory.mktemp("web-masking")
    source = folder / "protokoll.txt"
    source.write_text("Kulturnämndens protokoll\nSammanträdesdatum 2023-03-07\nNärvarande: ordförande Anna Svensson\n\n"
                      f"§ 1 Bostadsanpassningsbidrag {number}\nAnsökan från {number} om bidrag.\n"
                      f"Beslut: Att bevilja bostadsanpassningsbidrag till {number}.\n", encoding="utf-8")
    archive = folder / "archive"
    minutes(archive, "import", str(source))
    return archive, number


def test_personal_identity_numbers_are_masked_on_every_page(planted):
    archive, number = planted
    digits = number.replace("-", "")
    app = create_app(archive)
    with TestClient(app) as client:
        found = _search(client, q="bostadsanpassningsbidrag")
        [document] = {i.split("-")[0] for i in _ids(found.text)}
        pages = [found, _search(client, q=number), client.get(f"/meeting/{document}"),
                 client.get("/timeline", params={"q": "bidrag"}), client.get("/person/Anna Svensson")]
        pages += [client.get(f"/record/{record_id}") for record_id in _ids(found.text)]
        for response in pages:
            text = html.unescape(response.text)
            assert number not in text and digits not in re.sub(r"\D", "", text), response.url
        assert all("[personnummer]" in html.unescape(r.text) for r in pages[:1] + pages[5:])
    app.state.close()


def test_snippet_marks_escape_the_text():
    assert marked("a <b> & volontär", [(8, 14)]) == "a &lt;b&gt; &amp; <mark>volont</mark>är"
    assert marked("abc", [(0, 2), (1, 3)]) == "<mark>ab</mark>c"  # overlapping marks: the first wins


def _serve(archive: Path, *args: str) -> subprocess.Popen:
    code = "import minutes_archive.cli.serve; from minutes_archive.cli.app import run; run()"
    return subprocess.Popen([sys.executable, "-c", code, "--archive", str(archive), "serve", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_the_serve_command_prints_its_url_and_serves(samples_archive):
    import httpx

    started = time.monotonic()
    process = _serve(samples_archive, "--port", "0")
    try:
        line = process.stdout.readline()
        ready = time.monotonic() - started
        found = re.fullmatch(r"Serving (.+) at (http://127\.0\.0\.1:(\d+)/) \(read-only; Ctrl-C to stop\)\n", line)
        assert found, (line, process.stderr.read() if process.poll() is not None else "")
        assert int(found.group(3)) != 0 and Path(found.group(1)) == samples_archive
        assert ready < 3, f"ready after {ready:.2f} s"  # about 0.6 s on an idle machine; the issue asks < 1 s
        response = httpx.get(found.group(2) + "search", params={"q": "volontär*"})
        assert response.status_code == 200 and '<ol class="hits"' in response.text
        rebound = httpx.get(found.group(2), headers={"Host": "attacker.example"})
        assert rebound.status_code == 400  # a page elsewhere cannot read the archive through DNS rebinding
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert "Warning" not in err


def test_serving_beyond_this_machine_warns_that_there_is_no_login(samples_archive):
    process = _serve(samples_archive, "--port", "0", "--host", "0.0.0.0")
    try:
        assert process.stdout.readline().startswith("Serving ")
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=10)
    assert "no login" in err


def test_a_missing_archive_fails_before_listening(tmp_path):
    process = _serve(tmp_path / "nothing-here", "--port", "0")
    out, err = process.communicate(timeout=20)
    assert process.returncode == 2 and "Serving" not in out and "no archive" in err
