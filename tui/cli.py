"""The `diplonews` command line. Textual is imported only to open the browser."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, NoReturn

from index.model import BuildProgress, BuildSummary
from tui.query_words import words_last
from tui.sanitize import one_line, terminal_safe

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UsageError(Exception):
    """Bad usage or a bad query: exit status 2."""


class CommandError(Exception):
    """Something the user can fix that is not a usage mistake: exit status 1."""


class Interrupted(Exception):
    """Ctrl+C, with what it left behind: exit status 130."""


class _Parser(argparse.ArgumentParser):
    """Refuses bad usage with a UsageError; knows which of its options take a value, and which
    of its commands take query words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.takes_value: dict[str, bool] = {}  # filled by add_argument, also from __init__
        self.query_commands: dict[str, dict[str, bool]] = {}
        super().__init__(*args, **kwargs)
        for parent in kwargs.get("parents", ()):
            self.takes_value.update(getattr(parent, "takes_value", {}))

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        self.takes_value.update(dict.fromkeys(action.option_strings, action.nargs != 0))
        return action

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _package_version() -> str:
    try:
        return version("diplonews")
    except PackageNotFoundError:
        return "unknown"


def _index_dir(args: argparse.Namespace) -> Path:
    from index.paths import default_index_dir

    return Path(args.index_dir).expanduser() if args.index_dir else default_index_dir()


def _existing_index_dir(args: argparse.Namespace) -> Path:
    """The index directory to read or browse. One named with --index-dir must exist, so that a
    mistyped path is an error rather than a new index; only the default one is created."""
    from index.paths import default_index_dir

    path = _index_dir(args)
    if args.index_dir and path != default_index_dir() and not path.is_dir():
        problem = "is not a directory" if path.exists() else "does not exist"
        raise CommandError(
            f"the index directory {path} {problem}; "
            "run 'diplonews index build --index-dir PATH SOURCE' to create an index"
        )
    return path


def _open(args: argparse.Namespace) -> Any:
    from index import open_index
    from index.errors import IndexCorruptError, IndexMissingError

    try:
        return open_index(_existing_index_dir(args))
    except (IndexMissingError, IndexCorruptError) as error:
        raise CommandError(str(error)) from None


def _print_json(data: Any) -> None:
    print(terminal_safe(json.dumps(data, ensure_ascii=False)))


# -- index build / status ------------------------------------------------------------------


