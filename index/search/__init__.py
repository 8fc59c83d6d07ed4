"""Queries: the language, matching, ranking, facets, highlights and the Index class."""
