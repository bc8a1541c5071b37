"""Citation formats: text and Markdown for people; JSON, CSL-JSON, BibTeX, RIS, CSV and JSON Lines for tools.

Every format keeps å, ä, ö, ”, § and – as they are, escaped only as its syntax needs.
"""
from __future__ import annotations

import csv
import io
import json

FORMATS = ("text", "markdown", "json", "csl-json", "bibtex", "ris", "csv", "jsonl")
CSV_COLUMNS = ["id", "record_kind", "body", "document_kind", "date", "signed_date", "item_number", "item_title",
               "pages", "quote", "citation", "document_id", "item_id", "source_name", "sha256"]


def _pages(citation: dict, sv: bool) -> str:
    pages = citation["pages"]
    if len(pages) == 1:
        return f"{'s.' if sv else 'p.'} {pages[0]}"
    return f"{'s.' if sv else 'pp.'} {pages[0]}–{pages[1]}"


def _item(citation: dict, sv: bool) -> str | None:
    item = citation["item"]
    if not item:
        return citation.get("title")
    label = item["label"] if item["label"].startswith("§") else (f"§ {item['number']}" if sv else f"item {item['number']}")
    return f"{label} {item['title']}".strip()


def text_citation(citation: dict) -> str:
    """"Kompetens- och integrationsberedningen, minnesanteckningar 2007-09-25, § 14 Kommunal volontärverksamhet, s. 1"."""
    sv = citation["language"] == "sv"
    parts = [citation["body"] or ("Okänt organ" if sv else "Unknown body"),
             f"{citation['document_kind_word']} {citation['date'] or ('odaterat' if sv else 'undated')}"]
    if citation["signed_date"]:
        parts[-1] += f" ({'justerat' if sv else 'signed'} {citation['signed_date']})"
    item = _item(citation, sv)
    if item:
        parts.append(item)
    parts.append(_pages(citation, sv))
    return ", ".join(parts)


def _locator(citation: dict) -> str:
    return f"minutes-archive {citation['id']}, {citation['locator']['source_name']} sha256:{citation['locator']['sha256']}"


def markdown(citation: dict) -> str:
    quoted = "\n".join(f"> {line}" for line in citation["quote"].splitlines() or [""])
    return f"{quoted}\n\n{citation['citation']}. ({_locator(citation)})\n"


def text(citation: dict) -> str:
    return f"”{citation['quote']}”\n{citation['citation']}. ({_locator(citation)})\n"


def csl(citation: dict) -> dict:
    date = citation["date"] or ""
    parts = [int(p) for p in date.split("-") if p]
    out = {
        "id": citation["id"],
        "type": "report",
        "author": [{"literal": citation["body"] or "Unknown body"}],
        "title": _item(citation, citation["language"] == "sv") or citation["document_kind_word"],
        "genre": citation["document_kind_word"],
        "number": citation["item"]["number"] if citation["item"] else None,
        "page": "–".join(map(str, citation["pages"])),
        "issued": {"date-parts": [parts]} if parts else None,
        "language": citation["language"],
        "note": citation["quote"],
        "archive": "minutes-archive",
        "archive_location": _locator(citation),
    }
    return {k: v for k, v in out.items() if v is not None}


def _bib_escape(value: str) -> str:
    """Braces balanced, TeX specials escaped; UTF-8 letters stay as they are (biber and bibtexparser read them)."""
    out = []
    for ch in value:
        if ch in "{}\\":
            out.append({"{": r"\{", "}": r"\}", "\\": r"\textbackslash{}"}[ch])
        elif ch in "&%$#_":
            out.append("\\" + ch)
        elif ch == "~":
            out.append(r"\textasciitilde{}")
        elif ch == "^":
            out.append(r"\textasciicircum{}")
        else:
            out.append(ch)
    return "".join(out)