def _progress_reporter() -> tuple[Callable[[BuildProgress], None], Callable[[], None]]:
    """A progress bar on a terminal; nothing when stderr is a pipe or a file."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return (lambda _update: None), (lambda: None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task("Reading", total=None)
    progress.start()

    def update(state: BuildProgress) -> None:
        progress.update(task, description=state.describe(), completed=state.done, total=state.total)

    return update, progress.stop


def _summary_lines(summary: BuildSummary) -> list[str]:
    kind = "full build" if summary.full else "incremental build"
    lines = [f"{kind} in {summary.seconds:.1f} s: {summary.describe_counts()}"]
    lines += [f"skipped {one_line(s.path)}: {one_line(s.reason)}" for s in summary.skipped]
    lines += [f"warning: {one_line(w)}" for w in summary.warnings]
    return lines


def cmd_index_build(args: argparse.Namespace) -> int:
    from index import build_index
    from index.errors import BuildError

    sources = [Path(s) for s in args.sources] if args.sources else None
    update, stop = _progress_reporter()
    try:
        summary = build_index(
            _index_dir(args), sources, full=args.full, prune=args.prune, progress=update
        )
    except BuildError as error:
        raise CommandError(str(error)) from None
    except KeyboardInterrupt:
        raise Interrupted("interrupted; the index is unchanged") from None
    finally:
        stop()
    print("\n".join(_summary_lines(summary)))
    return 0


def cmd_index_status(args: argparse.Namespace) -> int:
    with _open(args) as index:
        status = index.status()
    if args.json:
        _print_json(vars(status) | {"sources": list(status.sources)})
        return 0
    print(f"index:    {one_line(status.path)}")
    print(f"articles: {status.articles}")
    print(f"built:    {status.built_at or 'unknown'}")
    print(f"size:     {status.size_bytes / 1_048_576:.1f} MiB")
    for source in status.sources:
        print(f"source:   {one_line(source)}")
    return 0


# -- search / show / entities / export -----------------------------------------------------


def _plural(count: int, noun: str) -> str:
    return noun if count == 1 else f"{noun}s"


def _names(refs: Sequence[Any]) -> str:
    return ", ".join(one_line(ref.name) for ref in refs)


def _entity_line(item: Any) -> str:
    line = f"leaders: {_names(item.leaders) or '-'} · countries: {_names(item.countries) or '-'}"
    organisations = _names(item.organisations)
    return f"{line} · organisations: {organisations}" if organisations else line


def _names_anything(item: Any) -> bool:
    return bool(item.leaders or item.countries or item.organisations)


# The entity kinds `entities` lists: the JSON key and the heading of each.
_KIND_LISTS = {
    "leader": ("leaders", "Leaders"),
    "country": ("countries", "Countries"),
    "organisation": ("organisations", "Organisations"),
}


def cmd_search(args: argparse.Namespace) -> int:
    from index.errors import QueryError

    if args.timeline:
        from tui.cli_relations import cmd_timeline

        return cmd_timeline(args)
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    if args.offset < 0:
        raise UsageError("--offset must be at least 0")
    with _open(args) as index:
        try:
            result = index.search(
                " ".join(args.query),
                leaders=args.leader,
                countries=args.country,
                limit=args.limit,
                organisations=args.org,
                offset=args.offset,
                **_date_filters(args),
            )
        except QueryError as error:
            raise UsageError(_query_error(error)) from None
    if args.json:
        _print_json(result.to_json())
        return 0
    for rank, hit in enumerate(result.hits, start=1):
        print(f"{rank + args.offset:>3}. {one_line(hit.title)}  {hit.date or 'undated'}")
        print(f"     id: {one_line(hit.id)}")
        if hit.snippet:
            print(f"     {one_line(hit.snippet)}")
        if _names_anything(hit):
            print(f"     {_entity_line(hit)}")
    print(f"{len(result.hits)} of {result.total} matching {_plural(result.total, 'article')}")
    return 0


def _date_filters(args: argparse.Namespace) -> dict[str, Any]:
    """The --since, --until and --sort options as search() takes them."""
    return {"since": args.since, "until": args.until, "sort": args.sort}


def _query_error(error: Exception) -> str:
    """A query's error, or a date option's, as one line."""
    message = str(error)
    return message if message.startswith(("bad date", "the date range")) else f"query: {message}"


def _dated(document: Any) -> str:
    """The article's date, saying so when it was read from its dateline; "" when undated."""
    if document.date and document.date_source == "text":
        return f"{document.date} (from the dateline)"
    return document.date or ""


def cmd_show(args: argparse.Namespace) -> int:
    with _open(args) as index:
        document = index.document(args.id)
    if document is None:
        raise CommandError(f"no article with id {one_line(args.id)!r}")
    if args.json:
        _print_json(document.to_json())
        return 0
    print(one_line(document.title))
    details = [_dated(document), document.source, document.id]
    print(" · ".join(one_line(d) for d in details if d))
    if document.url:
        print(one_line(document.url))
    if _names_anything(document):
        print(_entity_line(document))
    print()
    print(terminal_safe(document.body))
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    with _open(args) as index:
        kinds = [args.kind] if args.kind else list(_KIND_LISTS)
        listing = {kind: index.entities(kind) for kind in kinds}
    if args.json:
        _print_json(
            {_KIND_LISTS[kind][0]: [vars(f) for f in found] for kind, found in listing.items()}
        )
        return 0
    for kind, found in listing.items():
        print(f"{_KIND_LISTS[kind][1]} ({len(found)})")
        for facet in found:
            print(f"  {facet.count:>6}  {one_line(facet.name)}  [{one_line(facet.id)}]")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from index.errors import QueryError
    from tui.export import selected_documents, write_csv, write_jsonl

    write = write_csv if args.format == "csv" else write_jsonl
    with _open(args) as index:
        try:
            documents = selected_documents(
                index,
                " ".join(args.query),
                args.leader,
                args.country,
                organisations=args.org,
                **_date_filters(args),
            )
        except QueryError as error:
            raise UsageError(_query_error(error)) from None
        write(documents, sys.stdout)
    return 0


