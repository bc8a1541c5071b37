"""Index and query throughput of Solr (a 2-node SolrCloud) against Whoosh on the same synthetic archives.

    python bench/scale.py --sizes 100000 1000000 [--workdir build/scale] [--queries 40] [--solr-url URLS]

Importing a million items through the real pipeline would take most of a day, so the catalogs are written
here directly: `Archive(path)` makes an empty catalog with the current schema, then documents, items,
decisions, person mentions and participants are inserted in large transactions, with the Swedish text of
bench/synth.py (its word lists; ~10 items a meeting, a decision on some, 2-4 persons an item from a pool
of a few thousand names, 30 years of meetings, a few dozen bodies). Catalogs stay in --workdir, so a
re-run reuses them; the indexes are built again each run, since their build is what is measured.

Per size and engine: the index build (`Archive.reindex`) in seconds and index documents a second, the
disk size of the Whoosh index or of the Solr nodes' data dirs, the Solr nodes' RSS, then p50/p95 of five
query classes (topic, person, date range, combined, facets), after warming. Without --solr-url the
script starts its own 2-node cluster (tests/solr_support.py; Solr is built with Maven if needed).

Whoosh indexes in one Python process: where its build at a size would exceed --whoosh-budget seconds
(extrapolated from the previous size's rate), it is measured at the largest whole multiple of 100k items
that fits instead, and the full size's build time is extrapolated.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
from synth import ACTIONS, BODIES, PLACES, ROLES, SUBJECTS  # noqa: E402

from minutes_archive import Archive  # noqa: E402
from minutes_archive.records.text import fold  # noqa: E402
from minutes_archive.samples.fictional import FIRST, LAST, MONTHS, swedish_date  # noqa: E402

ITEMS_PER_DOC = 10
# more invented names than samples/fictional.py's, so the pool holds a few thousand people
MORE_FIRST = ["Agnes", "Alva", "Arvid", "Astrid", "Axel", "Bengt", "Britt", "Cecilia", "Daniel", "Ebba", "Einar",
              "Emil", "Erik", "Frida", "Gunnar", "Gustav", "Hanna", "Helena", "Henrik", "Ida", "Inger", "Jonas",
              "Karl", "Kerstin", "Linnea", "Maja", "Malin", "Margareta", "Nils", "Olof", "Oskar", "Per", "Ragnar",
              "Rut", "Signe", "Siv", "Stina", "Sven", "Tove", "Ulla"]
MORE_LAST = ["Almqvist", "Andersson", "Berglund", "Blom", "Boström", "Carlsson", "Ek", "Engström", "Falk", "Fransson",
             "Gustafsson", "Hallberg", "Holm", "Hägg", "Jansson", "Johansson", "Karlsson", "Lindberg", "Lindqvist",
             "Lundin", "Magnusson", "Mattsson", "Nilsson", "Nyberg", "Nyström", "Olsson", "Persson", "Pettersson",
             "Rosén", "Sandberg", "Sjöberg", "Strand", "Svensson", "Söderberg", "Törnqvist", "Wallin", "Wikström",
             "Åberg", "Öberg", "Östlund", "Lindgren", "Sundberg", "Hellström", "Bergman"]
POOL = sorted({f"{a} {b}" for a in FIRST + MORE_FIRST for b in LAST + MORE_LAST})
TOWNS = ["Norrvik", "Sjöhamra", "Ekeby"]
ALL_BODIES = [f"{b} i {t}" for t in TOWNS for b in BODIES]  # 36 bodies
START = date(1995, 1, 2)
DAYS = 30 * 365
OUTCOMES = ["approved", "approved", "approved", "rejected", "referred", "postponed", "noted"]


# ------------------------------------------------------------------ the catalog, written directly

def _mention(document_id, segment, item_id, start, name, role):
    return (document_id, segment, item_id, start, name, "name", name, fold(name), role, None)


def meeting(n: int, items: int, rng: random.Random):
    """One meeting's rows: (document, items, decisions, mentions, participants), in bench/synth.py's words."""
    doc_id = f"syn{n:07d}"
    body = rng.choice(ALL_BODIES)
    day = START + timedelta(days=rng.randrange(DAYS))
    people = rng.sample(POOL, 6)
    chair, secretary, official = people[:3]
    role = rng.choice(ROLES)
    genitive = body.split(" i ")[0]
    genitive = genitive if genitive.endswith("s") else genitive + "s"
    head = f"{genitive} protokoll\nSammanträdesdatum {day.isoformat()}\nNärvarande: ordförande "
    preamble = f"{head}{chair}, sekreterare {secretary}, {role} {official}"
    mentions = [_mention(doc_id, "preamble", None, len(head), chair, "ordförande"),
                _mention(doc_id, "preamble", None, len(head) + len(chair) + 14, secretary, "sekreterare"),
                _mention(doc_id, "preamble", None, preamble.rindex(official), official, role)]
    participants = [(doc_id, chair, fold(chair), "ordförande", "present"),
                    (doc_id, secretary, fold(secretary), "sekreterare", "present"),
                    (doc_id, official, fold(official), role, "official")]
    item_rows, decisions = [], []
    first = rng.randrange(1, 200)
    for k in range(items):
        item_id = f"{doc_id}-{k + 1:02d}"
        subject = rng.choice(SUBJECTS)
        title = f"{rng.choice(ACTIONS)} {subject}"
        speaker, other = rng.sample(people[3:] + people[:2], 2)
        lead = f"{role.capitalize()} "
        text = (f"{lead}{official} redogjorde för ärendet om {subject}. "
                f"{speaker} ställde frågor om kostnaderna och tidplanen för arbetet.")
        named = [(len(lead), official, role), (text.index(speaker, len(lead) + len(official)), speaker, None)]
        if rng.random() < 0.5:  # a third and fourth person on some items
            start = len(text) + 1
            text += f" {other} yrkade på att ärendet skulle återremitteras till förvaltningen."
            named.append((start, other, None))
            if rng.random() < 0.4:
                guest = rng.choice(POOL)
                start = len(text) + 1
                text += f" {guest} deltog som sakkunnig."
                named.append((start, guest, None))
        if rng.random() < 0.2:
            text += f" Frågan har tidigare behandlats av {rng.choice(BODIES).lower()}, se bilaga."
        beslut = f"Att godkänna förslaget om {subject} och att återkomma i {MONTHS[(day.month + 1) % 12]}."
        text += f"\nBeslut: {beslut}"
        number = str(first + k)
        item_rows.append((item_id, doc_id, k, number, f"§ {number}", title, text, 1 + k // 4, 1 + k // 4, None))
        mentions += [_mention(doc_id, item_id, item_id, s, name, r) for s, name, r in named]
        if rng.random() < 0.4:
            decisions.append((f"{item_id}-d1", doc_id, item_id, 0, beslut, "decision", 1 + k // 4,
                              rng.choice(OUTCOMES), None, None, None, None, None))
    closing = (f"{rng.choice(PLACES)} den {swedish_date(day + timedelta(days=7))}\n"
               f"Vid protokollet {secretary}. Justerat av {chair}, ordförande.")
    document = dict(id=doc_id, sha256=hashlib.sha256(doc_id.encode()).hexdigest(), source_name=f"{doc_id}.txt",
                    source_path=None, blob=f"synthetic/{doc_id}.txt", format="txt", kind="minutes", body=body,
                    title=f"{genitive} protokoll", meeting_date=day.isoformat(), signed_date=None,
                    place=rng.choice(PLACES), language="sv", page_count=1 + (items - 1) // 4, encoding="utf-8",
                    preamble=preamble, closing=closing)
    return document, item_rows, decisions, mentions, participants


def _columns(conn, table: str) -> list[str]:
    """The table's stored columns, in order (generated ones left out)."""
    return [r[1] for r in conn.execute(f"PRAGMA table_xinfo({table})") if r[6] == 0]


