"""The domain model and the persistent archive (SQLite catalog plus original files)."""
