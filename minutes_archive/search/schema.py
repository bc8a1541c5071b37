"""The index schema. Bump VERSION whenever fields or analyzers change: older indexes are rebuilt."""
from __future__ import annotations

from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import compounds, english, folded, swedish

VERSION = 6  # 6: the analyzers moved to minutes_archive.search (the pickled schema names them)


def schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        kind=ID(stored=True),  # item | decision | footnote | memo | preamble | closing
        document_id=ID(stored=True),
        item_id=ID(stored=True),
        body=ID(stored=True),
        body_key=ID,
        day=NUMERIC(int, bits=32, stored=True, signed=False, sortable=True),  # yyyymmdd, 0 when undated
        year=ID(stored=True),
        number=ID(stored=True),
        label=STORED,  # the item number as written: "§ 14", "14."
        outcome=ID(stored=True),  # a decision's outcome (approved, rejected, elected, ...); "" for everything else
        title=STORED,
        title_text=TEXT(analyzer=folded()),  # the item's title, for title:word
        page=NUMERIC(int, stored=True),
        language=ID(stored=True),
        persons=KEYWORD(stored=True, commas=True, lowercase=True),  # folded names, as in the catalog
        person_names=STORED,
        roles=KEYWORD(stored=True, commas=True),
        content=STORED,  # the text shown and highlighted
        text_sv=TEXT(analyzer=swedish(), phrase=True),
        text_en=TEXT(analyzer=english(), phrase=True),
        folded=TEXT(analyzer=folded(), phrase=True),
        parts=TEXT(analyzer=compounds(), phrase=False),
        words=TEXT(analyzer=RegexTokenizer() | LowercaseFilter(), phrase=False),  # spelling suggestions
    )
