import json
import os
import shutil
from pathlib import Path

import pytest

from index import open_index
from index.build.builder import BuildError, build_index, build_lock


def ids(index_dir: Path, query: str = "") -> set[str]:
    with open_index(index_dir) as index:
        return {hit.id for hit in index.search(query, limit=None).hits}


def test_full_build_of_the_seeds(tmp_path, seeds_copy):
    summary = build_index(tmp_path / "ix", [seeds_copy])
    assert (summary.added, summary.full, summary.skipped) == (5, True, [])
    assert len(ids(tmp_path / "ix")) == 5


def test_no_arguments_uses_the_bundled_seeds(tmp_path):
    summary = build_index(tmp_path / "ix")
    assert summary.added == 5


def test_second_build_remembers_sources_and_changes_nothing(tmp_path, seeds_copy):
    build_index(tmp_path / "ix", [seeds_copy])
    summary = build_index(tmp_path / "ix")
    assert (summary.full, summary.added, summary.updated, summary.unchanged) == (False, 0, 0, 5)


def test_incremental_build_updates_adds_and_removes(tmp_path, seeds_copy):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [seeds_copy])
    changed = seeds_copy / "004_fd50ac6eeaff5edd.txt"
    changed.write_text("Bài mới về Kazakhstan\nHội đàm tại Astana.", encoding="utf-8")
    (seeds_copy / "005_new.txt").write_text(
        "Tin thêm\nThủ tướng thăm Ulaanbaatar.", encoding="utf-8"
    )
    (seeds_copy / "003_3fb5371926640cd9.txt").unlink()
    summary = build_index(index_dir)
    assert (summary.updated, summary.added, summary.removed, summary.unchanged) == (1, 1, 1, 3)
    assert ids(index_dir, "Astana") == {"004_fd50ac6eeaff5edd"}
    assert ids(index_dir, "Ulaanbaatar") == {"005_new"}
    assert "003_3fb5371926640cd9" not in ids(index_dir)


def test_touching_a_file_without_changing_it_reanalyses_nothing(tmp_path, seeds_copy):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [seeds_copy])
    path = seeds_copy / "000_499571635b3814d9.txt"
    os.utime(path, (1, 1))
    summary = build_index(index_dir)
    assert (summary.updated, summary.unchanged) == (0, 5)


def test_full_flag_rebuilds_everything(tmp_path, seeds_copy):
    build_index(tmp_path / "ix", [seeds_copy])
    summary = build_index(tmp_path / "ix", full=True)
    assert (summary.full, summary.added) == (True, 5)


def test_skipped_files_come_with_reasons(tmp_path, seeds_copy):
    (seeds_copy / "empty.txt").write_bytes(b"")
    (seeds_copy / "photo.png").write_bytes(b"\x89PNG\r\n")
    (seeds_copy / "feed.jsonl").write_text('{"id": "j1", "title": "T", "body": "B"}\n{oops\n')
    summary = build_index(tmp_path / "ix", [seeds_copy])
    reasons = {Path(s.path).name: s.reason for s in summary.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert "not an article file" in reasons["photo.png"]
    assert "invalid JSON" in reasons["feed.jsonl:2"]
    assert summary.added == 6


def test_duplicate_ids_are_skipped_not_merged(tmp_path, seeds_copy):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(seeds_copy / "000_499571635b3814d9.txt", other / "000_499571635b3814d9.txt")
    summary = build_index(tmp_path / "ix", [seeds_copy, other])
    assert summary.added == 5
    assert any("duplicate id" in s.reason for s in summary.skipped)


def test_readers_keep_the_old_index_during_a_full_rebuild(tmp_path, seeds_copy):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [seeds_copy])
    reader = open_index(index_dir)
    for path in seeds_copy.glob("00[0-3]*.txt"):
        path.unlink()
    build_index(index_dir, full=True)
    assert reader.search("", limit=None).total == 5
    assert reader.is_stale()
    reader.close()
    assert len(ids(index_dir)) == 1


def test_a_second_build_at_the_same_time_is_refused(tmp_path, seeds_copy):
    index_dir = tmp_path / "ix"
    with build_lock(index_dir), pytest.raises(BuildError, match="already running"):
        build_index(index_dir, [seeds_copy])


