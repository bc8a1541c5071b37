"""Entity extraction: persons, participants, proposals, dates, abbreviations and organisations.

`extract.extract_entities` runs them all; the modules are imported one by one
elsewhere so that a search does not pay for compiling every pattern.
"""
