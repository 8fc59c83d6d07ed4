"""Sentences of an article body, and the date and place a sentence states."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta
from itertools import pairwise

# A sentence ends at a line break, or at end punctuation (and closing quotes) before a space.
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"”’»)]*(?=\s)|\n")
# A photo credit closes its caption, which runs on into the text: "… (Nguồn: TTXVN) Cùng ngày, …".
_CREDIT_RE = re.compile(r"\((?:[Nn]guồn|[Ảả]nh|[Pp]hoto|[Ss]ource)\b[^()]{0,80}\)")

# A day and month with a word that makes it a date ("ngày 12/11", "chiều 10/5", "(19/11)"),
# or written out ("ngày 12 tháng 11 năm 2016").
_DAY_MONTH_RE = re.compile(
    r"(?:\b(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|rạng sáng|sáng sớm|chiều tối)\s+(?:nay\s+)?"
    r"|\()"
    r"(?P<day>\d{1,2})[/-](?P<month>\d{1,2})(?:[/-](?P<year>\d{4}))?(?!\d)",
    re.IGNORECASE,
)
_WRITTEN_DATE_RE = re.compile(
    r"\bngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})(?:\s+năm\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)
_RELATIVE_DAYS = {"hôm qua": -1, "hôm nay": 0}
_RELATIVE_RE = re.compile(r"\b(hôm qua|hôm nay)\b", re.IGNORECASE)
# A yearless date this far after the article's date belongs to the year before.
_FUTURE_SLACK = timedelta(days=31)

# "tại Lima", "ở Hà Nội", "tại thủ đô Bắc Kinh", "tại Nhà Trắng": the capitalised words after
# the preposition, past a lower-case kind of place.
_PLACE_RE = re.compile(
    r"(?<!\w)(?P<prep>[Tt]ại|[Ởở])\s+"
    r"(?:(?:thủ đô|thành phố|thị trấn|thị xã|tỉnh|bang|đảo|khu nghỉ dưỡng|điện|dinh|cung điện)\s+)?"
)
_WORD_RE = re.compile(r"\s*([\w'’-]+)")
_PLACE_MAX_WORDS = 4
# "Đại sứ Nga tại Mỹ", "phóng viên TTXVN tại Lima": where someone is posted, not a meeting place.
_POSTED_RE = re.compile(
    r"(?:đại sứ|sứ quán|lãnh sự|phóng viên|thường trú|đặc phái viên)[^,;.]{0,25}$"
)
# Capitalised runs that name an event or a body, not where it happened.
_NOT_PLACES = (
    "Hội nghị",
    "Hội thảo",
    "Diễn đàn",
    "Đại hội",
    "Kỳ họp",
    "Phiên họp",
    "Tuần lễ",
    "Hội chợ",
    "Lễ",
    "Cuộc",
    "Buổi",
    "Tọa đàm",
    "Toạ đàm",
    "Thượng đỉnh",
    "Hiệp hội",
    "Ủy ban",
    "Uỷ ban",
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def _after_initial(body: str, period: int) -> bool:
    """ "V. Putin", "D. Trump": a capital standing alone before the period is an initial."""
    letter = period - 1
    return letter >= 0 and body[letter].isupper() and (letter == 0 or body[letter - 1].isspace())


def _inside_test(spans: Sequence[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether an offset falls strictly inside one of the spans, in logarithmic time (an article
    of megabytes has tens of thousands of mentions)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [start for start, _end in merged]

    def inside(offset: int) -> bool:
        k = bisect_left(starts, offset) - 1  # the last span starting before the offset
        return k >= 0 and offset < merged[k][1]

    return inside


def split_sentences(body: str, protected: Sequence[tuple[int, int]] = ()) -> list[Sentence]:
    """Sentences with their offsets; never cut inside a `protected` span (an entity mention)."""
    cuts = {0, len(body)}
    inside = _inside_test(protected)
    for match in _SENTENCE_END_RE.finditer(body):
        cut = match.end()
        if match.group() == "." and _after_initial(body, match.start()):
            continue
        if inside(cut):
            continue
        cuts.add(cut)
    cuts.update(match.end() for match in _CREDIT_RE.finditer(body))
    sentences = []
    ordered = sorted(cuts)
    for begin, finish in pairwise(ordered):
        text = body[begin:finish]
        stripped = text.strip()
        if not stripped:
            continue
        start = begin + (len(text) - len(text.lstrip()))
        sentences.append(Sentence(start, start + len(stripped), stripped))
    return sentences


def _resolve(day: int, month: int, year: int | None, article_date: Date | None) -> Date | None:
    if year is None:
        if article_date is None:
            return None
        year = article_date.year
        try:
            found = Date(year, month, day)
        except ValueError:
            return None
        if found - article_date > _FUTURE_SLACK:
            return _resolve(day, month, year - 1, None)
        return found
    try:
        return Date(year, month, day)
    except ValueError:
        return None


def stated_date(text: str, article_date: Date | None) -> Date | None:
    """The first date the sentence states, resolved against the article's date; else that date."""
    candidates: list[tuple[int, Date | None]] = []
    for pattern in (_DAY_MONTH_RE, _WRITTEN_DATE_RE):
        for match in pattern.finditer(text):
            year = int(match["year"]) if match["year"] else None
            found = _resolve(int(match["day"]), int(match["month"]), year, article_date)
            if found:
                candidates.append((match.start(), found))
    if article_date:
        for match in _RELATIVE_RE.finditer(text):
            shift = _RELATIVE_DAYS[match.group(1).lower()]
            candidates.append((match.start(), article_date + timedelta(days=shift)))
    if candidates:
        return min(candidates, key=lambda item: item[0])[1]
    return article_date


def _capitalised_run(text: str, position: int) -> str:
    """The words from `position` on that start with a capital letter ("Nhà Trắng")."""
    words = []
    while len(words) < _PLACE_MAX_WORDS and (match := _WORD_RE.match(text, position)):
        word = match.group(1)
        if not word[0].isupper():
            break
        words.append(word)
        position = match.end()
    return " ".join(words)


def stated_place(text: str) -> str | None:
    """The place the sentence names after "tại" (preferred) or "ở"; None when it names none."""
    found: dict[str, str] = {}
    for match in _PLACE_RE.finditer(text):
        if text.startswith(_NOT_PLACES, match.end()):
            continue
        if _POSTED_RE.search(text[: match.start()].lower()):
            continue
        name = _capitalised_run(text, match.end())
        if name:
            found.setdefault(match["prep"].lower(), name)
    return found.get("tại") or found.get("ở")
