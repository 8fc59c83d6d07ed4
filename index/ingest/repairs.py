"""The few repairs readers see: HTML entities, a title fused onto its body, glued sentences,
stray whitespace."""

from __future__ import annotations

import html
import re

# Vietnamese capitals and small letters interleave in Unicode, so case is tested per character.
_SENTENCE_END_RE = re.compile(r"[.!?](?=\w\w)")
_CASE_CHANGE_RE = re.compile(r"(?<=\w\w)(?=\w\w)")
_HORIZONTAL_SPACE_RE = re.compile(r"[^\S\n]+")
_DASH_LINE_RE = re.compile(r"^\s*[-=_—–]{3,}\s*$")
# Entities with their semicolon, numeric ones without it, and the few named ones that browsers
# also read without it ("&nbspTại"); not every legacy name, or "&notice" would read "¬ice".
_HTML_ENTITY_RE = re.compile(
    r"&(?:[A-Za-z][A-Za-z0-9]{1,31};|#[0-9]{1,7};?|#[xX][0-9A-Fa-f]{1,6};?|(?:nbsp|amp|quot|lt|gt))"
)

# A title fused onto its body only shows on a line far longer than any headline.
_FUSED_LINE_MIN_CHARS = 300
_TITLE_MIN_CHARS = 15
_TITLE_MAX_CHARS = 250


def decode_html_entities(text: str) -> str:
    """ "&nbsp;", "&nbspTại", "&amp;", "&#39;", "&#x2013;" become their characters; a name HTML
    does not know ("GD&TT;") stays as written. Decoded once: "&amp;lt;" reads "&lt;"."""
    if "&" not in text:
        return text
    return _HTML_ENTITY_RE.sub(lambda match: html.unescape(match.group()), text)


def collapse_whitespace(text: str) -> str:
    """Runs of spaces and tabs become one space; lines are trimmed; blank lines disappear."""
    lines = (_HORIZONTAL_SPACE_RE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _is_word_start(text: str, index: int) -> bool:
    """A capital followed by a small letter: the start of a capitalised word."""
    return text[index].isupper() and text[index + 1].islower()


def space_glued_sentences(text: str) -> str:
    """ "giới.Ngày" → "giới. Ngày"; "TP.HCM", "2.5" and "vnexpress.net" stay as they are."""
    cuts = [
        match.end()
        for match in _SENTENCE_END_RE.finditer(text)
        if match.start() and text[match.start() - 1].islower() and _is_word_start(text, match.end())
    ]
    for cut in reversed(cuts):
        text = text[:cut] + " " + text[cut:]
    return text


def _fusion_points(line: str, start: int, end: int) -> list[int]:
    """Where a small letter is glued to a capitalised word ("PeruTới"); not "McCain"."""
    points = []
    for match in _CASE_CHANGE_RE.finditer(line, start, end):
        cut = match.start()
        glued = line[cut - 2].islower() and line[cut - 1].islower() and _is_word_start(line, cut)
        if glued and not re.search(r"\b(?:Mc|Mac)$", line[max(0, cut - 4) : cut]):
            points.append(cut)
    return points


def is_dash_line(line: str) -> bool:
    return bool(_DASH_LINE_RE.match(line))


def split_fused_title(line: str) -> tuple[str, str] | None:
    """Split "…tại PeruTới Peru dự…" into title and body when a headline was fused onto its text."""
    if len(line) < _FUSED_LINE_MIN_CHARS:
        return None
    for cut in _fusion_points(line, _TITLE_MIN_CHARS, _TITLE_MAX_CHARS):
        title, body = line[:cut].strip(), line[cut:].strip()
        if " " in title and _looks_like_body(body):
            return title, body
    return None


def _looks_like_body(text: str) -> bool:
    first_sentence = re.split(r"[.!?]\s", text, maxsplit=1)[0]
    return len(first_sentence.split()) >= 4


def repair_body(text: str) -> str:
    return space_glued_sentences(collapse_whitespace(text))