def bibtex(citation: dict) -> str:
    key = "minutes-" + "".join(c if c.isalnum() or c in "-_:" else "-" for c in citation["id"])
    date = citation["date"] or ""
    fields = {
        "author": "{" + _bib_escape(citation["body"] or "Unknown body") + "}",
        "title": _bib_escape(_item(citation, citation["language"] == "sv") or citation["document_kind_word"]),
        "type": _bib_escape(citation["document_kind_word"]),
        "number": citation["item"]["number"] if citation["item"] else None,
        "date": date or None,
        "year": date[:4] or None,
        "pages": "--".join(map(str, citation["pages"])),
        "langid": {"sv": "swedish", "en": "english"}.get(citation["language"]),
        "note": _bib_escape(citation["quote"]),
        "archiveid": _bib_escape(citation["id"]),
        "howpublished": _bib_escape(_locator(citation)),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value)
    return f"@misc{{{key},\n{body}\n}}\n"


def _ris_line(tag: str, value) -> str:
    return f"{tag}  - {' '.join(str(value).split())}\n"


def ris(citation: dict) -> str:
    out = [_ris_line("TY", "GOVDOC"), _ris_line("ID", citation["id"]), _ris_line("AU", citation["body"] or "Unknown body"),
           _ris_line("TI", _item(citation, citation["language"] == "sv") or citation["document_kind_word"]),
           _ris_line("M3", citation["document_kind_word"])]
    if citation["date"]:
        y, m, d = (citation["date"].split("-") + ["", ""])[:3]
        out += [_ris_line("PY", y), _ris_line("DA", f"{y}/{m}/{d}/")]
    if citation["item"]:
        out.append(_ris_line("IS", citation["item"]["number"]))
    out.append(_ris_line("SP", citation["pages"][0]))
    out.append(_ris_line("EP", citation["pages"][-1]))
    out += [_ris_line("LA", citation["language"]), _ris_line("N1", citation["quote"]), _ris_line("AN", _locator(citation)),
            "ER  - \n"]
    return "".join(out)


def csv_row(citation: dict) -> list:
    item = citation["item"] or {}
    locator = citation["locator"]
    return [citation["id"], citation["record_kind"], citation["body"], citation["document_kind_word"], citation["date"],
            citation["signed_date"], item.get("number"), item.get("title") or citation.get("title"),
            "–".join(map(str, citation["pages"])), citation["quote"], citation["citation"], locator["document_id"],
            locator["item_id"], locator["source_name"], locator["sha256"]]


def write_stream(citations, fmt: str, out) -> int:
    """Write citations one by one (nothing is held in memory but the current one); returns the count."""
    count = 0
    writer = csv.writer(out) if fmt == "csv" else None
    if fmt == "csv":
        writer.writerow(CSV_COLUMNS)
    if fmt in ("json", "csl-json"):
        out.write("[\n")
    for citation in citations:
        if fmt == "text":
            out.write(("\n" if count else "") + text(citation))
        elif fmt == "markdown":
            out.write(("\n" if count else "") + markdown(citation))
        elif fmt in ("json", "csl-json"):
            value = citation if fmt == "json" else csl(citation)
            out.write((",\n" if count else "") + json.dumps(value, ensure_ascii=False, indent=2))
        elif fmt == "jsonl":
            out.write(json.dumps(citation, ensure_ascii=False) + "\n")
        elif fmt == "bibtex":
            out.write(("\n" if count else "") + bibtex(citation))
        elif fmt == "ris":
            out.write(("\n" if count else "") + ris(citation))
        elif fmt == "csv":
            writer.writerow(csv_row(citation))
        count += 1
    if fmt in ("json", "csl-json"):
        out.write("\n]\n")
    return count


def render(citation: dict, fmt: str) -> str:
    out = io.StringIO()
    if fmt == "json":
        return json.dumps(citation, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csl-json":
        return json.dumps([csl(citation)], ensure_ascii=False, indent=2) + "\n"
    write_stream([citation], fmt, out)
    return out.getvalue()
