"""The public API: `Archive` and the work that spans floors (import, reextract, forget, check, backup)."""
