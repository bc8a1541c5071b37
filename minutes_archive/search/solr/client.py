"""Plain HTTP to a SolrCloud: any node answers for the whole cluster, so a node that goes away is passed over.

Queries move to the next node at once: replicas on the other nodes answer them. Updates need the shard's
leader; for a while after a leader's node dies (until ZooKeeper expires its session, 15-30 s measured) every node
answers an update with an error, so updates are retried with backoff for up to UPDATE_PATIENCE seconds. Sending
the same documents again is safe: they replace themselves by id.
"""
from __future__ import annotations

import http.client
import json
import random
import threading
import time
import urllib.parse

from ...errors import ArchiveError, SearchServerUnavailable

TIMEOUT = 30.0  # seconds for one request to one node
QUERY_PATIENCE = 6.0  # seconds a query keeps trying the nodes (all of them down: a prompt error)
UPDATE_PATIENCE = 90.0  # seconds an update keeps trying: a leader's failover takes up to half a minute
RETRY_STATUS = {500, 502, 503, 504}  # a node shutting down, a shard without a leader


class SolrError(ArchiveError):
    """Solr refused a request (not because a node was down)."""


def node_urls(urls: str | list[str]) -> list[str]:
    """`http://a:8983/solr,http://b:8983/solr` (or a list) as base URLs without a trailing slash."""
    found = [u.strip().rstrip("/") for u in (urls.split(",") if isinstance(urls, str) else urls) if u.strip()]
    for url in found:
        parsed = urllib.parse.urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ArchiveError(f"{url!r} is not a Solr address; give one like http://127.0.0.1:8983/solr")
    if not found:
        raise ArchiveError("no Solr address given; give one like http://127.0.0.1:8983/solr")
    return found


class Solr:
    """The cluster behind a list of nodes; requests rotate over them, so that load is spread and a dead node is
    found by one request rather than by all of them."""

    def __init__(self, urls: str | list[str]):
        self.urls = node_urls(urls)
        self._next = random.randrange(len(self.urls))

    def __repr__(self) -> str:
        return f"Solr({','.join(self.urls)})"

    def get(self, path: str, params: dict | list | None = None) -> dict:
        return self._call(path, params, None, QUERY_PATIENCE)

    def post(self, path: str, params: dict | list | None = None, body: bytes | None = None,
             content_type: str = "application/json", patience: float = UPDATE_PATIENCE) -> dict:
        return self._call(path, params, (body if body is not None else b"", content_type), patience)

    def query(self, collection: str, params: dict | list) -> dict:
        """A search, its parameters sent as a form (long filter lists do not fit in a URL)."""
        body = urllib.parse.urlencode(_pairs(params), doseq=True).encode()
        return self._call(f"/{collection}/select", {"wt": "json"}, (body, "application/x-www-form-urlencoded"),
                          QUERY_PATIENCE)

    def update(self, collection: str, docs_or_command, commit: bool = False) -> dict:
        params = {"wt": "json", **({"commit": "true"} if commit else {})}
        return self.post(f"/{collection}/update", params, json.dumps(docs_or_command, ensure_ascii=False).encode())

    def _call(self, path: str, params, payload, patience: float) -> dict:
        deadline = time.monotonic() + patience
        wait, last = 0.25, None
        while True:
            for _ in range(len(self.urls)):
                url = self.urls[self._next]
                self._next = (self._next + 1) % len(self.urls)
                try:
                    return _request(url + path, params, payload)
                except _Retry as exc:
                    last = exc
            if time.monotonic() + wait > deadline:
                break
            time.sleep(wait)
            wait = min(wait * 2, 4.0)
        if last is not None and last.status is not None:
            raise SolrError(f"Solr could not do {path} ({last}); every node answered with an error for {patience:.0f} s")
        raise SearchServerUnavailable(f"no Solr node answers at {', '.join(self.urls)} ({last}); start the cluster "
                                      "or give its address with --solr-url or MINUTES_SOLR_URL")


class _Retry(Exception):
    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


def _pairs(params) -> list:
    return list(params.items()) if isinstance(params, dict) else list(params or [])


_local = threading.local()  # kept-alive connections, one per node and thread: a search is several requests


def _connection(netloc: str, scheme: str) -> http.client.HTTPConnection:
    pool = _local.__dict__.setdefault("connections", {})
    if (scheme, netloc) not in pool:
        kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
        pool[(scheme, netloc)] = kind(netloc, timeout=TIMEOUT)
    return pool[(scheme, netloc)]


def _drop(netloc: str, scheme: str) -> None:
    found = _local.__dict__.get("connections", {}).pop((scheme, netloc), None)
    if found is not None:
        found.close()


def _request(url: str, params, payload) -> dict:
    parsed = urllib.parse.urlsplit(url)
    query = urllib.parse.urlencode(_pairs(params), doseq=True)
    target = parsed.path + (f"?{query}" if query else "")
    body, headers = (payload[0], {"Content-Type": payload[1]}) if payload is not None else (None, {})
    for attempt in (1, 2):
        connection = _connection(parsed.netloc, parsed.scheme)
        try:
            connection.request("POST" if payload is not None else "GET", target, body=body, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
            break
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
            _drop(parsed.netloc, parsed.scheme)  # a kept-alive connection the node closed: one fresh try
            if attempt == 2:
                raise _Retry(str(exc) or type(exc).__name__) from exc
        except (OSError, http.client.HTTPException) as exc:  # refused, unreachable, timed out
            _drop(parsed.netloc, parsed.scheme)
            raise _Retry(str(exc) or type(exc).__name__) from exc
    if answer.status >= 400:
        message = _solr_message(data, answer.reason)
        if answer.status in RETRY_STATUS:
            raise _Retry(f"HTTP {answer.status}: {message}", answer.status)
        raise SolrError(f"Solr refused {parsed.path.split('/solr', 1)[-1]}: HTTP {answer.status}: {message}")
    try:
        return json.loads(data or b"{}")
    except ValueError as exc:  # not JSON: something else listens at that address
        raise SolrError(f"{url} does not answer as Solr does ({exc})") from exc


def _solr_message(data: bytes, reason: str) -> str:
    try:
        body = json.loads(data or b"{}")
    except ValueError:
        return reason or ""
    error = body.get("error", {}) if isinstance(body, dict) else {}
    return str(error.get("msg") or reason or "").splitlines()[0][:300] if error or reason else ""
