"""The web pages over one open `Archive`: the same methods the CLI calls, nothing written, GET only.

Every call into the archive runs on one thread of its own: SQLite connections (and the Whoosh searcher) belong to
the thread that opened them, and the server's event loop must stay free to answer while a page is drawn.
"""
from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..archive.archive import Archive, QueryError
from ..errors import MinutesError, NotFound
from ..records.text import mask
from .marks import marked
from .svg import timeline_svg
from .urls import given, search_url

HERE = Path(__file__).resolve().parent
KINDS = ("item", "decision", "footnote", "memo")  # what a reader looks for; preamble and closing come with them
CITE_FORMATS = ("text", "markdown", "bibtex", "ris", "csl-json")
HEADERS = {  # the pages are only ever the archive's own: no frames, no scripts or images from elsewhere
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'; "
                               "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
}


class Reader:
    """The archive and the one thread that may touch it; opened at start-up, so a wrong --archive fails at once."""

    def __init__(self, path: str | os.PathLike | None, **options):
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="archive")
        self.archive: Archive = self.pool.submit(Archive, path, create=False, **options).result()
        self.pool.submit(self._warm)  # not waited for: the server is up at once, the first search is quick

    def _warm(self) -> None:
        """Open the index (rebuilt here if an upgrade made it stale) and read what facets need, before the first
        visitor asks: at 100k items these cost about a second, once."""
        try:
            self.archive.search(None, facets=True, limit=1)
        except MinutesError:  # a damaged index: the first page that searches says so
            pass

    async def __call__(self, function, *args, **options):
        """`function(archive, ...)` on the archive's thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, partial(function, self.archive, *args, **options))

    def close(self) -> None:
        self.pool.submit(self.archive.close).result()
        self.pool.shutdown()


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["marked"] = lambda hit: marked(hit.get("snippet"), hit.get("highlights") or [])
    env.filters["person_url"] = lambda name: "/person/" + quote(name, safe="")
    env.filters["path"] = lambda value: quote(str(value), safe="")
    env.globals["search_url"] = search_url
    return env


def create_app(archive_path: str | os.PathLike | None, allowed_hosts: list[str] | None = None,
               **options) -> Starlette:
    """The app over the archive at `archive_path` (opened here, once, with `options`: engine, solr_url).
    `allowed_hosts`: the Host headers answered (for a server on localhost, so that a web page elsewhere cannot
    reach it by DNS rebinding); None: any."""
    reader = Reader(archive_path, **options)
    env = _environment()
    archive_name = str(reader.archive.path)

    def page(template: str, status: int = 200, **context) -> HTMLResponse:
        html = env.get_template(template).render(archive=archive_name, **context)
        return HTMLResponse(html, status_code=status, headers=HEADERS)

    def failure(exc: MinutesError, status: int) -> HTMLResponse:
        title = {404: "Not found", 400: "Not a search this archive can run"}.get(status, "Something went wrong")
        return page("error.html", status, title=title, message=mask(str(exc)))

    async def search(request: Request) -> HTMLResponse:
        typed = given(request.query_params)
        params = _shown(typed)
        context = {"params": params, "kinds": KINDS, "result": None, "error": None, "facets": []}
        try:
            number = _page_number(typed.get("page"))
            result = await reader(Archive.search, typed.get("q"), person=typed.get("person"),
                                  date_from=typed.get("date_from"), date_to=typed.get("date_to"),
                                  body=typed.get("body"), kind=typed.get("kind"), page=number, facets=True)
        except QueryError as exc:
            return page("search.html", 400, **{**context, "error": mask(str(exc))})
        context.update(result=result, facets=_facets(result, params))
        if result["page"] > 1:
            context["prev_url"] = search_url(params, page=result["page"] - 1)
        if result["page"] < result["pages"]:
            context["next_url"] = search_url(params, page=result["page"] + 1)
        return page("search.html", **context)

    async def record(request: Request) -> Response:
        record_id = request.path_params["id"]
        try:
            shown = await reader(Archive.show, record_id)
            if shown["type"] == "document":
                return RedirectResponse(f"/meeting/{quote(shown['document']['id'], safe='')}", status_code=302)
            near = await reader(Archive.neighbours, record_id)
        except NotFound as exc:
            return failure(exc, 404)
        citations, cite_error = await reader(_citations, record_id)
        return page("record.html", shown=shown, record_id=record_id, near=near, citations=citations,
                    cite_error=cite_error, main=shown.get(shown["type"]) or shown.get("item"))

    async def page_image(request: Request) -> Response:
        try:
            png = await reader(Archive.page_image, request.path_params["id"])
        except NotFound as exc:
            return failure(exc, 404)
        except MinutesError as exc:
            return failure(exc, 500)
        return Response(png, media_type="image/png", headers={**HEADERS, "Cache-Control": "private, max-age=300"})

    async def meeting(request: Request) -> Response:
        try:
            shown = await reader(Archive.show, request.path_params["id"])
        except NotFound as exc:
            return failure(exc, 404)
        if shown["type"] != "document":
            return RedirectResponse(f"/record/{quote(request.path_params['id'], safe='')}", status_code=302)
        return page("meeting.html", shown=shown, doc=shown["document"])

    async def original(request: Request) -> Response:
        try:
            shown = await reader(Archive.show, request.path_params["id"])
            if shown["type"] != "document":
                raise NotFound(f"'{request.path_params['id'][:80]}' is not a meeting's document.")
            found = await reader(Archive.source, shown["document"]["id"])
        except NotFound as exc:
            return failure(exc, 404)
        except MinutesError as exc:
            return failure(exc, 500)
        name = shown["document"]["source_name"]  # masked, as every name the pages show
        if found["copy"] == "searchable":
            name = f"{Path(name).stem}.pdf"
        return FileResponse(found["file"], filename=name, headers=HEADERS)

    async def person(request: Request) -> Response:
        try:
            found = await reader(Archive.person, request.path_params["name"])
        except NotFound as exc:
            return failure(exc, 404)
        return page("person.html", person=found)

    async def timeline(request: Request) -> Response:
        typed = {k: v for k, v in given(request.query_params).items() if k != "page"}
        params = _shown(typed)
        try:
            result = await reader(Archive.timeline, typed.get("q"), person=typed.get("person"),
                                  date_from=typed.get("date_from"), date_to=typed.get("date_to"),
                                  body=typed.get("body"))
        except QueryError as exc:
            return page("timeline.html", 400, params=params, result=None, chart="", error=mask(str(exc)))
        chart = timeline_svg(result["years"], lambda year: search_url(
            {k: v for k, v in params.items() if k not in ("date_from", "date_to")},
            kind="item", date_from=year, date_to=year))
        return page("timeline.html", params=params, result=result, chart=chart, error=None)

    async def not_found(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            return failure(NotFound(f"There is no page at {request.url.path}."), 404)
        return HTMLResponse(f"<!doctype html><title>{exc.status_code}</title><p>{exc.detail}</p>",
                            status_code=exc.status_code, headers=HEADERS)

    routes = [
        Route("/", search), Route("/search", search),
        Route("/record/{id}/page.png", page_image), Route("/record/{id}", record),
        Route("/meeting/{id}/original", original), Route("/meeting/{id}", meeting),
        Route("/person/{name:path}", person), Route("/timeline", timeline),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = []
    if allowed_hosts is not None:
        from starlette.middleware import Middleware
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: not_found})
    app.state.reader = reader
    app.state.close = reader.close
    return app


def _shown(typed: dict[str, str]) -> dict[str, str]:
    """The search as the page echoes it (in the box, the title and every link): masked as the API masks the query
    it echoes, so a number typed to find someone is not shown back, nor kept in a link to be shared."""
    return {name: mask(value) for name, value in typed.items()}


def _page_number(text: str | None) -> int:
    if text is None:
        return 1
    if not text.isdigit() or len(text) > 6:
        raise QueryError(f"The page must be a number, not '{text[:20]}'.")
    return int(text)


def _facets(result: dict, params: dict[str, str]) -> list[dict]:
    """Years, bodies and persons, each count a link narrowing the current search. A filter typed into the box
    (body:..., person:...) has no facet to offer: setting it again from a link would contradict the box."""
    typed = result.get("filters") or {}
    groups = []
    for name, title, field in (("year", "Year", "date"), ("body", "Body", "body"), ("persons", "Person", "person")):
        counts = (result.get("facets") or {}).get(name) or {}
        if field == "person":
            from_box = result.get("person") and "person" not in params
        elif field == "date":
            from_box = any(k in typed for k in ("date", "date_from", "date_to")) and not (
                "date_from" in params or "date_to" in params)
        else:
            from_box = field in typed and field not in params
        if not counts or from_box:
            continue
        links = []
        for value, n in counts.items():
            changes = {"date_from": value, "date_to": value} if field == "date" else {field: value}
            current = all(params.get(k) == v for k, v in changes.items())
            links.append({"label": value, "count": n, "url": search_url(params, **changes), "current": current})
        groups.append({"title": title, "links": links})
    return groups


def _citations(archive: Archive, record_id: str) -> tuple[list[dict], str | None]:
    """The record's citation in every format the cite menu offers, rendered by the citation floor's own
    renderers (as `minutes cite` prints them); a quote that no longer verifies is said, not hidden."""
    from ..citations.csl import bundled_styles, render_csl
    from ..citations.formats import render

    try:
        citation = archive.cite(record_id)
    except MinutesError as exc:
        return [], str(exc)
    out = [{"format": fmt, "label": fmt, "text": render(citation, fmt)} for fmt in CITE_FORMATS]
    for style in bundled_styles():
        try:
            out.append({"format": style, "label": style, "text": render_csl(citation, style)})
        except MinutesError as exc:
            out.append({"format": style, "label": style, "text": str(exc)})
    return out, None
