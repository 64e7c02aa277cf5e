"""Errors the store raises in words a person can act on, whichever engine is behind it."""

from __future__ import annotations


class StoreError(RuntimeError):
    """A database problem worth one clear line to the user (locked, corrupt, too new).

    `exit_code` follows the CLI's convention: 2 when the database cannot be used as it is
    (damaged, read-only, too new, missing), 1 when this action failed and a retry may
    succeed (disk full, locked, server unreachable).
    """

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class NoDatabase(StoreError):
    """A command that only reads or edits stories was pointed at a desk that is not there."""

    def __init__(self, target: str) -> None:
        super().__init__(f"no database at {target} (ingest creates one)", 2)
