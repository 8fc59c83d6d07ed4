"""Date bounds as typed: "2020", "2020-03", "2020-03-01", a datetime.date, and ranges
"2020-03-01..2020-06-30", "..2019", "2020..". A partial date means the start of its period as
a lower bound and the end as an upper one. Bounds are ISO strings, compared as the index stores
dates."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from index.errors import QueryError

_DATE_RE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?$")
SORTS = ("relevance", "newest", "oldest")


@dataclass(frozen=True)
class DateRange:
    """Dated articles from `since` to `until`, both inclusive ISO dates; None is open."""

    since: str | None = None
    until: str | None = None

    def narrowed(self, other: DateRange) -> DateRange:
        """Both ranges at once."""
        since = max(filter(None, (self.since, other.since)), default=None)
        until = min(filter(None, (self.until, other.until)), default=None)
        return DateRange(since, until)

    @property
    def open(self) -> bool:
        return self.since is None and self.until is None


def _bound(text: str, end: bool) -> str:
    match = _DATE_RE.match(text.strip())
    if not match:
        raise QueryError(f"bad date {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(match["year"])
    month = int(match["month"] or (12 if end else 1))
    try:
        last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        day = int(match["day"] or (last if end else 1))
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        raise QueryError(f"bad date {text!r} (no such day)") from None


def since_bound(value: str | datetime.date | None) -> str | None:
    """The first day `value` stands for (None stays None)."""
    if value is None or isinstance(value, datetime.date):
        return _plain(value)
    return _bound(value, end=False) if value.strip() else None


def until_bound(value: str | datetime.date | None) -> str | None:
    """The last day `value` stands for (None stays None)."""
    if value is None or isinstance(value, datetime.date):
        return _plain(value)
    return _bound(value, end=True) if value.strip() else None


def _plain(value: datetime.date | None) -> str | None:
    if isinstance(value, datetime.datetime):
        value = value.date()
    return None if value is None else value.isoformat()


def date_range(since: object = None, until: object = None) -> DateRange:
    """The range of the `since` and `until` arguments; QueryError for anything else."""
    for value in (since, until):
        if value is not None and not isinstance(value, str | datetime.date):
            raise QueryError(f"bad date {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    found = DateRange(since_bound(since), until_bound(until))  # type: ignore[arg-type]
    if found.since and found.until and found.since > found.until:
        raise QueryError(f"the date range ends ({found.until}) before it starts ({found.since})")
    return found


def parse_range(text: str) -> DateRange:
    """`2020`, `2020-03`, `2020-03-01..2020-06-30`, `..2019`, `2020..` as a range."""
    text = text.strip()
    if not text or text == "..":
        raise QueryError("nothing after 'date:'")
    if ".." in text:
        since, until = text.split("..", 1)
        return date_range(since or None, until or None)
    return date_range(text, text)


def check_sort(sort: str) -> str:
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r} (use {', '.join(SORTS)})")
    return sort
