"""The only package that speaks SQL (through sqlite-utils)."""

from newsdesk.store.db import Store, StoreError

__all__ = ["Store", "StoreError"]