def build_catalog(workdir: Path, items: int) -> Path:
    """An archive of `items` agenda items, written straight into its catalog (kept for re-runs)."""
    path = workdir / f"archive-{items}"
    done = path / "synthetic.done"
    if done.exists():
        return path
    if path.exists():
        import shutil
        shutil.rmtree(path)
    started = time.perf_counter()
    with Archive(path) as archive:
        conn = archive.conn
        conn.execute("PRAGMA synchronous = OFF")
        item_cols = _columns(conn, "items")
        decision_cols = _columns(conn, "decisions")
        mention_cols = _columns(conn, "person_mentions")
        participant_cols = _columns(conn, "participants")
        assert len(item_cols) == 10 and len(decision_cols) == 13, (item_cols, decision_cols)
        assert len(mention_cols) == 10 and len(participant_cols) == 5, (mention_cols, participant_cols)

        def sql(table, cols):
            return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"

        rng = random.Random(items)
        docs = items // ITEMS_PER_DOC
        batch = 5000
        for start in range(0, docs, batch):
            conn.execute("BEGIN")
            for n in range(start, min(docs, start + batch)):
                document, item_rows, decisions, mentions, participants = meeting(n, ITEMS_PER_DOC, rng)
                conn.execute(sql("documents", list(document)), list(document.values()))
                conn.executemany(sql("items", item_cols), item_rows)
                conn.executemany(sql("decisions", decision_cols), decisions)
                conn.executemany(sql("person_mentions", mention_cols), mentions)
                conn.executemany(sql("participants", participant_cols), participants)
            conn.execute("COMMIT")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ANALYZE")
    done.write_text(json.dumps({"items": items, "seconds": round(time.perf_counter() - started, 1)}))
    return path


