"""The conversation layer shared by the REPL, batch mode and replay (no UI here)."""