def _state(index_dir: Path) -> tuple[set[str], str]:
    return ids(index_dir), (index_dir / "sources.json").read_text(encoding="utf-8")


def test_a_missing_named_source_changes_nothing(tmp_path, seeds_copy):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [seeds_copy])
    before = _state(index_dir)
    with pytest.raises(BuildError, match="does not exist; nothing was changed"):
        build_index(index_dir, [tmp_path / "typo"])
    with pytest.raises(BuildError, match="does not exist"):
        build_index(index_dir, [seeds_copy, tmp_path / "typo"])
    assert _state(index_dir) == before
    assert build_index(index_dir).unchanged == 5  # the remembered sources are still the seeds


def test_a_missing_source_on_a_new_index_creates_nothing(tmp_path):
    with pytest.raises(BuildError, match="does not exist"):
        build_index(tmp_path / "ix", [tmp_path / "typo"])
    assert not (tmp_path / "ix").exists()


def test_a_vanished_remembered_source_changes_nothing_unless_pruned(tmp_path, seeds_copy):
    index_dir = tmp_path / "ix"
    other = tmp_path / "other"
    other.mkdir()
    (other / "extra.txt").write_text("Tin thêm\nThủ tướng thăm Lào.", encoding="utf-8")
    build_index(index_dir, [seeds_copy, other])
    before = _state(index_dir)
    unmounted = tmp_path / "unmounted"
    seeds_copy.rename(unmounted)
    with pytest.raises(BuildError, match=r"does not exist .*--prune"):
        build_index(index_dir)
    assert _state(index_dir) == before
    summary = build_index(index_dir, prune=True)
    assert (summary.removed, summary.unchanged) == (5, 1)
    assert ids(index_dir) == {"extra"}
    assert build_index(index_dir).unchanged == 1  # the pruned source is forgotten


def test_files_gone_from_a_present_source_are_removed(tmp_path, seeds_copy):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [seeds_copy])
    for path in seeds_copy.iterdir():
        path.unlink()
    assert build_index(index_dir).removed == 5
    assert ids(index_dir) == set()


def _feed(path: Path, count: int) -> None:
    with path.open("a", encoding="utf-8") as stream:
        for number in range(count):
            record = {"id": f"r{number}", "title": f"Tin {number}", "body": "Hội đàm tại Hà Nội."}
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def test_appending_a_line_to_a_feed_adds_one_article(tmp_path):
    feed = tmp_path / "feed.jsonl"
    _feed(feed, 30)
    index_dir = tmp_path / "ix"
    build_index(index_dir, [feed])
    with feed.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps({"id": "new", "title": "Tin mới", "body": "Ulaanbaatar."}) + "\n")
    summary = build_index(index_dir)
    assert (summary.added, summary.updated, summary.removed, summary.unchanged) == (1, 0, 0, 30)
    assert ids(index_dir, "Ulaanbaatar") == {"new"}


def test_a_changed_and_a_deleted_feed_record_are_updated_and_removed(tmp_path):
    feed = tmp_path / "feed.jsonl"
    _feed(feed, 10)
    index_dir = tmp_path / "ix"
    build_index(index_dir, [feed])
    lines = feed.read_text(encoding="utf-8").splitlines()
    lines[3] = json.dumps({"id": "r3", "title": "Tin sửa", "body": "Astana."})
    feed.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    summary = build_index(index_dir)
    assert (summary.added, summary.updated, summary.removed, summary.unchanged) == (0, 1, 1, 8)
    assert ids(index_dir, "Astana") == {"r3"} and "r9" not in ids(index_dir)


def test_progress_counts_articles_and_a_big_feed_is_written_in_parallel(tmp_path, monkeypatch):
    from index.engine import parallel

    feed = tmp_path / "feed.jsonl"
    _feed(feed, 450)
    writers = []
    original = parallel.ParallelWriter.__init__

    def remember(self, *args, **kwargs):
        writers.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(parallel.ParallelWriter, "__init__", remember)
    updates = []
    build_index(tmp_path / "ix", [feed], progress=updates.append)
    indexing = [(u.done, u.total) for u in updates if u.phase == "indexing"]
    assert indexing[-1] == (450, 450) and len(indexing) == 450
    assert len(writers) == 1
    assert updates[0].phase == "reading" and updates[-1].phase == "publishing"


