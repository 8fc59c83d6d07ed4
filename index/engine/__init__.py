"""The only code that knows Whoosh: schema, analysis, writing, postings, the generation store."""
