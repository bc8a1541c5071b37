"""Search URLs: the whole query lives in the query string, so a search can be bookmarked and shared, and a facet
is the current URL with one filter set (and back to the first page)."""
from __future__ import annotations

from urllib.parse import urlencode

FIELDS = ("q", "person", "date_from", "date_to", "body", "kind", "page")


def given(params) -> dict[str, str]:
    """The search's parameters as typed, blanks dropped (an empty form field means no filter)."""
    return {name: params.get(name, "").strip() for name in FIELDS if params.get(name, "").strip()}


def search_url(params: dict[str, str], **changes: str | int | None) -> str:
    merged = {**params, **{k: str(v) for k, v in changes.items() if v is not None}}
    for name, value in changes.items():
        if value is None:
            merged.pop(name, None)
    if "page" not in changes:
        merged.pop("page", None)  # a narrower search starts on its first page
    ordered = [(name, merged[name]) for name in FIELDS if merged.get(name) not in (None, "", "1" if name == "page" else None)]
    return "/search" + ("?" + urlencode(ordered) if ordered else "")
