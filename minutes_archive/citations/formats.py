"""Citation formats: text and Markdown for people; JSON, CSL-JSON, BibTeX, RIS, CSV and JSON Lines for tools.

Every format keeps å, ä, ö, ”, § and – as they are, escaped only as its syntax needs. `TABLE` holds each format's
writer and, beside it, the reader `minutes cite --verify` uses to take an exported file back: adding a format is one
entry, and a test writes and reads back every one.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable, Optional

CSV_COLUMNS = ["id", "record_kind", "body", "document_kind", "date", "signed_date", "item_number", "item_title",
               "pages", "quote", "citation", "document_id", "item_id", "source_name", "sha256"]


def _pages(citation: dict, sv: bool) -> str:
    pages = citation["pages"]
    if len(pages) == 1:
        return f"{'s.' if sv else 'p.'} {pages[0]}"
    return f"{'s.' if sv else 'pp.'} {pages[0]}–{pages[1]}"


# Each language's quotation marks: (open, close) outside and (open, close) for a quote inside a quote.
QUOTES = {"sv": (("”", "”"), ("’", "’")), "en": (("“", "”"), ("‘", "’"))}
_INNER = re.compile(r'["“”„«»]')
_NOTE_WORDS = {"sv": {"footnote": "fotnot", "endnote": "slutnot"}, "en": {"footnote": "footnote", "endnote": "endnote"}}
_MEMO_WORDS = {"sv": {"memo": "promemoria", "appendix": "bilaga"}, "en": {"memo": "memo", "appendix": "appendix"}}
_ATTACHED = {"sv": "bilaga till", "en": "attached to"}


def quoted(text: str, language: str) -> str:
    """The text in the document language's quotation marks, a quote inside it in the single ones: ”… ’x’ …” in
    Swedish, “… ‘x’ …” in English. An inner mark opens after a space or a bracket and closes elsewhere."""
    (open_, close), (inner_open, inner_close) = QUOTES.get(language, QUOTES["en"])

    def inner(found: re.Match) -> str:
        at = found.start()
        opening = at == 0 or text[at - 1].isspace() or text[at - 1] in "([{–—-/"
        return inner_open if opening else inner_close

    return f"{open_}{_INNER.sub(inner, text)}{close}"


def _language(citation: dict) -> str:
    return citation["language"] if citation["language"] in QUOTES else "en"


def _label(item: dict, sv: bool) -> str:
    return item["label"] if item["label"].startswith("§") else (f"§ {item['number']}" if sv else f"item {item['number']}")


def _section(citation: dict, sv: bool) -> str | None:
    item = citation["item"]
    return f"{_label(item, sv)} {item['title']}".strip() if item else None


def _note(citation: dict) -> str | None:
    """"fotnot 3" / "footnote 3": the number a reader finds the note by."""
    note = citation.get("note")
    if not note:
        return None
    words = _NOTE_WORDS[_language(citation)]
    return f"{words.get(note['kind'], words['footnote'])} {note['number']}"


def _memo_label(citation: dict) -> str:
    """What the memo calls itself ("PM", "Bilaga 3"), else the word for its kind."""
    words = _MEMO_WORDS[_language(citation)]
    return citation.get("memo_label") or words.get(citation.get("attachment_kind") or "memo", words["memo"])


def _item(citation: dict, sv: bool) -> str | None:
    """What is cited, as its title: a memo's own title, an item's paragraph and title, a note's number after it."""
    if citation["record_kind"] == "memo" and citation.get("title"):
        return citation["title"]
    parts = [_section(citation, sv) or citation.get("title"), _note(citation)]
    return ", ".join(p for p in parts if p) or None


def _meeting(citation: dict, sv: bool) -> str:
    """"protokoll 2007-09-25 (justerat 2007-10-02)": the document the record is part of."""
    out = f"{citation['document_kind_word']} {citation['date'] or ('odaterat' if sv else 'undated')}"
    if citation["signed_date"]:
        out += f" ({'justerat' if sv else 'signed'} {citation['signed_date']})"
    return out


def _container(citation: dict) -> str:
    """The document a record is part of, as a title: "Protokoll 2023-04-05", "Bilaga till protokoll 2023-04-05, § 41"."""
    sv = citation["language"] == "sv"
    if citation["record_kind"] == "memo" and citation.get("title"):
        out = f"{_ATTACHED[_language(citation)]} {_meeting(citation, sv)}"
        out += f", {_label(citation['item'], sv)}" if citation["item"] else ""
    else:
        out = _meeting(citation, sv)
    return out[:1].upper() + out[1:]


