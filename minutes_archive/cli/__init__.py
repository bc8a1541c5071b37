"""The `minutes` command line."""
