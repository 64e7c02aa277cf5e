"""Vocabulary and templates for the synthetic corpus, kept as data apart from the generator.

Everything here is written for this project (no real article text): names are combinations of
common Indonesian given names, places and institutions are real public names, and every sentence
is a template with slots the generator fills.
"""
