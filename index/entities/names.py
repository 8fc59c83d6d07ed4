"""A small name table for the query side: ids, canonical names and every alias, nothing more.

Search loads this JSON file instead of the gazetteer (no pypinyin, no matcher), to turn what a
user types ("Xi Jinping", "tap can binh", "Hoa Kỳ", "us", "ASEAN", "lien hop quoc") into a
gazetteer id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from index.entities.gazetteer import Gazetteer
from index.model import ENTITY_FIELDS
from index.text.vietnamese import SYLLABLE_RE, fold, normalise_term

KINDS = tuple(ENTITY_FIELDS)
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
    _endings: tuple[_Endings, _Endings] | None = field(default=None, repr=False)

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
                "organisation": {k: list(v.names) for k, v in gazetteer.organisations.items()},
            }
        )

    def with_leaders(self, leaders: dict[str, list[str]]) -> NameTable:
        """This table and more leaders (id → names), those the gazetteer lacks."""
        forms = {kind: dict(entities) for kind, entities in self.forms.items()}
        forms["leader"] = {**leaders, **forms.get("leader", {})}
        return NameTable(forms)

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
        folded = self._folded[kind].get(_folded_key(text))
        if folded is not None or kind != "leader":
            return folded
        ending = self.leaders_ending(text)
        return ending[0] if len(ending) == 1 else None

    def leaders_ending(self, text: str) -> list[str]:
        """The leaders one of whose names ends with these words, as the press writes a family
        name alone ("Putin", "ông Biden"): the words typed exactly, else ignoring accents."""
        if self._endings is None:
            self._endings = _endings(self.forms.get("leader", {}))
        exact, folded = self._endings
        return sorted(exact.get(_exact_key(text)) or folded.get(_folded_key(text)) or ())

    def unknown(self, kind: str, text: str) -> str:
        """Why `resolve` found nobody, for the user."""
        if kind == "leader":
            several = self.leaders_ending(text)
            if len(several) > 1:
                shown = ", ".join(self.name(kind, leader) for leader in several[:5])
                more = f" and {len(several) - 5} more" if len(several) > 5 else ""
                return (
                    f"{text!r} could be any of {len(several)} leaders ({shown}{more}); "
                    "give more of the name"
                )
        return f"no {kind} called {text!r} in the index"


_Endings = dict[tuple[str, ...], set[str]]


def _endings(leaders: dict[str, list[str]]) -> tuple[_Endings, _Endings]:
    """Every proper tail of every leader's names (exact and folded) → the leaders it ends."""
    exact: _Endings = {}
    folded: _Endings = {}
    for leader, names in leaders.items():
        for name in names:
            for table, key in ((exact, _exact_key(name)), (folded, _folded_key(name))):
                for start in range(1, len(key)):
                    table.setdefault(key[start:], set()).add(leader)
    return exact, folded


def _add(table: dict[tuple[str, ...], str | None], key: tuple[str, ...], entity_id: str) -> None:
    if not key:
        return
    if key in table and table[key] != entity_id:
        table[key] = None  # two entities share this spelling: neither wins by it
    else:
        table[key] = entity_id
