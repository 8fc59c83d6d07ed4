"""Turn a parsed query into a Whoosh query over the analysed views of the text.

Typed syllables are grouped into words against the index's own folded pyvi words, and every word
must appear in one of its exact forms: "hội đàm", "hoi dam" and "Hội Đàm" all require a word
folding to "hoi_dam" and find the same articles. The word written exactly as typed adds score, so
exact-diacritic matches rank first. A run of syllables that names a known leader or country also
matches articles that name that entity in another form. Only quoted phrases need positions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from whoosh import query as wq

from index.model import ENTITY_FIELDS
from index.search.query import All, Any_, EntityFilter, Node, Not, Phrase, QueryError, Words
from index.text.vietnamese import fold, normalise_term

_MAX_WORD_SYLLABLES = 4
_MAX_NAME_SYLLABLES = 6

# kind, text → entity id or None
EntityResolver = Callable[[str, str], "str | None"]
# word field, folded word ("hoi_dam") → the exact forms the index holds
WordFormsOf = Callable[[str, str], "list[str]"]


class QueryCompiler:
    """Compiles one query; afterwards `pieces` holds the syllable runs a match must show."""

    def __init__(self, resolve_entity: EntityResolver, word_forms: WordFormsOf) -> None:
        self.resolve_entity = resolve_entity
        self.word_forms = word_forms
        self.pieces: list[tuple[str, ...]] = []
        self._negated = 0

    def compile(self, node: Node) -> wq.Query:
        if isinstance(node, Words):
            return self._words(node.syllables, node.field)
        if isinstance(node, Phrase):
            return self._phrase(node.syllables, node.field)
        if isinstance(node, EntityFilter):
            return self._entity_filter(node)
        if isinstance(node, Not):
            self._negated += 1
            try:
                return wq.Not(self.compile(node.child))
            finally:
                self._negated -= 1
        if isinstance(node, Any_):
            return wq.Or([self.compile(child) for child in node.children])
        return self._all(node)

    def _remember(self, piece: Sequence[str]) -> None:
        if not self._negated and piece:
            self.pieces.append(tuple(piece))

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
        return wq.Term(ENTITY_FIELDS[node.kind], entity_id)

    # -- words -----------------------------------------------------------------------------

    @staticmethod
    def _fields(field: str | None, kind: str) -> tuple[str, ...]:
        return (f"title_{kind}",) if field == "title" else (f"title_{kind}", f"body_{kind}")

    def _word_length_at(self, syllables: Sequence[str], start: int, field: str | None) -> int:
        """Syllables in the longest indexed word starting here (1 when none is longer)."""
        longest = min(_MAX_WORD_SYLLABLES, len(syllables) - start)
        for length in range(longest, 1, -1):
            folded = "_".join(fold(s) for s in syllables[start : start + length])
            if any(self.word_forms(name, folded) for name in self._fields(field, "words")):
                return length
        return 1

    def _word(self, word: Sequence[str], field: str | None) -> wq.Query:
        """One word as typed: required folded, with a bonus when written exactly."""
        self._remember(word)
        exact = "_".join(normalise_term(s) for s in word)
        if len(word) == 1:
            required = [wq.Term(name, fold(word[0])) for name in self._fields(field, "fold")]
        else:
            folded = "_".join(fold(s) for s in word)
            required = [
                wq.Term(name, form)
                for name in self._fields(field, "words")
                for form in self.word_forms(name, folded)
            ]
        bonus = [wq.Term(name, exact, boost=3.0) for name in self._fields(field, "words")]
        return wq.AndMaybe(wq.Or(required), wq.Or(bonus))

    def _segmented(self, syllables: Sequence[str], field: str | None) -> list[wq.Query]:
        parts: list[wq.Query] = []
        position = 0
        while position < len(syllables):
            length = self._word_length_at(syllables, position, field)
            parts.append(self._word(syllables[position : position + length], field))
            position += length
        return parts

    def _words(self, syllables: Sequence[str], field: str | None) -> wq.Query:
        """Typed words: every word must appear; a run naming a known entity also finds the
        articles tagged with it."""
        parts: list[wq.Query] = []
        position = 0
        while position < len(syllables):
            length, entity = self._entity_at(syllables, position) if field is None else (0, None)
            if entity is not None:
                spelled = self._segmented(syllables[position : position + length], field)
                parts.append(wq.Or([_and(spelled), entity]))
                position += length
                continue
            length = self._word_length_at(syllables, position, field)
            parts.append(self._word(syllables[position : position + length], field))
            position += length
        return _and(parts)

    def _phrase(self, syllables: Sequence[str], field: str | None) -> wq.Query:
        if not syllables:
            return wq.NullQuery
        if len(syllables) == 1:
            return self._word(syllables, field)
        self._remember(syllables)
        folded = [fold(s) for s in syllables]
        required = wq.Or([wq.Phrase(name, folded) for name in self._fields(field, "fold")])
        exact = self._fields(field, "words")
        bonus = [
            wq.Term(name, "_".join(normalise_term(s) for s in syllables), boost=3.0)
            for name in exact
        ]
        return wq.AndMaybe(required, wq.Or(bonus))

    def _entity_at(self, syllables: Sequence[str], start: int) -> tuple[int, wq.Query | None]:
        longest = min(_MAX_NAME_SYLLABLES, len(syllables) - start)
        for length in range(longest, 0, -1):
            text = " ".join(syllables[start : start + length])
            for kind, field in ENTITY_FIELDS.items():
                if length == 1 and kind == "leader":
                    continue
                entity_id = self.resolve_entity(kind, text)
                if entity_id is not None:
                    return length, wq.Term(field, entity_id)
        return 0, None


def _and(parts: list[wq.Query]) -> wq.Query:
    return parts[0] if len(parts) == 1 else wq.And(parts)
