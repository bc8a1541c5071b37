"""Extraction, pure: readers (file bytes to a Layout), structure (items, decisions, footnotes) and entities
(persons, dates, votes). Text in, records out; nothing here touches the archive."""
