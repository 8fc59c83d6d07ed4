"""Shared fixtures: the bundled seeds, an index built from them, the real corpora when present."""

from __future__ import annotations

import shutil
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the five bundled seeds, built once; tests must not change it."""
    from index.build.builder import build_index

    index_dir = tmp_path_factory.mktemp("seed-index")
    build_index(index_dir, [SEEDS])
    return index_dir


@pytest.fixture()
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seeds that a test may change."""
    target = tmp_path / "articles"
    shutil.copytree(SEEDS, target)
    return target


def _unpacked(tmp_path_factory: pytest.TempPathFactory, archive: str, members: int) -> Path:
    path = SHARED_CORPUS / archive
    if not path.is_file():
        pytest.skip(f"{archive} is not available (../shared is absent)")
    target = tmp_path_factory.mktemp(archive.split(".")[0])
    with tarfile.open(path) as tar:
        taken = 0
        for member in tar:
            if taken == members:
                break
            if member.isfile():
                tar.extract(member, target, filter="data")
                taken += 1
    return target


@pytest.fixture(scope="session")
def baomoi_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 300 Baomoi articles of the shared corpus, unpacked; skips without ../shared."""
    return _unpacked(tmp_path_factory, "baomoi-2017.tar.xz", 300)


@pytest.fixture(scope="session")
def dantri_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every Dân trí article of the shared corpus, unpacked; skips without ../shared."""
    return _unpacked(tmp_path_factory, "dantri-unc.tar.xz", 3000)
