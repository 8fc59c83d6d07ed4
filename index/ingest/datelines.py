"""The full date an article's dateline states, for articles that carry no date metadata.

A dateline opens the body's first paragraph: "Hà Nội, ngày 12/11/2016", "(Dân trí) - Sáng
3/4/2020, …", "Thứ Hai, 12/06/2017 …", "Chiều ngày 05.02.2017, …", "Hôm nay, ngày 8/2/2017". Only
a full date (day, month and year) at the very start of that paragraph counts. A date inside a
sentence is what the article talks about ("Từ ngày 1/7/2017", "sinh ngày 5/1/1995", "Theo cáo
trạng, tối 28/11/2016"), and so, too often, is one opening the second paragraph: on the Baomoi
corpus of 2017, 18 of the 94 found there were history ("Vào ngày 2/6/1953, Nữ hoàng…") against
5 of 144 in the first.
"""

from __future__ import annotations

import re
from datetime import date as Date

_SEPARATOR = r"\s*[,–—-]?\s*"
# "(Dân trí) - ", "(TITC) – ", "TTO - ", "VOV.VN - ": a news agency's tag and a dash.
_AGENCY_RE = re.compile(
    r"(?:\([^()\n]{1,30}\)|[^\W\d_][^\W\d_.]*(?:[ .][^\W\d_]+){0,2})\s*[-–—]\s+"
)
# "Hà Nội, ", "TP.HCM, ", "Lima (Peru), ": words and a comma; capitals are checked in code.
_PLACE_RE = re.compile(
    r"([^\W\d_][\w.]*(?:\s+[^\W\d_][\w.]*){0,3})(?:\s*\([^()\n]{1,25}\))?\s*,\s*"
)
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)"
_CLOCK = r"(?:(?:vào\s+)?(?:lúc|khoảng)\s+)?\d{1,2}\s*(?:h|giờ)\s*(?:\d{1,2}\s*(?:phút|['’′])?)?"
_PART_OF_DAY = r"(?:rạng\s+sáng|sáng|trưa|chiều|tối|đêm|khuya)(?:\s+(?:sớm|muộn|tối|nay|qua))?"
_DAY_WORDS = r"(?:(?:trong\s+)?(?:ngày\s+)?hôm\s+(?:nay|qua)|hôm|vào)"
# "Thứ Hai, ", "Khoảng 15h20’ ", "Chiều ", "Hôm nay, ", "ngày ": each optional, in this order.
_WHEN_RE = re.compile(
    "".join(f"(?:{part}{_SEPARATOR})?" for part in (_WEEKDAY, _CLOCK, _PART_OF_DAY, _DAY_WORDS))
    + r"(?:ngày\s+)?",
    re.IGNORECASE,
)
# 12/11/2016, 05.02.2017, 1-7-2017; not the start of a range ("1-10/4/2016", "… - 21/6/2017").
_NUMERIC_DATE_RE = re.compile(
    r"(?P<day>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*(?P<year>\d{4})"
    r"(?![\d/.-]*\d)(?!\s*[-–—]\s*\d)"
)
# "12 tháng 11 năm 2016", as formal documents write it.
_WORDED_DATE_RE = re.compile(
    r"(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s*,?\s*năm\s+(?P<year>\d{4})(?!\d)",
    re.IGNORECASE,
)


def dateline_date(body: str, today: Date | None = None) -> str | None:
    """The ISO date the body's dateline states; None when its opening states no full date, or a
    date after `today` (default: the real today)."""
    first_paragraph = next((line.strip() for line in body.split("\n") if line.strip()), "")
    found = _date_at_start(first_paragraph)
    if found is None or found > (today or Date.today()):
        return None
    return found.isoformat()


def _date_at_start(paragraph: str) -> Date | None:
    rest = _skip(_AGENCY_RE, paragraph)
    rest = _skip_place(rest)
    rest = _skip(_WHEN_RE, rest)
    for pattern in (_NUMERIC_DATE_RE, _WORDED_DATE_RE):
        match = pattern.match(rest)
        if match:
            try:
                return Date(int(match["year"]), int(match["month"]), int(match["day"]))
            except ValueError:
                return None
    return None


def _skip(pattern: re.Pattern[str], text: str) -> str:
    match = pattern.match(text)
    return text[match.end() :] if match else text


def _skip_place(text: str) -> str:
    """Past a place name and its comma; "Theo đó, " and "Hôm nay, " are not places."""
    match = _PLACE_RE.match(text)
    if match and all(word[0].isupper() for word in match[1].split()):
        return text[match.end() :]
    return text
