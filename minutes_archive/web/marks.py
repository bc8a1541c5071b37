"""Search snippets as HTML: the API marks matches by offsets into the (already masked) snippet text, as the CLI
shows them in colour or «»; here they become <mark>, and everything else is escaped."""
from __future__ import annotations

from markupsafe import Markup, escape


def marked(snippet: str | None, highlights: list) -> Markup:
    if not snippet:
        return Markup("")
    out, at = [], 0
    for start, end in sorted((int(s), int(e)) for s, e in highlights):
        if start < at or end <= start:  # overlapping or empty: the first mark wins
            continue
        out += [escape(snippet[at:start]), Markup("<mark>"), escape(snippet[start:end]), Markup("</mark>")]
        at = end
    out.append(escape(snippet[at:]))
    return Markup("").join(out)
