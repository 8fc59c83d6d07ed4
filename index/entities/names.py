"""A small name table for the query side: ids, canonical names and every alias, nothing more.

Search loads this JSON file instead of the gazetteer (no pypinyin, no matcher), to turn what a
user types ("Xi Jinping", "tap can binh", "Hoa Kỳ", "us") into a gazetteer id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from index.entities.gazetteer import Gazetteer
from index.text.vietnamese import SYLLABLE_RE, fold, normalise_term

KINDS = ("leader", "country")
_VERSION = 1


def _folded_key(text: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in SYLLABLE_RE.findall(text))


def _exact_key(text: str) -> tuple[str, ...]:
    return tuple(normalise_term(w) for w in SYLLABLE_RE.findall(text))


@dataclass
class NameTable:
    """Per kind, per id: the canonical name first, then the English form and the aliases."""

    forms: dict[str, dict[str, list[str]]]
    _folded: dict[str, dict[tuple[str, ...], str | None]] = field(default_factory=dict, repr=False)
    _exact: dict[str, dict[tuple[str, ...], str | None]] = field(default_factory=dict, repr=False)
    _ids: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for kind in KINDS:
            entities = self.forms.setdefault(kind, {})
            self._ids[kind] = {entity_id.lower(): entity_id for entity_id in entities}
            self._folded[kind], self._exact[kind] = {}, {}
            for entity_id, names in entities.items():
                for name in names:
                    _add(self._folded[kind], _folded_key(name), entity_id)
                    _add(self._exact[kind], _exact_key(name), entity_id)

    @classmethod
    def from_gazetteer(cls, gazetteer: Gazetteer) -> NameTable:
        return cls(
            {
                "leader": {k: list(v.names) for k, v in gazetteer.leaders.items()},
                "country": {k: list(v.names) for k, v in gazetteer.countries.items()},
            }
        )

    def save(self, path: Path | str) -> None:
        data = {"version": _VERSION, "forms": self.forms}
        Path(path).write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), "utf-8")

    @classmethod
    def load(cls, path: Path | str) -> NameTable:
        data = json.loads(Path(path).read_text("utf-8"))
        if not isinstance(data, dict) or data.get("version") != _VERSION:
            raise ValueError(f"{path}: not a diplonews name table (version {_VERSION})")
        return cls({kind: dict(data["forms"].get(kind, {})) for kind in KINDS})

    def name(self, kind: str, entity_id: str) -> str:
        """The canonical name; an id no longer in the gazetteer stands for itself."""
        names = self.forms.get(kind, {}).get(entity_id)
        return names[0] if names else entity_id

    def ids(self, kind: str) -> list[str]:
        return list(self.forms.get(kind, {}))

    def resolve(self, kind: str, text: str) -> str | None:
        """The id that an id, name, English form or alias names, ignoring accents and case."""
        text = text.strip()
        if not text or kind not in KINDS:
            return None
        by_id = self._ids[kind].get(text.lower())
        if by_id is not None:
            return by_id
        exact = self._exact[kind].get(_exact_key(text))
        if exact is not None:
            return exact
        return self._folded[kind].get(_folded_key(text))

    def find_in_query(self, query: str) -> list[tuple[str, str]]:
        """Entities a free-text query names in full (never by a short form), in query order.

        Names are matched without accents, except a one-syllable name ("Anh", "Pháp"), which
        must be written as in the gazetteer, capital and all, so "pháp lý" is not France.
        """
        words = SYLLABLE_RE.findall(query)
        folded = [fold(w) for w in words]
        found: list[tuple[str, str]] = []
        i = 0
        while i < len(words):
            hit = self._longest_at(words, folded, i)
            if hit is None:
                i += 1
                continue
            size, kind, entity_id = hit
            if (kind, entity_id) not in found:
                found.append((kind, entity_id))
            i += size
        return found

    def _longest_at(
        self, words: list[str], folded: list[str], i: int
    ) -> tuple[int, str, str] | None:
        for size in range(min(8, len(words) - i), 0, -1):
            key = tuple(folded[i : i + size])
            for kind in KINDS:
                entity_id = self._folded[kind].get(key)
                if entity_id is None:
                    continue
                if size == 1 and not self._written_as_named(kind, entity_id, words[i]):
                    continue
                return size, kind, entity_id
        return None

    def _written_as_named(self, kind: str, entity_id: str, word: str) -> bool:
        return any(
            len(SYLLABLE_RE.findall(name)) == 1 and name == word
            for name in self.forms[kind][entity_id]
        )


def _add(table: dict[tuple[str, ...], str | None], key: tuple[str, ...], entity_id: str) -> None:
    if not key:
        return
    if key in table and table[key] != entity_id:
        table[key] = None  # two entities share this spelling: neither wins by it
    else:
        table[key] = entity_id
