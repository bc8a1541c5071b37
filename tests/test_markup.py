"""Minutes kept as markup: front matter is metadata, markup is never item text, headings and lists are structure."""
import pytest

from minutes_archive.archive.archive import Archive
from minutes_archive.extraction.readers import read_bytes
from minutes_archive.extraction.pipeline import extract_document


def extract(text: str, name: str):
    return extract_document(read_bytes(text.encode("utf-8"), name), "doc")


def items(extraction):
    return [(i.number, i.title) for i in extraction.items]


MARKDOWN = """---
title: "Protokoll från styrelsemöte 12 mars 2024"
date: 2024-03-12
author: Sekreteraren
---

<!-- exporterad från wikin -->
Protokoll fört vid <b>Sjöhamra Båtklubbs</b> styrelsemöte.

## 1. Mötets öppnande

Ordföranden <span class="name">Anna Berg</span> öppnade mötet.<br>Alla var närvarande.

## 2. Val av justerare

**Beslut:** Mötet valde [Per Lind](https://example.org/per) till justerare.

## 3. Bryggan

| Punkt | Ansvarig |
|-------|----------|
| Nya pollare | <i>Per</i> |

1. Offert från varvet
2. Offert från kommunen

### 3 a. Finansiering

Styrelsen beslutade att söka bidrag.

## Övriga frågor

Inga.
"""


def test_markdown_front_matter_is_metadata_and_html_is_not_text():
    extraction = extract(MARKDOWN, "protokoll.md")
    doc = extraction.document
    assert (doc.title, doc.meeting_date, doc.format) == ("Protokoll från styrelsemöte 12 mars 2024", "2024-03-12", "markdown")
    assert items(extraction) == [("1", "Mötets öppnande"), ("2", "Val av justerare"), ("3", "Bryggan"),
                                 ("3a", "Finansiering"), ("", "Övriga frågor")]
    everything = " ".join([doc.preamble] + [f"{i.title} {i.text}" for i in extraction.items])
    for markup in ("<", ">", "**", "](", "---", "title:", "exporterad", "|"):
        assert markup not in everything, markup
    first, second, third = extraction.items[:3]
    assert first.text == "Ordföranden Anna Berg öppnade mötet. Alla var närvarande."
    assert "Mötet valde Per Lind till justerare." in second.text
    assert "1. Offert från varvet" in third.text  # a numbered list inside an item stays in the item
    assert extraction.items[3].parent_number == "3"
    assert doc.preamble == "Protokoll fört vid Sjöhamra Båtklubbs styrelsemöte."


def test_markdown_import_uses_front_matter(tmp_path):
    path = tmp_path / "protokoll.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    with Archive(tmp_path / "a") as archive:
        [result] = archive.import_paths([path])["files"]
        assert result["status"] == "imported"
        shown = archive.show(result["document_id"])
    assert (shown["document"]["title"], shown["document"]["meeting_date"]) == (
        "Protokoll från styrelsemöte 12 mars 2024", "2024-03-12")
    assert all("<" not in i["text"] and "<" not in i["title"] for i in shown["items"])


def test_agenda_list_is_not_the_items():
    text = """+++
title = "Board meeting: 2024-02-03"
date = 2024-02-03
+++

## Attendees

- Rob Swain
- Alice Cecile

## Agenda

1. Adopt bylaws
2. Elect officers

## Adopt Bylaws

Unanimously approved.

## Officers

**Alice for Secretary.**

Unanimously approved.
"""
    extraction = extract(text, "minutes.md")
    assert items(extraction) == [("", "Adopt Bylaws"), ("", "Officers")]
    assert extraction.document.meeting_date == "2024-02-03"


def test_code_blocks_lend_no_headings():
    text = "## 1. Öppnande\nText.\n\n## 2. Stadgar\n\n```\n### 6. Medlemskap\n### 7. Rösträtt\n```\n\n## 3. Avslutning\nSlut.\n"
    assert items(extract(text, "p.md")) == [("1", "Öppnande"), ("2", "Stadgar"), ("3", "Avslutning")]


