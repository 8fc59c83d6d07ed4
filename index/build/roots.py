"""Decide which sources a build reads, and refuse the ones that are not there.

A typed path that does not exist, or a remembered one whose disk is not mounted, would otherwise
read as "every article was deleted" and empty the index.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from index.engine.store import SOURCES_FILE, read_json
from index.errors import BuildError
from index.paths import bundled_seeds_dir


def _absolute(source: str | os.PathLike[str]) -> Path:
    return Path(os.path.abspath(os.path.expanduser(os.fspath(source))))


def _problem(source: Path) -> str | None:
    """Why `source` cannot be read as a source now; None when it can."""
    if source.is_symlink() and not source.exists():
        return "is a broken symbolic link"
    if not source.exists():
        return "does not exist"
    if source.is_dir() and not os.access(source, os.R_OK | os.X_OK):
        return "cannot be read (permission denied)"
    return None


def remembered_sources(index_dir: Path) -> list[Path] | None:
    remembered = read_json(index_dir / SOURCES_FILE, None)
    if not isinstance(remembered, list):
        return None
    return [Path(source) for source in remembered]


def checked_sources(
    index_dir: Path, named: Sequence[Path] | None, *, prune: bool = False
) -> list[Path]:
    """The sources to read: `named` ones, else the remembered ones, else the bundled seeds.

    A named source that is missing is an error; so is a vanished remembered one, unless `prune`
    asks to drop it (and, with it, its articles).
    """
    if named:
        sources = [_absolute(source) for source in named]
        for source in sources:
            problem = _problem(source)
            if problem:
                raise BuildError(f"source {source} {problem}; nothing was changed")
        return sources
    remembered = remembered_sources(index_dir)
    if remembered is None:
        return [bundled_seeds_dir()]
    present = [source for source in remembered if _problem(source) is None]
    vanished = [source for source in remembered if _problem(source) is not None]
    if vanished and not prune:
        raise BuildError(
            f"source {vanished[0]} {_problem(vanished[0])} (a disk not mounted?); nothing was "
            "changed; 'diplonews index build --prune' drops its articles"
        )
    return present
