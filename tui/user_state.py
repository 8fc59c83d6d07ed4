"""What the browser remembers between runs: the search history and the theme (in the user state
directory) and the saved searches (in the config directory, `saved-searches.json`).

A file that cannot be read or written is treated as empty: remembering is a convenience, never a
reason for the browser to fail.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.widgets.facet_list import Filter

HISTORY_LENGTH = 200


def _read_json(path: Path | None, default: Any) -> Any:
    if path is None:
        return default
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def _write_json(path: Path | None, data: Any) -> None:
    """Write `data` whole or not at all (a temporary file renamed over the old one)."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


class SearchHistory:
    """Queries searched with Enter, oldest first; Up/Down in the search box walk them."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        loaded = _read_json(path, [])
        self.queries: list[str] = (
            [q for q in loaded if isinstance(q, str)] if isinstance(loaded, list) else []
        )
        self._position: int | None = None  # index into queries while walking

    def add(self, query: str) -> None:
        self._position = None
        if not query.strip():
            return
        kept = [q for q in self.queries if q != query][-HISTORY_LENGTH + 1 :]
        self.queries = [*kept, query]
        _write_json(self.path, self.queries)

    def older(self) -> str | None:
        """The query before the one shown (the newest first), or None at the oldest."""
        if not self.queries:
            return None
        position = len(self.queries) if self._position is None else self._position
        self._position = max(0, position - 1)
        return self.queries[self._position]

    def newer(self) -> str | None:
        """The query after the one shown; "" past the newest; None when not walking."""
        if self._position is None:
            return None
        self._position += 1
        if self._position >= len(self.queries):
            self._position = None
            return ""
        return self.queries[self._position]


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: str
    filters: tuple[Filter, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "query": self.query,
            "filters": [f._asdict() for f in self.filters],
        }


def _saved_search(data: Any) -> SavedSearch | None:
    try:
        filters = tuple(Filter(f["kind"], f["id"], f["name"]) for f in data.get("filters", []))
        return SavedSearch(str(data["name"]), str(data["query"]), filters)
    except (AttributeError, KeyError, TypeError):
        return None


class SavedSearches:
    """Named searches (query and filters), kept in the config directory."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        loaded = _read_json(path, [])
        found = [_saved_search(item) for item in loaded] if isinstance(loaded, list) else []
        self.searches: list[SavedSearch] = [s for s in found if s is not None]

    def save(self, search: SavedSearch) -> None:
        """Add `search`, replacing one of the same name."""
        self.searches = [*(s for s in self.searches if s.name != search.name), search]
        _write_json(self.path, [s.to_json() for s in self.searches])


class RememberedSettings:
    """Small settings kept between runs (the theme)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        loaded = _read_json(path, {})
        self.values: dict[str, Any] = loaded if isinstance(loaded, dict) else {}

    def get(self, key: str) -> Any:
        return self.values.get(key)

    def set(self, key: str, value: Any) -> None:
        self.values[key] = value
        _write_json(self.path, self.values)


@dataclass
class UserState:
    """Where the browser remembers things; tests point it at a temporary directory."""

    history: SearchHistory
    saved: SavedSearches
    settings: RememberedSettings

    @classmethod
    def at(cls, state: Path, config: Path) -> UserState:
        return cls(
            SearchHistory(state / "history.json"),
            SavedSearches(config / "saved-searches.json"),
            RememberedSettings(state / "settings.json"),
        )

    @classmethod
    def in_memory(cls) -> UserState:
        """Remembered for this run only (no files)."""
        return cls(SearchHistory(None), SavedSearches(None), RememberedSettings(None))

    @classmethod
    def default(cls) -> UserState:
        from index.paths import config_dir, state_dir

        return cls.at(state_dir(), config_dir())
