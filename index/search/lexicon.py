"""The fixed dictionary that groups typed syllables into words, and the names in it.

Words of two syllables or more come from pyvi's own word list (read from the installed package,
never copied), from `index/text/data/names.txt` (places, regions, offices that list lacks) and
from the gazetteer's names. Grouping never depends on what an index happens to hold, so a query
groups the same way on every corpus.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from index.entities import NameTable
from index.text.vietnamese import SYLLABLE_RE, fold, nfc, normalise_term, old_tone_placement

NAMES_FILE = Path(__file__).resolve().parents[1] / "text" / "data" / "names.txt"
Key = tuple[str, ...]
_NOT_SYLLABLE = re.compile(r"[^\w\n#]+|_")
Entity = tuple[str, str]  # kind, id


def _pyvi_words_file() -> Path | None:
    spec = importlib.util.find_spec("pyvi")  # the package's place, without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "models" / "words.txt"
    return path if path.is_file() else None


def _multi_syllable(lines: list[str]) -> dict[str, list[str]]:
    """Folded form ("hoi dam") → the exact forms ("hội đàm") of the words of two syllables or
    more among `lines` (`normalise_term` forms, syllables separated by single spaces)."""
    table: dict[str, list[str]] = {}
    folded_lines = fold("\n".join(lines)).split("\n")  # fold keeps every character's place
    for exact, folded in zip(lines, folded_lines, strict=True):
        if " " in exact:
            table.setdefault(folded, []).append(exact)
    return table


def _read_lines(path: Path | None) -> list[str]:
    """The file's lines in `normalise_term` form, each syllable separated by one space."""
    if path is None:
        return []
    text = normalise_term(path.read_text(encoding="utf-8"))  # one pass over the whole file
    lines = _NOT_SYLLABLE.sub(" ", text).split("\n")
    return [" ".join(line.split()) for line in lines if line and not line.startswith("#")]


@cache
def dictionary_words() -> dict[str, list[str]]:
    """pyvi's words of two syllables or more, read once per process."""
    return _multi_syllable(_read_lines(_pyvi_words_file()))


@cache
def shipped_names() -> dict[str, list[str]]:
    return _multi_syllable(_read_lines(NAMES_FILE))


def compatible(typed: Sequence[str], exact: Sequence[str]) -> bool:
    """Does a form fit what was typed: every syllable typed with marks exactly so?"""
    return len(typed) == len(exact) and all(
        fold(t) == t or t == e for t, e in zip(typed, exact, strict=True)
    )


@dataclass
class Lexicon:
    """The grouping dictionary of one opened index: the fixed words plus its gazetteer names."""

    names: NameTable
    _entities: dict[str, list[tuple[Key, Entity]]] = field(default_factory=dict, init=False)
    _short: dict[str, Entity | None] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        for kind, entities in self.names.forms.items():
            for entity_id, forms in entities.items():
                for form in forms:
                    self._add(form, (kind, entity_id))

    def _add(self, form: str, entity: Entity) -> None:
        syllables = tuple(SYLLABLE_RE.findall(nfc(form)))
        if len(syllables) == 1:
            key = old_tone_placement(syllables[0])  # case kept: "Anh" is a name, "anh" is not
            known = self._short.get(key, entity)
            self._short[key] = known if known == entity else None
        elif syllables:
            exact = tuple(normalise_term(s) for s in syllables)
            self._entities.setdefault(fold(" ".join(exact)), []).append((exact, entity))

    @property
    def longest(self) -> int:
        return 9

    def is_word(self, typed: Sequence[str]) -> bool:
        """Is the run of typed syllables (`normalise_term` forms) one word or name?"""
        key = " ".join(fold(t) for t in typed)
        return any(
            compatible(typed, exact.split(" "))
            for table in (dictionary_words(), shipped_names())
            for exact in table.get(key, ())
        ) or bool(self._entity_forms(typed))

    def is_name(self, written: Sequence[str]) -> bool:
        """Is the run, as written, a gazetteer or shipped name (which stands on its own)?"""
        if self.entity(written) is not None or (len(written) == 1 and written[0] in self._short):
            return True
        typed = [normalise_term(s) for s in written]
        key = " ".join(fold(t) for t in typed)
        return any(
            compatible(typed, exact.split(" ")) for exact in shipped_names().get(key, ())
        )

    def entity(self, written: Sequence[str]) -> Entity | None:
        """The entity a run names as the gazetteer writes it: a one-syllable name with its
        capital and marks, a longer one with the marks typed (case ignored); None when none,
        or more than one, fits."""
        if len(written) == 1:
            return self._short.get(old_tone_placement(nfc(written[0])))
        found = {entity for _exact, entity in self._entity_forms(
            [normalise_term(s) for s in written]
        )}
        return found.pop() if len(found) == 1 else None

    def _entity_forms(self, typed: Sequence[str]) -> list[tuple[Key, Entity]]:
        key = " ".join(fold(t) for t in typed)
        return [(e, entity) for e, entity in self._entities.get(key, ()) if compatible(typed, e)]
