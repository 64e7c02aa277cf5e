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

POSTGRES: list[str] = [
    """
        CREATE TABLE feeds (
            url TEXT COLLATE "C" PRIMARY KEY,
            outlet TEXT COLLATE "C",
            etag TEXT COLLATE "C",
            last_modified TEXT COLLATE "C",
            last_status TEXT COLLATE "C",
            last_error TEXT COLLATE "C",
            last_fetched_at TEXT COLLATE "C",
            last_ok_at TEXT COLLATE "C",
            items_stored BIGINT NOT NULL DEFAULT 0
        )
        """,
]
