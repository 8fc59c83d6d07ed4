"""Build the index: full (into a new generation, swapped in atomically) or incremental.

An incremental build re-reads only files whose size or modification time changed, re-analyses only
the articles whose content changed, and drops the articles of files that are gone.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import index.engine.tuning  # noqa: F401  (installs faster length reads)
from index.build.annotate import Annotator, gazetteer_fingerprint
from index.build.changes import LoadedFile, Plan, is_feed, load_file, plan_changes
from index.build.relations import relations_value, write_relation_files
from index.build.roots import checked_sources
from index.engine.opening import commit_writer, index_opens, open_writer
from index.engine.schema import text_fields
from index.engine.store import (
    LOCK_FILE,
    MANIFEST_FILE,
    META_FILE,
    NAMES_FILE,
    SCHEMA_VERSION,
    SOURCES_FILE,
    check_seal,
    copy_generation,
    current_generation,
    discard_generation,
    discard_unfinished_generations,
    new_generation,
    publish_generation,
    read_json,
    seal,
    write_json_atomic,
)
from index.entities import NameTable
from index.errors import BuildError
from index.ingest.articles import Article
from index.ingest.sources import SourceFile
from index.model import BuildProgress, BuildSummary, SkippedFile
from index.text.vietnamese import syllable_column

_LOCAL_BUILDS: set[str] = set()
_LOCAL_BUILDS_LOCK = threading.Lock()

ProgressCallback = Callable[[BuildProgress], None]


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One build at a time per index; a second one fails at once with a clear message.

    A POSIX record lock, not flock(): worker processes forked by the build do not inherit it,
    so it dies with the build even if they linger. Record locks do not exclude threads of one
    process, so builds in this process are also tracked by path.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    key = str(index_dir.resolve())
    with _LOCAL_BUILDS_LOCK:
        if key in _LOCAL_BUILDS:
            raise BuildError("another build is already running on this index (this process)")
        _LOCAL_BUILDS.add(key)
    try:
        with _process_lock(index_dir):
            yield
    finally:
        with _LOCAL_BUILDS_LOCK:
            _LOCAL_BUILDS.discard(key)


@contextmanager
def _process_lock(index_dir: Path) -> Iterator[None]:
    with open(index_dir / LOCK_FILE, "a+", encoding="utf-8") as lock:
        try:
            fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.seek(0)
            holder = lock.read().strip() or "another process"
            raise BuildError(f"another build is already running on this index ({holder})") from None
        lock.seek(0)
        lock.truncate()
        lock.write(f"pid {os.getpid()}")
        lock.flush()
        try:
            yield
        finally:
            lock.seek(0)
            lock.truncate()


def _document_fields(article: Article, annotator: Annotator) -> dict[str, Any]:
    annotation = annotator.annotate(article)
    columns = (syllable_column(article.title), syllable_column(article.body))
    relations = relations_value(article, annotation, columns)
    return {
        "id": article.id,
        "title": article.title,
        "body": article.body,
        "date": article.date or "",
        "date_source": article.date_source or "",
        "source": article.source,
        "path": article.path,
        "url": article.url or "",
        "entities": [(m.kind, m.id, m.start, m.end) for m in annotation.mentions],
        "leaders": ",".join(annotation.leaders),
        "countries": ",".join(annotation.countries),
        "organisations": ",".join(annotation.organisations),
        **text_fields(article.title, article.body, columns),
        "relations": relations,
    }


class _Run:
    """One build's bookkeeping: the manifest it rewrites and the summary it reports."""

    def __init__(self, plan: Plan, summary: BuildSummary, annotator: Annotator) -> None:
        self.plan = plan
        self.summary = summary
        self.annotator = annotator
        self.manifest = dict(plan.manifest)
        self.owner = {id_: path for path, entry in self.manifest.items() for id_ in entry["ids"]}

    def remove_missing(self, writer: Any) -> None:
        for path in self.plan.removed:
            for article_id in self.manifest.pop(path)["ids"]:
                writer.delete_by_term("id", article_id)
                self.owner.pop(article_id, None)
                self.summary.removed += 1

    def load(self, file: SourceFile) -> LoadedFile | SkippedFile:
        return load_file(file, self.manifest.get(str(file.path)))

    def apply(
        self, loaded: LoadedFile | SkippedFile, writer: Any, analysed: Callable[[], None]
    ) -> None:
        """Write a file's new and changed articles, delete its vanished ones, note it all."""
        if isinstance(loaded, SkippedFile):
            self.summary.skipped.append(loaded)
            return
        key = str(loaded.file.path)
        previous = self.manifest.get(key)
        if previous and previous["sha1"] == loaded.digest:
            previous.update(size=loaded.file.size, mtime_ns=loaded.file.mtime_ns)
            self.summary.unchanged += len(previous["ids"])
            return
        self.summary.skipped.extend(loaded.skipped)
        old_ids = set(previous["ids"]) if previous else set()
        hashes = dict(loaded.unchanged)
        self.summary.unchanged += len(hashes)
        self._write_articles(loaded.articles, key, old_ids, hashes, writer, analysed)
        for stale in old_ids - hashes.keys():
            writer.delete_by_term("id", stale)
            self.owner.pop(stale, None)
            self.summary.removed += 1
        self.manifest[key] = {
            "size": loaded.file.size,
            "mtime_ns": loaded.file.mtime_ns,
            "sha1": loaded.digest,
            "ids": list(hashes),
            "hashes": hashes,
        }

    def _write_articles(
        self,
        articles: list[tuple[Article, str]],
        key: str,
        old_ids: set[str],
        hashes: dict[str, str],
        writer: Any,
        analysed: Callable[[], None],
    ) -> None:
        for article, digest in articles:
            owner = self.owner.get(article.id)
            if (owner and owner != key) or article.id in hashes:
                where = owner if owner and owner != key else "earlier in this file"
                self.summary.skipped.append(
                    SkippedFile(article.path, f"duplicate id {article.id!r} (also in {where})")
                )
                continue
            hashes[article.id] = digest
            self.owner[article.id] = key
            writer.update_document(**_document_fields(article, self.annotator))
            analysed()
            if article.id in old_ids:
                self.summary.updated += 1
            else:
                self.summary.added += 1


