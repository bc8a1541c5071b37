"""Query latency of `Archive.search` against a bare Whoosh index of the same documents.

    python bench/search.py [--sizes 1000 10000 100000] [--queries 60] [--workdir DIR]

For each size (agenda items) it imports synthetic minutes through the real
pipeline, then times six query classes — topic, person, date range, all
three, wildcard (a prefix or suffix pattern), partial (two subjects no item
has together, so the page is filled with records holding one of them) —
through our API (one long-lived Archive, so filters are cached per
searcher) and as plain Whoosh queries on an index built here from the same
documents with the same schema: the same Whoosh query our builder makes
(the wildcard expanded to the same words; for partial matches, the words
joined with OR), filters as plain queries. Prints p50/p95 and the ratio of
p95s, then the warm wall time of one `minutes search` process at the
largest size.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import SUBJECTS, write_corpus  # noqa: E402

from minutes_archive import Archive  # noqa: E402
from minutes_archive.search.builder import Builder  # noqa: E402
from minutes_archive.search.grammar import parse  # noqa: E402
from minutes_archive.search.searcher import Searcher  # noqa: E402
from minutes_archive.search.store import load_glossary  # noqa: E402
from minutes_archive.search.documents import index_documents  # noqa: E402
from minutes_archive.search.schema import schema  # noqa: E402

ITEMS_PER_DOC = 10


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed(call, runs):
    out = []
    for args in runs:
        start = time.perf_counter()
        call(*args)
        out.append((time.perf_counter() - start) * 1000)
    return out


def build(workdir: Path, items: int) -> Path:
    archive_dir = workdir / f"archive-{items}"
    if (archive_dir / "catalog.sqlite").exists():
        return archive_dir
    corpus = workdir / f"corpus-{items}"
    write_corpus(corpus, items // ITEMS_PER_DOC, ITEMS_PER_DOC)
    start = time.perf_counter()
    with Archive(archive_dir) as archive:
        report = archive.import_paths([corpus])
    print(f"  imported {report['summary']['imported']} minutes in {time.perf_counter() - start:.0f} s", flush=True)
    shutil.rmtree(corpus)
    return archive_dir


def bare_index(archive_dir: Path, archive: Archive) -> Path:
    path = archive_dir.parent / (archive_dir.name + "-bare")
    if not whoosh_index.exists_in(str(path)):
        path.mkdir(exist_ok=True)
        ix = whoosh_index.create_in(str(path), schema())
        writer = ix.writer(procs=2, multisegment=True, limitmb=256)
        for doc in index_documents(archive.conn):
            writer.add_document(**doc)
        writer.commit()
    return path


def classes(archive: Archive, rng: random.Random, n: int):
    people = [p for p in archive.people() if len(p["items"]) > 3]
    years = [str(y) for y in range(1995, 2023)]
    topics = [rng.choice(SUBJECTS) for _ in range(n)]
    persons = [rng.choice(people) for _ in range(n)]
    spans = [sorted(rng.sample(years, 2)) for _ in range(n)]
    patterns = [t[:rng.randint(4, 6)] + "*" if i % 2 else "*" + t[-rng.randint(4, 6):] for i, t in enumerate(topics)]
    pairs = [f"{t} {rng.choice([u for u in SUBJECTS if u != t])}" for t in topics]
    return {
        "topic": [(t, {}) for t in topics],
        "wildcard": [(p, {}) for p in patterns],
        "partial": [(p, {}) for p in pairs],
        "person": [(None, {"person": p["name"]}) for p in persons],
        "date range": [(None, {"date_from": a, "date_to": b}) for a, b in spans],
        "all three": [(t, {"person": p["name"], "date_from": a, "date_to": b}) for t, p, (a, b) in zip(topics, persons, spans)],
    }, {"persons": {p["name"]: p for p in persons}}


def bare_query(searcher, glossary, text, options, context):
    """The same Whoosh query our builder makes, run plainly: filters as queries recomputed every time,
    stored fields of the top 20, no snippets; several words that no record holds together are ORed."""
    expand = context["expand"]  # wildcards stand for the same words as ours, the word list read once as ours
    q = Builder(glossary, expand=expand).build(parse(text)) if text else wq.Every()
    if text and " " in text and not searcher.search(q, limit=1):
        q = wq.Or([Builder(glossary, expand=expand).build(parse(word)) for word in text.split()])
    filters = []
    if "person" in options:
        filters.append(wq.Or([wq.Term("persons", k) for k in context["persons"][options["person"]]["keys"]]))
    if "date_from" in options:
        filters.append(wq.NumericRange("day", int(options["date_from"]) * 10000 + 101, int(options["date_to"]) * 10000 + 1231))
    combined = wq.And(filters) if len(filters) > 1 else (filters[0] if filters else None)
    hits = searcher.search(q, limit=20, filter=combined, sortedby=None if text else "day")
    return [hit.fields() for hit in hits]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--workdir", type=Path, default=Path("build/bench"))
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    print("items    class        ours p50   ours p95   bare p50   bare p95   p95 ratio")
    for items in args.sizes:
        print(f"{items}:", flush=True)
        archive_dir = build(args.workdir, items)
        with Archive(archive_dir) as archive:
            archive.search("budget")  # opens the searcher, as a long-running user of the API would
            bare = whoosh_index.open_dir(str(bare_index(archive_dir, archive))).searcher()
            runs, context = classes(archive, rng, args.queries)
            glossary = load_glossary(archive_dir / "index")
            context["expand"] = Searcher(bare, glossary).expand
            for name, queries in runs.items():
                ours = timed(lambda text, options: archive.search(text, **options), queries)
                plain = timed(lambda text, options: bare_query(bare, glossary, text, options, context), queries)
                print(f"{items:<8} {name:<12} {percentile(ours, .5):8.1f}ms {percentile(ours, .95):8.1f}ms "
                      f"{percentile(plain, .5):8.1f}ms {percentile(plain, .95):8.1f}ms "
                      f"{percentile(ours, .95) / percentile(plain, .95):9.2f}", flush=True)
            bare.close()
    largest = args.workdir / f"archive-{max(args.sizes)}"
    command = [sys.executable, "-m", "minutes_archive", "--archive", str(largest), "search", "idrottshallen"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as users run it: bytecode cached
    subprocess.run(command, capture_output=True, check=True, env=env)  # warms the page cache and writes bytecode
    walls = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, env=env)
        walls.append(time.perf_counter() - start)
    print(f"warm `minutes search` wall time at {max(args.sizes)} items: median {statistics.median(walls):.2f} s")


if __name__ == "__main__":
    main()
