"""The Whoosh index and search: a disposable cache rebuilt from the catalog."""
