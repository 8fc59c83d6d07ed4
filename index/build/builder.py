"""Build the index: full (into a new generation, swapped in atomically) or incremental.

An incremental build re-reads only files whose size or modification time changed, re-analyses only
those whose content changed, and drops the articles of files that are gone.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import W3Codec

import index.engine.tuning  # noqa: F401  (installs faster length reads)
from index.build.annotate import Annotator, gazetteer_fingerprint
from index.engine.schema import build_schema, text_fields
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
    new_generation,
    publish_generation,
    read_json,
    seal,
    write_json_atomic,
)
from index.engine.writer import TermPoolWriter
from index.errors import BuildError
from index.ingest.articles import (
    JSONL_SUFFIXES,
    Article,
    ArticleError,
    SkippedLine,
    read_jsonl_file,
    read_text_file,
)
from index.ingest.sources import SourceFile, discover
from index.model import BuildSummary, SkippedFile
from index.paths import bundled_seeds_dir

# Below this many articles, the start-up cost of worker processes outweighs what they save.
_PARALLEL_MIN_ARTICLES = 400
# Whoosh reads a compound segment by copying each of its files into memory (hundreds of MB on
# a large corpus); separate files are read on demand. Compressing posting blocks costs a fifth of
# the time spent writing them and slows every read, for an index 40% smaller.
_WRITER_SETTINGS = {"compound": False, "codec": W3Codec(compression=0)}


_LOCAL_BUILDS: set[str] = set()
_LOCAL_BUILDS_LOCK = threading.Lock()



@dataclass(frozen=True)
class BuildProgress:
    phase: str
    done: int
    total: int


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


@dataclass
class _Plan:
    """What a build has to do, decided from the files on disk and the last build's manifest."""

    manifest: dict[str, dict[str, Any]]
    to_read: list[SourceFile] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)


def _plan(sources: Sequence[Path], manifest: dict[str, dict[str, Any]]) -> _Plan:
    plan = _Plan(manifest=manifest)
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


def _read_articles(file: SourceFile, data: bytes) -> tuple[list[Article], list[SkippedFile]]:
    if file.path.suffix.lower() in JSONL_SUFFIXES:
        articles: list[Article] = []
        skipped: list[SkippedFile] = []
        for item in read_jsonl_file(file.path, data, source=file.source):
            if isinstance(item, SkippedLine):
                skipped.append(SkippedFile(f"{file.path}:{item.line}", item.reason))
            else:
                articles.append(item)
        return articles, skipped
    return [read_text_file(file.path, data, source=file.source)], []


def _whoosh_document(article: Article, annotator: Annotator) -> dict[str, Any]:
    annotation = annotator.annotate(article)
    return {
        "id": article.id,
        "title": article.title,
        "body": article.body,
        "date": article.date or "",
        "source": article.source,
        "path": article.path,
        "url": article.url or "",
        "entities": [(m.kind, m.id, m.start, m.end) for m in annotation.mentions],
        "leaders": ",".join(annotation.leaders),
        "countries": ",".join(annotation.countries),
        **text_fields(article.title, article.body),
    }


class _Run:
    """One build's bookkeeping: the manifest it rewrites and the summary it reports."""

    def __init__(self, plan: _Plan, summary: BuildSummary, annotator: Annotator) -> None:
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

    def index_file(self, file: SourceFile, writer: Any) -> None:
        key = str(file.path)
        try:
            data = file.path.read_bytes()
        except OSError as error:
            self.summary.skipped.append(SkippedFile(key, f"cannot read ({error.strerror})"))
            return
        digest = hashlib.sha1(data).hexdigest()
        previous = self.manifest.get(key)
        if previous and previous["sha1"] == digest:
            previous.update(size=file.size, mtime_ns=file.mtime_ns)
            self.summary.unchanged += len(previous["ids"])
            return
        try:
            articles, skipped_lines = _read_articles(file, data)
        except ArticleError as error:
            self.summary.skipped.append(SkippedFile(key, str(error)))
            articles, skipped_lines = [], []
        self.summary.skipped.extend(skipped_lines)
        old_ids = set(previous["ids"]) if previous else set()
        kept = self._add_articles(articles, key, old_ids, writer)
        for stale in old_ids - set(kept):
            writer.delete_by_term("id", stale)
            self.owner.pop(stale, None)
            self.summary.removed += 1
        self.manifest[key] = {
            "size": file.size,
            "mtime_ns": file.mtime_ns,
            "sha1": digest,
            "ids": kept,
        }

    def _add_articles(
        self, articles: list[Article], key: str, old_ids: set[str], writer: Any
    ) -> list[str]:
        kept: list[str] = []
        for article in articles:
            owner = self.owner.get(article.id)
            if (owner and owner != key) or article.id in kept:
                where = owner if owner and owner != key else "earlier in this file"
                self.summary.skipped.append(
                    SkippedFile(article.path, f"duplicate id {article.id!r} (also in {where})")
                )
                continue
            writer.update_document(**_whoosh_document(article, self.annotator))
            self.owner[article.id] = key
            kept.append(article.id)
            if article.id in old_ids:
                self.summary.updated += 1
            else:
                self.summary.added += 1
        return kept


