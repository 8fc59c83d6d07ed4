"""Bad input, hostile text, crashes and concurrency: nothing is lost and nothing escapes."""

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index import open_index
from index.build.builder import build_index
from index.engine.store import current_generation
from index.errors import IndexCorruptError, QueryError
from tui.cli import main

REPO = Path(__file__).resolve().parent.parent


def article_ids(index_dir: Path) -> set[str]:
    with open_index(index_dir) as index:
        return {hit.id for hit in index.search("", limit=None).hits}


# -- odd files -----------------------------------------------------------------------------


def test_odd_files_index_or_are_skipped_with_reasons(tmp_path):
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "title-only.txt").write_text("Chỉ có tiêu đề", encoding="utf-8")
    (folder / "one-line.txt").write_text("Hội đàm " * 25_000, encoding="utf-8")
    paragraph = "Chủ tịch nước hội đàm với Tổng thống Nga tại Điện Kremlin. " * 20 + "\n"
    (folder / "big.txt").write_text("Bài rất dài\n" + paragraph * 4_000, encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "utf16.txt").write_bytes("Tin UTF-16\nHoà bình".encode("utf-16"))
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop").symlink_to(folder)
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    summary = build_index(tmp_path / "ix", [folder])
    reasons = {Path(s.path).name: s.reason for s in summary.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary file")
    assert reasons["pipe.txt"] == "not a regular file"
    assert reasons["dangling.txt"] == "broken symbolic link"
    assert reasons["loop"].startswith("symbolic link loop")
    assert article_ids(tmp_path / "ix") == {"title-only", "one-line", "big", "utf16"}
    with open_index(tmp_path / "ix") as index:
        assert index.search("hoa binh").hits[0].id == "utf16"
        assert index.document("big").body.count("Kremlin") == 80_000


def test_a_text_file_with_escape_sequences_is_indexed_and_shown_harmlessly(tmp_path, capsys):
    folder = tmp_path / "escapes"
    folder.mkdir()
    text = "Tin ngắn \x1b[1mđậm\x1b[0m\nThủ tướng \x1b[31mhội đàm\x1b[0m tại Hà Nội.\x07\x0c Hết."
    (folder / "short.txt").write_text(text, encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"Tin\nnull \x00 byte")
    summary = build_index(tmp_path / "ix", [folder])
    assert [(Path(s.path).name, s.reason) for s in summary.skipped] == [
        ("binary.txt", "binary file (NUL bytes)")
    ]
    with open_index(tmp_path / "ix") as index:
        assert [hit.id for hit in index.search("Hà Nội").hits] == ["short"]
    assert main(["--index-dir", str(tmp_path / "ix"), "show", "short"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "␛[31mhội đàm" in out


def test_unreadable_files_are_reported_and_the_rest_indexed(tmp_path, seeds_copy, monkeypatch):
    # Tests run as root, which may read anything: the refusal is the operating system's answer.
    locked = seeds_copy / "001_d361021e82024496.txt"
    original = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return original(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    summary = build_index(tmp_path / "ix", [seeds_copy])
    assert [(Path(s.path).name, s.reason) for s in summary.skipped] == [
        (locked.name, "cannot read (Permission denied)")
    ]
    assert summary.added == 4


def test_a_bad_jsonl_line_skips_only_that_line(tmp_path):
    folder = tmp_path / "feed"
    folder.mkdir()
    lines = [
        '{"id": "a", "title": "Một", "body": "Nội dung"}',
        "{broken",
        '{"id": "b", "title": "Hai"}',
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    summary = build_index(tmp_path / "ix", [folder])
    assert [(Path(s.path).name, s.reason.split(" (")[0]) for s in summary.skipped] == [
        ("feed.jsonl:2", "invalid JSON")
    ]
    assert article_ids(tmp_path / "ix") == {"a", "b"}


vietnamese_text = st.text(
    alphabet=st.sampled_from(list('aăâđêôơưáàảãạếềểễệốồổỗộớờởỡợứừửữựAĐÊÔ \n\t.-#=:{}"\x1b\r')),
    max_size=300,
)
raw_bytes = st.binary(max_size=400)
encoded_text = vietnamese_text.flatmap(
    lambda text: st.sampled_from(["utf-8", "utf-16", "cp1258", "utf-8-sig"]).map(
        lambda codec: text.encode(codec, errors="replace")
    )
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(raw_bytes, encoded_text), st.sampled_from(["a.txt", "a.md"]))
def test_ingestion_fuzz_text_files_become_articles_or_reasons(data, name):
    from index.ingest.articles import ArticleError, read_text_file

    try:
        article = read_text_file(Path(name), data, source="fuzz")
    except ArticleError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert article.title or article.body
    assert "\r" not in article.body and "\n" not in article.title


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            vietnamese_text,
            st.builds(
                json.dumps,
                st.dictionaries(
                    st.sampled_from(["id", "title", "body", "date", "url", "source"]),
                    st.one_of(
                        st.text(max_size=40),
                        st.integers(),
                        st.none(),
                        st.lists(st.integers(), max_size=2),
                    ),
                ),
            ),
        ),
        max_size=6,
    )
)
def test_ingestion_fuzz_jsonl_lines_become_articles_or_numbered_reasons(lines):
    from index.ingest.articles import ArticleError, SkippedLine, read_jsonl_file

    text = "\n".join(lines)
    data = text.encode("utf-8")
    line_count = len(re.split(r"\r\n|\r|\n", text))  # a lone CR ends a line, as in editors
    try:
        items = list(read_jsonl_file(Path("feed.jsonl"), data, source="fuzz"))
    except ArticleError as error:
        assert str(error)
        return
    for item in items:
        if isinstance(item, SkippedLine):
            assert 1 <= item.line <= line_count and item.reason
        else:
            assert item.id and (item.title or item.body)


# -- queries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        '"hội đàm',
        "(Putin",
        "Putin)",
        "OR",
        "AND",
        "NOT",
        "-",
        "title:",
        "leader:",
        "*",
        "hội\x00đàm",
        "🇻🇳 hội đàm 🙂",
        "习近平",
        "x" * 20_000,
        "((((((((((",
        '""',
        "a:b:c",
    ],
)
def test_hostile_queries_answer_quickly_with_results_or_one_line_error(seed_index, query):
    with open_index(seed_index) as index:
        started = time.perf_counter()
        try:
            result = index.search(query)
            assert result.total >= 0
        except QueryError as error:
            assert "\n" not in str(error) and str(error)
        assert time.perf_counter() - started < 2


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
    | st.text(alphabet='ab "()-:OR NOTđĐ', max_size=30)
)
def test_query_fuzz_never_raises_anything_but_query_errors(seed_index, query):
    with open_index(seed_index) as index:
        try:
            index.search(query, limit=3)
        except QueryError as error:
            assert "\n" not in str(error)


