"""The Whoosh schema: stored article fields, two analysed views of the text, entity keywords.

- `*_words`: pyvi words in exact form ("hội_đàm", "nga"). A typed word of two syllables or
  more must match one of its exact forms, found through its folded form ("hoi_dam") in each
  segment's word forms (`index/word_forms.py`); the form written as typed ranks first. No
  positions: phrases are matched on the folded syllables.
- `*_fold`: syllables folded ("hoi", "dam"): accent-insensitive matching of single syllables.
- `*_syllables`: a column, not indexed: the field's folded syllables joined by spaces, one
  document's read in microseconds. Quoted phrases are checked in it (a substring test) and
  highlighting finds matches in it; posting lists without positions stay small and fast.
"""

from __future__ import annotations

from whoosh.analysis import Tokenizer
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from index.engine.analysis import SyllableTokenizer, TermCounts, WordTokenizer

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
        date_source=STORED(),
        source=STORED(),
        path=STORED(),
        url=STORED(),
        entities=STORED(),
        leaders=KEYWORD(stored=True, commas=True, scorable=False),
        countries=KEYWORD(stored=True, commas=True, scorable=False),
        title_words=_counted(WordTokenizer(), boost=2.0),
        title_fold=_counted(folded, boost=2.0),
        body_words=_counted(WordTokenizer()),
        body_fold=_counted(folded),
        title_syllables=COLUMN(VarBytesColumn()),
        body_syllables=COLUMN(VarBytesColumn()),
        # Meetings, sentence co-mentions, same-story signature: `index/relations/stored.py`.
        relations=COLUMN(VarBytesColumn()),
    )
