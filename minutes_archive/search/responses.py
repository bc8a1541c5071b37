"""Hits and pages of hits as every engine returns them: the same dict from Whoosh and Solr."""
from __future__ import annotations

import math

from ..records.text import mask, mask_record
from ..storage.catalog import rows
from .snippets import snippet


def hit(fields: dict, score, matches, masked: bool = True, missing: list[str] | None = None) -> dict:
    """The content is masked before the snippet is cut, so the highlights' offsets are offsets into what is shown;
    the hit's other fields are masked with the whole response."""
    text, marks = snippet(mask(fields["content"]) if masked else fields["content"], matches)
    return {
        "id": fields["id"], "kind": fields["kind"], "document_id": fields["document_id"],
        "item_id": fields["item_id"] or None, "date": _date(fields["day"]), "body": fields["body"] or None,
        "number": fields["number"] or None, "label": fields["label"] or None, "title": fields["title"] or None,
        "page": fields["page"] or None, "outcome": fields.get("outcome") or None, "persons": fields["person_names"],
        "snippet": text, "highlights": marks,
        "score": round(score, 4) if score else None,
        "partial": bool(missing), "missing": missing or [],  # words a partial match lacks
    }


def response(request, person, total, hits, exact=True, partial=0, fuzzy=False, suggestion=None,
             facets: dict | None = None) -> dict:
    """The page of hits; unless asked not to, every string in it (titles, bodies, names, facets, the query echoed)
    has personal identity numbers masked."""
    shown = total + partial
    out = {
        "query": request.query, "person": person["name"] if person else None,
        "filters": {k: v for k, v in request.filters().items() if k != "person"},
        "total": shown, "total_exact": exact, "all_words": total, "partial": partial,
        "page": request.page, "pages": max(1, math.ceil(shown / request.limit)),
        "limit": request.limit, "sort": request.sort, "fuzzy": fuzzy, "did_you_mean": suggestion, "hits": hits,
    }
    if facets is not None:
        out["facets"] = facets
    return mask_record(out) if request.mask else out


def _date(day: int) -> str | None:
    if not day:
        return None
    text = f"{day:08d}"
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


FACETS = {"year": None, "body": 15, "persons": 15}  # the fields counted, and how many values are shown (None: all)


def facet_counts(conn, counted: dict[str, dict[str, int]]) -> dict:
    """Every value's count per facet field, as shown: every year in order; the largest bodies and persons, ties
    by name; persons (counted by key) named as the catalog names them."""
    out = {}
    for name, shown in FACETS.items():
        values = counted.get(name, {})
        out[name] = dict(sorted(values.items())) if shown is None else \
            dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:shown])
    keys = list(out["persons"])
    names = {r["person_key"]: r["name"] for r in rows(
        conn, f"SELECT DISTINCT person_key, name FROM person_mentions WHERE person_key IN ({','.join('?' * len(keys))})",
        *keys)}
    out["persons"] = {names.get(key, key): n for key, n in out["persons"].items()}
    return out
