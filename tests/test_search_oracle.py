"""Result sets against an independent oracle (tests/search_oracle) on real Baomoi articles.

The oracle scans the title and body the index holds and applies DESIGN.md "Search semantics" by
brute force; every query of `queries.py` must return the articles it describes. The corpus tests
skip when ../shared is absent; DIPLONEWS_ORACLE_ARTICLES changes how many articles are indexed.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.search_oracle.queries import QUERIES
from tests.search_oracle.report import (
    BAOMOI,
    DEFAULT_ARTICLES,
    Oracle,
    build,
    describe,
    failing,
    pooled,
    product_ids,
    run_all,
    scan_index,
    table,
    unpack_first,
)
from tests.search_oracle.scan import ScannedDoc, scan_document

POOLED_MIN = 0.995
PER_QUERY_MIN = 0.98
needs_corpus = pytest.mark.skipif(not BAOMOI.is_file(), reason="../shared/corpus is absent")


# The scanner itself, on hand-written sentences.


def _docs(**articles: str) -> list[ScannedDoc]:
    return [scan_document(doc_id, "", body) for doc_id, body in articles.items()]


def _ids(docs: list[ScannedDoc], *groups: str) -> set[str]:
    oracle = Oracle(docs)
    result = {doc.id for doc in docs}
    for group in groups:
        result &= oracle.group(group.split())
    return result


def test_punctuation_breaks_a_word() -> None:
    docs = _docs(
        comma="Anh ấy hỏi, dám làm không?",
        word="Hai bên hội đàm.",
        period="Hà Nội. Đà Nẵng",
        line="Hà Nội\nĐà Nẵng",
        quote='nói "hội" đàm',
        paren="hội (đàm)",
        dash="hội - đàm",
    )
    assert _ids(docs, "hoi dam") == {"word"}
    assert _ids(docs, "nội đà") == set()
    assert _ids(docs, "hoi", "dam") == {"comma", "word", "quote", "paren", "dash"}


def test_joiners_link_syllables() -> None:
    docs = _docs(
        dot="Tại TP.HCM hôm nay",
        space="Tại TP HCM hôm nay",
        spaced_dot="Tại TP. HCM hôm nay",
        hyphen="Tiêm kích F-35 và Kim Jong-un",
        double="F--35",
        slash="ngày 28/4/2017",
    )
    assert _ids(docs, "TP HCM") == {"dot", "space"}
    assert _ids(docs, "TP.HCM") == {"dot", "space"}
    assert _ids(docs, "F 35") == {"hyphen"}
    assert _ids(docs, "Kim Jong un") == {"hyphen"}
    assert _ids(docs, "28/4") == {"slash"}


def test_marks_decide_exact_or_folded() -> None:
    docs = _docs(city="Đà Nẵng mưa", said="Ông đã nặng lời", flat="DA NANG", multi="đa năng")
    assert _ids(docs, "Đà Nẵng") == {"city"}
    assert _ids(docs, "da nang") == {"city", "said", "flat", "multi"}
    assert _ids(docs, "đa năng") == {"multi"}
    assert _ids(docs, "Đà nang") == {"city"}


def test_tone_placement_case_and_nfd_are_ignored() -> None:
    docs = _docs(
        old="Nhà máy thuỷ điện và hoà bình",
        new="Nhà máy THỦY ĐIỆN, hòa bình",
        nfd=unicodedata.normalize("NFD", "thủy điện Khánh Hoà"),
        other="thúy điện",
    )
    assert _ids(docs, "thủy điện") == {"old", "new", "nfd"}
    assert _ids(docs, "thuỷ điện") == {"old", "new", "nfd"}
    assert _ids(docs, unicodedata.normalize("NFD", "thuỷ")) == {"old", "new", "nfd"}
    assert _ids(docs, "hòa bình") == {"old", "new"}
    assert _ids(docs, "Khánh Hòa") == {"nfd"}


def test_title_and_body_are_separate_chunks() -> None:
    docs = [scan_document("split", "Hội nghị hội", "đàm phán")]
    assert _ids(docs, "hội đàm") == set()
    assert _ids(docs, "hội", "đàm") == {"split"}


def test_one_syllable_matches_anywhere_and_not_inside_a_syllable() -> None:
    docs = _docs(alone="trời có bão", inside="baobao", folded="bao nhiêu")
    assert _ids(docs, "bão") == {"alone"}
    assert _ids(docs, "bao") == {"alone", "folded"}


# The product against the oracle, on the first articles of the Baomoi corpus.


@contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _built_index(tmp_path_factory: pytest.TempPathFactory, count: int) -> Any:
    """Build the index once per session, also when xdist spreads these tests over workers."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the session's directory, shared by its workers
    work = root / f"search-oracle-{count}"
    with _exclusive(root / f"search-oracle-{count}.lock"):
        if not (work / "ready").is_file():
            shutil.rmtree(work, ignore_errors=True)
            articles = unpack_first(BAOMOI, count, work / "articles")
            build(articles, work / "index")
            (work / "ready").touch()
    from index import open_index

    return open_index(work / "index")


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if not BAOMOI.is_file():
        pytest.skip("../shared/corpus is absent")
    count = int(os.environ.get("DIPLONEWS_ORACLE_ARTICLES", DEFAULT_ARTICLES))
    return _built_index(tmp_path_factory, count)


@needs_corpus
def test_result_sets_match_the_oracle(corpus_index: Any) -> None:
    oracle = Oracle(scan_index(corpus_index))
    outcomes = run_all(corpus_index, oracle)
    recall, precision = pooled(outcomes)
    bad = failing(outcomes, PER_QUERY_MIN)
    report = "\n".join(describe(oracle, outcome) for outcome in bad)
    assert recall >= POOLED_MIN and precision >= POOLED_MIN and not bad, (
        f"pooled recall {recall:.3f}, precision {precision:.3f}\n{table(outcomes)}\n"
        f"{len(bad)} queries below {PER_QUERY_MIN}:\n{report}"
    )


PERMUTABLE = [q for q in QUERIES if q.plain and len(q.groups) >= 2]


@needs_corpus
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_word_order_never_changes_the_result(corpus_index: Any, data: st.DataObject) -> None:
    query = data.draw(st.sampled_from(PERMUTABLE))
    words = [" ".join(group) for group in query.groups]
    shuffled = data.draw(st.permutations(words))
    assert product_ids(corpus_index, " ".join(shuffled)) == product_ids(corpus_index, query.text), (
        f"{' '.join(shuffled)!r} differs from {query.text!r}"
    )


def test_the_query_set_is_large_and_varied() -> None:
    kinds = {q.kind for q in QUERIES}
    assert len(QUERIES) >= 130
    assert all(sum(q.kind == kind for q in QUERIES) >= 10 for kind in kinds)
    assert len(kinds) == 12
    assert sum(q.entity is not None for q in QUERIES) <= 15
