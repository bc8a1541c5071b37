"""Human rendering of `minutes show` results."""
from __future__ import annotations

from rich.markup import escape
from rich.padding import Padding

from . import output


class _Console:
    """`output.console` looked up at each print: the console of this run (--color), not of the first import."""

    def __getattr__(self, name):
        return getattr(output.console, name)


console = _Console()


def _context(doc: dict) -> str:
    parts = [doc.get("body") or "(unknown body)", doc.get("kind"), doc.get("date") or "undated"]
    return " · ".join(escape(str(p)) for p in parts if p)


def _indented(markup: str, level: int = 2) -> None:
    """Wrapped under its indent on a terminal; piped, one indented line (Padding would fill it out with spaces)."""
    if output.is_terminal():
        console.print(Padding(markup, (0, 0, 0, level)))
    else:
        console.print(" " * level + markup)


def decision_facts(decision: dict) -> str:
    """What the minutes say about a decision beyond its words: "approved 5–0; moved by Johnson, seconded by Soules"."""
    votes = [decision.get(k) for k in ("votes_for", "votes_against", "votes_abstain")]
    tally = "–".join(str(v or 0) for v in (votes if votes[2] else votes[:2])) if any(v is not None for v in votes) else ""
    who = ", ".join(f"{verb} by {decision[key]}" for key, verb in (("mover", "moved"), ("seconder", "seconded"))
                    if decision.get(key))
    return "; ".join(p for p in (" ".join(p for p in (decision.get("outcome"), tally) if p), who) if p)


def _item(item: dict) -> None:
    pages = f"p. {item['page_start']}" + (f"–{item['page_end']}" if item["page_end"] != item["page_start"] else "")
    console.print(f"[bold]{escape(item['label'])} {escape(item['title'])}[/bold]  [dim]{item['id']} · {pages}[/dim]")
    if item.get("text"):
        _indented(escape(item["text"]))
    for d in item.get("decisions", []):
        facts = decision_facts(d)
        facts = f" [green]({escape(facts)})[/green]" if facts else ""
        _indented(f"[green]▶ {d['kind'].capitalize()}:[/green] {escape(d['text'])}{facts}  [dim]{d['id']}[/dim]")
    for n in item.get("footnotes", []):
        after = f"  [dim](after “…{escape(n['anchor_after'])}”)[/dim]" if n.get("anchor_after") else ""
        _indented(f"[cyan]{n['kind'].capitalize()} {n['number']}:[/cyan] {escape(n['text'])}{after}")
    for a in item.get("attachments", []):
        _indented(f"[magenta]Attachment ({a['kind']}):[/magenta] {escape(a['title'])}  [dim]{a['id']}[/dim]")
    people = [escape(p["name"]) + (f" ({escape(', '.join(p['roles']))})" if p["roles"] else "") for p in item.get("persons", [])]
    people += [f"{escape(m['text'])} [dim](unresolved)[/dim]" for m in item.get("unresolved_mentions", [])]
    if people:
        _indented("[bold]People:[/bold] " + "; ".join(people))
    for p in item.get("proposals", []):
        _indented(f"[bold]Proposal[/bold] by {escape(p['name'] or p['mover'])}: {escape(p['text'])}")
    dates = [f"{d['date']} “{escape(d['text'])}” ({d['role'].replace('_', ' ')})"
             + (" [red]weekday does not match[/red]" if d["weekday_mismatch"] else "") for d in item.get("dates", [])]
    if dates:
        _indented("[bold]Dates:[/bold] " + "; ".join(dates))


def _attachment(a: dict) -> None:
    console.print(f"[bold magenta]{escape(a['label'] or a['kind'].capitalize())}: {escape(a['title'])}[/bold magenta]  [dim]{a['id']}[/dim]")
    if a["sections"]:
        console.print("  Sections: " + ", ".join(escape(s) for s in a["sections"]))
    _indented(escape(a["text"]))


def render_show(result: dict) -> None:
    doc = result["document"]
    console.print(f"[bold]{_context(doc)}[/bold]  [dim]{doc['id']} · {escape(doc['source_name'])}[/dim]")
    if doc.get("signed_date") and doc.get("signed_date") != doc.get("date"):
        console.print(f"Signed {doc['signed_date']}")
    if doc.get("low_confidence_pages"):
        pages = ", ".join(f"{n} ({doc['ocr_confidence'][n]:.0f}%)" for n in doc["low_confidence_pages"])
        console.print(f"[yellow]OCR confidence is low on page {pages}: check quotes against the scan.[/yellow]")
    if result["type"] == "document":
        present = [f"{escape(p['name'])}" + (f" ({escape(p['role'])})" if p["role"] else "") + f" [dim]{p['status']}[/dim]"
                   for p in result.get("participants", [])]
        if present:
            console.print("[bold]Participants:[/bold] " + "; ".join(present))
    console.print()
    if result["type"] == "document":
        if result.get("preamble"):
            console.print(f"[dim]{escape(result['preamble'])}[/dim]  [dim]{doc['id']}-preamble[/dim]\n")
        for item in result["items"]:
            _item(item)
            console.print()
        if result.get("closing"):
            console.print(f"[dim]{escape(result['closing'])}[/dim]  [dim]{doc['id']}-closing[/dim]\n")
        for a in result["attachments"]:
            _attachment(a)
        return
    if result["type"] in ("preamble", "closing"):
        record = result[result["type"]]
        console.print(f"[bold]{result['type'].capitalize()}[/bold]  [dim]{record['id']}[/dim]")
        _indented(escape(record["text"]))
        return
    if result["type"] == "memo":
        _attachment(result["memo"])
    elif result["type"] in ("decision", "footnote"):
        record = result[result["type"]]
        facts = decision_facts(record) if result["type"] == "decision" else ""
        console.print(f"[bold]{result['type'].capitalize()}:[/bold] {escape(record['text'])}"
                      + (f" [green]({escape(facts)})[/green]" if facts else "") + "\n")
    if result.get("item"):
        _item(result["item"])
