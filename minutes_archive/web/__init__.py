"""`minutes serve`: the archive as local, read-only web pages; a skin over `Archive` like the CLI."""
