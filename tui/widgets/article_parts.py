"""The parts of an article the reader shows: its highlighted stops, wrapped lines, web address
and file name, and how a stop is described in the status line."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from index.model import Document
from tui.sanitize import one_line, terminal_safe


@dataclass(frozen=True)
class Stop:
    """A highlighted stretch of the displayed text: offsets into the reader's whole text."""

    start: int
    end: int
    kind: str  # "match", "leader", "country" or "organisation"
    name: str = ""  # an entity's canonical name
    written: str = ""  # the text as the article writes it


@dataclass(frozen=True)
class Line:
    text: Text
    start: int  # offset of the line's first character in the reader's whole text


def safe_text(text: str) -> str:
    """`terminal_safe`, with tabs made spaces: one character for one, so offsets stay valid."""
    return terminal_safe(text).replace("\t", " ")


def stop_description(stops: list[Stop], stop: Stop) -> str:
    """ "match 2/5: “Putin” · leader: Vladimir Putin", "leader: … · leader 3/9"."""
    kinds = [s for s in stops if s.kind == stop.kind]
    position = f"{kinds.index(stop) + 1}/{len(kinds)}"
    if stop.kind == "match":
        entity = _entity_at(stops, stop.start, stop.end)
        found = f"match {position}: “{one_line(stop.written)}”"
        return f"{found} · {_entity_words(entity)}" if entity else found
    return f"{_entity_words(stop)} · {stop.kind} {position}"


def _entity_at(stops: list[Stop], start: int, end: int) -> Stop | None:
    for stop in stops:
        if stop.kind != "match" and stop.start < end and start < stop.end:
            return stop
    return None


def _entity_words(stop: Stop) -> str:
    words = f"{stop.kind}: {one_line(stop.name)}"
    if stop.written and stop.written != stop.name:
        words += f" (written “{one_line(stop.written)}”)"
    return words


def article_url(document: Document) -> str | None:
    """The article's web address, if it has one that is safe to show and to link to."""
    url = one_line(document.url or "").strip()
    if not url.startswith(("http://", "https://")) or any(c.isspace() for c in url):
        return None
    return url


def file_name(document: Document) -> str:
    path = document.path or ""
    return path.replace("\\", "/").rsplit("/", 1)[-1]
