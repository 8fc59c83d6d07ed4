"""Read article files into `Article`s: text and Markdown files, Baomoi's layout, JSON Lines."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from urllib.parse import urlparse

from index.ingest.captions import split_leading_caption
from index.ingest.datelines import dateline_date
from index.ingest.encodings import UndecodableError, decode_article_bytes
from index.ingest.repairs import (
    decode_html_entities,
    is_dash_line,
    repair_body,
    split_fused_title,
)
from index.model import DateSource
from index.text.vietnamese import nfc

TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES

_METADATA_RE = re.compile(r"^#\s*([A-Za-z_]+)\s*[=:]\s*(.*?)\s*$")
_MARKDOWN_HEADING_RE = re.compile(r"^#{1,6}\s+")
_TITLE_FALLBACK_CHARS = 120


class ArticleError(ValueError):
    """A file or line that cannot become an article; the message is the reason shown to users."""


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    body: str
    date: str | None
    source: str
    path: str
    url: str | None = None
    date_source: DateSource | None = None


def parse_date(value: object) -> str | None:
    """ISO date (YYYY-MM-DD) from "20201001", "2020-10-01", "01/10/2020"; None when unreadable."""
    text = str(value or "").strip()
    patterns = (
        (r"(\d{4})(\d{2})(\d{2})", (1, 2, 3)),
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", (1, 2, 3)),
        (r"(\d{1,2})/(\d{1,2})/(\d{4})", (3, 2, 1)),
    )
    for pattern, (year, month, day) in patterns:
        match = re.match(pattern, text)
        if match:
            try:
                found = Date(int(match[year]), int(match[month]), int(match[day]))
            except ValueError:
                return None
            return found.isoformat()
    return None


def _dated(given: object, body: str) -> tuple[str | None, DateSource | None]:
    """The article's date and where it comes from: the date it was given (a metadata line, a
    JSON field) when readable, else the full date its dateline states, else none."""
    from_metadata = parse_date(given)
    if from_metadata:
        return from_metadata, "metadata"
    from_text = dateline_date(body)
    if from_text:
        return from_text, "text"
    return None, None


def _readable(text: str) -> str:
    """Text as it reads: HTML entities decoded (once), then NFC (an entity may be a mark)."""
    return nfc(decode_html_entities(text))


def _source_name(explicit: str | None, url: str | None, fallback: str) -> str:
    if explicit:
        return explicit
    if url:
        host = urlparse(url).hostname
        if host:
            return host.removeprefix("www.")
    return fallback


def _split_metadata(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    metadata: dict[str, str] = {}
    index = 0
    for index, line in enumerate(lines):  # noqa: B007
        match = _METADATA_RE.match(line)
        if not match:
            break
        metadata[match[1].lower()] = match[2]
    else:
        index = len(lines)
    return metadata, lines[index:]


def _title_and_body(lines: list[str]) -> tuple[str, str]:
    """The title and the body; a photo caption opening the file stays in the body."""
    content = [line.strip() for line in lines if line.strip()]
    caption, content = split_leading_caption(content)
    title, body_lines = _title_line(content)
    return title, repair_body("\n".join(caption + body_lines))


def _title_line(content: list[str]) -> tuple[str, list[str]]:
    """The title and the lines after it: the first line, or the head of a single long one."""
    if not content:
        return "", []
    first, rest = content[0], content[1:]
    if rest and is_dash_line(rest[0]):
        rest = rest[1:]
    if not rest:
        fused = split_fused_title(first)
        if fused:
            title, first_paragraph = fused
            return title, [first_paragraph]
        if len(first) > _TITLE_FALLBACK_CHARS * 3:
            return _headline_from(first), [first]
    return first, rest


def _headline_from(text: str) -> str:
    """A readable title for a file that has no title line: its opening words."""
    cut = text[:_TITLE_FALLBACK_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def parse_text_article(text: str, *, article_id: str, path: str, source: str) -> Article:
    """An article from decoded text: optional `# key = value` lines, title, dash line, body."""
    metadata, lines = _split_metadata(nfc(text).split("\n"))
    lines = _readable("\n".join(lines)).split("\n")
    if path.endswith(".md") and lines:
        lines[0] = _MARKDOWN_HEADING_RE.sub("", lines[0])
    title, body = _title_and_body(lines)
    if metadata.get("title"):
        title = _readable(metadata["title"])
    title = repair_body(title).replace("\n", " ")
    if not title and not body:
        raise ArticleError("no text")
    url = metadata.get("url") or None
    date, date_source = _dated(metadata.get("date"), body)
    return Article(
        id=article_id,
        title=title,
        body=body,
        date=date,
        source=_source_name(metadata.get("source"), url, source),
        path=path,
        url=url,
        date_source=date_source,
    )


def read_text_file(path: Path, data: bytes, *, source: str) -> Article:
    try:
        text, _encoding = decode_article_bytes(data)
    except UndecodableError as error:
        raise ArticleError(str(error)) from None
    if not text.strip():
        raise ArticleError("empty file")
    return parse_text_article(text, article_id=nfc(path.stem), path=str(path), source=source)


@dataclass(frozen=True)
class SkippedLine:
    line: int
    reason: str


def _article_from_record(record: object, *, path: Path, line: int, source: str) -> Article:
    if not isinstance(record, dict):
        raise ArticleError("not a JSON object")
    title = record.get("title") or ""
    body = record.get("body") or record.get("text") or ""
    if not isinstance(title, str) or not isinstance(body, str):
        raise ArticleError("title and body must be strings")
    if not title.strip() and not body.strip():
        raise ArticleError("no title or body")
    raw_id = record.get("id")
    given = "" if raw_id is None else str(raw_id).strip()
    article_id = given or f"{path.stem}:{line}"
    url = nfc(record["url"]) if isinstance(record.get("url"), str) else None
    explicit_source = nfc(record["source"]) if isinstance(record.get("source"), str) else None
    body = repair_body(_readable(body))
    date, date_source = _dated(record.get("date"), body)
    return Article(
        id=nfc(article_id),
        title=repair_body(_readable(title)).replace("\n", " "),
        body=body,
        date=date,
        source=_source_name(explicit_source, url, source),
        path=f"{path}:{line}",
        url=url,
        date_source=date_source,
    )


def jsonl_lines(data: bytes) -> Iterator[tuple[int, str]]:
    """The non-blank lines of a JSON Lines file, decoded, with their 1-based numbers.

    Left as written, not NFC: each record's fields are normalised as it is read."""
    try:
        text, _encoding = decode_article_bytes(data, normalise=False)
    except UndecodableError as error:
        raise ArticleError(str(error)) from None
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, line


def read_jsonl_line(line: str, *, number: int, path: Path, source: str) -> Article | SkippedLine:
    try:
        record = json.loads(line)
        return _article_from_record(record, path=path, line=number, source=source)
    except json.JSONDecodeError as error:
        return SkippedLine(number, f"invalid JSON ({error.msg})")
    except ArticleError as error:
        return SkippedLine(number, str(error))


def read_jsonl_file(path: Path, data: bytes, *, source: str) -> Iterator[Article | SkippedLine]:
    """Each good line becomes an article; each bad one a `SkippedLine` with its 1-based number."""
    for number, line in jsonl_lines(data):
        yield read_jsonl_line(line, number=number, path=path, source=source)
