"""Measure diplonews on a real corpus; print every figure the README's table reports.

    .venv/bin/python tests/perf/bench.py ../shared/corpus/baomoi-2017.tar.xz

The corpus is a folder of article files or a .tar.xz of one. Everything runs on this machine, in
this run: pyvi alone on the same text (the reference for the build), our full and incremental
builds, query latency in-process against SQLite FTS5 on the same queries, the command line end to
end, and the browser. Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from multiprocessing import Pool
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.perf.browser_probe import MEETING_QUERIES  # noqa: E402
from tests.perf.queries import QUERIES  # noqa: E402

DIPLONEWS = [sys.executable, "-m", "tui.cli"]


# -- helpers -------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def tree_rss_bytes(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        parent = int(re.search(r"PPid:\s+(\d+)", status).group(1))
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        rss[pid] = int(found.group(1)) * 1024 if found else 0
        children.setdefault(parent, []).append(pid)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_measured(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Wall time, CPU time and the peak memory of the whole process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_bytes(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, err = process.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {err.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_bytes": peak, "output": out.decode()}


# -- corpus --------------------------------------------------------------------------------


def unpack(corpus: Path, work: Path) -> Path:
    if corpus.is_dir():
        target = work / "corpus"
        shutil.copytree(corpus, target)
        return target
    with tarfile.open(corpus) as tar:
        tar.extractall(work / "corpus", filter="data")
    folders = [p for p in (work / "corpus").iterdir() if p.is_dir()]
    return folders[0] if len(folders) == 1 else work / "corpus"


def _segment_file(path: str) -> int:
    from pyvi import ViTokenizer

    text = Path(path).read_text(encoding="utf-8", errors="replace")
    return len(ViTokenizer.tokenize(text))


def pyvi_alone(files: list[Path], processes: int) -> float:
    started = time.perf_counter()
    with Pool(processes) as pool:
        for _ in pool.imap_unordered(_segment_file, [str(f) for f in files], chunksize=32):
            pass
    return time.perf_counter() - started


# -- queries -------------------------------------------------------------------------------


def ours(index_dir: Path, repeats: int) -> list[float]:
    from index import open_index

    latencies = []
    with open_index(index_dir) as index:
        for query in QUERIES:  # warm-up: first touch of each term's postings
            index.search(
                query["q"],
                leaders=query.get("leaders", ()),
                countries=query.get("countries", ()),
                limit=20,
            )
        for _ in range(repeats):
            for query in QUERIES:
                started = time.perf_counter()
                index.search(
                    query["q"],
                    leaders=query.get("leaders", ()),
                    countries=query.get("countries", ()),
                    limit=20,
                )
                latencies.append(time.perf_counter() - started)
    return latencies


def fts5_database(index_dir: Path, work: Path) -> sqlite3.Connection:
    from index import open_index

    database = sqlite3.connect(work / "fts5.db")
    database.execute(
        "CREATE VIRTUAL TABLE articles USING fts5(id UNINDEXED, title, body,"
        " tokenize = 'unicode61 remove_diacritics 2')"
    )
    with open_index(index_dir) as index:
        database.executemany(
            "INSERT INTO articles VALUES (?, ?, ?)",
            ((d.id, d.title, d.body) for d in index.documents()),
        )
    database.commit()
    return database


def fts5_query(query: dict) -> str:
    """The same query in FTS5 syntax; entity filters become their names as phrases."""
    parts = []
    for token in re.findall(r'"[^"]*"|\S+', query["q"]):
        if token in ("OR", "NOT"):
            parts.append(token)
        elif token.startswith("-"):
            parts.append(f'NOT "{token[1:]}"')
        else:
            words = re.findall(r"\w+", token)
            if words:
                parts.append('"' + " ".join(words) + '"')
    for name in [*query.get("leaders", ()), *query.get("countries", ())]:
        parts.append('"' + " ".join(re.findall(r"\w+", name)) + '"')
    text = " ".join(parts)
    return text.removeprefix("NOT ") if text.startswith("NOT") else text


def fts5(database: sqlite3.Connection, repeats: int) -> list[float]:
    latencies = []
    for attempt in range(repeats + 1):
        for query in QUERIES:
            match = fts5_query(query)
            started = time.perf_counter()
            if match:
                database.execute(
                    "SELECT count(*) FROM articles WHERE articles MATCH ?", (match,)
                ).fetchone()
                database.execute(
                    "SELECT id, title, snippet(articles, 2, '[', ']', '…', 24) FROM articles"
                    " WHERE articles MATCH ? ORDER BY bm25(articles) LIMIT 20",
                    (match,),
                ).fetchall()
            else:
                database.execute("SELECT count(*) FROM articles").fetchone()
                database.execute("SELECT id, title FROM articles LIMIT 20").fetchall()
            if attempt:
                latencies.append(time.perf_counter() - started)
    return latencies


# -- the command line and the browser ------------------------------------------------------


def cli_search(index_dir: Path, env: dict[str, str], runs: int = 7) -> tuple[float, bool]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [*DIPLONEWS, "--index-dir", str(index_dir), "search", "hội đàm"],
            env=env,
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - started)
    probe = (
        "import sys; from tui.cli import main; main(['--index-dir', sys.argv[1], 'search', "
        "'hội đàm', '--leader', 'Tập Cận Bình']);"
        "print(any(m.split('.')[0] in ('pyvi', 'pypinyin', 'textual') for m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe, str(index_dir)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return statistics.median(times), loaded.endswith("True")


def browser(index_dir: Path, env: dict[str, str]) -> dict[str, float]:
    """First usable screen (process start to first results), keystroke latency, memory."""
    script = REPO / "tests" / "perf" / "browser_probe.py"
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(script), str(index_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    figures: dict[str, float] = {}
    for line in process.stdout:
        data = json.loads(line)
        if data.get("ready"):
            figures["first_screen_s"] = time.perf_counter() - started
        else:
            figures.update(data)
    if process.wait() != 0:
        print(process.stderr.read()[-800:] if process.stderr else "", file=sys.stderr)
        return {}
    return figures


# -- main ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of articles or a .tar.xz of one")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument("--repeats", type=int, default=5, help="passes over the query set")
    parser.add_argument(
        "--without-references",
        action="store_true",
        help="skip pyvi alone and SQLite FTS5 (for a corpus too big to time them on)",
    )
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="diplonews-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(REPO), CI="1", XDG_CONFIG_HOME=str(work / "config"))
    corpus = unpack(args.corpus, work)
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".md", ".jsonl"))
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    cores = os.cpu_count() or 1
    print(
        f"corpus: {len(files)} files, {megabytes:.0f} MB; machine: {cores} cores, "
        f"Python {sys.version.split()[0]}"
    )

    reference = None if args.without_references else pyvi_alone(files, cores)
    if reference:
        print(f"pyvi alone, {cores} processes:          {reference:8.1f} s")

    index_dir = work / "index"
    build = run_measured(
        [*DIPLONEWS, "--index-dir", str(index_dir), "index", "build", "--full", str(corpus)], env
    )
    ratio = f"{build['wall'] / reference:.2f}× pyvi alone; " if reference else ""
    print(
        f"full build:                        {build['wall']:8.1f} s  ({ratio}"
        f"{build['cpu'] / build['wall']:.2f} cores busy; "
        f"peak {build['peak_bytes'] / 2**30:.2f} GB)"
    )

    size = sum(f.stat().st_size for f in index_dir.rglob("*") if f.is_file())
    print(f"index size on disk:                {size / 1e6:8.0f} MB")

    noop = run_measured([*DIPLONEWS, "--index-dir", str(index_dir), "index", "build"], env)
    print(f"incremental, nothing changed:      {noop['wall']:8.2f} s")
    changed = files[len(files) // 2]
    original = changed.read_bytes()
    changed.write_bytes(original + "\nCập nhật: hội đàm cấp cao kết thúc.\n".encode())
    one = run_measured([*DIPLONEWS, "--index-dir", str(index_dir), "index", "build"], env)
    changed.write_bytes(original)
    print(f"incremental, one file changed:     {one['wall']:8.2f} s  ({one['output'].strip()})")

    latencies = ours(index_dir, args.repeats)
    p50, p95 = percentile(latencies, 0.5) * 1000, percentile(latencies, 0.95) * 1000
    print(
        f"query latency, {len(QUERIES)} queries × {args.repeats}: "
        f"p50 {p50:6.1f} ms  p95 {p95:6.1f} ms"
    )
    if not args.without_references:
        reference_latencies = fts5(fts5_database(index_dir, work), args.repeats)
        f50, f95 = (
            percentile(reference_latencies, 0.5) * 1000,
            percentile(reference_latencies, 0.95) * 1000,
        )
        print(
            f"SQLite FTS5, same queries:         p50 {f50:6.1f} ms  p95 {f95:6.1f} ms  "
            f"(ours/FTS5: p50 {p50 / f50:.1f}×, p95 {p95 / f95:.1f}×)"
        )

    cli_time, heavy = cli_search(index_dir, env)
    print(
        f"CLI search, process start to output: {cli_time:6.2f} s  "
        f"(pyvi/pypinyin/textual loaded: {'yes' if heavy else 'no'})"
    )

    figures = browser(index_dir, env)
    if figures:
        print(f"browser first usable screen:       {figures['first_screen_s']:6.2f} s")
        print(
            f"browser keystroke → results p95:   {figures['keystroke_p95_ms']:6.0f} ms "
            f"(p50 {figures['keystroke_p50_ms']:.0f} ms, {figures['keystrokes']} keystrokes)"
        )
        print(
            f"browser keystroke → timeline p95:  {figures['timeline_p95_ms']:6.0f} ms "
            f"(p50 {figures['timeline_p50_ms']:.0f} ms)"
        )
        print(
            f"browser m → meetings view p95:     {figures['meetings_p95_ms']:6.0f} ms "
            f"(p50 {figures['meetings_p50_ms']:.0f} ms, {len(MEETING_QUERIES)} searches)"
        )
        print(f"browser memory:                    {figures['rss_mb']:6.0f} MB")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
