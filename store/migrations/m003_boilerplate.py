"""Migration 3: per-outlet boilerplate lines learned from the stored articles themselves."""

STATEMENTS: list[str] = [
    """
        CREATE TABLE boilerplate_lines (
            outlet TEXT NOT NULL,
            line TEXT NOT NULL,           -- whitespace-normalised, compared as is by the cleaner
            learned_at TEXT NOT NULL,     -- ISO UTC of the learning run that found it
            PRIMARY KEY (outlet, line)
        ) WITHOUT ROWID
        """,
]

POSTGRES: list[str] = [
    """
        CREATE TABLE boilerplate_lines (
            outlet TEXT COLLATE "C" NOT NULL,
            line TEXT COLLATE "C" NOT NULL,
            learned_at TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (outlet, line)
        )
        """,
]