def _genre(citation: dict) -> str:
    return _memo_label(citation) if citation["record_kind"] == "memo" else citation["document_kind_word"]


def text_citation(citation: dict) -> str:
    """"Kompetens- och integrationsberedningen, minnesanteckningar 2007-09-25, § 14 Kommunal volontärverksamhet, s. 1";
    a memo is named by its own title, attached to its meeting: "…, PM ”Budget 2024”, bilaga till protokoll 2023-04-05,
    § 41, s. 2"; a footnote adds its number: "…, § 40 Kulturstipendium, fotnot 1, s. 1"."""
    sv = citation["language"] == "sv"
    parts = [citation["body"] or ("Okänt organ" if sv else "Unknown body")]
    if citation["record_kind"] == "memo" and citation.get("title"):
        parts.append(f"{_memo_label(citation)} {quoted(citation['title'], _language(citation))}")
        parts.append(f"{_ATTACHED[_language(citation)]} {_meeting(citation, sv)}")
        if citation["item"]:
            parts.append(_label(citation["item"], sv))
    else:
        parts.append(_meeting(citation, sv))
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
    return f"{quoted(citation['quote'], _language(citation))}\n{citation['citation']}. ({_locator(citation)})\n"


def csl(citation: dict) -> dict:
    date = citation["date"] or ""
    parts = [int(p) for p in date.split("-") if p]
    out = {
        "id": citation["id"],
        "type": "report",
        "author": [{"literal": citation["body"] or "Unknown body"}],
        "title": _item(citation, citation["language"] == "sv") or citation["document_kind_word"],
        "container-title": _container(citation),
        "genre": _genre(citation),
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
        "type": _bib_escape(_genre(citation)),
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
           _ris_line("T2", _container(citation)), _ris_line("M3", _genre(citation))]
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
            citation["signed_date"], item.get("number"),
            (citation["title"] if citation["record_kind"] == "memo" else None) or item.get("title"),
            "–".join(map(str, citation["pages"])), citation["quote"], citation["citation"], locator["document_id"],
            locator["item_id"], locator["source_name"], locator["sha256"]]


def _csv_line(row: list) -> str:
    out = io.StringIO()
    csv.writer(out).writerow(row)
    return out.getvalue()


# Readers: (record id, quote) for every citation in an exported file, perhaps edited since.

_RIS_TAG = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")
_LOCATOR = re.compile(r"\(minutes-archive (\S+?),")


def _unbrace(value: str) -> str:
    value = re.sub(r"\\textbackslash\{\}", "\\\\", value)
    value = re.sub(r"\\textasciitilde\{\}", "~", value)
    value = re.sub(r"\\textasciicircum\{\}", "^", value)
    return re.sub(r"\\([{}&%$#_])", r"\1", value)


def read_bibtex(text: str) -> list[tuple[str, str]]:
    import bibtexparser

    library = bibtexparser.parse_string(text)
    out = []
    for entry in library.entries:
        fields = {f.key.lower(): f.value for f in entry.fields}
        out.append((_unbrace(fields.get("archiveid", "")), _unbrace(fields.get("note", ""))))
    return out


def read_ris(text: str) -> list[tuple[str, str]]:
    out, current = [], {}
    for line in text.splitlines():
        found = _RIS_TAG.match(line)
        if not found:
            continue
        tag, value = found.groups()
        if tag == "ER":
            out.append((current.get("ID", ""), current.get("N1", "")))
            current = {}
        else:
            current[tag] = value.strip()
    return out


def read_markdown(text: str) -> list[tuple[str, str]]:
    out, quote = [], []
    for line in text.splitlines():
        if line.startswith(">"):
            quote.append(line[1:].strip())
        elif line.strip() and quote:
            found = _LOCATOR.search(line)
            out.append((found.group(1) if found else "", " ".join(quote)))
            quote = []
    return out


def read_text(text: str) -> list[tuple[str, str]]:
    out, quote = [], None
    for line in text.splitlines():
        if line[:1] in "”“" and line.endswith("”") and len(line) > 1:
            quote = line[1:-1]
        elif quote is not None and line.strip():
            found = _LOCATOR.search(line)
            out.append((found.group(1) if found else "", quote))
            quote = None
    return out


def read_json(text: str) -> list[tuple[str, str]]:
    """Our JSON or CSL-JSON, one object or a list: CSL-JSON keeps the quote as its note."""
    data = json.loads(text)
    data = data if isinstance(data, list) else [data]
    return [(c["id"], c.get("quote", c.get("note", ""))) for c in data]


