"""Find the article files under the sources a build is given, reporting what it passes over."""

from __future__ import annotations

import os
import stat as stat_module
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.ingest.articles import ARTICLE_SUFFIXES
from index.model import SkippedFile


@dataclass(frozen=True)
class SourceFile:
    path: Path
    source: str
    size: int
    mtime_ns: int


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _source_file(path: Path, source: str) -> SourceFile | SkippedFile:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return SkippedFile(str(path), "broken symbolic link" if path.is_symlink() else "vanished")
    except OSError as error:
        return SkippedFile(str(path), f"cannot read ({error.strerror or error})")
    if not stat_module.S_ISREG(stat.st_mode):
        return SkippedFile(str(path), "not a regular file")
    if not os.access(path, os.R_OK):
        return SkippedFile(str(path), "permission denied")
    return SourceFile(path, source, stat.st_size, stat.st_mtime_ns)


def _walk_folder(root: Path) -> Iterator[SourceFile | SkippedFile]:
    seen_folders: set[tuple[int, int]] = set()
    errors: list[OSError] = []
    for folder, subfolders, files in os.walk(root, followlinks=True, onerror=errors.append):
        while errors:
            error = errors.pop()
            yield SkippedFile(
                str(error.filename or folder), f"cannot read folder ({error.strerror})"
            )
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in seen_folders:
            subfolders.clear()
            yield SkippedFile(folder, "symbolic link loop (folder already visited)")
            continue
        seen_folders.add((stat.st_dev, stat.st_ino))
        subfolders[:] = sorted(name for name in subfolders if not _is_hidden(name))
        for name in sorted(files):
            if _is_hidden(name):
                continue
            path = Path(folder) / name
            if path.suffix.lower() in ARTICLE_SUFFIXES:
                yield _source_file(path, root.name)
            else:
                yield SkippedFile(
                    str(path), f"not an article file ({path.suffix or 'no extension'})"
                )
    while errors:
        error = errors.pop()
        yield SkippedFile(str(error.filename or root), f"cannot read folder ({error.strerror})")


def discover(sources: Sequence[Path]) -> Iterator[SourceFile | SkippedFile]:
    """Every article file under `sources` (files or folders), in a stable order."""
    for source in sources:
        if source.is_dir():
            yield from _walk_folder(source)
        elif source.is_file():
            if source.suffix.lower() in ARTICLE_SUFFIXES:
                yield _source_file(source, source.parent.name)
            else:
                yield SkippedFile(
                    str(source), f"not an article file ({source.suffix or 'no extension'})"
                )
        elif source.is_symlink():
            yield SkippedFile(str(source), "broken symbolic link")
        else:
            yield SkippedFile(str(source), "no such file or folder")
