"""Session transcripts: recording, listing, replay, demo and export.

Import-free on purpose; each command imports only the modules it uses.
"""
