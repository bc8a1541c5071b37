"""Front matter: the metadata a static-site generator keeps above the text (YAML, TOML, a Nikola comment).

It gives the document's title and date and is never part of the minutes' text.
"""
from __future__ import annotations

import re

_YAML = re.compile(r"\A\ufeff?---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TOML = re.compile(r"\A\ufeff?\+\+\+[ \t]*\n(?P<body>.*?)\n\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)
_NIKOLA = re.compile(r"\A\ufeff?\s*<!--\s*\n(?P<body>(?:\s*\.\.\s+[\w-]+:.*\n?)+)\s*-->[ \t]*(?:\n|\Z)")
_YAML_LINE = re.compile(r"^\s*(?:[\w-]+\s*:|-\s|#)")
_TOML_LINE = re.compile(r"^\s*(?:[\w.-]+\s*=|\[|#)")
_PAIR = re.compile(r"^\s*(?:\.\.\s+)?(?P<key>[\w-]+)\s*[:=]\s*(?P<value>.*?)\s*$")
KEYS = {"title": "title", "date": "date", "created": "date", "published": "date", "meeting_date": "date",
        "author": "author", "authors": "author", "place": "place", "location": "place"}


def _value(raw: str) -> str:
    raw = raw.strip()
    if raw.startswith("[") and raw.endswith("]"):
        raw = raw[1:-1].split(",")[0].strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        raw = raw[1:-1]
    return raw.strip()


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(properties, the text after the front matter); the text keeps its line count so line numbers still hold."""
    for pattern, line_form in ((_YAML, _YAML_LINE), (_TOML, _TOML_LINE), (_NIKOLA, None)):
        found = pattern.match(text)
        if found and line_form and not all(line_form.match(line) for line in found.group("body").splitlines() if line.strip()):
            continue  # a title between two rules, not metadata
        if found:
            properties: dict[str, str] = {}
            for line in found.group("body").splitlines():
                pair = _PAIR.match(line)
                if pair and pair.group("key").lower() in KEYS and _value(pair.group("value")):
                    properties.setdefault(KEYS[pair.group("key").lower()], _value(pair.group("value")))
            return properties, "\n" * found.group(0).count("\n") + text[found.end():]
    return {}, text
