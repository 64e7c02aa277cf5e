"""The Textual desk. Talks to the core (newsdesk.desk), never to SQL."""
