"""diplonews' headless core: reading articles, building the index and searching it."""

from __future__ import annotations

import os
import warnings
from typing import TYPE_CHECKING

# Whoosh 2.7.4 has invalid escape sequences in its regexes; newer Pythons warn as they compile it.
for _category in (SyntaxWarning, DeprecationWarning):
    warnings.filterwarnings("ignore", message="invalid escape sequence", category=_category)

__all__ = ["open_index"]

if TYPE_CHECKING:
    from index.search import Index


def open_index(path: str | os.PathLike[str] | None = None) -> Index:
    """Open the index at `path` (default: the user's index directory); see `index.search`."""
    from index.search import open_index as _open_index

    return _open_index(None if path is None else os.fspath(path))