# ------------------------------------------------------------------ measuring

def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def named(path: Path) -> list[str]:
    """The pool's names the archive holds (a small archive does not name everyone)."""
    with Archive(path, create=False) as archive:
        return [r[0] for r in archive.conn.execute(
            "SELECT name FROM person_mentions GROUP BY name HAVING COUNT(*) > 3 ORDER BY name")]


def classes(rng: random.Random, n: int, people: list[str]) -> dict:
    """Five query classes of n queries each; persons drawn from those named, date ranges of 2-5 years."""
    topics = [rng.choice(SUBJECTS) for _ in range(n)]
    persons = [rng.choice(people) for _ in range(n)]
    spans = []
    for _ in range(n):
        first = rng.randrange(1995, 2021)
        spans.append((str(first), str(first + rng.randint(1, 4))))
    return {
        "topic": [(t, {}) for t in topics],
        "person": [(None, {"person": p}) for p in persons],
        "date range": [(None, {"date_from": a, "date_to": b}) for a, b in spans],
        "combined": [(t, {"person": p, "date_from": a, "date_to": b}) for t, p, (a, b) in zip(topics, persons, spans)],
        "facets": [(t, {"facets": True}) for t in topics],
    }


def timed(archive: Archive, queries) -> tuple[list[float], list[int]]:
    times, totals = [], []
    for text, options in queries:
        start = time.perf_counter()
        found = archive.search(text, limit=20, **options)
        times.append((time.perf_counter() - start) * 1000)
        totals.append(found.get("total", -1))
    return times, totals


def disk_mb(path: Path) -> float:
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                continue
    return total / 1e6


def rss_mb(pids: list[int]) -> list[float]:
    out = []
    for pid in pids:
        done = subprocess.run(["ps", "-o", "rss=", "-p", str(pid)], capture_output=True, text=True)
        out.append(int(done.stdout.strip() or 0) / 1024)
    return out