def _resolve_sources(index_dir: Path, sources: Sequence[Path] | None) -> list[Path]:
    if sources:
        return [Path(os.path.abspath(os.path.expanduser(str(s)))) for s in sources]
    remembered = read_json(index_dir / SOURCES_FILE, None)
    if remembered:
        return [Path(s) for s in remembered]
    return [bundled_seeds_dir()]


def _needs_full_build(generation: Path | None, fingerprint: str) -> bool:
    """No usable index yet, a damaged one, or one analysed under other rules or data."""
    if generation is None or not generation.is_dir():
        return True
    meta = read_json(generation / META_FILE, {})
    if meta.get("schema") != SCHEMA_VERSION or meta.get("gazetteer") != fingerprint:
        return True
    if check_seal(generation, meta.get("files", {})) is not None:
        return True
    return not _whoosh_index_opens(generation)


def _whoosh_index_opens(generation: Path) -> bool:
    from whoosh import index as whoosh_index

    try:
        with whoosh_index.open_dir(str(generation)).searcher() as searcher:
            searcher.doc_count()
    except Exception:
        return False
    return True


def _open_writer(generation: Path, create: bool, articles_to_add: int) -> Any:
    from whoosh import index as whoosh_index

    if create:
        ix = whoosh_index.create_in(str(generation), build_schema())
    else:
        ix = whoosh_index.open_dir(str(generation))
    if articles_to_add >= _PARALLEL_MIN_ARTICLES and (os.cpu_count() or 1) > 1:
        from index.engine.parallel import ParallelWriter

        procs = min(os.cpu_count() or 1, 4)
        return ParallelWriter(ix, procs=procs, **_WRITER_SETTINGS)
    return TermPoolWriter(ix, **_WRITER_SETTINGS)


def build_index(
    index_dir: Path,
    sources: Sequence[Path] | None = None,
    *,
    full: bool = False,
    progress: ProgressCallback | None = None,
) -> BuildSummary:
    """Bring the index at `index_dir` up to date with `sources` (or the remembered ones)."""
    started = time.perf_counter()
    notify = progress or (lambda _update: None)
    with build_lock(index_dir):
        source_paths = _resolve_sources(index_dir, sources)
        annotator = Annotator()
        fingerprint = gazetteer_fingerprint(annotator.user_file)
        live = current_generation(index_dir)
        full = full or _needs_full_build(live, fingerprint)
        manifest = {} if full or live is None else read_json(live / MANIFEST_FILE, {})
        plan = _plan(source_paths, manifest)
        summary = BuildSummary(full=full, unchanged=plan.unchanged)
        summary.skipped.extend(plan.skipped)
        if full or plan.to_read or plan.removed:
            summary.warnings = list(annotator.warnings)
            _build_generation(index_dir, live, _Run(plan, summary, annotator), fingerprint, notify)
        write_json_atomic(index_dir / SOURCES_FILE, [str(s) for s in source_paths])
    summary.seconds = time.perf_counter() - started
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
        run.annotator.names.save(target / NAMES_FILE)
        meta = {
            "schema": SCHEMA_VERSION,
            "gazetteer": fingerprint,
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "files": seal(target),
        }
        write_json_atomic(target / META_FILE, meta)
        publish_generation(index_dir, target)
    except BaseException:
        discard_generation(target)
        raise


def _write(run: _Run, target: Path, *, create: bool, notify: ProgressCallback) -> None:
    files = run.plan.to_read
    writer = _open_writer(target, create, len(files))
    try:
        run.remove_missing(writer)
        for done, file in enumerate(files, start=1):
            run.index_file(file, writer)
            notify(BuildProgress("indexing", done, len(files)))
        notify(BuildProgress("saving", len(files), len(files)))
        writer.commit(optimize=False)
    except BaseException:
        writer.cancel()
        raise
