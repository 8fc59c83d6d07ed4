"""Compare the product's result sets with the oracle's, per query and per kind of query.

    python -m tests.search_oracle.report --articles 5000 [--details] [--out FILE]

unpacks the first N Baomoi articles (sorted by file name) from ../shared/corpus, builds an index of
them, runs every query of `queries.py`, and prints recall and precision per kind and pooled.
"""

from __future__ import annotations

import argparse
import inspect
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.search_oracle.queries import QUERIES, Q
from tests.search_oracle.scan import (
    Occurrence,
    ScannedDoc,
    context,
    find,
    matching,
    scan_document,
    word_pattern,
)

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
BAOMOI = SHARED / "corpus" / "baomoi-2017.tar.xz"
DEFAULT_ARTICLES = 5000
LIMIT = 10**6
EXAMPLES = 3
FILTER_KWARGS = {"leader": "leaders", "country": "countries", "organisation": "organisations"}


def unpack_first(archive: Path, count: int, target: Path) -> Path:
    """Extract the first `count` files of `archive`, in file-name order, under `target`."""
    with tarfile.open(archive) as tar:
        names = sorted(m.name for m in tar if m.isfile())
    wanted = set(names[:count])
    # A second pass in archive order: seeking back in an xz stream would decompress it again.
    with tarfile.open(archive) as tar:
        for member in tar:
            if member.name in wanted:
                tar.extract(member, target, filter="data")
    return target


def build(articles: Path, index_dir: Path) -> Any:
    try:
        from index import build_index  # type: ignore[attr-defined]
    except ImportError:
        from index.build import build_index
    from index import open_index

    build_index(index_dir, [articles])
    return open_index(index_dir)


def scan_index(idx: Any) -> list[ScannedDoc]:
    """The oracle's view: the title and body the index holds for every article."""
    return [scan_document(doc.id, doc.title, doc.body) for doc in idx.documents()]


class Skip(Exception):
    """A query the product cannot be asked yet; the message says why."""


