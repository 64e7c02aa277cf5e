"""Commands for this area; `register` adds them to the main group."""

from __future__ import annotations

import click


def register(main: click.Group) -> None:
    """Filled in by the owner of this area."""
