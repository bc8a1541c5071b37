"""The public Python API: open an archive, import into it, read from it.

Every CLI command calls exactly one method here and `--json` prints what it
returns, so anything the terminal shows is scriptable too.
"""
from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, TextIO

from ..storage import catalog, queries
from ..storage.people import ALIAS_FILE, TEMPLATE, people
from ..storage.location import CATALOG, INDEX, ORIGINALS, archive_path
from ..storage.lock import WriterLock
from ..storage.blobs import BlobStore, FILE_MODE, private_dir
from ..errors import ArchiveError, DiskFull, NoArchive, NotFound, OutputExists
from ..storage.faults import guarded, storage_fault
from ..search.engines import ENGINES, open_engine
from ..search.grammar import QueryError  # also for the skins: a mistyped search is told apart from a fault
from ..search.plan import SearchRequest

if TYPE_CHECKING:
    from .importer import FileResult, ImportProgress



def _masked(result, mask: bool):
    from ..records.text import mask_record

    return mask_record(result) if mask else result


def _private_file(path: Path, overwrite: bool = True):
    """A text file for writing, 0600 at most: created so by os.open (the umask may narrow it further), and an
    existing file's mode narrowed to its owner's bits. Without `overwrite`, an existing file is refused
    (O_EXCL: no window between the check and the creation)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if overwrite else os.O_EXCL)
    try:
        fd = os.open(path, flags, FILE_MODE)
    except FileExistsError as exc:
        raise OutputExists(f"{path} already exists; choose another name or allow replacing it") from exc
    except OSError as exc:
        raise ArchiveError(f"cannot write {path}: {exc.strerror}") from exc
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISREG(mode) and stat.S_IMODE(mode) & ~FILE_MODE:  # not /dev/stdout, not a pipe
            os.fchmod(fd, stat.S_IMODE(mode) & FILE_MODE)
        return open(fd, "w", encoding="utf-8", newline="")
    except BaseException:
        os.close(fd)
        raise


def exists(path: str | os.PathLike | None = None) -> bool:
    """Whether an archive (its catalog) is at `path` (or the default place)."""
    return (archive_path(path) / CATALOG).is_file()


def check(path: str | os.PathLike | None = None, repair: bool = False, engine: str | None = None,
          solr_url: str | None = None) -> dict:
    """Check the archive at `path` (see archive/check.py); a function, not only a method, because a damaged
    catalog cannot be opened as an Archive and opening one migrates or re-extracts before anything is checked.
    An archive that searches with Solr has its collection compared with the catalog afterwards."""
    from .check import check_archive, compare_collection, search_engine

    if not exists(path):
        raise NoArchive(f"no archive at {archive_path(path)} (create one with minutes import)")
    result = check_archive(archive_path(path), repair)
    if (engine or ("solr" if solr_url else None) or search_engine(archive_path(path))) == "solr":
        with Archive(path, create=False, engine="solr", solr_url=solr_url) as archive:
            compare_collection(result, archive, repair)
    return result


def restore(src: str | os.PathLike, path: str | os.PathLike | None = None) -> dict:
    """Bring the backup at `src` back into `path` (a new or empty folder), rebuild the index and check it."""
    from .backup import restore as restore_backup

    return restore_backup(Path(src), archive_path(path))


__all__ = ["Archive", "QueryError", "check", "exists", "restore"]


class Archive:
    def __init__(self, path: str | os.PathLike | None = None, create: bool = True, engine: str | None = None,
                 solr_url: str | None = None):
        """Open the archive at `path`; with `create=False` a missing archive raises NoArchive and nothing is
        written (a mistyped --archive must not leave an empty archive behind).

        `engine` ("whoosh" or "solr") and `solr_url` (one or more node addresses, comma-separated) choose the
        search engine; without them the archive uses the one it was last indexed with (Whoosh at first). A
        Solr address alone means Solr."""
        if not create and not exists(path):
            raise NoArchive(f"no archive at {archive_path(path)} (create one with minutes import)")
        self.path = private_dir(archive_path(path))
        db = self.path / CATALOG
        if not db.exists():
            os.close(os.open(db, os.O_CREAT | os.O_WRONLY, FILE_MODE))
        self.conn = catalog.connect(db)
        self.store = BlobStore(self.path / ORIGINALS)
        if engine is not None and engine not in ENGINES:
            raise ArchiveError(f"the search engine must be one of {', '.join(ENGINES)}, not {engine!r}")
        self._engine_asked = engine or ("solr" if solr_url else None)
        self._solr_url = solr_url
        self._index, self._uid = None, None
        aliases = self.path / ALIAS_FILE
        if not aliases.exists():
            aliases.write_text(TEMPLATE, encoding="utf-8")
            aliases.chmod(FILE_MODE)

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
        self.conn.close()

    def _meta(self, key: str) -> str | None:
        found = catalog.row(self.conn, "SELECT value FROM meta WHERE key = ?", key)
        return found["value"] if found else None

    def engine_settings(self) -> tuple[str, dict]:
        """The engine this archive searches with, and its settings: as asked when opened, else as recorded by
        its last import or reindex, else Whoosh."""
        name = self._engine_asked or self._meta("search_engine") or "whoosh"
        if name != "solr":
            return name, {}
        if self._uid is None:  # names the archive's collection: made once, kept in the catalog by _remember_engine
            self._uid = self._meta("archive_uid") or os.urandom(6).hex()
        return name, {"url": self._solr_url or self._meta("solr_url"),
                      "collection": self._meta("solr_collection") or f"minutes_{self._uid}", "uid": self._uid}

    @property
    def index(self):
        """The search engine, opened at first use (commands that do not search do not pay for it)."""
        if self._index is None:
            name, settings = self.engine_settings()
            self._index = open_engine(name, self.path, settings)
        return self._index

    def _remember_engine(self) -> None:
        """A writing command run with an engine asked for makes it the archive's engine from then on."""
        if self._engine_asked is None:
            return
        name, settings = self.engine_settings()
        values = {"search_engine": name}
        if name == "solr":
            values |= {"solr_url": settings["url"], "solr_collection": settings["collection"],
                       "archive_uid": settings["uid"]}
        with self.conn:
            self.conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", values.items())

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def import_paths(
        self,
        paths: Iterable[str | os.PathLike],
        on_file: Callable[[FileResult], None] | None = None,
        on_progress: Callable[["ImportProgress"], None] | None = None,
        **options,
    ) -> dict:
        """Import files and folders; one transaction per file, duplicates by content hash.

        Options: jobs (worker processes), ocr ("auto", "always", "never"), lang (Tesseract languages),
        timeout (seconds a file of up to 30 pages may take; longer files get proportionally more),
        memory_mb (memory per file's reader), pdf_engine ("pdfium", the default, or "pdfminer": the text engine for
        born-digital PDFs; the other one reads the pages it cannot), cluster (a Dask scheduler address,
        tcp://HOST:8786: files are read, OCR'd and extracted there, this process still commits; archive/cluster.py).
        `on_file` gets each file's result as it is settled; `on_progress` an ImportProgress (files, pages, the current file, pages and seconds left) whenever
        a file is started, counted or finished.
        """
        from .importer import Options, import_paths  # worker processes: loaded only to import
        from .live_index import LiveIndex, merged

        settings = Options(**options)
        engine = self.index
        if self.reextract_due:  # the new files are read by the new extraction: the old ones catch up first
            self.reextract()
        with guarded(self.path), WriterLock(self.path / "writer.lock") as lock:
            self.store.remove_leftovers()  # copies a killed import was writing: no worker runs yet
            try:
                report = import_paths(self.conn, self.store, list(paths), settings, on_file, on_progress,
                                      close_fds=(lock.fd,),
                                      follow=lambda: LiveIndex(self.path / CATALOG, engine.spec(), (lock.fd,)))
            except (DiskFull, OSError, sqlite3.Error) as exc:
                if isinstance(exc, DiskFull) or isinstance(storage_fault(exc, self.path), DiskFull):
                    self._drop_unreferenced()
                raise
            self._remember_engine()
            report["index"] = merged(report.pop("indexed"), engine.sync(self.conn))
        report["archive"] = str(self.path)
        return report

    def _drop_unreferenced(self) -> None:
        """After an import stopped by the disk: copies the workers wrote for files that were never committed
        would be orphans (removing files needs no space). What is already committed stays."""
        from .check import unreferenced

        try:
            found = list(unreferenced(self.conn, self.store.root))
        except sqlite3.Error:  # the disk's fault is the one to report; `check` names what is left
            return
        for _, path in found:
            try:
                path.unlink(missing_ok=True)
            except OSError:  # left for `check --repair`, which names it
                continue

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> dict:
        """Rebuild the search index (or Solr collection) from the catalog alone; no file is parsed. `progress` is
        told the records sent so far and the total (Solr)."""
        with WriterLock(self.path / "writer.lock"):
            count = self.index.rebuild(self.conn, progress)
            self._remember_engine()
            return {"index_documents": count, "engine": self.index.name}

    def check(self, repair: bool = False) -> dict:
        """Whether catalog, originals and index are whole and agree; `repair` mends what loses nothing."""
        from .check import check_archive

        if self._index is not None:  # a repair may rebuild the index under it
            self._index.close()
        result = check_archive(self.path, repair)
        if self.index.name != "whoosh":
            from .check import compare_collection

            compare_collection(result, self, repair)
        return result

    def backup(self, dest: str | os.PathLike) -> dict:
        """A consistent copy into `dest` while searches go on; originals already there are not copied again."""
        from .backup import backup

        return backup(self.path, Path(dest))

    def forget(self, ids: Iterable[str], confirm: Callable[[list[dict]], bool] | None = None) -> dict:
        """Erase whole documents (ids or unique prefixes, as `show` takes them) and everything derived from them,
        so that no byte of their text stays under the archive folder; an erasure a crash interrupted is finished.

        `confirm` is shown the documents before anything changes and may cancel. Returns the ids, hashes and row
        counts forgotten (they are also logged in the catalog's `forgotten` table, without text or file names).
        """
        from .forget import forget  # only to erase: not on every open

        with WriterLock(self.path / "writer.lock"):
            result = forget(self.conn, self.store.root, list(ids), self._erase, confirm)
        aliases = self.path / ALIAS_FILE
        gone = [d["id"] for d in [*result["forgotten"], *result["resumed"]]]
        named = [doc_id for doc_id in gone if aliases.exists() and doc_id in aliases.read_text(encoding="utf-8")]
        result["warnings"] = [f"{ALIAS_FILE} still names document {doc_id}; edit it by hand" for doc_id in named]
        return result

    def _erase(self, document_ids: list[str]) -> dict:
        """Erase from the engine's index, and from a Whoosh index left in the folder by an earlier choice of
        engine: forgotten text must not stay anywhere under the archive."""
        from ..search.engines import WhooshEngine

        result = self.index.erase(self.conn, document_ids)
        if self.index.name != "whoosh" and (self.path / INDEX).exists():
            WhooshEngine(self.path, {}).erase(self.conn, document_ids)
        return result

    def search(self, query: str | None = None, **options) -> dict:
        """Items, decisions, footnotes and memos matching `query` and the filters, best first.

        Options: person, date_from, date_to, date, body, kind, title, item, sort ("relevance", "date" for oldest
        first, "-date" for newest first), limit, page, facets, partial (fill a short page with records holding
        most of the words; on by default). The query may also carry the filters as person:, body:, kind:,
        title:, date: (2007, 2007-01..2007-06), item: or § 40.
        """
        return self.index.search(self.conn, SearchRequest(query, **options), self._people_unmasked)

    def cite(self, record_id: str, full: bool = False, match: str | None = None, mask: bool = True) -> dict:
        """A citation of an item, decision, footnote or memo; its quote is checked against the archived text.

        The quote is the decision by default, the whole item with `full`, or the sentences holding the
        words of `match`. Personal identity numbers are masked unless `mask` is False.
        """
        from ..citations.citation import build

        return build(self.conn, record_id.strip(), full, match, mask)

    def export(self, output: str | os.PathLike | TextIO, fmt: str, query: str | None = None, mask: bool = True,
               overwrite: bool = True, style: str | None = None, **options) -> dict:
        """Write a citation of every search hit to `output` (a path, or an open text stream such as stdout), one
        at a time (100k hits need no 100k in memory).

        Personal identity numbers are masked unless `mask` is False. A file is created 0600 (less if the umask
        says so), and an existing file is narrowed to that: exported minutes name people. Without `overwrite` an
        existing file is refused (`OutputExists`). `style` (a bundled CSL style's name or a .csl file) writes
        each citation in that style instead of `fmt`."""
        from ..citations.citation import build
        from ..citations.formats import FORMATS, write_stream

        form = fmt
        if style is not None:
            from ..citations.csl import style_format

            form = style_format(style)  # an unknown style fails here, before any search
        elif fmt not in FORMATS:
            raise QueryError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}.")
        shown = fmt if style is None else form.name
        request = SearchRequest(query, **options)
        ids = self.index.ids(self.conn, request, self._people_unmasked)
        citations = (build(self.conn, record_id, masked=mask) for record_id in ids)
        if hasattr(output, "write"):
            count = write_stream(citations, form, output)
            return {"file": getattr(output, "name", None), "format": shown, "citations": count, "masked": mask}
        path = Path(output)
        with _private_file(path, overwrite) as out:
            count = write_stream(citations, form, out)
        return {"file": str(path), "format": shown, "citations": count, "masked": mask}

    def source(self, record_id: str) -> dict:
        """Where a record can be seen: the stored file to open (the searchable copy for a scan), its page, and
        what kind of source it is."""
        from .source import locate

        return locate(self, record_id)

    def page_image(self, record_id: str, words: str | None = None) -> bytes:
        """The record's page as a PNG with the record's words (or `words`) highlighted."""
        from .source import render_page

        return render_page(self, record_id, words)

    def log(self, failed: bool = False, limit: int | None = None) -> dict:
        """Recent imports, and every file that failed or was damaged, with its reason."""
        from .log import import_log

        return import_log(self.conn, failed=failed, limit=limit)

    def verify_citations(self, path: str | os.PathLike) -> dict:
        """Check citations exported earlier (and maybe edited since): which quotes no longer match?"""
        from ..citations.verify import verify_file

        return verify_file(self.conn, Path(path))

    def decisions(self, query: str | None = None, **options) -> dict:
        """Search restricted to decisions."""
        return self.search(query, **{**options, "kind": "decision"})

    def timeline(self, query: str | None = None, **options) -> dict:
        """Matching items in date order across meetings, with counts per year; `mask` as in search."""
        options = {**options, "kind": "item", "sort": "date", "limit": options.get("limit", 1000), "partial": False}
        result = self.search(query, **options, facets=True)
        result["years"] = result.pop("facets")["year"]
        return result

    @property
    def reextract_due(self) -> bool:
        """An upgrade changed extraction: records are rebuilt from the stored text by `reextract` or the next
        import, never on opening (a `list` must not turn into an hour's work)."""
        return catalog.row(self.conn, "SELECT value FROM meta WHERE key = 'needs_reextract'") is not None

    def reextract(self) -> dict:
        """Rebuild items, decisions and entities from the stored text; no file is read again."""
        with WriterLock(self.path / "writer.lock"):
            from .reextract import reextract  # only when extraction changed: not on every open

            result = reextract(self.conn)
            result["index_documents"] = self.index.rebuild(self.conn)
            return result

    def documents(self) -> list[dict]:
        return queries.documents(self.conn)

    def show(self, record_id: str, mask: bool = True) -> dict:
        """A document or one record with its context; personal identity numbers masked in every field but the
        ids unless `mask` is False."""
        return _masked(queries.show(self.conn, record_id), mask)

    def people(self, name: str | None = None, mask: bool = True) -> list[dict]:
        """Persons across the archive (people.toml applied), optionally those whose name contains `name`;
        personal identity numbers masked (names, item titles) unless `mask` is False."""
        return _masked(people(self.conn, self.path, name), mask)

    def neighbours(self, record_id: str, mask: bool = True) -> dict:
        """The items just before and after a record's item in its meeting (None at either end), so a reader can
        go on through the minutes as they were written without searching again."""
        found = queries.find_record(self.conn, record_id.strip())
        if found is None:
            raise NotFound(f"Nothing in the archive has the id '{record_id[:80]}'.")
        out: dict = {"previous": None, "next": None}
        if found.item_id:
            seq = catalog.row(self.conn, "SELECT seq FROM items WHERE id = ?", found.item_id)["seq"]
            for key, sign, order in (("previous", "<", "DESC"), ("next", ">", "ASC")):
                out[key] = catalog.row(self.conn, f"""SELECT id, label, title FROM items WHERE document_id = ?
                                                      AND seq {sign} ? ORDER BY seq {order} LIMIT 1""",
                                       found.document_id, seq)
        return _masked(out, mask)

    def person(self, name: str, mask: bool = True) -> dict:
        """One person (as `people` counts them) with each meeting they were named in or attended: its date,
        body, the roles they held there and their items, oldest first; roles change over the years and a
        journalist asks who was chair when. A name that fits several people raises NotFound naming them."""
        from ..records.text import fold
        from ..storage.people import load_aliases

        found = people(self.conn, self.path, name)
        chosen = [p for p in found if fold(p["name"]) == fold(name)] or (found if len(found) == 1 else [])
        if len(chosen) != 1:
            close = "; ".join(p["name"] for p in found[:10])
            raise NotFound(f"No one person in the archive is called '{name[:80]}'" + (f"; perhaps {close}." if close else "."))
        person = chosen[0]
        aliases = load_aliases(self.path)
        marks = ",".join("?" * len(person["keys"]))
        meetings: dict[str, dict] = {}
        for r in catalog.rows(self.conn, f"""
                SELECT x.person_key AS key, x.name, x.role, x.document_id, x.attended, d.date, d.body, d.title
                FROM (SELECT person_key, name, role, document_id, 0 AS attended FROM person_mentions
                      WHERE person_key IN ({marks})
                      UNION ALL SELECT person_key, name, role, document_id, 1 FROM participants
                      WHERE person_key IN ({marks})) x JOIN documents d ON d.id = x.document_id""",
                              *person["keys"], *person["keys"]):
            if aliases.canonical(r["key"], r["name"], r["document_id"])[0] != person["key"]:
                continue  # people.toml gives this document's mentions of the name to someone else
            meeting = meetings.setdefault(r["document_id"], {
                "document_id": r["document_id"], "date": r["date"], "body": r["body"], "title": r["title"],
                "roles": set(), "attended": False, "items": []})
            meeting["attended"] = meeting["attended"] or bool(r["attended"])
            if r["role"]:
                meeting["roles"].add(r["role"])
        for item in person["items"]:
            if item["document_id"] in meetings:
                meetings[item["document_id"]]["items"].append(item)
        ordered = sorted(meetings.values(), key=lambda m: (m["date"] or "", m["document_id"]))
        result = {**person, "meetings": [{**m, "roles": sorted(m["roles"])} for m in ordered]}
        return _masked(result, mask)

    def _people_unmasked(self, name: str | None = None) -> list[dict]:
        """For resolving --person: the planner compares names and keys as stored."""
        return people(self.conn, self.path, name)

    def glossary(self) -> dict:
        """Abbreviations with their long forms, and organisations, learned from every document."""
        from ..storage.glossary import glossary  # its term patterns are not needed to search

        return glossary(self.conn)

    def stats(self) -> dict:
        result = queries.stats(self.conn)
        result["archive"] = str(self.path)
        result["reextract_due"] = self.reextract_due
        result["originals_bytes"] = sum(p.stat().st_size for p in Path(self.store.root).rglob("*") if p.is_file())
        return result