@dataclass
class Oracle:
    docs: list[ScannedDoc]
    by_id: dict[str, ScannedDoc] = field(init=False)
    _cache: dict[tuple[str, ...], set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {doc.id: doc for doc in self.docs}

    def group(self, words: Sequence[str]) -> set[str]:
        key = tuple(words)
        if key not in self._cache:
            self._cache[key] = matching(self.docs, words)
        return self._cache[key]

    def expected(self, query: Q, tagged: set[str] | None = None) -> set[str]:
        result = {doc.id for doc in self.docs}
        for words in query.groups:
            result &= self._group_or_entity(query, words, tagged)
        if query.any_of:
            either: set[str] = set()
            for words in query.any_of:
                either |= self._group_or_entity(query, words, tagged)
            result &= either
        for words in query.none_of:
            result -= self.group(words)
        return result

    def _group_or_entity(self, query: Q, words: Sequence[str], tagged: set[str] | None) -> set[str]:
        found = self.group(words)
        if query.entity and tagged is not None and " ".join(words) == query.entity.name:
            return found | tagged
        return found


def product_ids(idx: Any, text: str, **filters: Sequence[str]) -> set[str]:
    return {hit.id for hit in idx.search(text, limit=LIMIT, **filters).hits}


def tagged_ids(idx: Any, query: Q) -> set[str] | None:
    """The articles the product tags with the query's entity, or None for a text-only query."""
    entity = query.entity
    if entity is None:
        return None
    kwarg = FILTER_KWARGS[entity.kind]
    if kwarg not in inspect.signature(idx.search).parameters:
        raise Skip(f"search() has no {kwarg}= filter yet")
    problems = []
    for name in dict.fromkeys(n for n in (entity.name, entity.canonical) if n):
        try:
            return product_ids(idx, "", **{kwarg: [name]})
        except ValueError as error:
            problems.append(str(error))
    raise Skip(f"the {kwarg}= filter knows no {entity.name!r}: " + "; ".join(problems))


@dataclass
class Outcome:
    query: Q
    expected: set[str] = field(default_factory=set)
    got: set[str] = field(default_factory=set)
    skipped: str = ""

    @property
    def found(self) -> int:
        return len(self.expected & self.got)

    @property
    def recall(self) -> float:
        return self.found / len(self.expected) if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.found / len(self.got) if self.got else 1.0


def run_query(idx: Any, oracle: Oracle, query: Q) -> Outcome:
    try:
        tagged = tagged_ids(idx, query)
    except Skip as reason:
        return Outcome(query, skipped=str(reason))
    return Outcome(query, oracle.expected(query, tagged), product_ids(idx, query.text))


def run_all(idx: Any, oracle: Oracle, queries: Iterable[Q] = QUERIES) -> list[Outcome]:
    return [run_query(idx, oracle, query) for query in queries]


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "-"


def _row(label: str, outcomes: list[Outcome]) -> str:
    ran = [o for o in outcomes if not o.skipped]
    expected = sum(len(o.expected) for o in ran)
    got = sum(len(o.got) for o in ran)
    found = sum(o.found for o in ran)
    return (
        f"{label:<13}{len(ran):>8}{len(outcomes) - len(ran):>8}{expected:>10}{got:>10}"
        f"{found:>10}{_ratio(found, expected):>9}{_ratio(found, got):>10}"
    )


def table(outcomes: list[Outcome]) -> str:
    header = (
        f"{'kind':<13}{'queries':>8}{'skipped':>8}{'expected':>10}{'got':>10}"
        f"{'both':>10}{'recall':>9}{'precision':>10}"
    )
    kinds = dict.fromkeys(o.query.kind for o in outcomes)
    lines = [header, "-" * len(header)]
    lines += [_row(kind, [o for o in outcomes if o.query.kind == kind]) for kind in kinds]
    lines += ["-" * len(header), _row("pooled", outcomes)]
    return "\n".join(lines)


def pooled(outcomes: list[Outcome]) -> tuple[float, float]:
    ran = [o for o in outcomes if not o.skipped]
    found = sum(o.found for o in ran)
    expected = sum(len(o.expected) for o in ran)
    got = sum(len(o.got) for o in ran)
    return (found / expected if expected else 1.0, found / got if got else 1.0)


def _first_occurrence(doc: ScannedDoc, groups: Sequence[Sequence[str]]) -> Occurrence | None:
    for words in groups:
        occurrence = find(doc, word_pattern(words))
        if occurrence:
            return occurrence
    return None


def why_missed(oracle: Oracle, query: Q, doc_id: str) -> str:
    """Where the oracle saw the query in an article the product left out."""
    doc = oracle.by_id[doc_id]
    occurrence = _first_occurrence(doc, [*query.groups, *query.any_of])
    return context(doc, occurrence) if occurrence else "(entity tag only)"


def why_extra(oracle: Oracle, query: Q, doc_id: str) -> str:
    """What the oracle sees in an article the product returned but the query does not describe."""
    doc = oracle.by_id.get(doc_id)
    if doc is None:
        return "(not among idx.documents())"
    excluded = _first_occurrence(doc, query.none_of)
    if excluded:
        return "excluded: " + context(doc, excluded)
    failing = [w for w in [*query.groups, *query.any_of] if doc_id not in oracle.group(w)]
    for words in failing:
        loose = find(doc, word_pattern(words, strict=False))
        if loose:
            return f"{' '.join(words)!r} only loosely: " + context(doc, loose)
    return f"no trace of {' '.join(failing[0]) if failing else '?'!r}"


def describe(oracle: Oracle, outcome: Outcome) -> str:
    query = outcome.query
    missed = sorted(outcome.expected - outcome.got)[:EXAMPLES]
    extra = sorted(outcome.got - outcome.expected)[:EXAMPLES]
    lines = [
        f"{query.text!r} [{query.kind}] expected {len(outcome.expected)} got {len(outcome.got)}"
        f" recall {outcome.recall:.3f} precision {outcome.precision:.3f}"
    ]
    lines += [f"    missed {i}: {why_missed(oracle, query, i)}" for i in missed]
    lines += [f"    extra  {i}: {why_extra(oracle, query, i)}" for i in extra]
    return "\n".join(lines)


def failing(outcomes: list[Outcome], threshold: float) -> list[Outcome]:
    return [
        o
        for o in outcomes
        if not o.skipped and o.expected and min(o.recall, o.precision) < threshold
    ]


def details(oracle: Oracle, outcomes: list[Outcome]) -> str:
    """Every query whose result set differs from the oracle's, then the skipped ones."""
    differing = [o for o in outcomes if not o.skipped and o.expected != o.got]
    skipped = [f"skipped {o.query.text!r}: {o.skipped}" for o in outcomes if o.skipped]
    return "\n".join([*(describe(oracle, o) for o in differing), *skipped])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    parser.add_argument("--details", action="store_true", help="list every disagreement")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    if not BAOMOI.is_file():
        print(f"{BAOMOI} is absent", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="search-oracle-") as tmp:
        articles = unpack_first(BAOMOI, args.articles, Path(tmp) / "articles")
        idx = build(articles, Path(tmp) / "index")
        oracle = Oracle(scan_index(idx))
        outcomes = run_all(idx, oracle)
        text = f"{len(oracle.docs)} articles, {len(outcomes)} queries\n{table(outcomes)}"
        print(text)
        if args.out:
            args.out.write_text(text + "\n", encoding="utf-8")
        if args.details:
            print(details(oracle, outcomes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
