"""Migration 5: what `newsdesk fetch` remembers about each feed, for conditional GET and reports."""

STATEMENTS: list[str] = [
    """
        CREATE TABLE feeds (
            url TEXT PRIMARY KEY,
            outlet TEXT,
            etag TEXT,                    -- validators from the last good fetch: sent back as
            last_modified TEXT,           -- If-None-Match / If-Modified-Since
            last_status TEXT,             -- ok | not-modified | failed
            last_error TEXT,
            last_fetched_at TEXT,         -- ISO UTC, every attempt
            last_ok_at TEXT,              -- ISO UTC, last 200 or 304
            items_stored INTEGER NOT NULL DEFAULT 0   -- running total of new stories
        )
        """,
]
