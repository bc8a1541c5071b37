"""Readers, structure extraction and (later) the search index."""