def cmd_browse(args: argparse.Namespace) -> int:
    from tui.app import run_browser

    return run_browser(_existing_index_dir(args))


# -- parser --------------------------------------------------------------------------------


def _common() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--index-dir",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="index directory (default: $DIPLONEWS_INDEX_DIR or the user data directory)",
    )
    return common


def _add_date_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--since", metavar="DATE", help="dated on or after (YYYY[-MM[-DD]])")
    command.add_argument("--until", metavar="DATE", help="dated on or before (YYYY[-MM[-DD]])")
    command.add_argument("--sort", choices=["relevance", "newest", "oldest"], default="relevance")


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = _Parser(
        prog="diplonews",
        description="Search and read Vietnamese diplomatic news in the terminal. "
        "With no command, opens the browser.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"diplonews {_package_version()}")
    parser.set_defaults(handler=cmd_browse)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    index_parser = commands.add_parser("index", help="build or inspect the index", parents=[common])
    index_commands = index_parser.add_subparsers(
        metavar="ACTION", required=True, parser_class=_Parser
    )
    build = index_commands.add_parser(
        "build", parents=[common], help="index article files (incremental unless --full)"
    )
    build.add_argument(
        "sources", nargs="*", metavar="SOURCE", help="folders or files (default: the last ones)"
    )
    build.add_argument("--full", action="store_true", help="rebuild from scratch")
    build.add_argument(
        "--prune", action="store_true", help="drop the articles of remembered sources that vanished"
    )
    build.set_defaults(handler=cmd_index_build)
    status = index_commands.add_parser("status", parents=[common], help="what the index holds")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=cmd_index_status)

    search = commands.add_parser("search", parents=[common], help="search the articles")
    search.add_argument("query", nargs="*", metavar="QUERY", help='words, "phrases", OR, -word')
    search.add_argument("--leader", action="append", default=[], metavar="NAME")
    search.add_argument("--country", action="append", default=[], metavar="NAME")
    search.add_argument("--org", action="append", default=[], metavar="NAME")
    _add_date_options(search)
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument("--offset", type=int, default=0, metavar="N", help="skip N hits")
    search.add_argument("--json", action="store_true")
    search.add_argument("--timeline", action="store_true", help="matching articles per month")
    search.set_defaults(handler=cmd_search)
    parser.query_commands["search"] = search.takes_value

    show = commands.add_parser("show", parents=[common], help="print one article")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)

    entities = commands.add_parser(
        "entities", parents=[common], help="leaders, countries and organisations named"
    )
    entities.add_argument("--kind", choices=list(_KIND_LISTS))
    entities.add_argument("--json", action="store_true")
    entities.set_defaults(handler=cmd_entities)

    export = commands.add_parser(
        "export", parents=[common], help="every article, or a query's results, as JSONL or CSV"
    )
    export.add_argument("query", nargs="*", metavar="QUERY", help="as for search (default: all)")
    export.add_argument("--leader", action="append", default=[], metavar="NAME")
    export.add_argument("--country", action="append", default=[], metavar="NAME")
    export.add_argument("--org", action="append", default=[], metavar="NAME")
    _add_date_options(export)
    export.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    export.set_defaults(handler=cmd_export)
    parser.query_commands["export"] = export.takes_value
    from tui.cli_relations import add_meetings_command

    add_meetings_command(commands, common)
    return parser


def _report_interrupt(message: str) -> None:
    # On a terminal the line may hold the echoed "^C": start the message over it.
    start = "\r\x1b[K" if sys.stderr.isatty() else ""
    print(f"{start}diplonews: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    from index.errors import IndexCorruptError

    try:
        parser = build_parser()
        tokens = sys.argv[1:] if argv is None else argv
        args = parser.parse_args(words_last(tokens, parser.takes_value, parser.query_commands))
        if not hasattr(args, "index_dir"):
            args.index_dir = None
        return int(args.handler(args))
    except UsageError as error:
        print(f"diplonews: {one_line(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except (CommandError, IndexCorruptError) as error:  # damage found past opening, too
        print(f"diplonews: {one_line(str(error))}", file=sys.stderr)
        return EXIT_ERROR
    except Interrupted as error:
        _report_interrupt(str(error))
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        _report_interrupt("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        print(f"diplonews: {one_line(str(error))}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
