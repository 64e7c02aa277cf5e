"""One module per migration, `mNNN_name.py`, each with `STATEMENTS: list[str]`.

Applied in file-name order, each once, recorded by name in `schema_migrations`, so areas
of the code can add their own without renumbering anyone else's. Never edit a released one.
"""
