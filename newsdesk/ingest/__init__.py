"""Ingest: readers for every input format, cleaning, outlet and date from the text."""
