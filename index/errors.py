"""The exceptions the core raises to its callers; each message is one line meant for the user."""

from __future__ import annotations


class IndexMissingError(RuntimeError):
    """No index has been built at this path yet."""


class IndexCorruptError(RuntimeError):
    """The index exists but cannot be read; rebuilding it from its sources repairs it."""


class IndexOutdatedError(IndexCorruptError):
    """The index was written by another version of the program; a build rebuilds it."""


class QueryError(ValueError):
    """A query that cannot be understood."""


class SearchCancelled(Exception):
    """The caller no longer wants the results of this search."""


class BuildError(RuntimeError):
    """A build that cannot start or finish."""
