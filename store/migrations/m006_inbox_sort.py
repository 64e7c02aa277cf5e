"""Migration 6: indexes on the inbox sort key, so a page is an index range, not a sort.

The expression must match `store.articles.SORT_KEY` exactly for SQLite to use them.
"""

STATEMENTS: list[str] = [
    # superseded by the two below: same order, but on the raw column the query does not use
    "DROP INDEX IF EXISTS articles_inbox",
    "DROP INDEX IF EXISTS articles_newest",
    "CREATE INDEX articles_inbox_sort ON articles("
    "status, coalesce(published, substr(ingested_at, 1, 10)) DESC, id DESC)",
    "CREATE INDEX articles_all_sort ON articles("
    "coalesce(published, substr(ingested_at, 1, 10)) DESC, id DESC)",
]

POSTGRES: list[str] = STATEMENTS  # the same SQL on both engines