# -- crashes -------------------------------------------------------------------------------


def _corpus(folder: Path, articles: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    for number in range(articles):
        text = seeds[number % len(seeds)].read_text(encoding="utf-8")
        (folder / f"a{number:04}.txt").write_text(f"Bài {number}\n{text}", encoding="utf-8")
    return folder


def _processes_using(index_dir: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(index_dir).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _wait_until_gone(index_dir: Path, seconds: float = 5) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := _processes_using(index_dir)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def _start_build(index_dir: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--index-dir", str(index_dir), "index", "build", *extra],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _drive_build(index_dir: Path, point: str, action: str, *extra: str) -> subprocess.Popen:
    """A build that kills or interrupts itself when its progress reaches `point`."""
    driver = [sys.executable, str(REPO / "tests" / "build_driver.py"), point, action, "--"]
    return subprocess.Popen(
        [*driver, "--index-dir", str(index_dir), "index", "build", *extra],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # Ctrl+C reaches the build's process group, not the tests'
    )


def _generations(index_dir: Path) -> set[str]:
    return {path.name for path in index_dir.glob("gen-*")}


@pytest.mark.parametrize(
    ("point", "extra"),
    [
        ("reading", ()),
        ("indexing:100", ()),
        ("indexing:100", ("--full",)),
        ("saving", ()),
        ("publishing", ()),
        ("publishing", ("--full",)),
    ],
)
def test_kill_9_at_each_point_of_a_build_leaves_the_previous_index(tmp_path, point, extra):
    corpus = _corpus(tmp_path / "corpus", 30)
    index_dir = tmp_path / "ix"
    build_index(index_dir, [corpus])
    before = article_ids(index_dir)
    generation = current_generation(index_dir)
    _corpus(tmp_path / "corpus", 450)  # 420 new articles: written by worker processes
    build = _drive_build(index_dir, point, "kill", *extra)
    build.communicate()
    assert build.returncode == -signal.SIGKILL
    assert _wait_until_gone(index_dir) == [], "worker processes outlived the killed build"
    assert current_generation(index_dir) == generation
    assert article_ids(index_dir) == before
    left_behind = _generations(index_dir) - {generation.name}
    assert len(left_behind) == 1  # the killed build's unfinished generation
    assert build_index(index_dir).added == 420
    assert len(article_ids(index_dir)) == 450
    assert not left_behind & _generations(index_dir)


def test_ctrl_c_during_a_build_is_one_line_and_changes_nothing(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 30)
    index_dir = tmp_path / "ix"
    build_index(index_dir, [corpus])
    before = article_ids(index_dir)
    _corpus(tmp_path / "corpus", 450)
    build = _drive_build(index_dir, "indexing:100", "interrupt")
    out, err = build.communicate(timeout=120)
    assert build.returncode == 130
    assert err == "diplonews: interrupted; the index is unchanged\n"  # nothing from the workers
    assert out == ""
    assert _wait_until_gone(index_dir) == []
    assert article_ids(index_dir) == before
    assert _generations(index_dir) == {current_generation(index_dir).name}


def test_ctrl_c_on_a_terminal_ends_the_progress_line(tmp_path):
    import pty

    corpus = _corpus(tmp_path / "corpus", 450)
    index_dir = tmp_path / "ix"
    controller, terminal = pty.openpty()
    driver = [sys.executable, str(REPO / "tests" / "build_driver.py"), "indexing:100", "interrupt"]
    environment = {k: v for k, v in os.environ.items() if k != "CI"} | {"TERM": "xterm"}
    build = subprocess.Popen(
        [*driver, "--", "--index-dir", str(index_dir), "index", "build", str(corpus)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
        env=environment,
        start_new_session=True,
    )
    os.close(terminal)
    shown = b""
    while chunk := _read_terminal(controller):
        shown += chunk
    build.wait(timeout=60)
    os.close(controller)
    assert build.returncode == 130
    assert b"Indexing" in shown  # the progress bar was on the terminal
    assert shown.endswith(b"diplonews: interrupted; the index is unchanged\r\n")
    assert b"Traceback" not in shown


def _read_terminal(controller: int) -> bytes:
    try:
        return os.read(controller, 65536)
    except OSError:  # the other end closed
        return b""


def _limited_build(index_dir: Path, corpus: Path, size_limit: int) -> subprocess.CompletedProcess:
    import resource

    def limit_file_size() -> None:
        # Ignored, SIGXFSZ lets a write past the limit fail with EFBIG, as on a full disk.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size_limit, size_limit))

    build = [sys.executable, "-m", "tui.cli", "--index-dir", str(index_dir), "index", "build"]
    return subprocess.run(
        [*build, "--full", str(corpus)],
        cwd=REPO,
        capture_output=True,
        text=True,
        preexec_fn=limit_file_size,
    )


@pytest.mark.parametrize("articles", [60, 450])  # one process; worker processes
def test_a_full_disk_during_a_build_leaves_the_previous_index(tmp_path, articles):
    corpus = _corpus(tmp_path / "corpus", articles)
    index_dir = tmp_path / "ix"
    build_index(index_dir, [REPO / "seeds"])
    before = article_ids(index_dir)
    generations = _generations(index_dir)
    done = _limited_build(index_dir, corpus, 64 * 1024)
    assert done.returncode == 1
    assert done.stderr.startswith("diplonews: cannot write the index") and done.stdout == ""
    assert "File too large" in done.stderr and len(done.stderr.splitlines()) == 1
    assert _generations(index_dir) == generations  # nothing half-written left behind
    assert article_ids(index_dir) == before
    assert build_index(index_dir).unchanged == 5  # and the sources named were not remembered
    assert build_index(index_dir, [corpus]).added == articles


def _read_only_command(index_dir: Path, command: list[str]) -> list[str]:
    """`command` with the index folder read-only: permissions for a user, a read-only mount in
    a private mount namespace for root (whom permissions do not stop)."""
    if os.geteuid() != 0:
        index_dir.chmod(0o555)
        return command
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare to make a folder read-only for root")
    folder = shlex.quote(str(index_dir))
    remount = f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder}"
    return ["unshare", "-m", "sh", "-c", f"{remount} && exec {shlex.join(command)}"]


def test_a_read_only_index_folder_is_a_one_line_error(tmp_path):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [REPO / "seeds"])
    before = article_ids(index_dir)
    corpus = _corpus(tmp_path / "corpus", 20)
    build = [sys.executable, "-m", "tui.cli", "--index-dir", str(index_dir), "index", "build"]
    done = subprocess.run(
        _read_only_command(index_dir, [*build, str(corpus)]),
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    index_dir.chmod(0o755)
    if "mount" in done.stderr and "diplonews" not in done.stderr:
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("diplonews: cannot write the index")
    assert len(done.stderr.splitlines()) == 1
    assert article_ids(index_dir) == before
    assert _generations(index_dir) == {current_generation(index_dir).name}
    assert build_index(index_dir).unchanged == 5  # the sources named were not remembered


def test_damaged_index_is_reported_and_rebuilt_on_request(tmp_path, seeds_copy, capsys):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [seeds_copy])
    generation = current_generation(index_dir)
    index_files = [p for p in generation.iterdir() if p.suffix != ".json"]
    segment = max(index_files, key=lambda p: p.stat().st_size)
    segment.write_bytes(segment.read_bytes()[:100])
    with pytest.raises(IndexCorruptError, match="damaged"):
        open_index(index_dir)
    assert main(["--index-dir", str(index_dir), "search", "Putin"]) == 1
    assert "index build --full" in capsys.readouterr().err
    assert build_index(index_dir).full  # the next build notices and starts afresh
    assert len(article_ids(index_dir)) == 5


def test_missing_generation_is_reported(tmp_path, seeds_copy):
    index_dir = tmp_path / "ix"
    build_index(index_dir, [seeds_copy])
    for path in current_generation(index_dir).iterdir():
        path.unlink()
    current_generation(index_dir).rmdir()
    with pytest.raises(IndexCorruptError):
        open_index(index_dir)
    assert build_index(index_dir).added == 5


def test_second_concurrent_build_exits_with_a_clear_message(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 300)
    index_dir = tmp_path / "ix"
    first = _start_build(index_dir, str(corpus))
    time.sleep(1.5)
    second = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui.cli",
            "--index-dir",
            str(index_dir),
            "index",
            "build",
            str(corpus),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    first.wait()
    assert first.returncode == 0
    assert second.returncode == 1
    assert "another build is already running" in second.stderr
    assert len(article_ids(index_dir)) == 300


# -- terminal safety -----------------------------------------------------------------------


def test_escape_sequences_in_articles_and_names_never_reach_the_terminal(tmp_path, capsys):
    folder = tmp_path / "hostile"
    folder.mkdir()
    filler = "Hai bên trao đổi về hợp tác kinh tế và thương mại. " * 30
    title = "Tin \x1b[2J\x1b]0;owned\x07 [bold]đậm[/bold]"
    text = f"{title}\nNội dung \x1b[31mđỏ\x9b31m và \u202eđảo. {filler}"
    (folder / "evil\x1b[31m.txt").write_text(text, encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "j\x1b[1m", "title": "T", "body": "x"}) + "\n{bad\x1b[5m\n"
    )
    index_dir = str(tmp_path / "ix")
    assert main(["--index-dir", index_dir, "index", "build", str(folder)]) == 0
    for argv in (
        ["search", "nội dung"],
        ["search", "đỏ", "--json"],
        ["show", "evil\x1b[31m"],
        ["show", "evil\x1b[31m", "--json"],
        ["export"],
    ):
        main(["--index-dir", index_dir, *argv])
    out, err = capsys.readouterr()
    for stream in (out, err):
        assert "\x1b" not in stream and "\x9b" not in stream and "\x07" not in stream
        assert "\u202e" not in stream
    assert "[bold]đậm[/bold]" in out
