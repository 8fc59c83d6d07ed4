"""Bylines and credits: reporters' and translators' names, photo credits, sources.

A byline is a name ("Minh Anh", "Đức Hoàng", "T.Thủy"), so the country words in it ("Anh",
"Đức", "Thái") name nobody's country. Found: a short line of capitalised words at the start or
the end of an article, possibly with its source ("Thanh Tùng (Theo AP)", "Minh PhươngTheo SCMP");
the words after the last full stop of the last line ("…cho biết. Phương Thảo"); a parenthesised
name ("(Minh Anh)"); a labelled credit ("Ảnh: Minh Anh", "Biên dịch: Tú Anh", "(Nguồn: Reuters)").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from index.entities.lexicon import is_vietnamese_syllable
from index.text.vietnamese import SYLLABLE_RE, normalise_term


@dataclass(frozen=True)
class Credit:
    """A stretch of text that credits somebody; `personal` when it holds a person's name."""

    start: int
    end: int
    personal: bool


# Words that open a source credit, in any case: "(Theo Reuters)", "(Nguồn: TTXVN)".
SOURCE_OPENERS = frozenset({"theo", "nguồn", "source", "tổng", "t", "lược", "biên", "dịch"})
# Labels followed by a colon and a person: "Ảnh: Minh Anh", "Biên dịch: Tú Anh".
_LABEL_RE = re.compile(
    r"(?<![^\s(\[])(?:[Ảả]nh|[Nn]guồn|[Bb]iên dịch|[Ll]ược dịch|[Dd]ịch|[Đđ]ồ họa|[Tt]hực hiện"
    r"|[Vv]ideo|[Cc]lip|[Tt]ác giả|[Bb]ài(?: và ảnh)?|[Pp]hoto|[Ss]ource)\s*$"
)
_LABELLED_NAMES_RE = re.compile(
    r"\s*[A-ZÀ-ỸĐ0-9][\w.&]*(?:[ \u00a0/,–-]+[A-ZÀ-ỸĐ0-9][\w.&]*){0,5}"
)
_LABEL_WINDOW = 16
_PARENTHESIS_RE = re.compile(r"\(([^()\n]{1,120})\)")
_SENTENCE_END_RE = re.compile(r"(?:[.!?…]|/\.)[\"”’)]*\s+")
# Lower-case words a byline line may hold: "Lan Hương - Trường Thịnh (tổng hợp)", "Theo X và Y".
_CONNECTORS = frozenset({"và", "theo", "tổng", "hợp", "t", "h", "dịch", "biên", "lược", "từ"})
# A full stop after a word ends a sentence; after an initial ("T.Thủy") or inside "VOV.VN" not.
_SENTENCE_STOP_RE = re.compile(r"[^\W\d_]{2,}\.(?:\s|$)")
_MAX_LINE_CHARS = 90
_MAX_NAME_SYLLABLES = 12
# One name or one source between separators: "Lan Hương - Trường Thịnh", "Hùng Cường/VOV.VN".
_PARTS_RE = re.compile(r"\s[-–]\s|/|,|\bvà\b|(?=Theo\b)|\btheo\b")
_MAX_PART_SYLLABLES = 5
_EDGE_LINES = 3

IsEntityName = Callable[[str], bool]
# Lower-case words after a reporter's name in parentheses: "(Tú Anh ghi)", "(Minh Anh t/h)".
_REPORTING_VERBS = frozenset(
    {"ghi", "thực", "hiện", "tổng", "hợp", "dịch", "lược", "biên", "t", "h"}
)


def credit_spans(text: str, is_entity_name: IsEntityName) -> list[Credit]:
    """Every byline and credit in an article body, with offsets into it."""
    credits = _labelled(text) + _parenthesised(text, is_entity_name)
    credits += _edge_lines(text, is_entity_name)
    tail = _tail_of_last_line(text, is_entity_name)
    return credits + ([tail] if tail else [])


