"""Meeting extraction scored against the hand-annotated articles of tests/data.

Each article is read with the product's reader, tagged with the product's annotator, and its
meetings extracted; unordered leader pairs that took place (not planned ones) are compared with
the annotations. The annotations name leaders in press form; they are mapped to gazetteer ids by
folded name. A missed pair is the tagger's when it did not tag one of the two leaders (or the
gazetteer lacks him), the extractor's otherwise.
"""

from __future__ import annotations

import json
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from index.build.annotate import Annotator
from index.entities import load_gazetteer
from index.ingest.articles import Article, read_text_file
from index.relations.meetings import extract_meetings
from index.text.vietnamese import fold

REPO = Path(__file__).resolve().parent.parent
ANNOTATIONS = REPO / "tests" / "data" / "meeting_annotations.jsonl"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
# The corpus folder (inside its archive) of each annotated corpus.
CORPUS_FOLDERS = {"baomoi": "baomoi", "dantri": "dantri-unc"}
ARCHIVES = {"baomoi": "baomoi-2017.tar.xz", "dantri": "dantri-unc.tar.xz"}
MIN_PRECISION = 0.90
MIN_RECALL = 0.90

Pair = frozenset[str]


def _records() -> list[dict]:
    with ANNOTATIONS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _extract_members(archive: Path, folder: str, files: set[str], target: Path) -> None:
    wanted = {f"{folder}/{name}" for name in files}
    with tarfile.open(archive) as tar:
        for member in tar:
            if member.name in wanted:
                tar.extract(member, target, filter="data")


@pytest.fixture(scope="module")
def article_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Annotated article id → its file: seeds from the repository, the rest from ../shared."""
    records = _records()
    missing = [ARCHIVES[c] for c in ARCHIVES if not (SHARED_CORPUS / ARCHIVES[c]).is_file()]
    if missing:
        pytest.skip(f"{', '.join(missing)} not available (../shared is absent)")
    target = tmp_path_factory.mktemp("annotated")
    for corpus, folder in CORPUS_FOLDERS.items():
        files = {r["file"] for r in records if r["corpus"] == corpus}
        _extract_members(SHARED_CORPUS / ARCHIVES[corpus], folder, files, target)
    paths = {}
    for record in records:
        if record["corpus"] == "seeds":
            paths[record["id"]] = REPO / "seeds" / record["file"]
        else:
            paths[record["id"]] = target / CORPUS_FOLDERS[record["corpus"]] / record["file"]
    return paths


class LeaderIds:
    """Press-form names → gazetteer leader ids, by folded full name, English name or alias."""

    def __init__(self) -> None:
        gazetteer, _warnings = load_gazetteer()
        self.by_folded: dict[str, set[str]] = {}
        for leader in gazetteer.leaders.values():
            for name in leader.names:
                self.by_folded.setdefault(_folded_name(name), set()).add(leader.id)

    def of(self, name: str) -> str | None:
        ids = self.by_folded.get(_folded_name(name), set())
        return next(iter(ids)) if len(ids) == 1 else None


def _folded_name(name: str) -> str:
    """ "Sergei Lavrov", "sergei  lavrov", "Sergei-Lavrov" → "sergei lavrov"."""
    return " ".join(fold(name).replace("-", " ").replace("’", "'").split())


@dataclass
class Score:
    true: int = 0
    false: list[str] = field(default_factory=list)
    missed_by_tagger: list[str] = field(default_factory=list)
    missed_by_extractor: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true + len(self.false)
        return self.true / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true + len(self.missed_by_tagger) + len(self.missed_by_extractor)
        return self.true / expected if expected else 1.0


def _read(path: Path, corpus: str) -> Article:
    return read_text_file(path, path.read_bytes(), source=corpus)


def _annotated_pairs(record: dict, ids: LeaderIds) -> Iterator[tuple[str, str, Pair | None]]:
    """Each distinct annotated pair that took place, with its ids when both names map."""
    seen: set[frozenset[str]] = set()
    for item in record["pairs"]:
        names = frozenset((item["a"], item["b"]))
        if names in seen:
            continue
        seen.add(names)
        a, b = ids.of(item["a"]), ids.of(item["b"])
        yield item["a"], item["b"], frozenset((a, b)) if a and b else None


def _score_article(record: dict, article: Article, annotator: Annotator, ids: LeaderIds) -> Score:
    mentions = annotator.annotate(article).mentions
    tagged = {m.id for m in mentions if m.kind == "leader"}
    article_date = date.fromisoformat(article.date) if article.date else None
    found = {
        frozenset(ref.id for ref in m.leaders): m
        for m in reversed(extract_meetings(article.body, mentions, article_date))
        if not m.planned
    }
    score = Score()
    expected: set[Pair] = set()
    for a, b, pair in _annotated_pairs(record, ids):
        label = f"{record['id']}: {a} – {b}"
        if pair is not None:
            expected.add(pair)
        if pair is not None and pair in found:
            score.true += 1
        elif pair is None or not pair <= tagged:
            score.missed_by_tagger.append(label)
        else:
            score.missed_by_extractor.append(label)
    for pair, meeting in found.items():
        if pair not in expected:
            names = " – ".join(ref.name for ref in meeting.leaders)
            score.false.append(f"{record['id']}: {names} | {meeting.sentence[:160]}")
    return score


def test_meeting_pairs_match_the_hand_annotations(article_files: dict[str, Path]) -> None:
    annotator = Annotator(user_file=Path("/nonexistent/gazetteer.jsonl"))
    ids = LeaderIds()
    total = Score()
    for record in _records():
        article = _read(article_files[record["id"]], record["corpus"])
        score = _score_article(record, article, annotator, ids)
        total.true += score.true
        total.false += score.false
        total.missed_by_tagger += score.missed_by_tagger
        total.missed_by_extractor += score.missed_by_extractor
    print(
        f"\npairs found right {total.true}, precision {total.precision:.3f}, "
        f"recall {total.recall:.3f}"
    )
    print(f"false pairs ({len(total.false)}):", *total.false, sep="\n  ")
    print(
        f"missed by the tagger ({len(total.missed_by_tagger)}):",
        *total.missed_by_tagger,
        sep="\n  ",
    )
    print(
        f"missed by the extractor ({len(total.missed_by_extractor)}):",
        *total.missed_by_extractor,
        sep="\n  ",
    )
    assert total.precision >= MIN_PRECISION, f"precision {total.precision:.3f}"
    assert total.recall >= MIN_RECALL, f"recall {total.recall:.3f}"


def test_every_annotated_name_maps_to_one_leader_or_is_reported() -> None:
    """The mapping is by exact folded name: list what it cannot map, so a typo shows."""
    ids = LeaderIds()
    names = {item[key] for r in _records() for item in r["pairs"] + r["planned"] for key in "ab"}
    unmapped = sorted(name for name in names if ids.of(name) is None)
    print("\nnames the gazetteer lacks:", unmapped)
    assert len(unmapped) <= len(names) // 10
