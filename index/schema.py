"""The Whoosh schema: stored article fields, three analysed views of the text, entity keywords.

- `*_words`: pyvi words in exact form ("hội_đàm", "nga"): ranks whole-word, exact-diacritic
  matches first. No positions: phrases are matched on the folded syllables.
- `*_wfold`: pyvi words of two syllables or more, folded ("hoi_dam"): what typed words must
  match, with or without diacritics, and the lexicon a query is segmented against.
- `*_fold`: syllables folded ("hoi", "dam"): accent-insensitive matching of single syllables.
- `*_syllables`: a column, not indexed: the field's folded syllables joined by spaces, one
  document's read in microseconds. Quoted phrases are checked in it (a substring test) and
  highlighting finds matches in it; posting lists without positions stay small and fast.
"""

from __future__ import annotations

from whoosh.analysis import Tokenizer
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from index.analysis import SyllableTokenizer, TermCounts, WordTokenizer

# The column holding each folded-syllable field's text, for phrases and highlighting.
SYLLABLE_COLUMNS = {"title_fold": "title_syllables", "body_fold": "body_syllables"}


def _counted(analyzer: Tokenizer, boost: float = 1.0) -> TEXT:
    """A text field of term counts (no positions), counted by `TermCounts`."""
    field = TEXT(analyzer=analyzer, phrase=False, field_boost=boost)
    field.format = TermCounts(field_boost=boost)
    return field


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
        title_words=_counted(WordTokenizer(), boost=2.0),
        title_fold=_counted(folded, boost=2.0),
        title_wfold=_counted(WordTokenizer(folded=True), boost=2.0),
        body_words=_counted(WordTokenizer()),
        body_wfold=_counted(WordTokenizer(folded=True)),
        body_fold=_counted(folded),
        title_syllables=COLUMN(VarBytesColumn()),
        body_syllables=COLUMN(VarBytesColumn()),
    )