def _needs_full_build(generation: Path | None, fingerprint: str) -> bool:
    """No usable index yet, a damaged one, or one analysed under other rules or data."""
    if generation is None or not generation.is_dir():
        return True
    meta = read_json(generation / META_FILE, {})
    if meta.get("schema") != SCHEMA_VERSION or meta.get("gazetteer") != fingerprint:
        return True
    if check_seal(generation, meta.get("files", {})) is not None:
        return True
    return not index_opens(generation)


def build_index(
    index_dir: Path,
    sources: Sequence[Path] | None = None,
    *,
    full: bool = False,
    prune: bool = False,
    progress: ProgressCallback | None = None,
) -> BuildSummary:
    """Bring the index at `index_dir` up to date with `sources` (or the remembered ones).

    Sources that are not there are refused before anything changes (`prune` drops remembered
    ones that vanished); a build that fails or is interrupted leaves the live index as it was.
    """
    started = time.perf_counter()
    notify = progress or (lambda _update: None)
    source_paths = checked_sources(index_dir, sources, prune=prune)
    try:
        with build_lock(index_dir):
            summary = _build_locked(index_dir, source_paths, full, notify)
    except OSError as error:
        raise BuildError(
            f"cannot write the index at {index_dir} ({error.strerror or error}); "
            "the index is unchanged"
        ) from None
    summary.seconds = time.perf_counter() - started
    return summary


