"""The relations on the command line: `diplonews meetings`, and `search --timeline`."""

from __future__ import annotations

import argparse
import re
from calendar import monthrange
from typing import Any

from tui.cli import UsageError, _open, _print_json
from tui.meeting_rows import header_row, meeting_row
from tui.sanitize import one_line
from tui.timeline_text import range_text, sparkline

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_LINE_WIDTH = 80


def date_bound(value: str | None, option: str, upper: bool) -> str | None:
    """An ISO day from YYYY, YYYY-MM or YYYY-MM-DD: the first day of the span, or its last
    when `upper`; a UsageError for anything else."""
    if value is None:
        return None
    match = _DATE_RE.match(value.strip())
    try:
        if match is None:
            raise ValueError
        year, month, day = int(match[1]), int(match[2] or 0), int(match[3] or 0)
        month = month or (12 if upper else 1)
        last = monthrange(year, month)[1]
        day = day or (last if upper else 1)
        if not 1 <= day <= last:
            raise ValueError
    except ValueError:
        raise UsageError(
            f"{option}: {one_line(value)!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from None
    return f"{year:04d}-{month:02d}-{day:02d}"


def cmd_meetings(args: argparse.Namespace) -> int:
    from index.errors import QueryError

    since = date_bound(args.since, "--since", upper=False)
    until = date_bound(args.until, "--until", upper=True)
    with _open(args) as index:
        try:
            listed = index.meetings(args.leader, args.country, since, until, planned=args.planned)
        except QueryError as error:
            raise UsageError(str(error)) from None
    if args.json:
        _print_json({"meetings": [item.to_json() for item in listed]})
        return 0
    print(header_row())
    for item in listed:
        print(meeting_row(item.meeting))
    count = len(listed)
    print(f"{count} {'meeting' if count == 1 else 'meetings'}")
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from index.errors import QueryError

    with _open(args) as index:
        try:
            periods = index.timeline(
                " ".join(args.query),
                leaders=args.leader,
                countries=args.country,
                organisations=args.org,
                since=args.since,
                until=args.until,
            )
        except QueryError as error:
            raise UsageError(f"query: {error}") from None
    if args.json:
        _print_json({"timeline": [{"period": p, "count": c} for p, c in periods]})
        return 0
    print(sparkline(periods, width=_LINE_WIDTH))
    print(range_text(periods))
    for period, count in periods:
        print(f"{period:<10}  {count:>6}")
    return 0


def add_meetings_command(commands: Any, common: argparse.ArgumentParser) -> None:
    meetings = commands.add_parser(
        "meetings",
        parents=[common],
        help="who met whom, according to the articles",
        description="Two leaders who met, held talks, received one another or spoke by phone, "
        "oldest first. Planned or proposed meetings are left out unless --planned is given "
        "(their kind then ends in '?').",
    )
    meetings.add_argument(
        "--leader", action="append", default=[], metavar="NAME", help="one side is this leader"
    )
    meetings.add_argument(
        "--country",
        action="append",
        default=[],
        metavar="NAME",
        help="one side is a leader of this country",
    )
    meetings.add_argument("--since", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    meetings.add_argument("--until", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    meetings.add_argument(
        "--planned", action="store_true", help="also list planned, proposed or invited meetings"
    )
    meetings.add_argument("--json", action="store_true")
    meetings.set_defaults(handler=cmd_meetings)
