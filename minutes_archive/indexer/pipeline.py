"""Everything extracted from one layout: structure first, then the entities that live in it."""
from __future__ import annotations

from ..archive.model import Extraction
from .entities.extract import extract_entities
from .layout import Layout
from .structure import extract


def extract_document(layout: Layout, doc_id: str = "", sha256: str = "", source_name: str = "") -> Extraction:
    return extract_entities(extract(layout, doc_id, sha256, source_name))
