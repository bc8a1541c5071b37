"""`minutes serve` as a person uses it, in a real (headless) Chromium: search, narrow by a facet, open a hit, see the
highlighted page, copy a citation; at a laptop's and a phone's width, with screenshots in build/screenshots/.

The server is the real command in its own process over the project's sample minutes; the browser is Debian's
Chromium (skipped, with the reason, where it is not installed; `make test` and CI install it).
"""
from __future__ import annotations

import io
import socket
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from PIL import Image

from web_support import NARROW, WIDE, browser_missing, chrome, running_server, screenshot, set_width

pytestmark = [pytest.mark.slow, pytest.mark.skipif(browser_missing() is not None, reason=browser_missing() or "")]

QUERY = "föreningsbidrag"  # 7 items of the samples, in three bodies: one page, and a body facet narrows it
WAIT = 20


@pytest.fixture(scope="module")
def server(samples_archive):
    with running_server(samples_archive) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    with chrome(WIDE) as driver:
        yield driver


@pytest.fixture
def page(browser, server):
    """The browser at laptop width, and a way to open a path of the server's and wait for its <h1>."""
    set_width(browser, WIDE)

    def open_path(path: str):
        browser.get(server.url.rstrip("/") + path)
        wait_for(browser, "h1")
        return browser

    return open_path


def wait_for(driver, css: str, count: int = 1):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        WebDriverWait(driver, WAIT).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, css)) >= count)
    except Exception as error:  # selenium's TimeoutException: say what page we were on
        raise AssertionError(f"no {css!r} on {driver.current_url} within {WAIT} s:\n{driver.page_source[:3000]}") from error
    return driver.find_elements(By.CSS_SELECTOR, css)


def hit_ids(driver) -> list[str]:
    return [a.get_attribute("href").rstrip("/").rsplit("/", 1)[-1] for a in wait_for(driver, "ol.hits li.hit a.hit-link")]


def search_for(open_path, words: str):
    """Type `words` in the search box of the start page and submit it with the button, as a person would."""
    from selenium.webdriver.common.by import By

    driver = open_path("/")
    box = driver.find_element(By.CSS_SELECTOR, "form#search input[name='q']")
    box.clear()
    box.send_keys(words)
    old = driver.current_url
    driver.find_element(By.CSS_SELECTOR, "form#search button[type='submit']").click()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, WAIT).until(lambda d: d.current_url != old)
    wait_for(driver, "h1")
    return driver