def solr_pids(urls: list[str]) -> list[int]:
    """The Solr JVMs serving these ports (ps lists each node's jetty port on its command line)."""
    ports = [u.split(":")[2].split("/")[0] for u in urls]
    listing = subprocess.run(["ps", "-eo", "pid=,args="], capture_output=True, text=True).stdout
    pids = []
    for port in ports:
        for line in listing.splitlines():
            if "java" in line and (f"-Djetty.port={port}" in line or f"--port {port}" in line or f" {port} " in line):
                pids.append(int(line.split()[0]))
                break
    return pids


def cpu_s(pids: list[int]) -> float:
    """CPU seconds used so far by this process, its finished children (Whoosh's writer processes) and the
    given processes (the Solr nodes): a build's cost that other load on the machine does not inflate."""
    import resource

    total = sum(getattr(resource.getrusage(who), part) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
                for part in ("ru_utime", "ru_stime"))
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def measure(path: Path, engine: str, solr_url: str | None, runs: dict, log, pids: list[int],
            reuse: bool = False) -> dict:
    """Build the engine's index of the archive, then time each query class on one long-lived Archive. With
    `reuse` a Whoosh index left by an earlier run is searched as it is (its build figures are then missing)."""
    options = {"engine": engine} | ({"solr_url": solr_url} if engine == "solr" else {})
    result: dict = {}
    with Archive(path, create=False, **options) as archive:
        last = [0.0]

        def progress(done, total):
            if time.perf_counter() - last[0] > 60:
                last[0] = time.perf_counter()
                log(f"    {engine}: {done}/{total} sent")

        if reuse and engine == "whoosh" and (path / "index").is_dir():
            log("    whoosh: searching the index an earlier run built")
            report, start, cpu = {"index_documents": 0}, time.perf_counter(), cpu_s(pids)
        else:
            start, cpu = time.perf_counter(), cpu_s(pids)
            report = archive.reindex(progress=progress)
        result["build_s"] = time.perf_counter() - start
        result["build_cpu_s"] = cpu_s(pids) - cpu
        result["index_docs"] = report["index_documents"]
        result["docs_per_s"] = report["index_documents"] / result["build_s"]
        log(f"    {engine}: built {report['index_documents']} index documents in {result['build_s']:.0f} s "
            f"({result['docs_per_s']:.0f}/s; {result['build_cpu_s']:.0f} CPU s)")
        for text, opts in [("budget", {}), ("hamnen", {"facets": True}), (None, {"person": runs["person"][-1][1]["person"]}),
                           (None, {"date_from": "2000", "date_to": "2003"})] * 3:
            archive.search(text, limit=20, **opts)  # warm: searcher, filter caches, page cache
        result["classes"] = {}
        for name, queries in runs.items():
            times, totals = timed(archive, queries)
            result["classes"][name] = {"p50": percentile(times, .5), "p95": percentile(times, .95), "totals": totals}
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100000, 1000000])
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "scale")
    parser.add_argument("--solr-url", help="node URLs, comma-separated (default: start a 2-node cluster here)")
    parser.add_argument("--engines", nargs="+", default=["whoosh", "solr"])
    parser.add_argument("--whoosh-budget", type=float, default=1200, help="seconds a Whoosh build may take")
    parser.add_argument("--solr-budget", type=float, default=1500, help="seconds a Solr build may take")
    parser.add_argument("--heap", default="2g", help="heap of each Solr node of a cluster started here")
    parser.add_argument("--reuse-index", action="store_true", help="search a Whoosh index an earlier run built")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)

    def log(message):
        print(message, flush=True)

    cluster = None
    urls = args.solr_url
    pids: list[int] = []
    if "solr" in args.engines and not urls:
        from tests.solr_support import SolrCluster

        cluster = SolrCluster(nodes=2, directory=args.workdir / "solr-cluster", heap=args.heap).start()
        urls, pids = ",".join(cluster.urls), list(cluster.pids)
        log(f"started a 2-node SolrCloud ({args.heap} heap each): {urls}")
    elif urls:
        pids = solr_pids(urls.split(","))
    figures: list[dict] = []
    rate: dict[str, float] = {}
    try:
        for items in args.sizes:
            for engine in args.engines:
                budget = args.whoosh_budget if engine == "whoosh" else args.solr_budget
                size, note = items, ""
                if engine in rate:
                    # ~1.6 index documents an item (items, decisions, preamble and closing)
                    estimate = items * 1.6 / rate[engine]
                    if estimate > budget:
                        size = int(rate[engine] * budget / 1.6) // 100000 * 100000
                        note = f"build at {items} extrapolated: {estimate / 60:.0f} min"
                        log(f"  {engine} at {items}: {note}; measured at {size} instead")
                        if size < 100000 or size in [f["items"] for f in figures if f["engine"] == engine]:
                            figures.append({"items": items, "engine": engine, "skipped": note})
                            continue
                path = build_catalog(args.workdir, size)
                log(f"{size} items ({engine}): catalog {path} "
                    f"({json.loads((path / 'synthetic.done').read_text())['seconds']} s to write)")
                runs = classes(random.Random(size), args.queries, named(path))
                result = measure(path, engine, urls, runs, log, pids if engine == "solr" else [], args.reuse_index)
                if result["index_docs"]:
                    rate[engine] = result["docs_per_s"]
                else:
                    note = (note + "; " if note else "") + "index of an earlier run reused: no build figures"
                if engine == "whoosh":
                    result["disk_mb"] = disk_mb(path / "index")
                else:
                    result["rss_mb"] = rss_mb(pids) if pids else []
                    result["disk_mb"] = sum(disk_mb(d) for d in cluster.dir.glob("node*")) if cluster else None
                result.update(items=size, engine=engine, asked=items, note=note)
                figures.append(result)
                print_row(result)
                if args.json:
                    args.json.write_text(json.dumps(figures, indent=1))
    finally:
        if cluster:
            cluster.stop()
    print_table(figures)


