"""Blind evaluation sets for the built-in NL→SQL engine (see README.md)."""