def yellowish(png: bytes) -> tuple[int, int]:
    """Pixels of the highlight colour (a light yellow over white paper: R and G high, B well below them), and all."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    data = image.tobytes()
    pixels = list(zip(data[0::3], data[1::3], data[2::3]))
    count = sum(1 for r, g, b in pixels if r >= 200 and g >= 170 and b <= 215 and r - b >= 40 and g - b >= 30)
    return count, len(pixels)


def test_typing_a_search_shows_hits_with_the_words_marked(page):
    driver = search_for(page, QUERY)
    query = parse_qs(urlsplit(driver.current_url).query)
    assert query.get("q") == [QUERY], driver.current_url  # the URL holds the query: it can be bookmarked and shared
    ids = hit_ids(driver)
    assert len(ids) == 7, ids
    from selenium.webdriver.common.by import By

    marks = [m.text.lower() for m in driver.find_elements(By.CSS_SELECTOR, "ol.hits li.hit mark")]
    assert any("föreningsbidrag" in m for m in marks), marks


def test_a_facet_narrows_the_hits_and_the_url(page):
    from selenium.webdriver.common.by import By

    driver = search_for(page, QUERY)
    before, url = hit_ids(driver), driver.current_url
    facets = wait_for(driver, "nav.facets a.facet")
    bodies = [a for a in facets if "body" in parse_qs(urlsplit(a.get_attribute("href")).query)]
    assert len(bodies) == 3, [a.get_attribute("href") for a in facets]  # three bodies discuss the grants
    target = bodies[-1]
    body = parse_qs(urlsplit(target.get_attribute("href")).query)["body"][0]
    target.click()
    wait_for(driver, "h1")
    assert driver.current_url != url
    query = parse_qs(urlsplit(driver.current_url).query)
    assert query.get("body") == [body] and query.get("q") == [QUERY], driver.current_url
    after = hit_ids(driver)
    assert 0 < len(after) < len(before) and set(after) <= set(before), (before, after)
    bodies_shown = driver.find_element(By.CSS_SELECTOR, "ol.hits").text
    assert bodies_shown.count(body) >= len(after), bodies_shown


def test_a_hit_opens_its_item_with_the_page_image_highlighted(page, server):
    from selenium.webdriver.common.by import By

    driver = search_for(page, QUERY)
    first = wait_for(driver, "ol.hits li.hit a.hit-link")[0]
    record = first.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
    first.click()
    image = wait_for(driver, "img.page-image")[0]
    assert urlsplit(driver.current_url).path == f"/record/{record}"
    assert driver.find_element(By.TAG_NAME, "h1").text.strip()
    assert image.get_attribute("alt"), "the page image needs an alt text"
    loaded = driver.execute_async_script(
        "const img = arguments[0], done = arguments[arguments.length - 1];"
        "if (img.complete) done(img.naturalWidth); else img.onload = img.onerror = () => done(img.naturalWidth);", image)
    assert loaded > 0, f"the page image did not load: {image.get_attribute('src')}"
    response = httpx.get(image.get_attribute("src"), timeout=WAIT)
    assert response.status_code == 200 and response.headers["content-type"].startswith("image/png"), response.headers
    count, total = yellowish(response.content)
    assert 200 < count < total / 2, f"{count} highlight pixels of {total}: the record's words are not highlighted"
    meeting = driver.find_element(By.CSS_SELECTOR, "a.meeting").get_attribute("href")
    assert urlsplit(meeting).path == f"/meeting/{record.split('-')[0]}", meeting


def test_the_cite_menu_holds_bibtex_to_copy(page):
    from selenium.webdriver.common.by import By

    driver = search_for(page, QUERY)
    first = wait_for(driver, "ol.hits li.hit a.hit-link")[0]
    record = first.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
    first.click()
    menu = wait_for(driver, "details.cite")[0]
    bibtex = menu.find_element(By.CSS_SELECTOR, "pre.citation[data-format='bibtex']")
    assert not bibtex.is_displayed(), "the cite menu should start closed"
    menu.find_element(By.CSS_SELECTOR, "summary").click()
    assert menu.get_attribute("open") is not None
    assert bibtex.is_displayed()
    text = bibtex.text
    title = driver.find_element(By.TAG_NAME, "h1").text
    assert text.lstrip().startswith("@"), text
    assert record in text or any(word in text for word in title.split() if len(word) > 5), (record, title, text)
    formats = {pre.get_attribute("data-format") for pre in menu.find_elements(By.CSS_SELECTOR, "pre.citation")}
    assert {"text", "markdown", "bibtex", "ris", "csl-json", "apa", "chicago-author-date",
            "harvard-cite-them-right"} <= formats, formats
    assert menu.find_elements(By.CSS_SELECTOR, "button.copy[data-format='bibtex']")


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["1280", "390"])
def test_pages_fit_the_width_and_are_photographed(page, browser, size):
    from selenium.webdriver.common.by import By

    record = hit_ids(search_for(page, QUERY))[0]
    set_width(browser, size)
    for name, path, shows in [("search", f"/search?q={QUERY}", "ol.hits li.hit"),
                              ("item", f"/record/{record}", "img.page-image"),
                              ("timeline", "/timeline?q=bidrag", "svg.timeline rect.bar")]:
        driver = page(path)
        set_width(driver, size)
        wait_for(driver, shows)
        viewport = driver.find_element(By.CSS_SELECTOR, "meta[name='viewport']").get_attribute("content")
        assert "width=device-width" in viewport, viewport
        width, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert inner == size[0], (name, inner)
        assert width <= inner + 1, f"{name} at {size[0]} px is {width} px wide: it scrolls sideways"
        shot = screenshot(driver, f"{name}-{size[0]}")
        with Image.open(shot) as image:
            assert image.format == "PNG" and image.width == size[0], (shot, image.size)


def test_the_timeline_links_each_year_to_its_search(page):
    from selenium.webdriver.common.by import By

    driver = page("/timeline?q=bidrag")
    bars = wait_for(driver, "svg.timeline rect.bar")
    links = driver.find_elements(By.CSS_SELECTOR, "svg.timeline a")
    assert len(links) == len(bars) >= 1
    hrefs = [driver.execute_script("return arguments[0].getAttribute('href') || arguments[0].getAttribute('xlink:href')", a)
             for a in links]
    assert all(urlsplit(h).path == "/search" and "bidrag" in h for h in hrefs), hrefs
    links[-1].click()  # the latest year: its search lists that year's hits
    assert urlsplit(driver.current_url).path == "/search", driver.current_url
    assert wait_for(driver, "ol.hits li.hit")


def test_the_server_stops_and_leaves_nothing_behind(samples_archive):
    with running_server(samples_archive) as running:
        host, port = urlsplit(running.url).hostname, urlsplit(running.url).port
        assert host in ("127.0.0.1", "localhost") and port, running.url  # --port 0 printed the real port
        assert httpx.get(running.url, timeout=WAIT).status_code == 200
        proc = running.proc
    assert proc.poll() is not None
    with pytest.raises(OSError):
        socket.create_connection((host, port), timeout=2).close()