def _labelled(text: str) -> list[Credit]:
    """"Ảnh: Minh Anh": found from each colon, the label before it and the names after it."""
    out = []
    colon = text.find(":")
    while colon >= 0:
        label = _LABEL_RE.search(text, max(0, colon - _LABEL_WINDOW), colon)
        names = _LABELLED_NAMES_RE.match(text, colon + 1) if label else None
        if label and names:
            out.append(Credit(label.start(), names.end(), personal=True))
        colon = text.find(":", colon + 1)
    return out


def _parenthesised(text: str, is_entity_name: IsEntityName) -> list[Credit]:
    out = []
    for match in _PARENTHESIS_RE.finditer(text):
        inner = match[1].strip()
        words = SYLLABLE_RE.findall(inner)
        if not words:
            continue
        if normalise_term(words[0]) in SOURCE_OPENERS:
            out.append(Credit(*match.span(), personal=False))
        elif _personal_name(inner, words) and not is_entity_name(inner):
            out.append(Credit(*match.span(), personal=True))
    return out


def _personal_name(inner: str, words: list[str]) -> bool:
    """"Minh Anh", "T.Thủy", "QUẾ LÂM", "Tú Anh ghi": a reporter's name, as papers print it."""
    while words and normalise_term(words[-1]) in _REPORTING_VERBS:
        words = words[:-1]
    if not 1 <= len(words) <= 4 or re.search(r"[,;:!?]", inner):
        return False
    return all(w[0].isupper() and is_vietnamese_syllable(w) for w in words)


def _edge_lines(text: str, is_entity_name: IsEntityName) -> list[Credit]:
    edges = [*_first_lines(text, 1), *_last_lines(text, _EDGE_LINES)]
    out = []
    for start, end in dict.fromkeys(edges):
        if is_byline(text[start:end], is_entity_name):
            out.append(Credit(start, end, personal=True))
    return out


def _first_lines(text: str, count: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(text) and len(spans) < count:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            spans.append((start, end))
        start = end + 1
    return spans


def _last_lines(text: str, count: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    end = len(text)
    while end > 0 and len(spans) < count:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            spans.insert(0, (start, end))
        end = start - 1
    return spans


def _tail_of_last_line(text: str, is_entity_name: IsEntityName) -> Credit | None:
    """"…cho biết. Phương Thảo": a byline run on after the last sentence."""
    stripped = text.rstrip()
    # A byline is short: only the end of a long last line can hold one.
    line_start = max(stripped.rfind("\n") + 1, len(stripped) - 2 * _MAX_LINE_CHARS)
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(stripped, line_start)]
    if not ends:
        return None
    tail_start = ends[-1]
    if tail_start >= len(stripped) or not is_byline(stripped[tail_start:], is_entity_name):
        return None
    return Credit(tail_start, len(stripped), personal=True)


def is_byline(line: str, is_entity_name: IsEntityName) -> bool:
    """A line that is a byline: names, separators, a source; no sentence."""
    line = line.strip()
    if not line or len(line) > _MAX_LINE_CHARS or line.endswith(("?", "!", ":", ",")):
        return False
    outside = _PARENTHESIS_RE.sub(" ", line)
    if "(" in outside or ")" in outside or re.search(r"[,;:] *[a-zà-ỹđ]", outside):
        return False
    words = SYLLABLE_RE.findall(outside)
    if not words or len(words) > _MAX_NAME_SYLLABLES:
        return False
    parts = _PARTS_RE.split(outside)
    if any(len(SYLLABLE_RE.findall(part)) > _MAX_PART_SYLLABLES for part in parts):
        return False  # a heading in capitals, not names
    if not all(w[0].isupper() or w[0].isdigit() or w in _CONNECTORS for w in words):
        return False
    if _SENTENCE_STOP_RE.search(outside):
        return False
    return not is_entity_name(outside.strip())
