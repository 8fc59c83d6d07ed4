"""diplonews' headless core: reading articles, building the index and searching it.

The public API is `open_index` and `build_index`; `index.model` holds the types they exchange
and `index.errors` the exceptions they raise. Modules load on first use: `import index` is cheap.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

# Whoosh 2.7.4 has invalid escape sequences in its regexes; newer Pythons warn as they compile it.
for _category in (SyntaxWarning, DeprecationWarning):
    warnings.filterwarnings("ignore", message="invalid escape sequence", category=_category)

__all__ = ["Index", "build_index", "open_index"]

if TYPE_CHECKING:
    from index.model import BuildProgress, BuildSummary
    from index.search.index import Index


def __getattr__(name: str) -> object:
    """`index.Index`, the type `open_index` returns, loaded on first use like the rest."""
    if name == "Index":
        from index.search.index import Index

        return Index
    raise AttributeError(f"module 'index' has no attribute {name!r}")


def open_index(path: str | os.PathLike[str] | None = None) -> Index:
    """Open the index at `path` (default: the user's index directory); see `index.search`."""
    from index.search.index import open_index as _open_index

    return _open_index(None if path is None else os.fspath(path))


def build_index(
    index_dir: Path,
    sources: Sequence[Path] | None = None,
    *,
    full: bool = False,
    prune: bool = False,
    progress: Callable[[BuildProgress], None] | None = None,
) -> BuildSummary:
    """Bring the index at `index_dir` up to date with `sources` (or the remembered ones);
    `prune` drops the articles of remembered sources that have vanished."""
    from index.build.builder import build_index as _build_index

    return _build_index(index_dir, sources, full=full, prune=prune, progress=progress)
