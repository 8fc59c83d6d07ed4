"""The Whoosh schema: stored article fields, analysed views of the text, entity keywords.

Matching reads syllables, never pyvi's words (see `index.engine.plan`); each text field has:
- `*_fold`: every syllable folded ("hoi", "dam"): a syllable typed without marks.
- `*_marked`: every syllable written with marks, in exact form ("hội"): one typed with marks.
- `*_pairs`: every two syllables adjacent in one chunk, exact ("hội_đàm", "f_35"): a run of two
  is one lookup of its forms (each segment lists the forms of each folded pair beside its
  files, `index/engine/word_forms.py`); a longer run intersects its pairs and is checked in
  the column.
- `*_words`: pyvi words in exact form ("hội_đàm"): ranking only, never matching.
- `*_syllables`: a column, not indexed: the field's `syllable_column`, exact syllables with the
  chunk breaks, one document's read in microseconds; runs are checked in it.
No positions anywhere: posting lists of term counts stay small and fast.
"""

from __future__ import annotations

from whoosh.analysis import Tokenizer
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from index.engine.analysis import ColumnTokenizer, TermCounts, WordTokenizer

TEXT_FIELDS = ("title", "body")
# The column holding each text field's syllables.
SYLLABLE_COLUMNS = {"title": "title_syllables", "body": "body_syllables"}


def _counted(analyzer: Tokenizer, boost: float = 1.0) -> TEXT:
    """A text field of term counts (no positions), counted by `TermCounts`."""
    field = TEXT(analyzer=analyzer, phrase=False, field_boost=boost)
    field.format = TermCounts(field_boost=boost)
    return field


def build_schema() -> Schema:
    fold, marked, pairs = (ColumnTokenizer(kind) for kind in ("folded", "marked", "pairs"))
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
        organisations=KEYWORD(stored=True, commas=True, scorable=False),
        title_words=_counted(WordTokenizer(), boost=2.0),
        title_fold=_counted(fold, boost=2.0),
        title_marked=_counted(marked, boost=2.0),
        title_pairs=_counted(pairs, boost=2.0),
        body_words=_counted(WordTokenizer()),
        body_fold=_counted(fold),
        body_marked=_counted(marked),
        body_pairs=_counted(pairs),
        title_syllables=COLUMN(VarBytesColumn()),
        body_syllables=COLUMN(VarBytesColumn()),
        # Meetings, sentence co-mentions, same-story signature: `index/relations/stored.py`.
        relations=COLUMN(VarBytesColumn()),
    )


def text_fields(title: str, body: str, columns: tuple[str, str]) -> dict[str, object]:
    """The analysed fields of an article's document, from its title and body and their
    `syllable_column`s."""
    fields: dict[str, object] = {}
    title_column, body_column = columns
    for name, text, column in (("title", title, title_column), ("body", body, body_column)):
        fields[f"{name}_words"] = text
        for view in ("fold", "marked", "pairs"):
            fields[f"{name}_{view}"] = column
        fields[SYLLABLE_COLUMNS[name]] = column.encode()
    return fields
