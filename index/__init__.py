"""diplonews' headless core: reading articles, building the index and searching it."""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["open_index"]

if TYPE_CHECKING:
    from index.search import Index


def open_index(path: object = None) -> Index:
    """Open the index at `path` (default: the user's index directory); see `index.search`."""
    from index.search import open_index as _open_index

    return _open_index(path)  # type: ignore[arg-type]
