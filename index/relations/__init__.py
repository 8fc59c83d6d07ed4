"""Relations read from tagged articles: meetings, same-story groups, timelines, co-mentions.

Beside `entities` and `ingest` in the layers: it imports only `model` and `text`, and neither
Whoosh nor numpy.
"""
