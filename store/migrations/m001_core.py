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

# PostgreSQL: the same tables. Text compares byte-wise (COLLATE "C") as SQLite's does, so
# both engines sort alike; ids are 64-bit identities; search is an expression index over a
# `simple` configuration that also folds accents (unaccent), so "Pontianák" finds "Pontianak".
_T = 'TEXT COLLATE "C"'
SEARCH_LIMIT = 400_000  # characters of title + body searched: tsvector holds at most 1 MB


def search_document(alias: str = "") -> str:
    """The text PostgreSQL indexes for search; queries repeat it exactly to use the index.

    ASCII punctuation becomes a space (the columns compare as "C"), so "bank-bank",
    "1.420" and "news.detik.com" split into words as FTS5's unicode61 splits them.
    """
    text = f"left({alias}title || ' ' || {alias}body, {SEARCH_LIMIT})"
    return f"regexp_replace({text}, '[[:punct:]]', ' ', 'g')"


POSTGRES: list[str] = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION newsdesk (COPY = pg_catalog.simple)",
    "ALTER TEXT SEARCH CONFIGURATION newsdesk"
    " ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
    "CREATE TABLE newsdesk_state (id INTEGER PRIMARY KEY CHECK (id = 1),"
    " changes BIGINT NOT NULL)",  # one row: writers lock it in turn; counts commits
    "INSERT INTO newsdesk_state VALUES (1, 0)",
    f"""
        CREATE TABLE articles (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            title {_T} NOT NULL,
            body {_T} NOT NULL,
            raw BYTEA NOT NULL,
            encoding {_T} NOT NULL DEFAULT 'utf-8',
            source {_T},
            format {_T},
            outlet {_T},
            url {_T},
            published {_T},
            ingested_at {_T} NOT NULL,
            lang {_T},
            content_hash {_T} NOT NULL,
            status {_T} NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'approved', 'rejected', 'merged')),
            status_reason {_T},
            status_origin {_T},
            desk {_T},
            desk_origin {_T},
            priority {_T},
            priority_origin {_T},
            flag {_T},
            flag_origin {_T},
            merged_into BIGINT REFERENCES articles(id),
            decided_at {_T},
            version INTEGER NOT NULL DEFAULT 1,
            extra {_T} NOT NULL DEFAULT '{{}}',
            provenance {_T} NOT NULL DEFAULT '{{}}'
        ) WITH (fillfactor = 80)
        """,  # room on the page: an editorial update can stay beside the row (HOT)
    "CREATE UNIQUE INDEX articles_content_hash ON articles(content_hash)",
    "CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL",
    "CREATE INDEX articles_inbox ON articles(status, published DESC, id DESC)",
    "CREATE INDEX articles_newest ON articles(published DESC, id DESC)",
    "CREATE INDEX articles_merged_into ON articles(merged_into)",
    "CREATE INDEX articles_outlet ON articles(outlet)",
    "CREATE INDEX articles_desk ON articles(desk)",
    f"""
        CREATE TABLE tags (
            article_id BIGINT NOT NULL REFERENCES articles(id),
            tag {_T} NOT NULL,
            origin {_T} NOT NULL,
            added_at {_T} NOT NULL,
            PRIMARY KEY (article_id, tag, origin)
        )
        """,
    "CREATE INDEX tags_tag ON tags(tag)",
    f"""
        CREATE TABLE tag_vetoes (
            article_id BIGINT NOT NULL REFERENCES articles(id),
            tag {_T} NOT NULL,
            editor {_T} NOT NULL,
            at {_T} NOT NULL,
            PRIMARY KEY (article_id, tag)
        )
        """,
    f"""
        CREATE TABLE audit (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            at {_T} NOT NULL,
            actor {_T} NOT NULL,
            action {_T} NOT NULL,
            article_ids {_T} NOT NULL,
            detail {_T} NOT NULL DEFAULT '{{}}',
            changes {_T} NOT NULL,
            undoes BIGINT REFERENCES audit(id),
            undone_by BIGINT REFERENCES audit(id)
        )
        """,
    "CREATE INDEX audit_actor ON audit(actor, id)",
    f"""
        CREATE TABLE links (
            a BIGINT NOT NULL REFERENCES articles(id),
            b BIGINT NOT NULL REFERENCES articles(id),
            kind {_T} NOT NULL CHECK (kind IN ('duplicate', 'related')),
            score DOUBLE PRECISION NOT NULL,
            reasons {_T} NOT NULL DEFAULT '[]',
            state {_T} NOT NULL DEFAULT 'open'
                CHECK (state IN ('open', 'merged', 'dismissed')),
            found_at {_T} NOT NULL,
            PRIMARY KEY (a, b),
            CHECK (a < b)
        )
        """,
    "CREATE INDEX links_b ON links(b)",
    f"""
        CREATE TABLE rule_hits (
            article_id BIGINT NOT NULL REFERENCES articles(id),
            rule_id {_T} NOT NULL,
            matches {_T} NOT NULL DEFAULT '[]',
            at {_T} NOT NULL,
            PRIMARY KEY (article_id, rule_id)
        )
        """,
    "CREATE INDEX rule_hits_rule ON rule_hits(rule_id)",
    f"CREATE INDEX articles_search ON articles"
    f" USING gin (to_tsvector('newsdesk', {search_document()}))",
]
