"""The index schema. Bump VERSION whenever fields or analyzers change: older indexes are rebuilt."""
from __future__ import annotations

from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, Schema

from .analysis import compounds, english, folded, swedish
from .indexing_analyzer import IndexingAnalyzer as Memo, WordText

VERSION = 8  # 8: Swedish definite neuter forms brought back to their base ("beslutet" -> "beslut")


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
        title_text=WordText(analyzer=Memo(folded())),  # the item's title, for title:word
        page=NUMERIC(int, stored=True),
        language=ID(stored=True),
        persons=KEYWORD(stored=True, commas=True, lowercase=True),  # folded names, as in the catalog
        person_names=STORED,
        roles=KEYWORD(stored=True, commas=True),
        content=STORED,  # the text shown and highlighted
        text_sv=WordText(analyzer=Memo(swedish()), phrase=True),
        text_en=WordText(analyzer=Memo(english()), phrase=True),
        folded=WordText(analyzer=Memo(folded()), phrase=True),
        parts=WordText(analyzer=Memo(compounds()), phrase=False),
        words=WordText(analyzer=Memo(RegexTokenizer() | LowercaseFilter()), phrase=False),  # spelling suggestions
    )