def test_facets_of_everything_agree_with_filtering_after_an_update(tmp_path, seeds_copy):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [seeds_copy])
    with open_index(index_dir) as index:
        before = index.search("").facets
    # One article stops naming anyone: its old version stays in its segment, deleted.
    changed = sorted(seeds_copy.glob("*.txt"))[0]
    changed.write_text("Tin ngắn\nThời tiết hôm nay đẹp.\n", encoding="utf-8")
    assert build_index(index_dir).updated == 1
    with open_index(index_dir) as index:
        facets = index.search("").facets
        assert facets != before
        for facet in facets.leaders:
            assert facet.count == index.search(leaders=[facet.id], limit=None).total
        for facet in facets.countries:
            assert facet.count == index.search(countries=[facet.id], limit=None).total
        assert [f.id for f in facets.leaders] == [e.id for e in index.entities("leader")]


def test_words_without_diacritics_find_the_articles_of_every_build(tmp_path, seeds_copy):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [seeds_copy])
    before = ids(index_dir, "tong thong")
    assert before and before == ids(index_dir, "Tổng thống")
    added = set()
    for n in range(4):  # each build writes a segment; Whoosh merges the small ones
        (seeds_copy / f"10{n}_new.txt").write_text(
            f"Tin số {n}\nTổng thống gặp thủ môn đội tuyển quốc gia.", encoding="utf-8"
        )
        build_index(index_dir)
        added.add(f"10{n}_new")
        assert ids(index_dir, "tong thong") == before | added
        assert ids(index_dir, "thu mon") == ids(index_dir, "thủ môn") == added
    with open_index(index_dir) as index:
        segments = {reader.segment().segment_id() for reader, _ in index._engine.finder.leaves}
        forms = {path.name.split(".")[0] for path in index.generation.glob("*.wforms")}
    assert forms == segments  # merged segments' word forms went with them


def test_damaged_word_forms_are_a_one_line_error_not_a_traceback(tmp_path, seeds_copy, capsys):
    from tui.cli import main

    index_dir = tmp_path / "ix"
    build_index(index_dir, [seeds_copy])
    with open_index(index_dir) as index:
        forms = next(index.generation.glob("*.wforms"))
    forms.write_bytes(b"\xff" * forms.stat().st_size)  # same size: the seal does not see it
    assert main(["--index-dir", str(index_dir), "search", "tổng thống"]) == 1
    error = capsys.readouterr().err
    assert "wforms" in error and "--full" in error and len(error.splitlines()) == 1


def _segments(index_dir: Path) -> set[str]:
    """The names of the live generation's segments (one term file each)."""
    generation = index_dir / (index_dir / "CURRENT").read_text().strip()
    return {path.stem for path in generation.glob("*.trm")}


def test_an_incremental_build_merges_small_segments_and_never_rewrites_large_ones(
    tmp_path, seeds_copy, monkeypatch
):
    """A one-file change must not cost a rewrite of the bulk of a large index."""
    import index.engine.opening as opening

    monkeypatch.setattr(opening, "SMALL_SEGMENT_DOCUMENTS", 3)  # the seeds' 5 make a large one
    index_dir = tmp_path / "ix"
    build_index(index_dir, [seeds_copy])
    (large,) = _segments(index_dir)
    for n in range(4):
        (seeds_copy / f"10{n}_new.txt").write_text(
            f"Tin số {n}\nThủ tướng thăm Ulaanbaatar lần {n}.", encoding="utf-8"
        )
        assert build_index(index_dir).added == 1
        segments = _segments(index_dir)
        assert large in segments
        # The new articles gather in one small segment (3 or more of them: a second one).
        assert len(segments) == 2 + (n >= 3)
    assert len(ids(index_dir, "Ulaanbaatar")) == 4
    assert len(ids(index_dir)) == 9
