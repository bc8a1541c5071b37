"""The archive-wide people registry: one person per full name (case and accents ignored), adjusted by people.toml."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ArchiveError
from ..records.text import fold
from .catalog import row, rows

ALIAS_FILE = "people.toml"
TEMPLATE = """\
# People in this archive, as you want them counted. minutes reads this file on every query.
#
# Merge: names that are the same person.
# [[person]]
# name = "Lennart Jonasson"
# aliases = ["L. Jonasson", "Lennart Jonason"]
#
# Split: mentions of a name in the listed documents are another person.
# [[split]]
# name = "Anna Svensson"
# documents = ["ece5c4aff02f"]
# as = "Anna Svensson (Sjöhamra)"
"""


@dataclass
class Aliases:
    merge: dict[str, str] = field(default_factory=dict)  # folded alias -> canonical name
    split: dict[tuple[str, str], str] = field(default_factory=dict)  # (folded name, document id) -> new name

    def canonical(self, key: str, name: str, document_id: str) -> tuple[str, str]:
        if (key, document_id) in self.split:
            name = self.split[(key, document_id)]
            return fold(name), name
        if key in self.merge:
            name = self.merge[key]
            return fold(name), name
        return key, name


def load_aliases(archive: Path) -> Aliases:
    path = archive / ALIAS_FILE
    if not path.exists():
        return Aliases()
    import tomllib  # only when there is a people.toml

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ArchiveError(f"{path} is not valid TOML ({exc}); fix it or delete it to start again.") from exc
    aliases = Aliases()
    for entry in data.get("person", []):
        for alias in [entry["name"], *entry.get("aliases", [])]:
            aliases.merge[fold(alias)] = entry["name"]
    for entry in data.get("split", []):
        for document in entry.get("documents", []):
            aliases.split[(fold(entry["name"]), document)] = entry["as"]
    return aliases


def people(conn, archive: Path, query: str | None = None) -> list[dict]:
    """Every person with roles, mention count, first and last meeting date and items; `query` filters by name."""
    aliases = load_aliases(archive)
    where, args = "", []
    if query:
        wanted = fold(query)
        keys = sorted({k for k, name in aliases.merge.items() if wanted in k or wanted in fold(name)}
                      | {fold(name) for name in aliases.split.values() if wanted in fold(name)}
                      | {k for k, _ in aliases.split} | {wanted})
        exact = row(conn, "SELECT 1 AS found FROM person_mentions WHERE person_key = ? LIMIT 1", wanted)
        # A full name is looked up by the index on person_key (a condition ORed with it would hide the index from
        # SQLite's planner: 3 million mentions scanned); part of a name needs a scan.
        listed = f"person_key IN ({','.join('?' * len(keys))})"
        where = f"AND {listed}" if exact else f"AND (instr(person_key, ?) > 0 OR {listed})"
        args = ([] if exact else [wanted]) + keys
    found = rows(conn, f"""
        SELECT m.person_key AS key, m.name, m.role, m.item_id, m.document_id, m.kind,
               d.date, i.number, i.title
        FROM person_mentions m JOIN documents d ON d.id = m.document_id LEFT JOIN items i ON i.id = m.item_id
        WHERE m.person_key IS NOT NULL {where.replace("person_key", "m.person_key")}
        UNION ALL
        SELECT p.person_key, p.name, p.role, NULL, p.document_id, 'attendance',
               d.date, NULL, NULL
        FROM participants p JOIN documents d ON d.id = p.document_id
        WHERE 1 {where.replace("person_key", "p.person_key")}""", *args, *args)
    registry: dict[str, dict] = {}
    for r in found:
        key, name = aliases.canonical(r["key"], r["name"], r["document_id"])
        person = registry.setdefault(key, {"names": Counter(), "roles": set(), "mentions": 0, "documents": set(),
                                           "dates": set(), "items": {}, "keys": set()})
        person["keys"].add(r["key"])
        person["names"][name] += 1
        person["mentions"] += r["kind"] != "attendance"
        person["documents"].add(r["document_id"])
        if r["role"]:
            person["roles"].add(r["role"])
        if r["date"]:
            person["dates"].add(r["date"])
        if r["item_id"]:
            person["items"][r["item_id"]] = {"id": r["item_id"], "document_id": r["document_id"], "date": r["date"],
                                            "number": r["number"], "title": r["title"]}
    split_keys = {k for k, _ in aliases.split}
    out = []
    for key, person in registry.items():
        name = person["names"].most_common(1)[0][0]
        if query and fold(query) not in key and fold(query) not in fold(name):
            continue
        dates = sorted(person["dates"])
        out.append({
            "id": "p-" + key.replace(" ", "-"),
            "key": key,
            "name": name,
            "roles": sorted(person["roles"]),
            "mentions": person["mentions"],
            "documents": len(person["documents"]),
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
            "items": sorted(person["items"].values(), key=lambda i: (i["date"] or "", i["id"])),
            # The folded names in the catalog that stand for this person; "whole" when people.toml splits none of
            # them by document, so every record carrying one of them is this person's (a fast filter).
            "keys": sorted(person["keys"]),
            "keys_whole": not any(k in split_keys for k in person["keys"]),
        })
    return sorted(out, key=lambda p: fold(p["name"]))