def _build_locked(
    index_dir: Path, source_paths: list[Path], full: bool, notify: ProgressCallback
) -> BuildSummary:
    annotator = Annotator()
    fingerprint = gazetteer_fingerprint(annotator.user_file)
    live = current_generation(index_dir)
    discard_unfinished_generations(index_dir)
    full = full or _needs_full_build(live, fingerprint)
    manifest = {} if full or live is None else read_json(live / MANIFEST_FILE, {})
    plan = plan_changes(source_paths, manifest)
    summary = BuildSummary(full=full, unchanged=plan.unchanged)
    summary.skipped.extend(plan.skipped)
    if full or plan.to_read or plan.removed:
        summary.warnings = list(annotator.warnings)
        _build_generation(index_dir, live, _Run(plan, summary, annotator), fingerprint, notify)
    write_json_atomic(index_dir / SOURCES_FILE, [str(s) for s in source_paths])
    return summary


def _build_generation(
    index_dir: Path, live: Path | None, run: _Run, fingerprint: str, notify: ProgressCallback
) -> None:
    target = new_generation(index_dir)
    try:
        if not run.summary.full and live is not None:
            copy_generation(live, target)
        _write(run, target, create=run.summary.full, notify=notify)
        write_json_atomic(target / MANIFEST_FILE, run.manifest)
        write_relation_files(target, run.annotator.gazetteer)
        _names(run.annotator, None if run.summary.full else live).save(target / NAMES_FILE)
        meta = {
            "schema": SCHEMA_VERSION,
            "gazetteer": fingerprint,
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "files": seal(target),
        }
        write_json_atomic(target / META_FILE, meta)
        notify(BuildProgress("publishing", 0, 1))
        publish_generation(index_dir, target)
    except BaseException:
        discard_generation(target)
        raise


def _names(annotator: Annotator, live: Path | None) -> NameTable:
    """The gazetteer's names and those of the leaders found from their title: in this build's
    articles, and in the live generation's when this build only adds to it."""
    gazetteer = annotator.names
    found = {leader.id: list(leader.names) for leader in annotator.discovered.values()}
    if live is not None and (live / NAMES_FILE).is_file():
        try:
            earlier = NameTable.load(live / NAMES_FILE).forms["leader"]
        except (OSError, ValueError):
            earlier = {}
        known = gazetteer.forms["leader"]
        found = {**{k: v for k, v in earlier.items() if k not in known}, **found}
    return gazetteer.with_leaders(found)


def _read_feeds(run: _Run, notify: ProgressCallback) -> dict[Path, LoadedFile | SkippedFile]:
    """Feeds are read before writing starts, to count the articles that changed in them."""
    feeds = [file for file in run.plan.to_read if is_feed(file)]
    loaded: dict[Path, LoadedFile | SkippedFile] = {}
    notify(BuildProgress("reading", 0, len(feeds)))
    for done, file in enumerate(feeds, start=1):
        loaded[file.path] = run.load(file)
        notify(BuildProgress("reading", done, len(feeds)))
    return loaded


def _articles_to_analyse(run: _Run, feeds: dict[Path, LoadedFile | SkippedFile]) -> int:
    texts = sum(not is_feed(file) for file in run.plan.to_read)
    in_feeds = sum(
        len(loaded.articles) for loaded in feeds.values() if isinstance(loaded, LoadedFile)
    )
    return texts + in_feeds


def _write(run: _Run, target: Path, *, create: bool, notify: ProgressCallback) -> None:
    feeds = _read_feeds(run, notify)
    total = _articles_to_analyse(run, feeds)
    done = 0

    def analysed() -> None:
        nonlocal done
        done = min(done + 1, total)
        notify(BuildProgress("indexing", done, total))

    writer = open_writer(target, create, total)
    try:
        run.remove_missing(writer)
        for file in run.plan.to_read:
            if is_feed(file):
                run.apply(feeds.pop(file.path), writer, analysed)
                continue
            before = done
            run.apply(run.load(file), writer, analysed)
            if done == before:  # unchanged or skipped: still one file of the count
                analysed()
        notify(BuildProgress("saving", total, total))
        commit_writer(writer)
    except BaseException:
        writer.cancel()
        raise