HTML = """<!DOCTYPE html>
<html><head><title>Minutes of the Parish Council</title><meta name="date" content="2023-05-04">
<style>h2 { color: red }</style><script>var x = "<h2>1. Not an item</h2>";</script></head>
<body><nav><a href="/">Home</a></nav>
<h1>Minutes of the Parish Council</h1>
<p>Held on 4 May 2023 at the Village Hall. Present: Cllr A. Smith (chair), Cllr B. Jones.</p>
<h2>1. Apologies</h2><p>Apologies were received from Cllr <em>D. White</em>.</p>
<h2>2. Playground</h2>
<p>The clerk reported on the fence.</p>
<ol><li>Three quotes were received.</li><li>The cheapest was chosen.</li></ol>
<table><tr><th>Supplier</th><th>Price</th></tr><tr><td>Fences Ltd</td><td>&pound;1,200</td></tr></table>
<p><strong>Resolved</strong> that the fence be replaced.</p>
<h2>3. Any other business</h2><p>None.</p>
</body></html>"""


def test_html_minutes():
    extraction = extract(HTML, "minutes.html")
    assert items(extraction) == [("1", "Apologies"), ("2", "Playground"), ("3", "Any other business")]
    assert extraction.document.meeting_date == "2023-05-04"
    playground = extraction.items[1].text
    assert "1. Three quotes were received." in playground and "Fences Ltd £1,200" in playground
    assert "<" not in playground and "color" not in playground and "Not an item" not in playground
    assert "Home" not in extraction.document.preamble


TYPST = """#import "mall.typ": protokoll, signaturer
#let tid = "17:23"
#show: protokoll.with(
  title: "Styrelsemöte",
  date: datetime(year: 2024, month: 10, day: 10)
)

= Öppnande av möte
Mötet öppnades #tid \\
// en kommentar som inte är text
= Formalia
== Val av justerare
=== Förslag
#attSatser([Tim Persson väljs till justerare])
=== Beslut
#attSatser([ bifalles ])
== Fastställande av dagordning
Dagordningen fastställs.
#pagebreak()
= Avslutande av möte
#formalia.avslutning
#signaturer()
"""


def test_typst_numbers_items_as_the_template_renders_them():
    extraction = extract(TYPST, "protokoll.typ")
    assert items(extraction) == [("1", "Öppnande av möte"), ("2", "Formalia"), ("2.1", "Val av justerare"),
                                 ("2.2", "Fastställande av dagordning"), ("3", "Avslutande av möte")]
    assert extraction.document.meeting_date == "2024-10-10"
    assert extraction.items[0].text == "Mötet öppnades 17:23"
    assert "Tim Persson väljs till justerare" in extraction.items[2].text
    assert extraction.items[-1].page_start == 2
    assert not any("#" in i.text or "kommentar" in i.text for i in extraction.items)


def test_typst_explicit_numbering_and_no_numbering():
    explicit = '#set heading(numbering: "1.1")\n= Öppnande\nText.\n== Val\nText.\n= Avslutning\nText.\n'
    assert items(extract(explicit, "p.typ")) == [("1", "Öppnande"), ("1.1", "Val"), ("2", "Avslutning")]
    plain = "= Öppnande\nText.\n= Avslutning\nText.\n"
    assert items(extract(plain, "p.typ")) == [("", "Öppnande"), ("", "Avslutning")]


LATEX = r"""\documentclass{article}
\title{Protokoll, årsmöte}
\date{2023-03-15}
\begin{document}
\maketitle
Närvarande: Anna Berg, Per Lind. % inte med
\section{Mötets öppnande}
Ordföranden \textbf{Anna Berg} öppnade mötet.
\section*{Rapporter}
\subsection{Kassören}
Kassan är god.
\section{Val av styrelse}
\begin{enumerate}
\item Anna Berg, ordförande
\item Per Lind, kassör
\end{enumerate}
\subsection{Val av revisorer}
Eva valdes.
\end{document}
"""


def test_latex_sections_numbered_as_printed():
    extraction = extract(LATEX, "arsmote.tex")
    assert items(extraction) == [("1", "Mötets öppnande"), ("", "Rapporter"), ("1.1", "Kassören"),
                                 ("2", "Val av styrelse"), ("2.1", "Val av revisorer")]
    assert extraction.document.meeting_date == "2023-03-15"
    assert extraction.items[0].text == "Ordföranden Anna Berg öppnade mötet."
    assert "1. Anna Berg, ordförande" in extraction.items[3].text
    assert "\\" not in extraction.document.preamble and "inte med" not in extraction.document.preamble


