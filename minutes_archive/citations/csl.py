"""Citations in a CSL style (APA, Chicago, Harvard, or any .csl file) through citeproc-py, beside the house style.

The styles bundled in `styles/` are CC BY-SA 3.0 from the Citation Style Language project (styles/LICENSE). The
locale follows the document's language, so a Swedish record reads "s. 1" and ”…”, an English one "p. 1" and “…”.
"""
from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

from ..errors import MinutesError
from .formats import Format, csl, quoted

STYLES = Path(__file__).with_name("styles")
LOCALES = {"sv": "sv-SE", "en": "en-US"}
# What a style's reference needs and the CSL-JSON export keeps for tools: the quote (the note) is printed above the
# reference, the paragraph number is already in the title, and the archive locator means nothing to a reader.
_NOT_RENDERED = ("note", "number", "archive", "archive_location")


class UnknownStyle(MinutesError):
    """A citation style that is neither bundled nor a readable .csl file."""


def bundled_styles() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in STYLES.glob("*.csl")))


def style_path(style: str) -> Path:
    """The .csl file for a bundled style's name or a path; checked before any work, so a typo costs nothing."""
    bundled = STYLES / f"{style}.csl"
    if "/" not in style and "\\" not in style and bundled.is_file():
        return bundled
    given = Path(style).expanduser()
    if given.suffix.lower() == ".csl" and given.is_file():
        _check(given)
        return given
    raise UnknownStyle(f"Unknown citation style '{style}': use {', '.join(bundled_styles())} or a path to a .csl file.")


def _check(path: Path) -> None:
    """A style file that is not CSL is refused when named, not after the archive has been searched."""
    from lxml import etree

    try:
        root = etree.parse(str(path)).getroot()
    except (etree.XMLSyntaxError, OSError) as exc:
        raise UnknownStyle(f"{path} is not a CSL style: {exc}.") from exc
    if etree.QName(root).localname != "style" or etree.QName(root).namespace != "http://purl.org/net/xbiblio/csl":
        raise UnknownStyle(f"{path} is not a CSL style: its root is <{etree.QName(root).localname}>, not a CSL <style>.")


@lru_cache(maxsize=8)
def _style(path: str, locale: str):
    """Parsed once per export: a style file is up to 170 kB of XML."""
    from citeproc import CitationStylesStyle
    from lxml.etree import XMLSyntaxError

    try:
        return CitationStylesStyle(path, locale=locale, validate=False)
    except (XMLSyntaxError, OSError, ValueError) as exc:
        raise UnknownStyle(f"{path} is not a CSL style citeproc-py can read ({exc}).") from exc


def render_csl(citation: dict, style: str | Path) -> str:
    """The quote in the document language's marks with its in-text citation, then the reference-list entry:

    ”Att godkänna …” (Äldreomsorgsutskottet, 2023, s. 1)
    Äldreomsorgsutskottet (2023) § 41 Kommunal volontärverksamhet, Protokoll 2023-04-05. protokoll, s. 1.

    what a researcher pastes into a text and its reference list."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON

    path = style if isinstance(style, Path) else style_path(style)
    language = citation["language"] if citation["language"] in LOCALES else "en"
    item = {key: value for key, value in csl(citation).items() if key not in _NOT_RENDERED}
    key = item["id"].lower()  # citeproc-py looks references up by lower-cased key
    item["id"] = key
    pages = "–".join(map(str, citation["pages"]))
    with warnings.catch_warnings():  # citeproc-py warns about CSL variables it does not know; they are only skipped
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(_style(str(path), LOCALES[language]), CiteProcJSON([item]),
                                                  formatter.plain)
        cited = Citation([CitationItem(key, locator=Locator("page", pages))])
        bibliography.register(cited)
        in_text = str(bibliography.cite(cited, lambda _item: None))
        reference = " ".join(str(entry) for entry in bibliography.bibliography())
    return f"{quoted(citation['quote'], language)} {in_text}\n{reference}\n"


def style_format(style: str | Path) -> Format:
    """A stream format for exports in a CSL style: one rendered citation after another, a blank line between.
    Rendered text is for people; `--verify` reads the formats made for tools."""
    path = style if isinstance(style, Path) else style_path(style)

    def unreadable(_text: str) -> list[tuple[str, str]]:
        raise ValueError("a citation rendered in a CSL style is not read back; export json, bibtex, ris or csv")

    return Format(f"csl:{path.stem}", lambda citation: render_csl(citation, path), unreadable, cite=False)
