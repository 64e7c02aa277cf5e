"""Migration 7: story families, one row per member.

A family is one story or event told by several outlets. Its id is the id of the story that
founded it and stays its label while others join or leave. A story is in at most one
family; a story in none stands alone. `why` is JSON: what the story matched when it joined.
"""

STATEMENTS: list[str] = [
    """
        CREATE TABLE family_members (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            family_id INTEGER NOT NULL,
            score REAL NOT NULL,          -- average likeness to the members it joined (0-100)
            why TEXT NOT NULL,            -- JSON list of reasons an editor can read
            origin TEXT NOT NULL,         -- 'dedup' or 'editor:<name>'
            joined_at TEXT NOT NULL,
            lead INTEGER NOT NULL DEFAULT 0  -- 1 for the first published: the inbox's row
        )
        """,
    "CREATE INDEX family_members_family ON family_members(family_id)",
]

POSTGRES: list[str] = [
    """
        CREATE TABLE family_members (
            article_id BIGINT PRIMARY KEY REFERENCES articles(id),
            family_id BIGINT NOT NULL,
            score DOUBLE PRECISION NOT NULL,
            why TEXT COLLATE "C" NOT NULL,
            origin TEXT COLLATE "C" NOT NULL,
            joined_at TEXT COLLATE "C" NOT NULL,
            lead INTEGER NOT NULL DEFAULT 0
        )
        """,
    "CREATE INDEX family_members_family ON family_members(family_id)",
]