RST = """Protokoll
=========

:Date: 2022-11-02

.. sectnum::

Mötets öppnande
---------------

Mötet öppnades kl 18.

Ekonomi
-------

Budget
~~~~~~

Budgeten **godkändes**.

Övrigt
------

Inget.
"""


def test_rst_titles_and_sectnum():
    extraction = extract(RST, "protokoll.rst")
    assert items(extraction) == [("1", "Mötets öppnande"), ("2", "Ekonomi"), ("2.1", "Budget"), ("3", "Övrigt")]
    assert extraction.document.meeting_date == "2022-11-02"
    assert extraction.items[2].text == "Budgeten godkändes."


ASCIIDOC = """= Minutes of the Board
Jane Doe <jane@example.org>
v1.0, 2021-06-30
:sectnums:

== Call to order

The meeting was called to order at 18:00.

== Treasurer's report

. Income
. Expenses

=== Audit

The audit was *approved*.

== Adjournment

Adjourned at 19:00.
"""


def test_asciidoc_sections():
    extraction = extract(ASCIIDOC, "minutes.adoc")
    assert items(extraction) == [("1", "Call to order"), ("2", "Treasurer's report"), ("2.1", "Audit"),
                                 ("3", "Adjournment")]
    assert extraction.document.meeting_date == "2021-06-30"
    assert "1. Income" in extraction.items[1].text and "2. Expenses" in extraction.items[1].text


@pytest.mark.parametrize("name", ["m.md", "m.markdown", "m.html", "m.htm", "m.typ", "m.tex", "m.rst", "m.adoc"])
def test_every_markup_suffix_is_imported(tmp_path, name):
    path = tmp_path / name
    path.write_text("1. Öppnande\n\nMötet öppnades.\n", encoding="utf-8")
    with Archive(tmp_path / "a") as archive:
        [result] = archive.import_paths([path])["files"]
    assert result["status"] == "imported", result


@pytest.mark.parametrize("text, name, expected", [
    ('<ol start="²"><li>Val</li></ol>', "m.html", ["1. Val"]),  # superscript digits are no list number
    ("<body><form><h2>1. Val</h2><p>Anna valdes.</p></form></body>", "m.html", ["1. Val", "Anna valdes."]),
    ("<table><tr><td>1<td>Budget<tr><td>2<td>Val</table>", "m.html", ["1 Budget", "2 Val"]),  # </td>, </tr> left out
    ("= Rubrik\n#text(weight: \"bold\")[Hej\n= Punkt 2\nText", "m.typ", ["Rubrik", "Punkt 2", "Text"]),
    ("#emph[Viktigt:] mötet öppnades.", "m.typ", ["Viktigt: mötet öppnades."]),
    ("\\documentclass{article}\\begin{document}\\section{Budget}\\label{sec:b}\nText, 100\\% enligt \\S 5.\n",
     "m.tex", ["1. Budget", "Text, 100% enligt § 5."]),
    ("---\nProtokoll fört vid styrelsemöte\n---\n1. Öppnande\n", "m.txt",
     ["---", "Protokoll fört vid styrelsemöte", "---", "1. Öppnande"]),
    ("A. Svensson öppnade mötet.\n\n#. Budget\n#. Val\n", "m.rst", ["A. Svensson öppnade mötet.", "1. Budget", "2. Val"]),
    ("Kostnaden var 500 kr[1] enligt https://x.se[sidan].\n", "m.adoc", ["Kostnaden var 500 kr[1] enligt sidan."]),
    ("```\nkod\n```python\nmer kod\n```\nText.\n", "m.md", ["kod", "```python", "mer kod", "Text."]),
])
def test_awkward_markup(text, name, expected):
    assert [b.text for b in read_bytes(text.encode("utf-8"), name).blocks] == expected


def test_a_long_paragraph_is_read_in_linear_time():
    import time

    started = time.monotonic()
    layout = read_bytes("\n".join(["ord och fler ord på en rad"] * 5000).encode("utf-8"), "m.md")
    assert len(layout.blocks) == 1 and time.monotonic() - started < 5
