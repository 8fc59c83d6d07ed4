"""The Whoosh schema: stored article fields, three analysed views of the text, entity keywords.

- `*_words`: pyvi words in exact form ("hội_đàm", "nga"): ranks whole-word, exact-diacritic
  matches first. No positions: phrases are matched on the folded syllables.
- `*_wfold`: pyvi words of two syllables or more, folded ("hoi_dam"): what typed words must
  match, with or without diacritics, and the lexicon a query is segmented against.
- `*_fold`: syllables folded ("hoi", "dam"), with positions and character offsets:
  accent-insensitive matching, phrases, and the offsets highlighting reads back.
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from index.analysis import SyllableTokenizer, WordTokenizer

TEXT_FIELDS = ("title_words", "title_wfold", "title_fold", "body_words", "body_wfold", "body_fold")


def build_schema() -> Schema:
    folded = SyllableTokenizer(folded=True)
    return Schema(
        id=ID(stored=True, unique=True),
        title=STORED(),
        body=STORED(),
        date=ID(stored=True, sortable=True),
        source=STORED(),
        path=STORED(),
        url=STORED(),
        entities=STORED(),
        leaders=KEYWORD(stored=True, commas=True, scorable=False),
        countries=KEYWORD(stored=True, commas=True, scorable=False),
        title_words=TEXT(analyzer=WordTokenizer(), phrase=False, field_boost=2.0),
        title_fold=TEXT(analyzer=folded, chars=True, field_boost=2.0),
        title_wfold=TEXT(analyzer=WordTokenizer(folded=True), phrase=False, field_boost=2.0),
        body_words=TEXT(analyzer=WordTokenizer(), phrase=False),
        body_wfold=TEXT(analyzer=WordTokenizer(folded=True), phrase=False),
        body_fold=TEXT(analyzer=folded, chars=True),
    )
