"""Database backends of the sandbox (SQLite and MySQL-protocol)."""
