"""Turn a parsed query into a Whoosh query over the three analysed views of the text.

Every syllable must appear, folded (so "hoi dam" and "hội đàm" find the same articles); exact
syllables, whole pyvi words and adjacent phrases add score, so exact-diacritic matches rank first.
A run of syllables that names a known leader or country also matches articles that name that
entity in another form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from whoosh import query as wq

from index.query import All, Any_, EntityFilter, Node, Not, Phrase, QueryError, Words
from index.vietnamese import fold, normalise_term

_ENTITY_FIELDS = {"leader": "leaders", "country": "countries"}
_MAX_WORD_SYLLABLES = 4
_MAX_NAME_SYLLABLES = 6

# kind, text → entity id or None
EntityResolver = Callable[[str, str], "str | None"]
# field, term → does the index hold it
LexiconCheck = Callable[[str, str], bool]


class QueryCompiler:
    def __init__(self, resolve_entity: EntityResolver, in_lexicon: LexiconCheck) -> None:
        self.resolve_entity = resolve_entity
        self.in_lexicon = in_lexicon

    def compile(self, node: Node) -> wq.Query:
        if isinstance(node, Words):
            return self._words(node)
        if isinstance(node, Phrase):
            return self._phrase(node.syllables, node.field)
        if isinstance(node, EntityFilter):
            return self._entity_filter(node)
        if isinstance(node, Not):
            return wq.Not(self.compile(node.child))
        if isinstance(node, Any_):
            return wq.Or([self.compile(child) for child in node.children])
        return self._all(node)

    def _all(self, node: All) -> wq.Query:
        parts = [self.compile(child) for child in node.children]
        if not parts:
            return wq.Every()
        if all(isinstance(part, wq.Not) for part in parts):
            parts.insert(0, wq.Every())
        return parts[0] if len(parts) == 1 else wq.And(parts)

    def _entity_filter(self, node: EntityFilter) -> wq.Query:
        entity_id = self.resolve_entity(node.kind, node.name)
        if entity_id is None:
            raise QueryError(f"no {node.kind} called {node.name!r} in the index")
        return wq.Term(_ENTITY_FIELDS[node.kind], entity_id)

    def _fold_fields(self, field: str | None) -> tuple[str, ...]:
        return ("title_fold",) if field == "title" else ("title_fold", "body_fold")

    def _syllable(self, syllable: str, field: str | None) -> wq.Query:
        folded = fold(syllable)
        return wq.Or([wq.Term(name, folded) for name in self._fold_fields(field)])

    def _phrase(self, syllables: Sequence[str], field: str | None) -> wq.Query:
        if not syllables:
            return wq.NullQuery
        if len(syllables) == 1:
            required = self._syllable(syllables[0], field)
        else:
            folded = [fold(s) for s in syllables]
            required = wq.Or([wq.Phrase(name, folded) for name in self._fold_fields(field)])
        bonuses = self._exact_word_bonuses([normalise_term(s) for s in syllables], field)
        return wq.AndMaybe(required, wq.Or(bonuses)) if bonuses else required

    def _words(self, node: Words) -> wq.Query:
        syllables = node.syllables
        required: list[wq.Query] = []
        position = 0
        while position < len(syllables):
            length, entity = (
                self._entity_at(syllables, position) if node.field is None else (0, None)
            )
            if entity is not None:
                names = syllables[position : position + length]
                required.append(wq.Or([self._all_syllables(names, node.field), entity]))
                position += length
            else:
                required.append(self._syllable(syllables[position], node.field))
                position += 1
        required_query = required[0] if len(required) == 1 else wq.And(required)
        bonuses = self._word_bonuses(syllables, node.field)
        return wq.AndMaybe(required_query, wq.Or(bonuses)) if bonuses else required_query

    def _all_syllables(self, syllables: Sequence[str], field: str | None) -> wq.Query:
        return wq.And([self._syllable(s, field) for s in syllables])

    def _entity_at(self, syllables: Sequence[str], start: int) -> tuple[int, wq.Query | None]:
        longest = min(_MAX_NAME_SYLLABLES, len(syllables) - start)
        for length in range(longest, 0, -1):
            text = " ".join(syllables[start : start + length])
            for kind, field in _ENTITY_FIELDS.items():
                if length == 1 and kind == "leader":
                    continue
                entity_id = self.resolve_entity(kind, text)
                if entity_id is not None:
                    return length, wq.Term(field, entity_id)
        return 0, None

    def _word_bonuses(self, syllables: Sequence[str], field: str | None) -> list[wq.Query]:
        bonuses = self._exact_word_bonuses([normalise_term(s) for s in syllables], field)
        if len(syllables) > 1:
            folded = [fold(s) for s in syllables]
            bonuses += [wq.Phrase(name, folded, boost=1.5) for name in self._fold_fields(field)]
        return bonuses

    def _exact_word_bonuses(self, exact: Sequence[str], field: str | None) -> list[wq.Query]:
        """Whole pyvi words written exactly as typed, diacritics included."""
        word_fields = ("title_words",) if field == "title" else ("title_words", "body_words")
        return [
            wq.Term(name, word, boost=3.0)
            for word in self._lexicon_words(exact)
            for name in word_fields
        ]

    def _lexicon_words(self, exact: Sequence[str]) -> list[str]:
        """Greedy longest match of the syllables against the index's own pyvi words."""
        found: list[str] = []
        position = 0
        while position < len(exact):
            for length in range(min(_MAX_WORD_SYLLABLES, len(exact) - position), 0, -1):
                word = "_".join(exact[position : position + length])
                if self.in_lexicon("body_words", word) or self.in_lexicon("title_words", word):
                    found.append(word)
                    position += length
                    break
            else:
                position += 1
        return found
