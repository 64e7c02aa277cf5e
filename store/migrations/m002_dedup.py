"""Migration 2: the persistent dedup index (keys, word frequencies) and merge bookkeeping.

`dedup_keys` is the candidate index: one row per (key, story), where a key is a MinHash
sketch value of the story's word shingles or a rare name/figure/quote/entity. Looking up a
new story's ~20 keys is ~20 index probes, whatever the size of the store.
"""

STATEMENTS: list[str] = [
    """
        CREATE TABLE dedup_keys (
            key INTEGER NOT NULL,         -- 33-bit: shingle sketch value, or a tagged rare key
            day INTEGER NOT NULL,         -- publication day (proleptic ordinal), 0 when unknown
            article_id INTEGER NOT NULL REFERENCES articles(id),
            PRIMARY KEY (key, day, article_id)   -- one seek per key and time window
        ) WITHOUT ROWID
        """,
    "CREATE INDEX dedup_keys_article ON dedup_keys(article_id)",
    """
        CREATE TABLE dedup_docs (         -- stories already in the index
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            day INTEGER,
            features BLOB                 -- what comparing needs, compressed: no re-reading text
        )
        """,
    """
        CREATE TABLE dedup_terms (        -- document frequency of each content word
            term TEXT PRIMARY KEY,
            df INTEGER NOT NULL
        ) WITHOUT ROWID
        """,
    """
        CREATE TABLE merges (             -- what a merge changed, so unmerge restores it exactly
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            merged_into INTEGER NOT NULL REFERENCES articles(id),
            actor TEXT NOT NULL,
            at TEXT NOT NULL,
            before TEXT NOT NULL          -- JSON: the article's fields and the link row before
        )
        """,
    "CREATE INDEX merges_into ON merges(merged_into)",
]

POSTGRES: list[str] = [
    """
        CREATE TABLE dedup_keys (
            key BIGINT NOT NULL,
            day INTEGER NOT NULL,
            article_id BIGINT NOT NULL REFERENCES articles(id),
            PRIMARY KEY (key, day, article_id)
        )
        """,
    "CREATE INDEX dedup_keys_article ON dedup_keys(article_id)",
    """
        CREATE TABLE dedup_docs (
            article_id BIGINT PRIMARY KEY REFERENCES articles(id),
            day INTEGER,
            features BYTEA
        )
        """,
    """
        CREATE TABLE dedup_terms (
            term TEXT COLLATE "C" PRIMARY KEY,
            df BIGINT NOT NULL
        )
        """,
    """
        CREATE TABLE merges (
            article_id BIGINT PRIMARY KEY REFERENCES articles(id),
            merged_into BIGINT NOT NULL REFERENCES articles(id),
            actor TEXT COLLATE "C" NOT NULL,
            at TEXT COLLATE "C" NOT NULL,
            before TEXT COLLATE "C" NOT NULL
        )
        """,
    "CREATE INDEX merges_into ON merges(merged_into)",
]