def print_row(r: dict) -> None:
    disk = f"{r['disk_mb']:.0f} MB" if r.get("disk_mb") is not None else "-"
    rss = " + ".join(f"{x:.0f}" for x in r.get("rss_mb", [])) or "-"
    print(f"  {r['engine']} {r['items']}: build {r['build_s']:.0f} s ({r['build_cpu_s']:.0f} CPU s), "
          f"{r['docs_per_s']:.0f} docs/s, disk {disk}, "
          f"RSS {rss} MB", flush=True)
    for name, c in r["classes"].items():
        print(f"    {name:<11} p50 {c['p50']:7.1f} ms  p95 {c['p95']:7.1f} ms  (hits median "
              f"{percentile(c['totals'], .5)})", flush=True)


def print_table(figures: list[dict]) -> None:
    names = ["topic", "person", "date range", "combined", "facets"]
    print("\nitems    engine  build s  CPU s  docs/s  disk MB  Solr RSS MB  " + "  ".join(f"{n + ' p50/p95':>20}" for n in names))
    for r in figures:
        if "skipped" in r:
            print(f"{r['items']:<8} {r['engine']:<7} not built: {r['skipped']}")
            continue
        rss = "+".join(f"{x:.0f}" for x in r.get("rss_mb", [])) or "-"
        disk = f"{r['disk_mb']:.0f}" if r.get("disk_mb") is not None else "-"
        cells = "  ".join(f"{r['classes'][n]['p50']:9.1f}/{r['classes'][n]['p95']:6.1f} ms" for n in names)
        print(f"{r['items']:<8} {r['engine']:<7} {r['build_s']:7.0f} {r['build_cpu_s']:6.0f} {r['docs_per_s']:7.0f} {disk:>8} {rss:>12}  {cells}")
        if r.get("note"):
            print(f"         ({r['note']})")


if __name__ == "__main__":
    main()
