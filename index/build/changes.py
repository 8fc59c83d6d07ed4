"""What a build has to change: files and records that are new, changed or gone since the last one.

The manifest (one entry a file, kept in each generation) records each file's size, modification
time and content hash, and each of its articles' content hash, so a file whose bytes changed
re-analyses only the articles that did: one line appended to a JSON Lines feed is one article.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.ingest.articles import (
    JSONL_SUFFIXES,
    Article,
    ArticleError,
    SkippedLine,
    read_jsonl_file,
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
    """A file read and parsed: its articles, the lines or the file refused, its content hash."""

    file: SourceFile
    digest: str
    articles: list[Article] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)


def load_file(file: SourceFile) -> LoadedFile | SkippedFile:
    key = str(file.path)
    try:
        data = file.path.read_bytes()
    except OSError as error:
        return SkippedFile(key, f"cannot read ({error.strerror})")
    loaded = LoadedFile(file, hashlib.sha1(data).hexdigest())
    try:
        if is_feed(file):
            for item in read_jsonl_file(file.path, data, source=file.source):
                if isinstance(item, SkippedLine):
                    loaded.skipped.append(SkippedFile(f"{key}:{item.line}", item.reason))
                else:
                    loaded.articles.append(item)
        else:
            loaded.articles.append(read_text_file(file.path, data, source=file.source))
    except ArticleError as error:
        loaded.skipped.append(SkippedFile(key, str(error)))
    return loaded


def article_hash(article: Article) -> str:
    fields = [article.title, article.body, article.date, article.source, article.path, article.url]
    return hashlib.sha1(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()