def read_jsonl(text: str) -> list[tuple[str, str]]:
    return [(c["id"], c["quote"]) for c in map(json.loads, filter(str.strip, text.splitlines()))]


def read_csv(text: str) -> list[tuple[str, str]]:
    return [(r["id"], r["quote"]) for r in csv.DictReader(text.splitlines())]


@dataclass(frozen=True)
class Format:
    """One citation format, its writer and its reader side by side.

    A stream is `head`, the `entry` of each citation joined by `between`, then `tail`; `single` is what `minutes
    cite` prints when one citation alone reads differently (a JSON object, not a list of one). `suffixes` and `mark`
    (how an exported file's text starts) let `--verify` pick `read` for a file: formats are asked in order of
    `precedence`, each claiming a file by its name or its mark, and the one with neither takes what is left. `cite`
    says whether `minutes cite` offers the format (JSON Lines is for exports)."""

    name: str
    entry: Callable[[dict], str]
    read: Callable[[str], list[tuple[str, str]]]
    suffixes: tuple[str, ...] = ()
    mark: tuple[str, ...] = ()
    between: str = "\n"
    head: str = ""
    tail: str = ""
    single: Optional[Callable[[dict], str]] = None
    cite: bool = True
    precedence: int = 100


def _json_entry(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


# In the order people are offered them. The precedence asks the surest marks first (a BibTeX file named .json is
# BibTeX) but lets a JSON Lines name beat the "{" it shares with JSON, and JSON text beat a .csv or .md name.
TABLE: tuple[Format, ...] = (
    Format("text", text, read_text, precedence=1000),  # no name, no mark: what no other format claims
    Format("markdown", markdown, read_markdown, suffixes=(".md", ".markdown"), mark=(">",), precedence=60),
    Format("json", _json_entry, read_json, suffixes=(".json",), mark=("[", "{"), between=",\n", head="[\n",
           tail="\n]\n", single=lambda citation: _json_entry(citation) + "\n", precedence=40),
    Format("csl-json", lambda citation: _json_entry(csl(citation)), read_json, suffixes=(".json",),
           mark=("[", "{"), between=",\n", head="[\n", tail="\n]\n",
           single=lambda citation: _json_entry([csl(citation)]) + "\n", precedence=40),
    Format("bibtex", bibtex, read_bibtex, suffixes=(".bib", ".bibtex"), mark=("@",), precedence=10),
    Format("ris", ris, read_ris, suffixes=(".ris",), mark=("TY  -",), precedence=20),
    Format("csv", lambda citation: _csv_line(csv_row(citation)), read_csv, suffixes=(".csv",), between="",
           head=_csv_line(CSV_COLUMNS), precedence=50),
    Format("jsonl", lambda citation: json.dumps(citation, ensure_ascii=False) + "\n", read_jsonl,
           suffixes=(".jsonl",), between="", cite=False, precedence=30),
)
BY_NAME = {fmt.name: fmt for fmt in TABLE}
FORMATS = tuple(BY_NAME)
CITE_FORMATS = tuple(fmt.name for fmt in TABLE if fmt.cite)


def write_stream(citations, fmt: str | Format, out) -> int:
    """Write citations one by one (nothing is held in memory but the current one); returns the count."""
    form = fmt if isinstance(fmt, Format) else BY_NAME[fmt]
    count = 0
    out.write(form.head)
    for citation in citations:
        out.write((form.between if count else "") + form.entry(citation))
        count += 1
    out.write(form.tail)
    return count


def render(citation: dict, fmt: str | Format) -> str:
    form = fmt if isinstance(fmt, Format) else BY_NAME[fmt]
    if form.single is not None:
        return form.single(citation)
    out = io.StringIO()
    write_stream([citation], form, out)
    return out.getvalue()


def reader_for(name: str, text: str, table: tuple[Format, ...] = TABLE) -> Callable[[str], list[tuple[str, str]]]:
    """The reader for an exported file: the first format, by precedence, that its name or its text's start claims."""
    suffix = PurePath(name).suffix.lower()
    stripped = text.lstrip()
    for fmt in sorted(table, key=lambda fmt: fmt.precedence):
        if suffix in fmt.suffixes or (fmt.mark and stripped.startswith(fmt.mark)) or not (fmt.suffixes or fmt.mark):
            return fmt.read
    raise ValueError("no citation format reads this file")
