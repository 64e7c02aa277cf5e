"""Migration 1: articles, tags, editor vetoes, audit log, duplicate links, rule hits, FTS5."""

STATEMENTS: list[str] = [
    """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            raw BLOB NOT NULL,            -- the input exactly as received
            encoding TEXT NOT NULL DEFAULT 'utf-8',
            source TEXT,                  -- file path, URL or <stdin>, with #N for records
            format TEXT,                  -- text | json | jsonl | rss | atom | ninjs
            outlet TEXT,
            url TEXT,
            published TEXT,               -- ISO date (or datetime) or NULL
            ingested_at TEXT NOT NULL,    -- ISO UTC
            lang TEXT,
            content_hash TEXT NOT NULL,   -- sha256 of normalised title + body
            status TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'approved', 'rejected', 'merged')),
            status_reason TEXT,
            status_origin TEXT,           -- rule:<id> or editor:<name>
            desk TEXT,
            desk_origin TEXT,
            priority TEXT,
            priority_origin TEXT,
            flag TEXT,
            flag_origin TEXT,
            merged_into INTEGER REFERENCES articles(id),
            decided_at TEXT,              -- when an editor last set the status
            version INTEGER NOT NULL DEFAULT 1,
            extra TEXT NOT NULL DEFAULT '{}',       -- JSON: input fields we do not model
            provenance TEXT NOT NULL DEFAULT '{}'   -- JSON: field -> where it came from
        )
        """,
    "CREATE UNIQUE INDEX articles_content_hash ON articles(content_hash)",
    "CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL",
    "CREATE INDEX articles_inbox ON articles(status, published DESC, id DESC)",
    "CREATE INDEX articles_newest ON articles(published DESC, id DESC)",
    "CREATE INDEX articles_merged_into ON articles(merged_into)",
    "CREATE INDEX articles_outlet ON articles(outlet)",
    "CREATE INDEX articles_desk ON articles(desk)",
    """
        CREATE TABLE tags (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            tag TEXT NOT NULL,
            origin TEXT NOT NULL,         -- rule:<id> or editor:<name>
            added_at TEXT NOT NULL,
            PRIMARY KEY (article_id, tag, origin)
        )
        """,
    "CREATE INDEX tags_tag ON tags(tag)",
    """
        CREATE TABLE tag_vetoes (         -- tags an editor removed: rules never re-add them
            article_id INTEGER NOT NULL REFERENCES articles(id),
            tag TEXT NOT NULL,
            editor TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (article_id, tag)
        )
        """,
    """
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,          -- editor name, or rule:<id> / system
            action TEXT NOT NULL,         -- approve, reject, tag, untag, merge, undo, ...
            article_ids TEXT NOT NULL,    -- JSON list of the stories touched
            detail TEXT NOT NULL DEFAULT '{}',   -- JSON: arguments of the action
            changes TEXT NOT NULL,        -- JSON: row images before/after, enough to undo
            undoes INTEGER REFERENCES audit(id),
            undone_by INTEGER REFERENCES audit(id)
        )
        """,
    "CREATE INDEX audit_actor ON audit(actor, id)",
    """
        CREATE TABLE links (              -- candidate pairs found by dedup, a < b
            a INTEGER NOT NULL REFERENCES articles(id),
            b INTEGER NOT NULL REFERENCES articles(id),
            kind TEXT NOT NULL CHECK (kind IN ('duplicate', 'related')),
            score REAL NOT NULL,
            reasons TEXT NOT NULL DEFAULT '[]',     -- JSON list of readable reasons
            state TEXT NOT NULL DEFAULT 'open'
                CHECK (state IN ('open', 'merged', 'dismissed')),
            found_at TEXT NOT NULL,
            PRIMARY KEY (a, b),
            CHECK (a < b)
        )
        """,
    "CREATE INDEX links_b ON links(b)",
    """
        CREATE TABLE rule_hits (          -- which rules fired on a story, for explain and stats
            article_id INTEGER NOT NULL REFERENCES articles(id),
            rule_id TEXT NOT NULL,
            matches TEXT NOT NULL DEFAULT '[]',     -- JSON: [{field, start, end, term, score}]
            at TEXT NOT NULL,
            PRIMARY KEY (article_id, rule_id)
        )
        """,
    "CREATE INDEX rule_hits_rule ON rule_hits(rule_id)",
    """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, content='articles', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )
        """,
    """
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
        END
        """,
    """
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body)
                VALUES ('delete', old.id, old.title, old.body);
        END
        """,
    """
        CREATE TRIGGER articles_au AFTER UPDATE OF title, body ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body)
                VALUES ('delete', old.id, old.title, old.body);
            INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
        END
        """,
]
