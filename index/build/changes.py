"""What a build has to change: files and records that are new, changed or gone since the last one.

The manifest (one entry a file, kept in each generation) records each file's size, modification
time and content hash, and the content hash of each of its articles (a feed's record: its line),
so a feed whose bytes changed parses and re-analyses only the records that did: one line appended
to a JSON Lines feed is one article.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.ingest.articles import (
    JSONL_SUFFIXES,
    Article,
    ArticleError,
    SkippedLine,
    jsonl_lines,
    read_jsonl_line,
    read_text_file,
)
from index.ingest.sources import SourceFile, discover
from index.model import SkippedFile

Manifest = dict[str, dict[str, Any]]


@dataclass
class Plan:
    """The files to read and the files gone, decided from the disk and the last manifest."""

    manifest: Manifest
    to_read: list[SourceFile] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)


def plan_changes(sources: Sequence[Path], manifest: Manifest) -> Plan:
    plan = Plan(manifest=manifest)
    seen: set[str] = set()
    for found in discover(sources):
        if isinstance(found, SkippedFile):
            plan.skipped.append(found)
            continue
        key = str(found.path)
        if key in seen:
            continue
        seen.add(key)
        known = manifest.get(key)
        if known and known["size"] == found.size and known["mtime_ns"] == found.mtime_ns:
            plan.unchanged += len(known["ids"])
        else:
            plan.to_read.append(found)
    plan.removed = [path for path in manifest if path not in seen]
    return plan


def is_feed(file: SourceFile) -> bool:
    return file.path.suffix.lower() in JSONL_SUFFIXES


@dataclass
class LoadedFile:
    """A file read: its new or changed articles with their content hashes, the records it still
    holds unchanged (id → hash), the lines or the file refused, and the hash of its bytes."""

    file: SourceFile
    digest: str
    articles: list[tuple[Article, str]] = field(default_factory=list)
    unchanged: dict[str, str] = field(default_factory=dict)
    skipped: list[SkippedFile] = field(default_factory=list)


def _record_hash(number: int, line: str) -> str:
    # The line number is part of an article (its path), so a record that moved is re-read.
    return hashlib.sha1(f"{number}\n{line}".encode()).hexdigest()


def _load_feed(loaded: LoadedFile, data: bytes, known: Mapping[str, str]) -> None:
    """Parse only the records whose hash is new: the rest are unchanged, by id."""
    file = loaded.file
    for number, line in jsonl_lines(data):
        digest = _record_hash(number, line)
        if digest in known:
            loaded.unchanged[known[digest]] = digest
            continue
        item = read_jsonl_line(line, number=number, path=file.path, source=file.source)
        if isinstance(item, SkippedLine):
            loaded.skipped.append(SkippedFile(f"{file.path}:{item.line}", item.reason))
        else:
            loaded.articles.append((item, digest))


def load_file(file: SourceFile, previous: Mapping[str, Any] | None) -> LoadedFile | SkippedFile:
    """Read `file`; `previous` is its manifest entry from the last build, if any."""
    key = str(file.path)
    try:
        data = file.path.read_bytes()
    except OSError as error:
        return SkippedFile(key, f"cannot read ({error.strerror})")
    loaded = LoadedFile(file, hashlib.sha1(data).hexdigest())
    if previous and previous.get("sha1") == loaded.digest:
        return loaded  # the caller keeps the previous entry
    try:
        if is_feed(file):
            known = {digest: id_ for id_, digest in (previous or {}).get("hashes", {}).items()}
            _load_feed(loaded, data, known)
        else:
            article = read_text_file(file.path, data, source=file.source)
            loaded.articles.append((article, loaded.digest))
    except ArticleError as error:
        loaded.skipped.append(SkippedFile(key, str(error)))
    return loaded
