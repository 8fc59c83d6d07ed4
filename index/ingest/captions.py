"""Photo captions standing where a title should: some Dân trí files open with one.

A caption ends with its photo's credit, "(Ảnh: AP).", "(Ảnh minh họa: Reuters)", "(Nguồn:
Pinterest)", "(Ảnh chụp màn hình)", or "… lạ. Ảnh: Internet" after a sentence; or it starts with
"Ảnh minh họa". A headline never does: "(Video)" or "(ảnh)" alone after a headline announces a
photo story, and a headline may start with "Ảnh:", so neither makes a caption.

Only one caption is passed over. A file whose first two lines are both captions is a photo story,
every paragraph a caption and the byline last (8 of Dân trí's 2,653 files): its first caption
is the best title it has, where skipping them all would make the byline the title.
"""

from __future__ import annotations

import re

_TONES = r"h(?:ọa|oạ)"  # both tone placements of "họa"
_CREDIT_IN_PARENTHESES_RE = re.compile(
    r"\(\s*(?:(?:ảnh|nguồn|đồ\s+" + _TONES + r")[^():]{0,30}:[^()]*"
    r"|ảnh\s+(?:minh\s+" + _TONES + r"|chụp\s+màn\s+hình))\s*\)\s*\.?$",
    re.IGNORECASE,
)
_CREDIT_AFTER_SENTENCE_RE = re.compile(
    r"[.!?…)\"”’]\s+(?:ảnh|nguồn)\s*:\s*[^!?:()\n]{1,60}$", re.IGNORECASE
)
_ILLUSTRATION_RE = re.compile(r"^[(\[]?\s*ảnh\s+minh\s+" + _TONES + r"\b", re.IGNORECASE)


def is_photo_caption(line: str) -> bool:
    text = line.strip()
    return bool(
        _CREDIT_IN_PARENTHESES_RE.search(text)
        or _CREDIT_AFTER_SENTENCE_RE.search(text)
        or _ILLUSTRATION_RE.match(text)
    )


def split_leading_caption(lines: list[str]) -> tuple[list[str], list[str]]:
    """([the caption opening `lines`], the lines after it); ([], lines) when the first line is
    not a caption, or when the second is one too (a photo story)."""
    if len(lines) >= 2 and is_photo_caption(lines[0]) and not is_photo_caption(lines[1]):
        return lines[:1], lines[1:]
    return [], lines
