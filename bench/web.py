"""Search page latency of `minutes serve` over HTTP, as a browser would ask for it.

    python bench/web.py [--sizes 10000 100000] [--queries 40] [--workdir build/bench]

For each size (agenda items) it imports synthetic minutes through the real pipeline (bench/search.py's `build`,
so both benches share the archives kept in --workdir; a 100k archive takes most of an hour to import the first
time), starts the real `minutes serve --port 0` in its own process, and times GET /search with the query
classes of bench/search.py (topic, person, date range, all three) plus facets: the href of a facet link
(`<a class="facet">`) taken from a topic search's page, as a person clicking it would ask. Each time is the
whole request on a kept-alive connection: routing, `Archive.search`, rendering, the body read. Prints p50/p95
per class against the target (p95 < 200 ms), how long the server took to be ready, and then the same
Archive.search calls in process (facets included), to tell the search from HTTP and rendering.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from html import unescape
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from search import build, classes, percentile  # noqa: E402
from web_support import running_server  # noqa: E402

from minutes_archive import Archive  # noqa: E402

TARGET_MS = 200
CLASSES = ("topic", "person", "date range", "all three")
FACET = re.compile(r'<a\b[^>]*\bclass="[^"]*\bfacet\b[^"]*"[^>]*\bhref="([^"]+)"|'
                   r'<a\b[^>]*\bhref="([^"]+)"[^>]*\bclass="[^"]*\bfacet\b[^"]*"')


def search_paths(archive_dir: Path, rng: random.Random, n: int) -> dict[str, list[str]]:
    """The same queries as bench/search.py, as the search form would put them in the URL."""
    with Archive(archive_dir) as archive:
        runs, _ = classes(archive, rng, n)
    paths = {}
    for name in CLASSES:
        paths[name] = ["/search?" + urlencode({"q": text or "", **options}) for text, options in runs[name]]
    return paths


def facet_paths(client: httpx.Client, topics: list[str], rng: random.Random) -> list[str]:
    """One facet link per topic search, picked at random from those the page offers."""
    found = []
    for path in topics:
        page = client.get(path)
        links = [unescape(a or b) for a, b in FACET.findall(page.text)]
        if links:
            found.append(rng.choice(links))
    return found


def timed(client: httpx.Client, paths: list[str]) -> tuple[list[float], int, list[str]]:
    """Milliseconds per request, how many pages listed hits, and any request that did not answer 200."""
    times, with_hits, failed = [], 0, []
    for path in paths:
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            failed.append(f"{response.status_code} {path}")
        with_hits += 'class="hit"' in response.text
    return times, with_hits, failed


def in_process(archive: Archive, paths: list[str]) -> list[float]:
    """Milliseconds of the `Archive.search` call each page makes (facets included), without HTTP and rendering."""
    times = []
    for path in paths:
        options = {k: v for k, v in parse_qsl(urlsplit(path).query) if v}
        text = options.pop("q", None)
        if "page" in options:
            options["page"] = int(options["page"])
        start = time.perf_counter()
        archive.search(text, **options, facets=True)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--workdir", type=Path, default=Path("build/bench"))
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    print(f"items    class           p50        p95   pages with hits   p95 < {TARGET_MS} ms  (HTTP, whole page)")
    failures = []
    for items in args.sizes:
        print(f"{items}:", flush=True)
        archive_dir = build(args.workdir, items)
        paths = search_paths(archive_dir, rng, args.queries)
        start = time.perf_counter()
        with running_server(archive_dir, timeout=300) as server:
            ready = time.perf_counter() - start
            with httpx.Client(base_url=server.url.rstrip("/"), timeout=60) as client:
                client.get("/search?" + urlencode({"q": "budget"}))  # opens the searcher, as the first visitor would
                paths["facets"] = facet_paths(client, paths["topic"], rng)
                for name, batch in paths.items():
                    if not batch:
                        print(f"{items:<8} {name:<12} no facet links on the search page", flush=True)
                        continue
                    times, with_hits, failed = timed(client, batch)
                    failures += failed
                    p50, p95 = percentile(times, .5), percentile(times, .95)
                    print(f"{items:<8} {name:<12} {p50:8.1f}ms {p95:8.1f}ms   {with_hits:>6}/{len(batch):<9}"
                          f"  {'yes' if p95 < TARGET_MS else 'NO'}", flush=True)
        print(f"{items:<8} server ready in {ready:.1f} s", flush=True)
        with Archive(archive_dir) as archive:  # after the server stopped: the two never share the machine's cores
            archive.search("budget")
            for name, batch in paths.items():
                api = in_process(archive, batch)
                print(f"{items:<8} {name:<12} API p50 {percentile(api, .5):6.1f}ms  p95 {percentile(api, .95):6.1f}ms",
                      flush=True)
    for failure in failures:
        print(f"not 200: {failure}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
