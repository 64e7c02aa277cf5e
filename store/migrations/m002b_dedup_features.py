"""Migration 2b: the dedup index as it now is (windowed keys, stored features, story count).

Databases made while m002 was young carry an older index layout. The index is derived data
(`newsdesk dedup --rebuild`, or any ingest, fills it again), so it is simply recreated;
links, merges and everything editors did are untouched.
"""

from newsdesk.store.migrations.m002_dedup import STATEMENTS as CURRENT

STATEMENTS: list[str] = [
    "DROP INDEX IF EXISTS dedup_keys_article",
    "DROP TABLE IF EXISTS dedup_keys",
    "DROP TABLE IF EXISTS dedup_docs",
    "DROP TABLE IF EXISTS dedup_terms",
    *(s for s in CURRENT if "dedup_" in s and "merges" not in s),
]

POSTGRES: list[str] = []  # no PostgreSQL desk ever had the older layout
