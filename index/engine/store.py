"""The on-disk layout of an index directory, and the small JSON files kept beside Whoosh's own.

<index dir>/CURRENT        name of the live generation (replaced atomically)
<index dir>/sources.json   the sources the last build was given
<index dir>/build.lock     held by the build that is running
<index dir>/gen-*/         one Whoosh index + manifest.json, names.json, meta.json,
                           meetings.json, stories.json

Every build writes a new generation (an incremental one starts from hard links to the live one's
files) and publishes it by replacing CURRENT, so a build killed at any moment leaves the live
index as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

CURRENT_FILE = "CURRENT"
SOURCES_FILE = "sources.json"
LOCK_FILE = "build.lock"
MANIFEST_FILE = "manifest.json"
NAMES_FILE = "names.json"
META_FILE = "meta.json"
# Relations over the whole generation, written by each build (index/build/relations.py).
MEETINGS_FILE = "meetings.json"
STORIES_FILE = "stories.json"
GENERATION_PREFIX = "gen-"
# Bumped whenever the on-disk format changes, or the import path of a class Whoosh pickles.
SCHEMA_VERSION = 10


def write_json_atomic(path: Path, data: Any) -> None:
    """Readers see the old file or the new one, never half of one, even after `kill -9`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_json(path: Path, default: Any) -> Any:
    """The file's data; `default` when it is missing or damaged (a build then starts afresh)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def current_generation(index_dir: Path) -> Path | None:
    try:
        name = (index_dir / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return index_dir / name if name else None


def new_generation(index_dir: Path) -> Path:
    index_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    return Path(tempfile.mkdtemp(prefix=f"{GENERATION_PREFIX}{stamp}-", dir=index_dir))


def _whoosh_files(generation: Path) -> list[Path]:
    return [
        path
        for path in generation.iterdir()
        if path.is_file() and path.suffix != ".json" and not path.name.endswith("_LOCK")
    ]


def copy_generation(source: Path, target: Path) -> None:
    """Hard-link the Whoosh files of `source` into `target`: they never change once written."""
    for path in _whoosh_files(source):
        os.link(path, target / path.name)


def seal(generation: Path) -> dict[str, int]:
    """The size of every index file, recorded when a generation is finished."""
    return {path.name: path.stat().st_size for path in _whoosh_files(generation)}


def check_seal(generation: Path, sealed: dict[str, int]) -> str | None:
    """What is wrong with a finished generation's files, or None when they are as sealed."""
    for name, size in sorted(sealed.items()):
        path = generation / name
        if not path.exists():
            return f"{name} is missing"
        if path.stat().st_size != size:
            return f"{name} has {path.stat().st_size} bytes, not {size}"
    return None


def publish_generation(index_dir: Path, generation: Path) -> None:
    """Make `generation` the live index, then drop generations older than the one it replaces."""
    previous = current_generation(index_dir)
    handle, temporary = tempfile.mkstemp(prefix=f".{CURRENT_FILE}.", dir=index_dir)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(generation.name)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, index_dir / CURRENT_FILE)
    keep = {generation.name, previous.name if previous else ""}
    for candidate in index_dir.glob(f"{GENERATION_PREFIX}*"):
        if candidate.name not in keep and candidate.is_dir():
            shutil.rmtree(candidate, ignore_errors=True)


def discard_generation(generation: Path) -> None:
    shutil.rmtree(generation, ignore_errors=True)


def discard_unfinished_generations(index_dir: Path) -> None:
    """Drop what a build killed before publishing left: generations never finished (no meta
    file) and half-written temporary files. Call with the build lock held."""
    live = current_generation(index_dir)
    for candidate in index_dir.glob(f"{GENERATION_PREFIX}*"):
        unfinished = not (candidate / META_FILE).is_file()
        if candidate.is_dir() and candidate != live and unfinished:
            discard_generation(candidate)
    for temporary in index_dir.glob(f".{CURRENT_FILE}.*"):
        temporary.unlink(missing_ok=True)
    for temporary in index_dir.glob(f".{SOURCES_FILE}.*"):
        temporary.unlink(missing_ok=True)
