"""The search language, parsed into a small tree of plain dataclasses.

hội đàm Putin        every word must appear (with or without diacritics)
"hội đàm cấp cao"    a phrase
Putin OR Medvedev    either
-Trump  NOT Trump    must not appear
( … )                grouping
title:APEC  leader:"Tập Cận Bình"  country:Mỹ  org:ASEAN
date:2020  date:2020-03-01..2020-06-30  date:..2019  date:2020..
Biden AND Trump      the same as "Biden Trump"
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.errors import QueryError
from index.search.dates import DateRange, parse_range
from index.text.vietnamese import SYLLABLE_RE, nfc

MAX_QUERY_CHARS = 2000
FIELDS = ("title", "leader", "country", "org", "date")
# The entity kind each entity field filters by ("org:" is short for an organisation).
FIELD_KINDS = {"leader": "leader", "country": "country", "org": "organisation"}



@dataclass(frozen=True)
class Words:
    """Plain words typed next to each other; `field` is None (anywhere) or "title".
    `joined[i]` is true when syllable i was typed joined to the one before ("F-35", "Jong-un"):
    such syllables stay in one word."""

    syllables: tuple[str, ...]
    field: str | None = None
    joined: tuple[bool, ...] = ()

    def __post_init__(self) -> None:
        if len(self.joined) != len(self.syllables):
            object.__setattr__(self, "joined", (False,) * len(self.syllables))


@dataclass(frozen=True)
class Phrase:
    syllables: tuple[str, ...]
    field: str | None = None


@dataclass(frozen=True)
class EntityFilter:
    kind: str
    name: str


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class Any_:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class All:
    children: tuple[Node, ...]


Node = Words | Phrase | EntityFilter | DateRange | Not | Any_ | All

_TOKEN_RE = re.compile(r'\s*(?:(?P<open>\()|(?P<close>\))|(?P<quote>")|(?P<word>[^\s()"]+))')
_FIELD_RE = re.compile(r"^(?P<field>[A-Za-z]+):(?P<rest>.*)$")


def _lex(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        if text[position] == '"':
            end = text.find('"', position + 1)
            if end < 0:
                raise QueryError('missing closing quote (")')
            tokens.append(("phrase", text[position + 1 : end]))
            position = end + 1
            continue
        match = _TOKEN_RE.match(text, position)
        assert match is not None
        kind = match.lastgroup or "word"
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.position = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def sequence(self, closing: bool = False) -> All:
        children: list[Node] = []
        while (token := self.peek()) is not None:
            if token[0] == "close":
                if not closing:
                    raise QueryError("unbalanced parenthesis: ')' without '('")
                break
            if token == ("word", "AND"):
                self.conjunction(children)
                continue
            children.append(self.either())
        return All(_merge_words(children))

    def conjunction(self, before: list[Node]) -> None:
        """An explicit AND between two operands: the same as typing them side by side."""
        self.take()
        following = self.peek()
        if not before or following is None or following[0] == "close" or following[1] == "OR":
            raise QueryError("AND needs something on both sides")

    def either(self) -> Node:
        options = [self.unary()]
        while self.peek() == ("word", "OR"):
            self.take()
            if self.peek() is None or self.peek() == ("close", ")"):
                raise QueryError("OR needs something after it")
            options.append(self.unary())
        return options[0] if len(options) == 1 else Any_(tuple(options))

    def unary(self) -> Node:
        kind, value = self.peek() or ("", "")
        if kind == "word" and value in ("NOT", "-"):
            self.take()
            if self.peek() is None:
                raise QueryError(f"{value} needs something after it")
            return Not(self.unary())
        if kind == "word" and value.startswith("-") and len(value) > 1:
            self.tokens[self.position] = ("word", value[1:])
            return Not(self.atom())
        return self.atom()

    def atom(self) -> Node:
        kind, value = self.take()
        if kind == "open":
            inner = self.sequence(closing=True)
            if self.peek() != ("close", ")"):
                raise QueryError("unbalanced parenthesis: '(' without ')'")
            self.take()
            return inner
        if kind == "close":
            raise QueryError("unbalanced parenthesis: ')' without '('")
        if kind == "phrase":
            return _phrase(value, None)
        if value in ("AND", "OR"):
            raise QueryError(f"{value} needs something on both sides")
        return self.fielded(value)

    def fielded(self, value: str) -> Node:
        match = _FIELD_RE.match(value)
        if not match:
            return _words(value, None)
        if match["field"].lower() not in FIELDS:
            raise QueryError(f"unknown field '{match['field']}:' (use {', '.join(FIELDS)})")
        field, rest = match["field"].lower(), match["rest"]
        if not rest:
            following = self.peek()
            if following is None or following[0] != "phrase":
                raise QueryError(f"nothing after '{field}:'")
            rest = self.take()[1]
            if field == "title":
                return _phrase(rest, field)
        if field == "title":
            return _words(rest, field)
        if field == "date":
            return parse_range(rest)
        if not rest.strip():
            raise QueryError(f"nothing after '{field}:'")
        return EntityFilter(FIELD_KINDS[field], rest.strip())


def _syllables(text: str) -> tuple[str, ...]:
    return tuple(SYLLABLE_RE.findall(text))


def _words(text: str, field: str | None) -> Node:
    syllables = _syllables(text)
    return Words(syllables, field, tuple(i > 0 for i in range(len(syllables))))


def _phrase(text: str, field: str | None) -> Node:
    return Phrase(_syllables(text), field)


def _merge_words(children: list[Node]) -> tuple[Node, ...]:
    """Adjacent plain words form one run, so "hội đàm" can be ranked as the word it is."""
    merged: list[Node] = []
    for child in children:
        if isinstance(child, Words) and not child.syllables:
            continue
        previous = merged[-1] if merged else None
        if (
            isinstance(child, Words)
            and isinstance(previous, Words)
            and previous.field == child.field
        ):
            merged[-1] = Words(
                previous.syllables + child.syllables, child.field, previous.joined + child.joined
            )
        else:
            merged.append(child)
    return tuple(merged)


def split_dates(node: All) -> tuple[All, DateRange]:
    """The query without its `date:` terms, and the range they describe together. A `date:`
    term counts at the top level or in brackets joined by AND, not under OR or NOT."""
    found = DateRange()
    kept: list[Node] = []
    for child in node.children:
        if isinstance(child, DateRange):
            found = found.narrowed(child)
        elif isinstance(child, All):
            inner, dates = split_dates(child)
            found = found.narrowed(dates)
            kept.append(inner)
        else:
            kept.append(child)
    return All(tuple(kept)), found


def parse_query(text: str) -> All:
    """Parse a query typed by a user; raises QueryError with a one-line reason."""
    text = nfc(text.replace("\x00", " "))
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text)} characters; the limit is {MAX_QUERY_CHARS})")
    return _Parser(_lex(text)).sequence()
