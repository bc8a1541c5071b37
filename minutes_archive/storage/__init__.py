"""The archive on disk: the SQLite catalog (the source of truth) and its migrations, the blob store of
originals, the folder's names, the writer lock, people.toml and the glossary. Below search and citations."""
