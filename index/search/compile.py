"""Turn a parsed query into the engine's plan (`index.engine.plan`).

Typed syllables are grouped into words by the fixed dictionary of `index.search.lexicon`,
longest word first, never across syllables typed joined ("F-35"). After a capitalised word
that opens an institution's name, capitalised words that are not names themselves continue it
("Hội đồng Bảo an", "TP HCM"); a short capitalised code before a number joins it ("F 35").
Each word is a run that must occur; a word that names a leader, country or organisation as the
gazetteer writes it also matches the articles tagged with that entity. A quoted phrase is one run.
Each syllable typed with marks matches only that exact form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from index.engine.plan import AllOf, AnyOf, Everything, NoneOf, Plan, Run, Syllable, Tagged
from index.search.dates import DateRange
from index.search.lexicon import Lexicon
from index.search.query import Any_, EntityFilter, Node, Not, Phrase, QueryError, Words
from index.text.vietnamese import fold, normalise_term

# kind, text → entity id or None (ids, names, aliases: what a filter accepts)
EntityResolver = Callable[[str, str], "str | None"]
_NOTHING = AnyOf(())
_CODE_CHARS = 2
# The words that open the name of an institution, folded: "Hội đồng Bảo an", "Bộ Công an",
# "TP HCM". A capitalised word after them continues the name; other capitalised words
# ("Putin Trump", "Hà Nội Đà Nẵng") stay apart.
_OPENERS = (
    "bo|so|ban|cuc|vien|hoi|dang|tp|uy ban|hoi dong|ngan hang|tong cuc|dai hoc|truong|cong ty"
    "|tap doan|mat tran|lien doan|hiep hoi|benh vien|toa an|van phong|quan doi|quan khu"
    "|thanh pho|lien minh|to chuc|trung tam|hoc vien|quy"
)
_NAME_OPENERS = frozenset(_OPENERS.split("|"))


class QueryCompiler:
    """Compiles parsed queries against one lexicon."""

    def __init__(
        self,
        lexicon: Lexicon,
        resolve_entity: EntityResolver,
        describe_unknown: Callable[[str, str], str] = lambda kind, name: (
            f"no {kind} called {name!r} in the index"
        ),
    ) -> None:
        self.lexicon = lexicon
        self.resolve_entity = resolve_entity
        self.describe_unknown = describe_unknown

    def compile(self, node: Node) -> Plan:
        if isinstance(node, Words):
            return self._words(node)
        if isinstance(node, Phrase):
            return run(node.syllables, node.field) if node.syllables else _NOTHING
        if isinstance(node, EntityFilter):
            return self._entity_filter(node)
        if isinstance(node, DateRange):
            raise QueryError("date: cannot stand under OR or NOT; put it beside the rest")
        if isinstance(node, Not):
            return NoneOf(self.compile(node.child))
        if isinstance(node, Any_):
            return AnyOf(tuple(self.compile(child) for child in node.children))
        if not node.children:
            return Everything()
        parts = tuple(self.compile(child) for child in node.children)
        return parts[0] if len(parts) == 1 else AllOf(parts)

    def _entity_filter(self, node: EntityFilter) -> Plan:
        entity_id = self.resolve_entity(node.kind, node.name)
        if entity_id is None:
            raise QueryError(self.describe_unknown(node.kind, node.name))
        return Tagged(node.kind, entity_id)

    def _words(self, node: Words) -> Plan:
        parts: list[Plan] = []
        for start, end in self.groups(node.syllables, node.joined):
            written = node.syllables[start:end]
            found = run(written, node.field)
            entity = self.lexicon.entity(written) if node.field is None else None
            parts.append(found if entity is None else AnyOf((found, Tagged(*entity))))
        return parts[0] if len(parts) == 1 else AllOf(tuple(parts))

    def groups(self, written: Sequence[str], joined: Sequence[bool]) -> list[tuple[int, int]]:
        """[start, end) of each word of the typed syllables: the split into dictionary words with
        the fewest words, then the fewest one-syllable words. Unlike taking the longest word from
        the left, this does not depend on which word was typed first: "giáo dục học sinh" and
        "học sinh giáo dục" are both "giáo dục" + "học sinh", never "giáo dục học" + "sinh"."""
        typed = [normalise_term(s) for s in written]
        Split = tuple[tuple[int, int], list[tuple[int, int]]]  # (words, one-unit words), words
        best: list[Split] = [((0, 0), [])] * (len(typed) + 1)
        for start in range(len(typed) - 1, -1, -1):
            unit = self._unit_end(joined, start)
            chosen: Split | None = None
            for end in self._word_ends(typed, joined, start, unit):
                (words, singles), rest = best[end]
                cost = (words + 1, singles + (end == unit))
                if chosen is None or cost < chosen[0]:
                    chosen = (cost, [(start, end), *rest])
            assert chosen is not None
            best[start] = chosen
        return self._names(written, best[0][1])

    @staticmethod
    def _unit_end(joined: Sequence[bool], start: int) -> int:
        """Where the token typed joined at `start` ends ("F-35" is one unit)."""
        unit = start + 1
        while unit < len(joined) and joined[unit]:
            unit += 1
        return unit

    def _word_ends(
        self, typed: Sequence[str], joined: Sequence[bool], start: int, unit: int
    ) -> list[int]:
        """Where a word starting at `start` may end, longest first: each dictionary word that
        does not cut a joined token, and the unit itself."""
        longest = min(len(typed), start + self.lexicon.longest)
        ends = [
            end
            for end in range(longest, unit, -1)
            if (end == len(typed) or not joined[end]) and self.lexicon.is_word(typed[start:end])
        ]
        return [*ends, unit]

    def _names(self, written: Sequence[str], words: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Join capitalised words that are not names on their own into one name."""
        merged: list[tuple[int, int]] = []
        for word in words:
            if merged and self._continues_name(written, merged[-1], word):
                merged[-1] = (merged[-1][0], word[1])
            else:
                merged.append(word)
        return merged

    def _continues_name(
        self, written: Sequence[str], before: tuple[int, int], word: tuple[int, int]
    ) -> bool:
        first, following = written[before[0] : before[1]], written[word[0] : word[1]]
        if not first[0][0].isupper() or self.lexicon.is_name(first):
            return False
        if following[0][0].isupper():
            return _opens_name(first) and not self.lexicon.is_name(following)
        return (
            len(first) == 1
            and len(first[0]) <= _CODE_CHARS
            and len(following) == 1
            and following[0].isdigit()
        )


def _opens_name(written: Sequence[str]) -> bool:
    folded = [fold(normalise_term(s)) for s in written[:2]]
    return folded[0] in _NAME_OPENERS or " ".join(folded) in _NAME_OPENERS


def run(written: Sequence[str], field: str | None) -> Run:
    """The run of syllables as typed; `field` "title" keeps it to titles."""
    syllables = tuple(_syllable(s) for s in written)
    word = "_".join(s.exact or s.folded for s in syllables)
    return Run(syllables, title_only=field == "title", word=word)


def _syllable(written: str) -> Syllable:
    exact = normalise_term(written)
    folded = fold(exact)
    return Syllable(folded, None if folded == exact else exact)
